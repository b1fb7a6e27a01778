// GraphScene: drawing a new arrow from a card's port, or dragging an arrow's end elsewhere.
#include "graphscene.h"

#include "carditem.h"
#include "frameitem.h"
#include "graphstyle.h"
#include "nodeitem.h"

#include "model/projectdocument.h"

#include <QGraphicsPathItem>
#include <QGraphicsView>
#include <QMenu>
#include <QToolTip>

namespace Workplan {

using namespace GraphStyle;

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
    const QRectF around(scenePos - QPointF(ColumnSpacing, RowSpacing), QSizeF(2 * ColumnSpacing, 2 * RowSpacing));
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

} // namespace Workplan
