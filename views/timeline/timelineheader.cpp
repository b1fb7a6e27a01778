#include "timelineheader.h"

#include "timelinescene.h"
#include "timelineview.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Workplan {

TimelineHeader::TimelineHeader(TimelineView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
{
    setFixedHeight(2 * tierHeight());
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(view, &TimelineView::viewChanged, this, qOverload<>(&QWidget::update));
    connect(view->timelineScene(), &TimelineScene::scaleChanged, this, qOverload<>(&QWidget::update));
    connect(view->timelineScene(), &TimelineScene::riskMarkerChanged, this, qOverload<>(&QWidget::update));
}

double TimelineHeader::markerX() const
{
    const double x = m_view->timelineScene()->riskP80X();
    const int offset = m_view->viewport()->mapTo(m_view, QPoint(0, 0)).x();
    const double left = x - (m_view->sceneTopLeft().x() - offset);
    // NaN compares false both ways, so "no marker" is out of range too.
    return left >= 0 && left <= width() ? left : std::numeric_limits<double>::quiet_NaN();
}

QString TimelineHeader::markerLabel() const
{
    return std::isnan(markerX()) ? QString() : m_view->timelineScene()->riskP80Label();
}

int TimelineHeader::tierHeight()
{
    return 20;
}

QSize TimelineHeader::sizeHint() const
{
    return QSize(400, 2 * tierHeight());
}

QStringList TimelineHeader::labels(int tier) const
{
    const double x0 = m_view->sceneTopLeft().x();
    const double x1 = x0 + m_view->viewport()->width();
    QStringList out;
    for (const TimelineScale::Tick &t : m_view->timelineScene()->scale().ticks(x0, x1, tier))
        out << t.text;
    return out;
}

void TimelineHeader::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Window));
    // The header sits right above the viewport, whose left edge shows scene x0.
    const int offset = m_view->viewport()->mapTo(m_view, QPoint(0, 0)).x();
    const double x0 = m_view->sceneTopLeft().x() - offset;
    const double x1 = x0 + width();
    const TimelineScale &scale = m_view->timelineScene()->scale();
    const int h = tierHeight();

    // Weekends and holidays shaded in the fine tier, like the chart below.
    QColor shade = pal.color(QPalette::Mid);
    shade.setAlpha(60);
    for (qint64 day : scale.nonWorkingDays(x0, x1))
        p.fillRect(QRectF(scale.xOfDay(day) - x0, h, scale.dayWidth(), h), shade);

    for (int tier = 0; tier < 2; ++tier) {
        const double top = tier * h;
        QFont f = font();
        f.setBold(tier == 0);
        p.setFont(f);
        const QFontMetrics tierMetrics(f);
        for (const TimelineScale::Tick &t : scale.ticks(x0, x1, tier)) {
            const double left = t.x - x0;
            p.setPen(pal.color(QPalette::Mid));
            p.drawLine(QPointF(left, top + (tier == 0 ? 2 : 0)), QPointF(left, top + h));
            // The coarse tier's label stays in sight while its run is scrolled partly off.
            double textLeft = left + 4;
            if (tier == 0 && left < 0)
                textLeft = std::min(4.0, left + t.width - tierMetrics.horizontalAdvance(t.text) - 4);
            const QRectF box(textLeft, top, t.x + t.width - x0 - textLeft - 2, h);
            // A label that does not fit is left out rather than cut into something unreadable.
            if (tierMetrics.horizontalAdvance(t.text) > box.width())
                continue;
            p.setPen(pal.color(QPalette::WindowText));
            p.drawText(box, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine, t.text);
        }
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(0, h, width(), h);
    p.drawLine(0, height() - 1, width(), height() - 1);

    // The P80 label over the fine tier, right of its line (left of it near the edge), so
    // the dashed line below reads as "80 % of runs finish by here".
    if (const double mx = markerX(); !std::isnan(mx)) {
        const QString text = m_view->timelineScene()->riskP80Label();
        const QFontMetrics fm(font());
        const double w = fm.horizontalAdvance(text) + 8;
        const double left = mx + w + 2 <= width() ? mx + 2 : mx - w - 2;
        const QRectF box(left, h + 2, w, h - 4);
        p.setPen(QPen(TimelineScene::P80Color, 1.5, Qt::DashLine));
        p.drawLine(QPointF(mx, h), QPointF(mx, height()));
        p.setPen(Qt::NoPen);
        p.setBrush(TimelineScene::P80Color);
        p.drawRoundedRect(box, 3, 3);
        p.setPen(Qt::white);
        p.drawText(box, Qt::AlignCenter | Qt::TextSingleLine, text);
    }
}

} // namespace Workplan
