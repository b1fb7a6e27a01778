// Empty states and hints (issue #15.8): an empty canvas says how to start, the inspector
// says what it edits when nothing is selected, and the analysis panel explains the two
// rules users were puzzled by.
#include "model/projectdocument.h"
#include "views/graph/emptycanvashint.h"
#include "views/graph/graphview.h"
#include "views/mainwindow.h"

#include <QAction>
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
};

void TestEmptyStates::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("WorkplanTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_emptystates"));
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

QTEST_MAIN(TestEmptyStates)
#include "tst_emptystates.moc"
