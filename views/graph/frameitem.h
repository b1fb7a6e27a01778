#pragma once

#include "nodeitem.h"

namespace Workplan {

// A summary task (epic, feature, ...) drawn as a labelled swimlane around its children.
// Its rect is derived from the children's cards by the scene; it has no place of its own.
class FrameItem : public NodeItem
{
public:
    enum { Type = UserType + 2 };

    FrameItem(const QString &taskId, int depth);

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

private:
    QRectF m_rect;
    int m_depth;
};

} // namespace Workplan
