#include "bundlelayer.h"

#include "edgeitem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace Workplan {

BundleLayer::BundleLayer()
{
    setFlag(ItemUsesExtendedStyleOption);   // paint() culls by the exposed rect
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setZValue(0);   // with the other arrows: under the cards, over the frames
}

BundleLayer::~BundleLayer()
{
    // The scene deletes its arrows before its items (GraphScene::deleteAllItems()); should
    // one outlive the layer, it must not call back into it.
    for (EdgeItem *e : m_edges)
        e->leaveLayer();
}

void BundleLayer::add(EdgeItem *edge)
{
    edge->joinLayer(this, int(m_edges.size()));
    m_edges.push_back(edge);
    m_boxes.push_back(edge->boundingRect());
    grow(m_boxes.back());
    repaint(m_boxes.back());
}

void BundleLayer::remove(EdgeItem *edge)
{
    const int slot = edge->layerSlot();
    if (slot < 0 || slot >= int(m_edges.size()) || m_edges[std::size_t(slot)] != edge)
        return;
    repaint(m_boxes[std::size_t(slot)]);
    // The last arrow takes the slot: painting order among overview arrows carries nothing.
    EdgeItem *last = m_edges.back();
    m_edges[std::size_t(slot)] = last;
    m_boxes[std::size_t(slot)] = m_boxes.back();
    last->joinLayer(this, slot);
    m_edges.pop_back();
    m_boxes.pop_back();
    edge->leaveLayer();
}

void BundleLayer::clear()
{
    for (EdgeItem *e : m_edges)
        e->leaveLayer();
    m_edges.clear();
    m_boxes.clear();
    update();
}

void BundleLayer::repaint(const QRectF &area)
{
    if (!area.isEmpty())
        update(area);
}

void BundleLayer::grow(const QRectF &area)
{
    // The bounds only grow: shrinking them would mean measuring every arrow again, and an
    // empty stretch in them costs a rectangle test per repaint, no more.
    if (!m_bounds.contains(area)) {
        prepareGeometryChange();
        m_bounds |= area;
    }
}

void BundleLayer::moved(EdgeItem *edge, const QRectF &before)
{
    const int slot = edge->layerSlot();
    if (slot < 0 || slot >= int(m_edges.size()) || m_edges[std::size_t(slot)] != edge)
        return;
    QRectF &box = m_boxes[std::size_t(slot)];
    box = edge->boundingRect();
    grow(box);
    repaint(before);
    repaint(box);
}

void BundleLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    const QRectF exposed = option->exposedRect;
    const qreal opacity = painter->opacity();
    qreal current = opacity;
    for (std::size_t i = 0; i < m_edges.size(); ++i) {
        if (!m_boxes[i].intersects(exposed))
            continue;
        EdgeItem *e = m_edges[i];
        // Focus mode fades the arrows outside the chain (their own opacity, as items).
        if (const qreal o = opacity * e->opacity(); o != current) {
            current = o;
            painter->setOpacity(o);
        }
        e->paint(painter, option, widget);
    }
    if (current != opacity)
        painter->setOpacity(opacity);
}

EdgeItem *BundleLayer::edgeAt(const QPointF &scenePos) const
{
    for (std::size_t i = m_edges.size(); i-- > 0;) {
        if (m_boxes[i].contains(scenePos) && m_edges[i]->shape().contains(scenePos))
            return m_edges[i];
    }
    return nullptr;
}

} // namespace Workplan
