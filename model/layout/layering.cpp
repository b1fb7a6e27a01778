#include "layering.h"

#include "../engine/snapshot.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace Workplan {

namespace {

// Node t is leaf t or the finish of summary t; node n + t is the start of summary t.
struct NodeGraph
{
    std::vector<int> start;           // CSR of out-edges, size 2n + 1
    std::vector<int> target;
    std::vector<std::uint8_t> used;   // leaves and both nodes of every summary
    std::vector<std::uint8_t> dropped; // per edge: ignored to break a cycle
    std::vector<std::uint8_t> isDep;   // per edge: a dependency (drawn), not structure
    std::vector<std::uint8_t> loose;   // per edge: a dependency that does not count (§3)
};

NodeGraph buildGraph(const Snapshot &s)
{
    const int n = s.taskCount();
    const int nodes = 2 * n;
    NodeGraph g;
    g.used.assign(nodes, 0);
    g.start.assign(nodes + 1, 0);
    auto valid = [n](int t) { return t >= 0 && t < n; };
    auto inNode = [&](int t) { return s.isLeaf(t) ? t : n + t; };

    for (int t = 0; t < n; ++t) {
        g.used[t] = 1;
        if (!s.isLeaf(t)) {
            g.used[n + t] = 1;
            g.start[n + t + 1] += s.childStart[t + 1] - s.childStart[t];
        }
        if (valid(s.parent[t]))
            ++g.start[t + 1];
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            if (valid(s.depPrereq[d]) && s.depPrereq[d] != t)
                ++g.start[s.depPrereq[d] + 1];
        }
    }
    for (int v = 0; v < nodes; ++v)
        g.start[v + 1] += g.start[v];
    g.target.resize(g.start[nodes]);
    g.dropped.assign(g.target.size(), 0);
    g.isDep.assign(g.target.size(), 0);
    g.loose.assign(g.target.size(), 0);
    std::vector<int> fill(g.start.begin(), g.start.end() - 1);
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t)) {
            for (int c = s.childStart[t]; c < s.childStart[t + 1]; ++c)
                g.target[fill[n + t]++] = inNode(s.children[c]);
        }
        if (valid(s.parent[t]))
            g.target[fill[t]++] = s.parent[t];
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            if (valid(s.depPrereq[d]) && s.depPrereq[d] != t) {
                g.isDep[fill[s.depPrereq[d]]] = 1;
                g.loose[fill[s.depPrereq[d]]] = !s.depCounts[d];
                g.target[fill[s.depPrereq[d]]++] = inNode(t);
            }
        }
    }
    return g;
}

// Kahn's algorithm over the edges not dropped; short when a cycle remains.
std::vector<int> topologicalOrder(const NodeGraph &g)
{
    const int nodes = int(g.used.size());
    std::vector<int> indegree(nodes, 0);
    for (std::size_t e = 0; e < g.target.size(); ++e) {
        if (!g.dropped[e])
            ++indegree[g.target[e]];
    }
    std::vector<int> order;
    order.reserve(nodes);
    for (int v = 0; v < nodes; ++v) {
        if (g.used[v] && indegree[v] == 0)
            order.push_back(v);
    }
    for (std::size_t head = 0; head < order.size(); ++head) {
        const int u = order[head];
        for (int e = g.start[u]; e < g.start[u + 1]; ++e) {
            if (!g.dropped[e] && --indegree[g.target[e]] == 0)
                order.push_back(g.target[e]);
        }
    }
    return order;
}

