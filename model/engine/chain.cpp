#include "chain.h"

#include "snapshot.h"

namespace Workplan {

namespace {

// Node t is the start of task t, node n + t its finish. Edges run from what comes first
// to what waits for it; kept as CSR both ways so each walk is linear.
struct ChainGraph
{
    std::vector<int> outStart, out, inStart, in;

    explicit ChainGraph(const Snapshot &s)
    {
        const int n = s.taskCount();
        std::vector<std::pair<int, int>> edges;
        edges.reserve(std::size_t(3 * n) + s.depPrereq.size());
        for (int t = 0; t < n; ++t) {
            edges.emplace_back(t, n + t);                   // its own work
            if (s.parent[t] >= 0) {
                edges.emplace_back(s.parent[t], t);         // parent's start -> child's start
                edges.emplace_back(n + t, n + s.parent[t]); // child's finish -> parent's finish
            }
            for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d)
                edges.emplace_back(n + s.depPrereq[d], t);  // prerequisite's finish -> owner's start
        }
        build(edges, 2 * n, false, outStart, out);
        build(edges, 2 * n, true, inStart, in);
    }

    static void build(const std::vector<std::pair<int, int>> &edges, int nodes, bool reversed,
                      std::vector<int> &start, std::vector<int> &list)
    {
        start.assign(std::size_t(nodes) + 1, 0);
        for (const auto &[from, to] : edges)
            ++start[std::size_t(reversed ? to : from) + 1];
        for (int v = 0; v < nodes; ++v)
            start[std::size_t(v) + 1] += start[std::size_t(v)];
        list.resize(edges.size());
        std::vector<int> fill(start.begin(), start.end() - 1);
        for (const auto &[from, to] : edges)
            list[std::size_t(fill[std::size_t(reversed ? to : from)]++)] = reversed ? from : to;
    }
};

// Marks every node reachable from `seeds` along (start, list) in `seen`.
void walk(const std::vector<int> &start, const std::vector<int> &list, std::vector<int> stack,
          std::vector<char> &seen)
{
    for (int v : stack)
        seen[std::size_t(v)] = 1;
    while (!stack.empty()) {
        const int v = stack.back();
        stack.pop_back();
        for (int e = start[std::size_t(v)]; e < start[std::size_t(v) + 1]; ++e) {
            const int w = list[std::size_t(e)];
            if (!seen[std::size_t(w)]) {
                seen[std::size_t(w)] = 1;
                stack.push_back(w);
            }
        }
    }
}

} // namespace

std::vector<int> dependencyChain(const Snapshot &snapshot, int task)
{
    const int n = snapshot.taskCount();
    if (task < 0 || task >= n)
        return {};
    const ChainGraph g(snapshot);
    // Two separate walks: going up and then down again would reach the whole plan.
    std::vector<char> up(std::size_t(2 * n), 0), down(std::size_t(2 * n), 0);
    walk(g.inStart, g.in, {task, n + task}, up);
    walk(g.outStart, g.out, {task, n + task}, down);
    std::vector<int> chain;
    for (int t = 0; t < n; ++t) {
        if (up[std::size_t(t)] || up[std::size_t(n + t)] || down[std::size_t(t)] || down[std::size_t(n + t)])
            chain.push_back(t);
    }
    return chain;
}

} // namespace Workplan
