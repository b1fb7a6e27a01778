#pragma once

#include <QObject>
#include <QPoint>
#include <QPointF>
#include <QRectF>
#include <QString>

class QGraphicsPathItem;
class QGraphicsRectItem;
class QMouseEvent;

namespace Workplan {

class TimelineScene;
class TimelineView;

// Editing on the timeline with the mouse, one undo step per gesture:
//   - drag a leaf bar sideways: its `not_before` (dated plans only; else it says why not),
//   - drag a leaf bar's right end: its estimate, in the unit the task already uses,
//   - Shift-drag from a bar to another: "the other waits for this one" (completion), with
//     the same live refusal as the canvas (a loop is named while hovering, nothing made).
// It watches the view's viewport rather than living in the scene, so the scene keeps no
// drag state and the press still reaches it: a press is a click (selection) until the
// mouse has moved a few pixels.
class TimelineInteraction : public QObject
{
    Q_OBJECT
public:
    enum class Mode { None, Pending, Move, Resize, Link };
    enum class Zone { None, Body, End };

    static constexpr int DragThreshold = 4;   // px before a press becomes a drag
    static constexpr double EndZone = 4;      // px each side of a bar's right end

    explicit TimelineInteraction(TimelineView *view);

    Mode mode() const { return m_mode; }
    // What the last gesture said (also sent as `message` and as a status tip).
    QString lastMessage() const { return m_lastMessage; }
    // Which part of which bar is at a scene point.
    Zone zoneAt(const QPointF &scenePos, QString *taskId = nullptr) const;

signals:
    void message(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool press(QMouseEvent *event);
    bool move(QMouseEvent *event);
    void release(QMouseEvent *event);
    void hover(const QPointF &scenePos);
    void begin();
    void cancel();

    void updateMove(double dx);
    void updateResize(double dx);
    void updateLink(const QPointF &scenePos, const QPoint &viewportPos);
    void finishMove(double dx);
    void finishResize(double dx);
    void finishLink(const QPointF &scenePos, const QPoint &viewportPos);
    QString linkTargetAt(const QPointF &scenePos) const;
    double snappedHours(double dx) const;

    void say(const QString &text, const QPoint &viewportPos = QPoint(-1, -1));
    QString titleOf(const QString &id) const;

    TimelineView *m_view;
    TimelineScene *m_scene;
    Mode m_mode = Mode::None;
    Mode m_pending = Mode::None;   // what a Pending press becomes once dragged
    QString m_id;                  // the pressed bar's task
    QRectF m_bar;                  // its bar at the press, scene coordinates
    QPoint m_pressPos;             // viewport
    QPointF m_pressScene;
    QString m_target;              // link: the hovered target and its refusal, cached
    QString m_targetProblem;
    bool m_hasTarget = false;
    QGraphicsRectItem *m_ghost = nullptr;   // the bar where it would land
    QGraphicsPathItem *m_line = nullptr;    // the dependency being drawn
    QString m_lastMessage;
};

} // namespace Workplan
