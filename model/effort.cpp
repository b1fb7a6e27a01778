#include "effort.h"

#include "attributes.h"

#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace Workplan {

namespace {

bool isSpace(QChar c) { return c == QLatin1Char(' ') || c == QLatin1Char('\t'); }
bool isDigit(QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }

// Reads "12", "2.5" or ".5" at `pos`; no sign, no exponent.
std::optional<double> readNumber(QStringView s, qsizetype &pos)
{
    const qsizetype start = pos;
    double value = 0;
    bool digits = false;
    while (pos < s.size() && isDigit(s[pos])) {
        value = value * 10 + (s[pos].unicode() - '0');
        ++pos;
        digits = true;
    }
    if (pos < s.size() && s[pos] == QLatin1Char('.')) {
        ++pos;
        double scale = 0.1;
        bool fraction = false;
        while (pos < s.size() && isDigit(s[pos])) {
            value += (s[pos].unicode() - '0') * scale;
            scale /= 10;
            ++pos;
            fraction = true;
        }
        if (!fraction) {
            pos = start;
            return std::nullopt;
        }
        digits = true;
    }
    if (!digits) {
        pos = start;
        return std::nullopt;
    }
    // Summing digit by digit loses exactness for long fractions; reparse for exact decimals.
    // Short numbers (no overflow or underflow possible) go through std::from_chars, which
    // rounds correctly like QString::toDouble but needs no locale machinery.
    const qsizetype length = pos - start;
    char ascii[24];
    if (length < qsizetype(sizeof ascii)) {
        for (qsizetype i = 0; i < length; ++i)
            ascii[i] = char(s[start + i].unicode());   // digits and '.' only
        double exact = 0;
        const auto res = std::from_chars(ascii, ascii + length, exact);
        if (res.ec == std::errc() && res.ptr == ascii + length)
            return exact;
    }
    bool ok = false;
    const double exact = s.mid(start, length).toDouble(&ok);
    return ok ? exact : value;
}

std::optional<double> unitHours(QStringView unit, const Calendar &c)
{
    auto is = [&](const char *name) { return unit.compare(QLatin1String(name), Qt::CaseInsensitive) == 0; };
    if (is("hour") || is("hours") || is("hr") || is("hrs") || is("h"))
        return 1.0;
    if (is("day") || is("days") || is("d"))
        return c.hoursPerDay;
    if (is("week") || is("weeks") || is("wk") || is("wks") || is("w"))
        return c.hoursPerWeek();
    if (is("month") || is("months") || is("mo"))
        return c.hoursPerMonth();
    return std::nullopt;
}

// Hours for `amount` of `unit`. Minutes divide rather than multiply by 1/60 so that
// "30 minutes" is exactly 0.5 h.
std::optional<double> toHours(double amount, QStringView unit, const Calendar &c)
{
    // ASCII units, the usual case, are lower-cased once and compared as bytes; anything
    // else keeps Qt's Unicode case folding below.
    char lower[8];
    bool ascii = unit.size() < qsizetype(sizeof lower);
    for (qsizetype i = 0; ascii && i < unit.size(); ++i) {
        const char16_t ch = unit[i].unicode();
        ascii = ch < 0x80;
        lower[i] = char(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
    }
    if (ascii) {
        lower[unit.size()] = '\0';
        auto is = [&](const char *name) { return std::strcmp(lower, name) == 0; };
        if (is("minute") || is("minutes") || is("min") || is("mins") || is("m"))
            return amount / 60.0;
        if (is("hour") || is("hours") || is("hr") || is("hrs") || is("h"))
            return amount;
        if (is("day") || is("days") || is("d"))
            return amount * c.hoursPerDay;
        if (is("week") || is("weeks") || is("wk") || is("wks") || is("w"))
            return amount * c.hoursPerWeek();
        if (is("month") || is("months") || is("mo"))
            return amount * c.hoursPerMonth();
        return std::nullopt;
    }
    auto is = [&](const char *name) { return unit.compare(QLatin1String(name), Qt::CaseInsensitive) == 0; };
    if (is("minute") || is("minutes") || is("min") || is("mins") || is("m"))
        return amount / 60.0;
    const auto perUnit = unitHours(unit, c);
    if (!perUnit)
        return std::nullopt;
    return amount * *perUnit;
}

} // namespace

std::optional<EffortBounds> parseEffortBoundsText(QStringView text, const Calendar &calendar)
{
    const QStringView s = text.trimmed();
    qsizetype pos = 0;
    const auto low = readNumber(s, pos);
    if (!low)
        return std::nullopt;
    double amount = *low;
    std::optional<double> high;

    qsizetype look = pos;
    while (look < s.size() && isSpace(s[look]))
        ++look;
    if (look < s.size() && s[look] == QLatin1Char('-')) {
        ++look;
        while (look < s.size() && isSpace(s[look]))
            ++look;
        high = readNumber(s, look);
        if (!high)
            return std::nullopt;
        amount = (*low + *high) / 2.0;
        pos = look;
    }

    while (pos < s.size() && isSpace(s[pos]))
        ++pos;
    const QStringView unit = s.mid(pos);
    if (unit.isEmpty())
        return std::nullopt;
    const auto hours = toHours(amount, unit, calendar);
    if (!hours || !std::isfinite(*hours))
        return std::nullopt;
    EffortBounds b{*hours, *hours, *hours, false};
    if (high) {
        // The midpoint above is what every figure uses; the ends matter only to §8's draws.
        const double a = toHours(*low, unit, calendar).value_or(*hours);
        const double z = toHours(*high, unit, calendar).value_or(*hours);
        b.low = std::min(a, z);
        b.high = std::max(a, z);
        b.range = true;
    }
    return b;
}

std::optional<double> parseEffortText(QStringView text, const Calendar &calendar)
{
    const auto b = parseEffortBoundsText(text, calendar);
    return b ? std::optional<double>(b->hours) : std::nullopt;
}

std::optional<double> parseEffort(const QJsonValue &value, const Calendar &calendar)
{
    if (value.isDouble()) {
        const double h = value.toDouble();
        if (h < 0 || !std::isfinite(h))
            return std::nullopt;
        return h;
    }
    if (value.isString())
        return parseEffortText(value.toString(), calendar);
    return std::nullopt;
}

QJsonValue estimateValue(const Attributes &attributes)
{
    const QJsonValue effort = attributes.value(QLatin1String("estimated_effort"));
    if (!effort.isUndefined() && !effort.isNull())
        return effort;
    const QJsonValue duration = attributes.value(QLatin1String("estimated_duration"));
    if (!duration.isUndefined() && !duration.isNull())
        return duration;
    return QJsonValue(QJsonValue::Undefined);
}

QJsonValue estimateValue(const QJsonObject &attributes)
{
    return estimateValue(Attributes(attributes));
}

QString formatHours(double hours)
{
    return QString::number(hours, 'g', 10) + QLatin1String(" h");
}

} // namespace Workplan
