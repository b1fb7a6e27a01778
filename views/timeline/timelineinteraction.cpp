#include "timelineinteraction.h"

#include "timelineitems.h"
#include "timelinescene.h"
#include "timelineview.h"

#include "model/projectdocument.h"
#include "model/tasklabel.h"

#include <QCoreApplication>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPen>
#include <QStatusTipEvent>
#include <QToolTip>

#include <cmath>

namespace Workplan {

namespace {
const QColor GhostColor(0x4a, 0x7f, 0xd6, 90);
constexpr double PreviewZ = 100;   // over bars and arrows
} // namespace

TimelineInteraction::TimelineInteraction(TimelineView *view)
    : QObject(view)
    , m_view(view)
    , m_scene(view->timelineScene())
{
    // Hover moves pick the cursor (resize at a bar's end); the view's key events cancel.
    view->viewport()->setMouseTracking(true);
    view->viewport()->installEventFilter(this);
    view->installEventFilter(this);
}

QString TimelineInteraction::titleOf(const QString &id) const
{
    return taskLabels(*m_scene->document())(id);
}

TimelineInteraction::Zone TimelineInteraction::zoneAt(const QPointF &scenePos, QString *taskId) const
{
    const int row = int(std::floor(scenePos.y() / TimelineScene::RowHeight));
    if (row < 0 || row >= m_scene->rows().count())
        return Zone::None;
    const QString &id = m_scene->rows().at(row).id;
    const QRectF bar = m_scene->barRect(id);
    if (bar.isEmpty() || scenePos.x() < bar.left() - 2 || scenePos.x() > bar.right() + EndZone)
        return Zone::None;
    if (taskId)
        *taskId = id;
    // A narrow bar keeps two thirds of itself to be moved by.
    return scenePos.x() >= bar.right() - std::min(EndZone, bar.width() / 3) ? Zone::End : Zone::Body;
}

bool TimelineInteraction::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view) {
        if (event->type() == QEvent::KeyPress && m_mode != Mode::None
            && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            cancel();
            say(tr("Cancelled."));
            return true;
        }
        return false;
    }
    switch (event->type()) {
    case QEvent::MouseButtonPress:
        return press(static_cast<QMouseEvent *>(event));
    case QEvent::MouseMove:
        return move(static_cast<QMouseEvent *>(event));
    case QEvent::MouseButtonRelease:
        release(static_cast<QMouseEvent *>(event));
        return false;   // the view finishes its own click handling
    default:
        return false;
    }
}

bool TimelineInteraction::press(QMouseEvent *event)
{
    cancel();
    // Read-only: a click still selects the row; no bar is dragged, resized or linked.
    if (event->button() != Qt::LeftButton || m_scene->document()->isReadOnly())
        return false;
    const QPoint pos = event->position().toPoint();
    const QPointF scenePos = m_view->mapToScene(pos);
    QString id;
    const Zone zone = zoneAt(scenePos, &id);
    if (zone == Zone::None)
        return false;
    const TimelineBarItem *item = m_scene->barFor(id);
    const bool leaf = !m_scene->document()->isSummary(id);
    if (event->modifiers() & Qt::ShiftModifier)
        m_pending = Mode::Link;   // any bar, summaries too: the model binds their leaves
    else if (!leaf)
        return false;             // a summary's span follows its leaves: selection only
    else if (zone == Zone::End && item && item->barShape() == TimelineBarItem::Shape::Bar)
        m_pending = Mode::Resize;
    else
        m_pending = Mode::Move;
    m_mode = Mode::Pending;
    m_id = id;
    m_bar = m_scene->barRect(id);
    m_pressPos = pos;
    m_pressScene = scenePos;
    // Not consumed: the scene selects the row, as for any click.
    return false;
}

