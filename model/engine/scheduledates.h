#pragma once

#include "../calendar/workcalendar.h"

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

bool operator<(const Moment &a, const Moment &b);

} // namespace Workplan
