#pragma once

#include "model/calendar.h"
#include "model/project.h"
#include "model/task.h"

#include <QByteArray>
#include <QList>
#include <QPointF>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Workplan {

// Cut, copy, paste and duplicate of tasks, without the clipboard itself (that is the
// views' business): which tasks a copy holds, the text it travels as, and the new tasks a
// paste makes. Pure functions on plain values; the views push one AddTasksCommand with the
// result, so a paste is one undo step.
namespace TaskClipboard {

// The system clipboard carries the copy under this type and, the same bytes, as text/plain,
// so a paste into a text editor shows the JSON.
inline QString mimeType() { return QStringLiteral("application/x-workplan-tasks"); }

// The tasks `ids` name with all their descendants, each once, in file order. Dependencies on
// tasks outside the set are dropped: a copy stands alone. Parents are kept as in `project`,
// so a root's parent is outside the set (duplicate keeps it, toJson() clears it).
QList<Task> collect(const Project &project, const QStringList &ids);

// Tasks of `tasks` whose parent is not among them.
QStringList roots(const QList<Task> &tasks);

// The copy as an interchange file (§1) with its roots at the top level: the text is a small
// plan of its own that Workplan can open and a person can read or trim.
QByteArray toJson(const QList<Task> &tasks, const QString &projectName = QString(),
                  const Calendar &calendar = Calendar());

// Reads a copy back, in the object form or as a bare task array. A parent or dependency
// naming a task the text does not hold is dropped first (JSON trimmed by hand, or copied out
// of a whole file), then the contract's rules apply as to any file. nullopt, and *error
// set, when the bytes are no such plan.
std::optional<QList<Task>> fromJson(const QByteArray &bytes, QString *error = nullptr);

// Where pasted tasks go.
struct Placement
{
    bool keepParents = false;   // duplicate: each root stays under its own parent
    QString parentId;           // otherwise every root goes under this (empty: top level)
    QPointF offset;             // added to every saved canvas position
};

// `id` itself when neither `target` nor `taken` has it, else `x_copy`, `x_copy2`, … on the
// id's stem (a copy of `x_copy` is `x_copy2`, not `x_copy_copy`).
QString freshId(const QString &id, const Project &target, const QSet<QString> &taken);

// New tasks for one AddTasksCommand into `target`: fresh ids (a free id is kept, so a cut
// pasted back keeps its ids), parents and internal dependencies remapped, dependencies on
// tasks outside `tasks` dropped, positions offset. Same order as `tasks`.
QList<Task> instantiate(const QList<Task> &tasks, const Project &target, const Placement &placement);

} // namespace TaskClipboard
} // namespace Workplan
