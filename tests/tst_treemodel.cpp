// The task tree model against QAbstractItemModelTester, its drag and drop, the filter and
// the two-way selection sync of the tree widget.
#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/storage/json/jsonformat.h"
#include "views/analysiscontroller.h"
#include "views/taskfactory.h"
#include "views/taskfilterproxy.h"
#include "views/taskselection.h"
#include "views/tasktreemodel.h"
#include "views/tasktreewidget.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDropEvent>
#include <QComboBox>
#include <QLineEdit>
#include <QMimeData>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTreeView>
#include <QUndoStack>
#include <QHeaderView>
#include <QtTest>
#include <QRegularExpression>
#include <QBrush>

#include "model/engine/scheduledates.h"

#include "testsupport.h"

#include <cmath>
#include <functional>
#include <memory>

using namespace Workplan;

namespace {

using WorkplanTest::loadExample;

// The model shows exactly the document's hierarchy.
void compareWithDocument(const TaskTreeModel &model, const ProjectDocument &doc)
{
    int seen = 0;
    std::function<void(const QModelIndex &, const QString &)> walk = [&](const QModelIndex &parent,
                                                                         const QString &parentId) {
        const QStringList &children = doc.childIds(parentId);
        QCOMPARE(model.rowCount(parent), int(children.size()));
        for (int row = 0; row < children.size(); ++row) {
            const QModelIndex i = model.index(row, 0, parent);
            QCOMPARE(model.idOf(i), children.at(row));
            QCOMPARE(model.parent(i), parent);
            QCOMPARE(i.data().toString(), doc.project().find(children.at(row))->title());
            ++seen;
            walk(i, children.at(row));
        }
    };
    walk(QModelIndex(), QString());
    QCOMPARE(seen, doc.project().taskCount());
}

QMimeData *idsMime(const QStringList &ids)
{
    auto *m = new QMimeData;
    m->setData(TaskFactory::taskIdsMimeType(), ids.join(QLatin1Char('\n')).toUtf8());
    return m;
}

} // namespace

namespace {

void showWidget(QWidget &w, const QSize &size)
{
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
}

} // namespace

class TestTreeModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void structure();
    void markedBlockedWording();
    void columns();
    void editTitle();
    void randomEditsUnderTester();
    void dragReparent();
    void dragReorder();
    void dragReorderDown();
    void refusedOwnSubtree();
    void refusedAncestorDependency();
    void paletteDrop();
    void filter();
    void selectionSync();
    void columnsFitThenKeepTheirWidth();
    void analysisNotifiesChangedRowsOnly();
    void tenThousandDeep();
    void dateColumns();
    void closedRowsPaintTheirNewDataWhenOpened();

private:
    std::unique_ptr<ProjectDocument> m_doc;
    std::unique_ptr<AnalysisController> m_analysis;
    std::unique_ptr<TaskTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestTreeModel::init()
{
    m_doc = std::make_unique<ProjectDocument>();
    m_analysis = std::make_unique<AnalysisController>(m_doc.get());
    m_model = std::make_unique<TaskTreeModel>(m_doc.get(), m_analysis.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_doc->resetProject(loadExample("feature-development"));
    m_analysis->refreshNow();
}

// Issue #14.4: a task a person marked blocked reads the same everywhere (explain.h's
// markedBlockedText): "marked blocked" in the tree's tooltip as in `workplan analyze`.
void TestTreeModel::markedBlockedWording()
{
    QString leaf;
    for (const Task &t : m_doc->project().tasks()) {
        if (!m_doc->isSummary(t.id)) {
            leaf = t.id;
            break;
        }
    }
    QVERIFY(m_doc->edits().setStatus({leaf}, Status::Blocked));
    m_analysis->refreshNow();
    QVERIFY(m_analysis->result()->isBlocked(leaf));
    const QString tip = m_model->indexOf(leaf).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("\n  marked blocked")), qPrintable(tip));
    QVERIFY(!tip.contains(QStringLiteral("marked as blocked")));
}

void TestTreeModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_analysis.reset();
    m_doc.reset();
}

void TestTreeModel::structure()
{
    compareWithDocument(*m_model, *m_doc);
    QCOMPARE(m_model->rowCount(), 1);
    const QModelIndex epic = m_model->indexOf(QStringLiteral("epic_real_time_chat"));
    QCOMPARE(m_model->rowCount(epic), 3);
    // A second load through the same model.
    m_doc->resetProject(loadExample("release-pipeline"));
    compareWithDocument(*m_model, *m_doc);
}

void TestTreeModel::columns()
{
    const QModelIndex arch = m_model->indexOf(QStringLiteral("arch_messaging_system"));
    QCOMPARE(arch.siblingAtColumn(TaskTreeModel::TypeColumn).data().toString(), QStringLiteral("specialist_task"));
    QVERIFY(!arch.siblingAtColumn(TaskTreeModel::EffortColumn).data().toString().isEmpty());
    QCOMPARE(arch.siblingAtColumn(TaskTreeModel::EsColumn).data().toString(), formatHours(0));
    QVERIFY(!arch.siblingAtColumn(TaskTreeModel::SlackColumn).data().toString().isEmpty());
    // A new analysis repaints the schedule columns.
    QSignalSpy spy(m_model.get(), &QAbstractItemModel::dataChanged);
    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc.get(), QStringLiteral("arch_messaging_system"),
                                                             QStringLiteral("estimated_effort"), QStringLiteral("1 week")));
    m_analysis->refreshNow();
    bool sawSchedule = false;
    for (const auto &args : spy)
        sawSchedule = sawSchedule || args.at(1).toModelIndex().column() >= TaskTreeModel::SlackColumn;
    QVERIFY(sawSchedule);
    QCOMPARE(arch.siblingAtColumn(TaskTreeModel::EffortColumn).data().toString(), formatHours(40));
}

void TestTreeModel::editTitle()
{
    const QModelIndex i = m_model->indexOf(QStringLiteral("impl_websocket_server"));
    QVERIFY(m_model->flags(i) & Qt::ItemIsEditable);
    QVERIFY(m_model->setData(i, QStringLiteral("Socket server")));
    QCOMPARE(i.data().toString(), QStringLiteral("Socket server"));
    QCOMPARE(m_doc->undoStack()->count(), 1);
    m_doc->undoStack()->undo();
    QCOMPARE(i.data().toString(), QStringLiteral("Implement WebSocket Server"));
}

void TestTreeModel::randomEditsUnderTester()
{
    TaskFilterProxy proxy;
    proxy.setSourceModel(m_model.get());
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setText(QStringLiteral("e"));
    QList<QPersistentModelIndex> persistent;
    QRandomGenerator rng(7);
    QUndoStack *stack = m_doc->undoStack();
    int next = 0;
    for (int step = 0; step < 400; ++step) {
        const Project &p = m_doc->project();
        if (p.taskCount() < 3) {   // keep something to edit
            stack->undo();
            continue;
        }
        const QString id = p.task(int(rng.bounded(p.taskCount()))).id;
        switch (rng.bounded(6)) {
        case 0: {
            Task t;
            t.id = QStringLiteral("x%1").arg(next++);
            t.type = QStringLiteral("feature");
            t.parentId = rng.bounded(3) ? id : QString();
            stack->push(new AddTasksCommand(m_doc.get(), {t}, int(rng.bounded(p.taskCount() + 1))));
            break;
        }
        case 1:
            if (p.taskCount() > 5)
                stack->push(new RemoveTasksCommand(m_doc.get(), {id}));
            break;
        case 2: {
            const QString parent = rng.bounded(3) == 0 ? QString() : p.task(int(rng.bounded(p.taskCount()))).id;
            if (m_doc->reparentProblem(id, parent).isEmpty()) {
                const QStringList &sib = m_doc->childIds(parent);
                const QString before = sib.isEmpty() || rng.bounded(3) == 0 ? QString() : sib.at(int(rng.bounded(sib.size())));
                stack->push(new ReparentTaskCommand(m_doc.get(), id, parent, before == id ? QString() : before));
            }
            break;
        }
        case 3:
            stack->push(ChangeTaskCommand::setAttribute(m_doc.get(), id, QStringLiteral("title"),
                                                        QStringLiteral("t%1").arg(rng.bounded(50))));
            break;
        case 4:
            if (stack->canUndo())
                stack->undo();
            break;
        default:
            if (stack->canRedo())
                stack->redo();
            break;
        }
        if (step % 20 == 0) {
            persistent << QPersistentModelIndex(m_model->indexOf(id));
            m_analysis->refreshNow();
        }
        if (step % 50 == 0)
            compareWithDocument(*m_model, *m_doc);
    }
    compareWithDocument(*m_model, *m_doc);
    // Persistent indexes follow their task through every move.
    for (const QPersistentModelIndex &i : std::as_const(persistent)) {
        if (i.isValid())
            QCOMPARE(QModelIndex(i), m_model->indexOf(m_model->idOf(i)));
    }
    stack->setIndex(0);
    compareWithDocument(*m_model, *m_doc);
    m_doc->resetProject(loadExample("enterprise-release"));
    compareWithDocument(*m_model, *m_doc);
}

