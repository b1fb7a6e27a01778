#pragma once

#include "timelinelayout.h"
#include "timelinescale.h"
#include "views/overlaystate.h"
#include "views/taskselection.h"

#include <QColor>
#include <QDate>
#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <memory>
#include <optional>

namespace Workplan {

struct AnalysisResult;
class AnalysisController;
class ProjectDocument;
class TimelineArrowsItem;
class TimelineBarItem;

// The Gantt chart of one document: a row per shown task (TimelineRows), a bar item per
// row, all arrows in one item, and the calendar (shading, today, deadlines) painted as
// background and foreground over the exposed rectangle only. Like the dependency canvas,
// items hold ids and read the document and the analysis result when they paint.
//
// Document edits are collected and applied once per event-loop turn; a new analysis
// result refreshes the existing items (no new items unless rows changed).
class TimelineScene : public QGraphicsScene
{
    Q_OBJECT
public:
    static constexpr double RowHeight = 24;
    static constexpr double LeftMargin = 24;
    // The risk P80 marker's colour, shared by the chart's line and the header's label.
    static const QColor P80Color;

    // `selection` may be null.
    TimelineScene(ProjectDocument *document, AnalysisController *analysis,
                  TaskSelection *selection, QObject *parent = nullptr);
    ~TimelineScene() override;

    ProjectDocument *document() const { return m_document; }
    TaskSelection *taskSelection() const { return m_selection; }
    const AnalysisResult *result() const { return m_result.get(); }
    const TimelineRows &rows() const { return m_rows; }
    const TimelineScale &scale() const { return m_scale; }

    TimelineSchedule schedule() const { return m_source; }
    void setSchedule(TimelineSchedule source);
    bool hasLeveled() const;

    void setPixelsPerHour(double px);
    // Texts cost most at coarse zoom and are unreadable there anyway.
    bool showTexts() const
    {
        return m_scale.level() != TimelineScale::Level::Month && m_scale.level() != TimelineScale::Level::Quarter;
    }
    // Where the drawn plan ends (bars, deadlines), for Fit.
    double planWidth() const { return m_planWidth; }

    bool isCollapsed(const QString &id) const { return m_collapsed.contains(id); }
    // Emits collapsedChanged() only when the state changes, so a caller that mirrors the
    // task tree's expansion cannot start a loop.
    void setCollapsed(const QString &id, bool collapsed);
    void toggleCollapsed(const QString &id) { setCollapsed(id, !isCollapsed(id)); }

    TimelineBarItem *barFor(const QString &id) const { return m_bars.value(id); }
    // The drawn bar of `id` in scene coordinates; empty when it is hidden or unscheduled.
    QRectF barRect(const QString &id) const;
    std::optional<TimelineSpan> spanOf(const QString &id) const;
    // By snapshot index of the current result; null when unscheduled or out of range.
    const TimelineSpan *spanAt(int index) const
    {
        return index >= 0 && std::size_t(index) < m_spans.size() && m_spans[std::size_t(index)].valid
            ? &m_spans[std::size_t(index)] : nullptr;
    }
    bool isHighlighted(const QString &id) const;
    const TimelineArrowsItem *arrowsItem() const { return m_arrows; }
    QString toolTipFor(const QString &id) const;

    // The share of risk runs (0..1) in which the task was critical, from the Risk panel's
    // current result while its switch is on; -1 when there is none. Bars read it as they
    // paint, as the canvas's cards do.
    double riskCriticality(const QString &id) const { return m_riskCriticality.value(id, -1); }

    // The window's overlay switches: the OverlayState the canvas and the tree share
    // (MainWindow). Items read them as they paint, so a switch costs a repaint and no
    // geometry. A scene given none makes its own on the first setShow*() call.
    void setOverlayState(OverlayState *state);
    OverlayState *overlayState();
    OverlayFlags overlayFlags() const { return m_overlayState ? m_overlayState->flags() : OverlayFlags(); }
    bool showCritical() const { return overlayFlags().critical; }
    bool showBlocked() const { return overlayFlags().blocked; }
    bool showParallelGroups() const { return overlayFlags().parallelGroups; }
    bool showSlack() const { return overlayFlags().slack; }

