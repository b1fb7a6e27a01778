#pragma once

#include <QStringList>

namespace Workplan {

class Project;

// The canvas's Find: the ids of the tasks whose title or id contains `text`, ignoring
// case, in file order (the order the tree lists them, so stepping through is predictable).
// Blank text matches nothing. Pure, O(n).
QStringList findTasks(const Project &project, const QString &text);

} // namespace Workplan
