// The Risk panel (§8 in the editor), driven through its real widgets: its figures are the
// CLI's for the same runs and seed, Cancel stops a long run at once and leaves no figures,
// an edit marks a result out of date until it is run again, a loop refuses to run, and
// runs/seed are remembered per file. The S-curve, Save JSON and the criticality sent to the
// canvas are checked the same way.
#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"
#include "model/storage/projectfile.h"
#include "model/engine/scheduledates.h"
#include "model/engine/snapshot.h"
#include "views/analysiscontroller.h"
#include "views/graph/carditem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/mainwindow.h"
#include "views/riskcharts.h"
#include "views/riskpanel.h"
#include "views/timeline/timelineitems.h"
#include "views/timeline/timelinescene.h"
#include "views/timeline/timelinewidget.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QLineEdit>
#include <QLineSeries>
#include <QPainter>
#include <QStyleOptionButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QValueAxis>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QAreaSeries>
#include <QtTest>

#include "testsupport.h"

using namespace Workplan;
using State = RiskPanel::State;

namespace {

// Ranges, three-point estimates, a start and two deadlines: every part of the table.
const char *kRisky = R"({"format": "workplan", "version": 1, "project": {"name": "Risky launch", "start": "2025-06-02"},
 "tasks": [
  {"task_id": "spec", "task_type": "t", "attributes": {"title": "Write the spec", "estimated_effort": "8-24 h"}},
  {"task_id": "build", "task_type": "t", "attributes": {"title": "Build", "estimated_effort": "40 h",
   "optimistic_effort": "24 h", "pessimistic_effort": "80 h"}, "dependencies": [{"dependency_task_id": "spec"}]},
  {"task_id": "docs", "task_type": "t", "attributes": {"title": "Docs", "estimated_effort": "8-40 h"},
   "dependencies": [{"dependency_task_id": "spec"}]},
  {"task_id": "test", "task_type": "t", "attributes": {"title": "Test", "estimated_effort": "16 h",
   "optimistic_effort": "8 h", "pessimistic_effort": "40 h", "deadline": "2025-06-20"},
   "dependencies": [{"dependency_task_id": "build"}]},
  {"task_id": "ship", "task_type": "t", "attributes": {"title": "Ship", "estimated_effort": "2 h", "deadline": "2025-06-25"},
   "dependencies": [{"dependency_task_id": "test"}, {"dependency_task_id": "docs"}]}
 ]})";

