#pragma once

#include <QGraphicsView>

class QMainWindow;

namespace Workplan {

class AnalysisController;
class GraphScene;
class ProjectDocument;
class TaskSelection;

// The canvas widget: zoom (Ctrl+wheel, Ctrl +/-, Ctrl+0 fits), pan (middle-drag or
// Space+drag, scroll bars), rubber-band selection, palette drops; centres a task when
// the shared selection asks for focus.
class GraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit GraphView(GraphScene *scene, QWidget *parent = nullptr);

    // Builds scene and view for a window and shows the scene's messages in its status bar.
    static GraphView *create(ProjectDocument *document, TaskSelection *selection,
                             AnalysisController *analysis, QMainWindow *window);

    GraphScene *graphScene() const { return m_scene; }
    qreal zoom() const { return transform().m11(); }

public slots:
    void setZoom(qreal factor);
    void zoomIn();
    void zoomOut();
    // The whole plan, at most 100 %. A plan so tall (or wide) that the whole would be a
    // thin strip is filled across the window from its start (top-left) instead.
    void fitToWindow();
    void centerOnTask(const QString &id);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    // The hovered card's port, drawn at a size fixed on screen (views only, never printed).
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    // The card's, frame's, arrow's or background's menu (views/contextmenus.h).
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    GraphScene *m_scene;
    bool m_spaceHeld = false;
    bool m_panning = false;
    bool m_fitPending = true;
    bool m_cardCaching = true;   // cards cache their pictures (see setZoom)   // a new plan is shown fitted once the viewport has its size
    QPoint m_panLast;

    // Hovering: the card under the mouse shows its port, and the cursor a cross where a
    // press draws a dependency (graphview.cpp, GraphScene::linkSourceAt).
    void updateLinkHover(const QPoint &viewportPos);
    void setLinkHover(const QString &cardId, bool onGrip);
    QRect linkHoverArea() const;   // viewport pixels the marker covers
    QString m_hoverCard;
    QRect m_hoverArea;
    bool m_hoverGrip = false;
};

} // namespace Workplan
