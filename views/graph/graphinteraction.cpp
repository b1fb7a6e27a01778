// GraphScene: what the mouse and keyboard do. A press that starts a gesture (a link, an
// arrow's end, a move) hands the rest of it to that gesture (views/graph/interactions/);
// every change goes through ProjectEdits, one undo step each. Also what a press is over:
// a card or frame, or the port a link drag starts from.
#include "graphscene.h"

#include "cardrenamer.h"
#include "carditem.h"
#include "frameitem.h"
#include "graphstyle.h"
#include "nodeitem.h"
#include "interactions/linkinteraction.h"
#include "interactions/moveinteraction.h"
#include "interactions/retargetinteraction.h"

#include "model/projectdocument.h"

#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QLineF>

namespace Workplan {

NodeItem *GraphScene::nodeAt(const QPointF &scenePos) const
{
    // Cards before frames: a frame lies under its cards and only its header/border picks.
    NodeItem *frame = nullptr;
    for (QGraphicsItem *item : items(scenePos)) {
        if (!item->isVisible())
            continue;
        if (item->type() == CardItem::Type)
            return static_cast<NodeItem *>(item);
        if (!frame && item->type() == FrameItem::Type)
            frame = static_cast<NodeItem *>(item);
    }
    return frame;
}

CardItem *GraphScene::linkSourceAt(const QPointF &scenePos, qreal viewScale) const
{
    // The card the press is on decides alone: its own port or edge, or a move. Only
    // outside every card may a neighbour's port area (wider than the port far out) reach.
    for (QGraphicsItem *item : items(scenePos, Qt::IntersectsItemBoundingRect)) {
        if (item->type() != CardItem::Type || !item->isVisible())
            continue;
        auto *card = static_cast<CardItem *>(item);
        if (card->nodeSceneRect().contains(scenePos))
            return card->gripAt(scenePos, viewScale) != CardItem::Grip::None ? card : nullptr;
    }
    // Over arrows, frames or the canvas: the nearest port (or edge band) that holds the
    // point. The grips stay inside their card's grid cell, so only cards that near count.
    const QRectF around(scenePos - QPointF(GraphStyle::ColumnSpacing, GraphStyle::RowSpacing), QSizeF(2 * GraphStyle::ColumnSpacing, 2 * GraphStyle::RowSpacing));
    CardItem *best = nullptr;
    qreal bestDistance = 0;
    for (QGraphicsItem *item : items(around, Qt::IntersectsItemBoundingRect)) {
        if (item->type() != CardItem::Type || !item->isVisible())
            continue;
        auto *card = static_cast<CardItem *>(item);
        if (card->gripAt(scenePos, viewScale) == CardItem::Grip::None)
            continue;
        const qreal d = QLineF(scenePos, card->portScenePos()).length();
        if (!best || d < bestDistance) {
            best = card;
            bestDistance = d;
        }
    }
    return best;
}

void GraphScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_interaction) {
        QGraphicsScene::mousePressEvent(event);
        return;
    }
    flush();
    const QPointF pos = event->scenePos();
    // Read-only: a press still selects, but starts no gesture (re-target, link, move).
    const bool editable = !m_document->isReadOnly();
    // A selected arrow's end handle: re-target that end. Then a port (or a card's right
    // edge), which wins over the card, the arrows and the frames under it.
    if (editable
        && ((m_interaction = RetargetInteraction::start(this, pos)) || (m_interaction = LinkInteraction::start(this, event)))) {
        event->accept();
        return;
    }
    NodeItem *node = nodeAt(pos);
    if (node && node->type() == FrameItem::Type && static_cast<FrameItem *>(node)->toggleRect().contains(pos)) {
        toggleCollapsed(node->taskId());
        event->accept();
        return;
    }
    QGraphicsScene::mousePressEvent(event);
    if (node && event->isAccepted() && editable)
        m_interaction = MoveInteraction::start(this, pos);
}

void GraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_interaction && m_interaction->move(event)) {
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_interaction) {
        // Let go of it first: its edit flushes the scene, and an Alt+drop's menu runs an
        // event loop in which another gesture may begin.
        const std::unique_ptr<GraphInteraction> gesture = std::move(m_interaction);
        gesture->release(event);
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
}

void GraphScene::releaseToItems(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseReleaseEvent(event);
}

void GraphScene::cancelInteraction()
{
    if (const std::unique_ptr<GraphInteraction> gesture = std::move(m_interaction))
        gesture->cancel();
}

void GraphScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    NodeItem *node = nodeAt(event->scenePos());
    if (node && m_document->isSummary(node->taskId())) {
        // Double-click a frame header to fold it, a folded card to open it.
        if (node->type() == CardItem::Type
            || static_cast<FrameItem *>(node)->isOnHeader(event->scenePos())) {
            toggleCollapsed(node->taskId());
            event->accept();
            return;
        }
    }
    // Double-click a card's title to rename the task in place (views/graph/cardrenamer.cpp).
    if (node && node->type() == CardItem::Type && !m_document->isReadOnly()
        && CardRenamer::start(this, static_cast<CardItem *>(node), event->scenePos(), event->widget())) {
        event->accept();
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void GraphScene::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        deleteSelection();
        event->accept();
        return;
    case Qt::Key_Left: selectNeighbour(-1, 0); event->accept(); return;
    case Qt::Key_Right: selectNeighbour(1, 0); event->accept(); return;
    case Qt::Key_Up: selectNeighbour(0, -1); event->accept(); return;
    case Qt::Key_Down: selectNeighbour(0, 1); event->accept(); return;
    case Qt::Key_Escape:
        // A link or arrow-end drag draws nothing; a move puts the cards back.
        if (m_interaction) {
            cancelInteraction();
            event->accept();
            return;
        }
        break;
    default:
        break;
    }
    QGraphicsScene::keyPressEvent(event);
}

} // namespace Workplan
