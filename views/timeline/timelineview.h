#pragma once

#include <QGraphicsView>

namespace Workplan {

class TimelineInteraction;
class TimelineScene;

// The chart's viewport. Zoom changes the scene's pixels per hour rather than the view's
// transform, so texts and row heights stay crisp and the scene always sits at 1:1.
// Ctrl+wheel zooms around the mouse; Up/Down move the shared selection a row. Drags on
// the bars edit the plan through TimelineInteraction.
class TimelineView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit TimelineView(TimelineScene *scene, QWidget *parent = nullptr);

    TimelineScene *timelineScene() const { return m_scene; }
    TimelineInteraction *interaction() const { return m_interaction; }
    // The scene x at the viewport's left edge and y at its top (the header and the name
    // column follow them).
    QPointF sceneTopLeft() const;

public slots:
    // Keeps the scene point under viewport x `anchor` in place (-1: the viewport's centre).
    void setPixelsPerHour(double px, int anchor = -1);
    void zoomBy(double factor, int anchor = -1);
    // The whole plan across the viewport.
    void fitToWindow();

signals:
    // Scrolled or zoomed: what the header and the name column show changed.
    void viewChanged();
    // A task's row was double-clicked: the window shows it in the inspector.
    void inspectRequested(const QString &taskId);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    TimelineScene *m_scene;
    TimelineInteraction *m_interaction;
};

} // namespace Workplan
