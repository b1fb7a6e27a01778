#include "riskinput.h"

#include "../effort.h"
#include "../project.h"

namespace Workplan {

namespace {

// Kahn's algorithm over the in-edge graph (the snapshot's graph is acyclic here).
std::vector<int> topologicalOrder(const ScheduleGraph &g)
{
    const int nodes = g.nodeCount();
    std::vector<int> outStart(std::size_t(nodes) + 1, 0), out(g.pred.size());
    std::vector<int> waiting(std::size_t(nodes), 0);
    for (int v = 0; v < nodes; ++v) {
        waiting[std::size_t(v)] = g.inStart[std::size_t(v) + 1] - g.inStart[std::size_t(v)];
        for (int e = g.inStart[std::size_t(v)]; e < g.inStart[std::size_t(v) + 1]; ++e)
            ++outStart[std::size_t(g.pred[std::size_t(e)]) + 1];
    }
    for (int v = 0; v < nodes; ++v)
        outStart[std::size_t(v) + 1] += outStart[std::size_t(v)];
    std::vector<int> fill(outStart.begin(), outStart.end() - 1);
    for (int v = 0; v < nodes; ++v) {
        for (int e = g.inStart[std::size_t(v)]; e < g.inStart[std::size_t(v) + 1]; ++e)
            out[std::size_t(fill[std::size_t(g.pred[std::size_t(e)])]++)] = v;
    }
    std::vector<int> order;
    order.reserve(std::size_t(nodes));
    for (int v = 0; v < nodes; ++v) {
        if (waiting[std::size_t(v)] == 0)
            order.push_back(v);
    }
    for (std::size_t head = 0; head < order.size(); ++head) {
        const int u = order[head];
        for (int k = outStart[std::size_t(u)]; k < outStart[std::size_t(u) + 1]; ++k) {
            if (--waiting[std::size_t(out[std::size_t(k)])] == 0)
                order.push_back(out[std::size_t(k)]);
        }
    }
    return order;
}

} // namespace

RiskInput riskInputOf(const Project &project, const Snapshot &s)
{
    RiskInput in;
    RiskProblem &p = in.problem;
    const ScheduleGraph &g = *s.schedule;
    const int nodes = g.nodeCount();
    p.nodes = nodes;
    p.order = topologicalOrder(g);
    p.inStart = g.inStart;
    p.pred = g.pred;
    p.lag = g.lag;
    p.release = g.release;
    p.leaf = g.leaf;
    p.kind.assign(std::size_t(nodes), RiskProblem::Kind::Fixed);
    p.low = g.duration;
    p.mode = g.duration;
    p.high = g.duration;

    const QLatin1String optimistic("optimistic_effort"), pessimistic("pessimistic_effort");
    for (int t = 0; t < s.taskCount(); ++t) {
        if (!g.leaf[std::size_t(t)] || s.status[std::size_t(t)] == Status::Cancelled)
            continue;   // summaries take no time; cancelled leaves are 0 in every run
        const Attributes &a = project.task(t).attributes;
        const double m = g.duration[std::size_t(t)];
        const auto o = parseEffort(a.value(optimistic), project.calendar);
        const auto pe = parseEffort(a.value(pessimistic), project.calendar);
        if (o && pe) {
            if (*o <= m && m <= *pe) {
                p.kind[std::size_t(t)] = RiskProblem::Kind::Triangular;
                p.low[std::size_t(t)] = *o;
                p.high[std::size_t(t)] = *pe;
            } else {
                in.threePointWarnings.push_back({t, QStringLiteral("three-point estimate out of order")});
            }
            continue;
        }
        const QJsonValue estimate = estimateValue(a);
        if (estimate.isString()) {
            const auto b = parseEffortBoundsText(estimate.toString(), project.calendar);
            if (b && b->range) {
                p.kind[std::size_t(t)] = RiskProblem::Kind::Uniform;
                p.low[std::size_t(t)] = b->low;
                p.high[std::size_t(t)] = b->high;
            }
        }
    }
    for (const Snapshot::Deadline &d : s.deadlines) {
        p.deadlineNode.push_back(d.task);   // node t: the leaf, or the summary's finish
        p.deadlineOffset.push_back(d.offset);
    }
    return in;
}

} // namespace Workplan
