#include "analysis.h"
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

// The schedule graph. Node t is leaf t, or the *finish* of summary t (it waits for every
// leaf below). Node n + t is the *start* of summary t (every leaf below waits for it).
// A dependency on or of a summary is then one edge, never leaves x leaves.
// This explicit form is built only to report cycles; scheduling reads the same graph
// straight from the snapshot (ScheduleGraph below).
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

// The same schedule graph with in-edges only, which the snapshot yields in node order:
// the CSR is written front to back in one pass, with no degree count and no scatter.
// Node t is leaf t or the finish of summary t; node n + k is the start of the k-th
// summary. A leaf's or start's in-edges: the start of the parent, then the task's counting
// dependencies; a summary finish's in-edges: its children.
struct ScheduleGraph
{
    int n = 0;
    std::vector<int> startOf;       // summary task -> its start node; leaves: -1
    std::vector<int> inStart;       // CSR of in-edges, size nodeCount() + 1
    std::vector<int> pred;
    // The dependency an in-edge comes from, -1 for the hierarchy's edges (no lag): half
    // the memory of a lag per edge, which matters as every run faults its arrays in.
    std::vector<int> dep;
    const double *depLag = nullptr; // the snapshot's
    std::vector<double> duration;   // per node; summary nodes take no time
    std::vector<std::uint8_t> leaf; // per node

    std::vector<int> taskOfStart;   // start node n + k -> its summary task

    int nodeCount() const { return int(duration.size()); }
    int inNode(int t) const { return startOf[t] < 0 ? t : startOf[t]; }
    double lag(int e) const { return dep[e] < 0 ? 0.0 : depLag[dep[e]]; }

    // Where the explicit out-edge graph (buildGraph) lists in-edge e of v among its
    // source's out-edges, for choosing the same critical chain: from a summary's start,
    // the child (its task index); from a task, the edge to its parent (2 * depStart of
    // the task) before or after the dependencies on it (2 * d + 1), by declaring task.
    // Worked out from the snapshot only for the few tight critical edges.
    int key(const Snapshot &s, int v, int e) const
    {
        if (dep[e] >= 0)
            return 2 * dep[e] + 1;
        if (v < n && !leaf[v])
            return 2 * s.depStart[pred[e]];     // from a child to this summary's finish
        return v < n ? v : taskOfStart[v - n];  // from the parent's start
    }

    // Takes over `leafDuration` (per task, reserved for every node) as its durations.
    ScheduleGraph(const Snapshot &s, std::vector<double> &&leafDuration)
        : n(s.taskCount()), startOf(n, -1), depLag(s.depLag.data()), duration(std::move(leafDuration))
    {
        for (int t = 0; t < n; ++t) {
            if (!s.isLeaf(t)) {
                startOf[t] = n + int(taskOfStart.size());
                taskOfStart.push_back(t);
            }
        }
        const int nodes = n + int(taskOfStart.size());
        duration.resize(nodes, 0.0);
        leaf.assign(nodes, 0);
        // Sized to a bound (a parent edge for every task, twice, plus every dependency)
        // and written through pointers, then cut to size: no push_back bookkeeping.
        const std::size_t bound = s.children.size() * 2 + s.depPrereq.size();
        inStart.resize(std::size_t(nodes) + 1);
        pred.resize(bound);
        dep.resize(bound);
        int *in = inStart.data();
        int *p = pred.data();
        int *from = dep.data();
        int edges = 0;
        auto add = [&](int u, int d) {
            p[edges] = u;
            from[edges] = d;
            ++edges;
        };
        const int *parent = s.parent.data();
        const int *depStart = s.depStart.data();
        const int *depPrereq = s.depPrereq.data();
        const std::uint8_t *depCounts = s.depCounts.data();
        auto addOwn = [&](int t) {
            if (parent[t] >= 0)
                add(startOf[parent[t]], -1);
            for (int d = depStart[t]; d < depStart[t + 1]; ++d) {
                if (depCounts[d])
                    add(depPrereq[d], d);
            }
        };
        in[0] = 0;
        for (int t = 0; t < n; ++t) {
            if (s.isLeaf(t)) {
                leaf[t] = 1;
                addOwn(t);
            } else {
                for (int c = s.childStart[t]; c < s.childStart[t + 1]; ++c)
                    add(s.children[c], -1);
            }
            in[t + 1] = edges;
        }
        for (std::size_t j = 0; j < taskOfStart.size(); ++j) {
            addOwn(taskOfStart[j]);
            in[n + j + 1] = edges;
        }
        pred.resize(std::size_t(edges));
        dep.resize(std::size_t(edges));
    }
};

