#pragma once

#include <vector>

namespace Workplan {

struct Snapshot;

// The dependency chain of one task, for the canvas's Focus on Chain: every task it waits
// for, transitively (upstream), every task that waits for it (downstream), and the task
// itself, as ascending snapshot indices. Pure and O(V + E).
//
// Every declared dependency counts, whatever its type and whether it is waived: the chain
// is what the arrows join, not only what the schedule waits for.
//
// Summaries follow the hierarchy the way the schedule does (§3), with a start and a finish
// per task: a child starts after its parent starts and its parent finishes after it, and a
// dependency joins the prerequisite's finish to the owner's start. So
// - a leaf's chain holds its ancestors (their start comes before it, their finish after
//   it) and what they wait for and what waits for them, but not its siblings;
// - a summary's chain holds all its descendants (they make up its work) and their chains
//   up and down;
// - a dependency on a summary brings in what waits for it, not the summary's other tasks'
//   prerequisites (the walk never turns from upstream to downstream).
// Out-of-range indices give an empty chain.
std::vector<int> dependencyChain(const Snapshot &snapshot, int task);

} // namespace Workplan