const char *kLoop = R"({"format": "workplan", "version": 1, "project": {"name": "loop"}, "tasks": [
  {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "1-2 days"}, "dependencies": [{"dependency_task_id": "b"}]},
  {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": "1 day"}, "dependencies": [{"dependency_task_id": "a"}]}]})";

Project parse(const QByteArray &json)
{
    QString error;
    auto p = JsonFormat::read(json, QStringLiteral("test.json"), &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    return std::move(*p);
}

// `chains` chains of `length` range-estimated tasks and one task after all of them: big
// enough that 2,000,000 runs take far longer than any test may.
Project generatedPlan(int chains, int length)
{
    QByteArray json = R"({"format": "workplan", "version": 1, "project": {"name": "generated"}, "tasks": [)";
    QByteArray ends;
    for (int c = 0; c < chains; ++c) {
        for (int i = 0; i < length; ++i) {
            const QByteArray id = "c" + QByteArray::number(c) + "_" + QByteArray::number(i);
            json += R"({"task_id": ")" + id + R"(", "task_type": "t", "attributes": {"estimated_effort": "4-12 h"})";
            if (i > 0)
                json += R"(, "dependencies": [{"dependency_task_id": "c)" + QByteArray::number(c) + "_" + QByteArray::number(i - 1) + R"("}])";
            json += "},";
        }
        ends += (c ? "," : "") + QByteArray(R"({"dependency_task_id": "c)") + QByteArray::number(c) + "_"
                + QByteArray::number(length - 1) + "\"}";
    }
    json += R"({"task_id": "done", "task_type": "t", "attributes": {"estimated_effort": "1 h"}, "dependencies": [)" + ends + "]}]}";
    return parse(json);
}

// A document, its analysis and a shown panel, wired as in the main window.
struct Fixture
{
    ProjectDocument doc;
    std::unique_ptr<AnalysisController> analysis;
    std::unique_ptr<RiskPanel> panel;

    explicit Fixture(Project project, const QString &path = QString())
    {
        doc.resetProject(std::move(project), path);
        analysis = std::make_unique<AnalysisController>(&doc);
        analysis->refreshNow();
        panel = std::make_unique<RiskPanel>(&doc, analysis.get());
        panel->resize(520, 1000);
        panel->show();
    }
    template <typename T> T *child(const char *name) const
    {
        T *w = panel->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
    void setRuns(int runs, int seed) const
    {
        child<QSpinBox>("riskRuns")->setValue(runs);
        child<QSpinBox>("riskSeed")->setValue(seed);
    }
    void click(const char *button) const { QTest::mouseClick(child<QPushButton>(button), Qt::LeftButton); }
    void push(QUndoCommand *c)
    {
        doc.undoStack()->push(c);
        analysis->waitForIdle();
    }
    int chartSeries(const char *view) const { return int(child<QChartView>(view)->chart()->series().size()); }
    void runToDone(int runs, int seed)
    {
        setRuns(runs, seed);
        click("riskRun");
        QTRY_COMPARE_WITH_TIMEOUT(panel->state(), State::Done, 30000);
    }
    // A click on the tab as a person would make it.
    void showTab(int index) const
    {
        auto *tabs = child<QTabWidget>("riskChartTabs");
        QTabBar *bar = tabs->tabBar();
        QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(index).center());
        QCOMPARE(tabs->currentIndex(), index);
    }
};

// Clicks a check box on its indicator (its middle may be empty layout space).
void clickCheckBox(QCheckBox *box)
{
    QStyleOptionButton option;
    option.initFrom(box);
    const QRect indicator = box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box);
    QTest::mouseClick(box, Qt::LeftButton, {}, indicator.center());
}

// What `workplan risk FILE --json` prints, byte for byte.
QByteArray cliRiskJson(const QString &file, int runs, int seed)
{
    const auto r = WorkplanTest::runProgram({QStringLiteral("risk"), file, QStringLiteral("--json"), QStringLiteral("--runs"),
                                             QString::number(runs), QStringLiteral("--seed"), QString::number(seed)});
    return r.exitCode == 0 ? r.out : QByteArray();
}

QLineSeries *namedLine(QChart *chart, const QString &name)
{
    for (QAbstractSeries *s : chart->series()) {
        if (s->name() == name || s->name().startsWith(name + QLatin1Char(' ')))
            return qobject_cast<QLineSeries *>(s);
    }
    return nullptr;
}

QString hoursText(const QJsonObject &o, const char *key)
{
    return QString::number(o.value(QLatin1String(key)).toDouble(), 'f', 1) + QStringLiteral(" h");
}

} // namespace

class TestRiskPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void figuresMatchTheCli_data();
    void figuresMatchTheCli();
    void cancelStopsQuicklyAndLeavesNoFigures();
    void editMarksStaleAndRunAgainClears();
    void loopShowsMessageInsteadOfRunning();
    void runsAndSeedRememberedPerFile();
    void dockAndViewMenuToggle();
    void sCurveIsMonotoneWithDatesOnTheAxis_data();
    void sCurveIsMonotoneWithDatesOnTheAxis();
    void sCurveInHoursWithoutStart();
    void saveJsonWritesTheCliBytes();
    void saveJsonToDirectoryFailsNamingIt();
    void criticalityFollowsResultAndSwitch();
    void criticalityReachesTheCanvas();
    void criticalityTintsTheTimeline();

private:
    QTemporaryDir m_dir;
};

void TestRiskPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("WorkplanTests"));
    QSettings().remove(QStringLiteral("riskPanel"));
    QVERIFY(m_dir.isValid());
    QFile risky(m_dir.filePath(QStringLiteral("risky.json")));
    QVERIFY(risky.open(QIODevice::WriteOnly));
    risky.write(kRisky);
}

void TestRiskPanel::figuresMatchTheCli_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("seed");
    QTest::newRow("release-pipeline") << WorkplanTest::testData(QStringLiteral("examples/release-pipeline.json")) << 10000 << 1;
    QTest::newRow("ranges, start, deadlines") << m_dir.filePath(QStringLiteral("risky.json")) << 3000 << 7;
}

