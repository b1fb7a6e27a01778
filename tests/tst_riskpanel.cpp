// The Risk panel (§8 in the editor), driven through its real widgets: its figures are the
// CLI's for the same runs and seed, Cancel stops a long run at once and leaves no figures,
// an edit marks a result out of date until it is run again, a loop refuses to run, and
// runs/seed are remembered per file.
#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/projectdocument.h"
#include "model/storage/jsonformat.h"
#include "model/storage/projectfile.h"
#include "views/analysiscontroller.h"
#include "views/mainwindow.h"
#include "views/riskpanel.h"

#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
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
};

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
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 10000);

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

    if (o.contains(QLatin1String("finish_dates"))) {
        const QString p50 = o.value(QLatin1String("finish_dates")).toObject().value(QLatin1String("p50")).toString();
        QVERIFY2(table.contains(QString(p50).replace(QLatin1Char('T'), QLatin1Char(' '))), qPrintable(table));
        QVERIFY(table.contains(QLatin1String("test")) && table.contains(QLatin1String("meets its deadline")));
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
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 10000);
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
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, 10000);
    QCOMPARE(f.panel->state(), State::Running);
    QElapsedTimer clock;
    clock.start();
    f.click("riskCancel");
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Cancelled, 5000);
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
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
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 10000);
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
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 10000);
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
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 10000);
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
    f.push(DependencyCommand::remove(&f.doc, QStringLiteral("a"), 0));
    QTRY_COMPARE(f.panel->state(), State::Idle);
    QVERIFY(f.child<QPushButton>("riskRun")->isEnabled());
    f.setRuns(1000, 1);
    f.click("riskRun");
    QTRY_COMPARE_WITH_TIMEOUT(f.panel->state(), State::Done, 10000);
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
    QVERIFY(qobject_cast<RiskPanel *>(dock->widget()));
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

QTEST_MAIN(TestRiskPanel)
#include "tst_riskpanel.moc"
