#include "workcalendar.h"

#include "../storage/json/jsonwriter.h"
#include "../project.h"
#include "../validation.h"

#include <QDate>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace Workplan {

namespace {

// Floor division and modulo that stay right for days before the epoch.
qint64 floorDiv(qint64 a, qint64 b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
qint64 floorMod(qint64 a, qint64 b) { return a - floorDiv(a, b) * b; }

// Julian day numbers are 0 mod 7 on Mondays.
int weekday(qint64 day) { return int(floorMod(day, 7)); }

bool digits(QStringView s, qsizetype from, qsizetype count, int *value)
{
    int v = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const QChar c = s[i];
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
        v = v * 10 + (c.unicode() - '0');
    }
    *value = v;
    return true;
}

// "HH:MM" at `from`, hours 00–23, minutes 00–59.
std::optional<int> parseClock(QStringView s, qsizetype from)
{
    int h, m;
    if (s.size() != from + 5 || s[from + 2] != QLatin1Char(':') || !digits(s, from, 2, &h)
        || !digits(s, from + 3, 2, &m) || h > 23 || m > 59)
        return std::nullopt;
    return h * 60 + m;
}

QString shown(const QJsonValue &v)
{
    return v.isString() ? v.toString() : QString::fromUtf8(compactJson(v));
}

const char *const kDayNames[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

} // namespace

std::optional<DateText> parseDateText(QStringView s)
{
    if (s.size() != 10 && s.size() != 16)
        return std::nullopt;
    int y, mo, d;
    if (!digits(s, 0, 4, &y) || s[4] != QLatin1Char('-') || !digits(s, 5, 2, &mo)
        || s[7] != QLatin1Char('-') || !digits(s, 8, 2, &d))
        return std::nullopt;
    const QDate date(y, mo, d);
    if (!date.isValid())
        return std::nullopt;
    DateText t;
    t.day = date.toJulianDay();
    t.dateOnly = s.size() == 10;
    if (!t.dateOnly) {
        if (s[10] != QLatin1Char('T'))
            return std::nullopt;
        const auto clock = parseClock(s, 11);
        if (!clock)
            return std::nullopt;
        t.minute = *clock;
    }
    return t;
}

QString formatMoment(const Moment &m)
{
    // Half a minute up; the tiny allowance keeps sums like 52.4999999 on the written side.
    qint64 minutes = qint64(std::floor(m.minute + 0.5 + 1e-7));
    const qint64 day = m.day + floorDiv(minutes, 1440);
    minutes = floorMod(minutes, 1440);
    int y, mo, d;
    QDate::fromJulianDay(day).getDate(&y, &mo, &d);
    // Written by hand: a schedule of 100k tasks writes 400k of these.
    char16_t out[16];
    auto put = [&](int at, int value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            out[at + i] = char16_t(u'0' + value % 10);
    };
    put(0, y, 4);
    out[4] = u'-';
    put(5, mo, 2);
    out[7] = u'-';
    put(8, d, 2);
    out[10] = u'T';
    put(11, int(minutes / 60), 2);
    out[13] = u':';
    put(14, int(minutes % 60), 2);
    return QString(reinterpret_cast<const QChar *>(out), 16);
}

std::optional<ValidationError> WorkCalendar::read(const Project &project,
                                                  std::optional<WorkCalendar> *out)
{
    auto problem = [](const QString &text) { return ValidationError{QString(), text}; };
    // null reads as absent, as it does for every optional field of the contract.
    auto field = [](const QJsonObject &o, const char *name) {
        const QJsonValue v = o.value(QLatin1String(name));
        return v.isNull() ? QJsonValue(QJsonValue::Undefined) : v;
    };
    const QJsonValue startValue = field(project.projectExtra, "start");
    const QJsonValue daysValue = field(project.calendarExtra, "working_days");
    const QJsonValue dayStartValue = field(project.calendarExtra, "day_start");
    const QJsonValue holidaysValue = field(project.calendarExtra, "holidays");

    std::optional<DateText> start;
    if (!startValue.isUndefined()) {
        start = startValue.isString() ? parseDateText(startValue.toString()) : std::nullopt;
        if (!start)
            return problem(QStringLiteral("project start \"%1\" is not a date: write YYYY-MM-DD or YYYY-MM-DDTHH:MM")
                               .arg(shown(startValue)));
    }

    std::array<bool, 7> weekdays{};
    if (!daysValue.isUndefined()) {
        if (!daysValue.isArray())
            return problem(QStringLiteral("calendar working_days must be an array of day names (mon tue wed thu fri sat sun), not %1")
                               .arg(shown(daysValue)));
        const QJsonArray days = daysValue.toArray();
        if (days.isEmpty())
            return problem(QStringLiteral("calendar working_days is empty: name at least one working day"));
        for (const QJsonValue &d : days) {
            const QString name = d.toString();
            const auto known = std::find_if(std::begin(kDayNames), std::end(kDayNames),
                                            [&](const char *n) { return name == QLatin1String(n); });
            if (!d.isString() || known == std::end(kDayNames))
                return problem(QStringLiteral("calendar working_days: unknown day \"%1\" (use mon tue wed thu fri sat sun)")
                                   .arg(shown(d)));
            bool &on = weekdays[std::size_t(known - std::begin(kDayNames))];
            if (on)
                return problem(QStringLiteral("calendar working_days: \"%1\" is named twice").arg(name));
            on = true;
        }
    } else {
        // The first floor(days_per_week) days from Monday, at least one.
        const int count = std::clamp(int(std::floor(project.calendar.daysPerWeek)), 1, 7);
        for (int i = 0; i < count; ++i)
            weekdays[std::size_t(i)] = true;
    }

    int dayStart = 9 * 60;
    if (!dayStartValue.isUndefined()) {
        const auto clock = dayStartValue.isString() ? parseClock(dayStartValue.toString(), 0) : std::nullopt;
        if (!clock)
            return problem(QStringLiteral("calendar day_start \"%1\" is not a time of day: write HH:MM (00:00 to 23:59)")
                               .arg(shown(dayStartValue)));
        dayStart = *clock;
    }

    std::vector<qint64> holidays;
    if (!holidaysValue.isUndefined()) {
        if (!holidaysValue.isArray())
            return problem(QStringLiteral("calendar holidays must be an array of dates (YYYY-MM-DD), not %1")
                               .arg(shown(holidaysValue)));
        for (const QJsonValue &h : holidaysValue.toArray()) {
            const auto date = h.isString() ? parseDateText(h.toString()) : std::nullopt;
            if (!date || !date->dateOnly)
                return problem(QStringLiteral("calendar holiday \"%1\" is not a date: write YYYY-MM-DD").arg(shown(h)));
            holidays.push_back(date->day);
        }
    }

    const double hoursPerDay = project.calendar.hoursPerDay;
    if (start || !dayStartValue.isUndefined()) {
        if (!(hoursPerDay > 0))
            return problem(QStringLiteral("calendar hours_per_day must be above 0"));
        if (dayStart + hoursPerDay * 60 > 24 * 60 + 1e-9)
            return problem(QStringLiteral("calendar working day from %1 for %2 h ends after 24:00")
                               .arg(QStringLiteral("%1:%2").arg(dayStart / 60, 2, 10, QLatin1Char('0'))
                                        .arg(dayStart % 60, 2, 10, QLatin1Char('0')))
                               .arg(hoursPerDay));
    }

    if (out && start) {
        const Moment s{start->day, double(start->dateOnly ? dayStart : start->minute)};
        out->emplace(s, hoursPerDay, dayStart, weekdays, holidays);
    }
    return std::nullopt;
}

WorkCalendar::WorkCalendar(const Moment &start, double hoursPerDay, int dayStartMinute,
                           const std::array<bool, 7> &weekdays, const std::vector<qint64> &holidays)
    : m_hoursPerDay(hoursPerDay)
    , m_dayStart(dayStartMinute)
    , m_weekdays(weekdays)
{
    for (int k = 0; k < 7; ++k) {
        m_prefix[std::size_t(k) + 1] = m_prefix[std::size_t(k)] + (weekdays[std::size_t(k)] ? 1 : 0);
        if (weekdays[std::size_t(k)])
            m_nth[std::size_t(m_perWeek++)] = k;
    }
    m_epoch = start.day - weekday(start.day);
    for (qint64 h : holidays) {
        if (m_weekdays[std::size_t(weekday(h))])
            m_holidays.push_back(h);
    }
    std::sort(m_holidays.begin(), m_holidays.end());
    m_holidays.erase(std::unique(m_holidays.begin(), m_holidays.end()), m_holidays.end());
    m_holidayIndex.reserve(m_holidays.size());
    for (std::size_t i = 0; i < m_holidays.size(); ++i)
        m_holidayIndex.push_back(workingWeekdaysBefore(m_holidays[i]) - qint64(i));

    // s0: the start if it is working time, else the next working day's start.
    const double dayEnd = m_dayStart + m_hoursPerDay * 60;
    m_s0 = start;
    if (!isWorkingDay(m_s0.day) || m_s0.minute >= dayEnd - 1e-9) {
        do
            ++m_s0.day;
        while (!isWorkingDay(m_s0.day));
        m_s0.minute = m_dayStart;
    } else if (m_s0.minute < m_dayStart) {
        m_s0.minute = m_dayStart;
    }
    m_s0Hours = absoluteHours(m_s0);
}

bool WorkCalendar::isWorkingDay(qint64 day) const
{
    return m_weekdays[std::size_t(weekday(day))]
        && !std::binary_search(m_holidays.begin(), m_holidays.end(), day);
}

qint64 WorkCalendar::workingWeekdaysBefore(qint64 day) const
{
    const qint64 d = day - m_epoch;
    return floorDiv(d, 7) * m_perWeek + m_prefix[std::size_t(floorMod(d, 7))];
}

qint64 WorkCalendar::holidaysBefore(qint64 day) const
{
    return qint64(std::lower_bound(m_holidays.begin(), m_holidays.end(), day) - m_holidays.begin());
}

double WorkCalendar::absoluteHours(const Moment &m) const
{
    // Whole working days before m.day, then what m.day has worked by m.minute.
    const double days = double(workingWeekdaysBefore(m.day) - holidaysBefore(m.day));
    double today = 0;
    if (isWorkingDay(m.day))
        today = std::clamp((m.minute - m_dayStart) / 60.0, 0.0, m_hoursPerDay);
    return days * m_hoursPerDay + today;
}

// The working day with k non-holiday working days before it (counted as absoluteHours does).
qint64 WorkCalendar::dayOfIndex(qint64 k) const
{
    // Holidays at or before the k-th day shift it by one raw working weekday each.
    const qint64 raw = k + qint64(std::upper_bound(m_holidayIndex.begin(), m_holidayIndex.end(), k)
                                  - m_holidayIndex.begin());
    const qint64 week = floorDiv(raw, m_perWeek);
    return m_epoch + 7 * week + m_nth[std::size_t(floorMod(raw, m_perWeek))];
}

Moment WorkCalendar::reading(double hours, bool finish) const
{
    if (std::fabs(hours) <= 1e-9)
        return m_s0;
    const double absolute = m_s0Hours + hours;
    double q = absolute / m_hoursPerDay;
    // Exact at day ends: a quotient within rounding of a whole number is that number.
    const double whole = std::round(q);
    if (std::fabs(q - whole) <= 1e-9 * std::max(1.0, std::fabs(q))) {
        const qint64 k = qint64(whole);
        if (finish)
            return {dayOfIndex(k - 1), m_dayStart + m_hoursPerDay * 60};
        return {dayOfIndex(k), double(m_dayStart)};
    }
    const qint64 k = qint64(std::floor(q));
    const double rest = absolute - double(k) * m_hoursPerDay;
    return {dayOfIndex(k), m_dayStart + rest * 60};
}

} // namespace Workplan