// The panel's result, printed as `workplan risk --json` prints it, is the CLI's byte for
// byte; the table and the histogram show those figures.
void TestRiskPanel::figuresMatchTheCli()
{
    QFETCH(QString, file);
    QFETCH(int, runs);
    QFETCH(int, seed);
    QString error;
    auto project = ProjectFile::load(file, &error);
    QVERIFY2(project, qPrintable(error));
    Fixture f(*project, file);
    f.setRuns(runs, seed);
    f.click("riskRun");
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 30000);

    int exitCode = -1;
    const QString cli = WorkplanTest::run(QStringLiteral(WORKPLAN_BINARY),
                                          {QStringLiteral("risk"), file, QStringLiteral("--json"), QStringLiteral("--runs"),
                                           QString::number(runs), QStringLiteral("--seed"), QString::number(seed)},
                                          &exitCode);
    QCOMPARE(exitCode, 0);
    QCOMPARE(QString::fromUtf8(f.panel->resultJson()), cli);

    const QJsonObject o = QJsonDocument::fromJson(cli.toUtf8()).object();
    const QJsonObject m = o.value(QLatin1String("makespan")).toObject();
    const QString table = f.panel->tableText();
    for (const char *k : {"p10", "p50", "p80", "p90", "p95", "mean"})
        QVERIFY2(table.contains(hoursText(m, k)), k);
    QVERIFY(table.contains(QLatin1String("P95")));
    QVERIFY(f.panel->statusText().contains(hoursText(m, "p80")));
    QVERIFY(!f.panel->isStale());
    QVERIFY(!f.child<QProgressBar>("riskProgress")->isVisible());
    // The histogram and its four markers (deterministic, P50, P80, P90).
    QCOMPARE(f.chartSeries("riskHistogram"), 5);
    QStringList names;
    for (QAbstractSeries *s : f.child<QChartView>("riskHistogram")->chart()->series())
        names << s->name();
    QVERIFY(names.contains(QStringLiteral("P50 ") + hoursText(m, "p50")));
    // The runs' area is drawn from a line that the area does not own: the chart does, so
    // it goes with the chart when the next run replaces it (it leaked, sanitize.sh).
    for (QAbstractSeries *s : f.child<QChartView>("riskHistogram")->chart()->series()) {
        if (auto *area = qobject_cast<QAreaSeries *>(s)) {
            QVERIFY(area->upperSeries());
            QVERIFY(area->upperSeries()->parent() != nullptr);
        }
    }

    if (o.contains(QLatin1String("finish_dates"))) {
        const QString p50 = o.value(QLatin1String("finish_dates")).toObject().value(QLatin1String("p50")).toString();
        QVERIFY2(table.contains(QString(p50).replace(QLatin1Char('T'), QLatin1Char(' '))), qPrintable(table));
        QVERIFY2(table.contains(QLatin1String("Test meets its deadline")), qPrintable(table));   // by title
        QVERIFY(table.contains(QLatin1String("Most sensitive")));
        QVERIFY(f.child<QChartView>("riskTornado")->isVisible());
        QVERIFY(f.panel->grab().save(QStringLiteral("/tmp/risk-panel.png")));
    } else {
        // Fixed estimates only: every run alike, and the panel says so.
        QCOMPARE(m.value(QLatin1String("stdev")).toDouble(), 0.0);
        QVERIFY(f.panel->statusText().contains(QLatin1String("every run finishes alike")));
        QVERIFY(!f.child<QChartView>("riskTornado")->isVisible());
    }
}

void TestRiskPanel::cancelStopsQuicklyAndLeavesNoFigures()
{
    Fixture f(generatedPlan(40, 50));
    // Figures of a first run, which the cancelled run must not leave on show.
    f.setRuns(500, 3);
    f.click("riskRun");
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 30000);
    QVERIFY(!f.panel->tableText().isEmpty());

    f.setRuns(2000000, 3);
    f.click("riskRun");
    QCOMPARE(f.panel->state(), State::Running);
    QVERIFY(f.panel->tableText().isEmpty());
    QVERIFY(!f.child<QPushButton>("riskRun")->isEnabled());
    auto *progress = f.child<QProgressBar>("riskProgress");
    QVERIFY(progress->isVisible());
    QCOMPARE(progress->maximum(), 2000000);
    // The window stays responsive: the event loop turns and the bar moves.
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, 30000);
    QCOMPARE(f.panel->state(), State::Running);
    const int doneAtCancel = progress->value();
    f.click("riskCancel");
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Cancelled, 30000);
    // Stopped well short of the 2,000,000 runs (no wall-clock limit here: a loaded CI
    // machine must not fail this; the speed is the benchmark's to measure).
    QVERIFY2(doneAtCancel < 2000000, qPrintable(QString::number(doneAtCancel)));
    QVERIFY2(f.panel->statusText().contains(QLatin1String("cancelled")), qPrintable(f.panel->statusText()));
    QVERIFY(f.panel->tableText().isEmpty());
    QVERIFY(f.panel->resultJson().isEmpty());
    QCOMPARE(f.chartSeries("riskHistogram"), 0);
    QVERIFY(!f.child<QWidget>("riskStaleRow")->isVisible());
    QVERIFY(f.child<QPushButton>("riskRun")->isEnabled());
}

