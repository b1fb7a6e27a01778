#pragma once

#include "nodeitem.h"

namespace Workplan {

class FrameLabelItem;

// A summary task (epic, feature, ...) drawn as a labelled swimlane around its children.
// Its rect is derived from the children's cards by the scene; it has no place of its own.
class FrameItem : public NodeItem
{
public:
    enum { Type = UserType + 2 };

    FrameItem(const QString &taskId, int depth);
    ~FrameItem() override;

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    QRectF nodeSceneRect() const override { return m_rect; }
    void setFrameRect(const QRectF &rect);
    int depth() const { return m_depth; }
    void setDepth(int depth);

    // The ▾ in the header collapses the frame into one card.
    QRectF toggleRect() const;
    bool isOnHeader(const QPointF &scenePos) const;

    // Zoomed out, the title in screen pixels at `lod`: its box in the frame's coordinates
    // and whether there is room for it. Below an ancestor's title, not over it.
    QRectF farLabelRect(qreal lod) const;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    friend class FrameLabelItem;

    QRectF m_rect;
    int m_depth;
    // Far out the title is drawn by an item of its own above the cards (frames lie below
    // them); it follows this frame into and out of the scene, its visibility and opacity.
    FrameLabelItem *m_label = nullptr;
};

} // namespace Workplan
