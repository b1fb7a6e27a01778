#include "analysiscontroller.h"

#include "model/documentchange.h"
#include "model/projectdocument.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace Workplan {

AnalysisController::AnalysisController(ProjectDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    // Steps are told (documentChanged) before their changed(); a reset only by changed().
    connect(document, &ProjectDocument::documentChanged, this, &AnalysisController::noteStep);
    connect(document, &ProjectDocument::projectReset, this, [this] { m_onlyFields = false; });
    connect(document, &ProjectDocument::changed, this, &AnalysisController::schedule);
    connect(&m_watcher, &QFutureWatcher<WorkerOutput>::finished, this, [this] {
        m_running = false;
        const WorkerOutput out = m_watcher.result();
        noteResult(out.result);
        if (out.result && out.result->revision == m_revision && out.shown == m_result) {
            m_changedFrom = out.shown;
            m_changed = out.changed;
        }
        apply(out.result);
    });
    refreshNow();
}

AnalysisController::~AnalysisController()
{
    m_watcher.waitForFinished();
}

void AnalysisController::noteStep(const DocumentChange &change)
{
    if (!change.touchesAnalysis())
        return;   // card places only: no changed() follows
    m_sawStep = true;
    if (change.kinds & ~(DocumentChange::Kinds(DocumentChange::Fields) | DocumentChange::Positions))
        m_onlyFields = false;
    else if (change.kinds & DocumentChange::Fields)
        m_touched += change.taskIds;
}

void AnalysisController::noteResult(const std::shared_ptr<const AnalysisResult> &result)
{
    // Revisions only grow: a worker's result delivered after refreshNow() ran is older.
    if (result && (!m_base || result->revision > m_base->revision))
        m_base = result;
}

AnalysisController::SnapshotSource AnalysisController::takeChanges(const Project &project)
{
    SnapshotSource source;
    // Many tasks touched: reading them all again is as cheap as patching.
    if (m_onlyFields && m_base && m_touched.size() < std::max(64, project.taskCount() / 8)) {
        source.base = m_base;
        source.tasks.reserve(std::size_t(m_touched.size()));
        for (const QString &id : std::as_const(m_touched)) {
            const int i = project.indexOf(id);
            if (i < 0) {
                source.base = nullptr;
                break;
            }
            source.tasks.push_back(i);
        }
    }
    m_touched.clear();
    m_onlyFields = true;
    return source;
}

Snapshot AnalysisController::buildSnapshot(const Project &project, const SnapshotSource &source)
{
    if (source.base) {
        if (auto patched = Snapshot::withTaskFields(source.base->snapshot, project, source.tasks))
            return std::move(*patched);
    }
    return Snapshot::fromProject(project);
}

std::shared_ptr<AnalysisResult> AnalysisController::computeNow(const Project &project)
{
    auto result = computeAnalysis(buildSnapshot(project, takeChanges(project)), m_revision, m_result.get());
    noteResult(result);
    return result;
}

void AnalysisController::schedule()
{
    // A changed() without a step told before it (a reset, or anything else): all is new.
    if (!m_sawStep)
        m_onlyFields = false;
    m_sawStep = false;
    ++m_revision;
    if (m_pending)
        return;
    m_pending = true;
    QTimer::singleShot(0, this, &AnalysisController::run);
}

void AnalysisController::run()
{
    if (!m_pending)
        return;   // refreshNow() already brought the result up to date
    m_pending = false;
    if (m_running) {
        // Its result will be stale when it lands, and apply() then starts the one re-run
        // that covers every edit made meanwhile.
        return;
    }
    const Project &project = m_document->project();
    if (project.taskCount() < m_asyncThreshold)
        apply(computeNow(project));
    else
        startWorker(project);
}

void AnalysisController::startWorker(const Project &project)
{
    m_running = true;
    // The worker never sees the document, only its own copy of the data.
    m_watcher.setFuture(QtConcurrent::run([project, revision = m_revision, source = takeChanges(project),
                                           shown = m_result] {
        WorkerOutput out;
        out.result = computeAnalysis(buildSnapshot(project, source), revision, shown.get());
        out.shown = shown;
        if (shown && out.result)
            out.changed = changedTasks(*shown, *out.result);
        return out;
    }));
}

void AnalysisController::apply(std::shared_ptr<AnalysisResult> result)
{
    if (!result)
        return;
    if (result->revision != m_revision) {
        // Stale: an edit came in while it ran. Unless refreshNow() has caught up since,
        // start over on the current project (once, however many edits there were).
        if (m_result && m_result->revision == m_revision)
            return;
        if (!m_pending) {
            m_pending = true;
            QTimer::singleShot(0, this, &AnalysisController::run);
        }
        return;
    }
    if (m_changedFrom != m_result)
        m_changedFrom = nullptr;   // worked out against another result: of no use now
    m_result = std::move(result);
    emit updated();
    m_changedFrom = nullptr;
    m_changed.clear();
}

void AnalysisController::refreshNow()
{
    // A running worker's result is for an older revision; apply() drops it when it lands.
    m_watcher.waitForFinished();
    if (m_running && m_watcher.isFinished())
        noteResult(m_watcher.result().result);   // the base the changes since are counted from
    ++m_revision;
    m_pending = false;
    apply(computeNow(m_document->project()));
}

std::vector<int> AnalysisController::changedTasksSince(const AnalysisResult &before) const
{
    if (!m_result)
        return {};
    if (m_changedFrom && m_changedFrom.get() == &before)
        return m_changed;
    return changedTasks(before, *m_result);
}

void AnalysisController::waitForIdle()
{
    // m_running stays set until the watcher's finished() is delivered, which can come a
    // moment after the future itself reports finished; spin the loop until it is.
    QDeadlineTimer deadline(60000);
    while ((m_pending || m_running) && !deadline.hasExpired()) {
        m_watcher.waitForFinished();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        if (m_running && m_watcher.isFinished())
            QThread::msleep(1);
    }
}

} // namespace Workplan
