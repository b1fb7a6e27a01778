#include "analysis.h"
#include "leveledschedule.h"
#include "snapshot.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <thread>

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

// What the forward pass leaves: a topological order, ES and the generation level per node.
struct Forward
{
    std::vector<int> order;
    std::vector<double> es;
    std::vector<int> level;
    std::vector<int> groupSize;     // leaves per level
    double makespan = 0;            // the latest leaf finish
};

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

// Kept for summaries only (a leaf's facts are its status), indexed like their start nodes.
struct SummaryCounts
{
    const ScheduleGraph *graph = nullptr;
    std::vector<LeafCounts> counts;

    const LeafCounts &of(int t) const
    {
        static const LeafCounts none;
        const int start = graph->startOf[std::size_t(t)];
        return start < 0 ? none : counts[std::size_t(start - graph->tasks)];
    }
};

SummaryCounts countLeaves(const Snapshot &s, const ScheduleGraph &g)
{
    SummaryCounts c;
    c.graph = &g;
    c.counts.resize(std::size_t(g.summaryCount()));
    // Children come first, so each summary adds up finished totals.
    for (int p : s.summariesChildrenFirst) {
        LeafCounts sum;
        for (int i = s.childStart[p]; i < s.childStart[p + 1]; ++i) {
            const int t = s.children[i];
            if (g.leaf[t]) {
                const Status st = s.status[t];
                sum.leaves += 1;
                sum.cancelled += st == Status::Cancelled;
                sum.failed += st == Status::Failed;
                sum.approved += st == Status::Approved;
                sum.done += statusClass(st) == StatusClass::Done;
                sum.open += statusClass(st) == StatusClass::Open;
            } else {
                const LeafCounts &x = c.counts[std::size_t(g.startOf[t] - g.tasks)];
                sum.leaves += x.leaves;
                sum.cancelled += x.cancelled;
                sum.failed += x.failed;
                sum.done += x.done;
                sum.approved += x.approved;
                sum.open += x.open;
            }
        }
        c.counts[std::size_t(g.startOf[p] - g.tasks)] = sum;
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

// Writes only `blocked` and `ready`, so it can run beside the schedule.
void findBlocked(const Snapshot &s, const std::vector<int> &childrenFirst,
                 const SummaryCounts &counts,
                 std::vector<Analysis::Blocked> &blocked, std::vector<Analysis::Waiting> &waits,
                 std::vector<int> &ready)
{
    const int n = s.taskCount();
    // Each counting dependency is judged once: 0 satisfied, else its Reason + 1.
    const int deps = s.declaredDependencies();
    std::vector<std::uint8_t> verdict(deps, 0);
    // Bounds, not sizes: pages of the reserve that are never written are never faulted in,
    // and no step-by-step growth copies what was written.
    blocked.reserve(std::size_t(n));
    ready.reserve(std::size_t(n));
    waits.reserve(std::size_t(deps));
    // Parents first, so that each task also learns its nearest ancestor-or-self with an
    // unsatisfied dependency: listing a blocked task's chain then costs only what it prints.
    std::vector<int> nearest(std::size_t(n), -1);
    for (auto it = childrenFirst.rbegin(); it != childrenFirst.rend(); ++it) {
        const int t = *it;
        bool own = false;
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            if (!s.depCounts[d])
                continue;
            const int p = s.depPrereq[d];
            if (const auto why = unsatisfied(s, counts.of(p), p, s.depType[d])) {
                verdict[d] = std::uint8_t(*why) + 1;
                own = true;
            }
        }
        nearest[t] = own ? t : (s.parent[t] >= 0 ? nearest[s.parent[t]] : -1);
    }

    auto nextOwner = [&](int owner) { return s.parent[owner] >= 0 ? nearest[s.parent[owner]] : -1; };
    for (int t = 0; t < n; ++t) {
        const bool open = s.isLeaf(t) ? statusClass(s.status[t]) == StatusClass::Open
                                      : counts.of(t).open > 0;
        if (!open)
            continue;
        const bool marked = s.status[t] == Status::Blocked;
        if (!marked && nearest[t] < 0) {
            if (s.isLeaf(t))
                ready.push_back(t);
            continue;
        }
        const int firstWait = int(waits.size());
        for (int owner = nearest[t]; owner >= 0; owner = nextOwner(owner)) {
            for (int d = s.depStart[owner]; d < s.depStart[owner + 1]; ++d) {
                if (verdict[d])
                    waits.push_back({s.depPrereq[d], s.depType[d],
                                     Analysis::Reason(verdict[d] - 1), owner == t ? -1 : owner});
            }
        }
        blocked.push_back({t, marked, firstWait, int(waits.size()) - firstWait});
    }
}

// Counts the leaves and writes the warnings, in file order and per task in §6's order:
// estimate, deadline, not_before, then §7's "needs".
void warningsOf(const Snapshot &s, const ScheduleGraph &g, Analysis &a)
{
    auto dated = s.dateWarnings.begin();
    const bool team = !s.demandStart.empty();
    for (int t = 0; t < s.taskCount(); ++t) {
        if (g.leaf[t]) {
            ++a.leafTasks;
            switch (s.estimate[t]) {
            case Snapshot::Estimate::None:
                a.warnings.push_back({t, QStringLiteral("no estimate")});
                break;
            case Snapshot::Estimate::Unreadable:
                a.warnings.push_back({t, QStringLiteral("unreadable estimate: %1").arg(s.estimateText[t])});
                break;
            case Snapshot::Estimate::Readable:
                break;
            }
        }
        for (; dated != s.dateWarnings.end() && dated->task == t; ++dated)
            a.warnings.push_back({t, dated->message});
        if (team && g.duration[std::size_t(t)] > 0) {
            for (int k = s.demandStart[std::size_t(t)]; k < s.demandStart[std::size_t(t) + 1]; ++k) {
                const Resource &r = s.resources[std::size_t(s.demandResource[std::size_t(k)])];
                const int units = s.demandUnits[std::size_t(k)];
                if (units > r.capacity) {
                    a.warnings.push_back({t, QStringLiteral("needs %1 %2 but only %3 exist")
                                                 .arg(units).arg(r.name).arg(r.capacity)});
                    a.overCapacity = true;
                }
            }
        }
    }
}

// Summaries whose own readable estimate is shorter than their scheduled span.
void overrunsOf(const Snapshot &s, const ScheduleGraph &g, Analysis &a)
{
    for (int k = 0; k < g.summaryCount(); ++k) {
        const int t = g.taskOfStart[std::size_t(k)];
        if (s.estimate[t] != Snapshot::Estimate::Readable)
            continue;
        const Analysis::Times &x = a.summaryTimes[std::size_t(k)];
        const double span = x.ef - x.es;
        if (s.estimateHours[t] < span - kEps)
            a.overruns.push_back({t, s.estimateHours[t], span});
    }
}

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

} // namespace

