#include "riskpanel.h"

#include "analysiscontroller.h"
#include "riskcharts.h"
#include "printing/risksummary.h"

#include "model/engine/analysis.h"
#include "model/engine/riskinput.h"
#include "model/engine/riskreport.h"
#include "model/tasklabel.h"
#include "model/engine/snapshot.h"
#include "model/project.h"
#include "model/projectdocument.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTextBrowser>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cmath>
#include <limits>

namespace Workplan {

// One simulation: the copy of the plan the worker reads and everything it writes. Shared
// by the panel and the worker so that neither outlives the other's data; while the worker
// runs, the UI thread reads only the atomics.
struct RiskJob
{
    Project project;
    int runs = 0;
    quint64 seed = 0;
    quint64 generation = 0;               // the document edit count at the start
    std::atomic<int> done{0};
    std::atomic<bool> cancel{false};
    // Written by the worker; read by the UI thread once the future has finished.
    Snapshot snapshot;
    Analysis analysis;
    RiskInput input;
    RiskResult result;
    std::vector<QPointF> curve;           // the S-curve, from the makespans the worker drops
};

using RiskCharts::hoursText;
using RiskCharts::replaceChart;

namespace {

// The worker: what `workplan risk` does, on the copy (snapshot, analysis, input, engine).
void simulate(const std::shared_ptr<RiskJob> &job)
{
    job->snapshot = Snapshot::fromProject(job->project);
    job->analysis = analyze(job->snapshot);
    if (!job->analysis.hasSchedule())
        return;
    if (job->cancel.load()) {
        job->result.cancelled = true;
        return;
    }
    job->input = riskInputOf(job->project, job->snapshot);
    RiskOptions options;
    options.runs = job->runs;
    options.seed = job->seed;
    // Kept only long enough to sort them for the S-curve here, off the UI thread: a
    // million runs would be 8 MB held for nothing after.
    options.keepMakespans = true;
    RiskJob *j = job.get();               // the callback does not outlive this call
    options.progress = [j](int done) {
        j->done.store(done, std::memory_order_relaxed);
        return !j->cancel.load(std::memory_order_relaxed);
    };
    job->result = simulateRisk(job->input.problem, job->analysis.makespanHours, options);
    job->curve = RiskCharts::sCurvePoints(std::move(job->result.makespans));
    job->result.makespans = {};
}

QString cycleMessage(const Snapshot &s, const Analysis &a, const TaskLabels &labels)
{
    QStringList names;
    if (!a.cycles.empty()) {
        for (int t : a.cycles.front())
            names << labels(s.ids[std::size_t(t)]);
    }
    return RiskPanel::tr("The plan has a dependency loop (%1), so it has no schedule to simulate. "
                         "Break the loop to run the risk analysis.").arg(names.join(QStringLiteral(", ")));
}

} // namespace

RiskPanel::RiskPanel(ProjectDocument *document, AnalysisController *analysis, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_analysis(analysis)
    , m_p80Sent(std::numeric_limits<double>::quiet_NaN())
{
    setObjectName(QStringLiteral("riskPanel"));
    buildUi();
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &RiskPanel::onFinished);
    connect(m_poll, &QTimer::timeout, this, &RiskPanel::pollProgress);
    connect(m_run, &QPushButton::clicked, this, &RiskPanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &RiskPanel::cancel);
    connect(m_saveJson, &QPushButton::clicked, this, &RiskPanel::askSaveJson);
    connect(m_criticality, &QCheckBox::toggled, this, [this](bool on) {
        publishCriticality();
        emit criticalityShownChanged(on);
    });
    connect(m_document, &ProjectDocument::changed, this, &RiskPanel::markStale);
    connect(m_document, &ProjectDocument::projectReset, this, [this] {
        // Another plan: the old figures and the old settings no longer apply. A run still
        // going is let go: it owns its copy and nobody reads its outcome.
        if (m_job)
            m_job->cancel.store(true);
        m_job.reset();
        m_poll->stop();
        clearResults();
        setState(State::Idle, tr("Press Run to simulate the schedule."));
        m_loadingSettings = true;
        m_runs->setValue(kDefaultRuns);
        m_seed->setValue(kDefaultSeed);
        m_loadingSettings = false;
    });
    // Save As keeps the values and files them under the new name; Open loads the file's.
    connect(m_document, &ProjectDocument::filePathChanged, this, [this] { loadSettings(true); });
    connect(m_runs, &QSpinBox::valueChanged, this, &RiskPanel::saveSettings);
    connect(m_seed, &QSpinBox::valueChanged, this, &RiskPanel::saveSettings);
    connect(m_analysis, &AnalysisController::updated, this, &RiskPanel::onAnalysisUpdated);
    loadSettings(false);
    setState(State::Idle, tr("Press Run to simulate the schedule."));
    onAnalysisUpdated();
}

RiskPanel::~RiskPanel()
{
    // The engine checks the flag every 50 ms or so, so this wait is short.
    if (m_job && m_state == State::Running) {
        m_job->cancel.store(true);
        m_watcher.waitForFinished();
    }
}

QString RiskPanel::statusText() const
{
    return m_status->text();
}

QString RiskPanel::tableText() const
{
    return m_table->toPlainText();
}

QByteArray RiskPanel::resultJson() const
{
    if (m_state != State::Done || !m_job)
        return {};
    return riskToJson(m_job->snapshot, m_job->analysis, m_job->input, m_job->result, m_job->seed);
}

std::shared_ptr<const RiskSummary> RiskPanel::riskSummary() const
{
    if (m_state != State::Done || m_stale || !m_job)
        return nullptr;
    const RiskJob &j = *m_job;
    return RiskSummary::of(j.project, j.snapshot, j.analysis, j.result, j.seed, int(j.input.threePointWarnings.size()));
}

QString RiskPanel::saveMessage() const
{
    return m_saveMessage->text();
}

bool RiskPanel::criticalityShown() const
{
    return m_criticality->isChecked();
}

void RiskPanel::setCriticalityShown(bool on)
{
    m_criticality->setChecked(on);
}

void RiskPanel::askSaveJson()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Risk JSON"), proposedJsonPath(),
                                                      tr("JSON (*.json)"));
    if (!path.isEmpty())
        saveJson(path);
}

