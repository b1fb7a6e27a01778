#pragma once

#include <QPointF>
#include <QString>

#include <optional>

class QMenu;
class QPoint;
class QWidget;

namespace Workplan {

class EditActions;
class GraphScene;
class GraphView;
class ProjectDocument;
class TaskSelection;
class TaskTreeWidget;

// The right-click menus of the canvas (card, frame, arrow, background) and the task tree
// (row, background). Every entry is one ProjectEdits call (model/projectedits.h), so each is
// one undo step, or runs an edit action (cut, copy, paste, duplicate, select all).
//
// The builders return the menu without showing it: the views show it with popup(), which
// does not block, and tests look into it and trigger its actions.
namespace ContextMenus {

struct Context
{
    ProjectDocument *document = nullptr;
    TaskSelection *selection = nullptr;
    EditActions *edit = nullptr;       // null: no clipboard entries
    GraphScene *scene = nullptr;       // set on the canvas: collapse, lay out, placing
    TaskTreeWidget *tree = nullptr;    // set in the tree: open and close rows
};

// A task's menu (a card, a frame or a tree row): Add Child Task, Add Dependency…, Type ▸,
// Status ▸, the clipboard, Delete, Collapse/Expand and, on the canvas, Lay Out This Frame.
// Type, Status and Delete act on the whole selection when the task is part of it.
QMenu *taskMenu(const Context &context, const QString &taskId, QWidget *parent);
// An arrow's menu: Dependency Type ▸, Mandatory, Select Prerequisite/Dependent, Delete Dependency.
QMenu *edgeMenu(const Context &context, const QString &ownerId, int index, QWidget *parent);
// Empty space: Add Task (Here), Paste (Here), Select All and, on the canvas, Lay Out Plan.
// `scenePos` is where on the canvas; none in the tree.
QMenu *backgroundMenu(const Context &context, const std::optional<QPointF> &scenePos, QWidget *parent);

// What a right-click at `viewportPos` offers: the menu of the card, frame or arrow there,
// selected first as a left click would (a selection it belongs to is kept), or of the
// background.
QMenu *forCanvas(GraphView *view, const QPoint &viewportPos);
QMenu *forTree(TaskTreeWidget *tree, TaskSelection *selection, const QPoint &viewportPos);

// Shows `menu` without waiting for it; it deletes itself once closed.
void popup(QMenu *menu, const QPoint &globalPos);

// Lays out the leaves under `summaryId` on their own and puts them back where the frame's
// top-left was; one undo step. False when there is nothing to place.
bool layOutFrame(ProjectDocument *document, GraphScene *scene, const QString &summaryId);

} // namespace ContextMenus
} // namespace Workplan
