#pragma once

#include <QStringList>

namespace Workplan::RenderCommands {

// `print` and `export`: they draw, so they need a QApplication (offscreen is enough).
bool isRenderCommand(const QStringList &arguments);
int run(const QStringList &arguments);

} // namespace Workplan::RenderCommands
