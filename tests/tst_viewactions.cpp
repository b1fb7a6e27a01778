// Issue #15: View ▸ Zoom In/Out, Fit to Window, Actual Size and Lay Out Plan, with their
// shortcuts, in the real window: the keys reach the canvas wherever the focus is (the
// timeline keeps its own Ctrl+plus/minus), Lay Out Plan is one undo step, no two actions
// share a key, and Help ▸ Keyboard Shortcuts lists them all.
#include "model/commands/structurecommands.h"
#include "model/projectdocument.h"
#include "views/graph/graphview.h"
#include "views/mainwindow.h"
#include "views/shortcutsdialog.h"
#include "views/tasktreewidget.h"
#include "views/timeline/timelinescene.h"
#include "views/timeline/timelineview.h"
#include "windowfixture.h"
#include "testsupport.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace Workplan;

class TestViewActions : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void viewMenuHasZoomActions();
    void noTwoActionsShareAKey();
    void shortcutsZoomTheCanvasFromAnywhere();
    void timelineKeepsItsZoomKeys();
    void layOutPlanIsOneUndoStep();
    void shortcutsDialogListsEveryShortcut();

private:
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QLatin1String(name));
    }
    QMenu *viewMenu() const;
    // Presses `key` where the focus is, as the user would: the shortcut map decides.
    void press(QWidget *focus, int key, Qt::KeyboardModifiers mods = Qt::ControlModifier);

    std::unique_ptr<MainWindow> m_window;
    GraphView *m_view = nullptr;
};

void TestViewActions::initTestCase()
{
    WorkplanTest::isolateSettings("tst_viewactions");
}

void TestViewActions::init()
{
    WorkplanTest::WindowFixture fixture;
    QVERIFY(fixture.open(WorkplanTest::loadExample("feature-development")));
    m_window = std::move(fixture.window);
    m_view = fixture.view;
}

void TestViewActions::cleanup()
{
    m_window.reset();
}

QMenu *TestViewActions::viewMenu() const
{
    for (QAction *a : m_window->menuBar()->actions()) {
        if (a->menu() && a->text() == QLatin1String("&View"))
            return a->menu();
    }
    return nullptr;
}

void TestViewActions::press(QWidget *focus, int key, Qt::KeyboardModifiers mods)
{
    focus->setFocus();
    QVERIFY(focus->hasFocus());
    QTest::keyClick(focus, Qt::Key(key), mods);
}

void TestViewActions::viewMenuHasZoomActions()
{
    QMenu *menu = viewMenu();
    QVERIFY(menu);
    struct Expected { const char *name; const char *text; QKeySequence key; };
    const Expected expected[] = {
        {"zoomInAction", "Zoom &In", QKeySequence(QKeySequence::ZoomIn)},
        {"zoomOutAction", "Zoom &Out", QKeySequence(Qt::CTRL | Qt::Key_Minus)},
        {"fitToWindowAction", "&Fit to Window", QKeySequence(Qt::CTRL | Qt::Key_0)},
        {"actualSizeAction", "&Actual Size (100 %)", QKeySequence(Qt::CTRL | Qt::Key_1)},
        {"layOutPlanAction", "&Lay Out Plan", QKeySequence(Qt::CTRL | Qt::Key_L)},
    };
    for (const Expected &e : expected) {
        QAction *a = action(e.name);
        QVERIFY2(a, e.name);
        QVERIFY2(menu->actions().contains(a), e.name);
        QCOMPARE(a->text(), QLatin1String(e.text));
        QVERIFY2(a->shortcuts().contains(e.key), qPrintable(a->shortcut().toString()));
    }
}

void TestViewActions::noTwoActionsShareAKey()
{
    QHash<QKeySequence, QString> owner;
    for (const QAction *a : m_window->findChildren<QAction *>()) {
        // Keys bound to one widget (Delete in the tree) may mean something else elsewhere.
        if (a->shortcutContext() != Qt::WindowShortcut && a->shortcutContext() != Qt::ApplicationShortcut)
            continue;
        for (const QKeySequence &k : a->shortcuts()) {
            QVERIFY2(!owner.contains(k), qPrintable(QStringLiteral("%1 is taken by both \u201c%2\u201d and \u201c%3\u201d")
                                                        .arg(k.toString(), owner.value(k), a->text())));
            owner.insert(k, a->text());
        }
    }
}

