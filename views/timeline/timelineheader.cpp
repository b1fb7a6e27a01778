#include "timelineheader.h"

#include "timelinescene.h"
#include "timelineview.h"

#include <QPainter>

#include <algorithm>

namespace Workplan {

TimelineHeader::TimelineHeader(TimelineView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
{
    setFixedHeight(2 * tierHeight());
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(view, &TimelineView::viewChanged, this, qOverload<>(&QWidget::update));
    connect(view->timelineScene(), &TimelineScene::scaleChanged, this, qOverload<>(&QWidget::update));
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
}

} // namespace Workplan
