// Empty states and hints (issue #15.8): an empty canvas says how to start, the inspector
// says what it edits when nothing is selected, and the analysis panel explains the two
// rules users were puzzled by.
#include "model/engine/analysishints.h"
#include "model/engine/analysis.h"
#include "model/engine/snapshot.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/analysispanel.h"
#include "views/inspector.h"
#include "views/taskselection.h"
#include "views/tasktreewidget.h"
#include "views/graph/emptycanvashint.h"
#include "views/graph/graphview.h"
#include "views/mainwindow.h"

#include "testsupport.h"

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QScrollArea>
#include <QScrollBar>
#include <QTreeView>
#include <QTreeWidget>
#include <QLabel>
#include <QStandardPaths>
#include <QUndoStack>
#include <QtTest>

using namespace Workplan;

class TestEmptyStates : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void emptyCanvasSaysHowToStart();
    void inspectorSaysWhatItEdits();
    void analysisExplainsWhereItApplies();
    void panelsFit_data();
    void panelsFit();
};

void TestEmptyStates::initTestCase()
{
    WorkplanTest::isolateSettings("tst_emptystates");
}

static void triggerNew(MainWindow &w)
{
    for (QAction *a : w.findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(QKeySequence::New)) {
            a->trigger();
            return;
        }
    }
    QFAIL("no New action");
}

void TestEmptyStates::emptyCanvasSaysHowToStart()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    triggerNew(w);
    auto *view = w.findChild<GraphView *>();
    QVERIFY(view);
    auto *hint = view->viewport()->findChild<EmptyCanvasHint *>();
    QVERIFY(hint);
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(QLatin1String("palette")));
    QVERIFY(hint->text().contains(QLatin1String("Insert")));
    QCOMPARE(hint->geometry(), view->viewport()->rect());
    // The hint names Insert: Insert on the canvas adds a task, and the hint goes.
    view->setFocus();
    QTest::keyClick(view->viewport(), Qt::Key_Insert);
    QCOMPARE(w.document()->project().taskCount(), 1);
    QVERIFY(!hint->isVisible());
    w.document()->undoStack()->undo();
    QVERIFY(hint->isVisible());
}

void TestEmptyStates::inspectorSaysWhatItEdits()
{
    MainWindow w;
    w.show();
    QVERIFY(w.openFile(QStringLiteral(":/samples/feature-development.json")));
    auto *hint = w.inspector()->findChild<QLabel *>(QStringLiteral("inspectorEmptyHint"));
    QVERIFY(hint);
    w.selection()->clear();
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(QLatin1String("Select a task")));
    w.selection()->select(QStringLiteral("impl_websocket_server"));
    QVERIFY(!hint->isVisible());
    // Several tasks: the multi-task page, not the hint.
    w.selection()->setSelection({QStringLiteral("impl_websocket_server"), QStringLiteral("impl_message_storage")},
                                QStringLiteral("impl_message_storage"));
    QVERIFY(!hint->isVisible());
    w.selection()->clear();
    QVERIFY(hint->isVisible());
}

static Task leafTask(const char *id, Status status, const char *waitsOn = nullptr, DependencyType type = DependencyType::Completion)
{
    Task t;
    t.id = QLatin1String(id);
    t.type = QStringLiteral("specialist_task");
    t.status = status;
    t.attributes.insert(QStringLiteral("title"), QString::fromLatin1(id).toUpper());
    t.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("8 h"));
    if (waitsOn) {
        Dependency d;
        d.taskId = QLatin1String(waitsOn);
        d.type = type;
        t.dependencies << d;
    }
    return t;
}

