// The backward pass of §4 with the critical chain, parallel groups and summary spans.
#include "passes.h"

#include <algorithm>
#include <cmath>

namespace Workplan::Passes {

void schedule(const Snapshot &s, const ScheduleGraph &g, Forward &f, Analysis &a)
{
    const int n = s.taskCount();
    const int nodes = g.nodeCount();
    const double makespan = f.makespan;
    const std::vector<double> &es = f.es;
    const double *duration = g.duration.data();

    // Backward: a node's successors come later in the order, so walking it backwards each
    // node's LF is final when reached and is pushed to its predecessors.
    //
    // The same walk finds one critical chain, along tight edges between critical nodes. A
    // node "reaches the end" when a tight path leads from it to a leaf finishing at the
    // makespan: final when the node is reached, as its successors came first. Known
    // before the chain is walked, so that walk never enters a dead end (a greedy search
    // can, at zero-length leaves). Each node's next hop: of its tight out-edges into nodes
    // that reach the end, the one the explicit graph lists first (smallest
    // ScheduleGraph::key), so the same chain is chosen as with out-edges.
    std::vector<double> lf(std::size_t(nodes), makespan);
    // The key of each node's next hop (ScheduleGraph::target() gives the node), -1 for
    // none: half the memory of keeping the node too, and only the chain is decoded.
    std::vector<int> nextKey(std::size_t(nodes), -1);
    auto critical = [&](int v) { return std::fabs(lf[v] - duration[v] - es[v]) <= kEps; };
    auto endsLast = [&](int v) { return g.leaf[v] && std::fabs(es[v] + duration[v] - makespan) <= kEps; };
    auto reachesEnd = [&](int v) { return critical(v) && (endsLast(v) || nextKey[v] >= 0); };
    {
        double *late = lf.data();
        const int *inStart = g.inStart.data();
        const int *pred = g.pred.data();
        const double *lag = g.lag.data();
        for (auto it = f.order.rbegin(); it != f.order.rend(); ++it) {
            const int v = *it;
            const double lsv = late[v] - duration[v];
            const bool reaches = reachesEnd(v);
            for (int e = inStart[v]; e < inStart[v + 1]; ++e) {
                const int u = pred[e];
                late[u] = std::min(late[u], lsv - lag[e]);
                if (!reaches || !(std::fabs(es[u] + duration[u] + lag[e] - es[v]) <= kEps))
                    continue;
                // u's own criticality is checked when the chain reaches u.
                const int key = g.key(s.depStart, v, e);
                if (nextKey[u] < 0 || key < nextKey[u])
                    nextKey[u] = key;
            }
        }
    }

    a.makespanHours = makespan;

    // Leaves in file order: sequential hours, critical tasks, parallel groups (their
    // members in file order, each group's sum and longest for the savings).
    const std::vector<int> &groupSize = f.groupSize;
    const std::size_t groups = groupSize.size();
    a.groupStart.resize(groups + 1);
    a.groupStart[0] = 0;
    for (std::size_t k = 0; k < groups; ++k)
        a.groupStart[k + 1] = a.groupStart[k] + groupSize[k];
    a.groupMembers.resize(std::size_t(a.groupStart[groups]));
    std::vector<int> fill(a.groupStart.begin(), a.groupStart.end() - 1);
    std::vector<double> groupSum(groups, 0.0), groupLongest(groups, 0.0);
    const int *level = f.level.data();
    for (int t = 0; t < n; ++t) {
        if (!g.leaf[t])
            continue;
        const double d = duration[t];
        a.sequentialHours += d;
        if (critical(t))
            a.criticalTasks.push_back(t);
        const int k = level[t];
        a.groupMembers[std::size_t(fill[std::size_t(k)]++)] = t;
        groupSum[std::size_t(k)] += d;
        groupLongest[std::size_t(k)] = std::max(groupLongest[std::size_t(k)], d);
    }
    for (std::size_t k = 0; k < groups; ++k) {
        if (groupSize[k] >= 2)
            a.timeSavingsHours += groupSum[k] - groupLongest[k];
    }

    // Summaries span their leaves; children come first, so one pass over each summary's
    // children suffices.
    a.summaryTimes.resize(std::size_t(g.summaryCount()));
    for (int p : s.summariesChildrenFirst) {
        Analysis::Times span;
        bool seeded = false;
        for (int c = s.childStart[p]; c < s.childStart[p + 1]; ++c) {
            const int t = s.children[c];
            Analysis::Times x;
            if (g.leaf[t]) {
                const double d = duration[t];
                x = {es[t], es[t] + d, lf[t] - d, lf[t], lf[t] - d - es[t]};
            } else {
                x = a.summaryTimes[std::size_t(g.startOf[t] - n)];
            }
            if (!seeded) {
                span = x;
                seeded = true;
            } else {
                span.es = std::min(span.es, x.es);
                span.ef = std::max(span.ef, x.ef);
                span.ls = std::min(span.ls, x.ls);
                span.lf = std::max(span.lf, x.lf);
                span.slack = std::min(span.slack, x.slack);
            }
        }
        a.summaryTimes[std::size_t(g.startOf[p] - n)] = span;
    }

    // The chain starts at 0, or where a leaf's not_before (its own or an ancestor's, the
    // latest) sets its start (§4 as amended by §6).
    std::vector<double> pathRelease;
    if (!g.release.empty()) {
        pathRelease.assign(std::size_t(n), 0.0);
        for (auto it = s.childrenFirst.rbegin(); it != s.childrenFirst.rend(); ++it) {
            const int t = *it;
            const double own = g.release[std::size_t(g.inNode(t))];
            pathRelease[std::size_t(t)] = std::max(own, s.parent[t] >= 0 ? pathRelease[std::size_t(s.parent[t])] : 0.0);
        }
    }
    auto startsFree = [&](int t) {
        return std::fabs(es[t] - (pathRelease.empty() ? 0.0 : pathRelease[std::size_t(t)])) <= kEps;
    };
    int current = -1;
    for (int t : a.criticalTasks) {
        if (startsFree(t) && reachesEnd(t)) {
            current = t;
            break;
        }
    }
    while (current >= 0) {
        a.criticalPath.push_back(current);
        if (std::fabs(es[current] + duration[current] - makespan) <= kEps)
            break;
        // Through summary nodes to the next leaf; every hop moves forward in topological
        // order, so the whole walk is linear.
        int u = current;
        current = -1;
        while (current < 0 && u >= 0) {
            const int hop = nextKey[u] < 0 ? -1 : g.target(s.depStart, s.parent, u, nextKey[u]);
            if (hop >= 0 && g.leaf[hop])
                current = hop;
            u = hop;
        }
    }

    a.latestFinish = std::move(lf);
    a.earliestStart = std::move(f.es);
    a.level = std::move(f.level);
    overrunsOf(s, g, a);
}


} // namespace Workplan::Passes
