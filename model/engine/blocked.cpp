// Blocked and ready (§3, §4): which effective dependencies are unsatisfied, and why.
#include "passes.h"

#include <cstdint>
#include <optional>

namespace Workplan::Passes {

namespace {

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
void findBlockedIn(const Snapshot &s, const std::vector<int> &childrenFirst,
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


} // namespace

void findBlocked(const Snapshot &s, const ScheduleGraph &g, Analysis &a)
{
    findBlockedIn(s, s.childrenFirst, countLeaves(s, g), a.blocked, a.waits, a.ready);
}

} // namespace Workplan::Passes