// The two rules users misread get one line each, only where they apply.
void TestEmptyStates::analysisExplainsWhereItApplies()
{
    Project plain;
    plain.setTasks({leafTask("a", Status::Pending), leafTask("b", Status::Pending, "a")});
    Project done;
    done.setTasks({leafTask("a", Status::Completed), leafTask("b", Status::Pending, "a")});
    Project approval;
    approval.setTasks({leafTask("a", Status::Completed), leafTask("b", Status::Pending, "a", DependencyType::Approval)});
    auto hints = [](const Project &p) {
        const Snapshot s = Snapshot::fromProject(p);
        return analysisHints(s, analyze(s));
    };
    QVERIFY(!hints(plain).completedOnCriticalPath && !hints(plain).approvalWaitsOnCompleted);
    QVERIFY(hints(done).completedOnCriticalPath && !hints(done).approvalWaitsOnCompleted);
    QVERIFY(hints(approval).approvalWaitsOnCompleted);

    ProjectDocument doc;
    TaskSelection selection;
    AnalysisController analysis(&doc);
    AnalysisPanel panel(&analysis, &selection, &doc);
    panel.show();
    QLabel *hint = panel.hintLabel();
    doc.resetProject(plain);
    analysis.refreshNow();
    QVERIFY(hint->isHidden());
    doc.resetProject(approval);
    analysis.refreshNow();
    QVERIFY(!hint->isHidden());
    QVERIFY(hint->text().contains(QLatin1String("critical path")));
    QVERIFY(hint->text().contains(QLatin1String("approved")));
}

void TestEmptyStates::panelsFit_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x800") << QSize(1280, 800);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

// Issue #15.6: at both common sizes the window keeps its size, the inspector fits its
// dock's width and has room, the tree's titles are whole, and the analysis reasons wrap.
void TestEmptyStates::panelsFit()
{
    QFETCH(QSize, size);
    MainWindow w;
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openFile(QStringLiteral(":/samples/feature-development.json")));
    w.selection()->select(QStringLiteral("impl_websocket_server"));
    QTest::qWait(50);
    QCOMPARE(w.size(), size);
    auto *inspectorDock = w.findChild<QDockWidget *>(QStringLiteral("InspectorDock"));
    auto *scroll = qobject_cast<QScrollArea *>(inspectorDock->widget());
    QVERIFY(scroll);
    QVERIFY2(!scroll->horizontalScrollBar()->isVisible(),
             qPrintable(QStringLiteral("inspector %1 wide in %2").arg(w.inspector()->minimumSizeHint().width())
                            .arg(scroll->viewport()->width())));
    QVERIFY2(inspectorDock->height() >= 250, qPrintable(QString::number(inspectorDock->height())));
    // Titles whole in the tree.
    QTreeView *tree = w.taskTree()->view();
    const int titleWidth = tree->columnWidth(0);
    const QFontMetrics fm(tree->font());
    QVERIFY2(titleWidth >= fm.horizontalAdvance(QStringLiteral("Implement WebSocket Server")) + 60,
             qPrintable(QString::number(titleWidth)));
    // Reasons wrap: no sideways scrolling, no eliding.
    auto *panel = w.findChild<AnalysisPanel *>();
    auto *analysisTree = panel->findChild<QTreeWidget *>(QStringLiteral("analysisTree"));
    QVERIFY(analysisTree->wordWrap());
    QCOMPARE(analysisTree->textElideMode(), Qt::ElideNone);
    QCOMPARE(analysisTree->horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
    QTreeWidgetItem *blocked = analysisTree->topLevelItem(1);
    QTreeWidgetItem *reason = blocked && blocked->childCount() ? blocked->child(0)->child(0) : nullptr;
    QVERIFY(reason);
    const QFontMetrics treeFont(analysisTree->font());
    // A reason wider than its room gets a second line (the test plan's reasons are). The
    // view lays its rows out again after the docks settle, on a later turn of the loop.
    // (Both wait for that: before it the row may still be as wide as the text.)
    QTRY_VERIFY_WITH_TIMEOUT(treeFont.horizontalAdvance(reason->text(0)) > analysisTree->visualItemRect(reason).width(), 5000);
    QTRY_VERIFY2_WITH_TIMEOUT(analysisTree->visualItemRect(reason).height() >= 2 * treeFont.height(),
                              qPrintable(QString::number(analysisTree->visualItemRect(reason).height())), 5000);
}

QTEST_MAIN(TestEmptyStates)
#include "tst_emptystates.moc"