void TestRiskPanel::editMarksStaleAndRunAgainClears()
{
    Fixture f(parse(kRisky));
    f.setRuns(2000, 1);
    f.click("riskRun");
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 30000);
    const QJsonObject before = QJsonDocument::fromJson(f.panel->resultJson()).object();
    QVERIFY(!f.child<QWidget>("riskStaleRow")->isVisible());

    f.push(ChangeTaskCommand::setAttribute(&f.doc, QStringLiteral("ship"), QStringLiteral("estimated_effort"),
                                           QStringLiteral("10 h")));
    QVERIFY(f.panel->isStale());
    QVERIFY(f.child<QWidget>("riskStaleRow")->isVisible());
    QVERIFY(f.child<QLabel>("riskStaleLabel")->text().contains(QLatin1String("out of date")));
    QVERIFY(!f.child<QWidget>("riskTable")->isEnabled());   // greyed, never passed off as current
    QVERIFY(f.panel->grab().save(QStringLiteral("/tmp/risk-panel-stale.png")));

    f.click("riskRerun");
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 30000);
    QVERIFY(!f.panel->isStale());
    QVERIFY(!f.child<QWidget>("riskStaleRow")->isVisible());
    QVERIFY(f.child<QWidget>("riskTable")->isEnabled());
    const QJsonObject after = QJsonDocument::fromJson(f.panel->resultJson()).object();
    QCOMPARE(after.value(QLatin1String("deterministic_makespan_hours")).toDouble(),
             before.value(QLatin1String("deterministic_makespan_hours")).toDouble() + 8);

    // An edit while a run goes on: the result arrives already out of date.
    f.setRuns(200000, 1);
    f.click("riskRun");
    f.push(ChangeTaskCommand::setAttribute(&f.doc, QStringLiteral("ship"), QStringLiteral("estimated_effort"),
                                           QStringLiteral("4 h")));
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 30000);
    QVERIFY(f.panel->isStale());
    QVERIFY(f.child<QWidget>("riskStaleRow")->isVisible());
}

void TestRiskPanel::loopShowsMessageInsteadOfRunning()
{
    Fixture f(parse(kLoop));
    QCOMPARE(f.panel->state(), State::Cycles);
    QVERIFY2(f.panel->statusText().contains(QLatin1String("loop (a, b)")), qPrintable(f.panel->statusText()));
    QVERIFY(!f.child<QPushButton>("riskRun")->isEnabled());
    f.click("riskRun");
    QCOMPARE(f.panel->state(), State::Cycles);
    QVERIFY(f.panel->tableText().isEmpty());

    // Breaking the loop lets it run.
    f.push(DependencyCommand::remove(&f.doc, {QStringLiteral("a"), QStringLiteral("b"), DependencyType::Completion}));
    QTRY_COMPARE(f.panel->state(), State::Idle);
    QVERIFY(f.child<QPushButton>("riskRun")->isEnabled());
    f.setRuns(1000, 1);
    f.click("riskRun");
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 30000);
}

void TestRiskPanel::runsAndSeedRememberedPerFile()
{
    const QString a = m_dir.filePath(QStringLiteral("a.json"));
    const QString b = m_dir.filePath(QStringLiteral("b.json"));
    {
        Fixture f(parse(kRisky), a);
        QCOMPARE(f.child<QSpinBox>("riskRuns")->value(), 10000);
        QCOMPARE(f.child<QSpinBox>("riskSeed")->value(), 1);
        f.setRuns(1234, 9);
        f.doc.resetProject(parse(kRisky), b);   // another file: the defaults
        QCOMPARE(f.child<QSpinBox>("riskRuns")->value(), 10000);
        QCOMPARE(f.child<QSpinBox>("riskSeed")->value(), 1);
    }
    Fixture g(parse(kRisky), a);
    QCOMPARE(g.child<QSpinBox>("riskRuns")->value(), 1234);
    QCOMPARE(g.child<QSpinBox>("riskSeed")->value(), 9);
}

