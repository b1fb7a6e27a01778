// TimelineScene: what is painted around the bars (rows, calendar, today, deadlines), the
// arrows, tooltips and clicks.
#include "timelineitems.h"
#include "timelinescene.h"

#include "views/riskshares.h"

#include "model/engine/passes.h"
#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/tasklabel.h"
#include "views/analysiscontroller.h"
#include "views/taskselection.h"

#include <QGraphicsSceneHelpEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QTime>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace Workplan {

namespace {
const QColor StripeColor(0xf5, 0xf6, 0xf8);
const QColor NonWorkingColor(0xe4, 0xe6, 0xea);
const QColor GridColor(0xe8, 0xe9, 0xec);
const QColor SelectedRowColor(0xff, 0xe2, 0xa8);
const QColor TodayColor(0x1e, 0x88, 0xe5);
const QColor DeadlineColor(0x2e, 0x7d, 0x32);
const QColor MissedColor(0xd0, 0x3b, 0x3b);
} // namespace

const QColor TimelineScene::P80Color(0x8e, 0x24, 0xaa);

double TimelineScene::riskP80X() const
{
    if (std::isnan(m_riskP80) || !m_result)
        return std::numeric_limits<double>::quiet_NaN();
    return m_scale.finishX(m_riskP80);
}

QString TimelineScene::riskP80Label() const
{
    if (std::isnan(riskP80X()))
        return QString();
    const WorkCalendar *dates = m_scale.dates();
    return tr("P80 %1").arg(dates ? formatMoment(dates->finishReading(m_riskP80)) : formatHours(m_riskP80));
}

void TimelineScene::setRiskP80(double hours)
{
    if (hours == m_riskP80 || (std::isnan(hours) && std::isnan(m_riskP80)))
        return;
    m_riskP80 = hours;
    updateSceneRect();   // a P80 past the last bar widens the chart to show it
    update();
    emit riskMarkerChanged();
}

void TimelineScene::rebuildDeadlines()
{
    m_deadlines.clear();
    if (!m_result)
        return;
    const Snapshot &s = m_result->snapshot;
    for (const Snapshot::Deadline &d : s.deadlines) {
        const TimelineSpan *span = spanAt(d.task);
        m_deadlines.push_back({s.ids[std::size_t(d.task)], d.task, d.moment, span ? d.offset - span->finish : 0.0});
    }
}

void TimelineScene::rebuildLinks()
{
    m_linksDirty = false;
    std::vector<TimelineArrowsItem::Link> links;
    if (!m_result) {
        m_arrows->setLinks({});
        return;
    }
    // From the snapshot's dependency arrays and the row <-> index tables: no id is
    // hashed, which at 100k tasks and more dependencies was most of a zoom step.
    const Snapshot &s = m_result->snapshot;
    links.reserve(s.depPrereq.size());
    const int tasks = std::min(s.taskCount(), int(m_taskRow.size()));
    for (int owner = 0; owner < tasks; ++owner) {
        const int toRow = m_taskRow[std::size_t(owner)];
        if (toRow < 0)
            continue;
        for (int d = s.depStart[std::size_t(owner)]; d < s.depStart[std::size_t(owner) + 1]; ++d) {
            if (!s.depCounts[std::size_t(d)])
                continue;
            const int prereq = s.depPrereq[std::size_t(d)];
            const int fromRow = m_taskRow[std::size_t(prereq)];
            if (fromRow < 0 || fromRow == toRow)
                continue;   // both inside one collapsed summary
            // Red: the planned schedule's critical arrows, as the engine flags them
            // (AnalysisResult). Drawn with the team, the bars are the leveled schedule, whose
            // chains are tight elsewhere: red then where both ends are critical and the
            // dependent starts right at the end, within the engine's own tolerance.
            bool critical = false;
            if (m_source == TimelineSchedule::Planned) {
                critical = m_result->isCriticalDependency(d);
            } else {
                const TimelineSpan &ps = m_spans[std::size_t(prereq)];
                const TimelineSpan &os = m_spans[std::size_t(owner)];
                critical = m_result->critical[std::size_t(prereq)] && m_result->critical[std::size_t(owner)]
                    && ps.valid && os.valid && std::abs(os.start - ps.finish - s.depLag[std::size_t(d)]) < Passes::kEps;
            }
            links.push_back({fromRow, toRow, critical, s.depType[std::size_t(d)]});
        }
    }
    m_arrows->setLinks(std::move(links));
}

void TimelineScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, Qt::white);
    const int firstRow = std::max(0, int(std::floor(rect.top() / RowHeight)));
    const int lastRow = std::min(m_rows.count() - 1, int(std::ceil(rect.bottom() / RowHeight)));
    for (int r = firstRow; r <= lastRow; ++r) {
        const QRectF row(rect.left(), r * RowHeight, rect.width(), RowHeight);
        if (isHighlighted(m_rows.at(r).id))
            painter->fillRect(row, SelectedRowColor);
        else if (r % 2)
            painter->fillRect(row, StripeColor);
    }
    // Weekends and holidays, lightly, across every row.
    const double dayWidth = m_scale.dayWidth();
    for (qint64 day : m_scale.nonWorkingDays(rect.left(), rect.right())) {
        QColor c = NonWorkingColor;
        c.setAlpha(150);
        painter->fillRect(QRectF(m_scale.xOfDay(day), rect.top(), dayWidth, rect.height()), c);
    }
    // Faint lines at the header's fine ticks, where they are far enough apart to help.
    const QVector<TimelineScale::Tick> ticks = m_scale.ticks(rect.left(), rect.right(), 1);
    if (!ticks.isEmpty() && ticks.first().width >= 12) {
        painter->setPen(QPen(GridColor, 0));
        for (const TimelineScale::Tick &t : ticks)
            painter->drawLine(QPointF(t.x, rect.top()), QPointF(t.x, rect.bottom()));
    }
}

