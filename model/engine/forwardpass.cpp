// The forward pass of §4: ES, generation levels and a topological order in one walk.
#include "passes.h"

#include <algorithm>
#include <cstdint>

namespace Workplan::Passes {

// Depth-first over predecessors: emits every node after all of its predecessors and
// computes ES and the generation level on emitting. Returns false on a cycle.
bool forwardPass(const ScheduleGraph &g, Forward &f)
{
    const int nodes = g.nodeCount();
    // A node's level doubles as its state: a node is done once it has one. A predecessor's
    // EF (es + duration) and the level it hands on (level, + 1 for a leaf) are derived
    // where read: fewer arrays to fault in on every run.
    constexpr int Unseen = -1, Open = -2;
    f.es.assign(std::size_t(nodes), 0.0);
    f.level.assign(std::size_t(nodes), Unseen);
    f.order.reserve(std::size_t(nodes));
    double *es = f.es.data();
    int *level = f.level.data();
    const int *inStart = g.inStart.data();
    const int *pred = g.pred.data();
    const double *lag = g.lag.data();
    const double *duration = g.duration.data();
    const std::uint8_t *leaf = g.leaf.data();
    const double *release = g.release.empty() ? nullptr : g.release.data();
    // Emits v when all its predecessors are done; else returns false and leaves it alone.
    auto tryEmit = [&](int v) {
        double start = release ? release[v] : 0.0;
        int lvl = 0;
        for (int e = inStart[v]; e < inStart[v + 1]; ++e) {
            const int u = pred[e];
            if (level[u] < 0)
                return false;
            start = std::max(start, es[u] + duration[u] + lag[e]);
            lvl = std::max(lvl, level[u] + leaf[u]);
        }
        es[v] = start;
        level[v] = lvl;
        f.order.push_back(v);
        if (leaf[v]) {
            f.makespan = std::max(f.makespan, start + duration[v]);
            if (lvl >= int(f.groupSize.size()))
                f.groupSize.resize(std::size_t(lvl) + 1, 0);
            ++f.groupSize[std::size_t(lvl)];
        }
        return true;
    };
    // Most nodes come after their predecessors and are emitted straight away; the rest are
    // expanded depth-first (v: expand v; ~v: emit v, its predecessors being done by then).
    std::vector<int> stack;
    auto visit = [&](int root) {
        if (level[root] != Unseen || tryEmit(root))
            return true;
        stack.push_back(root);
        while (!stack.empty()) {
            const int top = stack.back();
            stack.pop_back();
            if (top < 0) {
                tryEmit(~top);
                continue;
            }
            if (level[top] != Unseen || tryEmit(top))
                continue;
            level[top] = Open;
            stack.push_back(~top);
            for (int e = inStart[top]; e < inStart[top + 1]; ++e) {
                const int u = pred[e];
                if (level[u] == Unseen)
                    stack.push_back(u);
                else if (level[u] == Open)
                    return false;
            }
        }
        return true;
    };
    // Roots in file order, a summary by its start: a parent's start then comes before its
    // children, and most dependencies point back, so nearly every node is emitted on its
    // first try instead of being expanded (in node order every leaf would first meet its
    // parent's start, numbered after all tasks). Summary finishes follow their children.
    // Any root order gives a topological order, and ES, LF and levels do not depend on it.
    for (int t = 0; t < g.tasks; ++t) {
        if (!visit(g.inNode(t)))
            return false;
    }
    for (int root = 0; root < nodes; ++root) {
        if (!visit(root))
            return false;
    }
    return true;
}


} // namespace Workplan::Passes