void TestTreeModel::dragReparent()
{
    const QString id = QStringLiteral("feature_chat_ui");
    std::unique_ptr<QMimeData> mime(m_model->mimeData({m_model->indexOf(id), m_model->indexOf(id, 2)}));
    QVERIFY(mime);
    QCOMPARE(QString::fromUtf8(mime->data(TaskFactory::taskIdsMimeType())), id);
    const QModelIndex target = m_model->indexOf(QStringLiteral("feature_user_presence"));
    QVERIFY(m_model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, target));
    QVERIFY(m_model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, target));
    QCOMPARE(m_doc->project().find(id)->parentId, QStringLiteral("feature_user_presence"));
    QCOMPARE(m_model->parent(m_model->indexOf(id)), target);
    compareWithDocument(*m_model, *m_doc);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->project().find(id)->parentId, QStringLiteral("epic_real_time_chat"));
    compareWithDocument(*m_model, *m_doc);
}

void TestTreeModel::dragReorder()
{
    // Drop the last two children of the epic before its first one, in one undo step.
    const QModelIndex epic = m_model->indexOf(QStringLiteral("epic_real_time_chat"));
    std::unique_ptr<QMimeData> mime(idsMime({QStringLiteral("feature_user_presence"), QStringLiteral("feature_chat_ui")}));
    QVERIFY(m_model->dropMimeData(mime.get(), Qt::MoveAction, 0, 0, epic));
    QCOMPARE(m_doc->childIds(QStringLiteral("epic_real_time_chat")),
             QStringList({QStringLiteral("feature_user_presence"), QStringLiteral("feature_chat_ui"),
                          QStringLiteral("feature_message_system")}));
    compareWithDocument(*m_model, *m_doc);
    QCOMPARE(m_doc->undoStack()->count(), 1);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->childIds(QStringLiteral("epic_real_time_chat")).first(), QStringLiteral("feature_message_system"));
}

void TestTreeModel::dragReorderDown()
{
    // Downwards within the same parent: the case where Qt's destination row is one further.
    const QModelIndex parent = m_model->indexOf(QStringLiteral("feature_message_system"));
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    std::unique_ptr<QMimeData> mime(idsMime({QStringLiteral("arch_messaging_system")}));
    QVERIFY(m_model->dropMimeData(mime.get(), Qt::MoveAction, 3, 0, parent));
    QCOMPARE(m_doc->childIds(QStringLiteral("feature_message_system")),
             QStringList({QStringLiteral("impl_websocket_server"), QStringLiteral("impl_message_storage"),
                          QStringLiteral("arch_messaging_system"), QStringLiteral("test_messaging_system")}));
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.at(0).at(4).toInt(), 3);
    compareWithDocument(*m_model, *m_doc);
    m_doc->undoStack()->undo();
    compareWithDocument(*m_model, *m_doc);
}

