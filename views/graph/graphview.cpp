#include "graphview.h"

#include "carditem.h"
#include "graphscene.h"
#include "graphstyle.h"
#include "nodeitem.h"

#include "views/contextmenus.h"
#include "views/taskselection.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMainWindow>
#include <QPainter>
#include <QScrollBar>
#include <QStatusBar>
#include <QWheelEvent>

namespace Workplan {

// Low enough to show a dense 10k-task plan whole (it needs about 0.6 %); cards are plain
// blocks and arrows one-pixel lines down there, so the cost is the item count, not the zoom.
static constexpr qreal MinZoom = 0.004;
static constexpr qreal MaxZoom = 4.0;
// Below this the whole plan is too small to read as a plan: fill the window instead.
static constexpr qreal MinFitZoom = 0.08;

GraphView::GraphView(GraphScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setRenderHint(QPainter::Antialiasing, false);   // items turn it on where it shows
    setRenderHint(QPainter::TextAntialiasing);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlag(DontAdjustForAntialiasing);
    setTransformationAnchor(AnchorUnderMouse);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    connect(scene, &GraphScene::ensureVisibleRequested, this,
            [this](const QRectF &r) { ensureVisible(r, 40, 40); });
    connect(scene, &GraphScene::planReset, this, [this] {
        m_fitPending = !isVisible();
        if (!m_fitPending)
            fitToWindow();
    });
    if (TaskSelection *sel = scene->taskSelection())
        connect(sel, &TaskSelection::focusRequested, this, &GraphView::centerOnTask);
}

GraphView *GraphView::create(ProjectDocument *document, TaskSelection *selection,
                             AnalysisController *analysis, QMainWindow *window)
{
    auto *scene = new GraphScene(document, selection, analysis, window);
    auto *view = new GraphView(scene, window);
    connect(scene, &GraphScene::message, window,
            [window](const QString &text) { window->statusBar()->showMessage(text, 8000); });
    return view;
}

void GraphView::setZoom(qreal factor)
{
    factor = qBound(MinZoom, factor, MaxZoom);
    // Zoomed out, cards are plain blocks: cheaper to draw than to re-cache at every zoom
    // step (10k device-pixel caches rebuilt per step). Close up, the cache pays.
    const bool detail = factor >= GraphStyle::DetailThreshold;
    if (detail != m_cardCaching) {
        m_cardCaching = detail;
        m_scene->setItemCaching(detail);
    }
    setTransform(QTransform::fromScale(factor, factor));
}

void GraphView::zoomIn()
{
    setZoom(zoom() * 1.25);
}

void GraphView::zoomOut()
{
    setZoom(zoom() / 1.25);
}

void GraphView::fitToWindow()
{
    m_scene->flush();
    const QRectF r = m_scene->planRect().adjusted(-20, -20, 20, 20);
    const QSizeF v = viewport()->size();
    if (r.isEmpty() || v.isEmpty())
        return;
    m_fitPending = false;
    const qreal whole = qMin(v.width() / r.width(), v.height() / r.height());
    if (whole >= MinFitZoom) {
        setZoom(qMin(whole, 1.0));   // a small plan stays at its natural size
        centerOn(r.center());
        return;
    }
    // Fill the short side and start where the plan starts.
    setZoom(qMin(qMax(v.width() / r.width(), v.height() / r.height()), 1.0));
    const QSizeF shown = v / zoom();
    centerOn(r.topLeft() + QPointF(qMin(shown.width(), r.width()), qMin(shown.height(), r.height())) / 2);
}

void GraphView::centerOnTask(const QString &id)
{
    m_scene->flush();
    if (NodeItem *n = m_scene->visibleNodeFor(id))
        centerOn(n->nodeSceneRect().center());
}

void GraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitPending && isVisible())
        fitToWindow();
}

void GraphView::contextMenuEvent(QContextMenuEvent *event)
{
    ContextMenus::popup(ContextMenus::forCanvas(this, event->pos()), event->globalPos());
    event->accept();
}

