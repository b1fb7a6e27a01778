// Issue #14.5: one set of overlay switches per window. The analysis panel's toolbar, the
// View ▸ Overlays menu, the canvas, the timeline, the task tree and printing share one
// OverlayState; parallel groups are called that everywhere a person reads them.
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/analysispanel.h"
#include "views/graph/graphscene.h"
#include "views/mainwindow.h"
#include "views/overlaystate.h"
#include "views/printing/offscreenplan.h"
#include "views/printing/printcontroller.h"
#include "views/tasktreemodel.h"
#include "views/tasktreewidget.h"
#include "views/timeline/timelinescene.h"
#include "views/timeline/timelinewidget.h"

#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace Workplan;

namespace {

const QString kExample = WorkplanTest::testData(QStringLiteral("examples/release-pipeline.json"));

// Every view of one window that shows the overlays.
struct Views
{
    explicit Views(MainWindow &w)
        : panel(w.findChild<AnalysisPanel *>())
        , canvas(w.findChild<GraphScene *>())
        , model(w.taskTree()->model())
        , printing(w.printing())
    {
        auto *dock = w.findChild<QDockWidget *>(QStringLiteral("TimelineDock"));
        timeline = dock ? dock->findChild<TimelineWidget *>()->scene() : nullptr;
    }
    bool allShowParallelGroups(bool on) const
    {
        return canvas->showParallelGroups() == on && timeline->showParallelGroups() == on
               && model->showParallelGroups() == on && printing->options().overlays.parallelGroups == on;
    }
    bool allShowCritical(bool on) const
    {
        return canvas->showCritical() == on && timeline->showCritical() == on && model->showCritical() == on
               && printing->options().overlays.critical == on;
    }
    AnalysisPanel *panel;
    GraphScene *canvas;
    TaskTreeModel *model;
    PrintController *printing;
    TimelineScene *timeline = nullptr;
};

// The tool button in the analysis panel's toolbar that shows `action`.
QToolButton *buttonFor(AnalysisPanel *panel, QAction *action)
{
    for (QToolButton *b : panel->findChildren<QToolButton *>()) {
        if (b->defaultAction() == action)
            return b;
    }
    return nullptr;
}

// Every text of the panel a person reads: toolbar, summary and the whole tree.
QStringList panelTexts(AnalysisPanel *panel)
{
    QStringList texts{panel->summaryText()};
    for (QAction *a : panel->overlayActions())
        texts << a->text() << a->iconText() << a->toolTip();
    std::function<void(QTreeWidgetItem *)> walk = [&](QTreeWidgetItem *item) {
        texts << item->text(0) << item->toolTip(0);
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i));
    };
    for (int i = 0; i < panel->tree()->topLevelItemCount(); ++i)
        walk(panel->tree()->topLevelItem(i));
    return texts;
}

} // namespace

class TestOverlayState : public QObject
{
    Q_OBJECT
private slots:
    void actionsAndFlagsAreOneSwitch();
    void oneStateDrivesEveryView();
    void viewSettersGoThroughTheState();
    void eachWindowHasItsOwnState();
    void printOptionsCarryTheOverlays();
    void parallelGroupWording();
};

void TestOverlayState::actionsAndFlagsAreOneSwitch()
{
    OverlayState state;
    const QList<QAction *> actions = state.actions();
    QCOMPARE(actions.size(), 4);
    QStringList texts, names;
    for (QAction *a : actions) {
        QVERIFY(a->isCheckable());
        texts << a->text();
        names << a->objectName();
    }
    QCOMPARE(texts, (QStringList{QStringLiteral("Critical path"), QStringLiteral("Blocked"),
                                 QStringLiteral("Parallel groups"), QStringLiteral("Slack")}));
    QCOMPARE(names, (QStringList{QStringLiteral("overlayCritical"), QStringLiteral("overlayBlocked"),
                                 QStringLiteral("overlayParallelGroups"), QStringLiteral("overlaySlack")}));
    QVERIFY(state.flags() == OverlayFlags());
    QVERIFY(actions[0]->isChecked() && actions[1]->isChecked() && !actions[2]->isChecked() && !actions[3]->isChecked());

    QSignalSpy changed(&state, &OverlayState::changed);
    actions[2]->trigger();
    QCOMPARE(changed.size(), 1);
    QVERIFY(state.parallelGroups());
    state.setCritical(false);
    QCOMPARE(changed.size(), 2);
    QVERIFY(!actions[0]->isChecked());
    state.setCritical(false);   // no change, no signal
    QCOMPARE(changed.size(), 2);
    OverlayFlags all{true, true, true, true};
    state.setFlags(all);
    QCOMPARE(changed.size(), 3);   // one signal for several flags
    for (QAction *a : actions)
        QVERIFY(a->isChecked());
}

