// Issue #16 items 2 and 3, in the real window: F on the canvas focuses the selected task's
// dependency chain (the rest fades, the view fits the chain), Esc returns; Focus Critical
// Path; Ctrl+F opens the find bar, Enter/F3 step through the matches, selecting and
// centring each.
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/graph/carditem.h"
#include "views/graph/edgeitem.h"
#include "views/graph/findbar.h"
#include "views/graph/frameitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/mainwindow.h"
#include "views/taskselection.h"
#include "windowfixture.h"
#include "testsupport.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QStandardPaths>
#include <QToolBar>
#include <QtTest>

#include <memory>

using namespace Workplan;

class TestFocusFind : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void fFocusesTheChainAndEscReturns();
    void fAgainReturnsAndTypingFElsewhereTypes();
    void focusCriticalPath();
    void findStepsThroughMatches();
    void findEscClosesAndF3Reopens();

private:
    void press(int key, Qt::KeyboardModifiers mods = Qt::NoModifier);
    TaskSelection *selection() const { return m_view->graphScene()->taskSelection(); }
    qreal opacityOf(const char *id) const
    {
        const CardItem *card = m_view->graphScene()->cardFor(QLatin1String(id));
        return card ? card->opacity() : -1;
    }
    QRectF visibleSceneRect() const
    {
        return m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    }

    std::unique_ptr<MainWindow> m_window;
    GraphView *m_view = nullptr;
};

void TestFocusFind::initTestCase()
{
    WorkplanTest::isolateSettings("tst_focusfind");
}

void TestFocusFind::init()
{
    WorkplanTest::WindowFixture fixture;
    QVERIFY(fixture.open(WorkplanTest::loadExample("feature-development")));
    m_window = std::move(fixture.window);
    m_view = fixture.view;
}

void TestFocusFind::cleanup()
{
    m_window.reset();
}

// As the user types on the canvas: the shortcut map decides, with the canvas focused.
void TestFocusFind::press(int key, Qt::KeyboardModifiers mods)
{
    m_view->setFocus();
    QVERIFY(m_view->hasFocus());
    QTest::keyClick(m_view->viewport(), Qt::Key(key), mods);
}

void TestFocusFind::fFocusesTheChainAndEscReturns()
{
    GraphScene *scene = m_view->graphScene();
    selection()->select(QStringLiteral("impl_websocket_server"));
    m_view->setZoom(3.0);
    QRectF before;
    for (const char *id : {"arch_messaging_system", "test_messaging_system"})
        before |= scene->cardFor(QLatin1String(id))->nodeSceneRect();
    QVERIFY(!visibleSceneRect().contains(before));   // not all in view before
    press(Qt::Key_F);
    QAction *toggle = m_window->findChild<QAction *>(QStringLiteral("focusChainAction"));
    QVERIFY(toggle->isChecked());
    QVERIFY(m_window->findChild<QToolBar *>(QStringLiteral("MainToolBar"))->actions().contains(toggle));
    // The chain at full strength: prerequisite, the task, its dependent.
    const char *chain[] = {"arch_messaging_system", "impl_websocket_server", "test_messaging_system"};
    QRectF chainRect;
    for (const char *id : chain) {
        QCOMPARE(opacityOf(id), 1.0);
        chainRect |= scene->cardFor(QLatin1String(id))->nodeSceneRect();
    }
    // Its summaries' frames too; the unrelated fade.
    QCOMPARE(scene->frameFor(QStringLiteral("feature_message_system"))->opacity(), 1.0);
    QVERIFY(opacityOf("impl_message_storage") < 0.5);
    for (const char *id : {"feature_user_presence", "feature_chat_ui"}) {
        const QGraphicsItem *item = scene->cardFor(QLatin1String(id));
        if (FrameItem *frame = scene->frameFor(QLatin1String(id)); frame && frame->isVisible())
            item = frame;
        QVERIFY2(item->opacity() < 0.5, id);
    }
    // An arrow inside the chain stays, one to a faded task fades.
    const QList<EdgeItem *> tested = scene->edgesOf(QStringLiteral("test_messaging_system"));
    QCOMPARE(tested.size(), 2);
    for (EdgeItem *e : tested) {
        const bool inChain = e->source()->taskId() == QLatin1String("impl_websocket_server");
        QCOMPARE(e->opacity() == 1.0, inChain);
    }
    // The view shows the whole chain.
    QVERIFY2(visibleSceneRect().contains(chainRect), "the chain is not all in view");

    press(Qt::Key_Escape);
    QCOMPARE(opacityOf("impl_message_storage"), 1.0);
    for (EdgeItem *e : tested)
        QCOMPARE(e->opacity(), 1.0);
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("focusChainAction"))->isChecked());
    // The selection stays: Esc only ended the focus.
    QCOMPARE(selection()->currentId(), QStringLiteral("impl_websocket_server"));
}

