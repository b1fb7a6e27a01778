#include "timelineedits.h"

#include "model/calendar.h"
#include "model/effort.h"

#include <QDate>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace Workplan::TimelineEdits {

namespace {

// At most a year of non-working days in a row: a calendar without any working weekday is
// refused when it is read, so this only bounds a loop that always ends much earlier.
constexpr int kMaxSkippedDays = 366;

qint64 nextWorkingDay(const WorkCalendar &dates, qint64 day)
{
    for (int i = 0; i < kMaxSkippedDays && !dates.isWorkingDay(day); ++i)
        ++day;
    return day;
}

QString number(double value)
{
    // Four decimals are finer than any snap step; the rest is floating-point noise.
    return QString::number(std::round(value * 10000) / 10000, 'g', 12);
}

// "1 days" and "3 day" read oddly; the usual English unit words follow the amount.
QString agreeingUnit(const QString &unit, double amount)
{
    static const char *const words[] = {"minute", "hour", "day", "week", "month"};
    const bool one = std::abs(amount - 1) < 1e-9;
    for (const char *w : words) {
        const QString singular = QLatin1String(w);
        const QString plural = singular + QLatin1Char('s');
        if (unit.compare(singular, Qt::CaseInsensitive) == 0 || unit.compare(plural, Qt::CaseInsensitive) == 0) {
            const bool upper = unit.at(0).isUpper();
            QString out = one ? singular : plural;
            if (upper)
                out[0] = out.at(0).toUpper();
            return out;
        }
    }
    return unit;
}

} // namespace

double hoursAtX(const TimelineScale &scale, double x)
{
    const WorkCalendar *dates = scale.dates();
    if (!dates)
        return x / scale.pixelsPerHour();
    const double w = scale.dayWidth();
    const qint64 day = scale.originDay() + qint64(std::floor(x / w));
    const double within = std::clamp((x - scale.xOfDay(day)) / w, 0.0, 1.0);
    const Moment m{day, dates->dayStartMinute() + within * dates->hoursPerDay() * 60};
    return dates->offsetOf(m);
}

std::optional<DateDrop> notBeforeAt(const TimelineScale &scale, double x)
{
    const WorkCalendar *dates = scale.dates();
    if (!dates)
        return std::nullopt;
    const double w = scale.dayWidth();
    const double hoursPerDay = dates->hoursPerDay();
    const qint64 origin = scale.originDay();
    qint64 day = 0;
    double hour = 0;
    if (scale.level() == TimelineScale::Level::Hour) {
        day = origin + qint64(std::floor(x / w));
        hour = std::round((x - scale.xOfDay(day)) / w * hoursPerDay);
        if (hour >= hoursPerDay) {
            ++day;
            hour = 0;
        }
    } else {
        day = origin + qint64(std::llround(x / w));
    }
    if (day < origin) {
        day = origin;
        hour = 0;
    }
    // A non-working day has no working start: the drop lands on the next working day.
    const qint64 working = nextWorkingDay(*dates, day);
    if (working != day)
        hour = 0;
    day = working;
    const int minute = dates->dayStartMinute() + int(std::lround(hour * 60));
    DateDrop drop;
    drop.moment = Moment{day, double(minute)};
    // A date alone is 00:00, which reads as the same working moment as the day's start.
    drop.text = QDate::fromJulianDay(day).toString(Qt::ISODate);
    if (minute != dates->dayStartMinute())
        drop.text += QStringLiteral("T%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
    return drop;
}

double effortStep(const TimelineScale &scale)
{
    const double day = scale.dayWidth() / scale.pixelsPerHour();   // hours per day
    switch (scale.level()) {
    case TimelineScale::Level::Hour: return 0.25;
    case TimelineScale::Level::Day: return 1;
    case TimelineScale::Level::Week: return std::max(0.25, day / 2);
    case TimelineScale::Level::Month:
    case TimelineScale::Level::Quarter: return std::max(0.25, day);
    }
    return 1;
}

QString effortAttribute(const QJsonObject &attributes)
{
    const QLatin1String effort("estimated_effort");
    const QLatin1String duration("estimated_duration");
    const QJsonValue e = attributes.value(effort);
    if (!e.isUndefined() && !e.isNull())
        return effort;
    const QJsonValue d = attributes.value(duration);
    if (!d.isUndefined() && !d.isNull())
        return duration;
    return effort;
}

QJsonValue effortValue(const QJsonValue &old, double hours, const Calendar &calendar)
{
    hours = std::max(0.0, hours);
    if (old.isDouble())
        return QJsonValue(std::round(hours * 10000) / 10000);
    const QString fallback = QStringLiteral("%1 hours").arg(number(hours));
    if (!old.isString())
        return fallback;
    // "<a>[-<b>] <unit>", the forms parseEffortText reads; the spacing is kept.
    static const QRegularExpression form(QStringLiteral(
        "^\\s*(\\d*\\.?\\d+)(?:(\\s*-\\s*)(\\d*\\.?\\d+))?(\\s*)([^\\d\\s.][^\\s]*)\\s*$"));
    const QRegularExpressionMatch m = form.match(old.toString());
    if (!m.hasMatch())
        return fallback;
    const QString unit = m.captured(5);
    const std::optional<double> perUnit = parseEffortText(QStringLiteral("1 ") + unit, calendar);
    if (!perUnit || *perUnit <= 0)
        return fallback;
    const double amount = hours / *perUnit;
    const QString space = m.captured(4);
    if (m.captured(3).isEmpty())
        return number(amount) + space + agreeingUnit(unit, amount);
    // A range moves as a whole: its middle is what the schedule reads.
    const double low = m.captured(1).toDouble();
    const double high = m.captured(3).toDouble();
    const double shift = amount - (low + high) / 2;
    const double newLow = std::max(0.0, low + shift);
    const double newHigh = std::max(newLow, high + shift);
    return number(newLow) + m.captured(2) + number(newHigh) + space + agreeingUnit(unit, newHigh);
}

} // namespace Workplan::TimelineEdits
