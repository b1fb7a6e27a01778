#include "layoutadapter.h"

#include "graphstyle.h"

#include "model/layout/framefit.h"
#include "model/project.h"

namespace Workplan {

QPointF fallbackGridPosition(int depth, int fileIndex)
{
    return QPointF(depth * GraphStyle::ColumnSpacing, fileIndex * GraphStyle::RowSpacing);
}

QHash<QString, QPointF> computeLayoutPositions(const Project &project)
{
    return autoLayoutPositions(project);
}

} // namespace Workplan
