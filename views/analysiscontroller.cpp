#include "analysiscontroller.h"

#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/tasklabel.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <limits>

namespace Workplan {

bool AnalysisResult::isCritical(const QString &id) const
{
    const int i = index(id);
    return i >= 0 && analysis.hasSchedule() && critical[std::size_t(i)];
}

const Analysis::Blocked *AnalysisResult::blocked(const QString &id) const
{
    const int i = index(id);
    if (i < 0 || blockedAt[std::size_t(i)] < 0)
        return nullptr;
    return &analysis.blocked[std::size_t(blockedAt[std::size_t(i)])];
}

QStringList AnalysisResult::waitLines(const Analysis::Blocked &b, const TaskLabels &labels) const
{
    QStringList lines;
    for (const Analysis::Waiting &w : analysis.waitingOf(b)) {
        QString line = QCoreApplication::translate("AnalysisResult", "waiting on %1 (%2): %3")
                           .arg(labels(snapshot.ids[w.task]), toString(w.type), toString(w.reason));
        if (w.via >= 0)
            line += QCoreApplication::translate("AnalysisResult", ", via %1").arg(labels(snapshot.ids[w.via]));
        lines << line;
    }
    return lines;
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
    return analysis.generation(i);
}

std::optional<Analysis::Times> AnalysisResult::times(const QString &id) const
{
    const int i = index(id);
    if (i < 0 || !analysis.hasSchedule())
        return std::nullopt;
    return analysis.times(i);
}

double AnalysisResult::margin(const QString &id) const
{
    const int i = index(id);
    return i >= 0 && std::size_t(i) < margins.size() ? margins[std::size_t(i)]
                                                     : std::numeric_limits<double>::quiet_NaN();
}

QString AnalysisResult::deadlineText(const QString &id) const
{
    const int i = index(id);
    const double m = margin(id);
    if (i < 0 || std::isnan(m) || !dates)
        return QString();
    for (const Snapshot::Deadline &d : snapshot.deadlines) {
        if (d.task != i)
            continue;
        const QString verdict = isLate(m) ? QCoreApplication::translate("AnalysisResult", "%1 late").arg(formatHours(-m))
                                          : QCoreApplication::translate("AnalysisResult", "%1 to spare").arg(formatHours(qMax(0.0, m)));
        return QCoreApplication::translate("AnalysisResult", "due %1, finishes %2 \u2014 %3")
            .arg(dateTimeText(d.moment), dateTimeText(dates->tasks[std::size_t(i)].finish), verdict);
    }
    return QString();
}

std::shared_ptr<AnalysisResult> computeAnalysis(Snapshot snapshot, quint64 revision)
{
    auto r = std::make_shared<AnalysisResult>();
    r->snapshot = std::move(snapshot);
    r->analysis = analyze(r->snapshot);
    r->indexOf.reserve(r->snapshot.taskCount());
    for (int i = 0; i < r->snapshot.taskCount(); ++i)
        r->indexOf.insert(r->snapshot.ids[i], i);
    const std::size_t n = std::size_t(r->snapshot.taskCount());
    r->blockedAt.assign(n, -1);
    for (std::size_t b = 0; b < r->analysis.blocked.size(); ++b)
        r->blockedAt[std::size_t(r->analysis.blocked[b].task)] = int(b);
    r->critical.assign(n, false);
    for (int t : r->analysis.criticalTasks)
        r->critical[std::size_t(t)] = true;
    r->margins = deadlineMargins(r->snapshot, r->analysis);
    if (r->snapshot.dates && r->analysis.hasSchedule())
        r->dates = std::make_shared<const ScheduleDates>(ScheduleDates::of(r->snapshot, r->analysis));
    r->revision = revision;
    return r;
}

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
