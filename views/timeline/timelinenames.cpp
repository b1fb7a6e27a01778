#include "timelinenames.h"

#include "timelinescene.h"
#include "timelineview.h"

#include "model/projectdocument.h"
#include "views/taskselection.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace Workplan {

namespace {
constexpr int Indent = 16;
constexpr int Toggle = 14;
} // namespace

TimelineNames::TimelineNames(TimelineView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(view, &TimelineView::viewChanged, this, qOverload<>(&QWidget::update));
    connect(view->timelineScene(), &TimelineScene::rowsChanged, this, qOverload<>(&QWidget::update));
    connect(view->timelineScene(), &TimelineScene::resultApplied, this, qOverload<>(&QWidget::update));
}

QSize TimelineNames::sizeHint() const
{
    return QSize(240, 400);
}

double TimelineNames::top() const
{
    return m_view->sceneTopLeft().y();
}

QRect TimelineNames::rowRect(int row) const
{
    const int y = int(std::lround(row * TimelineScene::RowHeight - top()));
    return QRect(0, y, width(), int(TimelineScene::RowHeight));
}

QRect TimelineNames::toggleRect(int row) const
{
    const TimelineRows &rows = m_view->timelineScene()->rows();
    if (row < 0 || row >= rows.count())
        return QRect();
    const QRect r = rowRect(row);
    const int x = 4 + rows.at(row).depth * Indent;
    return QRect(x, r.top() + (r.height() - Toggle) / 2, Toggle, Toggle);
}

int TimelineNames::rowAt(int y) const
{
    const int row = int(std::floor((y + top()) / TimelineScene::RowHeight));
    return row >= 0 && row < m_view->timelineScene()->rows().count() ? row : -1;
}

void TimelineNames::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(event->rect(), pal.color(QPalette::Base));
    TimelineScene *scene = m_view->timelineScene();
    const TimelineRows &rows = scene->rows();
    const Project &project = scene->document()->project();
    const int first = std::max(0, rowAt(event->rect().top()));
    const double lastY = (event->rect().bottom() + top()) / TimelineScene::RowHeight;
    const int last = std::min(rows.count() - 1, int(lastY));
    QFont bold = font();
    bold.setBold(true);
    for (int r = first; r <= last; ++r) {
        const TimelineRows::Row &row = rows.at(r);
        const QRect rr = rowRect(r);
        const bool selected = scene->isHighlighted(row.id);
        if (selected)
            p.fillRect(rr, pal.color(QPalette::Highlight));
        else if (r % 2)
            p.fillRect(rr, pal.color(QPalette::AlternateBase));
        const QRect toggle = toggleRect(r);
        const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        if (row.summary) {
            // ▸ collapsed, ▾ open.
            const QPointF c = QRectF(toggle).center();
            QPolygonF tri;
            if (scene->isCollapsed(row.id))
                tri << QPointF(c.x() - 3, c.y() - 5) << QPointF(c.x() + 4, c.y()) << QPointF(c.x() - 3, c.y() + 5);
            else
                tri << QPointF(c.x() - 5, c.y() - 3) << QPointF(c.x() + 5, c.y() - 3) << QPointF(c.x(), c.y() + 4);
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(Qt::NoPen);
            p.setBrush(text);
            p.drawPolygon(tri);
            p.setRenderHint(QPainter::Antialiasing, false);
        }
        const Task *task = project.find(row.id);
        p.setFont(row.summary ? bold : font());
        p.setPen(text);
        const QRect label(toggle.right() + 4, rr.top(), rr.width() - toggle.right() - 8, rr.height());
        p.drawText(label, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine,
                   p.fontMetrics().elidedText(task ? task->title() : row.id, Qt::ElideRight, label.width()));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(width() - 1, event->rect().top(), width() - 1, event->rect().bottom());
}

void TimelineNames::mousePressEvent(QMouseEvent *event)
{
    const int row = rowAt(int(event->position().y()));
    if (row < 0 || event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    TimelineScene *scene = m_view->timelineScene();
    const TimelineRows::Row &r = scene->rows().at(row);
    // The triangle and a little around it: it is small.
    if (r.summary && toggleRect(row).adjusted(-3, -3, 3, 3).contains(event->position().toPoint()))
        scene->toggleCollapsed(r.id);
    else
        scene->selectRow(row);
    event->accept();
}

void TimelineNames::wheelEvent(QWheelEvent *event)
{
    // One scroll position for names and chart: the chart's.
    QApplication::sendEvent(m_view->viewport(), event);
}

void TimelineNames::keyPressEvent(QKeyEvent *event)
{
    TimelineScene *scene = m_view->timelineScene();
    const QString current = scene->taskSelection() ? scene->taskSelection()->currentId() : QString();
    switch (event->key()) {
    case Qt::Key_Up: scene->selectNeighbour(-1); break;
    case Qt::Key_Down: scene->selectNeighbour(1); break;
    case Qt::Key_Left: scene->setCollapsed(current, true); break;
    case Qt::Key_Right: scene->setCollapsed(current, false); break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

} // namespace Workplan
