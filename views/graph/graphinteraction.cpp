// GraphScene: what the mouse and keyboard do. Every change goes through the undo stack.
#include "graphscene.h"

#include "cardrenamer.h"
#include "carditem.h"
#include "frameitem.h"
#include "nodeitem.h"

#include "model/commands/structurecommands.h"
#include "model/projectdocument.h"
#include "views/taskselection.h"

#include <QApplication>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QUndoStack>

namespace Workplan {

namespace {

// Screen pixels per scene unit in the view whose viewport sent an event (the first view's
// for an event without one).
qreal viewScale(const QWidget *viewport, const QList<QGraphicsView *> &views)
{
    const QGraphicsView *view = viewport ? qobject_cast<const QGraphicsView *>(viewport->parentWidget()) : nullptr;
    if (!view)
        view = views.value(0);
    return view ? std::sqrt(std::abs(view->transform().determinant())) : 1.0;
}

} // namespace

void GraphScene::beginMove(const QPointF &scenePos)
{
    m_mode = Mode::Move;
    m_pressPos = scenePos;
    m_moved = false;
    m_moveStart.clear();
    m_movedLeaves.clear();
    m_moveFrames.clear();
    QSet<QString> leaves;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() != CardItem::Type && item->type() != FrameItem::Type)
            continue;
        const QString id = static_cast<NodeItem *>(item)->taskId();
        if (m_document->isSummary(id)) {
            // A frame or a collapsed card drags its whole subtree.
            const QStringList under = descendantLeaves(id);
            leaves.unite(QSet<QString>(under.cbegin(), under.cend()));
            if (item->type() == CardItem::Type)
                m_moveStart.insert(static_cast<CardItem *>(item), item->pos());
        } else {
            leaves.insert(id);
        }
    }
    for (const QString &id : std::as_const(leaves)) {
        if (CardItem *c = m_cards.value(id)) {
            m_moveStart.insert(c, c->pos());
            m_movedLeaves << id;
        }
    }
    m_moveFrames = framesDraggedWhole();
}

void GraphScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_mode != Mode::None) {
        QGraphicsScene::mousePressEvent(event);
        return;
    }
    flush();
    const QPointF pos = event->scenePos();
    // A selected arrow's end handle: re-target that end.
    for (QGraphicsItem *item : items(pos)) {
        if (item->type() != EdgeItem::Type)
            continue;
        auto *e = static_cast<EdgeItem *>(item);
        const EdgeItem::End end = e->handleAt(pos);
        if (end == EdgeItem::End::None)
            continue;
        m_mode = Mode::Retarget;
        m_retargetOwner = e->ownerId();
        m_retargetIndex = e->index();
        m_retargetEnd = end;
        m_rubberLink = new QGraphicsPathItem;
        m_rubberLink->setData(0, end == EdgeItem::End::Target ? e->sourcePoint() : e->targetPoint());
        m_rubberLink->setPen(QPen(QColor(0x1565c0), 2, Qt::DashLine));
        m_rubberLink->setZValue(1000);
        addItem(m_rubberLink);
        event->accept();
        return;
    }
    // A port (or a card's right edge) wins over the card, the arrows and the frames under
    // it; its area is measured on the screen of the view pressed in.
    if (CardItem *source = linkSourceAt(pos, viewScale(event->widget(), views()))) {
        m_mode = Mode::Link;
        m_linkFrom = source->taskId();
        m_rubberLink = new QGraphicsPathItem;
        m_rubberLink->setData(0, source->portScenePos());
        m_rubberLink->setPen(QPen(QColor(0x1565c0), 2, Qt::DashLine));
        m_rubberLink->setZValue(1000);
        addItem(m_rubberLink);
        updateLinkFeedback(pos, event->modifiers());
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
    if (node && event->isAccepted())
        beginMove(pos);
}

void GraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    switch (m_mode) {
    case Mode::Link:
    case Mode::Retarget:
        updateLinkFeedback(event->scenePos(), event->modifiers());
        event->accept();
        return;
    case Mode::Move:
        if (event->buttons() & Qt::LeftButton) {
            const QPointF delta = event->scenePos() - m_pressPos;
            // Items move live; the document hears of it once, on release.
            for (auto it = m_moveStart.constBegin(); it != m_moveStart.constEnd(); ++it)
                it.key()->setPos(it.value() + delta);
            updateFrames(m_moveFrames);
            m_moved = m_moved || !delta.isNull();
            event->accept();
            return;
        }
        break;
    case Mode::None:
        break;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_mode == Mode::Link
        && (event->screenPos() - event->buttonDownScreenPos(Qt::LeftButton)).manhattanLength()
            < QApplication::startDragDistance()) {
        // A click on a port or a right edge, not a drag: it selects the card, as a click
        // anywhere else on it does (and draws nothing).
        const QString id = m_linkFrom;
        clearLinkState();
        CardItem *card = m_cards.value(id);
        if (card && (event->modifiers() & Qt::ControlModifier)) {
            card->setSelected(!card->isSelected());
        } else if (m_selection) {
            m_selection->select(id);
        } else if (card) {
            clearSelection();
            card->setSelected(true);
        }
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && (m_mode == Mode::Link || m_mode == Mode::Retarget)) {
        finishLink(event->scenePos(), event->modifiers());
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && m_mode == Mode::Move) {
        m_mode = Mode::None;
        QGraphicsScene::mouseReleaseEvent(event);
        if (m_moved && !m_movedLeaves.isEmpty())
            finishMove(event->scenePos());   // graphedits.cpp
        m_moveStart.clear();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
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
    if (node && node->type() == CardItem::Type
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
        if (m_mode == Mode::Link || m_mode == Mode::Retarget) {
            clearLinkState();
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
