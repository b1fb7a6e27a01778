// GraphScene: the two-way sync with the shared TaskSelection, and keyboard navigation.
#include "graphscene.h"

#include "carditem.h"
#include "frameitem.h"
#include "nodeitem.h"

#include "model/projectdocument.h"
#include "views/taskselection.h"

#include <QTimer>

namespace Workplan {

namespace {

// The shared selection's arrow follows the canvas: exactly one arrow (and no node) picks
// its dependency, by key; an arrow let go of drops it. An edit of a dependency rebuilds its
// owner's arrows, deleting the selected one: that keeps the dependency and selects its
// new arrow once the scene is up to date, so the inspector can go on editing it. The key
// asked for then is the selection's at that moment: the edit that changed a type has
// selected the new key meanwhile (and an undo of it is followed, see followDependency).
void followSelectedEdge(GraphScene *scene, TaskSelection *selection, const EdgeItem *edge, int edges)
{
    if (edge && edges == 1) {
        selection->selectDependency(edge->key());
        return;
    }
    const DependencyKey key = selection->selectedDependency();
    if (key.isNull())
        return;
    if (scene->edgeFor(key) || edges > 0) {   // still drawn: the user let go of it
        selection->selectDependency({});
        return;
    }
    QTimer::singleShot(0, scene, [scene, selection = QPointer<TaskSelection>(selection)] {
        const DependencyKey now = selection ? selection->selectedDependency() : DependencyKey();
        if (now.isNull())
            return;
        scene->flush();
        const int index = followDependency(scene->document()->project(), now);
        EdgeItem *e = index >= 0 ? scene->edgeFor(now.ownerId, index) : nullptr;
        if (index < 0)
            selection->selectDependency({});
        else if (e && !e->isSelected() && scene->selectedItems().isEmpty())
            e->setSelected(true);
    });
}

} // namespace

void GraphScene::syncToTaskSelection()
{
    if (m_syncingSelection || !m_selection)
        return;
    // A stand-in card the user has let go of stands for nothing any more.
    for (auto it = m_standIns.begin(); it != m_standIns.end();) {
        CardItem *c = m_cards.value(it.key());
        if (!c || !c->isSelected())
            it = m_standIns.erase(it);
        else
            ++it;
    }
    QStringList ids;
    const EdgeItem *edge = nullptr;
    int edges = 0;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == EdgeItem::Type) {
            edge = static_cast<const EdgeItem *>(item);
            ++edges;
        }
        if (item->type() != CardItem::Type && item->type() != FrameItem::Type)
            continue;
        const QString id = static_cast<NodeItem *>(item)->taskId();
        if (item->type() == CardItem::Type && m_standIns.contains(id))
            ids += m_standIns.value(id);
        else
            ids << id;
    }
    QString current = m_selection->currentId();
    if (!ids.contains(current))
        current = ids.isEmpty() ? QString() : ids.constFirst();
    m_syncingSelection = true;
    m_selection->setSelection(ids, current);
    followSelectedEdge(this, m_selection, ids.isEmpty() ? edge : nullptr, edges);
    m_syncingSelection = false;
}

void GraphScene::syncFromTaskSelection()
{
    if (m_syncingSelection || !m_selection)
        return;
    m_syncingSelection = true;
    clearSelection();
    m_standIns.clear();
    for (const QString &id : m_selection->selectedIds()) {
        // Its frame, its card, or the card of the collapsed summary hiding it.
        NodeItem *item = visibleNodeFor(id);
        if (!item || !item->isVisible())
            continue;
        item->setSelected(true);
        if (item->taskId() != id)
            m_standIns[item->taskId()] << id;
    }
    m_syncingSelection = false;
}

void GraphScene::selectNeighbour(int dx, int dy)
{
    flush();
    const QString currentId = m_selection ? m_selection->currentId() : QString();
    NodeItem *from = currentId.isEmpty() ? nullptr : visibleNodeFor(currentId);
    if (!from) {
        const QList<QGraphicsItem *> sel = selectedItems();
        for (QGraphicsItem *i : sel) {
            if (i->type() == CardItem::Type || i->type() == FrameItem::Type) {
                from = static_cast<NodeItem *>(i);
                break;
            }
        }
    }
    CardItem *best = nullptr;
    if (!from) {
        // Nothing selected yet: start at the top-left card.
        for (CardItem *c : std::as_const(m_cards)) {
            if (c->isVisible() && (!best || c->y() < best->y() || (c->y() == best->y() && c->x() < best->x())))
                best = c;
        }
    } else {
        const QPointF o = from->nodeSceneRect().center();
        qreal bestScore = 0;
        for (CardItem *c : std::as_const(m_cards)) {
            if (c == from || !c->isVisible())
                continue;
            const QPointF v = c->nodeSceneRect().center() - o;
            const qreal along = v.x() * dx + v.y() * dy;
            if (along <= 1)
                continue;
            const qreal across = qAbs(v.x() * dy - v.y() * dx);
            const qreal score = along + 2 * across;
            if (!best || score < bestScore) {
                best = c;
                bestScore = score;
            }
        }
    }
    if (!best)
        return;
    if (m_selection) {
        m_selection->select(best->taskId());
    } else {
        clearSelection();
        best->setSelected(true);
    }
    emit ensureVisibleRequested(best->nodeSceneRect());
}

} // namespace Workplan