void TestTreeModel::refusedOwnSubtree()
{
    QSignalSpy refused(m_model.get(), &TaskTreeModel::dropRefused);
    std::unique_ptr<QMimeData> mime(idsMime({QStringLiteral("epic_real_time_chat")}));
    QVERIFY(!m_model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1,
                                   m_model->indexOf(QStringLiteral("impl_websocket_server"))));
    QCOMPARE(refused.count(), 1);
    QVERIFY(refused.at(0).at(0).toString().contains(QLatin1String("subtree")));
    QCOMPARE(m_doc->undoStack()->count(), 0);
}

void TestTreeModel::refusedAncestorDependency()
{
    // impl_websocket_server depends on arch_messaging_system: arch may not become its ancestor.
    QSignalSpy refused(m_model.get(), &TaskTreeModel::dropRefused);
    std::unique_ptr<QMimeData> mime(idsMime({QStringLiteral("impl_websocket_server")}));
    QVERIFY(!m_model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1,
                                   m_model->indexOf(QStringLiteral("arch_messaging_system"))));
    QCOMPARE(refused.count(), 1);
    QVERIFY(refused.at(0).at(0).toString().contains(QLatin1String("ancestor")));
    QCOMPARE(m_doc->undoStack()->count(), 0);
    QCOMPARE(m_doc->project().find(QStringLiteral("impl_websocket_server"))->parentId,
             QStringLiteral("feature_message_system"));
}

void TestTreeModel::paletteDrop()
{
    QSignalSpy created(m_model.get(), &TaskTreeModel::taskCreated);
    QMimeData mime;
    mime.setData(TaskFactory::taskTypeMimeType(), QByteArrayLiteral("approval_gate"));
    const QModelIndex parent = m_model->indexOf(QStringLiteral("feature_chat_ui"));
    QVERIFY(m_model->dropMimeData(&mime, Qt::CopyAction, -1, -1, parent));
    QCOMPARE(created.count(), 1);
    const QString id = created.at(0).at(0).toString();
    const Task *t = m_doc->project().find(id);
    QVERIFY(t);
    QCOMPARE(t->type, QStringLiteral("approval_gate"));
    QCOMPARE(t->parentId, QStringLiteral("feature_chat_ui"));
    QCOMPARE(t->title(), QStringLiteral("New Approval Gate"));
    QCOMPARE(m_model->rowCount(parent), 1);
    // A second one gets its own id.
    QVERIFY(m_model->dropMimeData(&mime, Qt::CopyAction, 0, 0, parent));
    QCOMPARE(m_model->rowCount(parent), 2);
    QVERIFY(created.at(1).at(0).toString() != id);
    QCOMPARE(m_doc->childIds(QStringLiteral("feature_chat_ui")).first(), created.at(1).at(0).toString());
    compareWithDocument(*m_model, *m_doc);
    m_doc->undoStack()->setIndex(0);
    QCOMPARE(m_model->rowCount(parent), 0);
}

void TestTreeModel::filter()
{
    TaskFilterProxy proxy;
    proxy.setSourceModel(m_model.get());
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto visible = [&]() {
        QStringList ids;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int r = 0; r < proxy.rowCount(parent); ++r) {
                const QModelIndex i = proxy.index(r, 0, parent);
                ids << i.data(TaskTreeModel::TaskIdRole).toString();
                walk(i);
            }
        };
        walk(QModelIndex());
        return ids;
    };
    QCOMPARE(visible().size(), 8);
    proxy.setText(QStringLiteral("websocket"));
    // The match keeps its ancestors so it stays reachable.
    QCOMPARE(visible(), QStringList({QStringLiteral("epic_real_time_chat"), QStringLiteral("feature_message_system"),
                                     QStringLiteral("impl_websocket_server")}));
    proxy.setText(QString());
    proxy.setType(QStringLiteral("feature"));
    QCOMPARE(visible().size(), 4);
    proxy.setType(QString());
    proxy.setStatus(QStringLiteral("completed"));
    for (const QString &id : visible()) {
        const Task *t = m_doc->project().find(id);
        QVERIFY(t->status == Status::Completed || m_doc->isSummary(id));
    }
    // Edits show through the filter.
    proxy.setStatus(QString());
    proxy.setText(QStringLiteral("zebra"));
    QCOMPARE(visible().size(), 0);
    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc.get(), QStringLiteral("feature_chat_ui"),
                                                             QStringLiteral("title"), QStringLiteral("Zebra UI")));
    QCOMPARE(visible(), QStringList({QStringLiteral("epic_real_time_chat"), QStringLiteral("feature_chat_ui")}));
}

