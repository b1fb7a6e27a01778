#include "schedulegraph.h"

#include "snapshot.h"

namespace Workplan {

std::shared_ptr<const ScheduleGraph> ScheduleGraph::build(const Snapshot &s)
{
    auto graph = std::make_shared<ScheduleGraph>();
    ScheduleGraph &g = *graph;
    const int n = s.taskCount();
    g.tasks = n;
    g.startOf.assign(n, -1);
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t)) {
            g.startOf[t] = n + int(g.taskOfStart.size());
            g.taskOfStart.push_back(t);
        }
    }
    const int nodes = n + g.summaryCount();
    g.duration.assign(nodes, 0.0);
    g.leaf.assign(nodes, 0);
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t))
            continue;
        g.leaf[t] = 1;
        // Unestimated and cancelled leaves take no time (§2); their warnings are the
        // analysis's.
        if (s.estimate[t] == Snapshot::Estimate::Readable && s.status[t] != Status::Cancelled)
            g.duration[t] = s.estimateHours[t];
    }

    if (!s.notBefore.empty()) {
        for (int t = 0; t < n; ++t) {
            const double at = s.notBefore[std::size_t(t)];
            if (at == at) {   // not NaN
                if (g.release.empty())
                    g.release.assign(std::size_t(nodes), 0.0);
                g.release[std::size_t(g.inNode(t))] = at;
            }
        }
    }

    // Written front to back in node order: no degree count and no scatter. Sized to a bound
    // (a parent edge for every task, twice, plus every dependency), then cut to size.
    const std::size_t bound = s.children.size() * 2 + s.depPrereq.size();
    g.inStart.resize(std::size_t(nodes) + 1);
    g.pred.resize(bound);
    g.lag.resize(bound);
    g.dep.resize(bound);
    int edges = 0;
    auto add = [&](int u, int d) {
        g.pred[std::size_t(edges)] = u;
        g.dep[std::size_t(edges)] = d;
        g.lag[std::size_t(edges)] = d < 0 ? 0.0 : s.depLag[std::size_t(d)];
        ++edges;
    };
    auto addOwn = [&](int t) {
        if (s.parent[t] >= 0)
            add(g.startOf[s.parent[t]], -1);
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            if (s.depCounts[d])
                add(s.depPrereq[d], d);
        }
    };
    g.inStart[0] = 0;
    for (int t = 0; t < n; ++t) {
        if (s.isLeaf(t)) {
            addOwn(t);
        } else {
            for (int c = s.childStart[t]; c < s.childStart[t + 1]; ++c)
                add(s.children[c], -1);
        }
        g.inStart[std::size_t(t) + 1] = edges;
    }
    for (int k = 0; k < g.summaryCount(); ++k) {
        addOwn(g.taskOfStart[k]);
        g.inStart[std::size_t(n + k) + 1] = edges;
    }
    g.pred.resize(std::size_t(edges));
    g.lag.resize(std::size_t(edges));
    g.dep.resize(std::size_t(edges));
    return graph;
}

} // namespace Workplan