void TestRiskPanel::dockAndViewMenuToggle()
{
    MainWindow w;
    w.show();
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("riskDock"));
    QVERIFY(dock);
    QVERIFY(dock->findChild<RiskPanel *>());
    auto *toggle = w.findChild<QAction *>(QStringLiteral("riskPanelAction"));
    QVERIFY(toggle);
    bool inViewMenu = false;
    for (QAction *top : w.menuBar()->actions()) {
        if (top->menu() && top->text().remove(QLatin1Char('&')) == QLatin1String("View"))
            inViewMenu = top->menu()->actions().contains(toggle);
    }
    QVERIFY(inViewMenu);
    QVERIFY(!dock->isHidden());
    toggle->trigger();
    QVERIFY(dock->isHidden());
    toggle->trigger();
    QVERIFY(!dock->isHidden());
}

// §8 S-curve: the chance of finishing by each makespan, from the run's sorted makespans.
// It climbs (never back), passes through the percentiles the CLI prints, marks P50/P80/P90,
// and a dated project reads its x axis in dates: the finish reading of each tick's hours.
void TestRiskPanel::sCurveIsMonotoneWithDatesOnTheAxis_data()
{
    QTest::addColumn<QString>("file");
    // The contract's dated team example (fixed estimates: one step), and ranges over a start.
    QTest::newRow("release-pipeline-team") << QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json");
    QTest::newRow("ranges, start, deadlines") << m_dir.filePath(QStringLiteral("risky.json"));
}

void TestRiskPanel::sCurveIsMonotoneWithDatesOnTheAxis()
{
    QFETCH(QString, file);
    QString error;
    auto project = ProjectFile::load(file, &error);
    QVERIFY2(project, qPrintable(error));
    Fixture f(*project, file);
    f.runToDone(3000, 5);
    const QJsonObject m = QJsonDocument::fromJson(f.panel->resultJson()).object().value(QLatin1String("makespan")).toObject();
    QVERIFY(f.child<QChartView>("riskHistogram")->isVisible());
    const QImage histogram = f.panel->grab().toImage();
    f.showTab(1);
    auto *view = f.child<QChartView>("riskSCurve");
    QVERIFY(view->isVisible());
    QVERIFY(!f.child<QChartView>("riskHistogram")->isVisible());
    QChart *chart = view->chart();

    QLineSeries *curve = namedLine(chart, RiskCharts::sCurveName());
    QVERIFY(curve);
    const QList<QPointF> points = curve->points();
    QCOMPARE(points.size(), RiskCharts::kSCurvePoints);
    for (int i = 1; i < points.size(); ++i) {
        QVERIFY2(points[i].x() >= points[i - 1].x(), qPrintable(QString::number(i)));
        QVERIFY2(points[i].y() > points[i - 1].y(), qPrintable(QString::number(i)));
    }
    QCOMPARE(points.back().y(), 100.0);
    QVERIFY(qAbs(points.back().x() - m.value(QLatin1String("max")).toDouble()) < 0.01);
    // Nearest rank, as the percentiles: the point at 50 % is P50, and so on.
    for (const auto &[key, share] : {std::pair<const char *, double>{"p50", 50}, {"p80", 80}, {"p90", 90}}) {
        const auto at = std::find_if(points.cbegin(), points.cend(), [&](const QPointF &p) { return p.y() == share; });
        QVERIFY2(at != points.cend(), key);
        QVERIFY2(qAbs(at->x() - m.value(QLatin1String(key)).toDouble()) < 0.01, key);
        QLineSeries *marker = namedLine(chart, QString::fromLatin1(key).toUpper());
        QVERIFY2(marker, key);
        QVERIFY(marker->points().contains(QPointF(at->x(), share)));
    }

    const auto dates = Snapshot::fromProject(*project).dates;
    QVERIFY(dates);
    auto *x = qobject_cast<QCategoryAxis *>(chart->axes(Qt::Horizontal).value(0));
    QVERIFY(x);
    const QStringList labels = x->categoriesLabels();
    QVERIFY2(labels.size() >= 2, qPrintable(labels.join(QLatin1Char('|'))));
    for (const QString &label : labels) {
        QVERIFY2(label.startsWith(QLatin1String("2025-0")), qPrintable(label));
        // Date over time, on two lines.
        QCOMPARE(QString(label).replace(QLatin1String("<br>"), QLatin1String(" ")),
                 dateTimeText(dates->finishReading(x->endValue(label))));
    }
    QVERIFY(namedLine(chart, QStringLiteral("P80"))->name().contains(dateTimeText(dates->finishReading(m.value(QLatin1String("p80")).toDouble()))));

    // Both chart views side by side, to look at.
    const QImage sCurve = f.panel->grab().toImage();
    QImage both(histogram.width() + sCurve.width(), std::max(histogram.height(), sCurve.height()), QImage::Format_ARGB32);
    both.fill(Qt::white);
    QPainter painter(&both);
    painter.drawImage(0, 0, histogram);
    painter.drawImage(histogram.width(), 0, sCurve);
    painter.end();
    QVERIFY(both.save(qstrcmp(QTest::currentDataTag(), "release-pipeline-team") == 0
                          ? QStringLiteral("/tmp/risk-scurve-team.png") : QStringLiteral("/tmp/risk-scurve.png")));
}