void TestFocusFind::fAgainReturnsAndTypingFElsewhereTypes()
{
    selection()->select(QStringLiteral("impl_message_storage"));
    press(Qt::Key_F);
    QVERIFY(opacityOf("impl_websocket_server") < 0.5);
    QCOMPARE(opacityOf("impl_message_storage"), 1.0);
    // Another task selected: F moves the focus to its chain.
    selection()->select(QStringLiteral("impl_websocket_server"));
    press(Qt::Key_F);
    QCOMPARE(opacityOf("impl_websocket_server"), 1.0);
    QVERIFY(opacityOf("impl_message_storage") < 0.5);
    // The same again: back to everything.
    press(Qt::Key_F);
    QCOMPARE(opacityOf("impl_message_storage"), 1.0);

    // F in a text field types an F; the canvas does not focus.
    auto *edit = new QLineEdit(m_window.get());
    edit->show();
    edit->setFocus();
    QVERIFY(edit->hasFocus());
    QTest::keyClick(edit, Qt::Key_F);
    QCOMPARE(edit->text(), QStringLiteral("f"));
    QCOMPARE(opacityOf("impl_message_storage"), 1.0);
}

void TestFocusFind::focusCriticalPath()
{
    const auto result = m_window->findChild<AnalysisController *>()->result();
    QVERIFY(result);
    QStringList critical, other;
    for (int t = 0; t < result->snapshot.taskCount(); ++t) {
        const QString id = result->snapshot.ids[std::size_t(t)];
        if (result->snapshot.isLeaf(t))
            (result->critical[std::size_t(t)] ? critical : other).append(id);
    }
    QVERIFY(!critical.isEmpty());
    QVERIFY(!other.isEmpty());
    m_window->findChild<QAction *>(QStringLiteral("focusCriticalPathAction"))->trigger();
    for (const QString &id : critical)
        QCOMPARE(m_view->graphScene()->cardFor(id)->opacity(), 1.0);
    for (const QString &id : other)
        QVERIFY2(m_view->graphScene()->cardFor(id)->opacity() < 0.5, qPrintable(id));
    press(Qt::Key_Escape);
    for (const QString &id : other)
        QCOMPARE(m_view->graphScene()->cardFor(id)->opacity(), 1.0);
}

void TestFocusFind::findStepsThroughMatches()
{
    auto *bar = m_view->findChild<FindBar *>();
    QVERIFY(bar);
    QVERIFY(!bar->isVisible());
    press(Qt::Key_F, Qt::ControlModifier);
    QVERIFY(bar->isVisible());
    QVERIFY(bar->lineEdit()->hasFocus());

    QTest::keyClicks(bar->lineEdit(), QStringLiteral("storage"));
    QCOMPARE(bar->matches(), QStringList{QStringLiteral("impl_message_storage")});
    QCOMPARE(bar->matchList()->count(), 1);
    m_view->setZoom(2.0);
    m_view->centerOn(-5000, -5000);
    QTest::keyClick(bar->lineEdit(), Qt::Key_Return);
    QCOMPARE(selection()->currentId(), QStringLiteral("impl_message_storage"));
    QCOMPARE(bar->countText(), QStringLiteral("1 of 1"));
    const QRectF card = m_view->graphScene()->cardFor(QStringLiteral("impl_message_storage"))->nodeSceneRect();
    QVERIFY2(visibleSceneRect().contains(card.center()), "the match is not centred");

    // Case-insensitive on id and title: "IMPL" is in two ids; F3 steps, Shift+F3 back,
    // wrapping round.
    bar->lineEdit()->selectAll();
    QTest::keyClicks(bar->lineEdit(), QStringLiteral("IMPL"));
    QCOMPARE(bar->matches().size(), 2);
    QCOMPARE(bar->countText(), QStringLiteral("2 matches"));
    QTest::keyClick(bar->lineEdit(), Qt::Key_F3);
    QCOMPARE(selection()->currentId(), bar->matches().at(0));
    QTest::keyClick(bar->lineEdit(), Qt::Key_F3);
    QCOMPARE(selection()->currentId(), bar->matches().at(1));
    QCOMPARE(bar->countText(), QStringLiteral("2 of 2"));
    QTest::keyClick(bar->lineEdit(), Qt::Key_F3);
    QCOMPARE(selection()->currentId(), bar->matches().at(0));
    QTest::keyClick(bar->lineEdit(), Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(selection()->currentId(), bar->matches().at(1));
    QTest::keyClick(bar->lineEdit(), Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(selection()->currentId(), bar->matches().at(0));
    QCOMPARE(bar->findChild<QLabel *>(QStringLiteral("findCount"))->text(), QStringLiteral("1 of 2"));

    bar->lineEdit()->selectAll();
    QTest::keyClicks(bar->lineEdit(), QStringLiteral("no such task"));
    QVERIFY(bar->matches().isEmpty());
    QCOMPARE(bar->countText(), QStringLiteral("No matches"));
}

void TestFocusFind::findEscClosesAndF3Reopens()
{
    auto *bar = m_view->findChild<FindBar *>();
    press(Qt::Key_F, Qt::ControlModifier);
    QTest::keyClicks(bar->lineEdit(), QStringLiteral("messaging"));
    QVERIFY(bar->matches().size() >= 2);
    QTest::keyClick(bar->lineEdit(), Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
    QVERIFY(m_view->hasFocus());   // the canvas has its keys back
    // F3 on the canvas steps through the last search.
    press(Qt::Key_F3);
    QVERIFY(bar->isVisible());
    QCOMPARE(selection()->currentId(), bar->matches().at(0));
    // A click on a listed match goes there.
    QListWidget *list = bar->matchList();
    const QRect row = list->visualItemRect(list->item(1));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(selection()->currentId(), bar->matches().at(1));
}

QTEST_MAIN(TestFocusFind)
#include "tst_focusfind.moc"
