#pragma once

#include "model/task.h"

#include <QIcon>
#include <QString>
#include <QStringList>

namespace Workplan {

class ProjectDocument;

// Shared by the tree, the palette and the canvas: what a dropped palette item becomes.
namespace TaskFactory {

// Drag payloads between the views.
inline QString taskIdsMimeType() { return QStringLiteral("application/x-workplan-task-ids"); }
inline QString taskTypeMimeType() { return QStringLiteral("application/x-workplan-task-type"); }

// The well-known types of the contract (§1), in the contract's order.
QStringList wellKnownTypes();
// "specialist_task" -> "Specialist Task" (the model's typeDisplayName, as new titles use it).
QString displayName(const QString &type);
// A small coloured badge per type, drawn in code (no image files).
QIcon iconForType(const QString &type);

} // namespace TaskFactory

} // namespace Workplan