// Fewer runs than curve points: one point a run. No start: hours on the axis. Fixed
// estimates only: every run alike, the curve one vertical step.
void TestRiskPanel::sCurveInHoursWithoutStart()
{
    Fixture f(WorkplanTest::loadExample("release-pipeline"));
    f.runToDone(150, 2);
    f.showTab(1);
    QChart *chart = f.child<QChartView>("riskSCurve")->chart();
    QLineSeries *curve = namedLine(chart, RiskCharts::sCurveName());
    QVERIFY(curve);
    const QList<QPointF> points = curve->points();
    QCOMPARE(points.size(), 150);
    for (int i = 1; i < points.size(); ++i)
        QVERIFY(points[i].x() == points[0].x() && points[i].y() > points[i - 1].y());
    auto *x = qobject_cast<QValueAxis *>(chart->axes(Qt::Horizontal).value(0));
    QVERIFY(x);
    QVERIFY(x->min() < points[0].x() && x->max() > points[0].x());
    QCOMPARE(x->titleText(), QStringLiteral("hours"));
}

// Save JSON through the button and its dialog: it proposes "<project>-risk.json" beside the
// file and writes exactly what `workplan risk --json` prints for the same runs and seed.
void TestRiskPanel::saveJsonWritesTheCliBytes()
{
    const QString file = m_dir.filePath(QStringLiteral("risky.json"));
    QString error;
    auto project = ProjectFile::load(file, &error);
    QVERIFY2(project, qPrintable(error));
    Fixture f(*project, file);
    auto *save = f.child<QPushButton>("riskSaveJson");
    QVERIFY(!save->isEnabled());   // nothing to save yet
    f.runToDone(2000, 11);
    QVERIFY(save->isEnabled());
    QCOMPARE(f.panel->proposedJsonPath(), m_dir.filePath(QStringLiteral("risky-risk.json")));

    // Answer the dialog as a person would: take the proposal's folder, another name.
    const QString target = m_dir.filePath(QStringLiteral("chosen-risk.json"));
    QString proposed;
    bool answered = false;
    QTimer answer;
    connect(&answer, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        answer.stop();
        answered = true;
        proposed = dialog->selectedFiles().value(0);
        // Type the name over the proposal and press Enter.
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        if (!name) {
            dialog->reject();
            return;
        }
        name->selectAll();
        QTest::keyClicks(name, QFileInfo(target).fileName());
        QTest::keyClick(name, Qt::Key_Return);
    });
    answer.start(20);
    // Whatever happens, no dialog outlives the test.
    QTimer::singleShot(5000, this, [] {
        if (QWidget *w = QApplication::activeModalWidget())
            w->close();
    });
    f.click("riskSaveJson");
    QVERIFY(answered);
    QCOMPARE(QFileInfo(proposed).fileName(), QStringLiteral("risky-risk.json"));

    QFile saved(target);
    QVERIFY2(saved.open(QIODevice::ReadOnly), qPrintable(target + QLatin1String(" / ") + proposed + QLatin1String(" / ") + f.panel->saveMessage()));
    const QByteArray bytes = saved.readAll();
    const QByteArray cli = cliRiskJson(file, 2000, 11);
    QVERIFY(!cli.isEmpty());
    QCOMPARE(bytes, cli);
    QVERIFY2(f.panel->saveMessage().contains(QDir::toNativeSeparators(target)), qPrintable(f.panel->saveMessage()));

    // Saving again replaces the file whole.
    QVERIFY(f.panel->saveJson(target));
    saved.close();
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), cli);
}

