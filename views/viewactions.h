#pragma once

#include <QList>

class QAction;
class QMenu;

namespace Workplan {

class GraphView;

// View ▸ Zoom In (Ctrl++), Zoom Out (Ctrl+-), Fit to Window (Ctrl+0), Actual Size (Ctrl+1)
// and Lay Out Plan (Ctrl+L) for the canvas. Window-wide shortcuts, so they work wherever
// the focus is, except that the timeline keeps Ctrl+plus/minus for its own zoom while it
// has the focus. Help ▸ Keyboard Shortcuts lists them from the actions themselves.
namespace ViewActions {

// Adds the actions (children of `menu`) and a separator after them; returns them in
// menu order.
QList<QAction *> populate(QMenu *menu, GraphView *view);

} // namespace ViewActions
} // namespace Workplan
