// The cycle report of §4: the cyclic strongly connected sets of leaves, in file order.
#include "passes.h"

#include <algorithm>
#include <cstdint>

namespace Workplan::Passes {

namespace {

// The schedule graph with out-edges, built only to report cycles (scheduling reads the
// in-edge ScheduleGraph). Its out-edge order is what ScheduleGraph::key() mirrors.
struct Graph
{
    int n = 0;
    std::vector<int> start;          // CSR of out-edges, size 2n + 1
    std::vector<int> target;
    std::vector<std::uint8_t> used;  // leaf nodes and both nodes of each summary

    int nodeCount() const { return 2 * n; }
};

// Node t is leaf t or the finish of summary t; node n + t the start of summary t.
Graph buildGraph(const Snapshot &s)
{
    Graph g;
    const int n = s.taskCount();
    g.n = n;
    const int nodes = 2 * n;
    g.used.assign(nodes, 0);
    std::vector<int> degree(nodes + 1, 0);

    auto inNode = [&](int t) { return s.isLeaf(t) ? t : n + t; };

    for (int t = 0; t < n; ++t) {
        g.used[t] = 1;
        if (!s.isLeaf(t)) {
            g.used[n + t] = 1;
            degree[n + t] += s.childStart[t + 1] - s.childStart[t];
        }
        if (s.parent[t] >= 0)
            ++degree[t];                       // finish of t -> finish of its parent
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            if (s.depCounts[d])
                ++degree[s.depPrereq[d]];
        }
    }

    g.start.assign(nodes + 1, 0);
    for (int v = 0; v < nodes; ++v)
        g.start[v + 1] = g.start[v] + degree[v];
    g.target.resize(g.start[nodes]);
    std::vector<int> fill(g.start.begin(), g.start.end() - 1);
    auto add = [&](int from, int to) { g.target[fill[from]++] = to; };
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t)) {
            for (int c = s.childStart[t]; c < s.childStart[t + 1]; ++c)
                add(n + t, inNode(s.children[c]));
        }
        if (s.parent[t] >= 0)
            add(t, s.parent[t]);
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            if (s.depCounts[d])
                add(s.depPrereq[d], inNode(t));
        }
    }
    return g;
}


// Kahn's algorithm; the order is shorter than the used node count when there is a cycle.
std::vector<int> topologicalOrder(const Graph &g)
{
    const int nodes = g.nodeCount();
    std::vector<int> indegree(nodes, 0);
    for (int e = 0; e < int(g.target.size()); ++e)
        ++indegree[g.target[e]];
    std::vector<int> order;
    order.reserve(nodes);
    for (int v = 0; v < nodes; ++v) {
        if (g.used[v] && indegree[v] == 0)
            order.push_back(v);
    }
    for (std::size_t head = 0; head < order.size(); ++head) {
        const int u = order[head];
        for (int e = g.start[u]; e < g.start[u + 1]; ++e) {
            if (--indegree[g.target[e]] == 0)
                order.push_back(g.target[e]);
        }
    }
    return order;
}

// Iterative Tarjan over the nodes Kahn could not order; every cycle lives among them.
std::vector<std::vector<int>> cyclicLeafSets(const Snapshot &s, const Graph &g,
                                             const std::vector<int> &order)
{
    const int nodes = g.nodeCount();
    std::vector<std::uint8_t> candidate(g.used);
    for (int v : order)
        candidate[v] = 0;

    std::vector<int> index(nodes, -1), low(nodes, 0);
    std::vector<std::uint8_t> onStack(nodes, 0);
    std::vector<int> sccStack;
    struct Frame { int v; int edge; };
    std::vector<Frame> call;
    int counter = 0;
    std::vector<std::vector<int>> result;

    for (int root = 0; root < nodes; ++root) {
        if (!candidate[root] || index[root] >= 0)
            continue;
        call.push_back({root, g.start[root]});
        index[root] = low[root] = counter++;
        sccStack.push_back(root);
        onStack[root] = 1;
        while (!call.empty()) {
            Frame &f = call.back();
            const int v = f.v;
            if (f.edge < g.start[v + 1]) {
                const int w = g.target[f.edge++];
                if (!candidate[w])
                    continue;
                if (index[w] < 0) {
                    index[w] = low[w] = counter++;
                    sccStack.push_back(w);
                    onStack[w] = 1;
                    call.push_back({w, g.start[w]});
                } else if (onStack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            if (low[v] == index[v]) {
                std::vector<int> leaves;
                int size = 0;
                int w;
                do {
                    w = sccStack.back();
                    sccStack.pop_back();
                    onStack[w] = 0;
                    ++size;
                    if (w < s.taskCount() && s.isLeaf(w))
                        leaves.push_back(w);
                } while (w != v);
                bool selfLoop = false;
                for (int e = g.start[v]; e < g.start[v + 1]; ++e)
                    selfLoop = selfLoop || g.target[e] == v;
                if ((size > 1 || selfLoop) && !leaves.empty()) {
                    std::sort(leaves.begin(), leaves.end());
                    result.push_back(std::move(leaves));
                }
            }
            call.pop_back();
            if (!call.empty()) {
                const int parent = call.back().v;
                low[parent] = std::min(low[parent], low[v]);
            }
        }
    }
    std::sort(result.begin(), result.end(),
              [](const std::vector<int> &a, const std::vector<int> &b) { return a.front() < b.front(); });
    return result;
}


} // namespace

std::vector<std::vector<int>> findCycles(const Snapshot &s)
{
    const Graph explicitGraph = buildGraph(s);
    return cyclicLeafSets(s, explicitGraph, topologicalOrder(explicitGraph));
}

} // namespace Workplan::Passes