bool TimelineInteraction::move(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    const QPointF scenePos = m_view->mapToScene(pos);
    if (m_mode == Mode::None || !(event->buttons() & Qt::LeftButton)) {
        if (m_mode != Mode::None)
            cancel();   // the release went elsewhere
        hover(scenePos);
        return false;
    }
    if (m_mode == Mode::Pending) {
        if ((pos - m_pressPos).manhattanLength() < DragThreshold)
            return true;
        begin();
    }
    const double dx = scenePos.x() - m_pressScene.x();
    switch (m_mode) {
    case Mode::Move: updateMove(dx); break;
    case Mode::Resize: updateResize(dx); break;
    case Mode::Link: updateLink(scenePos, pos); break;
    default: break;
    }
    return true;
}

void TimelineInteraction::release(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_mode == Mode::None)
        return;
    const Mode mode = m_mode;
    const QPoint pos = event->position().toPoint();
    const QPointF scenePos = m_view->mapToScene(pos);
    const double dx = scenePos.x() - m_pressScene.x();
    // Each finish reads what it needs before cancel() drops the previews; the edit itself
    // comes last, as the analysis it starts may rebuild the scene's items.
    switch (mode) {
    case Mode::Move: finishMove(dx); break;
    case Mode::Resize: finishResize(dx); break;
    case Mode::Link: finishLink(scenePos, pos); break;
    default: cancel(); break;   // Pending: it was a click
    }
}

void TimelineInteraction::hover(const QPointF &scenePos)
{
    QString id;
    const Zone zone = zoneAt(scenePos, &id);
    Qt::CursorShape shape = Qt::ArrowCursor;
    if (zone != Zone::None && !m_scene->document()->isSummary(id) && !m_scene->document()->isReadOnly()) {
        const TimelineBarItem *item = m_scene->barFor(id);
        shape = zone == Zone::End && item && item->barShape() == TimelineBarItem::Shape::Bar
            ? Qt::SizeHorCursor : Qt::OpenHandCursor;
    }
    QWidget *viewport = m_view->viewport();
    if (shape == Qt::ArrowCursor) {
        if (viewport->testAttribute(Qt::WA_SetCursor))
            viewport->unsetCursor();
    } else if (viewport->cursor().shape() != shape || !viewport->testAttribute(Qt::WA_SetCursor)) {
        viewport->setCursor(shape);
    }
}

void TimelineInteraction::begin()
{
    m_mode = m_pending;
    QToolTip::hideText();
    if (m_mode == Mode::Link) {
        m_line = new QGraphicsPathItem;
        m_line->setZValue(PreviewZ);
        m_line->setPen(QPen(QColor(0x70, 0x76, 0x80), 1.5, Qt::DashLine));
        m_scene->addItem(m_line);
        m_hasTarget = false;
        say(tr("Drop on the task that should wait for %1.").arg(titleOf(m_id)));
        return;
    }
    if (m_mode == Mode::Move && !m_scene->scale().hasDates()) {
        // Nothing to move to: the bar stays, and the user learns why.
        say(tr("Moving a bar sets its \u201cnot before\u201d date, which needs a project start "
               "(Project \u25b8 Properties)."), m_pressPos);
        return;
    }
    m_view->viewport()->setCursor(m_mode == Mode::Move ? Qt::ClosedHandCursor : Qt::SizeHorCursor);
    m_ghost = new QGraphicsRectItem(m_bar);
    m_ghost->setZValue(PreviewZ);
    m_ghost->setBrush(GhostColor);
    m_ghost->setPen(QPen(QColor(0x20, 0x20, 0x20), 1, Qt::DashLine));
    m_scene->addItem(m_ghost);
}

void TimelineInteraction::cancel()
{
    delete m_ghost;
    m_ghost = nullptr;
    delete m_line;
    m_line = nullptr;
    m_mode = m_pending = Mode::None;
    m_hasTarget = false;
    m_target.clear();
    m_targetProblem.clear();
}

void TimelineInteraction::say(const QString &text, const QPoint &viewportPos)
{
    m_lastMessage = text;
    emit message(text);
    // A status tip travels up to the main window's status bar, wherever the dock is.
    QStatusTipEvent tip(text);
    QCoreApplication::sendEvent(m_view, &tip);
    if (viewportPos.x() >= 0)
        QToolTip::showText(m_view->viewport()->mapToGlobal(viewportPos), text, m_view->viewport());
}

} // namespace Workplan
