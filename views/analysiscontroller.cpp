#include "analysiscontroller.h"

#include "model/projectdocument.h"

#include <QCoreApplication>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace Workplan {

bool AnalysisResult::isCritical(const QString &id) const
{
    const int i = index(id);
    if (i < 0 || !analysis.hasSchedule())
        return false;
    return std::find(analysis.criticalTasks.begin(), analysis.criticalTasks.end(), i)
        != analysis.criticalTasks.end();
}

const Analysis::Blocked *AnalysisResult::blocked(const QString &id) const
{
    const int i = index(id);
    for (const Analysis::Blocked &b : analysis.blocked) {
        if (b.task == i)
            return &b;
    }
    return nullptr;
}

bool AnalysisResult::isBlocked(const QString &id) const
{
    return blocked(id) != nullptr;
}

int AnalysisResult::wave(const QString &id) const
{
    const int i = index(id);
    if (i < 0 || !analysis.hasSchedule())
        return -1;
    return analysis.generation[i];
}

const Analysis::Times *AnalysisResult::times(const QString &id) const
{
    const int i = index(id);
    if (i < 0 || !analysis.hasSchedule())
        return nullptr;
    return &analysis.times[i];
}

std::shared_ptr<AnalysisResult> computeAnalysis(Snapshot snapshot, quint64 revision)
{
    auto r = std::make_shared<AnalysisResult>();
    r->snapshot = std::move(snapshot);
    r->analysis = analyze(r->snapshot);
    r->indexOf.reserve(r->snapshot.taskCount());
    for (int i = 0; i < r->snapshot.taskCount(); ++i)
        r->indexOf.insert(r->snapshot.ids[i], i);
    r->revision = revision;
    return r;
}

AnalysisController::AnalysisController(ProjectDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(document, &ProjectDocument::changed, this, &AnalysisController::schedule);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<AnalysisResult>>::finished, this, [this] {
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
    m_pending = false;
    // The snapshot is taken here, on the UI thread; the worker never sees the document.
    Snapshot snapshot = Snapshot::fromProject(m_document->project());
    if (snapshot.taskCount() < m_asyncThreshold) {
        apply(computeAnalysis(std::move(snapshot), m_revision));
        return;
    }
    if (m_watcher.isRunning()) {
        // A newer edit will re-run when this one lands (its result is stale).
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(computeAnalysis, std::move(snapshot), m_revision));
}

void AnalysisController::apply(std::shared_ptr<AnalysisResult> result)
{
    if (!result)
        return;
    if (result->revision != m_revision) {
        // Stale: an edit came in while it ran. Start over on the current project.
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
    m_watcher.waitForFinished();
    ++m_revision;
    m_pending = false;
    apply(computeAnalysis(Snapshot::fromProject(m_document->project()), m_revision));
}

void AnalysisController::waitForIdle()
{
    for (int guard = 0; guard < 1000 && (m_pending || m_watcher.isRunning()); ++guard) {
        m_watcher.waitForFinished();
        QCoreApplication::processEvents();
    }
}

} // namespace Workplan
