// Project ▸ Team… and the "Team load" dock (§7), driven through their real widgets on the
// contract's team example: edits as one undo step, renames reaching the tasks, refused
// names, and the chart's profiles, over-capacity part and click-to-list.

#include "testsupport.h"

#include "model/commands/changetaskcommand.h"
#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"
#include "model/team/resources.h"
#include "views/analysiscontroller.h"
#include "views/loadchart.h"
#include "views/mainwindow.h"
#include "views/teamdialog.h"

#include <QAction>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace Workplan;

namespace {

const QLatin1String kResources("resources");

Project teamExample()
{
    QString error;
    auto p = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json"), &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    // An unknown field on the tester, which a rename must carry along (§7: kept).
    QJsonArray team = p->projectExtra.value(kResources).toArray();
    QJsonObject tester = team.at(0).toObject();
    tester.insert(QStringLiteral("skill"), QStringLiteral("manual"));
    team.replace(0, tester);
    p->projectExtra.insert(kResources, team);
    return *p;
}

struct Fixture
{
    ProjectDocument doc;
    std::unique_ptr<AnalysisController> analysis;
    explicit Fixture(Project project)
    {
        doc.resetProject(std::move(project));
        analysis = std::make_unique<AnalysisController>(&doc);
        analysis->refreshNow();
    }
};

// Types `text` over the cell's content in its editor and commits it with Return, as a
// user does: F2 opens the editor, Ctrl+A selects what is there.
void typeInto(QTableWidget *table, int row, int column, const QString &text)
{
    table->setFocus();
    table->setCurrentCell(row, column);
    const QModelIndex index = table->model()->index(row, column);
    if (!table->indexWidget(index))
        QTest::keyClick(table, Qt::Key_F2);
    QWidget *editor = table->indexWidget(index);
    QVERIFY2(editor, "no editor opened");
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits and closes on its next event-loop turn.
    QTRY_VERIFY(!table->indexWidget(index));
}

QJsonObject demandOfTask(const ProjectDocument &doc, const char *id)
{
    return doc.project().find(QLatin1String(id))->extra.value(kResources).toObject();
}

QString steps(const std::vector<LoadStep> &profile)
{
    QStringList out;
    for (const LoadStep &s : profile)
        out << QStringLiteral("%1:%2").arg(s.time).arg(s.units);
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestTeamGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void dialogEditsTeamInOneStep();
    void refusesEmptyAndDuplicateNames();
    void removingReachesTasks();
    void loadChartShowsOverAllocation();
    void loadChartHintWithoutTeam();
    void mainWindowWiring();
};

void TestTeamGui::initTestCase()
{
    WorkplanTest::isolateSettings("tst_teamgui");
}

void TestTeamGui::dialogEditsTeamInOneStep()
{
    Fixture f(teamExample());
    const Project before = f.doc.project();
    TeamDialog dialog(&f.doc);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTableWidget *table = dialog.table();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, TeamDialog::NameColumn)->text(), QStringLiteral("tester"));

    // Capacity through its spin box editor, a rename, an addition.
    typeInto(table, 1, TeamDialog::CapacityColumn, QStringLiteral("3"));
    QCOMPARE(table->item(1, TeamDialog::CapacityColumn)->data(Qt::EditRole).toInt(), 3);
    typeInto(table, 0, TeamDialog::NameColumn, QStringLiteral("qa"));
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 3);
    typeInto(table, 2, TeamDialog::NameColumn, QStringLiteral("designer"));
    QVERIFY(dialog.problemLabel()->isHidden());

    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(f.doc.undoStack()->count(), 1);

    const QJsonArray team = f.doc.project().projectExtra.value(kResources).toArray();
    QCOMPARE(team.size(), 3);
    QCOMPARE(team.at(0).toObject(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("qa")}, {QStringLiteral("capacity"), 1},
                          {QStringLiteral("skill"), QStringLiteral("manual")}}));
    QCOMPARE(team.at(1).toObject().value(QLatin1String("capacity")).toInt(), 3);
    QCOMPARE(team.at(2).toObject().value(QLatin1String("name")).toString(), QStringLiteral("designer"));
    // The task that named the tester names qa now; the others are untouched.
    QCOMPARE(demandOfTask(f.doc, "performance_validation_2.4.0"), (QJsonObject{{QStringLiteral("qa"), 1}}));
    QCOMPARE(demandOfTask(f.doc, "deploy_staging_2.4.0"), (QJsonObject{{QStringLiteral("release_engineer"), 1}}));
    QVERIFY(!readResources(f.doc.project(), nullptr));

    // One undo step restores everything, one redo brings it back.
    f.doc.undoStack()->undo();
    QVERIFY(f.doc.project() == before);
    f.doc.undoStack()->redo();
    QCOMPARE(demandOfTask(f.doc, "performance_validation_2.4.0"), (QJsonObject{{QStringLiteral("qa"), 1}}));
}

