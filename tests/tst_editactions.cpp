// Issue #15 item 4 through the window: Ctrl+X/C/V/D/A on the canvas with real key events,
// the clipboard's MIME type and JSON, and the right-click menus of cards, frames, arrows,
// the background and tree rows doing what they offer.
#include "model/clipboard/taskclipboard.h"
#include "model/projectdocument.h"
#include "views/contextmenus.h"
#include "views/editactions.h"
#include "views/graph/carditem.h"
#include "views/graph/edgeitem.h"
#include "views/graph/frameitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/inspector.h"
#include "views/mainwindow.h"
#include "views/taskfilterproxy.h"
#include "views/taskselection.h"
#include "views/tasktreemodel.h"
#include "views/tasktreewidget.h"

#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>

using namespace Workplan;

namespace {

const QString kEpic = QStringLiteral("epic_real_time_chat");
const QString kFeature = QStringLiteral("feature_message_system");
const QString kArch = QStringLiteral("arch_messaging_system");
const QString kImpl = QStringLiteral("impl_websocket_server");
const QString kStorage = QStringLiteral("impl_message_storage");
const QString kTest = QStringLiteral("test_messaging_system");

QStringList prerequisites(const Task *t)
{
    QStringList out;
    for (const Dependency &d : t->dependencies)
        out << d.taskId;
    return out;
}

// The example open in a shown, active window with the canvas focused.
struct Fixture
{
    MainWindow window;
    GraphView *view = nullptr;
    GraphScene *scene = nullptr;
    ProjectDocument *doc = nullptr;
    std::unique_ptr<QAbstractItemModelTester> tester;

    bool open()
    {
        doc = window.document();
        doc->resetProject(WorkplanTest::loadExample("feature-development"));
        view = qobject_cast<GraphView *>(window.centralWidget());
        scene = view->graphScene();
        tester = std::make_unique<QAbstractItemModelTester>(window.taskTree()->model());
        window.show();
        window.activateWindow();
        if (!QTest::qWaitForWindowActive(&window))
            return false;
        scene->flush();
        view->fitToWindow();
        view->setFocus();
        return true;
    }
    QPoint at(const QPointF &scenePos) const { return view->mapFromScene(scenePos); }
    QPoint cardCentre(const QString &id) const
    {
        scene->flush();
        return at(scene->cardFor(id)->nodeSceneRect().center());
    }
    void click(const QString &id)
    {
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cardCentre(id));
        view->setFocus();   // where a click leaves it; the shortcuts live on the view
    }
    void key(Qt::Key k, Qt::KeyboardModifiers m = Qt::ControlModifier)
    {
        QTest::keyClick(view->viewport(), k, m);
        scene->flush();
    }
    // The menu a right-click at `pos` pops up on the canvas (left open for the caller).
    QMenu *rightClick(const QPoint &pos)
    {
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos, view->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(view->viewport(), &event);
        return qobject_cast<QMenu *>(QApplication::activePopupWidget());
    }
};

QAction *action(QMenu *menu, const char *name)
{
    return menu ? menu->findChild<QAction *>(QLatin1String(name)) : nullptr;
}

QStringList actionNames(QMenu *menu)
{
    QStringList out;
    for (QAction *a : menu->actions())
        out << (a->menu() ? a->menu()->objectName() : a->objectName());
    return out;
}

