#pragma once

#include "../validation.h"

#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <array>
#include <optional>
#include <vector>

namespace Workplan {

class Project;

// A moment of the project's local time (§6 has no time zones): a Julian day and the
// minutes into it, possibly fractional (a 0.875-hour task ends mid-minute).
struct Moment
{
    qint64 day = 0;
    double minute = 0;
};

// §6's two written forms, "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM", nothing else (no seconds,
// no zone, no space for the T, no 24:00).
struct DateText
{
    qint64 day = 0;
    int minute = 0;
    bool dateOnly = false;
};
std::optional<DateText> parseDateText(QStringView text);
// "YYYY-MM-DDTHH:MM", rounded to the nearest minute, half a minute up.
QString formatMoment(const Moment &m);

// The working-time calendar of §6 over a project start: maps working-hour offsets (what
// the schedule computes) to moments and back. Pure and immutable once built; O(log
// holidays) per mapping, whatever the distance, so 100k schedule entries cost little.
//
// Working days are [day_start, day_start + hours_per_day) on the working weekdays that
// are not holidays. Internally every moment is measured as "absolute" working hours from
// a fixed origin (C(day) * hours_per_day + the hours worked that day); offsets are
// differences of those, so moments before the start simply get negative offsets.
class WorkCalendar
{
public:
    // The §6 fields of `project` (start, working_days, day_start, holidays, next to
    // hours_per_day/days_per_week). Returns the first problem, if any, as a file-level
    // error. Sets *out (when given) only for a project with a start.
    static std::optional<ValidationError> read(const Project &project,
                                               std::optional<WorkCalendar> *out);

    // Builds one directly (tests, the editor): weekdays[0] is Monday.
    WorkCalendar(const Moment &start, double hoursPerDay, int dayStartMinute,
                 const std::array<bool, 7> &weekdays, const std::vector<qint64> &holidays);

    // s0: the start, or the next working moment when the start is not working time.
    Moment startMoment() const { return m_s0; }
    // Working hours from s0 to `m`, negative before s0.
    double offsetOf(const Moment &m) const { return absoluteHours(m) - m_s0Hours; }
    // The earliest moment at which `hours` working hours have passed since s0.
    Moment finishReading(double hours) const { return reading(hours, true); }
    // The latest such moment: after a day's last hour, the next working day's start.
    Moment startReading(double hours) const { return reading(hours, false); }

    bool isWorkingDay(qint64 day) const;
    double hoursPerDay() const { return m_hoursPerDay; }
    int dayStartMinute() const { return m_dayStart; }

private:
    qint64 workingWeekdaysBefore(qint64 day) const;
    qint64 holidaysBefore(qint64 day) const;
    double absoluteHours(const Moment &m) const;
    qint64 dayOfIndex(qint64 k) const;
    Moment reading(double hours, bool finish) const;

    double m_hoursPerDay = 8;
    int m_dayStart = 9 * 60;
    std::array<bool, 7> m_weekdays{};
    std::array<int, 8> m_prefix{};        // working weekdays among Monday..(k-1)
    std::array<int, 7> m_nth{};           // the weekday of the r-th working weekday
    int m_perWeek = 0;
    qint64 m_epoch = 0;                   // a Monday on or before the start
    std::vector<qint64> m_holidays;       // sorted, unique, on working weekdays only
    std::vector<qint64> m_holidayIndex;   // per holiday: non-holiday working days before it
    Moment m_s0;
    double m_s0Hours = 0;
};

} // namespace Workplan