// A new analysis tells the views about the rows whose marks or times moved, not every row:
// feature_user_presence has 48 h of slack, so shortening it changes no other task.
void TestTreeModel::analysisNotifiesChangedRowsOnly()
{
    const QString id = QStringLiteral("feature_user_presence");
    const QModelIndex ef = m_model->indexOf(id, TaskTreeModel::EfColumn);
    QCOMPARE(ef.data().toString(), formatHours(40));
    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc.get(), id, QStringLiteral("estimated_effort"),
                                                             QStringLiteral("2 days")));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_analysis->refreshNow();
    QCOMPARE(changed.count(), 1);
    const QModelIndex first = changed.at(0).at(0).value<QModelIndex>();
    const QModelIndex last = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(m_model->idOf(first), id);
    QCOMPARE(first.column(), int(TaskTreeModel::TitleColumn));
    QCOMPARE(last.column(), TaskTreeModel::ColumnCount - 1);
    QCOMPARE(ef.data().toString(), formatHours(16));

    // A changed task list (here: one task fewer) tells them about every row again.
    changed.clear();
    m_doc->undoStack()->push(new RemoveTasksCommand(m_doc.get(), {id}));
    changed.clear();
    m_analysis->refreshNow();
    QVERIFY(changed.count() > 1);
}

// The figure columns fit their contents once the analysis is in, then keep the width the
// user gives them through later analyses (they are not re-measured on every change).
void TestTreeModel::columnsFitThenKeepTheirWidth()
{
    TaskSelection selection;
    TaskTreeWidget widget(m_doc.get(), &selection, m_analysis.get());
    showWidget(widget, QSize(900, 500));
    QTreeView *tree = widget.view();
    QAbstractItemView *view = tree;   // sizeHintForColumn() is public here
    QHeaderView *header = tree->header();
    m_analysis->refreshNow();
    QCoreApplication::processEvents();   // the fit after the first change is queued
    QVERIFY(header->sectionSize(TaskTreeModel::EsColumn) >= view->sizeHintForColumn(TaskTreeModel::EsColumn));
    QVERIFY(header->sectionSize(TaskTreeModel::SlackColumn) >= view->sizeHintForColumn(TaskTreeModel::SlackColumn));
    QCOMPARE(header->sectionResizeMode(TaskTreeModel::SlackColumn), QHeaderView::Interactive);

    header->resizeSection(TaskTreeModel::SlackColumn, 300);
    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc.get(), QStringLiteral("impl_websocket_server"),
                                                             QStringLiteral("estimated_effort"), QStringLiteral("3 weeks")));
    m_analysis->refreshNow();
    QCoreApplication::processEvents();
    QCOMPARE(header->sectionSize(TaskTreeModel::SlackColumn), 300);
}

