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

namespace {

QString edgeKey(const Snapshot &s, int owner, int prereq)
{
    return s.ids[owner] + QLatin1Char('\n') + s.ids[prereq];
}

} // namespace

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

void GraphScene::rebuildOverlays()
{
    m_overlays.clear();
    const QSet<QString> criticalBefore = std::exchange(m_criticalEdges, {});
    const QSet<QString> loopsBefore = std::exchange(m_loopEdges, {});
    const auto result = m_analysis ? m_analysis->result() : nullptr;
    const auto resultBefore = std::exchange(m_overlaysOf, result);
    if (result) {
        const Snapshot &s = result->snapshot;
        const Analysis &a = result->analysis;
        const int n = s.taskCount();
        if (!resultBefore || !resultBefore->snapshot.sameTasks(s)) {
            m_overlayIndex.clear();
            m_overlayIndex.reserve(n);
            for (int i = 0; i < n; ++i)
                m_overlayIndex.insert(s.ids[std::size_t(i)], i);
        }
        m_overlays.assign(std::size_t(n), Overlay());
        const bool schedule = a.hasSchedule() && a.tasks == n;
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
        // Which arrows are critical or in a loop, and which loop a card is in (or holds),
        // were worked out with the result (AnalysisResult::dependencyFlags, loopAt).
        for (int o = 0; o < n; ++o) {
            if (result->loopAt[std::size_t(o)] >= 0)
                m_overlays[std::size_t(o)].loop = result->loopAt[std::size_t(o)];
            for (int d = s.depStart[o]; d < s.depStart[o + 1]; ++d) {
                if (!result->dependencyFlags[std::size_t(d)])
                    continue;
                if (schedule && result->isCriticalDependency(d))
                    m_criticalEdges.insert(edgeKey(s, o, s.depPrereq[d]));
                if (result->isLoopDependency(d))
                    m_loopEdges.insert(edgeKey(s, o, s.depPrereq[d]));
            }
        }
    } else {
        m_overlayIndex.clear();
    }
    // Only the cards and arrows whose marks changed. Refreshing each of 100k cards (its
    // tooltip) and repainting every arrow for every analysis made an edit of a large plan
    // take most of a second (a dense 10k plan: 25k arrows in view).
    // The engine says which tasks read differently (changedTasks()); without two results
    // to compare, every card.
    int changed = 0;
    if (result && resultBefore) {
        if (result != resultBefore) {
            for (int i : m_analysis->changedTasksSince(*resultBefore)) {
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
    QList<EdgeItem *> edges;
    auto changedEdges = [&](const QSet<QString> &a, const QSet<QString> &b) {
        for (const QString &key : a) {
            if (b.contains(key))
                continue;
            const QString owner = key.section(QLatin1Char('\n'), 0, 0);
            const QString prereq = key.section(QLatin1Char('\n'), 1);
            for (EdgeItem *e : m_edges.value(owner)) {
                if (const Dependency *d = e->dependency(); d && d->taskId == prereq)
                    edges << e;
            }
        }
    };
    changedEdges(criticalBefore, m_criticalEdges);
    changedEdges(m_criticalEdges, criticalBefore);
    changedEdges(loopsBefore, m_loopEdges);
    changedEdges(m_loopEdges, loopsBefore);
    // Many small dirty rects cost the view more than one repaint of everything: each item
    // painted is checked against each rect.
    constexpr int kItemByItem = 200;
    if (changed + edges.size() > kItemByItem) {
        update();
        return;
    }
    for (EdgeItem *e : std::as_const(edges))
        e->update();
}

} // namespace Workplan