void closeMenu(QMenu *menu)
{
    if (menu && menu->isVisible())
        menu->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace

class TestEditActions : public QObject
{
    Q_OBJECT
private slots:
    void copyPutsJsonOnTheClipboard();
    void pasteAddsTheSubtreeWithItsDependencies();
    void duplicateCutAndPasteBack();
    void duplicateOfAFoldedTaskKeepsItsPlace();
    void selectAll();
    void textFieldsKeepTheirKeys();
    void pasteJsonFromATextEditor();
    void fieldOnTheCanvasKeepsItsKeys();
    void cardMenu();
    void addDependencyFromTheMenu();
    void frameMenu();
    void edgeMenu();
    void backgroundMenu();
    void treeRowMenu();
    void readOnlyMenusOfferNoEdits();
};

void TestEditActions::copyPutsJsonOnTheClipboard()
{
    Fixture f;
    QVERIFY(f.open());
    QGuiApplication::clipboard()->clear();
    f.click(kImpl);
    QCOMPARE(f.window.selection()->selectedIds(), QStringList{kImpl});
    f.key(Qt::Key_C);
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    QVERIFY(mime);
    QVERIFY(mime->hasFormat(TaskClipboard::mimeType()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(mime->text().toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray tasks = doc.object().value(QLatin1String("tasks")).toArray();
    QCOMPARE(tasks.size(), 1);
    QCOMPARE(tasks.at(0).toObject().value(QLatin1String("task_id")).toString(), kImpl);
    // Its prerequisite stayed behind, so the copy does not name it.
    QVERIFY(tasks.at(0).toObject().value(QLatin1String("dependencies")).toArray().isEmpty());
    QCOMPARE(mime->data(TaskClipboard::mimeType()), mime->text().toUtf8());
    QCOMPARE(f.doc->undoStack()->count(), 0);   // copying changes nothing
}

void TestEditActions::pasteAddsTheSubtreeWithItsDependencies()
{
    Fixture f;
    QVERIFY(f.open());
    // Collapsed, the feature is one card to click.
    f.scene->setCollapsed(kFeature, true);
    f.click(kFeature);
    QCOMPARE(f.window.selection()->selectedIds(), QStringList{kFeature});
    f.key(Qt::Key_C);
    const int before = f.doc->project().taskCount();
    f.key(Qt::Key_V);
    const Project &p = f.doc->project();
    QCOMPARE(p.taskCount(), before + 5);
    QCOMPARE(f.doc->undoStack()->count(), 1);
    const QString copy = kFeature + QLatin1String("_copy");
    // Beside the feature it was copied from, not inside it.
    QCOMPARE(p.find(copy)->parentId, kEpic);
    QCOMPARE(f.doc->childIds(copy).size(), 4);
    QCOMPARE(prerequisites(p.find(kTest + QLatin1String("_copy"))),
             (QStringList{kImpl + QLatin1String("_copy"), kStorage + QLatin1String("_copy")}));
    QCOMPARE(f.window.selection()->selectedIds(), QStringList{copy});
    QVERIFY(f.scene->visibleNodeFor(copy));
    f.doc->undoStack()->undo();
    QCOMPARE(f.doc->project().taskCount(), before);
}

// A task folded away has no card; its duplicate still lands beside where the canvas puts
// it (its saved place, else the auto layout's), not wherever a new task would go.
void TestEditActions::duplicateOfAFoldedTaskKeepsItsPlace()
{
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(!f.doc->project().find(kArch)->hasPosition);
    const QPointF originalPos = f.scene->cardFor(kArch)->pos();
    f.scene->setCollapsed(kFeature, true);
    QVERIFY(!f.scene->cardFor(kArch));
    f.window.selection()->select(kArch);   // stood in for by the folded feature's card
    f.key(Qt::Key_D);
    const Task *dup = f.doc->project().find(kArch + QLatin1String("_copy"));
    QVERIFY(dup);
    QVERIFY(dup->hasPosition);
    QCOMPARE(dup->position, originalPos + QPointF(30, 30));
}

void TestEditActions::duplicateCutAndPasteBack()
{
    Fixture f;
    QVERIFY(f.open());
    f.click(kArch);
    const QPointF originalPos = f.scene->cardFor(kArch)->pos();
    f.key(Qt::Key_D);
    const QString copy = kArch + QLatin1String("_copy");
    const Task *dup = f.doc->project().find(copy);
    QVERIFY(dup);
    QCOMPARE(dup->parentId, kFeature);
    QVERIFY(dup->hasPosition);
    QCOMPARE(dup->position, originalPos + QPointF(30, 30));
    QCOMPARE(f.window.selection()->selectedIds(), QStringList{copy});
    QCOMPARE(f.doc->undoStack()->count(), 1);

    f.key(Qt::Key_X);
    QVERIFY(!f.doc->project().contains(copy));
    QCOMPARE(f.doc->undoStack()->count(), 2);
    QVERIFY(QGuiApplication::clipboard()->mimeData()->hasFormat(TaskClipboard::mimeType()));

    // Pasted back it keeps its id and lands where it was cut from.
    f.click(kImpl);
    f.key(Qt::Key_V);
    const Task *back = f.doc->project().find(copy);
    QVERIFY(back);
    QCOMPARE(back->parentId, kFeature);
    QCOMPARE(back->position, originalPos + QPointF(30, 30));
    QCOMPARE(f.doc->undoStack()->count(), 3);
}

void TestEditActions::selectAll()
{
    Fixture f;
    QVERIFY(f.open());
    f.click(kImpl);
    f.key(Qt::Key_A);
    QCOMPARE(f.window.selection()->selectedIds().size(), f.doc->project().taskCount());
    QVERIFY(f.scene->cardFor(kArch)->isSelected());
}

void TestEditActions::textFieldsKeepTheirKeys()
{
    Fixture f;
    QVERIFY(f.open());
    f.click(kImpl);
    QLineEdit *title = f.window.inspector()->titleEdit();
    QVERIFY(!title->text().isEmpty());
    title->setFocus();
    QVERIFY(QTest::qWaitFor([title] { return title->hasFocus(); }));
    QTest::keyClick(title, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(title, Qt::Key_C, Qt::ControlModifier);
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    QCOMPARE(mime->text(), title->text());
    QVERIFY(!mime->hasFormat(TaskClipboard::mimeType()));
    // Ctrl+V pastes that text into the field, not tasks into the plan.
    const int count = f.doc->project().taskCount();
    QTest::keyClick(title, Qt::Key_End);
    QTest::keyClick(title, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(f.doc->project().taskCount(), count);
    QCOMPARE(f.window.selection()->selectedIds(), QStringList{kImpl});
}

void TestEditActions::fieldOnTheCanvasKeepsItsKeys()
{
    Fixture f;
    QVERIFY(f.open());
    f.click(kImpl);
    // As the in-place rename puts one over a card: a field inside the canvas's shortcut area.
    QLineEdit field(f.view->viewport());
    field.setText(QStringLiteral("abc"));
    field.show();
    field.setFocus();
    QVERIFY(QTest::qWaitFor([&field] { return field.hasFocus(); }));
    const int count = f.doc->project().taskCount();
    QTest::keyClick(&field, Qt::Key_Home);
    QTest::keyClick(&field, Qt::Key_D, Qt::ControlModifier);
    QTest::keyClick(&field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(&field, Qt::Key_X, Qt::ControlModifier);
    QCOMPARE(f.doc->project().taskCount(), count);
    QCOMPARE(f.window.selection()->selectedIds(), QStringList{kImpl});
    QVERIFY(!QGuiApplication::clipboard()->mimeData()->hasFormat(TaskClipboard::mimeType()));
    QVERIFY(field.text().isEmpty());
    QTest::keyClick(&field, Qt::Key_V, Qt::ControlModifier);
    QVERIFY2(field.text().endsWith(QLatin1String("bc")), qPrintable(field.text()));
}

void TestEditActions::pasteJsonFromATextEditor()
{
    Fixture f;
    QVERIFY(f.open());
    QGuiApplication::clipboard()->setText(QStringLiteral(R"([
        {"task_id": "spike", "task_type": "specialist_task", "attributes": {"title": "Spike"}},
        {"task_id": "write_up", "task_type": "specialist_task",
         "dependencies": [{"dependency_task_id": "spike", "dependency_type": "completion"},
                          {"dependency_task_id": "not_here", "dependency_type": "data"}]}])"));
    f.click(kTest);
    f.key(Qt::Key_V);
    const Project &p = f.doc->project();
    QVERIFY(p.contains(QStringLiteral("spike")));
    // Beside the current task, with the dependency inside the text and not the other.
    QCOMPARE(p.find(QStringLiteral("spike"))->parentId, kFeature);
    QCOMPARE(prerequisites(p.find(QStringLiteral("write_up"))), QStringList{QStringLiteral("spike")});
    QCOMPARE(f.doc->undoStack()->count(), 1);
}

void TestEditActions::cardMenu()
{
    Fixture f;
    QVERIFY(f.open());
    // A right button over the card (the platform adds the context menu event to the press):
    // the card is selected for its menu.
    f.window.selection()->clear();
    QTest::mouseClick(f.view->viewport(), Qt::RightButton, {}, f.cardCentre(kImpl));
    QMenu *menu = f.rightClick(f.cardCentre(kImpl));
    QVERIFY(menu);
    QCOMPARE(menu->objectName(), QStringLiteral("taskMenu"));
    QCOMPARE(f.window.selection()->selectedIds(), QStringList{kImpl});
    const QStringList names = actionNames(menu);
    for (const char *name : {"addChildAction", "addDependencyAction", "typeMenu", "statusMenu", "cutAction",
                             "copyAction", "pasteAction", "duplicateAction", "deleteAction"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
    QVERIFY(!names.contains(QStringLiteral("collapseAction")));   // a leaf has nothing to fold

    QMenu *status = menu->findChild<QMenu *>(QStringLiteral("statusMenu"));
    QVERIFY(status);
    QAction *completed = status->findChild<QAction *>(QStringLiteral("completed"));
    QVERIFY(completed);
    completed->trigger();
    QVERIFY(f.doc->project().find(kImpl)->status == Status::Completed);
    closeMenu(menu);

    menu = f.rightClick(f.cardCentre(kImpl));
    QMenu *type = menu->findChild<QMenu *>(QStringLiteral("typeMenu"));
    type->findChild<QAction *>(QStringLiteral("bug_fix"))->trigger();
    QCOMPARE(f.doc->project().find(kImpl)->type, QStringLiteral("bug_fix"));
    closeMenu(menu);

    // On a card that is part of the selection, the menu acts on the whole selection.
    f.window.selection()->setSelection({kArch, kImpl}, kArch);
    QTest::mouseClick(f.view->viewport(), Qt::RightButton, {}, f.cardCentre(kImpl));
    menu = f.rightClick(f.cardCentre(kImpl));
    QCOMPARE(f.window.selection()->selectedIds(), (QStringList{kArch, kImpl}));
    const int before = f.doc->undoStack()->index();
    menu->findChild<QMenu *>(QStringLiteral("statusMenu"))->findChild<QAction *>(QStringLiteral("review"))->trigger();
    QVERIFY(f.doc->project().find(kArch)->status == Status::Review);
    QVERIFY(f.doc->project().find(kImpl)->status == Status::Review);
    QCOMPARE(f.doc->undoStack()->index(), before + 1);
    closeMenu(menu);
    f.window.selection()->select(kImpl);

    menu = f.rightClick(f.cardCentre(kImpl));
    action(menu, "addChildAction")->trigger();
    const QStringList children = f.doc->childIds(kImpl);
    QCOMPARE(children.size(), 1);
    QCOMPARE(f.window.selection()->selectedIds(), children);
    closeMenu(menu);
    f.doc->undoStack()->undo();

    const int steps = f.doc->undoStack()->index();
    menu = f.rightClick(f.cardCentre(kImpl));
    action(menu, "deleteAction")->trigger();
    QVERIFY(!f.doc->project().contains(kImpl));
    QCOMPARE(f.doc->undoStack()->index(), steps + 1);
    closeMenu(menu);
}

void TestEditActions::addDependencyFromTheMenu()
{
    Fixture f;
    QVERIFY(f.open());
    QMenu *menu = f.rightClick(f.cardCentre(kImpl));
    QVERIFY(menu);
    // The dialog is modal: answer it from the event loop, first with a task it must refuse.
    QString refusal;
    bool answered = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QCOMPARE(dialog->objectName(), QStringLiteral("addDependencyDialog"));
        auto *prereq = dialog->findChild<QComboBox *>(QStringLiteral("prerequisiteCombo"));
        auto *type = dialog->findChild<QComboBox *>(QStringLiteral("dependencyTypeCombo"));
        auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        prereq->setCurrentIndex(f.doc->project().indexOf(kEpic));   // its own ancestor
        ok->click();
        refusal = dialog->findChild<QLabel *>(QStringLiteral("problemLabel"))->text();
        QVERIFY(dialog->isVisible());
        prereq->setCurrentIndex(f.doc->project().indexOf(QStringLiteral("feature_user_presence")));
        type->setCurrentText(QStringLiteral("approval"));
        answered = true;
        ok->click();
    });
    action(menu, "addDependencyAction")->trigger();
    QVERIFY(answered);
    QVERIFY2(refusal.contains(QLatin1String("ancestor")), qPrintable(refusal));
    const Task *impl = f.doc->project().find(kImpl);
    QCOMPARE(prerequisites(impl), (QStringList{kArch, QStringLiteral("feature_user_presence")}));
    QVERIFY(impl->dependencies.last().type == DependencyType::Approval);
    QCOMPARE(f.doc->undoStack()->count(), 1);
    closeMenu(menu);
}

void TestEditActions::frameMenu()
{
    Fixture f;
    QVERIFY(f.open());
    FrameItem *frame = f.scene->frameFor(kFeature);
    QVERIFY(frame);
    // Inside the frame, clear of its cards: its bottom-left corner.
    const QPoint corner = f.at(frame->nodeSceneRect().bottomLeft() + QPointF(4, -4));
    QMenu *menu = f.rightClick(corner);
    QVERIFY(menu);
    QCOMPARE(menu->property("taskId").toString(), kFeature);
    QVERIFY(actionNames(menu).contains(QStringLiteral("layOutFrameAction")));

    // Lay Out This Frame gives every leaf under it a place, in one step, and leaves the rest.
    const QPointF epicSibling = f.scene->cardFor(QStringLiteral("feature_user_presence"))->pos();
    action(menu, "layOutFrameAction")->trigger();
    for (const QString &id : {kArch, kImpl, kStorage, kTest})
        QVERIFY2(f.doc->project().find(id)->hasPosition, qPrintable(id));
    QVERIFY(!f.doc->project().find(QStringLiteral("feature_user_presence"))->hasPosition);
    f.scene->flush();
    QCOMPARE(f.scene->cardFor(QStringLiteral("feature_user_presence"))->pos(), epicSibling);
    QCOMPARE(f.doc->undoStack()->count(), 1);
    closeMenu(menu);

    menu = f.rightClick(f.at(f.scene->frameFor(kFeature)->nodeSceneRect().bottomLeft() + QPointF(4, -4)));
    QVERIFY(menu);
    action(menu, "collapseAction")->trigger();
    QVERIFY(f.scene->isCollapsed(kFeature));
    closeMenu(menu);
    // Collapsed it is a card whose menu offers to expand it again.
    menu = f.rightClick(f.cardCentre(kFeature));
    QCOMPARE(action(menu, "collapseAction")->text().remove(QLatin1Char('&')), QStringLiteral("Expand"));
    closeMenu(menu);
}

void TestEditActions::edgeMenu()
{
    Fixture f;
    QVERIFY(f.open());
    const DependencyKey completion{kImpl, kArch, DependencyType::Completion};
    const DependencyKey data{kImpl, kArch, DependencyType::Data};
    EdgeItem *edge = f.scene->edgeFor(completion);
    QVERIFY(edge);
    QMenu *menu = f.rightClick(f.at((edge->sourcePoint() + edge->targetPoint()) / 2));
    QVERIFY(menu);
    QCOMPARE(menu->objectName(), QStringLiteral("edgeMenu"));
    menu->findChild<QMenu *>(QStringLiteral("dependencyTypeMenu"))->findChild<QAction *>(QStringLiteral("data"))->trigger();
    QVERIFY(f.doc->dependencyIndex(data) >= 0 && f.doc->dependencyIndex(completion) < 0);
    closeMenu(menu);

    f.scene->flush();
    edge = f.scene->edgeFor(data);
    QVERIFY(edge);
    menu = f.rightClick(f.at((edge->sourcePoint() + edge->targetPoint()) / 2));
    QVERIFY(menu);
    action(menu, "deleteDependencyAction")->trigger();
    QVERIFY(f.doc->project().find(kImpl)->dependencies.isEmpty());
    QCOMPARE(f.doc->undoStack()->count(), 2);
    closeMenu(menu);
}

void TestEditActions::backgroundMenu()
{
    Fixture f;
    QVERIFY(f.open());
    const QPointF empty = f.scene->planRect().bottomRight() + QPointF(-2, 60);
    f.view->centerOn(empty);
    QMenu *menu = f.rightClick(f.at(empty));
    QVERIFY(menu);
    QCOMPARE(menu->objectName(), QStringLiteral("backgroundMenu"));
    const QStringList names = actionNames(menu);
    QVERIFY(names.contains(QStringLiteral("selectAllAction")));
    QVERIFY2(names.contains(QStringLiteral("contextLayOutPlanAction")), qPrintable(names.join(QLatin1Char(','))));
    action(menu, "addTaskAction")->trigger();
    const QString added = f.window.selection()->currentId();
    QVERIFY(!added.isEmpty());
    QVERIFY(f.doc->project().find(added)->parentId.isEmpty());
    closeMenu(menu);

    // Copy it, then Paste Here elsewhere: the copy's card lands at the click.
    QVERIFY(f.window.findChild<EditActions *>()->copy({added}));
    const QPointF there = empty + QPointF(0, 200);
    f.view->centerOn(there);
    menu = f.rightClick(f.at(there));
    action(menu, "pasteHereAction")->trigger();
    const Task *pasted = f.doc->project().find(f.window.selection()->currentId());
    QVERIFY(pasted && pasted->id != added);
    QVERIFY(QLineF(pasted->position, there).length() < 2);
    closeMenu(menu);
}

void TestEditActions::treeRowMenu()
{
    Fixture f;
    QVERIFY(f.open());
    TaskTreeWidget *tree = f.window.taskTree();
    QTreeView *view = tree->view();
    const QModelIndex row = tree->proxy()->mapFromSource(tree->model()->indexOf(kFeature));
    const QPoint pos = view->visualRect(row).center();
    QSignalSpy mirrored(tree, &TaskTreeWidget::expandedChanged);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, view->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(view->viewport(), &event);
    QMenu *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
    QVERIFY(menu);
    QCOMPARE(menu->property("taskId").toString(), kFeature);
    QCOMPARE(f.window.selection()->selectedIds(), QStringList{kFeature});
    QVERIFY(!actionNames(menu).contains(QStringLiteral("layOutFrameAction")));   // a canvas matter
    action(menu, "collapseAction")->trigger();
    QVERIFY(!tree->isExpanded(kFeature));
    QCOMPARE(mirrored.count(), 1);   // the timeline follows, as for a click on the arrow
    closeMenu(menu);

    QApplication::sendEvent(view->viewport(), &event);
    menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
    QVERIFY(menu);
    menu->findChild<QMenu *>(QStringLiteral("statusMenu"))->findChild<QAction *>(QStringLiteral("blocked"))->trigger();
    QVERIFY(f.doc->project().find(kFeature)->status == Status::Blocked);
    closeMenu(menu);
}

// A read-only project (a team project offline, a file held elsewhere): the menus still
// list what they would offer, greyed, and keep what only looks (copy, select, collapse);
// View > Lay Out Plan and Project > Properties/Team are greyed too, and all come back.
void TestEditActions::readOnlyMenusOfferNoEdits()
{
    Fixture f;
    QVERIFY(f.open());
    f.doc->setReadOnly(true, QStringLiteral("Offline"));

    QMenu *menu = f.rightClick(f.cardCentre(kImpl));
    QVERIFY(menu);
    for (const char *name : {"addChildAction", "addDependencyAction", "typeMenuAction", "statusMenuAction", "deleteAction"})
        QVERIFY2(!action(menu, name)->isEnabled(), name);
    QVERIFY(f.window.findChild<EditActions *>()->copyAction()->isEnabled());
    closeMenu(menu);

    menu = f.rightClick(f.at(f.scene->frameFor(kFeature)->nodeSceneRect().bottomLeft() + QPointF(4, -4)));
    QCOMPARE(menu->property("taskId").toString(), kFeature);
    QVERIFY(!action(menu, "layOutFrameAction")->isEnabled());
    QVERIFY(action(menu, "collapseAction")->isEnabled());   // folding is a view matter
    closeMenu(menu);

    EdgeItem *edge = f.scene->edgeFor({kImpl, kArch, DependencyType::Completion});
    QVERIFY(edge);
    menu = f.rightClick(f.at((edge->sourcePoint() + edge->targetPoint()) / 2));
    QCOMPARE(menu->objectName(), QStringLiteral("edgeMenu"));
    for (const char *name : {"dependencyTypeMenuAction", "mandatoryAction", "deleteDependencyAction"})
        QVERIFY2(!action(menu, name)->isEnabled(), name);
    QVERIFY(action(menu, "selectPrerequisiteAction")->isEnabled());
    closeMenu(menu);

    const QPointF empty = f.scene->planRect().bottomRight() + QPointF(-2, 60);
    f.view->centerOn(empty);
    menu = f.rightClick(f.at(empty));
    QCOMPARE(menu->objectName(), QStringLiteral("backgroundMenu"));
    for (const char *name : {"addTaskAction", "pasteHereAction", "contextLayOutPlanAction"})
        QVERIFY2(!action(menu, name)->isEnabled(), name);
    closeMenu(menu);

    const QStringList windowEdits{QStringLiteral("layOutPlanAction"), QStringLiteral("projectPropertiesAction"),
                                  QStringLiteral("projectTeamAction")};
    for (const QString &name : windowEdits)
        QVERIFY2(!f.window.findChild<QAction *>(name)->isEnabled(), qPrintable(name));
    // Ctrl+L does nothing either.
    const QPointF placed = f.doc->project().find(kImpl)->position;
    f.key(Qt::Key_L);
    QCOMPARE(f.doc->project().find(kImpl)->position, placed);
    QCOMPARE(f.doc->undoStack()->count(), 0);

    f.doc->setReadOnly(false);
    for (const QString &name : windowEdits)
        QVERIFY2(f.window.findChild<QAction *>(name)->isEnabled(), qPrintable(name));
    menu = f.rightClick(f.cardCentre(kImpl));
    QVERIFY(action(menu, "deleteAction")->isEnabled());
    closeMenu(menu);
}

QTEST_MAIN(TestEditActions)
#include "tst_editactions.moc"
