#pragma once

#include "timelinescale.h"

#include <QJsonValue>
#include <QString>

#include <optional>

class QJsonObject;

namespace Workplan {

struct Calendar;

// What a drag on the timeline writes, kept apart from the mouse handling so it can be read
// (and checked) on its own: scene x back to working time, the snapping per zoom level, and
// the attribute texts in the form the task already uses.
namespace TimelineEdits {

// The working-hour offset from the project start at scene x: the inverse of the scale's
// startX/finishX (a dated x inside a non-working day reads as that day's working start).
double hoursAtX(const TimelineScale &scale, double x);

// The `not_before` for a bar whose left edge is dropped at scene x (dated plans only):
// the nearest working day's start at Day, Week and Month zoom, the nearest whole working
// hour at Hour zoom; never before the project's first day.
struct DateDrop
{
    Moment moment;
    QString text;   // "YYYY-MM-DD" at a day's start, else "YYYY-MM-DDTHH:MM"
};
std::optional<DateDrop> notBeforeAt(const TimelineScale &scale, double x);

// Effort is snapped to this many hours: a quarter hour at Hour zoom, coarser further out
// where a pixel is worth more than a quarter hour anyway.
double effortStep(const TimelineScale &scale);

// The estimate attribute a resize edits: the one the schedule reads (estimated_effort,
// else estimated_duration), estimated_effort when there is none.
QString effortAttribute(const QJsonObject &attributes);

// `hours` written like `old`: a JSON number stays a number of hours, "3 days" becomes
// "4 days", a range "2-4 days" keeps its width around the new middle. Anything unreadable
// (or absent) becomes "<n> hours".
QJsonValue effortValue(const QJsonValue &old, double hours, const Calendar &calendar);

} // namespace TimelineEdits
} // namespace Workplan
