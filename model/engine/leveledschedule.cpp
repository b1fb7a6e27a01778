#include "leveledschedule.h"

#include "analysis.h"
#include "leveling.h"
#include "snapshot.h"

namespace Workplan {

namespace {

// The schedule graph as the leveling engine's problem: the same nodes and edges (summary
// start and finish nodes take no time and hold nothing), each leaf holding its demand.
LevelingProblem problemOf(const Snapshot &s, const ScheduleGraph &g)
{
    LevelingProblem p;
    p.nodes = g.nodeCount();
    p.duration = g.duration;
    p.release = g.release;
    p.inStart = g.inStart;
    p.pred = g.pred;
    p.lag = g.lag;
    for (const Resource &r : s.resources)
        p.capacity.push_back(r.capacity);
    p.demandStart.assign(std::size_t(p.nodes) + 1, 0);
    for (int v = 0; v < p.nodes; ++v) {
        // Leaves of duration 0 need nothing (§7).
        if (v < s.taskCount() && !s.demandStart.empty() && g.duration[std::size_t(v)] > 0) {
            for (int k = s.demandStart[std::size_t(v)]; k < s.demandStart[std::size_t(v) + 1]; ++k) {
                p.demandResource.push_back(s.demandResource[std::size_t(k)]);
                p.demandUnits.push_back(s.demandUnits[std::size_t(k)]);
            }
        }
        p.demandStart[std::size_t(v) + 1] = int(p.demandResource.size());
    }
    return p;
}

} // namespace

LeveledSchedule levelSchedule(const Snapshot &s, const Analysis &a, int effort)
{
    const ScheduleGraph &g = *s.schedule;
    const LevelingProblem problem = problemOf(s, g);
    LevelingOptions options;
    options.effort = effort;
    const LevelingResult result = levelResources(problem, options);

    LeveledSchedule out;
    out.schedulesTried = result.schedulesTried;
    const int n = s.taskCount();
    out.start.assign(std::size_t(n), 0.0);
    out.finish.assign(std::size_t(n), 0.0);
    for (int t = 0; t < n; ++t) {
        if (!g.leaf[std::size_t(t)])
            continue;
        const double start = result.start[std::size_t(t)];
        const double finish = start + g.duration[std::size_t(t)];
        out.start[std::size_t(t)] = start;
        out.finish[std::size_t(t)] = finish;
        out.makespanHours = std::max(out.makespanHours, finish);
        if (start > a.times(t).es + 1e-6)
            out.delayed.push_back(t);
    }
    return out;
}

} // namespace Workplan
