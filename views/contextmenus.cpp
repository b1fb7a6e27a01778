#include "contextmenus.h"

#include "adddependencydialog.h"
#include "editablewhen.h"
#include "editactions.h"
#include "graph/carditem.h"
#include "graph/edgeitem.h"
#include "graph/frameitem.h"
#include "graph/graphscene.h"
#include "graph/graphstyle.h"
#include "graph/graphview.h"
#include "graph/layoutadapter.h"
#include "taskfactory.h"
#include "taskfilterproxy.h"
#include "taskselection.h"
#include "tasktreemodel.h"
#include "tasktreewidget.h"

#include "model/clipboard/taskclipboard.h"
#include "model/edits/newtask.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>
#include <QTreeView>

namespace Workplan::ContextMenus {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workplan::ContextMenus", text);
}

QAction *addNamed(QMenu *menu, const QString &text, const QString &name)
{
    QAction *a = menu->addAction(text);
    a->setObjectName(name);
    return a;
}

// Type, status and delete act on the selection when the task is in it, as in a file manager.
QStringList targetsFor(const Context &c, const QString &id)
{
    if (c.selection && c.selection->isSelected(id))
        return c.selection->selectedIds();
    return {id};
}

// A submenu of exclusive, checkable choices; `choose` gets the name picked.
template<typename Choose>
QMenu *choiceMenu(QMenu *menu, const QString &title, const QString &name, const QStringList &values,
                  const QStringList &labels, const QString &current, Choose choose)
{
    QMenu *sub = menu->addMenu(title);
    sub->setObjectName(name);
    sub->menuAction()->setObjectName(name + QLatin1String("Action"));
    auto *group = new QActionGroup(sub);
    for (int i = 0; i < values.size(); ++i) {
        QAction *a = sub->addAction(labels.value(i, values[i]));
        a->setObjectName(values[i]);
        a->setData(values[i]);
        a->setCheckable(true);
        a->setChecked(values[i] == current);
        group->addAction(a);
        QObject::connect(a, &QAction::triggered, sub, [choose, v = values[i]] { choose(v); });
    }
    return sub;
}

QString innermostFrameAt(GraphScene *scene, const QPointF &scenePos)
{
    QString id;
    int depth = -1;
    for (QGraphicsItem *item : scene->items(scenePos)) {
        if (item->type() != FrameItem::Type || !item->isVisible())
            continue;
        auto *frame = static_cast<FrameItem *>(item);
        if (frame->depth() > depth) {
            depth = frame->depth();
            id = frame->taskId();
        }
    }
    return id;
}

void addChildTask(const Context &c, const QString &parentId)
{
    ProjectEdits::NewTask t;
    t.parentId = parentId;
    if (c.scene) {
        // A leaf's first child takes its place; a frame's next child goes under the frame,
        // opened first so the new card is seen.
        if (c.scene->isCollapsed(parentId))
            c.scene->setCollapsed(parentId, false);
        c.scene->flush();
        if (FrameItem *frame = c.scene->frameFor(parentId); frame && frame->isVisible())
            t.position = frame->nodeSceneRect().bottomLeft() + QPointF(GraphStyle::CardWidth / 8, 16);
        else if (CardItem *card = c.scene->cardFor(parentId))
            t.position = card->pos();
        else
            t.position = QPointF();
    }
    t.text = tr("Add %1 under %2").arg(newTaskTitle(t.type), c.document->project().find(parentId)->title());
    const EditResult result = c.document->edits().addNewTask(t);
    if (result && c.selection)
        c.selection->select(result.ids.value(0));
}

void addClipboardEntries(QMenu *menu, const Context &c, bool withSelection)
{
    if (!c.edit)
        return;
    menu->addSeparator();
    if (withSelection)
        menu->addActions({c.edit->cutAction(), c.edit->copyAction()});
    menu->addAction(c.edit->pasteAction());
    if (withSelection)
        menu->addAction(c.edit->duplicateAction());
}

} // namespace

