#pragma once

#include <QGraphicsItem>
#include <QString>

#include <vector>

namespace Workplan {

class TimelineScene;

// One row's bar. It holds the task id and a few numbers derived from the scene's current
// spans (refresh()); title and colours are read from the document and the analysis
// result when it paints, so an edit or a new analysis costs a refresh, not a new item.
class TimelineBarItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 40 };
    enum class Shape { None, Bar, Summary, Milestone };

    explicit TimelineBarItem(const QString &taskId);

    int type() const override { return Type; }
    QString taskId() const { return m_id; }
    int row() const { return m_row; }
    Shape barShape() const { return m_shape; }
    // The bar itself in scene coordinates (a milestone's diamond, a summary's bracket).
    QRectF barSceneRect() const;

    // Re-reads row, span and marks from the scene; call after any of them changed.
    void refresh(TimelineScene *scene, int row);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF barRect() const;

    QString m_id;
    int m_row = -1;
    Shape m_shape = Shape::None;
    double m_x0 = 0;
    double m_x1 = 0;
    bool m_critical = false;
    bool m_blocked = false;
    bool m_done = false;
    bool m_cancelled = false;
};

// Every dependency arrow of the chart in one item: a QGraphicsItem per arrow would cost
// 25k items in a 10k-task plan, and only the few crossing the exposed rectangle paint.
class TimelineArrowsItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 41 };
    struct Arrow
    {
        QPointF from;   // the prerequisite's bar end
        QPointF to;     // the dependent's bar start
        bool critical = false;
        QRectF bounds;
    };

    TimelineArrowsItem();
    int type() const override { return Type; }
    void setArrows(std::vector<Arrow> arrows, const QRectF &bounds);
    const std::vector<Arrow> &arrows() const { return m_arrows; }

    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static QPainterPath pathOf(const Arrow &arrow);

private:
    std::vector<Arrow> m_arrows;
    QRectF m_bounds;
};

} // namespace Workplan
