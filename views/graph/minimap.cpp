#include "minimap.h"

#include "carditem.h"
#include "frameitem.h"
#include "graphscene.h"
#include "graphstyle.h"
#include "graphview.h"

#include "model/projectdocument.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace Workplan {

namespace {

constexpr int MapWidth = 220;
constexpr int MapHeight = 150;
constexpr int Margin = 8;    // from the canvas's edges
constexpr int Inset = 4;     // the plan inside the box
// After a change, wait this long for the next one: a drag or a macro redraws once.
constexpr int RefreshDelayMs = 250;

} // namespace

Minimap::Minimap(GraphView *view)
    : QWidget(view)   // a child of the view, not its viewport: it does not scroll
    , m_view(view)
{
    setObjectName(QStringLiteral("minimap"));
    setFixedSize(MapWidth, MapHeight);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Click to go there, drag to pan"));
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(RefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &Minimap::refresh);

    GraphScene *scene = view->graphScene();
    ProjectDocument *document = scene->document();
    // Every step, card moves included (changed() leaves those out).
    connect(document, &ProjectDocument::documentChanged, this, &Minimap::scheduleRefresh);
    connect(scene, &GraphScene::planReset, this, &Minimap::scheduleRefresh);
    connect(scene, &GraphScene::collapsedChanged, this, &Minimap::scheduleRefresh);
    // The rectangle follows every scroll and zoom (a zoom changes the scroll ranges).
    for (QScrollBar *bar : {view->horizontalScrollBar(), view->verticalScrollBar()}) {
        connect(bar, &QScrollBar::valueChanged, this, qOverload<>(&QWidget::update));
        connect(bar, &QScrollBar::rangeChanged, this, qOverload<>(&QWidget::update));
    }
    view->installEventFilter(this);   // to stay in its corner
    m_watchedView = view;
    hide();
}

void Minimap::place()
{
    if (!m_view)
        return;
    const QRect area = m_view->viewport()->geometry();
    move(area.right() - width() - Margin + 1, area.bottom() - height() - Margin + 1);
}

bool Minimap::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_watchedView && event->type() == QEvent::Resize) {
        place();
        update();
    }
    return QWidget::eventFilter(watched, event);
}

void Minimap::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    place();
    raise();
    refresh();
}

void Minimap::scheduleRefresh()
{
    if (isVisible())
        m_refreshTimer.start();
}

QRectF Minimap::visibleSceneRect() const
{
    if (!m_view)
        return {};
    return m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
}

QPointF Minimap::toScene(const QPointF &minimapPos) const
{
    return m_area.topLeft() + (minimapPos - m_offset) / m_scale;
}

QPointF Minimap::fromScene(const QPointF &scenePos) const
{
    return m_offset + (scenePos - m_area.topLeft()) * m_scale;
}

void Minimap::refresh()
{
    m_refreshTimer.stop();
    if (!m_view)
        return;
    GraphScene *scene = m_view->graphScene();
    scene->flush();
    m_area = scene->planRect();
    if (m_area.isEmpty())
        m_area = QRectF(0, 0, GraphStyle::CardWidth, GraphStyle::CardHeight);
    const QSizeF room(width() - 2 * Inset, height() - 2 * Inset);
    m_scale = qMin(room.width() / m_area.width(), room.height() / m_area.height());
    const QSizeF used = m_area.size() * m_scale;
    m_offset = QPointF(Inset + (room.width() - used.width()) / 2, Inset + (room.height() - used.height()) / 2);

    const qreal dpr = devicePixelRatioF();
    QPixmap picture(size() * dpr);
    picture.setDevicePixelRatio(dpr);
    picture.fill(Qt::transparent);
    QPainter p(&picture);
    p.translate(m_offset);
    p.scale(m_scale, m_scale);
    p.translate(-m_area.topLeft());
    // Boxes only: frames outlined (outermost first, so inner ones draw over), cards filled
    // in their type's colour. A few hash look-ups per task, no item painting.
    const Project &project = scene->document()->project();
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(0x90a4ae), 0));   // cosmetic: one pixel at any scale
    for (const Task &t : project.tasks()) {
        if (const FrameItem *f = scene->frameFor(t.id); f && f->isVisible())
            p.drawRect(f->nodeSceneRect());
    }
    p.setPen(Qt::NoPen);
    for (const Task &t : project.tasks()) {
        const CardItem *c = scene->cardFor(t.id);
        if (!c || !c->isVisible())
            continue;
        p.setBrush(GraphStyle::typeColor(t.type));
        p.drawRect(c->nodeSceneRect());
    }
    p.end();
    m_picture = picture;
    update();
}

void Minimap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QColor back = palette().color(QPalette::Base);
    back.setAlpha(235);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.setBrush(back);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    p.drawPixmap(0, 0, m_picture);
    // The canvas's view, clipped to the box so a view larger than the plan still shows.
    const QRectF seen = QRectF(fromScene(visibleSceneRect().topLeft()), fromScene(visibleSceneRect().bottomRight()))
                            .intersected(QRectF(rect()).adjusted(1, 1, -1, -1));
    QColor fill(0x1565c0);
    fill.setAlpha(40);
    p.setBrush(fill);
    p.setPen(QPen(QColor(0x1565c0), 1.5));
    p.drawRect(seen);
}

void Minimap::centreAt(const QPointF &minimapPos)
{
    if (m_view)
        m_view->centerOn(toScene(minimapPos) + m_grip);
}

void Minimap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_dragging = true;
    // On the rectangle: hold it where it was taken (no jump); elsewhere: jump there.
    const QRectF seen = visibleSceneRect();
    const QPointF at = toScene(event->position());
    m_grip = seen.contains(at) ? seen.center() - at : QPointF();
    centreAt(event->position());
    event->accept();
}

void Minimap::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging && (event->buttons() & Qt::LeftButton))
        centreAt(event->position());
    event->accept();
}

void Minimap::mouseReleaseEvent(QMouseEvent *event)
{
    m_dragging = false;
    event->accept();
}

} // namespace Workplan
