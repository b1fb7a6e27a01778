#include "nodeitem.h"

#include "edgeitem.h"
#include "graphscene.h"

#include "model/projectdocument.h"

namespace Workplan {

NodeItem::NodeItem(const QString &taskId)
    : m_taskId(taskId)
{
    setFlag(ItemSendsGeometryChanges);
}

NodeItem::~NodeItem()
{
    // Edges outlive neither end: the scene deletes them first, but never leave a dangling
    // pointer behind if it did not.
    for (EdgeItem *e : std::as_const(m_edges))
        e->detach(this);
}

GraphScene *NodeItem::graphScene() const
{
    return static_cast<GraphScene *>(scene());
}

const Task *NodeItem::task() const
{
    const GraphScene *s = graphScene();
    return s ? s->document()->project().find(m_taskId) : nullptr;
}

void NodeItem::adjustEdges()
{
    for (EdgeItem *e : std::as_const(m_edges))
        e->adjust();
}

void NodeItem::setLinkHint(LinkHint hint)
{
    if (m_linkHint == hint)
        return;
    m_linkHint = hint;
    update();
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged)
        adjustEdges();
    return QGraphicsItem::itemChange(change, value);
}

} // namespace Workplan
