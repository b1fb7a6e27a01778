#pragma once

#include <QStringList>

namespace Workplan {

class Project;

// The loop that a new counting dependency "owner waits for prereq" would close, as task
// ids starting and ending with `ownerId` (owner -> prereq -> ... -> owner); empty when it
// closes none. Summaries count as in the engine: a dependency on or of a summary binds
// every leaf under it. O(V + E).
QStringList dependencyLoop(const Project &project, const QString &ownerId, const QString &prereqId);

// The refusal a person reads for that loop, by task titles (taskLabel) in the direction
// the canvas draws its arrows, prerequisite before the task that waits, from the owner:
// "This would close a loop: Design API → Write tests → Design API". Empty when it closes
// none.
QString dependencyLoopProblem(const Project &project, const QString &ownerId, const QString &prereqId);

} // namespace Workplan