bool RiskPanel::saveJson(const QString &path)
{
    auto report = [this](bool ok, const QString &text) {
        m_saveMessage->setStyleSheet(ok ? QString() : QStringLiteral("color: #c62828;"));
        m_saveMessage->setText(text);
        m_saveMessage->show();
        return ok;
    };
    const QByteArray json = resultJson();
    if (json.isEmpty())
        return report(false, tr("Nothing to save to %1: no finished run is shown.").arg(QDir::toNativeSeparators(path)));
    QSaveFile file(path);
    QString why;
    if (!file.open(QIODevice::WriteOnly))
        why = file.errorString();
    else if (file.write(json) != json.size())
        why = file.errorString();
    else if (!file.commit())
        why = file.errorString();
    if (!why.isEmpty()) {
        file.cancelWriting();
        // QSaveFile says "Access denied" and the like without the name: say which file.
        return report(false, tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), why));
    }
    return report(true, tr("Saved %1").arg(QDir::toNativeSeparators(path)));
}

void RiskPanel::publishCriticality()
{
    const bool current = m_state == State::Done && !m_stale && m_job && m_criticality->isChecked();
    if (!current) {
        if (m_criticalitySent)
            emit criticalityChanged({});
        m_criticalitySent = false;
        return;
    }
    const Snapshot &s = m_job->snapshot;
    const std::vector<double> &share = m_job->result.criticality;
    QHash<QString, double> shares;
    shares.reserve(s.taskCount());
    for (int t = 0; t < s.taskCount() && std::size_t(t) < share.size(); ++t) {
        if (s.isLeaf(t))
            shares.insert(s.ids[std::size_t(t)], share[std::size_t(t)]);
    }
    m_criticalitySent = true;
    emit criticalityChanged(shares);
}

double RiskPanel::currentP80() const
{
    return m_state == State::Done && !m_stale && m_job ? m_job->result.p80
                                                      : std::numeric_limits<double>::quiet_NaN();
}

void RiskPanel::publishP80()
{
    const double p80 = currentP80();
    if (p80 == m_p80Sent || (std::isnan(p80) && std::isnan(m_p80Sent)))
        return;
    m_p80Sent = p80;
    emit p80Changed(p80);
}

void RiskPanel::run()
{
    if (m_state == State::Running || m_state == State::Cycles)
        return;
    saveSettings();
    clearResults();   // figures of an earlier run must not sit beside the progress of this one
    auto job = std::make_shared<RiskJob>();
    job->project = m_document->project();   // implicitly shared: O(1), the next edit detaches
    job->runs = m_runs->value();
    job->seed = quint64(m_seed->value());
    job->generation = m_generation;
    m_job = job;
    m_progress->setRange(0, job->runs);
    m_progress->setValue(0);
    setState(State::Running, tr("Running %L1 runs\u2026").arg(job->runs));
    m_poll->start();
    m_watcher.setFuture(QtConcurrent::run(simulate, job));
}

void RiskPanel::cancel()
{
    if (m_state != State::Running || !m_job)
        return;
    m_job->cancel.store(true);
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelling\u2026"));
}

void RiskPanel::pollProgress()
{
    if (m_state != State::Running || !m_job)
        return;
    const int done = m_job->done.load(std::memory_order_relaxed);
    m_progress->setValue(done);
    if (!m_job->cancel.load())
        m_status->setText(tr("Running %L1 runs\u2026 %L2 done").arg(m_job->runs).arg(done));
}

