#pragma once

// The passes analyze() (analyzer.cpp) runs, one file each: the forward pass
// (forwardpass.cpp), the backward pass with the critical chain and the parallel groups
// (schedulepass.cpp), the cycle report (cycles.cpp), blocked and ready (blocked.cpp), and
// the findings: warnings and overruns (findings.cpp). Internal to model/engine.

#include "analysis.h"
#include "snapshot.h"

#include <vector>

namespace Workplan::Passes {

constexpr double kEps = 1e-6;

// What the forward pass leaves: a topological order, ES and the generation level per node.
struct Forward
{
    std::vector<int> order;
    std::vector<double> es;
    std::vector<int> level;
    std::vector<int> groupSize;     // leaves per level
    double makespan = 0;            // the latest leaf finish
};

// ES and levels over the schedule graph (with not_before releases); false on a cycle.
bool forwardPass(const ScheduleGraph &g, Forward &f);
// LF, the critical tasks and chain, parallel groups, summary spans, overruns.
void schedule(const Snapshot &s, const ScheduleGraph &g, Forward &f, Analysis &a);
// Each strongly connected set of leaves that holds a cycle, in file order.
std::vector<std::vector<int>> findCycles(const Snapshot &s);
// Blocked tasks with their waits, and the ready leaves (§4); writes only those members.
void findBlocked(const Snapshot &s, const ScheduleGraph &g, Analysis &a);
// Leaf count and warnings in file order (§4, §6, §7).
void warningsOf(const Snapshot &s, const ScheduleGraph &g, Analysis &a);
// Summaries whose own estimate is shorter than their scheduled span.
void overrunsOf(const Snapshot &s, const ScheduleGraph &g, Analysis &a);

} // namespace Workplan::Passes
