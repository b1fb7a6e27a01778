#pragma once

// The result and computeAnalysis() live in the model; this header still brings them to
// the views that include it.
#include "model/engine/analysisresult.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

namespace Workplan {

class Project;
class ProjectDocument;
struct DocumentChange;

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

    // changedTasks(before, *result()), worked out once for all views: on the worker along
    // with the result when `before` is the result shown until then, else here.
    std::vector<int> changedTasksSince(const AnalysisResult &before) const;

    // Projects with at least this many tasks are analysed off the UI thread.
    void setAsyncThreshold(int tasks) { m_asyncThreshold = tasks; }
    // Runs now, synchronously, and applies the result (tests, printing, export).
    void refreshNow();
    // Blocks until no run is pending (tests).
    void waitForIdle();

signals:
    void updated();

private:
    // What the next run builds its Snapshot from: the last run's, patched for the tasks
    // whose fields alone changed since it started (Snapshot::withTaskFields), when that is
    // all that changed; else (base null) the whole project.
    struct SnapshotSource
    {
        std::shared_ptr<const AnalysisResult> base;
        std::vector<int> tasks;
    };
    SnapshotSource takeChanges(const Project &project);
    static Snapshot buildSnapshot(const Project &project, const SnapshotSource &source);
    void noteStep(const DocumentChange &change);
    void noteResult(const std::shared_ptr<const AnalysisResult> &result);
    std::shared_ptr<AnalysisResult> computeNow(const Project &project);

    void schedule();
    void run();
    void apply(std::shared_ptr<AnalysisResult> result);
    void startWorker(const Project &project);

    // What a worker hands back: its result and which tasks read differently from `shown`.
    struct WorkerOutput
    {
        std::shared_ptr<AnalysisResult> result;
        std::shared_ptr<const AnalysisResult> shown;
        std::vector<int> changed;
    };

    ProjectDocument *m_document;
    std::shared_ptr<const AnalysisResult> m_result;
    std::shared_ptr<const AnalysisResult> m_changedFrom;   // m_changed: tasks changed since it
    std::vector<int> m_changed;
    QFutureWatcher<WorkerOutput> m_watcher;
    quint64 m_revision = 0;
    bool m_pending = false;       // a run() is queued
    bool m_running = false;       // a worker runs; cleared when its result is delivered
    int m_asyncThreshold = 5000;
    // Since the last run started: the tasks whose fields changed, and whether anything else
    // did (then the next Snapshot is built afresh).
    std::shared_ptr<const AnalysisResult> m_base;   // of the run started last, once finished
    QStringList m_touched;
    bool m_onlyFields = false;
    bool m_sawStep = false;   // a documentChanged() came before this changed()
};

} // namespace Workplan
