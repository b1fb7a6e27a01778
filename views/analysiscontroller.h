#pragma once

#include "model/engine/analysis.h"
#include "model/engine/scheduledates.h"
#include "model/engine/snapshot.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>

#include <memory>
#include <optional>

namespace Workplan {

class Project;
class ProjectDocument;
class TaskLabels;

// One finished analysis, immutable and shared between the views.
struct AnalysisResult
{
    Snapshot snapshot;
    Analysis analysis;
    QHash<QString, int> indexOf;          // task id -> snapshot index
    // Per snapshot index, built with the result so per-task look-ups stay O(1) when a
    // view asks for each of 10k tasks.
    std::vector<int> blockedAt;           // index into analysis.blocked, -1: not blocked
    std::vector<bool> critical;
    // §6, per snapshot index: the deadline margin in hours (NaN: none), and the schedule
    // read as dates (null without a project start or a schedule). Made once here so the
    // tree, the canvas and the inspector do not each fold the schedule again.
    std::vector<double> margins;
    std::shared_ptr<const ScheduleDates> dates;
    quint64 revision = 0;

    int index(const QString &id) const { return indexOf.value(id, -1); }
    bool isCritical(const QString &id) const;
    bool isBlocked(const QString &id) const;
    const Analysis::Blocked *blocked(const QString &id) const;
    // What a blocked task waits for, a line each, tasks named by `labels` (taskLabels() of
    // the document): "waiting on Design API (completion): not completed[, via Backend]".
    QStringList waitLines(const Analysis::Blocked &b, const TaskLabels &labels) const;
    // The wave (parallel group) of a leaf, -1 for summaries or when there is no schedule.
    int wave(const QString &id) const;
    std::optional<Analysis::Times> times(const QString &id) const;
    // Below 0: late. NaN for a task without a readable deadline (or an unknown id).
    double margin(const QString &id) const;
    // "due 2025-06-30 12:00, finishes 2025-07-01 17:00 — 11 h late" (or "… to spare");
    // empty without a readable deadline. For tooltips: it looks the deadline up.
    QString deadlineText(const QString &id) const;
};

// Re-runs the engine after every document change (coalesced to one run per event-loop
// turn). Small projects run on the UI thread; large ones on a worker with QtConcurrent,
// which gets a copy of the Project (implicitly shared: O(1) here, the UI thread's next edit
// detaches) and builds the Snapshot there too, so the UI thread does no O(n) work per edit.
// A result is applied only if no edit came after it; edits during a run cause one re-run.
class AnalysisController : public QObject
{
    Q_OBJECT
public:
    explicit AnalysisController(ProjectDocument *document, QObject *parent = nullptr);
    ~AnalysisController() override;

    std::shared_ptr<const AnalysisResult> result() const { return m_result; }

    // Projects with at least this many tasks are analysed off the UI thread.
    void setAsyncThreshold(int tasks) { m_asyncThreshold = tasks; }
    // Runs now, synchronously, and applies the result (tests, printing, export).
    void refreshNow();
    // Blocks until no run is pending (tests).
    void waitForIdle();

signals:
    void updated();

private:
    void schedule();
    void run();
    void apply(std::shared_ptr<AnalysisResult> result);
    void startWorker(const Project &project);


    ProjectDocument *m_document;
    std::shared_ptr<const AnalysisResult> m_result;
    QFutureWatcher<std::shared_ptr<AnalysisResult>> m_watcher;
    quint64 m_revision = 0;
    bool m_pending = false;       // a run() is queued
    bool m_running = false;       // a worker runs; cleared when its result is delivered
    int m_asyncThreshold = 5000;
};

std::shared_ptr<AnalysisResult> computeAnalysis(Snapshot snapshot, quint64 revision);

} // namespace Workplan