void GraphView::wheelEvent(QWheelEvent *event)
{
    // Ctrl+wheel zooms; the plain wheel scrolls like every other document.
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal steps = event->angleDelta().y() / 120.0;
        if (steps != 0)
            setZoom(zoom() * std::pow(1.2, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void GraphView::keyPressEvent(QKeyEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal: zoomIn(); event->accept(); return;
        case Qt::Key_Minus: zoomOut(); event->accept(); return;
        case Qt::Key_0: fitToWindow(); event->accept(); return;
        default: break;
        }
    }
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void GraphView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

static bool hasLinkCursor(const QWidget *viewport)
{
    return viewport->testAttribute(Qt::WA_SetCursor) && viewport->cursor().shape() == Qt::CrossCursor;
}

void GraphView::updateLinkHover(const QPoint &viewportPos)
{
    if (m_spaceHeld || m_panning || !isInteractive()) {
        setLinkHover(QString(), false);   // the hand cursor is the pan's
        return;
    }
    const QPointF scenePos = mapToScene(viewportPos);
    CardItem *source = m_scene->linkSourceAt(scenePos, zoom());
    CardItem *card = source;
    for (QGraphicsItem *item : card ? QList<QGraphicsItem *>() : m_scene->items(scenePos)) {
        if (item->type() == CardItem::Type && item->isVisible()) {
            card = static_cast<CardItem *>(item);
            break;
        }
    }
    setLinkHover(card ? card->taskId() : QString(), source != nullptr);
    if (source && !hasLinkCursor(viewport()))
        viewport()->setCursor(Qt::CrossCursor);
    else if (!source && hasLinkCursor(viewport()))
        viewport()->unsetCursor();
}

void GraphView::setLinkHover(const QString &cardId, bool onGrip)
{
    const QRect before = m_hoverArea;
    const bool changed = cardId != m_hoverCard || (onGrip && !cardId.isEmpty()) != m_hoverGrip;
    m_hoverCard = cardId;
    m_hoverGrip = onGrip && !cardId.isEmpty();
    m_hoverArea = linkHoverArea();
    // Also when the card moved (an undo) or the view zoomed under a still mouse.
    if (changed || before != m_hoverArea) {
        viewport()->update(before);
        viewport()->update(m_hoverArea);
    }
}

QRect GraphView::linkHoverArea() const
{
    const CardItem *card = m_hoverCard.isEmpty() ? nullptr : m_scene->cardFor(m_hoverCard);
    if (!card || !card->isVisible())
        return QRect();
    const qreal scale = zoom();
    const qreal r = std::max(GraphStyle::PortMarkerPixels / scale, GraphStyle::PortRadius) + 3 / scale;
    const QRectF around(card->portScenePos() - QPointF(r, r), QSizeF(2 * r, 2 * r));
    return mapFromScene(around.united(card->edgeGripRect(scale))).boundingRect().adjusted(-3, -3, 3, 3);
}

void GraphView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawForeground(painter, rect);
    const CardItem *card = m_hoverCard.isEmpty() ? nullptr : m_scene->cardFor(m_hoverCard);
    if (!card || !card->isVisible())
        return;
    // Sizes in screen pixels: far out the card is a plain block and draws no port at all.
    const qreal px = 1 / zoom();
    const QColor accent(0x1565c0);
    const QPointF port = card->portScenePos();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_hoverGrip) {
        const QRectF r = card->nodeSceneRect();
        painter->setPen(QPen(accent, 3 * px, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(QPointF(r.right(), r.top() + 2 * px), QPointF(r.right(), r.bottom() - 2 * px));
    }
    const qreal radius = std::max(GraphStyle::PortMarkerPixels * px, GraphStyle::PortRadius);
    painter->setPen(QPen(accent, 1.5 * px));
    painter->setBrush(m_hoverGrip ? accent : QColor(Qt::white));
    painter->drawEllipse(port, radius, radius);
    if (m_hoverGrip) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(Qt::white);
        painter->drawEllipse(port, radius / 3, radius / 3);
    }
    painter->restore();
}

bool GraphView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Leave) {
        setLinkHover(QString(), false);
        if (hasLinkCursor(viewport()))
            viewport()->unsetCursor();
    }
    return QGraphicsView::viewportEvent(event);
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    // The right button only opens a menu, and that menu acts on the selection: the press
    // must not clear it (QGraphicsScene does for a press nothing accepts).
    if (event->button() == Qt::RightButton) {
        event->accept();
        return;
    }
    // The marker would stay behind a card that is now dragged; a link drag draws its own line.
    setLinkHover(QString(), false);
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint p = event->position().toPoint();
        const QPoint d = p - m_panLast;
        m_panLast = p;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    if (event->buttons() == Qt::NoButton)
        updateLinkHover(event->position().toPoint());
    QGraphicsView::mouseMoveEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

} // namespace Workplan