// Iterative DFS over the nodes Kahn left behind (every cycle lives there); dropping its back
// edges leaves a DAG. Roots in node order, edges in CSR order: deterministic.
int dropBackEdges(NodeGraph &g, const std::vector<int> &order)
{
    const int nodes = int(g.used.size());
    enum : std::uint8_t { Outside, White, Grey, Black };
    std::vector<std::uint8_t> colour(nodes, Outside);
    for (int v = 0; v < nodes; ++v) {
        if (g.used[v])
            colour[v] = White;
    }
    for (int v : order)
        colour[v] = Outside;

    int dropped = 0;
    struct Frame { int v; int edge; };
    std::vector<Frame> stack;
    for (int root = 0; root < nodes; ++root) {
        if (colour[root] != White)
            continue;
        colour[root] = Grey;
        stack.push_back({root, g.start[root]});
        while (!stack.empty()) {
            Frame &f = stack.back();
            if (f.edge == g.start[f.v + 1]) {
                colour[f.v] = Black;
                stack.pop_back();
                continue;
            }
            const int e = f.edge++;
            if (g.dropped[e])
                continue;
            const int w = g.target[e];
            if (colour[w] == Grey) {
                g.dropped[e] = 1;
                ++dropped;
            } else if (colour[w] == White) {
                colour[w] = Grey;
                stack.push_back({w, g.start[w]});
            }
        }
    }
    return dropped;
}

// Shorter arrows: the generations put every task as far left as its prerequisites allow,
// so a task with no prerequisite sits in column 0 however late its dependents come. From
// the right, each task whose dependencies out outnumber those in moves as far right as its
// successors allow (each move shortens more arrows than it stretches); a summary's nodes
// are not drawn and move right as far as they can, to make room. Every edge still points
// right: successors are placed first and only ever move right.
void pullRight(const NodeGraph &g, const Snapshot &s, const std::vector<int> &order, std::vector<int> &level)
{
    const int n = s.taskCount();
    std::vector<int> depsIn(level.size(), 0);
    for (std::size_t e = 0; e < g.target.size(); ++e) {
        if (g.isDep[e] && !g.dropped[e])
            ++depsIn[g.target[e]];
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const int u = *it;
        const bool leaf = u < n && s.isLeaf(u);
        int hi = std::numeric_limits<int>::max(), depsOut = 0;
        for (int e = g.start[u]; e < g.start[u + 1]; ++e) {
            if (g.dropped[e])
                continue;
            hi = std::min(hi, level[g.target[e]] - (leaf ? 1 : 0));
            depsOut += g.isDep[e];
        }
        if (hi == std::numeric_limits<int>::max() || hi <= level[u])
            continue;
        if (!leaf || depsOut > depsIn[u])
            level[u] = hi;
    }
}

} // namespace

LayerAssignment assignLayers(const Snapshot &s)
{
    const int n = s.taskCount();
    LayerAssignment a;
    a.layer.assign(n, -1);
    if (n == 0)
        return a;

    NodeGraph g = buildGraph(s);
    std::vector<int> order = topologicalOrder(g);
    const int usedCount = int(std::count(g.used.begin(), g.used.end(), std::uint8_t(1)));
    if (int(order.size()) < usedCount) {
        // A cycle. The counting dependencies decide the order on their own; a loose one
        // (`related`, say) keeps pointing right only where it agrees with that order.
        for (std::size_t e = 0; e < g.target.size(); ++e)
            g.dropped[e] = g.loose[e];
        order = topologicalOrder(g);
        if (int(order.size()) < usedCount) {
            a.brokenEdges = dropBackEdges(g, order);
            order = topologicalOrder(g);
        }
        std::vector<int> position(g.used.size(), 0);
        for (std::size_t i = 0; i < order.size(); ++i)
            position[order[i]] = int(i);
        for (int u = 0; u < int(g.used.size()); ++u) {
            for (int e = g.start[u]; e < g.start[u + 1]; ++e) {
                if (g.loose[e])
                    g.dropped[e] = position[u] >= position[g.target[e]];
            }
        }
    }

    // Only a leaf takes a column, so a summary's nodes pass their level straight through.
    std::vector<int> level(g.used.size(), 0);
    for (int u : order) {
        const bool leaf = u < n && s.isLeaf(u);
        const int out = leaf ? level[u] + 1 : level[u];
        for (int e = g.start[u]; e < g.start[u + 1]; ++e) {
            if (!g.dropped[e])
                level[g.target[e]] = std::max(level[g.target[e]], out);
        }
    }
    pullRight(g, s, order, level);
    for (int t = 0; t < n; ++t) {
        if (s.isLeaf(t)) {
            a.layer[t] = level[t];
            a.layerCount = std::max(a.layerCount, level[t] + 1);
        }
    }
    return a;
}

} // namespace Workplan
