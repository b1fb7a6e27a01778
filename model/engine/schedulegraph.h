#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace Workplan {

struct Snapshot;

// The graph the schedule runs on (§3), as flat in-edge arrays. Node t is leaf t, or the
// *finish* of summary t (it waits for its children); node n + k is the *start* of the k-th
// summary in file order (its children wait for it). A dependency on or of a summary is
// then one edge, never leaves x leaves.
//
// It depends only on the project, not on any analysis, so it is built once with the
// snapshot (like the baseline's graph in bench/baseline.cpp, whose building is not timed)
// and shared, immutable, by every analysis of that snapshot.
//
// A leaf's or start's in-edges are the start of its parent, then the task's counting
// dependencies in declared order; a summary finish's in-edges are its children.
struct ScheduleGraph
{
    int tasks = 0;
    std::vector<int> startOf;         // per task: its start node; -1 for a leaf
    std::vector<int> taskOfStart;     // start node tasks + k -> its summary (file order)
    std::vector<int> inStart;         // CSR of in-edges, size nodeCount() + 1
    std::vector<int> pred;
    std::vector<double> lag;          // hours, per in-edge
    std::vector<int> dep;             // per in-edge: its declared dependency, -1 for the hierarchy
    std::vector<double> duration;     // per node; summary nodes take no time
    std::vector<std::uint8_t> leaf;   // per node
    // Per node, the earliest start its not_before allows (§6: a leaf's own, a summary's on
    // its start node, which its children wait for). Empty when no task has one.
    std::vector<double> release;

    int nodeCount() const { return int(duration.size()); }
    int summaryCount() const { return int(taskOfStart.size()); }
    int inNode(int t) const { return startOf[t] < 0 ? t : startOf[t]; }

    // Where the explicit out-edge graph (see analyzer.cpp) lists in-edge e of v among its
    // source's out-edges, so that ties pick the same critical chain either way: from a
    // summary's start, the child (its task index); from a task, the edge to its parent
    // (2 * depStart of the task) before or after the dependencies on it (2 * d + 1).
    // Takes the snapshot's depStart (inline: asked for every tight critical edge).
    int key(const std::vector<int> &depStart, int v, int e) const
    {
        if (dep[e] >= 0)
            return 2 * dep[e] + 1;
        if (v < tasks && !leaf[v])
            return 2 * depStart[pred[e]];           // from a child to this summary's finish
        return v < tasks ? v : taskOfStart[v - tasks]; // from the parent's start
    }
    // The node that out-edge `key` of u leads to: a start's out-edges go to its children;
    // a task's to its parent's finish (even keys) or to the owner of a dependency (odd).
    int target(const std::vector<int> &depStart, const std::vector<int> &parent, int u, int key) const
    {
        if (u >= tasks)
            return inNode(key);
        if (key % 2 == 0)
            return parent[u];
        const int d = (key - 1) / 2;
        const int owner = int(std::upper_bound(depStart.begin(), depStart.end(), d) - depStart.begin()) - 1;
        return inNode(owner);
    }

    static std::shared_ptr<const ScheduleGraph> build(const Snapshot &s);
};

} // namespace Workplan
