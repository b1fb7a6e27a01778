#pragma once

#include <string>
#include <vector>

namespace Workplan {

// One resource-constrained scheduling problem on the schedule graph's nodes (§7). Nodes are
// activities; some have duration 0 and no demand (summary start/finish nodes, milestones).
// Plain std C++ on purpose: the engine is a pure function of this struct, so it can be
// tested, benchmarked and fuzzed without Qt or a project file.
struct LevelingProblem
{
    int nodes = 0;
    std::vector<double> duration;   // hours >= 0, per node
    std::vector<double> release;    // per node earliest start (hours >= 0); empty = all 0
    // In-edges CSR: for e in [inStart[v], inStart[v+1]):
    //   start[v] >= start[pred[e]] + duration[pred[e]] + lag[e]
    std::vector<int> inStart, pred;
    std::vector<double> lag;        // >= 0
    std::vector<int> capacity;      // per resource, >= 1
    // Demands CSR per node: units of resource demandResource[k] held over
    // [start, start + duration); empty demandStart = nobody needs anything.
    std::vector<int> demandStart, demandResource, demandUnits;
};

struct LevelingOptions
{
    int effort = -1; // number of schedules tried; -1 = defaultLevelingEffort(nodes)
    // The resource profile is a flat sorted array, switching to a balanced tree when a pass
    // would make the array quadratic; the schedule is the same either way. true = the tree
    // from the start (for tests and benchmarks).
    bool treeProfile = false;
};

struct LevelingResult
{
    std::vector<double> start;
    double makespan = 0;
    int schedulesTried = 0;
    // max(critical-path bound, per resource total work / capacity): a makespan equal to it
    // is proven optimal, and the search stops there.
    double lowerBound = 0;
};

// Serial schedule generation on activity lists: first the latest-finish-time rule, then
// forward-backward improvement and a genetic search over lists (see leveling.cpp).
// Precondition: acyclic, every demand <= capacity. Deterministic: the same problem and
// effort give the same result bit for bit on every run and machine.
LevelingResult levelResources(const LevelingProblem &p, const LevelingOptions &o = {});

// Validates any schedule against the rules: every precedence with lag (1e-6 h tolerance),
// release, capacity at every moment (a node holds units over [start, start + duration);
// zero-duration nodes hold nothing), non-negative starts. Returns an empty string when
// valid, else what is wrong (which node / resource / time).
std::string checkLeveledSchedule(const LevelingProblem &p, const std::vector<double> &start);

// The unlimited-capacity earliest schedule's makespan (critical-path lower bound).
double criticalPathBound(const LevelingProblem &p);

// Schedules tried by default: thousands for tens or hundreds of nodes, falling with size so
// that the total work stays near a second; at least 1 (the plain rule) for huge graphs.
int defaultLevelingEffort(int nodes);

} // namespace Workplan
