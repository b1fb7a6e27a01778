#include "analysis.h"
#include "snapshot.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace Workplan {

QString toString(Analysis::Reason r)
{
    switch (r) {
    case Analysis::Reason::NotCompleted: return QStringLiteral("not completed");
    case Analysis::Reason::NotApproved: return QStringLiteral("not approved");
    case Analysis::Reason::Cancelled: return QStringLiteral("cancelled");
    case Analysis::Reason::Failed: return QStringLiteral("failed");
    }
    return QString();
}

namespace {

constexpr double kEps = 1e-6;

// The schedule graph. Node t is leaf t, or the *finish* of summary t (it waits for every
// leaf below). Node n + t is the *start* of summary t (every leaf below waits for it).
// A dependency on or of a summary is then one edge, never leaves x leaves.
struct Graph
{
    int n = 0;
    std::vector<int> start;          // CSR of out-edges, size 2n + 1
    std::vector<int> target;
    std::vector<double> lag;
    std::vector<double> duration;    // per node; summary nodes take no time
    std::vector<std::uint8_t> used;  // leaf nodes and both nodes of each summary

    int nodeCount() const { return 2 * n; }
};

// Tasks so that every child comes before its parent.
std::vector<int> childrenFirstOrder(const Snapshot &s)
{
    const int n = s.taskCount();
    std::vector<int> order;
    order.reserve(n);
    std::vector<int> stack;
    for (int t = 0; t < n; ++t) {
        if (s.parent[t] < 0)
            stack.push_back(t);
    }
    while (!stack.empty()) {
        const int t = stack.back();
        stack.pop_back();
        order.push_back(t);
        for (int c = s.childStart[t]; c < s.childStart[t + 1]; ++c)
            stack.push_back(s.children[c]);
    }
    std::reverse(order.begin(), order.end());
    return order;
}

Graph buildGraph(const Snapshot &s, const std::vector<double> &leafDuration)
{
    Graph g;
    const int n = s.taskCount();
    g.n = n;
    const int nodes = 2 * n;
    g.duration.assign(nodes, 0.0);
    g.used.assign(nodes, 0);
    std::vector<int> degree(nodes + 1, 0);

    auto inNode = [&](int t) { return s.isLeaf(t) ? t : n + t; };

    for (int t = 0; t < n; ++t) {
        g.used[t] = 1;
        if (s.isLeaf(t)) {
            g.duration[t] = leafDuration[t];
        } else {
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
    g.lag.assign(g.start[nodes], 0.0);
    std::vector<int> fill(g.start.begin(), g.start.end() - 1);
    auto add = [&](int from, int to, double lag) {
        const int e = fill[from]++;
        g.target[e] = to;
        g.lag[e] = lag;
    };
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t)) {
            for (int c = s.childStart[t]; c < s.childStart[t + 1]; ++c)
                add(n + t, inNode(s.children[c]), 0.0);
        }
        if (s.parent[t] >= 0)
            add(t, s.parent[t], 0.0);
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            if (s.depCounts[d])
                add(s.depPrereq[d], inNode(t), s.depLag[d]);
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

// Prerequisite facts per task; for a summary they cover every leaf below it (§3).
struct LeafCounts
{
    int leaves = 0, cancelled = 0, failed = 0, done = 0, approved = 0, open = 0;
};

std::vector<LeafCounts> countLeaves(const Snapshot &s, const std::vector<int> &childrenFirst)
{
    std::vector<LeafCounts> c(s.taskCount());
    for (int t : childrenFirst) {
        LeafCounts &me = c[t];
        if (s.isLeaf(t)) {
            const Status st = s.status[t];
            me.leaves = 1;
            me.cancelled = st == Status::Cancelled;
            me.failed = st == Status::Failed;
            me.approved = st == Status::Approved;
            me.done = statusClass(st) == StatusClass::Done;
            me.open = statusClass(st) == StatusClass::Open;
        }
        if (s.parent[t] >= 0) {
            LeafCounts &p = c[s.parent[t]];
            p.leaves += me.leaves;
            p.cancelled += me.cancelled;
            p.failed += me.failed;
            p.done += me.done;
            p.approved += me.approved;
            p.open += me.open;
        }
    }
    return c;
}

// nullopt when the dependency is satisfied, else why not.
std::optional<Analysis::Reason> unsatisfied(const Snapshot &s, const LeafCounts &p, int prereq,
                                            DependencyType type)
{
    using R = Analysis::Reason;
    const bool approval = type == DependencyType::Approval;
    if (s.isLeaf(prereq)) {
        const Status st = s.status[prereq];
        if (approval ? st == Status::Approved : statusClass(st) == StatusClass::Done)
            return std::nullopt;
        if (st == Status::Cancelled)
            return R::Cancelled;
        if (st == Status::Failed)
            return R::Failed;
        return approval ? R::NotApproved : R::NotCompleted;
    }
    const int live = p.leaves - p.cancelled;
    if (live > 0 && (approval ? p.approved : p.done) == live)
        return std::nullopt;
    if (live == 0)
        return R::Cancelled;
    if (p.failed > 0 && p.open == 0)
        return R::Failed;
    return approval ? R::NotApproved : R::NotCompleted;
}

void findBlocked(const Snapshot &s, const std::vector<LeafCounts> &counts, Analysis &a)
{
    const int n = s.taskCount();
    // Does a task's own list hold an unsatisfied counting dependency?
    std::vector<std::uint8_t> ownUnsatisfied(n, 0);
    for (int t = 0; t < n; ++t) {
        for (int d = s.depStart[t]; d < s.depStart[t + 1] && !ownUnsatisfied[t]; ++d) {
            if (s.depCounts[d] && unsatisfied(s, counts[s.depPrereq[d]], s.depPrereq[d], s.depType[d]))
                ownUnsatisfied[t] = 1;
        }
    }
    // Nearest ancestor-or-self with an unsatisfied dependency, so that listing the chain
    // costs only what it prints.
    std::vector<int> nearest(n, -1);
    std::vector<int> topDown = childrenFirstOrder(s);
    std::reverse(topDown.begin(), topDown.end());
    for (int t : topDown)
        nearest[t] = ownUnsatisfied[t] ? t : (s.parent[t] >= 0 ? nearest[s.parent[t]] : -1);

    for (int t = 0; t < n; ++t) {
        const bool open = s.isLeaf(t) ? statusClass(s.status[t]) == StatusClass::Open
                                      : counts[t].open > 0;
        if (!open)
            continue;
        const bool marked = s.status[t] == Status::Blocked;
        if (!marked && nearest[t] < 0) {
            if (s.isLeaf(t))
                a.ready.push_back(t);
            continue;
        }
        Analysis::Blocked b{t, marked, {}};
        for (int owner = nearest[t]; owner >= 0;
             owner = s.parent[owner] >= 0 ? nearest[s.parent[owner]] : -1) {
            for (int d = s.depStart[owner]; d < s.depStart[owner + 1]; ++d) {
                if (!s.depCounts[d])
                    continue;
                const int p = s.depPrereq[d];
                if (const auto why = unsatisfied(s, counts[p], p, s.depType[d]))
                    b.waitingOn.push_back({p, s.depType[d], *why, owner == t ? -1 : owner});
            }
        }
        a.blocked.push_back(std::move(b));
    }
}

void schedule(const Snapshot &s, const Graph &g, const std::vector<int> &order,
              const std::vector<int> &childrenFirst, Analysis &a)
{
    const int n = s.taskCount();
    const int nodes = g.nodeCount();
    std::vector<double> es(nodes, 0.0), ef(nodes, 0.0), ls(nodes, 0.0), lf(nodes, 0.0);
    std::vector<int> level(nodes, 0);   // generation a leaf would get from its inputs

    double makespan = 0;
    for (int u : order) {
        ef[u] = es[u] + g.duration[u];
        const bool leaf = u < n && s.isLeaf(u);
        if (leaf)
            makespan = std::max(makespan, ef[u]);
        const int out = leaf ? level[u] + 1 : level[u];
        for (int e = g.start[u]; e < g.start[u + 1]; ++e) {
            const int v = g.target[e];
            es[v] = std::max(es[v], ef[u] + g.lag[e]);
            level[v] = std::max(level[v], out);
        }
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const int u = *it;
        double finish = makespan;
        for (int e = g.start[u]; e < g.start[u + 1]; ++e)
            finish = std::min(finish, ls[g.target[e]] - g.lag[e]);
        lf[u] = finish;
        ls[u] = finish - g.duration[u];
    }

    a.makespanHours = makespan;
    a.times.assign(n, {});
    a.generation.assign(n, -1);
    int generations = 0;
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t))
            continue;
        a.times[t] = {es[t], ef[t], ls[t], lf[t], ls[t] - es[t]};
        a.generation[t] = level[t];
        generations = std::max(generations, level[t] + 1);
        a.sequentialHours += g.duration[t];
        if (std::fabs(ls[t] - es[t]) <= kEps)
            a.criticalTasks.push_back(t);
    }

    // Summaries span their leaves; children come first so one pass suffices.
    std::vector<std::uint8_t> seeded(n, 0);
    for (int t : childrenFirst) {
        const int p = s.parent[t];
        if (p < 0)
            continue;
        const Analysis::Times &c = a.times[t];
        Analysis::Times &pt = a.times[p];
        if (!seeded[p]) {
            pt = c;
            seeded[p] = 1;
        } else {
            pt.es = std::min(pt.es, c.es);
            pt.ef = std::max(pt.ef, c.ef);
            pt.ls = std::min(pt.ls, c.ls);
            pt.lf = std::max(pt.lf, c.lf);
            pt.slack = std::min(pt.slack, c.slack);
        }
    }

    a.parallelGroups.assign(generations, {});
    for (int t = 0; t < n; ++t) {
        if (s.isLeaf(t))
            a.parallelGroups[a.generation[t]].push_back(t);
    }
    for (const auto &group : a.parallelGroups) {
        if (group.size() < 2)
            continue;
        double sum = 0, longest = 0;
        for (int t : group) {
            sum += g.duration[t];
            longest = std::max(longest, g.duration[t]);
        }
        a.timeSavingsHours += sum - longest;
    }

    // One critical chain. A node "reaches the end" when a tight path through critical
    // nodes leads from it to a leaf finishing at the makespan; computed backwards first so
    // the walk never enters a dead end (a greedy search can, at zero-length leaves).
    auto critical = [&](int v) { return std::fabs(ls[v] - es[v]) <= kEps; };
    auto isLeafNode = [&](int v) { return v < n && s.isLeaf(v); };
    auto tight = [&](int u, int e) { return std::fabs(ef[u] + g.lag[e] - es[g.target[e]]) <= kEps; };
    std::vector<std::uint8_t> reachesEnd(nodes, 0);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const int u = *it;
        if (!critical(u))
            continue;
        bool ok = isLeafNode(u) && std::fabs(ef[u] - makespan) <= kEps;
        for (int e = g.start[u]; e < g.start[u + 1] && !ok; ++e)
            ok = reachesEnd[g.target[e]] && tight(u, e);
        reachesEnd[u] = ok;
    }
    int current = -1;
    for (int t : a.criticalTasks) {
        if (std::fabs(es[t]) <= kEps && reachesEnd[t]) {
            current = t;
            break;
        }
    }
    while (current >= 0) {
        a.criticalPath.push_back(current);
        if (std::fabs(ef[current] - makespan) <= kEps)
            break;
        // Follow tight edges through summary nodes to the next leaf; each hop moves forward
        // in topological order, so the whole walk is linear.
        int u = current;
        current = -1;
        while (current < 0 && u >= 0) {
            int next = -1;
            for (int e = g.start[u]; e < g.start[u + 1] && next < 0; ++e) {
                if (reachesEnd[g.target[e]] && tight(u, e))
                    next = g.target[e];
            }
            if (next >= 0 && isLeafNode(next))
                current = next;
            u = next;
        }
    }

    for (int t = 0; t < n; ++t) {
        if (s.isLeaf(t) || s.estimate[t] != Snapshot::Estimate::Readable)
            continue;
        const double span = a.times[t].ef - a.times[t].es;
        if (s.estimateHours[t] < span - kEps)
            a.overruns.push_back({t, s.estimateHours[t], span});
    }
}

} // namespace

