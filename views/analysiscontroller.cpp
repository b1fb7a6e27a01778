#include "analysiscontroller.h"

#include "model/projectdocument.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace Workplan {

AnalysisController::AnalysisController(ProjectDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(document, &ProjectDocument::changed, this, &AnalysisController::schedule);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<AnalysisResult>>::finished, this, [this] {
        m_running = false;
        apply(m_watcher.result());
    });
    refreshNow();
}

AnalysisController::~AnalysisController()
{
    m_watcher.waitForFinished();
}

void AnalysisController::schedule()
{
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
        apply(computeAnalysis(Snapshot::fromProject(project), m_revision));
    else
        startWorker(project);
}

void AnalysisController::startWorker(const Project &project)
{
    m_running = true;
    // The worker never sees the document, only its own copy of the data.
    m_watcher.setFuture(QtConcurrent::run([project, revision = m_revision] {
        return computeAnalysis(Snapshot::fromProject(project), revision);
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
    m_result = std::move(result);
    emit updated();
}

void AnalysisController::refreshNow()
{
    // A running worker's result is for an older revision; apply() drops it when it lands.
    m_watcher.waitForFinished();
    ++m_revision;
    m_pending = false;
    apply(computeAnalysis(Snapshot::fromProject(m_document->project()), m_revision));
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