void TestTeamGui::refusesEmptyAndDuplicateNames()
{
    Fixture f(teamExample());
    const Project before = f.doc.project();
    TeamDialog dialog(&f.doc);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QPushButton *ok = dialog.buttons()->button(QDialogButtonBox::Ok);

    typeInto(dialog.table(), 1, TeamDialog::NameColumn, QStringLiteral("tester"));
    QVERIFY(dialog.problemLabel()->isVisible());
    QVERIFY2(dialog.problemLabel()->text().contains(QStringLiteral("\u201ctester\u201d")),
             qPrintable(dialog.problemLabel()->text()));
    QVERIFY(dialog.problemLabel()->text().contains(QLatin1String("unique")));
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog.grab().save(QStringLiteral("/tmp/teamdialog.png")));
    dialog.accept();   // as Return in the dialog would: refused, still open, nothing applied
    QVERIFY(dialog.isVisible());
    QCOMPARE(f.doc.undoStack()->count(), 0);

    typeInto(dialog.table(), 1, TeamDialog::NameColumn, QStringLiteral("   "));
    QVERIFY(dialog.problemLabel()->text().contains(QLatin1String("no name")));
    QVERIFY(!ok->isEnabled());

    typeInto(dialog.table(), 1, TeamDialog::NameColumn, QStringLiteral("release_engineer"));
    QVERIFY(dialog.problemLabel()->isHidden());
    QVERIFY(ok->isEnabled());
    // Back to what it was: accepting changes nothing and pushes nothing.
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(f.doc.undoStack()->count(), 0);
    QVERIFY(f.doc.project() == before);
}

void TestTeamGui::removingReachesTasks()
{
    Fixture f(teamExample());
    const Project before = f.doc.project();
    TeamDialog dialog(&f.doc);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.table()->setCurrentCell(1, TeamDialog::NameColumn);
    QVERIFY(dialog.removeButton()->isEnabled());
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QCOMPARE(dialog.table()->rowCount(), 1);
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);

    QCOMPARE(f.doc.project().projectExtra.value(kResources).toArray().size(), 1);
    // {} keeps "this task needs no one of the team" rather than falling back to attributes.
    QCOMPARE(demandOfTask(f.doc, "deploy_staging_2.4.0"), QJsonObject());
    QCOMPARE(demandOfTask(f.doc, "deploy_production_2.4.0"), QJsonObject());
    QCOMPARE(demandOfTask(f.doc, "performance_validation_2.4.0"), (QJsonObject{{QStringLiteral("tester"), 1}}));
    QVERIFY(!readResources(f.doc.project(), nullptr));
    QCOMPARE(f.doc.undoStack()->count(), 1);
    f.doc.undoStack()->undo();
    QVERIFY(f.doc.project() == before);
}

