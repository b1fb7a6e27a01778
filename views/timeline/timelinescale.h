#pragma once

#include "model/calendar/workcalendar.h"

#include <QString>
#include <QVector>

#include <memory>

class QDate;

namespace Workplan {

// How the schedule's working hours become x. Without a project start, x is plain working
// hours times the zoom. With one, every calendar day gets the same width (a working day's
// hours spread over it), so weekends and holidays keep a visible place in the chart; a bar
// starts at the calendar's start reading of its ES and ends at the finish reading of its
// EF, which is how the date columns of the analysis read the same hours.
class TimelineScale
{
public:
    enum class Level { Hour, Day, Week, Month, Quarter };
    static constexpr int LevelCount = 5;

    // One label of the header: [x, x + width) in scene coordinates.
    struct Tick
    {
        double x = 0;
        double width = 0;
        QString text;
    };

    void setCalendar(std::shared_ptr<const WorkCalendar> dates, double hoursPerDay,
                     double daysPerWeek);
    bool hasDates() const { return bool(m_dates); }
    const WorkCalendar *dates() const { return m_dates.get(); }

    double pixelsPerHour() const { return m_pxPerHour; }
    void setPixelsPerHour(double px);
    static double pixelsPerHour(Level level);
    static double minPixelsPerHour() { return 0.05; }
    static double maxPixelsPerHour() { return 200; }
    // The header's tiers follow the zoom, whichever way it was reached.
    Level level() const;

    double startX(double hours) const;
    double finishX(double hours) const;
    double xOfMoment(const Moment &m) const;
    double dayWidth() const { return m_hoursPerDay * m_pxPerHour; }
    // The day drawn at x = 0 (dated plans only).
    qint64 originDay() const { return m_origin; }

    // The header's labels over [x0, x1]: tier 0 is the coarse top row, 1 the fine one.
    QVector<Tick> ticks(double x0, double x1, int tier) const;
    // Days to shade over [x0, x1] (dated plans only), as Julian days.
    QVector<qint64> nonWorkingDays(double x0, double x1) const;
    double xOfDay(qint64 julianDay) const { return double(julianDay - m_origin) * dayWidth(); }

private:
    QVector<Tick> datedTicks(double x0, double x1, int tier) const;
    QVector<Tick> hourTicks(double x0, double x1, int tier) const;

    std::shared_ptr<const WorkCalendar> m_dates;
    double m_hoursPerDay = 8;
    double m_daysPerWeek = 5;
    double m_pxPerHour = 10;
    qint64 m_origin = 0;
    int m_dayStart = 9 * 60;
};

} // namespace Workplan
