#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace Workplan {

class Project;
class ProjectDocument;
struct Task;

// How a task is named wherever a person reads it (undo labels, refusals, tooltips, the
// analysis panel, printed and text reports): its title, "Write tests". The id stands in
// when the task has no title or is not in the project, and is added, "Review (review_2)",
// only when another task has the same title, since two lines that both read "Review"
// cannot be told apart. An id alone belongs where the id is the point: the inspector's Id
// field, JSON, `--json`.
//
// Counting titles is O(n) once; each label after that is O(1). The counts follow the
// project as labels are asked for: a task whose title differs from the one counted is
// recounted on the spot, so a label asked for right after a rename is already right.
class TaskLabels
{
public:
    explicit TaskLabels(const Project &project);

    QString operator()(const QString &id) const;
    // A task that need not be in the project yet (one being added): its title, with its id
    // when another task of the project already has that title.
    QString operator()(const Task &task) const;
    // "'Write tests'": a label inside a sentence, as undo texts use it.
    QString quoted(const QString &id) const;
    QString quoted(const Task &task) const;
    // Labels joined by " → ": a loop or a path ("Design API → Write tests → Design API").
    QString chain(const QStringList &ids) const;

    // The document keeps one of these up to date (taskLabels()); these keep its counts.
    void recount(const QString &id) const;
    void forget(const QString &id) const;

private:
    QString labelFor(const QString &id, const QString &title) const;

    const Project *m_project;
    mutable QHash<QString, QString> m_titleOf;   // id -> the title counted for it
    mutable QHash<QString, int> m_count;         // title -> how many tasks have it
};

// One label, counting the titles of `project` for it: O(n). For a single text (an undo
// label, a refusal); use TaskLabels or taskLabels() for many.
QString taskLabel(const Project &project, const QString &id);
QString quotedTaskLabel(const Project &project, const QString &id);

// The labels of a document's project, kept current as it changes (O(1) per label after
// the first use). Only for the thread the document lives in.
const TaskLabels &taskLabels(const ProjectDocument &document);

} // namespace Workplan