void TestTeamGui::loadChartShowsOverAllocation()
{
    Fixture f(teamExample());
    QMainWindow window;
    QDockWidget *dock = LoadChart::addDock(&window, &f.doc, f.analysis.get());
    QCOMPARE(dock->objectName(), QStringLiteral("teamLoadDock"));
    auto *chart = qobject_cast<LoadChart *>(dock->widget());
    QVERIFY(chart);
    window.setCentralWidget(new QWidget);
    window.resize(1000, 640);
    window.resizeDocks({dock}, {380}, Qt::Horizontal);   // as wide as the main window's right docks
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(chart->hintLabel()->isHidden());
    QCOMPARE(chart->resourceBox()->count(), 2);
    QCOMPARE(chart->resourceBox()->currentText(), QStringLiteral("tester"));
    QCOMPARE(chart->capacity(), 1);

    // Unlimited: QA testing over [0, 24), performance validation (16 h, not before the
    // second day) over [8, 24), staging validation after the staging deploy (24..24.5 h):
    // two testers only over [8, 24).
    const std::vector<LoadStep> expected{{0, 1}, {8, 2}, {24, 0}, {24.5, 1}, {28.5, 0}};
    QCOMPARE(steps(chart->unlimitedProfile()), steps(expected));
    QVERIFY(!chart->leveledProfile().empty());
    QCOMPARE(peakUnits(chart->leveledProfile()), 1);

    // The red area rises above the capacity exactly where the plan over-allocates.
    QAreaSeries *over = nullptr;
    for (QAbstractSeries *s : chart->chartView()->chart()->series())
        if (auto *area = qobject_cast<QAreaSeries *>(s))
            over = area;
    QVERIFY(over);
    for (const QPointF &p : over->upperSeries()->points()) {
        if (p.y() > 1)
            QVERIFY2(p.x() >= 8 && p.x() <= 24, qPrintable(QStringLiteral("over at %1 h").arg(p.x())));
    }
    QVERIFY(over->upperSeries()->points().contains(QPointF(8, 2)));
    QVERIFY(over->upperSeries()->points().contains(QPointF(24, 2)));

    // A click at 12 h lists both testers' tasks; at 4 h, QA testing alone.
    QWidget *viewport = chart->chartView()->viewport();
    QTest::mouseClick(viewport, Qt::LeftButton, {}, chart->viewportPoint(12, 0.5));
    QCOMPARE(chart->taskList()->count(), 2);
    QCOMPARE(chart->taskList()->item(0)->data(Qt::UserRole).toString(), QStringLiteral("qa_testing_2.4.0"));
    QCOMPARE(chart->taskList()->item(1)->data(Qt::UserRole).toString(),
             QStringLiteral("performance_validation_2.4.0"));
    QVERIFY(chart->atLabel()->text().contains(QLatin1String("2 tasks")));
    QTest::mouseClick(viewport, Qt::LeftButton, {}, chart->viewportPoint(4, 0.5));
    QCOMPARE(chart->taskList()->count(), 1);
    QCOMPARE(chart->taskList()->item(0)->data(Qt::UserRole).toString(), QStringLiteral("qa_testing_2.4.0"));
    QTest::mouseClick(viewport, Qt::LeftButton, {}, chart->viewportPoint(12, 0.5));
    QVERIFY(dock->grab().save(QStringLiteral("/tmp/teamload.png")));

    // The release engineer: never over, its own profile.
    chart->resourceBox()->setCurrentIndex(1);
    QCOMPARE(chart->capacity(), 1);
    QCOMPARE(peakUnits(chart->unlimitedProfile()), 1);
    QCOMPARE(chart->taskList()->count(), 0);

    // An edit re-runs the analysis and the chart follows it (the choice is kept by name):
    // a 2 h staging deploy moves the staging validation and the production deploy too.
    auto *cmd = ChangeTaskCommand::setAttribute(&f.doc, QStringLiteral("deploy_staging_2.4.0"),
                                                QStringLiteral("estimated_effort"), QStringLiteral("2 hours"));
    f.doc.undoStack()->push(cmd);
    f.analysis->refreshNow();
    QCOMPARE(chart->resourceBox()->currentText(), QStringLiteral("release_engineer"));
    QCOMPARE(steps(chart->unlimitedProfile()), QStringLiteral("24:1 26:0 30:1 31:0"));
}

void TestTeamGui::loadChartHintWithoutTeam()
{
    Project p = teamExample();
    p.projectExtra.remove(kResources);
    for (int t = 0; t < p.taskCount(); ++t)
        p.task(t).extra.remove(kResources);
    Fixture f(std::move(p));
    LoadChart chart(&f.doc, f.analysis.get());
    chart.resize(500, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QVERIFY(chart.hintLabel()->isVisible());
    QCOMPARE(chart.hintLabel()->text(),
             QStringLiteral("Declare the team in Project \u25b8 Team\u2026 to see each resource's load."));
    QVERIFY(!chart.chartView()->isVisible());
}

void TestTeamGui::mainWindowWiring()
{
    MainWindow w;
    w.show();
    auto *riskDock = w.findChild<QDockWidget *>(QStringLiteral("riskDock"));
    auto *teamDock = w.findChild<QDockWidget *>(QStringLiteral("teamLoadDock"));
    QVERIFY(riskDock && teamDock);
    QVERIFY(w.tabifiedDockWidgets(riskDock).contains(teamDock));
    QVERIFY(qobject_cast<LoadChart *>(teamDock->widget()));
    auto *toggle = w.findChild<QAction *>(QStringLiteral("teamLoadAction"));
    QVERIFY(toggle);
    bool inViewMenu = false;
    for (QAction *top : w.menuBar()->actions()) {
        if (top->menu() && top->text().remove(QLatin1Char('&')) == QLatin1String("View"))
            inViewMenu = top->menu()->actions().contains(toggle);
    }
    QVERIFY(inViewMenu);
    auto *action = w.findChild<QAction *>(QStringLiteral("projectTeamAction"));
    QVERIFY(action);
    QCOMPARE(action->text(), QStringLiteral("&Team\u2026"));

    // The action opens the modal dialog; a timer closes it, so nothing is left open.
    bool seen = false;
    QTimer closer;
    connect(&closer, &QTimer::timeout, &w, [&] {
        if (auto *d = qobject_cast<TeamDialog *>(QApplication::activeModalWidget())) {
            seen = true;
            d->reject();
        }
    });
    closer.start(20);
    action->trigger();
    closer.stop();
    QVERIFY(seen);
    QCOMPARE(w.document()->undoStack()->count(), 0);
}

QTEST_MAIN(TestTeamGui)
#include "tst_teamgui.moc"