Analysis analyze(const Snapshot &s)
{
    Analysis a;
    const int n = s.taskCount();
    a.tasks = n;
    a.dependencies = s.declaredDependencies();

    std::vector<double> duration(n, 0.0);
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t))
            continue;
        ++a.leafTasks;
        switch (s.estimate[t]) {
        case Snapshot::Estimate::None:
            a.warnings.push_back({t, QStringLiteral("no estimate")});
            break;
        case Snapshot::Estimate::Unreadable:
            a.warnings.push_back({t, QStringLiteral("unreadable estimate: %1").arg(s.estimateText[t])});
            break;
        case Snapshot::Estimate::Readable:
            duration[t] = s.estimateHours[t];
            break;
        }
        if (s.status[t] == Status::Cancelled)
            duration[t] = 0;
    }

    const std::vector<int> childrenFirst = childrenFirstOrder(s);
    const Graph g = buildGraph(s, duration);
    const std::vector<int> order = topologicalOrder(g);
    int usedNodes = 0;
    for (std::uint8_t u : g.used)
        usedNodes += u;
    if (int(order.size()) < usedNodes)
        a.cycles = cyclicLeafSets(s, g, order);
    if (a.cycles.empty())
        schedule(s, g, order, childrenFirst, a);

    findBlocked(s, countLeaves(s, childrenFirst), a);
    return a;
}

} // namespace Workplan