// Depth-first over predecessors: emits every node after all of its predecessors and
// computes ES and the generation level on emitting. Returns false on a cycle.
bool forwardPass(const ScheduleGraph &g, std::vector<int> &order, std::vector<double> &es,
                 std::vector<int> &level)
{
    const int nodes = g.nodeCount();
    enum : std::uint8_t { Unseen, Open, Done };
    std::vector<std::uint8_t> state(nodes, Unseen);
    // A predecessor's EF (es + duration) and the level it hands on (level, + 1 for a leaf)
    // are derived where read: two fewer arrays to fault in on every run.
    es.assign(nodes, 0.0);
    level.assign(nodes, 0);
    order.clear();
    order.reserve(nodes);
    const int *inStart = g.inStart.data();
    const int *pred = g.pred.data();
    // Emits v when all its predecessors are done; else returns false and leaves it alone.
    auto tryEmit = [&](int v) {
        double start = 0;
        int lvl = 0;
        for (int e = inStart[v]; e < inStart[v + 1]; ++e) {
            const int u = pred[e];
            if (state[u] != Done)
                return false;
            start = std::max(start, es[u] + g.duration[u] + g.lag(e));
            lvl = std::max(lvl, level[u] + g.leaf[u]);
        }
        es[v] = start;
        level[v] = lvl;
        state[v] = Done;
        order.push_back(v);
        return true;
    };
    // Most nodes come after their predecessors and are emitted straight away; the rest are
    // expanded depth-first (v: expand v; ~v: emit v, its predecessors being done by then).
    std::vector<int> stack;
    auto visit = [&](int root) {
        if (state[root] != Unseen || tryEmit(root))
            return true;
        stack.push_back(root);
        while (!stack.empty()) {
            const int top = stack.back();
            stack.pop_back();
            if (top < 0) {
                tryEmit(~top);
                continue;
            }
            if (state[top] != Unseen || tryEmit(top))
                continue;
            state[top] = Open;
            stack.push_back(~top);
            for (int e = inStart[top]; e < inStart[top + 1]; ++e) {
                const int u = pred[e];
                if (state[u] == Unseen)
                    stack.push_back(u);
                else if (state[u] == Open)
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
    for (int t = 0; t < g.n; ++t) {
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

// Kept for summaries only (a leaf's facts are its status): a slot per summary instead of
// 24 bytes for every task, which each run would otherwise fault in.
struct SummaryCounts
{
    std::vector<int> slot;            // per task: index into `counts`, -1 for a leaf
    std::vector<LeafCounts> counts;

    const LeafCounts &of(int t) const
    {
        static const LeafCounts none;
        return slot[t] < 0 ? none : counts[slot[t]];
    }
};

SummaryCounts countLeaves(const Snapshot &s, const std::vector<int> &childrenFirst)
{
    SummaryCounts c;
    const int n = s.taskCount();
    c.slot.assign(n, -1);
    int summaries = 0;
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t))
            c.slot[t] = summaries++;
    }
    c.counts.resize(summaries);
    for (int t : childrenFirst) {
        LeafCounts leaf;
        if (s.isLeaf(t)) {
            const Status st = s.status[t];
            leaf.leaves = 1;
            leaf.cancelled = st == Status::Cancelled;
            leaf.failed = st == Status::Failed;
            leaf.approved = st == Status::Approved;
            leaf.done = statusClass(st) == StatusClass::Done;
            leaf.open = statusClass(st) == StatusClass::Open;
        }
        const LeafCounts &me = s.isLeaf(t) ? leaf : c.counts[c.slot[t]];
        if (s.parent[t] >= 0) {
            LeafCounts &p = c.counts[c.slot[s.parent[t]]];
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
    std::vector<std::uint8_t> ownUnsatisfied(n, 0);
    for (int t = 0; t < n; ++t) {
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            if (!s.depCounts[d])
                continue;
            const int p = s.depPrereq[d];
            if (const auto why = unsatisfied(s, counts.of(p), p, s.depType[d])) {
                verdict[d] = std::uint8_t(*why) + 1;
                ownUnsatisfied[t] = 1;
            }
        }
    }
    // Nearest ancestor-or-self with an unsatisfied dependency, so that listing the chain
    // costs only what it prints.
    std::vector<int> nearest(n, -1);
    for (auto it = childrenFirst.rbegin(); it != childrenFirst.rend(); ++it) {
        const int t = *it;
        nearest[t] = ownUnsatisfied[t] ? t : (s.parent[t] >= 0 ? nearest[s.parent[t]] : -1);
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

// Summaries whose own readable estimate is shorter than their scheduled span.
void overrunsOf(const Snapshot &s, Analysis &a)
{
    for (int t = 0; t < s.taskCount(); ++t) {
        if (s.isLeaf(t) || s.estimate[t] != Snapshot::Estimate::Readable)
            continue;
        const double span = a.times[t].ef - a.times[t].es;
        if (s.estimateHours[t] < span - kEps)
            a.overruns.push_back({t, s.estimateHours[t], span});
    }
}

void schedule(const Snapshot &s, const ScheduleGraph &g, const std::vector<int> &order,
              const std::vector<double> &es, const std::vector<int> &level,
              const std::vector<int> &childrenFirst, Analysis &a)
{
    const int n = s.taskCount();
    const int nodes = g.nodeCount();

    double makespan = 0;
    for (int t = 0; t < n; ++t) {
        if (s.isLeaf(t))
            makespan = std::max(makespan, es[t] + g.duration[t]);
    }
    // Backward: a node's successors come later in the order, so walking it backwards each
    // node's LF is final when reached and can be pushed to its predecessors.
    std::vector<double> lf(nodes, makespan);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const int v = *it;
        const double lsv = lf[v] - g.duration[v];
        for (int e = g.inStart[v]; e < g.inStart[v + 1]; ++e)
            lf[g.pred[e]] = std::min(lf[g.pred[e]], lsv - g.lag(e));
    }
    auto ef = [&](int v) { return es[v] + g.duration[v]; };
    auto ls = [&](int v) { return lf[v] - g.duration[v]; };

    a.makespanHours = makespan;
    a.times.resize(n);
    a.generation.assign(n, -1);
    int generations = 0;
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t))
            continue;
        a.times[t] = {es[t], ef(t), ls(t), lf[t], ls(t) - es[t]};
        a.generation[t] = level[t];
        generations = std::max(generations, level[t] + 1);
        a.sequentialHours += g.duration[t];
        if (std::fabs(ls(t) - es[t]) <= kEps)
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

    // Sized first: thousands of groups would otherwise each grow step by step.
    std::vector<int> groupSize(generations, 0);
    for (int t = 0; t < n; ++t) {
        if (s.isLeaf(t))
            ++groupSize[level[t]];
    }
    a.parallelGroups.resize(generations);
    for (int k = 0; k < generations; ++k)
        a.parallelGroups[k].reserve(groupSize[k]);
    for (int t = 0; t < n; ++t) {
        if (s.isLeaf(t))
            a.parallelGroups[level[t]].push_back(t);
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

    // One critical chain, along tight edges between critical nodes. A node "reaches the
    // end" when a tight path leads from it to a leaf finishing at the makespan; known
    // before the walk, so the walk never enters a dead end (a greedy search can, at
    // zero-length leaves). Walking the order backwards, each node's flag is final when
    // reached and is pushed along its in-edges, which also picks each node's next hop:
    // of its tight out-edges into such nodes, the one the explicit graph lists first
    // (smallest ScheduleGraph::key), so the same chain is chosen as with out-edges.
    auto critical = [&](int v) { return std::fabs(ls(v) - es[v]) <= kEps; };
    auto endsLast = [&](int v) { return g.leaf[v] && std::fabs(ef(v) - makespan) <= kEps; };
    std::vector<int> nextHop(nodes, -1);     // -1: no tight edge into a node that reaches the end
    std::vector<int> nextKey(nodes, 0);
    auto reachesEnd = [&](int v) { return critical(v) && (endsLast(v) || nextHop[v] >= 0); };
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const int v = *it;
        if (!reachesEnd(v))
            continue;
        for (int e = g.inStart[v]; e < g.inStart[v + 1]; ++e) {
            const int u = g.pred[e];
            if (!critical(u) || !(std::fabs(ef(u) + g.lag(e) - es[v]) <= kEps))
                continue;
            const int key = g.key(s, v, e);
            if (nextHop[u] < 0 || key < nextKey[u]) {
                nextHop[u] = v;
                nextKey[u] = key;
            }
        }
    }
    int current = -1;
    for (int t : a.criticalTasks) {
        if (std::fabs(es[t]) <= kEps && reachesEnd(t)) {
            current = t;
            break;
        }
    }
    while (current >= 0) {
        a.criticalPath.push_back(current);
        if (std::fabs(ef(current) - makespan) <= kEps)
            break;
        // Through summary nodes to the next leaf; every hop moves forward in topological
        // order, so the whole walk is linear.
        int u = current;
        current = -1;
        while (current < 0 && u >= 0) {
            const int next = nextHop[u];
            if (next >= 0 && g.leaf[next])
                current = next;
            u = next;
        }
    }
    overrunsOf(s, a);
}

} // namespace

Analysis analyze(const Snapshot &s)
{
    Analysis a;
    const int n = s.taskCount();
    a.tasks = n;
    a.dependencies = s.declaredDependencies();

    // Per task here, then the schedule graph's per node (a summary adds a start node).
    int summaries = 0;
    for (int t = 0; t < n; ++t)
        summaries += !s.isLeaf(t);
    std::vector<double> duration;
    duration.reserve(std::size_t(n) + std::size_t(summaries));
    duration.assign(n, 0.0);
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

    // Blocked and ready do not depend on the schedule: on a large plan they are found on a
    // second thread meanwhile. They write only their own vectors.
    auto blockedAndReady = [&] { findBlocked(s, childrenFirst, countLeaves(s, childrenFirst), a.blocked, a.waits, a.ready); };
    constexpr int kParallelFrom = 20000;   // tasks; below, a thread costs more than it saves
    std::thread helper;
    if (n >= kParallelFrom)
        helper = std::thread(blockedAndReady);

    const ScheduleGraph g(s, std::move(duration));
    std::vector<int> order;
    std::vector<double> es;
    std::vector<int> level;
    if (forwardPass(g, order, es, level)) {
        schedule(s, g, order, es, level, childrenFirst, a);
    } else {
        const Graph explicitGraph = buildGraph(s, g.duration);
        a.cycles = cyclicLeafSets(s, explicitGraph, topologicalOrder(explicitGraph));
    }

    if (helper.joinable())
        helper.join();
    else
        blockedAndReady();
    return a;
}

} // namespace Workplan