void TestTreeModel::selectionSync()
{
    TaskSelection selection;
    TaskTreeWidget widget(m_doc.get(), &selection, m_analysis.get());
    showWidget(widget, QSize(600, 500));
    QTreeView *view = widget.view();
    QSignalSpy changes(&selection, &TaskSelection::selectionChanged);

    // Clicks in the view reach the shared selection.
    // The widget has its own model over the same document.
    const QModelIndex archW = widget.proxy()->mapFromSource(widget.model()->indexOf(QStringLiteral("arch_messaging_system")));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(archW).center());
    QCOMPARE(selection.selectedIds(), QStringList{QStringLiteral("arch_messaging_system")});
    QCOMPARE(selection.currentId(), QStringLiteral("arch_messaging_system"));
    const QModelIndex impl = widget.proxy()->mapFromSource(widget.model()->indexOf(QStringLiteral("impl_websocket_server")));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, view->visualRect(impl).center());
    QCOMPARE(selection.selectedIds().size(), 2);
    QCOMPARE(selection.currentId(), QStringLiteral("impl_websocket_server"));

    // The shared selection reaches the view, without echoing back.
    changes.clear();
    selection.setSelection({QStringLiteral("feature_chat_ui"), QStringLiteral("epic_real_time_chat")},
                           QStringLiteral("feature_chat_ui"));
    QCOMPARE(changes.count(), 1);
    QCOMPARE(view->selectionModel()->selectedRows().size(), 2);
    QCOMPARE(widget.model()->idOf(widget.proxy()->mapToSource(view->currentIndex())), QStringLiteral("feature_chat_ui"));

    // Renaming in place: F2 on the current row, type, Enter makes one command.
    QCOMPARE(view->currentIndex(), widget.proxy()->mapFromSource(widget.model()->indexOf(QStringLiteral("feature_chat_ui"))));
    QTest::keyClick(view, Qt::Key_F2);
    auto *editor = view->viewport()->findChild<QLineEdit *>();
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("Chat screens"));
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits on a queued call.
    QTRY_COMPARE(m_doc->project().find(QStringLiteral("feature_chat_ui"))->title(), QStringLiteral("Chat screens"));
    QCOMPARE(m_doc->undoStack()->count(), 1);

    // A drop event on the viewport, over the middle of an item: the dragged task goes inside it.
    auto dropOn = [&](QMimeData *mime, const QString &targetId, Qt::DropAction action) {
        const QModelIndex target = widget.proxy()->mapFromSource(widget.model()->indexOf(targetId));
        const QPoint pos = view->visualRect(target).center();
        QDragEnterEvent enter(pos, action, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &enter);
        QDragMoveEvent move(pos, action, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &move);
        QDropEvent drop(QPointF(pos), action, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &drop);
        return drop.isAccepted();
    };
    std::unique_ptr<QMimeData> ids(idsMime({QStringLiteral("feature_chat_ui")}));
    QVERIFY(dropOn(ids.get(), QStringLiteral("feature_user_presence"), Qt::MoveAction));
    QCOMPARE(m_doc->project().find(QStringLiteral("feature_chat_ui"))->parentId, QStringLiteral("feature_user_presence"));
    QMimeData type;
    type.setData(TaskFactory::taskTypeMimeType(), QByteArrayLiteral("bug_fix"));
    QVERIFY(dropOn(&type, QStringLiteral("feature_user_presence"), Qt::CopyAction));
    QCOMPARE(m_doc->childIds(QStringLiteral("feature_user_presence")).size(), 2);
    QCOMPARE(selection.currentId(), m_doc->childIds(QStringLiteral("feature_user_presence")).last());
    QCOMPARE(m_doc->project().find(selection.currentId())->type, QStringLiteral("bug_fix"));

    // The filter bar drives the proxy.
    QTest::keyClicks(widget.filterEdit(), QStringLiteral("storage"));
    QCOMPARE(widget.proxy()->text(), QStringLiteral("storage"));
    widget.statusFilter()->setCurrentIndex(widget.statusFilter()->findData(QStringLiteral("active")));
    QCOMPARE(widget.proxy()->status(), QStringLiteral("active"));
}

