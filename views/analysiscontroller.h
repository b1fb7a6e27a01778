#pragma once

// The result and computeAnalysis() live in the model; this header still brings them to
// the views that include it.
#include "model/engine/analysisresult.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace Workplan {

class Project;
class ProjectDocument;

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

} // namespace Workplan
