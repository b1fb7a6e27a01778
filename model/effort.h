#pragma once

#include "calendar.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

#include <optional>

namespace Workplan {

class Attributes;

// §2: "<number> <unit>" with an optional space, decimals, a range "a-b" counting as its
// midpoint; a JSON number is hours. Returns nullopt for anything unreadable (negative
// values, unknown units, booleans, empty text, ...).
std::optional<double> parseEffortText(QStringView text, const Calendar &calendar);

// The same reading with a range's ends kept (§8 draws a range "a-b" uniformly on [a, b]
// hours): `hours` is what parseEffortText returns; low == high == hours unless `range`.
struct EffortBounds
{
    double hours = 0;
    double low = 0;
    double high = 0;
    bool range = false;
};
std::optional<EffortBounds> parseEffortBoundsText(QStringView text, const Calendar &calendar);
std::optional<double> parseEffort(const QJsonValue &value, const Calendar &calendar);

// The attribute a leaf's duration comes from: `estimated_effort`, else `estimated_duration`.
// Undefined when neither is present (null counts as absent).
QJsonValue estimateValue(const Attributes &attributes);
QJsonValue estimateValue(const QJsonObject &attributes);

// Hours as a person reads them: "12 h", "2.5 h".
QString formatHours(double hours);

} // namespace Workplan
