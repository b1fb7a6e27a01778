#pragma once

#include <vector>

namespace Workplan {

struct Snapshot;

// Columns for the auto layout: the topological generation of every leaf over the counting
// dependencies (§3, §4), the numbers the engine reports as parallel groups, except that a
// leaf with more dependents than prerequisites moves right, as far as its dependents allow:
// shorter arrows, fewer crossings (issue #16). Every counting dependency still points right.
// Loose dependencies (the ones that do not count, `related`) take part too when they close
// no cycle, so they point right as well instead of looping back across the plan (dot ranks
// every edge alike); where they would close one, the counting ones decide alone and a loose
// one points right only if it agrees with their order.
struct LayerAssignment
{
    std::vector<int> layer;   // per task: a leaf's generation, -1 for a summary
    int layerCount = 0;
    int brokenEdges = 0;      // graph edges ignored to break cycles; 0 for a valid plan
};

// O(V + E), iterative. Summaries enter as a start and a finish node, as in the engine, so a
// dependency on or of a summary costs one edge. Cycles are broken by dropping the back
// edges of a depth-first search, so a cyclic file still gets a layout.
LayerAssignment assignLayers(const Snapshot &s);

} // namespace Workplan
