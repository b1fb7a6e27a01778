#include "itemlayers.h"

#include <QGraphicsScene>

namespace Workplan {

namespace {

// Draws nothing and takes no events: only a parent for the layer's items.
class LayerContainer : public QGraphicsItem
{
public:
    LayerContainer()
    {
        setFlag(ItemHasNoContents);
        setAcceptedMouseButtons(Qt::NoButton);
        setAcceptHoverEvents(false);
    }
    QRectF boundingRect() const override { return QRectF(); }
    void paint(QPainter *, const QStyleOptionGraphicsItem *, QWidget *) override {}
};

} // namespace

void ItemLayers::add(QGraphicsItem *item, qreal z)
{
    Layer &layer = m_layers[z];
    if (!layer.open || layer.filled >= kBucketSize) {
        layer.open = new LayerContainer;
        layer.open->setZValue(z);
        m_scene->addItem(layer.open);
        layer.filled = 0;
        ++layer.containers;
    }
    item->setZValue(z);
    item->setParentItem(layer.open);
    ++layer.filled;
}

void ItemLayers::forget()
{
    m_layers.clear();
}

int ItemLayers::containerCount() const
{
    int n = 0;
    for (const Layer &layer : m_layers)
        n += layer.containers;
    return n;
}

} // namespace Workplan