// From the task tree (the canvas does not have the focus): the window's shortcuts zoom it.
void TestViewActions::shortcutsZoomTheCanvasFromAnywhere()
{
    QWidget *tree = m_window->taskTree()->findChild<QAbstractItemView *>();
    QVERIFY(tree);
    press(tree, Qt::Key_1);
    QCOMPARE(m_view->zoom(), 1.0);
    press(tree, Qt::Key_Plus);
    QCOMPARE(m_view->zoom(), 1.25);
    press(tree, Qt::Key_Plus);
    QCOMPARE(m_view->zoom(), 1.25 * 1.25);
    press(tree, Qt::Key_Minus);
    press(tree, Qt::Key_Minus);
    QVERIFY(qAbs(m_view->zoom() - 1.0) < 1e-9);
    m_view->setZoom(3.0);
    press(tree, Qt::Key_0);   // the whole plan, at most 100 %
    QVERIFY(m_view->zoom() <= 1.0);
    // And from the menu itself.
    action("actualSizeAction")->trigger();
    QCOMPARE(m_view->zoom(), 1.0);
}

void TestViewActions::timelineKeepsItsZoomKeys()
{
    auto *timeline = m_window->findChild<TimelineView *>();
    QVERIFY(timeline);
    m_view->setZoom(1.0);
    const double before = timeline->timelineScene()->scale().pixelsPerHour();
    press(timeline, Qt::Key_Plus);
    QCOMPARE(m_view->zoom(), 1.0);
    QVERIFY(timeline->timelineScene()->scale().pixelsPerHour() > before);
    // Keys the timeline has no use for still reach the canvas.
    press(timeline, Qt::Key_0);
    press(timeline, Qt::Key_1);
    QCOMPARE(m_view->zoom(), 1.0);
    m_view->setZoom(2.0);
    press(timeline, Qt::Key_1);
    QCOMPARE(m_view->zoom(), 1.0);
}

void TestViewActions::layOutPlanIsOneUndoStep()
{
    ProjectDocument *doc = m_window->document();
    QUndoStack *stack = doc->undoStack();
    // A card far out of its place first, so the layout surely moves something.
    stack->push(new SetPositionsCommand(doc, {{QStringLiteral("impl_websocket_server"), QPointF(5000, 5000)}}));
    const Project before = doc->project();
    const int steps = stack->count();
    QWidget *tree = m_window->taskTree()->findChild<QAbstractItemView *>();
    m_view->setZoom(3.0);
    press(tree, Qt::Key_L);
    QCOMPARE(stack->count(), steps + 1);
    QVERIFY(m_view->zoom() <= 1.0);   // the new layout is shown whole
    QVERIFY(doc->project() != before);
    QVERIFY(doc->project().find(QStringLiteral("impl_websocket_server"))->position != QPointF(5000, 5000));
    stack->undo();
    QVERIFY(doc->project() == before);
}

// Help ▸ Keyboard Shortcuts, opened from its menu: every action with a key is a row, the
// new View actions among them with their menu and keys.
void TestViewActions::shortcutsDialogListsEveryShortcut()
{
    QAction *help = action("keyboardShortcutsAction");
    QVERIFY(help);
    QStringList rows;
    int rowCount = -1;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ShortcutsDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        QTableWidget *table = dialog->table();
        rowCount = table->rowCount();
        for (int r = 0; r < table->rowCount(); ++r)
            rows << QStringLiteral("%1|%2|%3").arg(table->item(r, 0)->text(), table->item(r, 1)->text(),
                                                   table->item(r, 2)->text());
        dialog->reject();
    });
    help->trigger();
    QVERIFY2(rowCount > 0, "the dialog did not open");
    auto keys = [](std::initializer_list<QKeySequence> list) {
        QStringList out;
        for (const QKeySequence &k : list)
            out << k.toString(QKeySequence::NativeText);
        return out.join(QLatin1String(", "));
    };
    const QStringList expected{
        QStringLiteral("View|Zoom In|") + keys({QKeySequence(QKeySequence::ZoomIn)}),
        QStringLiteral("View|Zoom Out|") + keys({QKeySequence(Qt::CTRL | Qt::Key_Minus)}),
        QStringLiteral("View|Fit to Window|") + keys({QKeySequence(Qt::CTRL | Qt::Key_0)}),
        QStringLiteral("View|Actual Size (100 %)|") + keys({QKeySequence(Qt::CTRL | Qt::Key_1)}),
        QStringLiteral("View|Lay Out Plan|") + keys({QKeySequence(Qt::CTRL | Qt::Key_L)}),
    };
    for (const QString &row : expected)
        QVERIFY2(rows.contains(row), qPrintable(row + QLatin1String(" not in\n") + rows.join(u'\n')));
    // Generated, not typed: one row per action that has a key.
    int withKeys = 0;
    for (const QAction *a : m_window->findChildren<QAction *>())
        withKeys += !a->shortcuts().isEmpty() && !a->text().isEmpty();
    QCOMPARE(rowCount, withKeys);
}

QTEST_MAIN(TestViewActions)
#include "tst_viewactions.moc"
