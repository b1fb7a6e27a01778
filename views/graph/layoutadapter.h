#pragma once

#include <QHash>
#include <QPointF>
#include <QString>

namespace Workplan {

class Project;

// The canvas's view of model/layout/: top-left card positions of the leaf tasks, sized
// for the canvas's cards (summaries are frames derived from their children). Positions
// only: the scene's own layout (canvasLayout(), framefit.h) also keeps the arrows' routes.
QHash<QString, QPointF> computeLayoutPositions(const Project &project);

// Where a task without a saved position goes: column = depth, row = file order.
QPointF fallbackGridPosition(int depth, int fileIndex);

} // namespace Workplan