void TestOverlayState::oneStateDrivesEveryView()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    w.analysis()->refreshNow();
    OverlayState *state = w.overlays();
    QVERIFY(state);
    Views v(w);
    QVERIFY(v.panel && v.canvas && v.timeline && v.model && v.printing);
    QAbstractItemModelTester tester(v.model);
    // One object, handed to each view: no copies.
    QCOMPARE(v.panel->overlayState(), state);
    QCOMPARE(v.canvas->overlayState(), state);
    QCOMPARE(v.timeline->overlayState(), state);
    QCOMPARE(v.model->overlayState(), state);
    QCOMPARE(v.printing->overlayState(), state);
    QCOMPARE(w.findChildren<OverlayState *>().size(), 1);
    // The panel's toolbar and View ▸ Overlays show the state's own actions.
    QCOMPARE(v.panel->overlayActions(), state->actions());
    auto *menu = w.menuBar()->findChild<QMenu *>(QStringLiteral("overlaysMenu"));
    QVERIFY(menu);
    QCOMPARE(menu->actions().mid(0, 4), state->actions());
    QVERIFY(menu->actions().contains(w.findChild<QAction *>(QStringLiteral("criticalityOverlayAction"))));

    QVERIFY(v.allShowCritical(true));
    QVERIFY(v.allShowParallelGroups(false));

    // A click on the toolbar button, as a person does it: every view follows at once.
    QToolButton *groups = buttonFor(v.panel, state->parallelGroupsAction());
    QVERIFY(groups);
    QSignalSpy rows(v.model, &QAbstractItemModel::dataChanged);
    QTest::mouseClick(groups, Qt::LeftButton);
    QVERIFY(state->parallelGroups());
    QVERIFY(v.allShowParallelGroups(true));
    QVERIFY(rows.size() > 0);   // the tree's tooltips say the group now
    const QString critical = QStringLiteral("qa_testing_2.4.0");
    QVERIFY(v.model->data(v.model->indexOf(critical), Qt::ToolTipRole).toString().contains(QLatin1String("Parallel group")));

    // The View menu's entry is the same switch.
    state->criticalAction()->trigger();
    QVERIFY(!state->criticalAction()->isChecked());
    QVERIFY(v.allShowCritical(false));
    QVERIFY(!buttonFor(v.panel, state->criticalAction())->isChecked());
    state->criticalAction()->trigger();
    QVERIFY(v.allShowCritical(true));
}

void TestOverlayState::viewSettersGoThroughTheState()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    Views v(w);
    // The scenes' setters change the shared state, so no view can drift from the others.
    v.timeline->setShowSlack(true);
    QVERIFY(w.overlays()->slack());
    QVERIFY(w.overlays()->slackAction()->isChecked());
    QVERIFY(v.canvas->showSlack() && v.model->showSlack() && v.printing->options().overlays.slack);
    v.canvas->setShowBlocked(false);
    QVERIFY(!v.timeline->showBlocked() && !v.model->showBlocked());
    QVERIFY(!w.overlays()->blockedAction()->isChecked());
}

void TestOverlayState::eachWindowHasItsOwnState()
{
    MainWindow first;
    MainWindow second;
    QVERIFY(first.overlays() && second.overlays());
    QVERIFY(first.overlays() != second.overlays());
    Views a(first), b(second);
    first.overlays()->parallelGroupsAction()->trigger();
    QVERIFY(a.allShowParallelGroups(true));
    QVERIFY(b.allShowParallelGroups(false));
    QVERIFY(!second.overlays()->parallelGroupsAction()->isChecked());
    second.overlays()->setCritical(false);
    QVERIFY(b.allShowCritical(false));
    QVERIFY(a.allShowCritical(true));
}

void TestOverlayState::printOptionsCarryTheOverlays()
{
    // The window's print options follow the switches; setting options keeps them so.
    MainWindow w;
    PrintOptions options;
    options.overlays.critical = false;
    w.printing()->setOptions(options);
    QVERIFY(w.printing()->options().overlays.critical);
    w.overlays()->setCritical(false);
    QVERIFY(!w.printing()->options().overlays.critical);

    // A plan printed without a window (`workplan print`) draws the overlays it is given.
    OffscreenPlan plan(WorkplanTest::loadExample("release-pipeline"));
    QVERIFY(plan.scene()->showCritical() && !plan.scene()->showParallelGroups());
    QTemporaryDir dir;
    PrintOptions print;
    print.overlays.critical = false;
    print.overlays.parallelGroups = true;
    QString error;
    QVERIFY2(plan.writePdf(dir.filePath(QStringLiteral("plan.pdf")), print, &error), qPrintable(error));
    QVERIFY(!plan.scene()->showCritical());
    QVERIFY(plan.scene()->showParallelGroups());
}

void TestOverlayState::parallelGroupWording()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    w.analysis()->refreshNow();
    auto *panel = w.findChild<AnalysisPanel *>();
    QTreeWidgetItem *section = panel->sectionItem(AnalysisPanel::Section::ParallelGroups);
    QVERIFY(section->text(0).startsWith(QLatin1String("Parallel groups")));
    QVERIFY(section->childCount() > 0);
    for (int i = 0; i < section->childCount(); ++i)
        QVERIFY2(section->child(i)->text(0).startsWith(QStringLiteral("Parallel group %1 \u2014 ").arg(i + 1)),
                 qPrintable(section->child(i)->text(0)));
    for (const QString &text : panelTexts(panel))
        QVERIFY2(!text.contains(QLatin1String("wave"), Qt::CaseInsensitive), qPrintable(text));
    // The canvas's and the timeline's tooltips use the same word.
    w.overlays()->setParallelGroups(true);
    Views v(w);
    const QString critical = QStringLiteral("qa_testing_2.4.0");
    const QString tip = v.timeline->toolTipFor(critical);
    QVERIFY2(tip.contains(QLatin1String("Parallel group ")) && !tip.contains(QLatin1String("wave"), Qt::CaseInsensitive),
             qPrintable(tip));
}

QTEST_MAIN(TestOverlayState)
#include "tst_overlaystate.moc"
