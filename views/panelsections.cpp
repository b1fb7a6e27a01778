#include "panelsections.h"

#include "model/engine/analysisresult.h"
#include "model/engine/explain.h"
#include "model/engine/leveledschedule.h"
#include "model/engine/scheduledates.h"
#include "model/storage/json/jsonwriter.h"
#include "model/project.h"

#include <QCoreApplication>
#include <QStringList>

namespace Workplan {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workplan::AnalysisPanel", text);
}

QString arrow()
{
    return QStringLiteral(" \u2192 ");
}

// Appends the "… and N more" entry when `total` exceeds what was listed.
void addMore(std::vector<PanelEntry> &entries, std::size_t total, std::size_t shown, const QString &key)
{
    if (total <= shown)
        return;
    PanelEntry more;
    more.text = tr("\u2026 and %1 more").arg(total - shown);
    more.key = key + QLatin1String("/more");
    more.data.insert(MoreRole, true);
    entries.push_back(std::move(more));
}

QString counted(const char *title, std::size_t n)
{
    return QStringLiteral("%1 (%2)").arg(tr(title)).arg(n);
}

QString shownMoment(const Moment &m)
{
    return formatMoment(m).replace(QLatin1Char('T'), QLatin1Char(' '));
}

} // namespace

QString hoursText(double hours)
{
    return QString::fromLatin1(formatDouble(hours, false)) + QLatin1String(" h");
}

PanelSectionBuilder::PanelSectionBuilder(const AnalysisResult &result, const Project *project,
                                         const TaskLabels *labels)
    : m_result(result)
    , m_project(project)
    , m_labels(labels)
{
}

QString PanelSectionBuilder::label(int task) const
{
    const QString &id = m_result.snapshot.ids[std::size_t(task)];
    if (!m_labels && m_project) {
        m_ownLabels.emplace(*m_project);
        m_labels = &*m_ownLabels;
    }
    return m_labels ? (*m_labels)(id) : id;
}

PanelEntry PanelSectionBuilder::taskEntry(int task) const
{
    PanelEntry e;
    e.text = label(task);
    e.taskId = m_result.snapshot.ids[std::size_t(task)];
    e.data.insert(TaskIdRole, e.taskId);
    return e;
}

QString PanelSectionBuilder::summary() const
{
    const Analysis &a = m_result.analysis;
    if (!a.hasSchedule())
        return tr("No schedule: the plan has %1 loop(s) of dependencies").arg(a.cycles.size());
    QString text = tr("Makespan %1 \u00b7 Sequential %2 \u00b7 Saved by parallel work %3")
                       .arg(hoursText(a.makespanHours), hoursText(a.sequentialHours), hoursText(a.timeSavingsHours));
    if (const auto &dates = m_result.snapshot.dates)
        text += tr(" \u00b7 Finish %1").arg(shownMoment(dates->finishReading(a.makespanHours)));
    if (a.leveled)
        text += tr(" \u00b7 With the team %1").arg(hoursText(a.leveled->makespanHours));
    return text;
}

PanelSection PanelSectionBuilder::deadlines(int limit) const
{
    const Snapshot &s = m_result.snapshot;
    const Analysis &a = m_result.analysis;
    PanelSection sec{counted("Deadlines", s.deadlines.size()), true, {}};
    if (!s.dates || !a.hasSchedule())
        return sec;
    const ScheduleDates dates = ScheduleDates::of(s, a);
    // Late ones first, the latest of them on top; then the tightest margins.
    std::vector<std::pair<double, int>> order;
    for (std::size_t k = 0; k < s.deadlines.size(); ++k)
        order.push_back({s.deadlines[k].offset - a.times(s.deadlines[k].task).ef, int(k)});
    std::stable_sort(order.begin(), order.end());
    const std::size_t shown = std::min(order.size(), std::size_t(limit));
    for (std::size_t i = 0; i < shown; ++i) {
        const auto &[margin, k] = order[i];
        const Snapshot::Deadline &d = s.deadlines[std::size_t(k)];
        PanelEntry e = taskEntry(d.task);
        const QString verdict = margin < -1e-6 ? tr("%1 late").arg(hoursText(-margin))
                                               : tr("%1 to spare").arg(hoursText(margin));
        e.text = tr("%1: due %2, finishes %3 \u2014 %4")
                     .arg(e.text, shownMoment(d.moment), shownMoment(dates.tasks[std::size_t(d.task)].finish), verdict);
        e.key = QLatin1String("deadline/") + e.taskId;
        e.data.insert(MarginRole, margin);
        sec.entries.push_back(std::move(e));
    }
    addMore(sec.entries, order.size(), shown, QStringLiteral("deadlines"));
    return sec;
}