QMenu *taskMenu(const Context &c, const QString &taskId, QWidget *parent)
{
    const Task *task = c.document->project().find(taskId);
    if (!task)
        return nullptr;
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("taskMenu"));
    menu->setProperty("taskId", taskId);
    const bool summary = c.document->isSummary(taskId);

    QAction *addChild = addNamed(menu, tr("Add &Child Task"), QStringLiteral("addChildAction"));
    QObject::connect(addChild, &QAction::triggered, menu, [c, taskId] { addChildTask(c, taskId); });
    QAction *addDependency = addNamed(menu, tr("Add &Dependency\u2026"), QStringLiteral("addDependencyAction"));
    QObject::connect(addDependency,
                     &QAction::triggered, menu, [document = c.document, taskId, parent] {
                         const QString owner = taskId;   // the menu may go while the dialog is open
                         AddDependencyDialog::ask(document, owner, parent);
                     });
    menu->addSeparator();

    const QStringList targets = targetsFor(c, taskId);
    QStringList types = TaskFactory::wellKnownTypes();
    if (!types.contains(task->type))
        types << task->type;
    QStringList typeLabels;
    for (const QString &t : std::as_const(types))
        typeLabels << TaskFactory::displayName(t);
    QMenu *typeMenu = choiceMenu(menu, tr("&Type"), QStringLiteral("typeMenu"), types, typeLabels, task->type,
               [c, targets](const QString &type) {
                   c.document->edits().setType(targets, type, tr("Change type to %1").arg(type));
               });
    QMenu *statusMenu = choiceMenu(menu, tr("&Status"), QStringLiteral("statusMenu"), allStatusNames(), {}, toString(task->status),
               [c, targets](const QString &name) {
                   const Status status = statusFromString(name).value_or(Status::Draft);
                   c.document->edits().setStatus(targets, status, tr("Set status to %1").arg(name));
               });

    addClipboardEntries(menu, c, true);
    menu->addSeparator();
    QAction *remove = addNamed(menu, tr("&Delete"), QStringLiteral("deleteAction"));
    QObject::connect(remove, &QAction::triggered, menu, [c, targets] { c.document->edits().removeTasks(targets); });
    enableWhileEditable(c.document, {addChild, addDependency, typeMenu->menuAction(), statusMenu->menuAction(), remove});

    if (summary) {
        menu->addSeparator();
        if (c.scene) {
            const bool collapsed = c.scene->isCollapsed(taskId);
            QObject::connect(addNamed(menu, collapsed ? tr("&Expand") : tr("C&ollapse"), QStringLiteral("collapseAction")),
                             &QAction::triggered, menu,
                             [scene = c.scene, taskId, collapsed] { scene->setCollapsed(taskId, !collapsed); });
            QAction *layOut = addNamed(menu, tr("&Lay Out This Frame"), QStringLiteral("layOutFrameAction"));
            QObject::connect(layOut, &QAction::triggered, menu, [c, taskId] { layOutFrame(c.document, c.scene, taskId); });
            enableWhileEditable(c.document, {layOut});
        } else if (c.tree) {
            const bool expanded = c.tree->isExpanded(taskId);
            QObject::connect(addNamed(menu, expanded ? tr("C&ollapse") : tr("&Expand"), QStringLiteral("collapseAction")),
                             &QAction::triggered, menu, [tree = c.tree, taskId, expanded] {
                                 // Through the view, so the timeline mirrors it as it does a click.
                                 const QModelIndex row = tree->proxy()->mapFromSource(tree->model()->indexOf(taskId));
                                 tree->view()->setExpanded(row, !expanded);
                             });
        }
    }
    return menu;
}

QMenu *edgeMenu(const Context &c, const QString &ownerId, int index, QWidget *parent)
{
    const Task *owner = c.document->project().find(ownerId);
    if (!owner || index < 0 || index >= owner->dependencies.size())
        return nullptr;
    const Dependency dep = owner->dependencies.at(index);
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("edgeMenu"));
    ProjectDocument *document = c.document;
    const DependencyKey key = DependencyKey::of(ownerId, dep);
    QMenu *typeMenu = choiceMenu(menu, tr("Dependency &Type"), QStringLiteral("dependencyTypeMenu"), allDependencyTypeNames(), {},
               toString(dep.type), [c, key, dep](const QString &name) {
                   const DependencyType type = dependencyTypeFromString(name).value_or(dep.type);
                   if (type == dep.type)
                       return;
                   // Another type may close a loop of counting dependencies, or repeat a pair.
                   const EditResult result = c.document->edits().setDependencyType(key, type);
                   if (result.refused() && c.edit)
                       emit c.edit->message(result.problem);
                   // Its new type is its new key: the arrow stays selected under it.
                   if (result && c.selection && c.selection->selectedDependency() == key)
                       c.selection->selectDependency({key.ownerId, key.prerequisiteId, type});
               });
    QAction *mandatory = addNamed(menu, tr("&Mandatory"), QStringLiteral("mandatoryAction"));
    mandatory->setCheckable(true);
    mandatory->setChecked(dep.mandatory);
    QObject::connect(mandatory, &QAction::triggered, menu, [document, key](bool on) {
        document->edits().setDependencyMandatory(key, on);
    });
    if (c.selection) {
        menu->addSeparator();
        QObject::connect(addNamed(menu, tr("Select &Prerequisite"), QStringLiteral("selectPrerequisiteAction")),
                         &QAction::triggered, menu, [sel = c.selection, id = dep.taskId] { sel->select(id); });
        QObject::connect(addNamed(menu, tr("Select D&ependent"), QStringLiteral("selectDependentAction")),
                         &QAction::triggered, menu, [sel = c.selection, ownerId] { sel->select(ownerId); });
    }
    menu->addSeparator();
    QAction *remove = addNamed(menu, tr("&Delete Dependency"), QStringLiteral("deleteDependencyAction"));
    QObject::connect(remove, &QAction::triggered, menu, [document, key] { document->edits().unlink(key); });
    enableWhileEditable(document, {typeMenu->menuAction(), mandatory, remove});
    return menu;
}