    // The Risk panel's P80 finish in working hours from the start, NaN while there is no
    // current result; riskP80X() is where its dashed line is drawn (NaN: not drawn).
    double riskP80() const { return m_riskP80; }
    double riskP80X() const;
    // "P80 2025-07-03 14:00" (or "P80 52 h" without dates); empty without a marker.
    QString riskP80Label() const;

    // Selects the task `delta` rows away from the current one (Up/Down).
    void selectNeighbour(int delta);
    void selectRow(int row);

    // For tests and screenshots: the day the "today" line marks.
    void setToday(const QDate &today);

public slots:
    // Task id -> share of runs critical (RiskPanel::criticalityChanged); an empty hash
    // takes the tint away. Only the bars whose tint or tooltip would change repaint.
    void setRiskCriticality(const QHash<QString, double> &shares);
    // Set the flag in the scene's OverlayState (so in every view sharing it).
    void setShowCritical(bool on);
    void setShowBlocked(bool on);
    void setShowParallelGroups(bool on);
    void setShowSlack(bool on);
    // RiskPanel::p80Changed: hours, or NaN to take the marker away.
    void setRiskP80(double hours);

public:

    // Applies pending document changes now (normally on the next event-loop turn).
    void flush();

signals:
    void rowsChanged();
    void collapsedChanged(const QString &id, bool collapsed);
    void riskMarkerChanged();
    void scaleChanged();
    void scheduleChanged();
    void resultApplied();
    void ensureVisibleRequested(const QRectF &sceneRect);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void helpEvent(QGraphicsSceneHelpEvent *event) override;

private:
    void scheduleFlush();
    void applyResult();
    void rebuildRows();
    // m_barByRow after the rows changed: the kept bars in their new rows, new ones added.
    void syncBars();
    // Row <-> snapshot index for the current rows and result (one id lookup per row, once
    // per rows or result change, so a zoom never hashes an id).
    void reindex();
    // Positions and shapes of every bar (or, with `tasks`, of those snapshot indices'
    // bars only), the arrows and the scene rect.
    void refreshGeometry(const std::vector<int> *tasks = nullptr);
    // The arrows as row pairs: after rows, result or schedule changed, not on a zoom.
    void rebuildLinks();
    void updateSceneRect();
    void onSelectionChanged();
    void updateRow(int row);
    struct DeadlineMark { QString id; int task; Moment moment; double margin; };
    void rebuildDeadlines();

    ProjectDocument *m_document;
    QPointer<AnalysisController> m_analysis;
    QPointer<TaskSelection> m_selection;
    std::shared_ptr<const AnalysisResult> m_result;
    std::vector<TimelineSpan> m_spans;   // per snapshot index, for m_source
    TimelineSchedule m_source = TimelineSchedule::Planned;
    TimelineScale m_scale;
    TimelineRows m_rows;
    QSet<QString> m_collapsed;
    QHash<QString, TimelineBarItem *> m_bars;
    std::vector<TimelineBarItem *> m_barByRow;   // per row, the same items as m_bars
    std::vector<int> m_rowTask;                  // row -> snapshot index (-1: not analysed yet)
    std::vector<int> m_taskRow;                  // snapshot index -> row shown for it (-1: none)
    std::vector<QRectF> m_barRects;              // per row, the bar in scene coordinates (empty: none)
    bool m_linksDirty = true;
    TimelineSchedule m_sourceShown = TimelineSchedule::Planned;   // m_source at the last applyResult
    TimelineArrowsItem *m_arrows = nullptr;
    std::vector<DeadlineMark> m_deadlines;
    QStringList m_highlighted;
    QHash<QString, double> m_riskCriticality;
    QDate m_today = QDate::currentDate();
    double m_planWidth = 0;
    double m_riskP80;
    QPointer<OverlayState> m_overlayState;   // shared, not owned (unless made by overlayState())
    bool m_rowsDirty = false;
    bool m_flushQueued = false;
};

} // namespace Workplan
