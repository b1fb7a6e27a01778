#include "timelinescale.h"

#include <QDate>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace Workplan {

void TimelineScale::setCalendar(std::shared_ptr<const WorkCalendar> dates, double hoursPerDay,
                                double daysPerWeek)
{
    m_dates = std::move(dates);
    m_hoursPerDay = hoursPerDay > 0 ? hoursPerDay : 8;
    m_daysPerWeek = daysPerWeek > 0 ? daysPerWeek : 5;
    if (m_dates) {
        m_hoursPerDay = m_dates->hoursPerDay();
        m_origin = m_dates->startMoment().day;
        m_dayStart = m_dates->dayStartMinute();
    }
}

void TimelineScale::setPixelsPerHour(double px)
{
    m_pxPerHour = std::clamp(px, minPixelsPerHour(), maxPixelsPerHour());
}

double TimelineScale::pixelsPerHour(Level level)
{
    switch (level) {
    case Level::Hour: return 48;
    case Level::Day: return 10;     // 80 px a day
    case Level::Week: return 2.4;   // about 19 px a day
    case Level::Month: return 0.6;
    case Level::Quarter: return 0.2;   // a month about 48 px, a quarter about 145 px
    }
    return 10;
}

TimelineScale::Level TimelineScale::level() const
{
    // Each level holds from its own zoom down to halfway (geometrically) to the next.
    if (m_pxPerHour >= 20)
        return Level::Hour;
    if (m_pxPerHour >= 4.5)
        return Level::Day;
    if (m_pxPerHour >= 1.1)
        return Level::Week;
    if (m_pxPerHour >= 0.35)
        return Level::Month;
    return Level::Quarter;
}

double TimelineScale::xOfMoment(const Moment &m) const
{
    const double w = dayWidth();
    const double within = std::clamp((m.minute - m_dayStart) / (m_hoursPerDay * 60), 0.0, 1.0);
    return double(m.day - m_origin) * w + within * w;
}

double TimelineScale::startX(double hours) const
{
    return m_dates ? xOfMoment(m_dates->startReading(hours)) : hours * m_pxPerHour;
}

double TimelineScale::finishX(double hours) const
{
    return m_dates ? xOfMoment(m_dates->finishReading(hours)) : hours * m_pxPerHour;
}

QVector<qint64> TimelineScale::nonWorkingDays(double x0, double x1) const
{
    QVector<qint64> days;
    if (!m_dates)
        return days;
    const double w = dayWidth();
    const qint64 first = m_origin + qint64(std::floor(x0 / w));
    const qint64 last = m_origin + qint64(std::floor(x1 / w));
    for (qint64 d = first; d <= last; ++d) {
        if (!m_dates->isWorkingDay(d))
            days << d;
    }
    return days;
}

QVector<TimelineScale::Tick> TimelineScale::ticks(double x0, double x1, int tier) const
{
    return m_dates ? datedTicks(x0, x1, tier) : hourTicks(x0, x1, tier);
}

