#pragma once

#include <QStringList>

namespace Workplan::Screenshot {

// `workplan --screenshot OUT.png [FILE] [--view window|welcome|inspector|analysis]`: the
// documentation's pictures of the real window (scripts/screenshot.sh). `arguments` are
// the ones after --screenshot.
int run(const QStringList &arguments);

} // namespace Workplan::Screenshot