Analysis analyze(const Snapshot &s, const AnalysisOptions &options)
{
    Analysis a;
    const int n = s.taskCount();
    a.tasks = n;
    a.dependencies = s.declaredDependencies();
    a.graph = s.schedule;
    const ScheduleGraph &g = *s.schedule;

    // Blocked, ready and the warnings do not depend on the schedule: on a large plan they
    // are found on a second thread meanwhile. They write only their own members.
    auto besideTheSchedule = [&] {
        warningsOf(s, g, a);
        findBlocked(s, s.childrenFirst, countLeaves(s, g), a.blocked, a.waits, a.ready);
    };
    constexpr int kParallelFrom = 20000;   // tasks; below, a thread costs more than it saves
    std::thread helper;
    if (n >= kParallelFrom)
        helper = std::thread(besideTheSchedule);

    Forward forward;
    if (forwardPass(g, forward)) {
        schedule(s, g, forward, a);
    } else {
        const Graph explicitGraph = buildGraph(s);
        a.cycles = cyclicLeafSets(s, explicitGraph, topologicalOrder(explicitGraph));
    }

    if (helper.joinable())
        helper.join();
    else
        besideTheSchedule();

    if (options.level && !s.resources.empty() && a.hasSchedule() && !a.overCapacity)
        a.leveled = std::make_shared<const LeveledSchedule>(levelSchedule(s, a, options.levelingEffort));
    return a;
}

} // namespace Workplan
