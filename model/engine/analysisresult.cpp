#include "analysisresult.h"

#include "explain.h"
#include "leveledschedule.h"
#include "passes.h"

#include "../effort.h"
#include "../tasklabel.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Workplan {

bool AnalysisResult::isCritical(const QString &id) const
{
    const int i = index(id);
    return i >= 0 && analysis.hasSchedule() && critical[std::size_t(i)];
}

const Analysis::Blocked *AnalysisResult::blocked(const QString &id) const
{
    const int i = index(id);
    if (i < 0 || blockedAt[std::size_t(i)] < 0)
        return nullptr;
    return &analysis.blocked[std::size_t(blockedAt[std::size_t(i)])];
}

QStringList AnalysisResult::waitLines(const Analysis::Blocked &b, const TaskLabels &labels) const
{
    return waitingLines(analysis, b, [&](int t) { return labels(snapshot.ids[std::size_t(t)]); });
}

bool AnalysisResult::isBlocked(const QString &id) const
{
    return blocked(id) != nullptr;
}

int AnalysisResult::wave(const QString &id) const
{
    const int i = index(id);
    if (i < 0 || !analysis.hasSchedule())
        return -1;
    return analysis.generation(i);
}

std::optional<Analysis::Times> AnalysisResult::times(const QString &id) const
{
    const int i = index(id);
    if (i < 0 || !analysis.hasSchedule())
        return std::nullopt;
    return analysis.times(i);
}

double AnalysisResult::margin(const QString &id) const
{
    const int i = index(id);
    return i >= 0 && std::size_t(i) < margins.size() ? margins[std::size_t(i)]
                                                     : std::numeric_limits<double>::quiet_NaN();
}

QString AnalysisResult::deadlineText(const QString &id) const
{
    const int i = index(id);
    const double m = margin(id);
    if (i < 0 || std::isnan(m) || !dates)
        return QString();
    for (const Snapshot::Deadline &d : snapshot.deadlines) {
        if (d.task != i)
            continue;
        const QString verdict = isLate(m) ? QCoreApplication::translate("AnalysisResult", "%1 late").arg(formatHours(-m))
                                          : QCoreApplication::translate("AnalysisResult", "%1 to spare").arg(formatHours(qMax(0.0, m)));
        return QCoreApplication::translate("AnalysisResult", "due %1, finishes %2 \u2014 %3")
            .arg(dateTimeText(d.moment), dateTimeText(dates->tasks[std::size_t(i)].finish), verdict);
    }
    return QString();
}

std::vector<std::uint8_t> dependencyFlags(const Snapshot &s, const Analysis &a, const std::vector<bool> &critical,
                                          std::vector<int> *loopAt)
{
    const int n = s.taskCount();
    std::vector<std::uint8_t> flags(s.depPrereq.size(), 0);
    if (loopAt)
        loopAt->assign(std::size_t(n), -1);
    if (a.hasSchedule() && a.tasks == n && a.graph) {
        for (int i = 0; i < n; ++i) {
            if (!critical[std::size_t(i)] || !s.isLeaf(i))
                continue;
            const double es = a.times(i).es;
            for (int o = i; o >= 0; o = s.parent[std::size_t(o)]) {
                for (int d = s.depStart[std::size_t(o)]; d < s.depStart[std::size_t(o) + 1]; ++d) {
                    const int p = s.depPrereq[std::size_t(d)];
                    if (p >= 0 && s.depCounts[std::size_t(d)] && (!s.isLeaf(p) || critical[std::size_t(p)])
                        && std::fabs(a.times(p).ef + s.depLag[std::size_t(d)] - es) < Passes::kEps)
                        flags[std::size_t(d)] |= AnalysisResult::CriticalDependency;
                }
            }
        }
    }
    if (a.cycles.empty())
        return flags;
    // Each cyclic set marks its leaves and the summaries holding them (a collapsed card
    // then shows the loop inside it).
    std::vector<std::vector<int>> under(static_cast<std::size_t>(n));   // ascending loop indices
    for (int k = 0; k < int(a.cycles.size()); ++k) {
        for (int leaf : a.cycles[std::size_t(k)]) {
            for (int t = leaf; t >= 0 && (under[std::size_t(t)].empty() || under[std::size_t(t)].back() != k);
                 t = s.parent[std::size_t(t)])
                under[std::size_t(t)].push_back(k);
        }
    }
    for (int o = 0; o < n; ++o) {
        const std::vector<int> &ours = under[std::size_t(o)];
        if (ours.empty())
            continue;
        if (loopAt)
            (*loopAt)[std::size_t(o)] = ours.front();
        for (int d = s.depStart[std::size_t(o)]; d < s.depStart[std::size_t(o) + 1]; ++d) {
            const int p = s.depPrereq[std::size_t(d)];
            if (p < 0 || !s.depCounts[std::size_t(d)])
                continue;
            const std::vector<int> &theirs = under[std::size_t(p)];
            if (std::find_first_of(ours.cbegin(), ours.cend(), theirs.cbegin(), theirs.cend()) != ours.cend())
                flags[std::size_t(d)] |= AnalysisResult::LoopDependency;
        }
    }
    return flags;
}

