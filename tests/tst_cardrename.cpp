// Issue #15: double-click a card's title on the canvas to rename the task in place. Enter
// or leaving the field renames it (one undo step), Esc leaves it as it was; a folded
// summary's card still opens on double-click, and typing never reaches the canvas's keys.
#include "model/commands/taskcommands.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/graph/cardrenamer.h"
#include "views/graph/carditem.h"
#include "views/graph/frameitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphstyle.h"
#include "views/graph/graphview.h"
#include "views/taskselection.h"
#include "canvasfixture.h"
#include "testsupport.h"

#include <QLineEdit>
#include <QScrollBar>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace Workplan;

class TestCardRename : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void enterRenamesInOneStep();
    void escapeCancels();
    void focusOutCommits();
    void keysStayInTheField();
    void fieldFollowsTheCardWhenScrolled();
    void removedTaskClosesTheField();
    void onlyTheTitleStartsIt();
    void foldedSummaryStillOpens();

private:
    QString title(const QString &id) const { return m_canvas.doc->project().find(id)->title(); }
    // Double-clicks the title of `id`'s card on the viewport; returns the field, if any.
    QLineEdit *doubleClickTitle(const QString &id, const QPointF &inCard = QPointF(60, 10));
    QLineEdit *editor() const { return m_canvas.view->viewport()->findChild<QLineEdit *>(QStringLiteral("cardRenameEdit")); }

    WorkplanTest::CanvasFixture m_canvas;
    QUndoStack *m_stack = nullptr;
    const QString kId = QStringLiteral("impl_websocket_server");
};

void TestCardRename::init()
{
    QVERIFY(m_canvas.open(WorkplanTest::loadExample("feature-development"), QSize(1000, 700)));
    m_stack = m_canvas.doc->undoStack();
    m_canvas.view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_canvas.view.get()));
    m_canvas.view->setZoom(1.0);
}

void TestCardRename::cleanup()
{
    m_canvas.close();
}

