#pragma once

#include <QGraphicsItem>

#include <vector>

namespace Workplan {

class EdgeItem;

// The arrows that end at a folded card, drawn by one scene item.
//
// Why: a large plan opens folded, and its overview arrows are many (a folded 100k plan has
// ~100k of them between 8k cards). As scene items each cost QGraphicsView its index
// look-up, sort and painter set-up on every repaint, zoomed out or not: ~100 ms per zoom
// or scroll step. Here they are one item that walks a flat list, skips in a comparison
// what lies outside the exposed area and paints the rest through EdgeItem::paint().
//
// The EdgeItems stay what the scene knows of each arrow (its ends, its bundle, its route),
// but live outside the scene: they cannot be picked, selected or dragged, as an overview
// arrow should not be. The scene still owns and deletes them; one leaves the layer as it
// is deleted.
class BundleLayer : public QGraphicsItem
{
public:
    enum { Type = UserType + 9 };

    BundleLayer();
    ~BundleLayer() override;

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_bounds; }
    // Nothing to pick: clicks, rubber bands and drops go to what lies under the arrows.
    QPainterPath shape() const override { return {}; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    void add(EdgeItem *edge);
    void remove(EdgeItem *edge);
    void clear();   // every arrow leaves (before the scene deletes them all)
    int count() const { return int(m_edges.size()); }

    // An arrow's picture changed (in `area`, a scene rect), or it moved from `before`.
    void repaint(const QRectF &area);
    void moved(EdgeItem *edge, const QRectF &before);

    // The arrow drawn at `scenePos` (the topmost, the last painted), or null.
    EdgeItem *edgeAt(const QPointF &scenePos) const;

private:
    void grow(const QRectF &area);

    std::vector<EdgeItem *> m_edges;
    // Each arrow's bounding rect, beside the list: a repaint tests them all, and reading
    // them from the items themselves was a cache miss per arrow.
    std::vector<QRectF> m_boxes;
    QRectF m_bounds;
};

} // namespace Workplan
