#pragma once

#include "model/task.h"

namespace Workplan {

class ProjectDocument;

// "specialist_task" -> "Specialist Task": how a type is named in menus and new titles.
QString typeDisplayName(const QString &type);

// "New Specialist Task": the title a new task of `type` gets.
QString newTaskTitle(const QString &type);

// A new task of `type` under `parentId` with a fresh id and the title "New <Type Name>",
// not yet in the document (ProjectEdits::addNewTask puts it in).
Task newTask(const ProjectDocument &document, const QString &type, const QString &parentId);

} // namespace Workplan