PanelSection PanelSectionBuilder::team(int limit) const
{
    const Snapshot &s = m_result.snapshot;
    const Analysis &a = m_result.analysis;
    const LeveledSchedule *l = a.leveled.get();
    PanelSection sec{l ? counted("Team: delayed tasks", l->delayed.size()) : tr("Team"), true, {}};
    if (s.resources.empty() || !a.hasSchedule())
        return sec;
    PanelEntry head;
    head.key = QStringLiteral("team/finish");
    if (!l) {
        head.text = tr("No schedule with the team: a task needs more of a resource than exists (see Warnings)");
        sec.entries.push_back(std::move(head));
        return sec;
    }
    head.text = tr("With the team: %1 (%2%3, %4 delayed) \u2014 unlimited: %5")
                    .arg(hoursText(l->makespanHours), l->makespanHours >= a.makespanHours ? QStringLiteral("+") : QString(),
                         hoursText(l->makespanHours - a.makespanHours))
                    .arg(l->delayed.size())
                    .arg(hoursText(a.makespanHours));
    sec.entries.push_back(std::move(head));
    // The busiest resource: the most unit-hours against its capacity over the leveled finish.
    int busiest = -1;
    double busiestLoad = -1;
    for (std::size_t r = 0; r < s.resources.size(); ++r) {
        double unitHours = 0;
        for (int t = 0; t < s.taskCount(); ++t) {
            if (!s.isLeaf(t) || s.demandStart.empty())
                continue;
            for (int k = s.demandStart[std::size_t(t)]; k < s.demandStart[std::size_t(t) + 1]; ++k) {
                if (s.demandResource[std::size_t(k)] == int(r))
                    unitHours += s.demandUnits[std::size_t(k)] * (l->finish[std::size_t(t)] - l->start[std::size_t(t)]);
            }
        }
        const double load = l->makespanHours > 0 ? unitHours / (s.resources[r].capacity * l->makespanHours) : 0;
        if (load > busiestLoad) {
            busiestLoad = load;
            busiest = int(r);
        }
    }
    if (busiest >= 0) {
        PanelEntry e;
        e.key = QStringLiteral("team/busiest");
        e.text = tr("Busiest: %1 (capacity %2, in use %3 % of the time)")
                     .arg(s.resources[std::size_t(busiest)].name)
                     .arg(s.resources[std::size_t(busiest)].capacity)
                     .arg(qRound(busiestLoad * 100));
        sec.entries.push_back(std::move(e));
    }
    const std::size_t shown = std::min(l->delayed.size(), std::size_t(limit));
    for (std::size_t i = 0; i < shown; ++i) {
        const int t = l->delayed[i];
        PanelEntry e = taskEntry(t);
        e.text = tr("%1: starts %2 later").arg(e.text, hoursText(l->start[std::size_t(t)] - a.times(t).es));
        e.key = QLatin1String("team/") + e.taskId;
        sec.entries.push_back(std::move(e));
    }
    addMore(sec.entries, l->delayed.size(), shown, QStringLiteral("team"));
    return sec;
}

PanelSection PanelSectionBuilder::cycles(int limit) const
{
    const Analysis &a = m_result.analysis;
    const Snapshot &s = m_result.snapshot;
    PanelSection sec{counted("Cycles", a.cycles.size()), true, {}};
    const std::size_t shown = std::min(a.cycles.size(), std::size_t(limit));
    for (std::size_t c = 0; c < shown; ++c) {
        const std::vector<int> &set = a.cycles[c];
        const std::vector<int> loop = loopOrder(s, set);
        QStringList names, members;
        for (int t : loop)
            names << label(t);
        names << label(loop.front());
        PanelEntry e;
        e.text = names.join(arrow());
        if (loop.size() < set.size())
            e.text += tr(" (one loop of a set of %1 tasks)").arg(set.size());
        e.key = QLatin1String("cycle/") + s.ids[std::size_t(set.front())];
        for (int t : set) {
            members << s.ids[std::size_t(t)];
            e.children.push_back(taskEntry(t));
        }
        e.data.insert(MembersRole, members);
        e.expandedByDefault = true;
        sec.entries.push_back(std::move(e));
    }
    addMore(sec.entries, a.cycles.size(), shown, QStringLiteral("cycles"));
    return sec;
}

