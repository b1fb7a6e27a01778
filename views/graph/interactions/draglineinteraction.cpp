#include "draglineinteraction.h"

#include "views/graph/carditem.h"
#include "views/graph/frameitem.h"
#include "views/graph/graphscene.h"

#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QPen>

namespace Workplan {

DragLineInteraction::DragLineInteraction(GraphScene *scene, const QPointF &anchor)
    : GraphInteraction(scene)
    , m_line(new QGraphicsPathItem)
    , m_anchor(anchor)
{
    m_line->setPen(QPen(QColor(0x1565c0), 2, Qt::DashLine));
    m_line->setZValue(1000);
    scene->addItem(m_line);
}

DragLineInteraction::~DragLineInteraction()
{
    clearFeedback();
}

NodeItem *DragLineInteraction::hintedNode() const
{
    if (m_hintedId.isEmpty())
        return nullptr;
    return m_hintedFrame ? static_cast<NodeItem *>(m_scene->frameFor(m_hintedId))
                         : static_cast<NodeItem *>(m_scene->cardFor(m_hintedId));
}

void DragLineInteraction::clearFeedback()
{
    if (NodeItem *n = hintedNode())
        n->setLinkHint(NodeItem::LinkHint::None);
    m_hintedId.clear();
    m_hintKey.clear();
    delete m_line;
    m_line = nullptr;
}

bool DragLineInteraction::move(QGraphicsSceneMouseEvent *event)
{
    updateFeedback(event->scenePos(), event->modifiers());
    return true;
}

void DragLineInteraction::cancel()
{
    clearFeedback();
}

void DragLineInteraction::updateFeedback(const QPointF &scenePos, Qt::KeyboardModifiers modifiers)
{
    if (m_line) {
        QPainterPath path(m_anchor);
        path.lineTo(scenePos);
        m_line->setPath(path);
    }
    NodeItem *target = m_scene->nodeAt(scenePos);
    // The loop check is O(V + E): only redo it when the target or the type changes.
    const QString key = target ? target->taskId() + QLatin1Char('/') + QString::number(int(modifiers)) : QString();
    if (key == m_hintKey)
        return;
    NodeItem *hinted = hintedNode();
    if (hinted && hinted != target)
        hinted->setLinkHint(NodeItem::LinkHint::None);
    m_hintKey = key;
    m_hintedId = target ? target->taskId() : QString();
    m_hintedFrame = target && target->type() == FrameItem::Type;
    if (!target)
        return;
    const QString why = problem(target->taskId(), modifiers);
    target->setLinkHint(why.isEmpty() ? NodeItem::LinkHint::Allowed : NodeItem::LinkHint::Refused);
}

} // namespace Workplan
