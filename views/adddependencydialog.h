#pragma once

#include <QString>

class QWidget;

namespace Workplan {

class ProjectDocument;

// "Add Dependency…" of the task menus: which task should this one wait for, and how.
namespace AddDependencyDialog {

// Asks, and adds the dependency as one undo step. A refused choice (itself, an ancestor, a
// loop, a repeat) is explained in the dialog, which stays open for another. True when one
// was added.
bool ask(ProjectDocument *document, const QString &ownerId, QWidget *parent);

} // namespace AddDependencyDialog
} // namespace Workplan
