// GraphScene: the two-way sync with the shared TaskSelection, and keyboard navigation.
#include "graphscene.h"

#include "carditem.h"
#include "frameitem.h"
#include "nodeitem.h"

#include "views/taskselection.h"

namespace Workplan {

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
    for (QGraphicsItem *item : selectedItems()) {
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
