#pragma once

#include "../calendar/workcalendar.h"

#include <QString>

#include <vector>

namespace Workplan {

struct Analysis;
struct Snapshot;

// §6: the schedule of an analysis read as moments of the project's calendar. Only for a
// project with a start and an analysis with a schedule.
struct ScheduleDates
{
    struct Task { Moment start, finish, lateStart, lateFinish; };
    std::vector<Task> tasks;     // per task, file order
    Moment finish;               // the finish reading of the makespan

    // A leaf of duration 0 takes the finish reading for its start (and late start); a
    // summary the earliest start, latest finish, earliest late start and latest late
    // finish over its leaves.
    static ScheduleDates of(const Snapshot &s, const Analysis &a);
};

// §6: per task (file order), its deadline's offset minus its EF, in working hours (below 0
// it is late); NaN for a task without a readable deadline. All NaN without dates or a
// schedule. Computed once per analysis so that views asking per task pay O(1).
std::vector<double> deadlineMargins(const Snapshot &s, const Analysis &a);

// For people rather than files: "2025-06-23 09:00" (formatMoment with a space for the T).
QString dateTimeText(const Moment &m);
// A margin as the views show it: "+5.5 h" with time to spare, "−11 h late" below 0 (a
// margin within a millionth of an hour of 0 counts as on time, as in the report).
QString marginText(double hours);
bool isLate(double margin);

bool operator<(const Moment &a, const Moment &b);

} // namespace Workplan