// Issue #8: a 10,000-deep hierarchy must not overflow the stack in the tree model. Walked
// down and back up with the model's own index()/parent(), and changed at the bottom.
void TestTreeModel::tenThousandDeep()
{
    m_tester.reset();   // the tester's own checks recurse through every level
    constexpr int depth = 10000;
    QList<Task> tasks;
    tasks.reserve(depth);
    for (int i = 0; i < depth; ++i) {
        Task t;
        t.id = QStringLiteral("t%1").arg(i);
        t.type = QStringLiteral("feature");
        if (i > 0)
            t.parentId = QStringLiteral("t%1").arg(i - 1);
        tasks << t;
    }
    Project p;
    p.setTasks(tasks);
    m_doc->resetProject(p);
    m_analysis->refreshNow();

    QModelIndex index;
    for (int i = 0; i < depth; ++i) {
        QCOMPARE(m_model->rowCount(index), 1);
        index = m_model->index(0, 0, index);
        QVERIFY(index.isValid());
    }
    QCOMPARE(m_model->rowCount(index), 0);
    QCOMPARE(index.data().toString(), QStringLiteral("t%1").arg(depth - 1));
    QCOMPARE(m_model->indexOf(QStringLiteral("t%1").arg(depth - 1)), index);
    int up = 0;
    for (QModelIndex i = index; i.isValid(); i = i.parent())
        ++up;
    QCOMPARE(up, depth);

    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc.get(), QStringLiteral("t%1").arg(depth - 1),
                                                             QStringLiteral("title"), QStringLiteral("bottom")));
    QCOMPARE(m_model->indexOf(QStringLiteral("t%1").arg(depth - 1)).data().toString(), QStringLiteral("bottom"));
    m_doc->undoStack()->undo();
    QCOMPARE(m_model->indexOf(QStringLiteral("t%1").arg(depth - 1)).data().toString(), QStringLiteral("t%1").arg(depth - 1));
}

// §6 in the tree: Start, Finish and the deadline margin appear with a project start and go
// with it; a late task's margin is red and its tooltip says by how much. All under the
// fixture's QAbstractItemModelTester.
void TestTreeModel::dateColumns()
{
    TaskSelection selection;
    TaskTreeWidget widget(m_doc.get(), &selection, m_analysis.get());
    showWidget(widget, QSize(1100, 420));
    QTreeView *view = widget.view();
    const QList<int> dates{TaskTreeModel::StartColumn, TaskTreeModel::FinishColumn, TaskTreeModel::MarginColumn};
    QVERIFY(!m_model->hasDates());
    for (int c : dates)
        QVERIFY(view->isColumnHidden(c));
    QCOMPARE(m_model->headerData(TaskTreeModel::MarginColumn, Qt::Horizontal).toString(), QStringLiteral("Deadline margin"));

    QString error;
    auto p = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json"), &error);
    QVERIFY2(p, qPrintable(error));
    m_doc->resetProject(*p);
    m_analysis->refreshNow();
    QVERIFY(m_model->hasDates());
    for (int c : dates)
        QVERIFY(!view->isColumnHidden(c));

    const QString deploy = QStringLiteral("deploy_production_2.4.0");
    const QModelIndex row = m_model->indexOf(deploy);
    const QRegularExpression shown(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$"));
    QVERIFY(shown.match(row.siblingAtColumn(TaskTreeModel::StartColumn).data().toString()).hasMatch());
    QVERIFY(shown.match(row.siblingAtColumn(TaskTreeModel::FinishColumn).data().toString()).hasMatch());
    // The release's target_date counts as its deadline; a task without one shows nothing.
    QVERIFY(!m_model->indexOf(QStringLiteral("release_2.4.0")).siblingAtColumn(TaskTreeModel::MarginColumn).data().toString().isEmpty());
    QVERIFY(!m_model->indexOf(QStringLiteral("qa_testing_2.4.0")).siblingAtColumn(TaskTreeModel::MarginColumn).data().isValid());
    const QModelIndex margin = row.siblingAtColumn(TaskTreeModel::MarginColumn);
    const auto result = m_analysis->result();
    const double before = result->margin(deploy);
    QVERIFY(!std::isnan(before));
    QCOMPARE(margin.data().toString(), marginText(before));
    // The first working hour of the project: whatever the plan, deploying ends later.
    QSignalSpy spy(m_model.get(), &QAbstractItemModel::dataChanged);
    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc.get(), deploy, QStringLiteral("deadline"),
                                                             QStringLiteral("2025-06-23T10:00")));
    m_analysis->refreshNow();
    const double late = m_analysis->result()->margin(deploy);
    QVERIFY(late < 0);
    QCOMPARE(margin.data().toString(), QStringLiteral("\u2212%1 late").arg(formatHours(-late)));
    QCOMPARE(margin.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0xc6, 0x28, 0x28));
    QVERIFY(!m_model->indexOf(QStringLiteral("release_2.4.0")).siblingAtColumn(TaskTreeModel::MarginColumn)
                 .data(Qt::ForegroundRole).isValid() || isLate(m_analysis->result()->margin(QStringLiteral("release_2.4.0"))));
    const QString tip = row.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("due 2025-06-23 10:00, finishes ")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("%1 late").arg(formatHours(-late))), qPrintable(tip));
    // The late row was told, up to its margin column.
    bool told = false;
    for (const auto &args : spy) {
        const QModelIndex a = args.at(0).toModelIndex(), b = args.at(1).toModelIndex();
        told = told || (a.row() <= row.row() && row.row() <= b.row() && a.parent() == row.parent()
                        && b.column() >= TaskTreeModel::MarginColumn);
    }
    QVERIFY(told);
    view->setCurrentIndex(widget.proxy()->mapFromSource(widget.model()->indexOf(QStringLiteral("release_2.4.0"))));
    QCoreApplication::processEvents();
    QVERIFY(widget.grab().save(QStringLiteral("/tmp/tree-dates.png")));

    // Project ▸ Properties without a start: the columns go, and come back on undo.
    ProjectProperties props = ProjectProperties::of(m_doc->project());
    props.projectExtra.remove(QLatin1String("start"));
    m_doc->undoStack()->push(new ProjectPropertiesCommand(m_doc.get(), props));
    m_analysis->refreshNow();
    QVERIFY(!m_model->hasDates());
    for (int c : dates)
        QVERIFY(view->isColumnHidden(c));
    QVERIFY(!margin.data().isValid());
    QVERIFY(!row.siblingAtColumn(TaskTreeModel::StartColumn).data().isValid());
    m_doc->undoStack()->undo();
    m_analysis->refreshNow();
    for (int c : dates)
        QVERIFY(!view->isColumnHidden(c));
    QVERIFY(margin.data().toString().endsWith(QLatin1String("late")));
}