void TimelineScene::drawForeground(QPainter *painter, const QRectF &rect)
{
    if (m_scale.hasDates() && m_today.isValid()) {
        const qint64 today = m_today.toJulianDay();
        const double x = m_scale.xOfMoment({today, double(QTime::currentTime().msecsSinceStartOfDay()) / 60000.0});
        // Only while today is inside the plan: a line months away would only stretch it.
        if (today >= m_scale.originDay() && x <= m_planWidth + m_scale.dayWidth()
            && x >= rect.left() && x <= rect.right()) {
            painter->setPen(QPen(TodayColor, 1.5, Qt::DashLine));
            painter->drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()));
        }
    }
    // The Risk panel's P80 finish: dashed, across every row; the header carries its label.
    if (const double x = riskP80X(); !std::isnan(x) && x >= rect.left() - 1 && x <= rect.right() + 1) {
        painter->setPen(QPen(P80Color, 1.5, Qt::DashLine));
        painter->drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()));
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    for (const DeadlineMark &d : m_deadlines) {
        const int row = std::size_t(d.task) < m_taskRow.size() ? m_taskRow[std::size_t(d.task)] : -1;
        if (row < 0)
            continue;
        const double x = m_scale.xOfMoment(d.moment);
        const QRectF area(x - 2, row * RowHeight, 14, RowHeight);
        if (!area.intersects(rect))
            continue;
        const QColor c = d.margin < 0 ? MissedColor : DeadlineColor;
        const double top = row * RowHeight + 2;
        painter->setPen(QPen(c, 1.5));
        painter->drawLine(QPointF(x, top), QPointF(x, top + RowHeight - 4));
        const QPolygonF flag{{x, top}, {x + 10, top + 4}, {x, top + 8}};
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawPolygon(flag);
    }
}

QString TimelineScene::toolTipFor(const QString &id) const
{
    const Task *task = m_document->project().find(id);
    if (!task || !m_result)
        return QString();
    QStringList lines;
    const TaskLabels &labels = taskLabels(*m_document);
    lines << QStringLiteral("<b>%1</b>").arg(labels(id).toHtmlEscaped());
    lines << tr("Status: %1").arg(toString(task->status));
    if (const std::optional<TimelineSpan> span = spanOf(id)) {
        if (const WorkCalendar *dates = m_scale.dates()) {
            lines << tr("%1 to %2").arg(formatMoment(dates->startReading(span->start)),
                                        formatMoment(dates->finishReading(span->finish)));
        } else {
            lines << tr("%1 to %2").arg(formatHours(span->start), formatHours(span->finish));
        }
        lines << tr("Duration: %1").arg(formatHours(span->finish - span->start));
        if (m_source == TimelineSchedule::Leveled)
            lines << tr("With the team's capacity");
    } else {
        lines << tr("Not scheduled");
    }
    if (m_result->isCritical(id))
        lines << tr("On the critical path");
    if (const int wave = m_result->wave(id); showParallelGroups() && wave >= 0)
        lines << tr("Parallel group %1").arg(wave + 1);
    if (const auto times = m_result->times(id); showSlack() && times && m_result->snapshot.isLeaf(m_result->index(id)))
        lines << tr("Slack: %1").arg(formatHours(times->slack));
    if (const double share = riskCriticality(id); share >= 0)
        lines << tr("Critical in %1 % of runs").arg(qRound(share * 100));
    if (const Analysis::Blocked *b = m_result->blocked(id)) {
        lines << tr("Blocked:");
        for (const QString &w : m_result->waitLines(*b, labels))
            lines << QStringLiteral("&nbsp;&nbsp;") + w.toHtmlEscaped();
    }
    for (const DeadlineMark &d : m_deadlines) {
        if (d.id == id)
            lines << tr("Deadline %1, margin %2").arg(formatMoment(d.moment), formatHours(d.margin));
    }
    return lines.join(QStringLiteral("<br>"));
}

void TimelineScene::setRiskCriticality(const QHash<QString, double> &shares)
{
    const QHash<QString, double> before = std::exchange(m_riskCriticality, shares);
    for (const QString &id : changedRiskShares(before, m_riskCriticality)) {
        if (TimelineBarItem *bar = m_bars.value(id))
            bar->update();
    }
}

void TimelineScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    const int row = int(std::floor(event->scenePos().y() / RowHeight));
    QString text;
    if (row >= 0 && row < m_rows.count()) {
        const QString &id = m_rows.at(row).id;
        const QRectF bar = barRect(id);
        // The bar and its title's line both answer; the empty rest of the row does not.
        if (!bar.isEmpty() && event->scenePos().x() >= bar.left() - 4)
            text = toolTipFor(id);
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->screenPos(), text, event->widget());
    event->setAccepted(!text.isEmpty());
}

void TimelineScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    // A click anywhere in a row selects its task: bars can be a pixel wide when zoomed out.
    const int row = int(std::floor(event->scenePos().y() / RowHeight));
    if (event->button() == Qt::LeftButton && row >= 0 && row < m_rows.count()) {
        selectRow(row);
        event->accept();
        return;
    }
    QGraphicsScene::mousePressEvent(event);
}

} // namespace Workplan
