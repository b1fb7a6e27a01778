#include "layoutadapter.h"

#include "graphstyle.h"

#include "model/layout/framefit.h"
#include "model/project.h"

namespace Workplan {

// The model keeps frames clear of non-members with the canvas's sizes: they must be the
// sizes the canvas draws.
static_assert(GraphStyle::CardWidth == CanvasGeometry::CardWidth && GraphStyle::CardHeight == CanvasGeometry::CardHeight,
              "model/layout/framefit.h must know the canvas's card size");
static_assert(GraphStyle::FramePadding == CanvasGeometry::FramePadding
                  && GraphStyle::FrameHeader == CanvasGeometry::FrameHeader,
              "model/layout/framefit.h must know the canvas's frame padding and header");
static_assert(GraphStyle::ColumnSpacing == CanvasGeometry::ColumnSpacing
                  && GraphStyle::RowSpacing == CanvasGeometry::RowSpacing,
              "model/layout/framefit.h must know the canvas's grid");

QPointF fallbackGridPosition(int depth, int fileIndex)
{
    return QPointF(depth * GraphStyle::ColumnSpacing, fileIndex * GraphStyle::RowSpacing);
}

QHash<QString, QPointF> computeLayoutPositions(const Project &project)
{
    return canvasLayoutPositions(project);
}

} // namespace Workplan
