#pragma once

#include "model/vocabulary.h"

#include <QColor>
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
    // `index` is the task's snapshot index in the scene's result (-1: not in it), so a
    // zoom step over 100k bars reads arrays and never hashes an id.
    void refresh(TimelineScene *scene, int row, int index);

    // What the analysis says of the task; whether it shows depends on the scene's
    // overlay switches (TimelineScene::showCritical() and the rest).
    bool isCritical() const { return m_critical; }
    bool isBlocked() const { return m_blocked; }
    int wave() const { return m_wave; }            // -1: none (summaries)
    // Scene x of the late finish (LF), where the slack tail ends; the bar's end when none.
    double lateFinishX() const { return m_xLate; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // The colour of a parallel group's stripe.
    static QColor waveColor(int wave);

private:
    QRectF barRect() const;
    // How far right the bar, its slack tail and its title reach, in item coordinates.
    double rightEnd(const TimelineScene *scene) const;

    QString m_id;
    int m_row = -1;
    int m_wave = -1;
    double m_xLate = 0;
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
// It holds the arrows as row pairs (links), made when rows, result or schedule change,
// and reads the bars' row rectangles from the scene when it paints: a zoom step moves
// every bar but rebuilds no arrow.
class TimelineArrowsItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 41 };
    struct Link
    {
        int fromRow;    // the prerequisite's row (or its collapsed ancestor's)
        int toRow;      // the dependent's
        bool critical;  // both critical and the chain tight
        DependencyType type = DependencyType::Completion;   // drawn as the canvas draws it
    };
    struct Arrow
    {
        QPointF from;   // the prerequisite's bar end
        QPointF to;     // the dependent's bar start
        bool critical = false;
        QRectF bounds;
        DependencyType type = DependencyType::Completion;
    };

    TimelineArrowsItem();
    int type() const override { return Type; }
    void setLinks(std::vector<Link> links);
    // `barRects`: per row, the bar in scene coordinates (empty: none); owned by the scene
    // and kept alive as long as this item. `bounds` holds every bar.
    void setGeometry(const std::vector<QRectF> *barRects, const QRectF &bounds);
    // Every arrow as drawn now (tests, exports); built on demand.
    std::vector<Arrow> arrows() const;

    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static QPainterPath pathOf(const Arrow &arrow);

private:
    // False when either end has no bar drawn.
    bool arrowOf(const Link &link, Arrow *arrow) const;

    std::vector<Link> m_links;
    const std::vector<QRectF> *m_barRects = nullptr;
    QRectF m_bounds;
};

} // namespace Workplan
