#include "riskpanel.h"

#include "analysiscontroller.h"

#include "model/calendar/workcalendar.h"
#include "model/engine/analysis.h"
#include "model/engine/riskinput.h"
#include "model/engine/riskreport.h"
#include "model/engine/snapshot.h"
#include "model/project.h"
#include "model/projectdocument.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
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
};

namespace {

constexpr int kDefaultRuns = 10000;
constexpr int kDefaultSeed = 1;
constexpr int kTop = 10;

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
    RiskJob *j = job.get();               // the callback does not outlive this call
    options.progress = [j](int done) {
        j->done.store(done, std::memory_order_relaxed);
        return !j->cancel.load(std::memory_order_relaxed);
    };
    job->result = simulateRisk(job->input.problem, job->analysis.makespanHours, options);
}

QString hoursText(double h)
{
    return QString::number(h, 'f', 1) + QStringLiteral(" h");
}

QString dateText(const Snapshot &s, double h)
{
    return s.dates ? formatMoment(s.dates->finishReading(h)).replace(QLatin1Char('T'), QLatin1Char(' ')) : QString();
}

QString percentText(double share)
{
    return QString::number(share * 100, 'f', 1) + QStringLiteral(" %");
}

// Leaves sorted by value descending (ties: file order), zeros left out, at most `count`:
// the order `workplan risk` lists them in.
std::vector<int> topLeaves(const Snapshot &s, const std::vector<double> &value, bool absolute)
{
    std::vector<int> leaves;
    for (int t = 0; t < s.taskCount(); ++t) {
        if (s.isLeaf(t) && value[std::size_t(t)] != 0)
            leaves.push_back(t);
    }
    auto key = [&](int t) { return absolute ? std::fabs(value[std::size_t(t)]) : value[std::size_t(t)]; };
    std::stable_sort(leaves.begin(), leaves.end(), [&](int a, int b) { return key(a) > key(b); });
    if (int(leaves.size()) > kTop)
        leaves.resize(std::size_t(kTop));
    return leaves;
}

QString cycleMessage(const Snapshot &s, const Analysis &a)
{
    QStringList ids;
    if (!a.cycles.empty()) {
        for (int t : a.cycles.front())
            ids << s.ids[std::size_t(t)];
    }
    return RiskPanel::tr("The plan has a dependency loop (%1), so it has no schedule to simulate. "
                         "Break the loop to run the risk analysis.").arg(ids.join(QStringLiteral(", ")));
}

// Replaces a view's chart; QChartView hands the old one back to the caller. A dock is
// narrow, so the chart gives its frame's margins to the plot.
void replaceChart(QChartView *view, QChart *chart)
{
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

} // namespace

