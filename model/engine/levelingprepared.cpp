#include "model/engine/levelingprepared.h"

#include <algorithm>
#include <cmath>

namespace Workplan::LevelingDetail {

// Tie-breaks on equal times use the topological rank so that sorting a schedule by time
// always yields a list in which every node follows its predecessors.
Prepared::Prepared(const LevelingProblem &p)
    : n(p.nodes)
{
    duration = p.duration;
    release = p.release.empty() ? std::vector<double>(std::size_t(n), 0.0) : p.release;
    fwdStart = p.inStart.empty() ? std::vector<int>(std::size_t(n) + 1, 0) : p.inStart;
    fwdPred = p.pred;
    fwdLag = p.lag;
    bwdStart.assign(std::size_t(n) + 1, 0);
    for (const int u : fwdPred)
        ++bwdStart[std::size_t(u) + 1];
    for (int v = 0; v < n; ++v)
        bwdStart[std::size_t(v) + 1] += bwdStart[std::size_t(v)];
    bwdPred.resize(fwdPred.size());
    bwdLag.resize(fwdPred.size());
    std::vector<int> fill(bwdStart.begin(), bwdStart.end() - 1);
    for (int v = 0; v < n; ++v) {
        for (int e = fwdStart[v]; e < fwdStart[v + 1]; ++e) {
            const int at = fill[std::size_t(fwdPred[std::size_t(e)])]++;
            bwdPred[std::size_t(at)] = v;
            bwdLag[std::size_t(at)] = fwdLag[std::size_t(e)];
        }
    }
    demStart = p.demandStart.empty() ? std::vector<int>(std::size_t(n) + 1, 0) : p.demandStart;
    demRes = p.demandResource;
    demUnits = p.demandUnits;
    demLimit.resize(demRes.size());
    std::vector<double> work(p.capacity.size(), 0.0);
    holds.assign(std::size_t(n), 0);
    double total = 0;
    for (int v = 0; v < n; ++v) {
        for (int k = demStart[v]; k < demStart[v + 1]; ++k) {
            const int r = demRes[std::size_t(k)];
            demLimit[std::size_t(k)] = std::max(0, p.capacity[std::size_t(r)] - demUnits[std::size_t(k)]);
            // fma on purpose: one rounding everywhere, whether or not the compiler fuses.
            work[std::size_t(r)] = std::fma(duration[std::size_t(v)], double(demUnits[std::size_t(k)]), work[std::size_t(r)]);
        }
        if (duration[std::size_t(v)] > 0 && demStart[v + 1] > demStart[v]) {
            holds[std::size_t(v)] = 1;
            ++holding;
            total += duration[std::size_t(v)];
        }
    }
    meanDuration = holding ? total / holding : 1.0;

    // Kahn's order, smallest index first among the ready (a FIFO over index order).
    std::vector<int> indeg(static_cast<std::size_t>(n));
    for (int v = 0; v < n; ++v)
        indeg[std::size_t(v)] = fwdStart[v + 1] - fwdStart[v];
    for (int v = 0; v < n; ++v)
        if (!indeg[std::size_t(v)])
            topo.push_back(v);
    for (std::size_t i = 0; i < topo.size(); ++i) {
        const int u = topo[i];
        for (int e = bwdStart[u]; e < bwdStart[u + 1]; ++e)
            if (!--indeg[std::size_t(bwdPred[std::size_t(e)])])
                topo.push_back(bwdPred[std::size_t(e)]);
    }
    topoRank.assign(std::size_t(n), 0);
    for (int i = 0; i < int(topo.size()); ++i)
        topoRank[std::size_t(topo[std::size_t(i)])] = i;

    std::vector<double> es(std::size_t(n), 0.0);
    for (const int v : topo) {
        double t = release[std::size_t(v)];
        for (int e = fwdStart[v]; e < fwdStart[v + 1]; ++e) {
            const int u = fwdPred[std::size_t(e)];
            t = std::max(t, es[std::size_t(u)] + duration[std::size_t(u)] + fwdLag[std::size_t(e)]);
        }
        es[std::size_t(v)] = t;
        cpBound = std::max(cpBound, t + duration[std::size_t(v)]);
    }
    lf.assign(std::size_t(n), cpBound);
    for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
        const int u = *it;
        for (int e = bwdStart[u]; e < bwdStart[u + 1]; ++e) {
            const int v = bwdPred[std::size_t(e)];
            lf[std::size_t(u)] = std::min(lf[std::size_t(u)], lf[std::size_t(v)] - duration[std::size_t(v)] - bwdLag[std::size_t(e)]);
        }
    }
    lowerBound = cpBound;
    for (std::size_t r = 0; r < work.size(); ++r)
        lowerBound = std::max(lowerBound, work[r] / p.capacity[r]);
}

} // namespace Workplan::LevelingDetail