QTEST_MAIN(TestTreeModel)
// The tree's view lets a change to rows under a closed summary pass unpainted (they are
// not shown: TaskTreeView); opening the summary shows them as they are now.
void TestTreeModel::closedRowsPaintTheirNewDataWhenOpened()
{
    TaskSelection selection;
    TaskTreeWidget widget(m_doc.get(), &selection, m_analysis.get());
    showWidget(widget, QSize(600, 500));
    QTreeView *view = widget.view();
    const QModelIndex feature = widget.proxy()->mapFromSource(widget.model()->indexOf(QStringLiteral("epic_real_time_chat")));
    QVERIFY(feature.isValid() && widget.proxy()->rowCount(feature) > 0);
    const QModelIndex child = widget.proxy()->index(0, 0, feature);
    const QString childId = widget.model()->idOf(widget.proxy()->mapToSource(child));
    QVERIFY(view->isExpanded(feature));
    const QImage before = view->viewport()->grab(view->visualRect(child)).toImage();

    view->collapse(feature);
    QSignalSpy changed(widget.model(), &QAbstractItemModel::dataChanged);
    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc.get(), childId, QStringLiteral("title"),
                                                             QStringLiteral("Renamed while folded away")));
    QVERIFY(changed.count() > 0);   // the model told; the view had nothing to paint
    view->expand(feature);
    QApplication::processEvents();
    const QImage after = view->viewport()->grab(view->visualRect(child)).toImage();
    QVERIFY(!after.isNull());
    QVERIFY(after != before);
    QCOMPARE(child.data().toString(), QStringLiteral("Renamed while folded away"));
}

#include "tst_treemodel.moc"
