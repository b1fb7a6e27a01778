#pragma once

#include <QList>

class QAction;

namespace Workplan {

class ProjectDocument;

// Greys `actions` while the document is read-only (a team project offline or opened by a
// SELECT-only role, a file held by another Workplan) and brings them back when it is not.
// The model refuses every edit of a read-only document anyway; this is so the user is not
// offered what would be refused.
void enableWhileEditable(ProjectDocument *document, const QList<QAction *> &actions);

} // namespace Workplan
