#pragma once

#include <vector>

namespace Workplan {

struct Analysis;
struct Snapshot;

// §7: the schedule with the team's capacity, read back per task. Leaves get a start and a
// finish in hours; summaries and every other node are not part of it.
struct LeveledSchedule
{
    double makespanHours = 0;
    std::vector<double> start;    // per task (file order); meaningful for leaves only
    std::vector<double> finish;
    std::vector<int> delayed;     // leaves starting later than their ES (by more than 1e-6 h), file order
    int schedulesTried = 0;
};

// Levels the snapshot's schedule graph against its declared resources with `effort`
// schedules (-1: the engine's default for the plan's size). Only for an analysis with a
// schedule and no leaf needing more than exists (Analysis::overCapacity).
LeveledSchedule levelSchedule(const Snapshot &s, const Analysis &a, int effort);

} // namespace Workplan
