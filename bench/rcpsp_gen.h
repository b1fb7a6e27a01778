#pragma once

// Leveling problems for the benchmark and the tests, from a fixed seed.
//
// project(): shaped like the standard RCPSP sets (PSPLIB J30/J60/J120, made by ProGen):
// a dummy source and sink of duration 0 around n activities, three start and three finish
// activities, every activity with a predecessor and a successor, non-redundant arcs added
// until the network complexity (arcs per node, dummies included) is reached; integer
// durations 1..10; each activity needs each resource with probability RF (at least one),
// 1..10 units; capacity = kmin + round(RS * (kmax - kmin)) with kmin the largest single
// demand and kmax the peak of the earliest-start schedule.
//
// layered(): a big random layered graph with 5-ish resources, for timing single passes.

#include "model/engine/leveling.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

namespace Workplan {
namespace RcpspGen {

class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    int range(int lo, int hi) { return lo + int(next() % std::uint64_t(hi - lo + 1)); } // [lo, hi]
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

private:
    std::uint64_t m_state;
};

struct Params
{
    int activities = 30;
    int resources = 4;
    double complexity = 1.8;       // NC
    double resourceFactor = 0.5;   // RF
    double resourceStrength = 0.5; // RS
};

// Fills the CSR arrays from per-node successor lists and per-node demands.
inline void finish(LevelingProblem &p, const std::vector<std::vector<int>> &succ,
                   const std::vector<std::vector<std::pair<int, int>>> &demand)
{
    const int n = p.nodes;
    std::vector<std::vector<int>> preds(static_cast<std::size_t>(n));
    for (int u = 0; u < n; ++u)
        for (const int v : succ[std::size_t(u)])
            preds[std::size_t(v)].push_back(u);
    p.inStart.assign(1, 0);
    p.demandStart.assign(1, 0);
    for (int v = 0; v < n; ++v) {
        std::sort(preds[std::size_t(v)].begin(), preds[std::size_t(v)].end());
        for (const int u : preds[std::size_t(v)]) {
            p.pred.push_back(u);
            p.lag.push_back(0);
        }
        p.inStart.push_back(int(p.pred.size()));
        for (const auto &d : demand[std::size_t(v)]) {
            p.demandResource.push_back(d.first);
            p.demandUnits.push_back(d.second);
        }
        p.demandStart.push_back(int(p.demandResource.size()));
    }
}

inline LevelingProblem project(const Params &q, std::uint64_t seed)
{
    Rng rng(seed);
    const int n = q.activities, sink = n + 1, nodes = n + 2;
    const int starts = std::min(3, n), finishes = std::min(3, n);
    std::vector<std::vector<int>> succ(static_cast<std::size_t>(nodes));
    // reach[u] is the bit set of nodes reachable from u; nodes are numbered topologically.
    const std::size_t words = std::size_t(nodes + 63) / 64;
    std::vector<std::vector<std::uint64_t>> reach(std::size_t(nodes), std::vector<std::uint64_t>(words, 0));
    const auto reaches = [&](int u, int v) { return (reach[std::size_t(u)][std::size_t(v) / 64] >> (v % 64)) & 1; };
    int arcs = 0;
    const auto link = [&](int u, int v) {
        succ[std::size_t(u)].push_back(v);
        ++arcs;
        for (int a = 0; a <= u; ++a) {
            if (a != u && !reaches(a, u))
                continue;
            auto &row = reach[std::size_t(a)];
            row[std::size_t(v) / 64] |= std::uint64_t(1) << (v % 64);
            for (std::size_t w = 0; w < words; ++w)
                row[w] |= reach[std::size_t(v)][w];
        }
    };
    const int lastInner = n - finishes; // activities that may have real successors: 1..lastInner
    for (int j = 1; j <= starts; ++j)
        link(0, j);
    for (int j = starts + 1; j <= n; ++j)
        link(rng.range(1, std::max(1, std::min(j - 1, lastInner))), j);
    for (int i = 1; i <= lastInner; ++i)
        if (succ[std::size_t(i)].empty())
            link(i, rng.range(std::max(i + 1, starts + 1), n));
    for (int j = n - finishes + 1; j <= n; ++j)
        link(j, sink);
    const int target = int(std::lround(q.complexity * nodes));
    for (int tries = 0; arcs < target && tries < 50 * nodes; ++tries) {
        const int i = rng.range(1, std::max(1, lastInner));
        const int j = rng.range(std::max(i + 1, starts + 1), n);
        if (j <= i || reaches(i, j))
            continue;
        link(i, j);
    }

    LevelingProblem p;
    p.nodes = nodes;
    p.duration.assign(std::size_t(nodes), 0.0);
    std::vector<std::vector<std::pair<int, int>>> demand(static_cast<std::size_t>(nodes));
    std::vector<int> kmin(std::size_t(q.resources), 1);
    for (int j = 1; j <= n; ++j) {
        p.duration[std::size_t(j)] = rng.range(1, 10);
        for (int r = 0; r < q.resources; ++r)
            if (rng.unit() < q.resourceFactor)
                demand[std::size_t(j)].push_back({r, 0});
        if (demand[std::size_t(j)].empty())
            demand[std::size_t(j)].push_back({rng.range(0, q.resources - 1), 0});
        for (auto &d : demand[std::size_t(j)]) {
            d.second = rng.range(1, 10);
            kmin[std::size_t(d.first)] = std::max(kmin[std::size_t(d.first)], d.second);
        }
    }
    finish(p, succ, demand);

    // kmax: the peak of each resource in the earliest-start schedule.
    std::vector<double> es(std::size_t(nodes), 0.0);
    for (int v = 0; v < nodes; ++v)
        for (int e = p.inStart[std::size_t(v)]; e < p.inStart[std::size_t(v) + 1]; ++e)
            es[std::size_t(v)] = std::max(es[std::size_t(v)], es[std::size_t(p.pred[std::size_t(e)])] + p.duration[std::size_t(p.pred[std::size_t(e)])]);
    p.capacity.assign(std::size_t(q.resources), 1);
    for (int r = 0; r < q.resources; ++r) {
        std::map<double, int> delta;
        for (int j = 1; j <= n; ++j)
            for (const auto &d : demand[std::size_t(j)])
                if (d.first == r) {
                    delta[es[std::size_t(j)]] += d.second;
                    delta[es[std::size_t(j)] + p.duration[std::size_t(j)]] -= d.second;
                }
        int level = 0, kmax = 0;
        for (const auto &ev : delta)
            kmax = std::max(kmax, level += ev.second);
        const int km = kmin[std::size_t(r)];
        p.capacity[std::size_t(r)] = km + int(std::lround(q.resourceStrength * std::max(0, kmax - km)));
    }
    return p;
}

// `nodes` activities in layers of about sqrt(nodes) * 2; each has 1..3 predecessors in the
// previous layer, duration 1..10 (an eighth of them fractional), 1..2 of `resources`
// resources with 1..4 units; capacities 6..12, so that the graph is well constrained.
inline LevelingProblem layered(int nodes, int resources, std::uint64_t seed)
{
    Rng rng(seed);
    const int width = std::max(1, int(2 * std::sqrt(double(nodes))));
    std::vector<std::vector<int>> succ(static_cast<std::size_t>(nodes));
    std::vector<std::vector<std::pair<int, int>>> demand(static_cast<std::size_t>(nodes));
    LevelingProblem p;
    p.nodes = nodes;
    p.duration.resize(std::size_t(nodes));
    for (int v = 0; v < nodes; ++v) {
        const int layer = v / width;
        if (layer > 0) {
            const int k = rng.range(1, 3);
            for (int i = 0; i < k; ++i) {
                const int u = (layer - 1) * width + rng.range(0, width - 1);
                if (std::find(succ[std::size_t(u)].begin(), succ[std::size_t(u)].end(), v) == succ[std::size_t(u)].end())
                    succ[std::size_t(u)].push_back(v);
            }
        }
        p.duration[std::size_t(v)] = rng.range(1, 10) + (rng.range(0, 7) == 0 ? 0.875 : 0.0);
        const int r0 = rng.range(0, resources - 1);
        demand[std::size_t(v)].push_back({r0, rng.range(1, 4)});
        if (rng.range(0, 1) && resources > 1)
            demand[std::size_t(v)].push_back({(r0 + rng.range(1, resources - 1)) % resources, rng.range(1, 4)});
    }
    for (int r = 0; r < resources; ++r)
        p.capacity.push_back(rng.range(6, 12));
    finish(p, succ, demand);
    return p;
}

} // namespace RcpspGen
} // namespace Workplan
