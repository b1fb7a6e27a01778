#pragma once

class QMenu;
class QWidget;

namespace Workplan::HelpMenu {

// Fills Help: Keyboard Shortcuts (from the window's actions), About Workplan, About Qt.
void populate(QMenu *menu, QWidget *window);

} // namespace Workplan::HelpMenu
