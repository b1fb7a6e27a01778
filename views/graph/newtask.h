#pragma once

#include "model/task.h"

namespace Workplan {

class ProjectDocument;

// A fresh task of `type` under `parentId` with a unique id and a readable title. A stand-in
// for views/taskfactory.h (the editor's), which replaces it once merged.
Task makeNewTask(const ProjectDocument &document, const QString &type, const QString &parentId);

} // namespace Workplan