// A path that cannot be written (a directory) fails, and the message names it and says why.
void TestRiskPanel::saveJsonToDirectoryFailsNamingIt()
{
    Fixture f(parse(kRisky));
    const QString dir = m_dir.path();
    QVERIFY(!f.panel->saveJson(dir));   // no result yet
    QVERIFY2(f.panel->saveMessage().contains(QDir::toNativeSeparators(dir)), qPrintable(f.panel->saveMessage()));
    f.runToDone(500, 1);
    QVERIFY(!f.panel->saveJson(dir));
    const QString message = f.panel->saveMessage();
    QVERIFY2(message.startsWith(QStringLiteral("Could not save %1: ").arg(QDir::toNativeSeparators(dir))), qPrintable(message));
    QVERIFY2(message.size() > QStringLiteral("Could not save %1: ").arg(dir).size(), qPrintable(message));   // and why
    QVERIFY(f.child<QLabel>("riskSaveMessage")->isVisible());
    qInfo("%s", qPrintable(message));
    QVERIFY(QFileInfo(dir).isDir());
}

// The share of runs each leaf was critical in goes out while the switch is on and the
// result is current, and an empty set withdraws it (edit, new run, switch off).
void TestRiskPanel::criticalityFollowsResultAndSwitch()
{
    Fixture f(parse(kRisky));
    QList<QHash<QString, double>> sent;
    connect(f.panel.get(), &RiskPanel::criticalityChanged, this,
            [&](const QHash<QString, double> &shares) { sent << shares; });
    auto *box = f.child<QCheckBox>("riskCriticalityOverlay");
    QVERIFY(!box->isChecked());
    f.runToDone(2000, 1);
    QVERIFY(sent.isEmpty());   // switched off: the canvas hears nothing

    clickCheckBox(box);
    QVERIFY(box->isChecked());
    QCOMPARE(sent.size(), 1);
    const QJsonObject criticality = QJsonDocument::fromJson(f.panel->resultJson()).object()
                                        .value(QLatin1String("criticality")).toObject();
    QStringList keys = sent.last().keys();
    keys.sort();
    QCOMPARE(keys, criticality.keys());
    for (const QString &id : keys)
        QVERIFY2(qAbs(sent.last().value(id) - criticality.value(id).toDouble()) < 1e-9, qPrintable(id));
    QCOMPARE(sent.last().value(QStringLiteral("ship")), 1.0);

    f.push(ChangeTaskCommand::setAttribute(&f.doc, QStringLiteral("ship"), QStringLiteral("estimated_effort"),
                                           QStringLiteral("10 h")));
    QVERIFY(f.panel->isStale());
    QCOMPARE(sent.size(), 2);
    QVERIFY(sent.last().isEmpty());
    f.click("riskRerun");
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 30000);
    QCOMPARE(sent.size(), 3);
    QVERIFY(!sent.last().isEmpty());

    // A new run withdraws the old shares at once, before its own arrive.
    // Long enough that it cannot end before the Cancel below, even on a loaded machine.
    f.setRuns(5000000, 1);
    f.click("riskRun");
    QCOMPARE(sent.size(), 4);
    QVERIFY(sent.last().isEmpty());
    f.click("riskCancel");
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Cancelled, 30000);
    QCOMPARE(sent.size(), 4);

    f.runToDone(1000, 1);
    QCOMPARE(sent.size(), 5);
    clickCheckBox(box);
    QVERIFY(!box->isChecked());
    QCOMPARE(sent.size(), 6);
    QVERIFY(sent.last().isEmpty());
}

