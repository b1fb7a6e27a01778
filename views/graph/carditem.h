#pragma once

#include "nodeitem.h"

namespace Workplan {

// A leaf task (or a collapsed summary) drawn as a card: type stripe and glyph, title,
// effort, status badge, and the analysis overlays the scene switches on. The output port
// on the right edge starts a new dependency.
class CardItem : public NodeItem
{
public:
    enum { Type = UserType + 1 };

    explicit CardItem(const QString &taskId);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    QRectF nodeSceneRect() const override;
    QPointF portScenePos() const;

    // What a press at `scenePos` takes hold of to draw a new dependency, in a view that
    // shows the scene at `viewScale` (screen pixels per scene unit): the port, the band
    // along the right edge, or nothing. The areas are sized in screen pixels, so a port
    // stays easy to hit at every zoom.
    enum class Grip { None, Port, Edge };
    Grip gripAt(const QPointF &scenePos, qreal viewScale) const;
    QRectF portHitRect(qreal viewScale) const;   // scene coordinates
    QRectF edgeGripRect(qreal viewScale) const;  // scene coordinates

    // A collapsed summary shows this card instead of its frame.
    void setCollapsedSummary(bool collapsed, int hiddenCount);
    bool isCollapsedSummary() const { return m_collapsedSummary; }

    // Re-read the task and the overlays (tooltip) after a change.
    // Repaints; the tooltip is made when asked for (toolTipText(), GraphScene::helpEvent):
    // making it for each of 100k cards on every analysis was a fifth of opening a plan.
    void refresh();
    QString toolTipText() const;

    // Where the §7 "starts later with the team" badge sits, in item coordinates (tests).
    static QRectF delayedBadgeRect();

private:
    void paintDetail(QPainter *painter, const struct Task &task);
    void paintLateFlag(QPainter *painter);
    void paintDelayedBadge(QPainter *painter);

    bool m_collapsedSummary = false;
    int m_hiddenCount = 0;
};

} // namespace Workplan
