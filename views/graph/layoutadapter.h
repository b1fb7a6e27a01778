#pragma once

#include <QHash>
#include <QPointF>
#include <QString>

namespace Workplan {

class Project;

// The seam to the auto layout engine. Until model/layout/ is merged this is a simple
// layered placement of its own; afterwards it forwards there. Returns top-left card
// positions of the leaf tasks (summaries are frames derived from their children).
QHash<QString, QPointF> computeLayoutPositions(const Project &project);

// Where a task without a saved position goes: column = depth, row = file order.
QPointF fallbackGridPosition(int depth, int fileIndex);

} // namespace Workplan
