#pragma once

#include "model/task.h"

#include <QList>
#include <QUndoCommand>

#include <memory>

namespace Workplan {

class ProjectDocument;
class SetPositionsCommand;

// A set of tasks at fixed file positions that can be put in or taken out as a whole,
// parents before children and back, so the tree never sees an orphan.
class TaskSet
{
public:
    struct Entry { int fileIndex; Task task; int depth; };

    void add(int fileIndex, Task task, int depth);
    bool isEmpty() const { return m_entries.isEmpty(); }
    const QList<Entry> &entries() const { return m_entries; }

    void insertInto(ProjectDocument &document) const;
    void removeFrom(ProjectDocument &document) const;

private:
    QList<Entry> m_entries;   // kept sorted by fileIndex
};

// Adds tasks (with their subtrees, as given) at file positions. Ids must be new.
class AddTasksCommand : public QUndoCommand
{
public:
    // `tasks` in the order they should appear, inserted before `fileIndex` (-1: at the end).
    AddTasksCommand(ProjectDocument *document, const QList<Task> &tasks, int fileIndex = -1,
                    QUndoCommand *parent = nullptr);

    ~AddTasksCommand() override;

    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    TaskSet m_set;
    QStringList m_ids;
    // Frames mean membership: on a canvas the user arranged, a task added under a summary
    // is placed inside its frame and whatever the grown frame would cover moves clear, in
    // this same undo step. Worked out on the first redo; later redos repeat it.
    bool m_arranged = false;
    std::unique_ptr<SetPositionsCommand> m_places;
};

// Removes tasks with their whole subtrees and every dependency on them; undo brings all back.
class RemoveTasksCommand : public QUndoCommand
{
public:
    RemoveTasksCommand(ProjectDocument *document, const QStringList &ids, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    TaskSet m_set;
    QList<Task> m_othersBefore;   // surviving tasks whose dependencies pointed into the set
    QList<Task> m_othersAfter;
};

} // namespace Workplan