QLineEdit *TestCardRename::doubleClickTitle(const QString &id, const QPointF &inCard)
{
    CardItem *card = m_canvas.scene->cardFor(id);
    if (!card)
        return nullptr;
    m_canvas.view->centerOn(card);
    const QPoint at = m_canvas.view->mapFromScene(card->mapToScene(inCard));
    // As a mouse does it: press and release, then the double-click and its release.
    QTest::mouseClick(m_canvas.view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(m_canvas.view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseRelease(m_canvas.view->viewport(), Qt::LeftButton, {}, at);
    return editor();
}

void TestCardRename::enterRenamesInOneStep()
{
    QLineEdit *edit = doubleClickTitle(kId);
    QVERIFY(edit);
    QVERIFY(edit->isVisible());
    QVERIFY(edit->hasFocus());
    QCOMPARE(edit->text(), title(kId));
    QCOMPARE(edit->selectedText(), title(kId));   // typing replaces it
    // The field lies over the card's title.
    const QRect cardOnScreen = m_canvas.view->mapFromScene(m_canvas.scene->cardFor(kId)->nodeSceneRect()).boundingRect();
    QVERIFY(cardOnScreen.intersects(edit->geometry()));

    const int steps = m_stack->count();
    QTest::keyClicks(edit, QStringLiteral("WebSocket gateway"));
    QCOMPARE(title(kId), QStringLiteral("Implement WebSocket Server"));   // nothing yet
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(title(kId), QStringLiteral("WebSocket gateway"));
    QCOMPARE(m_stack->count(), steps + 1);
    QTRY_VERIFY(!editor());
    QVERIFY(m_canvas.view->hasFocus());   // back to the canvas
    m_stack->undo();
    QCOMPARE(title(kId), QStringLiteral("Implement WebSocket Server"));

    // A second rename is a step of its own, not merged into the first.
    m_stack->redo();
    edit = doubleClickTitle(kId);
    QVERIFY(edit);
    QTest::keyClicks(edit, QStringLiteral("Gateway"));
    QTest::keyClick(edit, Qt::Key_Enter);
    QCOMPARE(title(kId), QStringLiteral("Gateway"));
    QCOMPARE(m_stack->count(), steps + 2);
}

void TestCardRename::escapeCancels()
{
    QLineEdit *edit = doubleClickTitle(kId);
    QVERIFY(edit);
    const int steps = m_stack->count();
    QTest::keyClicks(edit, QStringLiteral("Not this"));
    QTest::keyClick(edit, Qt::Key_Escape);
    QTRY_VERIFY(!editor());
    QCOMPARE(title(kId), QStringLiteral("Implement WebSocket Server"));
    QCOMPARE(m_stack->count(), steps);

    // An emptied title renames nothing either.
    edit = doubleClickTitle(kId);
    QVERIFY(edit);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(title(kId), QStringLiteral("Implement WebSocket Server"));
    QCOMPARE(m_stack->count(), steps);
}

// Clicking elsewhere on the canvas keeps what was typed.
void TestCardRename::focusOutCommits()
{
    QLineEdit *edit = doubleClickTitle(kId);
    QVERIFY(edit);
    QTest::keyClicks(edit, QStringLiteral("Socket server"));
    const QPointF empty = m_canvas.scene->planRect().bottomRight() + QPointF(100, 100);
    m_canvas.view->centerOn(empty);
    QTest::mouseClick(m_canvas.view->viewport(), Qt::LeftButton, {}, m_canvas.view->mapFromScene(empty));
    QTRY_VERIFY(!editor());
    QCOMPARE(title(kId), QStringLiteral("Socket server"));
}

// Backspace and the arrows edit the text; on the canvas they would delete the selected
// task and move the selection.
void TestCardRename::keysStayInTheField()
{
    QLineEdit *edit = doubleClickTitle(kId);
    QVERIFY(edit);
    QCOMPARE(m_canvas.selection->currentId(), kId);
    const int tasks = m_canvas.doc->project().taskCount();
    QTest::keyClick(edit, Qt::Key_End);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClick(edit, Qt::Key_Down);
    QTest::keyClick(edit, Qt::Key_Up);
    QCOMPARE(m_canvas.doc->project().taskCount(), tasks);
    QCOMPARE(m_canvas.selection->currentId(), kId);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(title(kId), QStringLiteral("Implement WebSocket Serve"));
}

void TestCardRename::fieldFollowsTheCardWhenScrolled()
{
    QLineEdit *edit = doubleClickTitle(kId);
    QVERIFY(edit);
    auto cardTop = [this] { return m_canvas.view->mapFromScene(m_canvas.scene->cardFor(kId)->scenePos()).y(); };
    const int offset = edit->y() - cardTop();
    QScrollBar *bar = m_canvas.view->verticalScrollBar();
    bar->setValue(bar->value() + 40);
    QCOMPARE(edit->y() - cardTop(), offset);
    QVERIFY(edit->hasFocus());
}

// Undo (or anything else) takes the task away: the field goes, renaming nothing.
void TestCardRename::removedTaskClosesTheField()
{
    const QString id = QStringLiteral("test_messaging_system");
    QLineEdit *edit = doubleClickTitle(id);
    QVERIFY(edit);
    QTest::keyClicks(edit, QStringLiteral("Gone"));
    const int steps = m_stack->count();
    m_stack->push(new RemoveTasksCommand(m_canvas.doc.get(), {id}));
    QTRY_VERIFY(!editor());
    QCOMPARE(m_stack->count(), steps + 1);
    m_stack->undo();
    QVERIFY(title(id) != QStringLiteral("Gone"));

    // So does another plan.
    QVERIFY(doubleClickTitle(id));
    m_canvas.doc->resetProject(WorkplanTest::loadExample("bug-fix-regular"));
    QTRY_VERIFY(!editor());
}

void TestCardRename::onlyTheTitleStartsIt()
{
    // The status row at the bottom of the card: no field.
    QVERIFY(!doubleClickTitle(kId, QPointF(GraphStyle::CardWidth / 2, GraphStyle::CardHeight - 10)));
    QVERIFY(!CardRenamer::active(m_canvas.scene.get()));
}

// Double-click on a folded summary's card opens it, as before; its frame header folds it.
void TestCardRename::foldedSummaryStillOpens()
{
    const QString summary = QStringLiteral("feature_message_system");
    m_canvas.scene->setCollapsed(summary, true);
    m_canvas.scene->flush();
    QVERIFY(!doubleClickTitle(summary));
    QVERIFY(!m_canvas.scene->isCollapsed(summary));
    QCOMPARE(title(summary), QStringLiteral("Core Messaging System"));
}

QTEST_MAIN(TestCardRename)
#include "tst_cardrename.moc"
