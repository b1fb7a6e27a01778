#pragma once

#include <QtGlobal>

namespace Workplan {

// The canvas's card and frame sizes, in scene units. The model needs them to keep frames
// clear of tasks that are not their members when a command moves tasks (framefit) and to
// print the layout without a display (layoutgeometry); views/graph/graphstyle.h draws with
// these very numbers.
namespace CanvasGeometry {
constexpr qreal CardWidth = 190;
constexpr qreal CardHeight = 66;
constexpr qreal FramePadding = 16;
constexpr qreal FrameHeader = 24;
constexpr qreal ColumnSpacing = 260;
constexpr qreal RowSpacing = 88;
constexpr qreal Gap = 16;   // between a frame and what is moved clear of it
} // namespace CanvasGeometry

} // namespace Workplan