// In the window: View ▸ Overlays ▸ Criticality (risk) and the panel's check box are one
// switch, and the shares tint the canvas's cards and reach their tooltips.
void TestRiskPanel::criticalityReachesTheCanvas()
{
    MainWindow w;
    w.show();
    w.document()->resetProject(parse(kRisky));
    w.findChild<QDockWidget *>(QStringLiteral("riskDock"))->raise();
    auto *panel = w.findChild<RiskPanel *>();
    QVERIFY(panel);
    auto *action = w.findChild<QAction *>(QStringLiteral("criticalityOverlayAction"));
    QVERIFY(action && action->isCheckable() && !action->isChecked());
    auto *overlays = w.findChild<QMenu *>(QStringLiteral("overlaysMenu"));
    QVERIFY(overlays && overlays->actions().contains(action));
    auto *box = panel->findChild<QCheckBox *>(QStringLiteral("riskCriticalityOverlay"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    action->trigger();
    QVERIFY(box->isChecked());
    clickCheckBox(box);
    QVERIFY(!action->isChecked());
    clickCheckBox(box);
    QVERIFY(action->isChecked());

    GraphScene *scene = w.findChild<GraphView *>()->graphScene();
    scene->flush();
    const QString ship = QStringLiteral("ship");
    QVERIFY(scene->cardFor(ship));
    QCOMPARE(scene->riskCriticality(ship), -1.0);
    panel->findChild<QSpinBox *>(QStringLiteral("riskRuns"))->setValue(2000);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("riskRun")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), State::Done, 30000);
    QCOMPARE(scene->riskCriticality(ship), 1.0);
    QVERIFY2(scene->cardFor(ship)->toolTipText().contains(QStringLiteral("Critical in 100 % of runs")),
             qPrintable(scene->cardFor(ship)->toolTipText()));
    action->trigger();
    QVERIFY(!box->isChecked());
    QCOMPARE(scene->riskCriticality(ship), -1.0);
    QVERIFY(!scene->cardFor(ship)->toolTipText().contains(QStringLiteral("Critical in")));
}

// The colour in the middle of a timeline bar, as the scene paints it.
QColor barMiddle(TimelineScene *scene, const QString &id)
{
    const QRectF bar = scene->barRect(id);
    QImage image(bar.size().toSize(), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    scene->render(&painter, QRectF(QPointF(0, 0), bar.size()), bar);
    painter.end();
    return image.pixelColor(image.width() / 2, image.height() / 2);
}

// The same shares tint the timeline's bars (from the plain bar colour to the risk red) and
// reach their tooltips; a stale result takes the tint away there too.
void TestRiskPanel::criticalityTintsTheTimeline()
{
    MainWindow w;
    w.show();
    w.document()->resetProject(parse(kRisky));
    w.findChild<QDockWidget *>(QStringLiteral("riskDock"))->raise();
    auto *panel = w.findChild<RiskPanel *>();
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("TimelineDock"));
    QVERIFY(panel && dock);
    auto *timeline = dock->findChild<TimelineWidget *>();
    QVERIFY(timeline);
    TimelineScene *scene = timeline->scene();
    w.analysis()->refreshNow();
    scene->flush();
    const QString ship = QStringLiteral("ship");
    QTRY_VERIFY(!scene->barRect(ship).isEmpty());
    const QColor before = barMiddle(scene, ship);
    QCOMPARE(before, QColor(0xd0, 0x3b, 0x3b));   // deterministic critical: the plain red
    QCOMPARE(scene->riskCriticality(ship), -1.0);

    auto *box = panel->findChild<QCheckBox *>(QStringLiteral("riskCriticalityOverlay"));
    QTRY_VERIFY(box->isVisible());
    clickCheckBox(box);
    QVERIFY(box->isChecked());
    panel->findChild<QSpinBox *>(QStringLiteral("riskRuns"))->setValue(2000);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("riskRun")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), State::Done, 30000);
    QCOMPARE(scene->riskCriticality(ship), 1.0);
    QCOMPARE(barMiddle(scene, ship), QColor(0xb7, 0x1c, 0x1c));   // critical in every run
    QVERIFY2(scene->toolTipFor(ship).contains(QStringLiteral("Critical in 100 % of runs")),
             qPrintable(scene->toolTipFor(ship)));
    // A task critical in only some runs sits between the bar blue and the risk red.
    const QString docs = QStringLiteral("docs");
    const double share = scene->riskCriticality(docs);
    QVERIFY2(share >= 0 && share < 1, qPrintable(QString::number(share)));
    QVERIFY(scene->toolTipFor(docs).contains(QStringLiteral("Critical in %1 % of runs").arg(qRound(share * 100))));

    // An edit makes the result stale: the tint and the tooltip line go.
    w.document()->undoStack()->push(ChangeTaskCommand::setAttribute(w.document(), QStringLiteral("docs"),
                                                                    QStringLiteral("title"), QStringLiteral("Docs!")));
    QVERIFY(panel->isStale());
    QCOMPARE(scene->riskCriticality(ship), -1.0);
    QCOMPARE(barMiddle(scene, ship), before);
    QVERIFY(!scene->toolTipFor(ship).contains(QStringLiteral("Critical in")));
}

QTEST_MAIN(TestRiskPanel)
#include "tst_riskpanel.moc"
