// GraphScene: what the mouse and keyboard do. Every change goes through the undo stack.
#include "graphscene.h"

#include "carditem.h"
#include "frameitem.h"
#include "graphstyle.h"
#include "nodeitem.h"

#include "model/commands/structurecommands.h"
#include "model/projectdocument.h"
#include "views/taskselection.h"

#include <QGraphicsPathItem>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QToolTip>
#include <QUndoStack>

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

void GraphScene::clearLinkState()
{
    if (m_hinted)
        m_hinted->setLinkHint(NodeItem::LinkHint::None);
    m_hinted = nullptr;
    m_hintKey.clear();
    m_hintProblem.clear();
    delete m_rubberLink;
    m_rubberLink = nullptr;
    m_mode = Mode::None;
}

QString GraphScene::linkProblem(NodeItem *target, Qt::KeyboardModifiers modifiers) const
{
    const QString targetId = target->taskId();
    if (m_mode == Mode::Link)
        return m_document->dependencyProblem(targetId, m_linkFrom, typeForModifiers(modifiers));
    const Task *owner = m_document->project().find(m_retargetOwner);
    if (!owner || m_retargetIndex >= owner->dependencies.size())
        return tr("The dependency is gone.");
    const Dependency &dep = owner->dependencies.at(m_retargetIndex);
    if (m_retargetEnd == EdgeItem::End::Source)
        return targetId == dep.taskId ? QString() : m_document->dependencyProblem(m_retargetOwner, targetId, dep.type);
    return targetId == m_retargetOwner ? QString() : m_document->dependencyProblem(targetId, dep.taskId, dep.type);
}

void GraphScene::updateLinkFeedback(const QPointF &scenePos, Qt::KeyboardModifiers modifiers)
{
    if (m_rubberLink) {
        const QPointF a = m_rubberLink->data(0).toPointF();
        QPainterPath path(a);
        path.lineTo(scenePos);
        m_rubberLink->setPath(path);
    }
    NodeItem *target = nodeAt(scenePos);
    // The loop check is O(V + E): only redo it when the target or the type changes.
    const QString key = target ? target->taskId() + QLatin1Char('/') + QString::number(int(modifiers)) : QString();
    if (key == m_hintKey)
        return;
    if (m_hinted && m_hinted != target)
        m_hinted->setLinkHint(NodeItem::LinkHint::None);
    m_hinted = target;
    m_hintKey = key;
    m_hintProblem = target ? linkProblem(target, modifiers) : QString();
    if (target)
        target->setLinkHint(m_hintProblem.isEmpty() ? NodeItem::LinkHint::Allowed : NodeItem::LinkHint::Refused);
}

void GraphScene::finishLink(const QPointF &scenePos, Qt::KeyboardModifiers modifiers)
{
    NodeItem *target = nodeAt(scenePos);
    const Mode mode = m_mode;
    const QString from = m_linkFrom;
    const QString owner = m_retargetOwner;
    const int index = m_retargetIndex;
    const EdgeItem::End end = m_retargetEnd;
    clearLinkState();
    if (!target)
        return;
    if (mode == Mode::Retarget) {
        retargetEdge(owner, index, end, target->taskId());
        return;
    }
    DependencyType type = typeForModifiers(modifiers);
    if (modifiers & Qt::AltModifier) {
        QMenu menu;
        for (const QString &name : allDependencyTypeNames())
            menu.addAction(name);
        const QList<QGraphicsView *> vs = views();
        const QPoint global = vs.isEmpty() ? QCursor::pos()
            : vs.first()->viewport()->mapToGlobal(vs.first()->mapFromScene(scenePos));
        QAction *chosen = menu.exec(global);
        if (!chosen)
            return;
        type = dependencyTypeFromString(chosen->text()).value_or(DependencyType::Completion);
    }
    if (!createDependency(from, target->taskId(), type)) {
        const QList<QGraphicsView *> vs = views();
        if (!vs.isEmpty())
            QToolTip::showText(vs.first()->viewport()->mapToGlobal(vs.first()->mapFromScene(scenePos)),
                               m_document->dependencyProblem(target->taskId(), from, type));
    }
}

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
            const Task *t = m_document->project().find(id);
            for (QString a = t ? t->parentId : QString(); !a.isEmpty();) {
                m_moveFrames.insert(a);
                const Task *at = m_document->project().find(a);
                a = at ? at->parentId : QString();
            }
        }
    }
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
    NodeItem *node = nodeAt(pos);
    if (node && node->type() == CardItem::Type && static_cast<CardItem *>(node)->isOnPort(pos)) {
        m_mode = Mode::Link;
        m_linkFrom = node->taskId();
        m_rubberLink = new QGraphicsPathItem;
        m_rubberLink->setData(0, static_cast<CardItem *>(node)->portScenePos());
        m_rubberLink->setPen(QPen(QColor(0x1565c0), 2, Qt::DashLine));
        m_rubberLink->setZValue(1000);
        addItem(m_rubberLink);
        updateLinkFeedback(pos, event->modifiers());
        event->accept();
        return;
    }
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
    if (event->button() == Qt::LeftButton && (m_mode == Mode::Link || m_mode == Mode::Retarget)) {
        finishLink(event->scenePos(), event->modifiers());
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && m_mode == Mode::Move) {
        m_mode = Mode::None;
        QGraphicsScene::mouseReleaseEvent(event);
        if (m_moved && !m_movedLeaves.isEmpty()) {
            QHash<QString, QPointF> positions;
            for (const QString &id : std::as_const(m_movedLeaves)) {
                if (CardItem *c = m_cards.value(id))
                    positions.insert(id, c->pos());
            }
            m_moveStart.clear();
            m_document->undoStack()->push(new SetPositionsCommand(m_document, positions));
        }
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

void GraphScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(TaskTypeMime)))
        event->acceptProposedAction();
    else
        QGraphicsScene::dragEnterEvent(event);
}

void GraphScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(TaskTypeMime)))
        event->acceptProposedAction();
    else
        QGraphicsScene::dragMoveEvent(event);
}

void GraphScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    if (!event->mimeData()->hasFormat(QLatin1String(TaskTypeMime))) {
        QGraphicsScene::dropEvent(event);
        return;
    }
    const QString type = QString::fromUtf8(event->mimeData()->data(QLatin1String(TaskTypeMime))).trimmed();
    if (type.isEmpty())
        return;
    createTaskAt(type, event->scenePos());
    event->acceptProposedAction();
}

} // namespace Workplan
