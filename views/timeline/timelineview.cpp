#include "timelineview.h"

#include <QMouseEvent>

#include "timelineinteraction.h"
#include "timelinescene.h"

#include <QKeyEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace Workplan {

TimelineView::TimelineView(TimelineScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    // The header and the name column assume the scene's top-left is at the viewport's.
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setRenderHint(QPainter::TextAntialiasing);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlag(DontAdjustForAntialiasing);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    connect(scene, &TimelineScene::ensureVisibleRequested, this,
            [this](const QRectF &r) { ensureVisible(r, 40, 8); });
    connect(scene, &TimelineScene::sceneRectChanged, this, &TimelineView::viewChanged);
    m_interaction = new TimelineInteraction(this);
}

QPointF TimelineView::sceneTopLeft() const
{
    return mapToScene(QPoint(0, 0));
}

void TimelineView::setPixelsPerHour(double px, int anchor)
{
    const double before = m_scene->scale().pixelsPerHour();
    if (anchor < 0)
        anchor = viewport()->width() / 2;
    const double sceneX = mapToScene(QPoint(anchor, 0)).x();
    m_scene->setPixelsPerHour(px);
    const double after = m_scene->scale().pixelsPerHour();
    if (after == before)
        return;
    // Every x of the scale grows with the zoom in proportion (dated or not), so the point
    // that was under the anchor is now at sceneX * ratio.
    const double target = sceneX * (after / before);
    QScrollBar *bar = horizontalScrollBar();
    bar->setValue(bar->value() + int(std::lround(target - sceneX)));
    emit viewChanged();
}

void TimelineView::zoomBy(double factor, int anchor)
{
    setPixelsPerHour(m_scene->scale().pixelsPerHour() * factor, anchor);
}

void TimelineView::fitToWindow()
{
    const double width = m_scene->planWidth();
    const double room = viewport()->width() - TimelineScene::LeftMargin - 40;
    if (width > 0 && room > 50)
        setPixelsPerHour(m_scene->scale().pixelsPerHour() * room / width);
    horizontalScrollBar()->setValue(horizontalScrollBar()->minimum());
    emit viewChanged();
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        if (steps != 0)
            zoomBy(std::pow(1.25, steps), int(event->position().x()));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Up:
        m_scene->selectNeighbour(-1);
        event->accept();
        return;
    case Qt::Key_Down:
        m_scene->selectNeighbour(1);
        event->accept();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        if (event->modifiers() & Qt::ControlModifier) {
            zoomBy(1.25);
            event->accept();
            return;
        }
        break;
    case Qt::Key_Minus:
        if (event->modifiers() & Qt::ControlModifier) {
            zoomBy(0.8);
            event->accept();
            return;
        }
        break;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void TimelineView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    emit viewChanged();
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // Anywhere in a task's row, as a single click selects it there.
    const QPointF at = mapToScene(event->position().toPoint());
    const int row = int(std::floor(at.y() / TimelineScene::RowHeight));
    if (event->button() == Qt::LeftButton && row >= 0 && row < m_scene->rows().count()) {
        emit inspectRequested(m_scene->rows().at(row).id);
        event->accept();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

} // namespace Workplan