PanelSection PanelSectionBuilder::blocked(int limit) const
{
    const Analysis &a = m_result.analysis;
    const Snapshot &s = m_result.snapshot;
    PanelSection sec{counted("Blocked", a.blocked.size()), false, {}};
    const std::size_t shown = std::min(a.blocked.size(), std::size_t(limit));
    const bool expand = a.blocked.size() <= 20;
    const TaskNamer name = [this](int t) { return label(t); };
    for (std::size_t i = 0; i < shown; ++i) {
        const Analysis::Blocked &b = a.blocked[i];
        PanelEntry e = taskEntry(b.task);
        if (b.marked)
            e.text += QStringLiteral(" \u2014 ") + markedBlockedText();
        e.key = QLatin1String("blocked/") + e.taskId;
        e.data.insert(MarkedRole, b.marked);
        e.expandedByDefault = expand;
        for (const Analysis::Waiting &w : a.waitingOf(b)) {
            PanelEntry c = taskEntry(w.task);
            const QString via = w.via < 0 ? QString() : s.ids[std::size_t(w.via)];
            c.text = waitingText(w, name);
            c.data.insert(ReasonRole, toString(w.reason));
            c.data.insert(ViaRole, via);
            c.data.insert(DependencyTypeRole, toString(w.type));
            e.children.push_back(std::move(c));
        }
        sec.entries.push_back(std::move(e));
    }
    addMore(sec.entries, a.blocked.size(), shown, QStringLiteral("blocked"));
    return sec;
}

PanelSection PanelSectionBuilder::whyBlocked(const QString &taskId, int limit) const
{
    const std::vector<BlockChainNode> chain = blockedChain(m_result, m_result.index(taskId), limit);
    PanelSection sec{tr("Why blocked?"), false, {}};
    if (chain.empty()) {
        PanelEntry hint;
        hint.text = tr("Select a blocked task to see what it waits for.");
        hint.key = QStringLiteral("why/hint");
        sec.entries.push_back(std::move(hint));
        return sec;
    }
    sec.title = tr("Why is %1 blocked?").arg(label(chain.front().task));
    // Pre-order with depths -> nested entries; `path` holds the open ancestors.
    std::vector<PanelEntry *> path;
    QStringList keyPath;
    for (const BlockChainNode &n : chain) {
        PanelEntry e = taskEntry(n.task);
        if (n.waiting) {
            e.text = tr("%1 \u2014 %2 [%3]").arg(e.text, toString(n.waiting->reason), toString(n.waiting->type));
            e.data.insert(ReasonRole, toString(n.waiting->reason));
            e.data.insert(DependencyTypeRole, toString(n.waiting->type));
            e.data.insert(ViaRole, n.waiting->via < 0 ? QString() : m_result.snapshot.ids[std::size_t(n.waiting->via)]);
            if (n.waiting->via >= 0)
                e.text += tr(" (via %1)").arg(label(n.waiting->via));
        } else if (n.insideSummary) {
            e.text += tr(" \u2014 blocked, inside it");
        }
        if (n.repeated)
            e.text += tr(" \u2014 see above");
        else if (n.firstCause)
            e.text += tr(" \u2014 first cause (%1)").arg(toString(m_result.snapshot.status[std::size_t(n.task)]));
        e.expandedByDefault = true;
        path.resize(std::size_t(n.depth));
        keyPath = keyPath.mid(0, n.depth);
        keyPath << e.taskId;
        e.key = QLatin1String("why/") + keyPath.join(QLatin1Char('/'));
        std::vector<PanelEntry> &siblings = path.empty() ? sec.entries : path.back()->children;
        siblings.push_back(std::move(e));
        path.push_back(&siblings.back());
    }
    if (int(chain.size()) >= limit) {
        PanelEntry more;
        more.text = tr("\u2026 chain cut at %1 lines").arg(limit);
        more.key = QStringLiteral("why/more");
        more.data.insert(MoreRole, true);
        sec.entries.push_back(std::move(more));
    }
    return sec;
}

PanelSection PanelSectionBuilder::ready(int limit) const
{
    const std::vector<int> &ready = m_result.analysis.ready;
    PanelSection sec{counted("Ready", ready.size()), false, {}};
    const std::size_t shown = std::min(ready.size(), std::size_t(limit));
    for (std::size_t i = 0; i < shown; ++i)
        sec.entries.push_back(taskEntry(ready[i]));
    addMore(sec.entries, ready.size(), shown, QStringLiteral("ready"));
    return sec;
}