QVector<TimelineScale::Tick> TimelineScale::datedTicks(double x0, double x1, int tier) const
{
    QVector<Tick> out;
    const QLocale locale;
    const double w = dayWidth();
    const qint64 firstDay = m_origin + qint64(std::floor(x0 / w));
    const qint64 lastDay = m_origin + qint64(std::floor(x1 / w));
    const Level lv = level();

    // Runs of whole days (a day, a week from Monday, a month, a year), labelled once each.
    auto runs = [&](auto startOf, auto nextOf, const QString &format) {
        qint64 d = startOf(QDate::fromJulianDay(firstDay)).toJulianDay();
        while (d <= lastDay) {
            const QDate date = QDate::fromJulianDay(d);
            const qint64 next = nextOf(date).toJulianDay();
            out.push_back({xOfDay(d), double(next - d) * w, locale.toString(date, format)});
            d = next;
        }
    };
    auto dayStart = [](const QDate &d) { return d; };
    auto nextDay = [](const QDate &d) { return d.addDays(1); };
    auto weekStart = [](const QDate &d) { return d.addDays(1 - d.dayOfWeek()); };
    auto nextWeek = [](const QDate &d) { return d.addDays(8 - d.dayOfWeek()); };
    auto monthStart = [](const QDate &d) { return QDate(d.year(), d.month(), 1); };
    auto nextMonth = [](const QDate &d) { return QDate(d.year(), d.month(), 1).addMonths(1); };
    auto quarterStart = [](const QDate &d) { return QDate(d.year(), 1 + 3 * ((d.month() - 1) / 3), 1); };
    auto nextQuarter = [](const QDate &d) { return QDate(d.year(), 1 + 3 * ((d.month() - 1) / 3), 1).addMonths(3); };
    auto yearStart = [](const QDate &d) { return QDate(d.year(), 1, 1); };
    auto nextYear = [](const QDate &d) { return QDate(d.year() + 1, 1, 1); };

    switch (lv) {
    case Level::Hour:
        if (tier == 0) {
            runs(dayStart, nextDay, QStringLiteral("ddd d MMM yyyy"));
        } else {
            // The working hours of each working day, as clock times.
            for (qint64 d = firstDay; d <= lastDay; ++d) {
                if (!m_dates->isWorkingDay(d))
                    continue;
                for (int h = 0; h < int(std::ceil(m_hoursPerDay)); ++h) {
                    const int minute = m_dayStart + h * 60;
                    out.push_back({xOfDay(d) + h * m_pxPerHour, m_pxPerHour,
                                   QStringLiteral("%1:%2").arg(minute / 60).arg(minute % 60, 2, 10, QLatin1Char('0'))});
                }
            }
        }
        break;
    case Level::Day:
        if (tier == 0)
            runs(monthStart, nextMonth, QStringLiteral("MMMM yyyy"));
        else
            runs(dayStart, nextDay, w >= 60 ? QStringLiteral("ddd d") : QStringLiteral("d"));
        break;
    case Level::Week:
        if (tier == 0)
            runs(monthStart, nextMonth, QStringLiteral("MMM yyyy"));
        else
            runs(weekStart, nextWeek, QStringLiteral("d MMM"));
        break;
    case Level::Month:
        if (tier == 0)
            runs(yearStart, nextYear, QStringLiteral("yyyy"));
        else
            runs(monthStart, nextMonth, w * 30 >= 60 ? QStringLiteral("MMM") : QStringLiteral("M"));
        break;
    case Level::Quarter:
        if (tier == 0) {
            // "Q3 2025": QDate formats have no quarter, so the label is made here.
            qint64 d = quarterStart(QDate::fromJulianDay(firstDay)).toJulianDay();
            while (d <= lastDay) {
                const QDate date = QDate::fromJulianDay(d);
                const qint64 next = nextQuarter(date).toJulianDay();
                out.push_back({xOfDay(d), double(next - d) * w,
                               QStringLiteral("Q%1 %2").arg((date.month() - 1) / 3 + 1).arg(date.year())});
                d = next;
            }
        } else {
            runs(monthStart, nextMonth, w * 30 >= 24 ? QStringLiteral("MMM") : QStringLiteral("M"));
        }
        break;
    }
    return out;
}

QVector<TimelineScale::Tick> TimelineScale::hourTicks(double x0, double x1, int tier) const
{
    // No dates: hours, days of hours_per_day, weeks of days_per_week, months of 4 weeks,
    // numbered from 1 like the columns of a plan ("Day 1" is hours 0 to 8).
    const double day = m_hoursPerDay;
    const double week = day * m_daysPerWeek;
    const double month = 4 * week;
    double unit = 1;
    QString format;
    switch (level()) {
    case Level::Hour:
        unit = tier == 0 ? day : 1;
        format = tier == 0 ? QStringLiteral("Day %1") : QStringLiteral("%1 h");
        break;
    case Level::Day:
        unit = tier == 0 ? week : day;
        format = tier == 0 ? QStringLiteral("Week %1") : QStringLiteral("Day %1");
        break;
    case Level::Week:
        unit = tier == 0 ? month : week;
        format = tier == 0 ? QStringLiteral("Month %1") : QStringLiteral("Week %1");
        break;
    case Level::Month:
        unit = tier == 0 ? 12 * month : month;
        format = tier == 0 ? QStringLiteral("Year %1") : QStringLiteral("Month %1");
        break;
    case Level::Quarter:
        unit = tier == 0 ? 3 * month : month;
        format = tier == 0 ? QStringLiteral("Quarter %1") : QStringLiteral("M%1");
        break;
    }
    QVector<Tick> out;
    const double w = unit * m_pxPerHour;
    const qint64 first = std::max<qint64>(0, qint64(std::floor(x0 / w)));
    const qint64 last = qint64(std::floor(x1 / w));
    for (qint64 k = first; k <= last; ++k) {
        // Hours are labelled by the hour they start at, the rest by their ordinal.
        const qint64 label = unit == 1 ? k : k + 1;
        out.push_back({double(k) * w, w, format.arg(label)});
    }
    return out;
}

} // namespace Workplan