void RiskPanel::onFinished()
{
    m_poll->stop();
    if (!m_job)
        return;
    const RiskJob &job = *m_job;
    if (!job.analysis.hasSchedule()) {
        setState(State::Cycles, cycleMessage(job.snapshot, job.analysis, TaskLabels(job.project)));
        m_job.reset();
    } else if (job.result.cancelled || !job.result.error.empty()) {
        // Partial figures would depend on timing, so none are shown.
        const QString why = job.result.cancelled
            ? tr("Simulation cancelled after %L1 of %L2 runs; no figures are shown.").arg(job.done.load()).arg(job.runs)
            : tr("The simulation failed: %1").arg(QString::fromStdString(job.result.error));
        m_job.reset();
        setState(State::Cancelled, why);
    } else {
        m_progress->setValue(job.runs);
        m_stale = job.generation != m_generation;   // edited while it ran
        const RiskResult &r = job.result;
        QString status = tr("%L1 runs, seed %2: P50 %3, P80 %4, P90 %5; deterministic %6.")
                             .arg(r.runs).arg(job.seed).arg(hoursText(r.p50), hoursText(r.p80),
                                                            hoursText(r.p90), hoursText(job.analysis.makespanHours));
        if (r.stdev == 0)
            status += QLatin1Char(' ') + tr("No task has a range or three-point estimate, so every run finishes alike.");
        setState(State::Done, status);
        showResults();
    }
    emit finished();
}

void RiskPanel::markStale()
{
    ++m_generation;
    if (m_state == State::Done && !m_stale) {
        m_stale = true;
        showResults();
    }
}

void RiskPanel::onAnalysisUpdated()
{
    const auto result = m_analysis->result();
    if (m_state == State::Running)
        return;   // the worker's own analysis decides; the next update comes after it
    if (result && !result->analysis.hasSchedule()) {
        clearResults();
        m_job.reset();
        setState(State::Cycles, cycleMessage(result->snapshot, result->analysis, taskLabels(*m_document)));
    } else if (m_state == State::Cycles) {
        setState(State::Idle, tr("Press Run to simulate the schedule."));
    }
}

void RiskPanel::setState(State state, const QString &status)
{
    m_state = state;
    m_status->setText(status);
    const bool running = state == State::Running;
    m_run->setEnabled(!running && state != State::Cycles);
    m_cancel->setEnabled(running);
    m_runs->setEnabled(!running);
    m_seed->setEnabled(!running);
    m_progress->setVisible(running);
    m_staleRow->setVisible(state == State::Done && m_stale);
    m_saveJson->setEnabled(state == State::Done);
}

void RiskPanel::clearResults()
{
    m_stale = false;
    m_staleRow->hide();
    m_table->clear();
    replaceChart(m_histogram, new QChart);
    replaceChart(m_sCurve, new QChart);
    replaceChart(m_tornado, new QChart);
    m_tornado->hide();
    m_saveMessage->hide();
    // Called while the old job is still held (run() clears before it starts): withdraw
    // rather than publish, whatever the state says.
    if (m_criticalitySent)
        emit criticalityChanged({});
    m_criticalitySent = false;
    // The state may still say Done here (run() clears first): withdraw outright.
    if (!std::isnan(m_p80Sent)) {
        m_p80Sent = std::numeric_limits<double>::quiet_NaN();
        emit p80Changed(m_p80Sent);
    }
}

void RiskPanel::showResults()
{
    fillCharts();
    // Out-of-date figures stay readable but greyed out, next to the line that says why.
    m_table->setEnabled(!m_stale);
    for (QChartView *view : {m_histogram, m_sCurve, m_tornado}) {
        view->setEnabled(!m_stale);
        // A disabled chart view still paints in full colour; fading the charts says it instead.
        view->chart()->setOpacity(m_stale ? 0.35 : 1.0);
    }
    m_staleRow->setVisible(m_stale);
    publishCriticality();
    publishP80();
}

void RiskPanel::fillCharts()
{
    const RiskJob &job = *m_job;
    m_table->setHtml(RiskCharts::tableHtml(job.project, job.snapshot, job.analysis, job.input, job.result));
    replaceChart(m_histogram, RiskCharts::histogram(job.result, job.analysis.makespanHours));
    replaceChart(m_sCurve, RiskCharts::sCurve(job.curve, job.result, job.analysis.makespanHours, job.snapshot));
    int bars = 0;
    QChart *tornado = RiskCharts::tornado(job.project, job.snapshot, job.result, &bars);
    replaceChart(m_tornado, tornado ? tornado : new QChart);
    m_tornado->setVisible(tornado);
    if (tornado)
        m_tornado->setMinimumHeight(80 + 24 * bars);
}

} // namespace Workplan
