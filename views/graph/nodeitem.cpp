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
    // Qt 6.4 drops a cached item's pixmap cache before sending the focus-out of a focused
    // item it destroys; that focus-out repaints and makes a new cache that is never freed
    // (LeakSanitizer, scripts/sanitize.sh). Giving up focus first keeps the usual order.
    if (hasFocus())
        clearFocus();
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

void NodeItem::dropEdges()
{
    for (EdgeItem *e : std::as_const(m_edges))
        e->detach(this);
    m_edges.clear();
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
    if (change == ItemSelectedHasChanged)   // far out, the arrows of a selected node are drawn
        for (EdgeItem *e : std::as_const(m_edges))
            e->repaint();
    return QGraphicsItem::itemChange(change, value);
}

} // namespace Workplan