QMenu *backgroundMenu(const Context &c, const std::optional<QPointF> &scenePos, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("backgroundMenu"));
    const QString frame = c.scene && scenePos ? innermostFrameAt(c.scene, *scenePos) : QString();
    QAction *add = addNamed(menu, scenePos ? tr("Add &Task Here") : tr("Add &Task"), QStringLiteral("addTaskAction"));
    QObject::connect(add, &QAction::triggered, menu, [c, scenePos] {
        if (c.scene && scenePos) {
            c.scene->createTaskAt(QStringLiteral("specialist_task"), *scenePos);
            return;
        }
        const EditResult result = c.document->edits().addNewTask({});
        if (result && c.selection)
            c.selection->select(result.ids.value(0));
    });
    if (c.edit) {
        QAction *paste = addNamed(menu, scenePos ? tr("&Paste Here") : tr("&Paste"), QStringLiteral("pasteHereAction"));
        paste->setEnabled(c.edit->canPaste() && !c.document->isReadOnly());
        QObject::connect(paste, &QAction::triggered, menu,
                         [edit = c.edit, frame, scenePos] { edit->paste(frame, scenePos); });
        menu->addAction(c.edit->selectAllAction());
    }
    enableWhileEditable(c.document, {add});
    if (c.scene) {
        menu->addSeparator();
        QAction *layOut = addNamed(menu, tr("&Lay Out Plan"), QStringLiteral("contextLayOutPlanAction"));
        QObject::connect(layOut, &QAction::triggered, c.scene, &GraphScene::autoLayout);
        enableWhileEditable(c.document, {layOut});
    }
    return menu;
}

QMenu *forCanvas(GraphView *view, const QPoint &viewportPos)
{
    GraphScene *scene = view->graphScene();
    scene->flush();
    Context c;
    c.document = scene->document();
    c.selection = scene->taskSelection();
    c.edit = EditActions::of(view);
    c.scene = scene;
    const QPointF scenePos = view->mapToScene(viewportPos);
    for (QGraphicsItem *item : view->items(viewportPos)) {
        if (!item->isVisible())
            continue;
        if (item->type() == EdgeItem::Type && !static_cast<EdgeItem *>(item)->isBundle()) {   // a bundle is no one arrow
            auto *edge = static_cast<EdgeItem *>(item);
            scene->clearSelection();
            edge->setSelected(true);
            return edgeMenu(c, edge->ownerId(), edge->index(), view);
        }
        if (item->type() == CardItem::Type || item->type() == FrameItem::Type) {
            const QString id = static_cast<NodeItem *>(item)->taskId();
            // A card standing in for selected tasks hidden in it keeps them selected.
            if (!item->isSelected() && c.selection && !c.selection->isSelected(id))
                c.selection->select(id);
            return taskMenu(c, id, view);
        }
    }
    return backgroundMenu(c, scenePos, view);
}

QMenu *forTree(TaskTreeWidget *tree, TaskSelection *selection, const QPoint &viewportPos)
{
    Context c;
    c.document = tree->model()->document();
    c.selection = selection;
    c.edit = EditActions::of(tree);
    c.tree = tree;
    const QModelIndex index = tree->view()->indexAt(viewportPos);
    const QString id = index.isValid() ? tree->model()->idOf(tree->proxy()->mapToSource(index)) : QString();
    if (id.isEmpty())
        return backgroundMenu(c, std::nullopt, tree->view());
    if (c.selection && !c.selection->isSelected(id))
        c.selection->select(id);
    return taskMenu(c, id, tree->view());
}

void popup(QMenu *menu, const QPoint &globalPos)
{
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(globalPos);
}

bool layOutFrame(ProjectDocument *document, GraphScene *scene, const QString &summaryId)
{
    if (!scene || !document->isSummary(summaryId))
        return false;
    scene->flush();
    // The frame's subtree as a plan of its own: only the dependencies inside it shape it.
    QList<Task> tasks = TaskClipboard::collect(document->project(), {summaryId});
    tasks.first().parentId.clear();
    Project sub;
    sub.setTasks(tasks);
    const QHash<QString, QPointF> laid = computeLayoutPositions(sub);
    if (laid.isEmpty())
        return false;
    // Anchored at the top-left of the cards as they are, so the frame stays where it is.
    QPointF laidTopLeft(qInf(), qInf()), shownTopLeft(qInf(), qInf());
    for (auto it = laid.constBegin(); it != laid.constEnd(); ++it) {
        laidTopLeft = QPointF(qMin(laidTopLeft.x(), it->x()), qMin(laidTopLeft.y(), it->y()));
        if (const CardItem *card = scene->cardFor(it.key()))
            shownTopLeft = QPointF(qMin(shownTopLeft.x(), card->x()), qMin(shownTopLeft.y(), card->y()));
    }
    if (!qIsFinite(shownTopLeft.x()))
        shownTopLeft = laidTopLeft;
    QHash<QString, QPointF> positions;
    for (auto it = laid.constBegin(); it != laid.constEnd(); ++it)
        positions.insert(it.key(), *it - laidTopLeft + shownTopLeft);
    return bool(document->edits().applyLayout(positions,
                                               tr("Lay out %1").arg(document->project().find(summaryId)->title())));
}

} // namespace Workplan::ContextMenus
