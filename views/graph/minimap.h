#pragma once

#include <QPixmap>
#include <QPointer>
#include <QTimer>
#include <QWidget>

namespace Workplan {

class GraphView;

// View ▸ Minimap (issue #16): the whole plan in a small box at the canvas's bottom-right,
// with the part the canvas shows as a translucent rectangle. A press centres the canvas
// there; dragging pans it (a drag that starts on the rectangle keeps its grip).
//
// The plan is drawn as plain boxes into a cached picture, redrawn a moment after the plan
// changes and only while the minimap is shown: a 100k-task plan is never painted per frame,
// and never through the items' own paint code. Only the rectangle moves per scroll.
class Minimap : public QWidget
{
    Q_OBJECT
public:
    explicit Minimap(GraphView *view);

    // The scene point under a minimap pixel and back (tests use them).
    QPointF toScene(const QPointF &minimapPos) const;
    QPointF fromScene(const QPointF &scenePos) const;
    // The canvas's visible part, in scene coordinates.
    QRectF visibleSceneRect() const;

public slots:
    // Redraws the plan picture now (normally a moment after a change).
    void refresh();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();
    void scheduleRefresh();
    void centreAt(const QPointF &minimapPos);

    QPointer<GraphView> m_view;
    QObject *m_watchedView = nullptr;   // only compared: see FocusMode::m_watchedView
    QPixmap m_picture;
    QRectF m_area;        // the scene rect the picture shows
    qreal m_scale = 1;    // minimap pixels per scene unit
    QPointF m_offset;     // where m_area's top-left lands
    QTimer m_refreshTimer;
    bool m_dragging = false;
    QPointF m_grip;       // scene offset from the press to the visible centre
};

} // namespace Workplan
