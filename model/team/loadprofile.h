#pragma once

#include <vector>

namespace Workplan {

struct Snapshot;

// One step of a resource's load: `units` are in use from `time` (hours) until the next
// step's time. A profile is sorted by time, no two neighbours hold the same units, and it
// ends with a step to 0 (before its first step nothing is in use). An empty profile: the
// resource is never used.
struct LoadStep
{
    double time = 0;
    int units = 0;

    bool operator==(const LoadStep &o) const { return time == o.time && units == o.units; }
};

// Times closer than this count as one instant, so that a task finishing at 16 h and its
// successor starting at 16 h + 1e-12 (sums of durations) leave no spike or gap between them.
constexpr double kLoadTimeEpsilon = 1e-9;

// The units of `resource` (an index into snapshot.resources) in use over time when each
// task t holds its demand (snapshot.demandStart/demandResource/demandUnits) over
// [start[t], finish[t]). Works for any schedule: the unlimited one (ES..EF) or the leveled
// one. Tasks without a demand, without times (NaN, or arrays too short) or of zero length
// count for nothing. Pure; O(k log k) in the k tasks that use the resource.
std::vector<LoadStep> loadProfile(const Snapshot &snapshot, int resource,
                                  const std::vector<double> &start, const std::vector<double> &finish);

// The tasks (file order) that hold `resource` at time `t`: start <= t < finish, so a task
// ending exactly at t no longer holds it and one starting at t does.
std::vector<int> tasksAt(const Snapshot &snapshot, int resource, const std::vector<double> &start,
                         const std::vector<double> &finish, double t);

// The units of `resource` that task `t` holds while it runs (0: none).
int demandUnitsOf(const Snapshot &snapshot, int resource, int t);

// The highest units of a profile (0 for an empty one).
int peakUnits(const std::vector<LoadStep> &profile);

} // namespace Workplan