std::shared_ptr<AnalysisResult> computeAnalysis(Snapshot snapshot, quint64 revision, const AnalysisResult *previous)
{
    auto r = std::make_shared<AnalysisResult>();
    r->snapshot = std::move(snapshot);
    r->analysis = analyze(r->snapshot);
    if (previous && previous->snapshot.ids == r->snapshot.ids) {
        r->indexOf = previous->indexOf;
    } else {
        r->indexOf.reserve(r->snapshot.taskCount());
        for (int i = 0; i < r->snapshot.taskCount(); ++i)
            r->indexOf.insert(r->snapshot.ids[i], i);
    }
    const std::size_t n = std::size_t(r->snapshot.taskCount());
    r->blockedAt.assign(n, -1);
    for (std::size_t b = 0; b < r->analysis.blocked.size(); ++b)
        r->blockedAt[std::size_t(r->analysis.blocked[b].task)] = int(b);
    r->critical.assign(n, false);
    for (int t : r->analysis.criticalTasks)
        r->critical[std::size_t(t)] = true;
    r->dependencyFlags = dependencyFlags(r->snapshot, r->analysis, r->critical, &r->loopAt);
    r->margins = deadlineMargins(r->snapshot, r->analysis);
    if (r->snapshot.dates && r->analysis.hasSchedule())
        r->dates = std::make_shared<const ScheduleDates>(ScheduleDates::of(r->snapshot, r->analysis));
    r->revision = revision;
    return r;
}

namespace {

// Per task: the start the team's capacity pushes it to, -1 when it is not delayed.
std::vector<double> leveledDelays(const AnalysisResult &r)
{
    std::vector<double> out(std::size_t(r.snapshot.taskCount()), -1);
    const LeveledSchedule *l = r.analysis.hasSchedule() ? r.analysis.leveled.get() : nullptr;
    if (!l)
        return out;
    for (int t : l->delayed) {
        if (t >= 0 && std::size_t(t) < out.size() && std::size_t(t) < l->start.size())
            out[std::size_t(t)] = l->start[std::size_t(t)];
    }
    return out;
}

// `sameIds`: both results index the same tasks alike, so a task index means the same
// task in both and no id needs comparing (a per-wait QString copy and compare cost more
// than the whole rest of changedTasks() at 100k tasks).
bool sameWaits(const AnalysisResult &x, int i, const AnalysisResult &y, int j, bool sameIds)
{
    const int bx = x.blockedAt[std::size_t(i)];
    const int by = y.blockedAt[std::size_t(j)];
    if ((bx < 0) != (by < 0))
        return false;
    if (bx < 0)
        return true;
    const Analysis::Blocked &a = x.analysis.blocked[std::size_t(bx)];
    const Analysis::Blocked &b = y.analysis.blocked[std::size_t(by)];
    if (a.marked != b.marked || a.waitCount != b.waitCount)
        return false;
    const Analysis::WaitRange wa = x.analysis.waitingOf(a);
    const Analysis::WaitRange wb = y.analysis.waitingOf(b);
    // Otherwise by id: an insertion before them shifts the indices, not what is waited on.
    static const QString none;
    auto id = [](const AnalysisResult &r, int t) -> const QString & { return t < 0 ? none : r.snapshot.ids[std::size_t(t)]; };
    auto sameTask = [&](int tx, int ty) { return sameIds ? tx == ty : id(x, tx) == id(y, ty); };
    for (std::size_t k = 0; k < wa.size(); ++k) {
        if (wa[k].type != wb[k].type || wa[k].reason != wb[k].reason || !sameTask(wa[k].task, wb[k].task)
            || !sameTask(wa[k].via, wb[k].via))
            return false;
    }
    return true;
}

} // namespace

std::vector<int> changedTasks(const AnalysisResult &before, const AnalysisResult &after)
{
    const Snapshot &a = before.snapshot;
    const Snapshot &b = after.snapshot;
    const int n = b.taskCount();
    std::vector<int> changed;
    // A schedule appearing or going, or a new start or calendar, moves every task's marks.
    if (before.analysis.hasSchedule() != after.analysis.hasSchedule() || bool(before.dates) != bool(after.dates)) {
        changed.resize(std::size_t(n));
        for (int i = 0; i < n; ++i)
            changed[std::size_t(i)] = i;
        return changed;
    }
    const bool schedule = after.analysis.hasSchedule();
    const std::vector<double> delayBefore = leveledDelays(before);
    const std::vector<double> delayAfter = leveledDelays(after);
    auto sameMoment = [](const Moment &x, const Moment &y) { return x.day == y.day && x.minute == y.minute; };
    auto sameNumber = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
    auto marginOf = [](const AnalysisResult &r, int t) {
        return std::size_t(t) < r.margins.size() ? r.margins[std::size_t(t)] : std::numeric_limits<double>::quiet_NaN();
    };
    // The id look-up is lent only between results of the same ids (computeAnalysis).
    const bool sameIds = before.indexOf.isSharedWith(after.indexOf);
    for (int i = 0; i < n; ++i) {
        const int j = sameIds || (i < a.taskCount() && a.ids[std::size_t(i)] == b.ids[std::size_t(i)])
            ? i
            : before.index(b.ids[std::size_t(i)]);
        bool same = j >= 0 && before.critical[std::size_t(j)] == after.critical[std::size_t(i)]
            && before.loopAt[std::size_t(j)] == after.loopAt[std::size_t(i)] && sameWaits(before, j, after, i, sameIds)
            && sameNumber(marginOf(before, j), marginOf(after, i))
            && delayBefore[std::size_t(j)] == delayAfter[std::size_t(i)];
        if (same && schedule) {
            const Analysis::Times x = before.analysis.times(j);
            const Analysis::Times y = after.analysis.times(i);
            same = x.es == y.es && x.ef == y.ef && x.ls == y.ls && x.lf == y.lf && x.slack == y.slack
                && before.analysis.generation(j) == after.analysis.generation(i);
        }
        if (same && after.dates) {
            const ScheduleDates::Task &x = before.dates->tasks[std::size_t(j)];
            const ScheduleDates::Task &y = after.dates->tasks[std::size_t(i)];
            same = sameMoment(x.start, y.start) && sameMoment(x.finish, y.finish);
        }
        if (!same)
            changed.push_back(i);
    }
    return changed;
}

} // namespace Workplan
