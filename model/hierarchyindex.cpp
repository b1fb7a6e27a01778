#include "hierarchyindex.h"

#include "project.h"

namespace Workplan {

HierarchyIndex HierarchyIndex::of(const Project &project)
{
    HierarchyIndex h;
    const int n = project.taskCount();
    h.parent.assign(std::size_t(n), -1);
    h.depth.assign(std::size_t(n), -1);
    h.summary.assign(std::size_t(n), 0);
    // Files list children in runs under one parent: look the parent up once per run.
    const QString *runOf = nullptr;
    int runParent = -1;
    for (int i = 0; i < n; ++i) {
        const QString &parentId = project.task(i).parentId;
        if (parentId.isEmpty())
            continue;
        if (!runOf || *runOf != parentId) {
            runOf = &parentId;
            runParent = project.indexOf(parentId);
        }
        if (runParent >= 0 && runParent != i) {
            h.parent[std::size_t(i)] = runParent;
            h.summary[std::size_t(runParent)] = 1;
        }
    }
    // Depths by walking up to the first known one (a parent may come after its children).
    // A chain that comes back to itself (an invalid file being shown) counts from 0 where
    // it closes, so this always ends.
    std::vector<int> chain;
    for (int i = 0; i < n; ++i) {
        int cur = i;
        while (cur >= 0 && h.depth[std::size_t(cur)] == -1) {
            h.depth[std::size_t(cur)] = -2;   // on the chain being walked
            chain.push_back(cur);
            cur = h.parent[std::size_t(cur)];
        }
        int d = cur >= 0 && h.depth[std::size_t(cur)] >= 0 ? h.depth[std::size_t(cur)] + 1 : 0;
        for (auto it = chain.rbegin(); it != chain.rend(); ++it)
            h.depth[std::size_t(*it)] = d++;
        chain.clear();
    }
    return h;
}

std::vector<int> HierarchyIndex::outermostFolded(const std::vector<char> &folded) const
{
    const int n = size();
    std::vector<int> out(std::size_t(n), -1);
    std::vector<char> done(std::size_t(n), 0);
    std::vector<int> chain;
    for (int i = 0; i < n; ++i) {
        // Up to a task whose answer is known, then down again: an ancestor folded above
        // `cur`'s answer wins, else cur's parent if folded, else cur's parent's answer.
        int cur = i;
        while (cur >= 0 && !done[std::size_t(cur)]) {
            done[std::size_t(cur)] = 1;   // also ends a parent cycle
            chain.push_back(cur);
            cur = parent[std::size_t(cur)];
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            const int p = parent[std::size_t(*it)];
            if (p < 0)
                continue;
            out[std::size_t(*it)] = out[std::size_t(p)] >= 0 ? out[std::size_t(p)] : (folded[std::size_t(p)] ? p : -1);
        }
        chain.clear();
    }
    return out;
}

} // namespace Workplan
