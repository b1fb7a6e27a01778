#pragma once

#include <vector>

namespace Workplan {

class Project;

// The task tree by index, for passes over a whole plan: each task's parent, depth and
// whether it has children, in flat arrays built with one id look-up per run of siblings.
// The canvas (folding, arrows) and View ▸ Collapse walk these instead of asking a hash for
// every ancestor of every task, which was a third of opening a 100k-task plan.
// Valid for the project it was made from until its tasks or parents change.
struct HierarchyIndex
{
    std::vector<int> parent;     // -1: top level, or a parent the project lacks
    std::vector<int> depth;      // 0 at the top level
    std::vector<char> summary;   // 1: has at least one child

    static HierarchyIndex of(const Project &project);
    int size() const { return int(parent.size()); }

    // For each task, the outermost ancestor i with folded[i] set, or -1 (not hidden).
    // `folded` is by task index, as long as the project.
    std::vector<int> outermostFolded(const std::vector<char> &folded) const;
};

} // namespace Workplan
