#include "timelineitems.h"

#include "views/graph/graphstyle.h"

#include "timelinescene.h"

#include "model/projectdocument.h"
#include "views/analysiscontroller.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace Workplan {

namespace {
const QColor BarColor(0x4a, 0x7f, 0xd6);
const QColor CriticalColor(0xd0, 0x3b, 0x3b);
const QColor CancelledColor(0xa8, 0xa8, 0xa8);
const QColor SummaryColor(0x3a, 0x3f, 0x47);
const QColor SelectedOutline(0xff, 0xa5, 0x00);
// The canvas's risk red (carditem.cpp), so both views read the same.
const QColor RiskColor(0xb7, 0x1c, 0x1c);
// Room right of a bar for its title; texts further out are clipped by the bounding rect.
const QColor SlackColor(0x2e, 0x9e, 0x6a);
constexpr double LabelRoom = 260;
constexpr double BarInset = 6;
} // namespace

QColor TimelineBarItem::waveColor(int wave)
{
    // Neighbouring waves differ in hue by the golden angle, so adjacent groups never
    // share a colour however many there are.
    const int hue = int(std::fmod(wave * 137.508, 360.0));
    return QColor::fromHsv(hue, 170, 200);
}

TimelineBarItem::TimelineBarItem(const QString &taskId)
    : m_id(taskId)
{
    setFlag(ItemUsesExtendedStyleOption, false);
}

void TimelineBarItem::refresh(TimelineScene *scene, int row, int index)
{
    prepareGeometryChange();
    m_row = row;
    setPos(0, row * TimelineScene::RowHeight);
    m_shape = Shape::None;
    m_critical = m_blocked = m_done = m_cancelled = false;
    m_wave = -1;
    const AnalysisResult *result = scene->result();
    const TimelineSpan *span = scene->spanAt(index);
    if (!result || !span)
        return;
    const std::size_t i = std::size_t(index);
    const Snapshot &s = result->snapshot;
    const bool leaf = s.isLeaf(index);
    const TimelineScale &scale = scene->scale();
    m_x0 = scale.startX(span->start);
    m_x1 = std::max(m_x0, scale.finishX(span->finish));
    m_xLate = m_x1;
    if (!leaf)
        m_shape = Shape::Summary;
    else if (span->finish - span->start < 1e-9)
        m_shape = Shape::Milestone;
    else
        m_shape = Shape::Bar;
    m_critical = result->critical[i];
    m_blocked = result->blockedAt[i] >= 0;
    const Status status = s.status[i];
    m_done = statusClass(status) == StatusClass::Done;
    m_cancelled = status == Status::Cancelled;
    if (leaf && result->analysis.hasSchedule()) {
        m_wave = result->analysis.generation(index);
        // The slack tail belongs to the planned schedule's times; with the team's
        // schedule the bar has moved and ES..LF no longer describes it.
        if (scene->schedule() == TimelineSchedule::Planned) {
            const Analysis::Times t = result->analysis.times(index);
            if (t.slack > 1e-9)
                m_xLate = std::max(m_x1, scale.finishX(t.lf));
        }
    }
}

QRectF TimelineBarItem::barRect() const
{
    const double h = TimelineScene::RowHeight;
    switch (m_shape) {
    case Shape::Milestone:
        return QRectF(m_x0 - h / 2 + BarInset, BarInset, h - 2 * BarInset, h - 2 * BarInset);
    case Shape::Summary:
        return QRectF(m_x0, 7, m_x1 - m_x0, h - 13);
    case Shape::Bar:
        // At least a pixel wide, so a short task at month zoom still shows.
        return QRectF(m_x0, BarInset, std::max(m_x1 - m_x0, 1.0), h - 2 * BarInset);
    case Shape::None:
        break;
    }
    return QRectF();
}

QRectF TimelineBarItem::barSceneRect() const
{
    // The item sits at (0, row * RowHeight); reading pos() costs a call into Qt per bar,
    // and the arrows ask twice per dependency on every zoom step.
    return barRect().translated(0, m_row * TimelineScene::RowHeight);
}

double TimelineBarItem::rightEnd(const TimelineScene *scene) const
{
    const double end = barRect().right();
    return scene && scene->showSlack() ? std::max(end, m_xLate) : end;
}

QRectF TimelineBarItem::boundingRect() const
{
    if (m_shape == Shape::None)
        return QRectF();
    const QRectF r = barRect();
    // The slack tail is always inside, so switching it on needs no geometry change.
    const double right = std::max(r.right(), m_xLate) + 3 + LabelRoom;
    return QRectF(r.left() - 3, 0, right - r.left() + 3, TimelineScene::RowHeight);
}

void TimelineBarItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    auto *scene = static_cast<TimelineScene *>(this->scene());
    if (m_shape == Shape::None || !scene)
        return;
    const QRectF r = barRect();
    const bool selected = scene->isHighlighted(m_id);
    // The analysis panel's switches decide what shows, as on the canvas.
    const bool critical = m_critical && scene->showCritical();
    const bool blocked = m_blocked && scene->showBlocked();
    QColor fill = m_cancelled ? CancelledColor : critical ? CriticalColor : BarColor;
    // The risk tint (§8): a leaf's bar goes from the plain bar colour (never critical in a
    // run) to the risk red (critical in every run). It replaces the deterministic red fill,
    // which would hide it, and that criticality moves to an outline instead.
    const double share = m_shape == Shape::Summary || m_cancelled ? -1 : scene->riskCriticality(m_id);
    if (share >= 0) {
        const double k = std::min(share, 1.0);
        fill = QColor::fromRgbF(float(BarColor.redF() + (RiskColor.redF() - BarColor.redF()) * k),
                                float(BarColor.greenF() + (RiskColor.greenF() - BarColor.greenF()) * k),
                                float(BarColor.blueF() + (RiskColor.blueF() - BarColor.blueF()) * k));
    }
    if (m_done)
        fill = fill.darker(170);   // done work reads as "filled in"

    painter->setRenderHint(QPainter::Antialiasing, m_shape != Shape::Bar);
    switch (m_shape) {
    case Shape::Bar:
        painter->fillRect(r, fill);
        if (blocked)
            painter->fillRect(r, QBrush(QColor(255, 255, 255, 170), Qt::BDiagPattern));
        if (m_cancelled) {
            painter->setPen(QPen(Qt::black, 1.5));
            painter->drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()));
        }
        break;
    case Shape::Milestone: {
        const QPointF c = r.center();
        const double s = r.height() / 2;
        const QPolygonF diamond{{c.x(), c.y() - s}, {c.x() + s, c.y()}, {c.x(), c.y() + s}, {c.x() - s, c.y()}};
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawPolygon(diamond);
        break;
    }
    case Shape::Summary: {
        // A bracket: a thin bar with a tooth down at each end, spanning its leaves.
        const QColor c = critical ? CriticalColor.darker(130) : SummaryColor;
        const double top = r.top();
        const double bar = 5;
        const double tooth = std::min(6.0, r.width() / 2);
        QPainterPath p;
        p.moveTo(r.left(), top);
        p.lineTo(r.right(), top);
        p.lineTo(r.right(), r.bottom());
        p.lineTo(r.right() - tooth, top + bar);
        p.lineTo(r.left() + tooth, top + bar);
        p.lineTo(r.left(), r.bottom());
        p.closeSubpath();
        painter->setPen(Qt::NoPen);
        painter->setBrush(blocked ? QBrush(c, Qt::BDiagPattern) : QBrush(c));
        painter->drawPath(p);
        break;
    }
    case Shape::None:
        break;
    }
    if (scene->showSlack() && m_xLate > r.right() + 0.5) {
        // EF to LF: how far the task may slip before it moves the finish.
        painter->setRenderHint(QPainter::Antialiasing, false);
        const double y = r.center().y();
        painter->setPen(QPen(SlackColor, 2));
        painter->drawLine(QPointF(r.right(), y), QPointF(m_xLate, y));
        painter->drawLine(QPointF(m_xLate, y - 4), QPointF(m_xLate, y + 4));
    }
    if (scene->showParallelGroups() && m_wave >= 0) {
        // A thin stripe under the bar in its wave's colour: tasks of one parallel group
        // line up by colour down the chart, and the title says which group.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->fillRect(QRectF(r.left(), TimelineScene::RowHeight - 4, std::max(r.width(), 3.0), 3),
                          waveColor(m_wave));
    }
    if (share >= 0 && critical && m_shape == Shape::Bar) {
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(CriticalColor.darker(140), 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(r.adjusted(0.75, 0.75, -0.75, -0.75));
    }
    if (selected) {
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(SelectedOutline, 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(r.adjusted(-2, -2, 2, 2));
    }
    if (scene->showTexts()) {
        const Task *task = scene->document()->project().find(m_id);
        if (!task)
            return;
        painter->setPen(m_cancelled ? QColor(0x80, 0x80, 0x80) : QColor(0x20, 0x20, 0x20));
        const QRectF text(rightEnd(scene) + 6, 0, LabelRoom - 8, TimelineScene::RowHeight);
        const QString title = scene->showParallelGroups() && m_wave >= 0
            ? QStringLiteral("G%1 \u00b7 %2").arg(m_wave + 1).arg(task->title()) : task->title();
        painter->drawText(text, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine, title);
    }
}

TimelineArrowsItem::TimelineArrowsItem()
{
    setFlag(ItemUsesExtendedStyleOption, true);   // for exposedRect
    setZValue(-1);
}

void TimelineArrowsItem::setLinks(std::vector<Link> links)
{
    m_links = std::move(links);
    update();
}

void TimelineArrowsItem::setGeometry(const std::vector<QRectF> *barRects, const QRectF &bounds)
{
    prepareGeometryChange();
    m_barRects = barRects;
    m_bounds = bounds;
    update();
}

bool TimelineArrowsItem::arrowOf(const Link &link, Arrow *a) const
{
    if (!m_barRects || std::size_t(std::max(link.fromRow, link.toRow)) >= m_barRects->size())
        return false;
    const QRectF &from = (*m_barRects)[std::size_t(link.fromRow)];
    const QRectF &to = (*m_barRects)[std::size_t(link.toRow)];
    if (from.isEmpty() || to.isEmpty())
        return false;
    const double half = TimelineScene::RowHeight / 2;
    a->from = QPointF(from.right(), link.fromRow * TimelineScene::RowHeight + half);
    a->to = QPointF(to.left(), link.toRow * TimelineScene::RowHeight + half);
    a->critical = link.critical;
    a->type = link.type;
    a->bounds = QRectF(a->from, a->to).normalized().adjusted(-12, -half, 12, half);
    return true;
}

std::vector<TimelineArrowsItem::Arrow> TimelineArrowsItem::arrows() const
{
    std::vector<Arrow> out;
    Arrow a;
    for (const Link &link : m_links) {
        if (arrowOf(link, &a))
            out.push_back(a);
    }
    return out;
}

QPainterPath TimelineArrowsItem::pathOf(const Arrow &a)
{
    // Out of the end, down (or up) to the dependent's row, into its start. When the
    // dependent starts left of that elbow, the line runs back along the row boundary.
    constexpr double Stub = 6;
    QPainterPath p(a.from);
    const double elbow = a.from.x() + Stub;
    if (a.to.x() >= elbow + Stub) {
        p.lineTo(elbow, a.from.y());
        p.lineTo(elbow, a.to.y());
        p.lineTo(a.to);
    } else {
        const double half = TimelineScene::RowHeight / 2;
        const double between = a.to.y() + (a.to.y() > a.from.y() ? -half : half);
        p.lineTo(elbow, a.from.y());
        p.lineTo(elbow, between);
        p.lineTo(a.to.x() - Stub, between);
        p.lineTo(a.to.x() - Stub, a.to.y());
        p.lineTo(a.to);
    }
    return p;
}

void TimelineArrowsItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QRectF exposed = option->exposedRect;
    const auto *timeline = static_cast<const TimelineScene *>(scene());
    const bool showCritical = !timeline || timeline->showCritical();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setBrush(Qt::NoBrush);
    // Rows first: most links lie wholly above or below the exposed band, and that is
    // known without reading either bar.
    const double h = TimelineScene::RowHeight;
    Arrow a;
    for (const Link &link : m_links) {
        if (std::max(link.fromRow, link.toRow) * h + h < exposed.top()
            || std::min(link.fromRow, link.toRow) * h > exposed.bottom())
            continue;
        if (!arrowOf(link, &a) || !a.bounds.intersects(exposed))
            continue;
        const bool critical = a.critical && showCritical;
        // Typed as on the canvas (solid completion, dashed data, ...); critical ones red.
        QPen pen = GraphStyle::dependencyPen(a.type, false);
        pen.setWidthF(critical ? 1.6 : 1.0);
        if (critical)
            pen.setColor(CriticalColor);
        const QColor c = pen.color();
        painter->setPen(pen);
        painter->drawPath(pathOf(a));
        const QPointF tip = a.to;
        const QPolygonF head{tip, {tip.x() - 6, tip.y() - 3.5}, {tip.x() - 6, tip.y() + 3.5}};
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawPolygon(head);
        painter->setBrush(Qt::NoBrush);
    }
}

} // namespace Workplan
