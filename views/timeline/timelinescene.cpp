#include "timelinescene.h"

#include "views/graph/collapselevels.h"

#include "timelineitems.h"

#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/taskselection.h"

#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Workplan {

TimelineScene::TimelineScene(ProjectDocument *document, AnalysisController *analysis,
                             TaskSelection *selection, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_analysis(analysis)
    , m_selection(selection)
    , m_riskP80(std::numeric_limits<double>::quiet_NaN())
{
    // Rows are a plain grid and bars change x with every zoom step: a BSP index would be
    // rebuilt for 10k items on each, while a scan of their bounding rects per paint is cheap.
    setItemIndexMethod(NoIndex);
    m_arrows = new TimelineArrowsItem;
    addItem(m_arrows);
    m_scale.setPixelsPerHour(TimelineScale::pixelsPerHour(TimelineScale::Level::Day));

    auto structural = [this] {
        m_rowsDirty = true;
        scheduleFlush();
    };
    connect(document, &ProjectDocument::projectReset, this, [this, structural] {
        // A large plan opens folded, as the tree and the canvas show it (a bar per row).
        m_collapsed = CollapseLevels::openingFold(m_document->project());
        structural();
    });
    connect(document, &ProjectDocument::taskInserted, this, structural);
    connect(document, &ProjectDocument::taskRemoved, this, structural);
    connect(document, &ProjectDocument::taskMoved, this, structural);
    connect(document, &ProjectDocument::tasksChanged, this,
            [this](const QStringList &ids, ProjectDocument::ChangeFlags flags) {
                // A title repaints at once; times and marks follow with the next analysis.
                if (!(flags & ProjectDocument::TitleChanged))
                    return;
                for (const QString &id : ids) {
                    if (m_bars.contains(id))
                        m_bars.value(id)->update();
                }
            });
    if (analysis)
        connect(analysis, &AnalysisController::updated, this, &TimelineScene::applyResult);
    if (selection)
        connect(selection, &TaskSelection::selectionChanged, this, &TimelineScene::onSelectionChanged);

    m_rowsDirty = true;   // applyResult() builds the rows and their bars
    applyResult();
}

TimelineScene::~TimelineScene() = default;

void TimelineScene::scheduleFlush()
{
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    QTimer::singleShot(0, this, &TimelineScene::flush);
}

void TimelineScene::flush()
{
    m_flushQueued = false;
    if (!m_rowsDirty)
        return;
    m_rowsDirty = false;
    rebuildRows();
}

void TimelineScene::rebuildRows()
{
    m_rows.rebuild(*m_document, m_collapsed);
    // Bars of rows that went away (deleted or collapsed) go; the others are kept.
    for (auto it = m_bars.begin(); it != m_bars.end();) {
        if (m_rows.rowOf(it.key()) < 0) {
            delete it.value();
            it = m_bars.erase(it);
        } else {
            ++it;
        }
    }
    syncBars();
    reindex();
    m_linksDirty = true;
    refreshGeometry();
    emit rowsChanged();
}

void TimelineScene::syncBars()
{
    m_barByRow.assign(std::size_t(m_rows.count()), nullptr);
    for (int r = 0; r < m_rows.count(); ++r) {
        const QString &id = m_rows.at(r).id;
        TimelineBarItem *&bar = m_bars[id];
        if (!bar) {
            bar = new TimelineBarItem(id);
            addItem(bar);
        }
        m_barByRow[std::size_t(r)] = bar;
    }
}

void TimelineScene::reindex()
{
    const int n = m_result ? m_result->snapshot.taskCount() : 0;
    m_rowTask.assign(std::size_t(m_rows.count()), -1);
    m_taskRow.assign(std::size_t(n), -1);
    if (!m_result)
        return;
    for (int r = 0; r < m_rows.count(); ++r) {
        const int t = m_result->index(m_rows.at(r).id);
        m_rowTask[std::size_t(r)] = t;
        if (t >= 0)
            m_taskRow[std::size_t(t)] = r;
    }
    // A task hidden in a collapsed summary stands in by its nearest shown ancestor's row.
    // childrenFirst backwards lists parents first, so the parent's answer is ready.
    const Snapshot &s = m_result->snapshot;
    for (auto it = s.childrenFirst.rbegin(); it != s.childrenFirst.rend(); ++it) {
        const std::size_t t = std::size_t(*it);
        const int p = s.parent[t];
        if (m_taskRow[t] < 0 && p >= 0)
            m_taskRow[t] = m_taskRow[std::size_t(p)];
    }
}

void TimelineScene::applyResult()
{
    const auto before = m_result;
    if (m_analysis)
        m_result = m_analysis->result();
    if (m_source == TimelineSchedule::Leveled && !hasLeveled())
        m_source = TimelineSchedule::Planned;   // the team went away; say so below
    if (m_result) {
        const Snapshot &s = m_result->snapshot;
        m_scale.setCalendar(s.dates, s.calendar.hoursPerDay, s.calendar.daysPerWeek);
        m_spans = scheduleSpans(*m_result, m_source);
    } else {
        m_spans.clear();
    }
    if (m_rowsDirty) {
        m_rowsDirty = false;
        rebuildRows();
    } else {
        // The same rows and tasks: the row <-> task index maps hold (100k id lookups saved
        // on every edit of a large plan).
        const bool sameIndex = before && m_result && m_result->snapshot.sameTasks(before->snapshot)
            && m_rowTask.size() == std::size_t(m_rows.count())
            && m_taskRow.size() == std::size_t(m_result->snapshot.taskCount());
        if (!sameIndex)
            reindex();
        // An edit of a large plan moves a few bars: refresh those (the analysis said which),
        // on the same scale, in the same schedule. The arrows only when something moved.
        const bool sameScale = sameIndex && before->snapshot.calendar == m_result->snapshot.calendar
            && before->snapshot.dates == m_result->snapshot.dates   // the same calendar object
            && m_source == m_sourceShown;
        const std::vector<int> changed = sameScale && m_analysis ? m_analysis->changedTasksSince(*before) : std::vector<int>();
        const bool partial = sameScale && changed.size() < m_rowTask.size() / 4;
        m_linksDirty = m_linksDirty || !partial || !changed.empty();
        refreshGeometry(partial ? &changed : nullptr);
    }
    m_sourceShown = m_source;
    emit resultApplied();
    emit scaleChanged();
}

void TimelineScene::refreshGeometry(const std::vector<int> *tasks)
{
    // By row and snapshot index only: at 100k rows this runs on every zoom step.
    auto refreshRow = [this](std::size_t r) {
        TimelineBarItem *bar = m_barByRow[r];
        bar->refresh(this, int(r), m_rowTask[r]);
        m_barRects[r] = bar->barShape() == TimelineBarItem::Shape::None ? QRectF() : bar->barSceneRect();
    };
    if (tasks && m_barRects.size() == m_barByRow.size()) {
        for (int t : *tasks) {
            const int r = t >= 0 && std::size_t(t) < m_taskRow.size() ? m_taskRow[std::size_t(t)] : -1;
            if (r >= 0 && std::size_t(r) < m_barByRow.size())
                refreshRow(std::size_t(r));
        }
    } else {
        m_barRects.assign(m_barByRow.size(), QRectF());
        for (std::size_t r = 0; r < m_barByRow.size(); ++r)
            refreshRow(r);
    }
    double left = 0;
    double right = 0;
    for (const QRectF &rect : m_barRects) {
        if (rect.isNull())
            continue;
        left = std::min(left, rect.left());
        right = std::max(right, rect.right());
    }
    rebuildDeadlines();
    if (m_linksDirty)
        rebuildLinks();
    m_arrows->setGeometry(&m_barRects, QRectF(left - 12, 0, right - left + 24, m_rows.count() * RowHeight));
    updateSceneRect();
    update();
}

void TimelineScene::updateSceneRect()
{
    double end = 0;
    for (const QRectF &bar : m_barRects) {
        if (!bar.isEmpty())
            end = std::max(end, bar.right());
    }
    for (const DeadlineMark &d : m_deadlines)
        end = std::max(end, m_scale.xOfMoment(d.moment));
    if (const double p80 = riskP80X(); !std::isnan(p80))
        end = std::max(end, p80);
    m_planWidth = end;
    // Room after the plan for the last titles and a few empty days.
    const double width = end + m_scale.dayWidth() + 200;
    setSceneRect(-LeftMargin, 0, width + LeftMargin, std::max(1, m_rows.count()) * RowHeight);
}

bool TimelineScene::hasLeveled() const
{
    return hasLeveledSchedule(m_result.get());
}

void TimelineScene::setSchedule(TimelineSchedule source)
{
    if (source == TimelineSchedule::Leveled && !hasLeveled())
        source = TimelineSchedule::Planned;
    if (source == m_source)
        return;
    m_source = source;
    if (m_result)
        m_spans = scheduleSpans(*m_result, m_source);
    m_linksDirty = true;   // which chains are tight depends on the schedule
    refreshGeometry();
    emit scheduleChanged();
}

void TimelineScene::setPixelsPerHour(double px)
{
    const double before = m_scale.pixelsPerHour();
    m_scale.setPixelsPerHour(px);
    if (m_scale.pixelsPerHour() == before)
        return;
    refreshGeometry();
    emit scaleChanged();
}

void TimelineScene::setCollapsed(const QString &id, bool collapsed)
{
    if (collapsed == m_collapsed.contains(id) || !m_document->isSummary(id))
        return;
    if (collapsed)
        m_collapsed.insert(id);
    else
        m_collapsed.remove(id);
    flush();
    rebuildRows();
    emit collapsedChanged(id, collapsed);
}

void TimelineScene::setOverlayState(OverlayState *state)
{
    if (state == m_overlayState)
        return;
    OverlayState::attach(this, m_overlayState, state, [this] { update(); });
    update();
}

OverlayState *TimelineScene::overlayState()
{
    if (!m_overlayState)
        setOverlayState(new OverlayState(this));
    return m_overlayState;
}

void TimelineScene::setShowCritical(bool on) { overlayState()->setCritical(on); }
void TimelineScene::setShowBlocked(bool on) { overlayState()->setBlocked(on); }
void TimelineScene::setShowParallelGroups(bool on) { overlayState()->setParallelGroups(on); }
void TimelineScene::setShowSlack(bool on) { overlayState()->setSlack(on); }

std::optional<TimelineSpan> TimelineScene::spanOf(const QString &id) const
{
    if (!m_result)
        return std::nullopt;
    const int i = m_result->index(id);
    if (i < 0 || std::size_t(i) >= m_spans.size() || !m_spans[std::size_t(i)].valid)
        return std::nullopt;
    return m_spans[std::size_t(i)];
}

QRectF TimelineScene::barRect(const QString &id) const
{
    const TimelineBarItem *bar = m_bars.value(id);
    if (!bar || bar->barShape() == TimelineBarItem::Shape::None)
        return QRectF();
    return bar->barSceneRect();
}

bool TimelineScene::isHighlighted(const QString &id) const
{
    return m_selection && m_selection->isSelected(id);
}

void TimelineScene::setToday(const QDate &today)
{
    m_today = today;
    update();
}

void TimelineScene::updateRow(int row)
{
    if (row >= 0)
        update(QRectF(sceneRect().left(), row * RowHeight, sceneRect().width(), RowHeight));
}

void TimelineScene::onSelectionChanged()
{
    for (const QString &id : std::as_const(m_highlighted))
        updateRow(m_rows.rowOf(id));
    m_highlighted = m_selection ? m_selection->selectedIds() : QStringList();
    for (const QString &id : std::as_const(m_highlighted))
        updateRow(m_rows.rowOf(id));
    emit rowsChanged();   // the name column marks the selection too
    const QString current = m_selection ? m_selection->currentId() : QString();
    const int row = m_rows.shownRowOf(current);
    if (row < 0)
        return;
    // The bar's start, not all of it: a long bar wider than the window would otherwise
    // be scrolled to its end.
    QRectF target = barRect(m_rows.at(row).id);
    target.setWidth(std::min(target.width(), 120.0));
    if (target.isEmpty())
        target = QRectF(sceneRect().left(), row * RowHeight, 1, RowHeight);
    emit ensureVisibleRequested(target);
}

void TimelineScene::selectRow(int row)
{
    if (m_selection && row >= 0 && row < m_rows.count())
        m_selection->select(m_rows.at(row).id);
}

void TimelineScene::selectNeighbour(int delta)
{
    if (m_rows.count() == 0)
        return;
    const QString current = m_selection ? m_selection->currentId() : QString();
    const int row = m_rows.shownRowOf(current);
    selectRow(row < 0 ? (delta > 0 ? 0 : m_rows.count() - 1)
                      : std::clamp(row + delta, 0, m_rows.count() - 1));
}

} // namespace Workplan
