#pragma once

#include "model/layout/canvasgeometry.h"
#include "model/vocabulary.h"

#include <QColor>
#include <QFont>
#include <QPen>
#include <QSizeF>
#include <QString>

namespace Workplan {

// Sizes, colours and fonts of the canvas in one place. Fonts use pixel sizes and an
// explicit family so the PDF/print output looks like the screen.
namespace GraphStyle {

constexpr qreal CardWidth = CanvasGeometry::CardWidth;
constexpr qreal CardHeight = CanvasGeometry::CardHeight;
constexpr qreal PortRadius = 6;
// Where a new dependency is drawn from, in screen pixels whatever the zoom (a 6-unit port is
// 1.5 px at 25 %): a square of this side around the port, a band this wide inside the
// card's right edge (and a little beyond it), and the marker shown over a hovered port.
constexpr qreal PortHitPixels = 16;
constexpr qreal EdgeGripPixels = 6;
constexpr qreal EdgeGripOutsidePixels = 2;
constexpr qreal PortMarkerPixels = 7;   // radius
constexpr qreal ColumnSpacing = CanvasGeometry::ColumnSpacing;   // fallback grid and layered layout
constexpr qreal RowSpacing = CanvasGeometry::RowSpacing;
constexpr qreal FramePadding = CanvasGeometry::FramePadding;
constexpr qreal FrameHeader = CanvasGeometry::FrameHeader;
// Below this level of detail cards are plain rects and edges lose their labels.
constexpr qreal DetailThreshold = 0.45;
// Below it, the height of a card's status stripe (scene units) and the pixel size at which
// frame titles are drawn whatever the zoom; a frame narrower on screen than
// FrameLabelMinPixels shows none.
constexpr qreal StatusStripe = 14;
constexpr int FrameLabelPixels = 11;
constexpr qreal FrameLabelMinPixels = 30;

QFont font(int pixelSize, bool bold = false);
QColor typeColor(const QString &taskType);
QString typeGlyph(const QString &taskType);   // one or two letters shown as the icon
QColor statusColor(Status status);
QPen dependencyPen(DependencyType type, bool faded);
QColor criticalColor();
QColor blockedColor();
QColor loopColor();   // tasks and arrows of a dependency loop

// Follows the desktop: the canvas is the palette's Base (dark in a dark theme); text drawn
// straight on the canvas takes an ink that reads on that background. Cards stay light
// "paper" with dark text in both themes.
QColor canvasColor();
bool isDark(const QColor &background);
QColor inkColor(const QColor &background);

} // namespace GraphStyle
} // namespace Workplan
