// GraphScene: what the analysis says, cached for painting (critical, blocked, waves, loops,
// late, delayed by the team), and the risk panel's criticality tint.
#include "graphscene.h"

#include "model/engine/explain.h"
#include "views/riskshares.h"

#include "carditem.h"
#include "edgeitem.h"
#include "frameitem.h"
#include "nodeitem.h"

#include "model/dependency.h"
#include "model/effort.h"
#include "model/engine/leveledschedule.h"
#include "model/tasklabel.h"
#include "views/analysiscontroller.h"

namespace Workplan {

int GraphScene::dependencyMarks(const AnalysisResult &r, int d, bool schedule)
{
    if (!r.dependencyFlags[std::size_t(d)])
        return 0;
    return (schedule && r.isCriticalDependency(d) ? CriticalMark : 0) | (r.isLoopDependency(d) ? LoopMark : 0);
}

int GraphScene::edgeMarks(const QString &ownerId, const QString &prereqId) const
{
    if (!m_overlaysOf)
        return 0;
    const int owner = m_overlaysOf->index(ownerId);
    if (owner < 0)
        return 0;
    // An owner has a few dependencies: looked through rather than kept in a set of keys,
    // which an edit of a large plan would rebuild for its whole critical path.
    const Snapshot &s = m_overlaysOf->snapshot;
    int marks = 0;
    for (int d = s.depStart[std::size_t(owner)]; d < s.depStart[std::size_t(owner) + 1]; ++d) {
        if (s.ids[std::size_t(s.depPrereq[std::size_t(d)])] == prereqId)
            marks |= dependencyMarks(*m_overlaysOf, d, m_overlaySchedule);
    }
    return marks;
}

// The arrows whose critical or loop mark differs between `before` and the shown result.
// Between results of the same tasks and dependencies (an edit of fields) by dependency
// index; otherwise every arrow marked in either.
QList<EdgeItem *> GraphScene::edgesMarkedOtherwise(const AnalysisResult *before, bool scheduleBefore) const
{
    QList<EdgeItem *> edges;
    auto add = [&](const Snapshot &s, int owner, int d) {
        const QString &prereq = s.ids[std::size_t(s.depPrereq[std::size_t(d)])];
        const QString &ownerId = s.ids[std::size_t(owner)];
        for (EdgeItem *e : m_edges.value(ownerId)) {
            if (const Dependency *dep = e->dependency(); dep && dep->taskId == prereq)
                edges << e;
        }
        // A bundle is marked when any of its members is (EdgeItem::paint()): the one
        // between the cards that show the two ends, when either is folded.
        if (!m_collapsed.isEmpty()) {
            NodeItem *target = visibleNodeFor(ownerId);
            NodeItem *source = target ? visibleNodeFor(prereq) : nullptr;
            for (EdgeItem *e : source && source != target ? target->edges() : QList<EdgeItem *>()) {
                if (e->isBundle() && e->source() == source && e->target() == target)
                    edges << e;
            }
        }
    };
    // The arrows of the dependencies d of `s` for which picked(d) holds.
    auto collect = [&](const Snapshot &s, auto picked) {
        for (int o = 0; o < s.taskCount(); ++o) {
            for (int d = s.depStart[std::size_t(o)]; d < s.depStart[std::size_t(o) + 1]; ++d) {
                if (picked(d))
                    add(s, o, d);
            }
        }
    };
    const AnalysisResult *after = m_overlaysOf.get();
    if (before && after && before->snapshot.depStart == after->snapshot.depStart
        && before->snapshot.depPrereq == after->snapshot.depPrereq && before->snapshot.sameTasks(after->snapshot)) {
        collect(after->snapshot, [&](int d) {
            return dependencyMarks(*before, d, scheduleBefore) != dependencyMarks(*after, d, m_overlaySchedule);
        });
        return edges;
    }
    if (before)
        collect(before->snapshot, [&](int d) { return dependencyMarks(*before, d, scheduleBefore) != 0; });
    if (after)
        collect(after->snapshot, [&](int d) { return dependencyMarks(*after, d, m_overlaySchedule) != 0; });
    return edges;
}

void GraphScene::setItemCaching(bool on)
{
    for (CardItem *c : std::as_const(m_cards))
        c->setCacheMode(on ? QGraphicsItem::DeviceCoordinateCache : QGraphicsItem::NoCache);
}

void GraphScene::setOverlayState(OverlayState *state)
{
    if (state == m_overlayState)
        return;
    OverlayState::attach(this, m_overlayState, state, [this] { repaintAll(); });
    repaintAll();
}

OverlayState *GraphScene::overlayState()
{
    if (!m_overlayState)
        setOverlayState(new OverlayState(this));
    return m_overlayState;
}

void GraphScene::setShowCritical(bool on) { overlayState()->setCritical(on); }
void GraphScene::setShowBlocked(bool on) { overlayState()->setBlocked(on); }
void GraphScene::setShowParallelGroups(bool on) { overlayState()->setParallelGroups(on); }
void GraphScene::setShowSlack(bool on) { overlayState()->setSlack(on); }

QString GraphScene::blockedText(const QString &id) const
{
    const auto result = m_analysis ? m_analysis->result() : nullptr;
    const Analysis::Blocked *b = result ? result->blocked(id) : nullptr;
    if (!b)
        return QString();
    QStringList lines;
    if (b->marked) {
        QString marked = markedBlockedText();
        marked[0] = marked[0].toUpper();
        lines << marked;
    }
    for (QString line : result->waitLines(*b, taskLabels(*m_document))) {
        line[0] = line[0].toUpper();
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

QString GraphScene::lateText(const QString &id) const
{
    const Overlay *o = overlay(id);
    const auto result = m_analysis ? m_analysis->result() : nullptr;
    if (!o || o->lateBy <= 0 || !result)
        return QString();
    return tr("Late: %1").arg(result->deadlineText(id));
}

QString GraphScene::delayedText(const QString &id) const
{
    const Overlay *o = overlay(id);
    if (!o || !o->delayed())
        return QString();
    return tr("Starts %1 later with the team (%2 \u2192 %3)")
        .arg(formatHours(o->leveledStart - o->earlyStart), formatHours(o->earlyStart), formatHours(o->leveledStart));
}

void GraphScene::setRiskCriticality(const QHash<QString, double> &shares)
{
    const QHash<QString, double> before = std::exchange(m_riskCriticality, shares);
    for (const QString &id : changedRiskShares(before, m_riskCriticality)) {
        if (CardItem *c = m_cards.value(id))
            c->refresh();
    }
}

void GraphScene::repaintAll()
{
    // Cached cards only repaint through their own update().
    for (CardItem *c : std::as_const(m_cards))
        c->refresh();
    update();
}

bool GraphScene::drawnAlike(const Overlay &a, const Overlay &b) const
{
    // What CardItem::paint() shows of an overlay (the rest is in its tooltip, made on hover).
    const OverlayFlags f = overlayFlags();
    return (!f.critical || a.critical == b.critical) && (!f.blocked || a.blocked == b.blocked) && a.loop == b.loop
           && (a.lateBy > 0) == (b.lateBy > 0) && a.delayed() == b.delayed()
           && (!f.parallelGroups || a.wave == b.wave) && (!f.slack || a.slack == b.slack);
}

void GraphScene::rebuildOverlays()
{
    const std::vector<Overlay> overlaysBefore = std::exchange(m_overlays, {});
    const auto result = m_analysis ? m_analysis->result() : nullptr;
    const auto resultBefore = std::exchange(m_overlaysOf, result);
    ++m_marksGeneration;
    const bool scheduleBefore = std::exchange(m_overlaySchedule, false);
    if (result) {
        const Snapshot &s = result->snapshot;
        const Analysis &a = result->analysis;
        const int n = s.taskCount();
        m_overlays.assign(std::size_t(n), Overlay());
        const bool schedule = a.hasSchedule() && a.tasks == n;
        m_overlaySchedule = schedule;
        for (int i = 0; i < n; ++i) {
            Overlay &o = m_overlays[std::size_t(i)];
            if (schedule) {
                o.critical = result->critical[std::size_t(i)];
                o.slack = a.times(i).slack;
                o.wave = a.generation(i);
                // The margins were worked out once with the result.
                if (std::size_t(i) < result->margins.size() && isLate(result->margins[std::size_t(i)]))
                    o.lateBy = -result->margins[std::size_t(i)];
            }
        }
        for (const Analysis::Blocked &b : a.blocked) {
            Overlay &o = m_overlays[std::size_t(b.task)];
            o.blocked = true;   // what it waits for is said in its tooltip only (blockedText())
        }
        // §7: the leaves the team's capacity starts later than the plan alone would.
        if (schedule && a.leveled) {
            const LeveledSchedule &l = *a.leveled;
            for (int t : l.delayed) {
                if (t < 0 || t >= n || std::size_t(t) >= l.start.size())
                    continue;
                Overlay &o = m_overlays[std::size_t(t)];
                o.earlyStart = a.times(t).es;
                o.leveledStart = l.start[std::size_t(t)];
            }
        }
        // Which loop a card is in (or holds) was worked out with the result (loopAt), as
        // were the arrows' marks (dependencyFlags, read by edgeMarks()).
        for (int o = 0; o < n; ++o) {
            if (result->loopAt[std::size_t(o)] >= 0)
                m_overlays[std::size_t(o)].loop = result->loopAt[std::size_t(o)];
        }
    }
    // Only the cards and arrows whose marks changed. Refreshing each of 100k cards (its
    // tooltip) and repainting every arrow for every analysis made an edit of a large plan
    // take most of a second (a dense 10k plan: 25k arrows in view).
    // The engine says which tasks read differently (changedTasks()); without two results
    // to compare, every card.
    int changed = 0;
    if (result && resultBefore) {
        if (result != resultBefore) {
            // Of those, only the cards that look different: an estimate moves the times of
            // every task after it, which the cards do not show (unless slack is on).
            const bool byIndex = overlaysBefore.size() == m_overlays.size() && resultBefore->snapshot.sameTasks(result->snapshot);
            for (int i : m_analysis->changedTasksSince(*resultBefore)) {
                if (byIndex && drawnAlike(overlaysBefore[std::size_t(i)], m_overlays[std::size_t(i)]))
                    continue;
                if (CardItem *c = m_cards.value(result->snapshot.ids[std::size_t(i)])) {
                    c->refresh();
                    ++changed;
                }
            }
        }
    } else if (result || resultBefore) {
        for (CardItem *c : std::as_const(m_cards))
            c->refresh();
        changed = int(m_cards.size());
    }
    const QList<EdgeItem *> edges = result == resultBefore ? QList<EdgeItem *>()
                                                            : edgesMarkedOtherwise(resultBefore.get(), scheduleBefore);
    // Many small dirty rects cost the view more than one repaint of everything: each item
    // painted is checked against each rect.
    constexpr int kItemByItem = 200;
    if (changed + edges.size() > kItemByItem) {
        update();
        return;
    }
    for (EdgeItem *e : std::as_const(edges))
        e->repaint();
}

} // namespace Workplan