PanelSection PanelSectionBuilder::criticalPath(int limit) const
{
    const Analysis &a = m_result.analysis;
    PanelSection sec{counted("Critical path", a.hasSchedule() ? a.criticalPath.size() : 0), false, {}};
    if (!a.hasSchedule()) {
        PanelEntry hint;
        hint.text = tr("No schedule while the plan has a loop.");
        hint.key = QStringLiteral("critical/hint");
        sec.entries.push_back(std::move(hint));
        return sec;
    }
    const std::size_t shown = std::min(a.criticalPath.size(), std::size_t(limit));
    for (std::size_t i = 0; i < shown; ++i) {
        const int t = a.criticalPath[i];
        PanelEntry e = taskEntry(t);
        const Analysis::Times x = a.times(t);
        e.text = QStringLiteral("%1. %2 \u2014 %3\u2013%4").arg(i + 1).arg(e.text,
                     QString::fromLatin1(formatDouble(x.es, false)), hoursText(x.ef));
        sec.entries.push_back(std::move(e));
    }
    addMore(sec.entries, a.criticalPath.size(), shown, QStringLiteral("critical"));
    return sec;
}

PanelSection PanelSectionBuilder::parallelGroups(int limit, const QSet<QString> &expanded) const
{
    const Analysis &a = m_result.analysis;
    const std::size_t groups = a.hasSchedule() ? a.parallelGroupCount() : 0;
    const bool eager = a.leafTasks <= 4 * limit;
    PanelSection sec{counted("Parallel groups", groups), false, {}};
    const std::size_t shown = std::min(groups, std::size_t(limit));
    for (std::size_t g = 0; g < shown; ++g) {
        const Analysis::Span<int> group = a.parallelGroup(g);
        double hours = 0;
        for (int t : group)
            hours += a.times(t).ef - a.times(t).es;
        PanelEntry e;
        const QString count = group.size() == 1 ? tr("1 task") : tr("%1 tasks").arg(group.size());
        e.text = tr("Parallel group %1 \u2014 %2, %3").arg(g + 1).arg(count, hoursText(hours));
        e.key = QStringLiteral("group/%1").arg(g + 1);
        e.data.insert(CountRole, int(group.size()));
        e.data.insert(HoursRole, hours);
        if (!eager && !expanded.contains(e.key) && !group.empty()) {
            e.lazy = true;
            e.data.insert(LazyRole, true);
        } else {
            const std::size_t listed = std::min(group.size(), std::size_t(limit));
            for (std::size_t i = 0; i < listed; ++i)
                e.children.push_back(taskEntry(group[i]));
            addMore(e.children, group.size(), listed, e.key);
        }
        sec.entries.push_back(std::move(e));
    }
    addMore(sec.entries, groups, shown, QStringLiteral("groups"));
    return sec;
}

PanelSection PanelSectionBuilder::overruns(int limit) const
{
    const std::vector<Analysis::Overrun> &list = m_result.analysis.overruns;
    PanelSection sec{counted("Overruns", list.size()), true, {}};
    const std::size_t shown = std::min(list.size(), std::size_t(limit));
    for (std::size_t i = 0; i < shown; ++i) {
        const Analysis::Overrun &o = list[i];
        PanelEntry e = taskEntry(o.task);
        e.text = tr("%1: estimated %2, scheduled %3").arg(e.text, hoursText(o.estimateHours), hoursText(o.scheduledHours));
        e.data.insert(EstimateRole, o.estimateHours);
        e.data.insert(HoursRole, o.scheduledHours);
        sec.entries.push_back(std::move(e));
    }
    addMore(sec.entries, list.size(), shown, QStringLiteral("overruns"));
    return sec;
}

PanelSection PanelSectionBuilder::warnings(int limit) const
{
    const std::vector<Analysis::Warning> &list = m_result.analysis.warnings;
    PanelSection sec{counted("Warnings", list.size()), true, {}};
    const std::size_t shown = std::min(list.size(), std::size_t(limit));
    for (std::size_t i = 0; i < shown; ++i) {
        PanelEntry e = taskEntry(list[i].task);
        e.text = QStringLiteral("%1: %2").arg(e.text, list[i].message);
        e.data.insert(MessageRole, list[i].message);
        sec.entries.push_back(std::move(e));
    }
    addMore(sec.entries, list.size(), shown, QStringLiteral("warnings"));
    return sec;
}

} // namespace Workplan