RiskPanel::RiskPanel(ProjectDocument *document, AnalysisController *analysis, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_analysis(analysis)
{
    setObjectName(QStringLiteral("riskPanel"));
    buildUi();
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &RiskPanel::onFinished);
    connect(m_poll, &QTimer::timeout, this, &RiskPanel::pollProgress);
    connect(m_run, &QPushButton::clicked, this, &RiskPanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &RiskPanel::cancel);
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

QDockWidget *RiskPanel::addDock(QMainWindow *window, ProjectDocument *document, AnalysisController *analysis)
{
    auto *dock = new QDockWidget(tr("Risk"), window);
    dock->setObjectName(QStringLiteral("riskDock"));
    dock->setWidget(new RiskPanel(document, analysis, dock));
    dock->toggleViewAction()->setObjectName(QStringLiteral("riskPanelAction"));
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    return dock;
}

void RiskPanel::buildUi()
{
    m_runs = new QSpinBox(this);
    m_runs->setObjectName(QStringLiteral("riskRuns"));
    m_runs->setRange(1, 5000000);
    m_runs->setSingleStep(1000);
    m_runs->setGroupSeparatorShown(true);
    m_runs->setValue(kDefaultRuns);
    m_seed = new QSpinBox(this);
    m_seed->setObjectName(QStringLiteral("riskSeed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(kDefaultSeed);
    m_seed->setToolTip(tr("The same plan, runs and seed give the same figures every time."));
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("riskRun"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("riskCancel"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("riskProgress"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("riskStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_staleRow = new QWidget(this);
    m_staleRow->setObjectName(QStringLiteral("riskStaleRow"));
    auto *staleLabel = new QLabel(tr("Results are out of date \u2014 the plan changed after this run."), m_staleRow);
    staleLabel->setObjectName(QStringLiteral("riskStaleLabel"));
    staleLabel->setWordWrap(true);
    staleLabel->setStyleSheet(QStringLiteral("color: #b35c00; font-weight: bold;"));
    auto *rerun = new QPushButton(tr("Run again"), m_staleRow);
    rerun->setObjectName(QStringLiteral("riskRerun"));
    connect(rerun, &QPushButton::clicked, this, &RiskPanel::run);
    auto *staleLayout = new QHBoxLayout(m_staleRow);
    staleLayout->setContentsMargins(0, 0, 0, 0);
    staleLayout->addWidget(staleLabel, 1);
    staleLayout->addWidget(rerun);
    m_staleRow->hide();

    m_table = new QTextBrowser(this);
    m_table->setObjectName(QStringLiteral("riskTable"));
    m_histogram = new QChartView(new QChart, this);
    m_histogram->setObjectName(QStringLiteral("riskHistogram"));
    m_histogram->setRenderHint(QPainter::Antialiasing);
    m_histogram->setMinimumHeight(220);
    m_tornado = new QChartView(new QChart, this);
    m_tornado->setObjectName(QStringLiteral("riskTornado"));
    m_tornado->setMinimumHeight(160);
    m_poll = new QTimer(this);
    m_poll->setInterval(50);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Runs"), this));
    controls->addWidget(m_runs, 1);
    controls->addWidget(new QLabel(tr("Seed"), this));
    controls->addWidget(m_seed, 1);
    controls->addWidget(m_run);
    auto *progress = new QHBoxLayout;
    progress->addWidget(m_progress, 1);
    progress->addWidget(m_cancel);
    auto *results = new QSplitter(Qt::Vertical, this);
    results->addWidget(m_histogram);
    results->addWidget(m_table);
    results->addWidget(m_tornado);
    results->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addLayout(progress);
    layout->addWidget(m_status);
    layout->addWidget(m_staleRow);
    layout->addWidget(results, 1);
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
        setState(State::Cycles, cycleMessage(job.snapshot, job.analysis));
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
        setState(State::Cycles, cycleMessage(result->snapshot, result->analysis));
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
}

void RiskPanel::clearResults()
{
    m_stale = false;
    m_staleRow->hide();
    m_table->clear();
    replaceChart(m_histogram, new QChart);
    replaceChart(m_tornado, new QChart);
    m_tornado->hide();
}

void RiskPanel::showResults()
{
    fillTable();
    fillHistogram();
    fillTornado();
    // Out-of-date figures stay readable but greyed out, next to the line that says why.
    m_table->setEnabled(!m_stale);
    m_histogram->setEnabled(!m_stale);
    m_tornado->setEnabled(!m_stale);
    // A disabled chart view still paints in full colour; fading the charts says it instead.
    m_histogram->chart()->setOpacity(m_stale ? 0.35 : 1.0);
    m_tornado->chart()->setOpacity(m_stale ? 0.35 : 1.0);
    m_staleRow->setVisible(m_stale);
}

void RiskPanel::fillTable()
{
    const RiskJob &job = *m_job;
    const Snapshot &s = job.snapshot;
    const RiskResult &r = job.result;
    auto cell = [](const QString &text, bool right = false) {
        return QStringLiteral("<td%1>%2</td>").arg(right ? QStringLiteral(" align=\"right\"") : QString(),
                                                  text.toHtmlEscaped());
    };
    auto name = [&](int t) {
        const QString id = s.ids[std::size_t(t)];
        const QString title = job.project.task(t).title();
        return title.isEmpty() || title == id ? id : QStringLiteral("%1 (%2)").arg(title, id);
    };
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
    html += QStringLiteral("<tr><th align=\"left\">%1</th><th align=\"right\">%2</th><th align=\"left\">%3</th></tr>")
                .arg(tr("Finish"), tr("Hours"), s.dates ? tr("Date") : QString());
    auto row = [&](const QString &label, double h) {
        html += QStringLiteral("<tr>") + cell(label) + cell(hoursText(h), true) + cell(dateText(s, h)) + QStringLiteral("</tr>");
    };
    row(tr("Deterministic"), job.analysis.makespanHours);
    for (const auto &[label, value] : {std::pair<const char *, double>{"P10", r.p10}, {"P50", r.p50},
                                       {"P80", r.p80}, {"P90", r.p90}, {"P95", r.p95}})
        row(QLatin1String(label), value);
    row(tr("Mean"), r.mean);
    html += QStringLiteral("</table><p>%1</p>")
                .arg(tr("Stdev %1, min %2, max %3. On time (by the deterministic finish): %4.")
                         .arg(hoursText(r.stdev), hoursText(r.min), hoursText(r.max), percentText(r.onTimeProbability))
                         .toHtmlEscaped());
    auto section = [&](const QString &title, const QStringList &rows) {
        if (!rows.isEmpty())
            html += QStringLiteral("<p><b>%1</b></p><table cellspacing=\"0\" cellpadding=\"2\">%2</table>")
                        .arg(title.toHtmlEscaped(), rows.join(QString()));
    };
    QStringList rows;
    for (std::size_t k = 0; k < s.deadlines.size(); ++k)
        rows << QStringLiteral("<tr>") + cell(percentText(r.deadlineProbability[k]), true)
                    + cell(tr("%1 meets its deadline").arg(name(s.deadlines[k].task))) + QStringLiteral("</tr>");
    section(tr("Deadlines"), rows);
    rows.clear();
    for (int t : topLeaves(s, r.criticality, false))
        rows << QStringLiteral("<tr>") + cell(percentText(r.criticality[std::size_t(t)]), true) + cell(name(t)) + QStringLiteral("</tr>");
    section(tr("Most critical (share of runs on the critical path)"), rows);
    rows.clear();
    for (int t : topLeaves(s, r.sensitivity, true))
        rows << QStringLiteral("<tr>") + cell(QString::number(r.sensitivity[std::size_t(t)], 'f', 3), true)
                    + cell(name(t)) + QStringLiteral("</tr>");
    section(tr("Most sensitive (rank correlation with the finish)"), rows);
    rows.clear();
    for (const Snapshot::TaskWarning &w : job.input.threePointWarnings)
        rows << QStringLiteral("<tr>") + cell(s.ids[std::size_t(w.task)]) + cell(w.message) + QStringLiteral("</tr>");
    section(tr("Warnings"), rows);
    m_table->setHtml(html);
}

void RiskPanel::fillHistogram()
{
    const RiskResult &r = m_job->result;
    const double deterministic = m_job->analysis.makespanHours;
    auto *chart = new QChart;
    chart->setTitle(tr("Finish over %L1 runs (hours)").arg(r.runs));
    chart->legend()->setAlignment(Qt::AlignBottom);
    double lo = r.histogramEdges.empty() ? r.min : r.histogramEdges.front();
    double hi = r.histogramEdges.empty() ? r.max : r.histogramEdges.back();
    // Every run alike: one bin of no width, drawn as a narrow bar so that it shows.
    const double pad = hi - lo > 1e-9 ? 0 : std::max(0.5, std::fabs(lo) * 0.02);
    int most = 1;
    auto *steps = new QLineSeries;
    for (std::size_t b = 0; b < r.histogramCounts.size(); ++b) {
        const int count = r.histogramCounts[b];
        most = std::max(most, count);
        steps->append(r.histogramEdges[b] - pad, count);
        steps->append(r.histogramEdges[b + 1] + pad, count);
    }
    auto *area = new QAreaSeries(steps);
    area->setName(tr("Runs"));
    area->setColor(QColor(0x6a, 0x9f, 0xd8));
    area->setBorderColor(QColor(0x3d, 0x6f, 0xa8));
    chart->addSeries(area);
    const double top = most * 1.08;
    auto marker = [&](const QString &label, double x, const QColor &color, Qt::PenStyle style) {
        auto *line = new QLineSeries;
        line->setName(label.isEmpty() ? tr("Deterministic") : QStringLiteral("%1 %2").arg(label, hoursText(x)));
        line->append(x, 0);
        line->append(x, top);
        QPen pen(color, 2, style);
        line->setPen(pen);
        chart->addSeries(line);
    };
    marker(QString(), deterministic, Qt::black, Qt::SolidLine);   // its hours are in the table
    marker(QStringLiteral("P50"), r.p50, QColor(0x2e, 0x8b, 0x57), Qt::DashLine);
    marker(QStringLiteral("P80"), r.p80, QColor(0xd9, 0x8c, 0x00), Qt::DashLine);
    marker(QStringLiteral("P90"), r.p90, QColor(0xc0, 0x39, 0x2b), Qt::DashLine);
    lo = std::min(lo - pad, deterministic);
    hi = std::max(hi + pad, deterministic);
    const double margin = std::max((hi - lo) * 0.03, 0.5);
    auto *x = new QValueAxis;
    x->setRange(lo - margin, hi + margin);
    x->setLabelFormat(QStringLiteral("%.0f"));
    x->setTitleText(tr("hours"));
    auto *y = new QValueAxis;
    y->setRange(0, top);
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(tr("runs"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    replaceChart(m_histogram, chart);
}

void RiskPanel::fillTornado()
{
    const Snapshot &s = m_job->snapshot;
    const RiskResult &r = m_job->result;
    std::vector<int> top = topLeaves(s, r.sensitivity, true);
    if (top.empty()) {
        replaceChart(m_tornado, new QChart);
        m_tornado->hide();
        return;
    }
    // A horizontal bar chart lists its first category at the bottom: the strongest goes last.
    std::reverse(top.begin(), top.end());
    auto *set = new QBarSet(tr("Rank correlation with the finish"));
    set->setColor(QColor(0x8e, 0x6c, 0xc0));
    QStringList names;
    for (int t : top) {
        *set << r.sensitivity[std::size_t(t)];
        names << s.ids[std::size_t(t)];
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    auto *chart = new QChart;
    chart->setTitle(tr("Most sensitive tasks"));
    chart->legend()->hide();
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(names);
    auto *values = new QValueAxis;
    const bool negative = std::any_of(top.begin(), top.end(), [&](int t) { return r.sensitivity[std::size_t(t)] < 0; });
    values->setRange(negative ? -1.0 : 0.0, 1.0);
    values->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(categories, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(categories);
    series->attachAxis(values);
    replaceChart(m_tornado, chart);
    m_tornado->setMinimumHeight(80 + 24 * int(top.size()));
    m_tornado->show();
}

QString RiskPanel::settingsKey() const
{
    const QString path = m_document->filePath();
    if (path.isEmpty())
        return QStringLiteral("riskPanel/untitled");
    // A path is no QSettings key ('/' nests groups, '\' is reserved on some backends); its hash is.
    const QByteArray hash = QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(),
                                                     QCryptographicHash::Sha1).toHex();
    return QStringLiteral("riskPanel/") + QString::fromLatin1(hash);
}

void RiskPanel::loadSettings(bool storeWhenMissing)
{
    const QString key = settingsKey();
    QSettings settings;
    if (!settings.contains(key + QStringLiteral("/runs"))) {
        if (storeWhenMissing)
            saveSettings();
        return;
    }
    m_loadingSettings = true;
    m_runs->setValue(settings.value(key + QStringLiteral("/runs"), kDefaultRuns).toInt());
    m_seed->setValue(settings.value(key + QStringLiteral("/seed"), kDefaultSeed).toInt());
    m_loadingSettings = false;
}

void RiskPanel::saveSettings()
{
    if (m_loadingSettings)
        return;
    const QString key = settingsKey();
    QSettings settings;
    settings.setValue(key + QStringLiteral("/runs"), m_runs->value());
    settings.setValue(key + QStringLiteral("/seed"), m_seed->value());
}

} // namespace Workplan
