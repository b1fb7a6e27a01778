#include "layoutadapter.h"

#include "graphstyle.h"

#include "model/layout/graphlayout.h"
#include "model/project.h"

namespace Workplan {

QPointF fallbackGridPosition(int depth, int fileIndex)
{
    return QPointF(depth * GraphStyle::ColumnSpacing, fileIndex * GraphStyle::RowSpacing);
}

QHash<QString, QPointF> computeLayoutPositions(const Project &project)
{
    // The canvas draws frames from its children with its own padding and header, so the
    // layout reserves at least that much room around each band.
    LayoutOptions options;
    options.cardSize = QSizeF(GraphStyle::CardWidth, GraphStyle::CardHeight);
    options.framePadding = GraphStyle::FramePadding + 4;
    options.headerHeight = GraphStyle::FrameHeader + 8;
    options.layerSpacing = GraphStyle::ColumnSpacing - GraphStyle::CardWidth;
    const LayoutResult layout = layoutProject(project, options);

    QHash<QString, QPointF> positions;
    positions.reserve(project.taskCount());
    for (std::size_t i = 0; i < layout.ids.size(); ++i) {
        if (layout.layer[i] >= 0)   // leaves only: frames follow their children
            positions.insert(layout.ids[i], layout.rects[i].topLeft());
    }
    return positions;
}

} // namespace Workplan
