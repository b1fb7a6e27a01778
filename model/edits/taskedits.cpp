// ProjectEdits: adding, deleting and moving tasks in the tree.
#include "model/projectedits.h"

#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/edits/newtask.h"
#include "model/layout/framefit.h"
#include "model/projectdocument.h"
#include "model/tasklabel.h"

#include <QUndoStack>

namespace Workplan {

EditResult ProjectEdits::readOnlyRefusal() const
{
    return EditResult::refuse(m_document.readOnlyReason());
}

void ProjectEdits::pushAll(const QList<QUndoCommand *> &commands, const QString &text)
{
    QUndoStack *stack = m_document.undoStack();
    if (commands.size() == 1) {
        stack->push(commands.first());
        return;
    }
    stack->beginMacro(text);
    for (QUndoCommand *command : commands)
        stack->push(command);
    stack->endMacro();
}

int ProjectEdits::childInsertIndex(const QString &parentId, const QString &beforeId) const
{
    const Project &project = m_document.project();
    if (!beforeId.isEmpty() && project.contains(beforeId))
        return project.indexOf(beforeId);
    if (parentId.isEmpty() || !project.contains(parentId))
        return project.taskCount();
    // Just after the parent's last child (or the parent itself): keeps the file readable.
    int fileIndex = project.indexOf(parentId) + 1;
    for (const QString &c : m_document.childIds(parentId))
        fileIndex = qMax(fileIndex, project.indexOf(c) + 1);
    return fileIndex;
}

EditResult ProjectEdits::addNewTask(const NewTask &spec)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    Task t = newTask(m_document, spec.type, spec.parentId);
    if (!spec.title.isEmpty())
        t.attributes.insert(QStringLiteral("title"), spec.title);
    if (spec.position) {
        t.position = *spec.position;
        t.hasPosition = true;
    }
    return addTasks({t}, spec.fileIndex, spec.text, spec.makeRoom ? QStringList{t.id} : QStringList());
}

EditResult ProjectEdits::addTasks(const QList<Task> &tasks, int fileIndex, const QString &text,
                                  const QStringList &makeRoomFor)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    if (tasks.isEmpty())
        return EditResult::nothing();
    const Project &project = m_document.project();
    QSet<QString> added;
    for (const Task &t : tasks) {
        if (t.id.isEmpty() || project.contains(t.id) || added.contains(t.id))
            return EditResult::refuse(tr("There is already a task %1.").arg(t.id));
        added.insert(t.id);
    }
    // Parents and prerequisites are in the plan already or come along.
    for (const Task &t : tasks) {
        if (!t.parentId.isEmpty() && !project.contains(t.parentId) && !added.contains(t.parentId))
            return EditResult::refuse(tr("There is no task %1.").arg(t.parentId));
        for (const Dependency &d : t.dependencies) {
            if (!project.contains(d.taskId) && !added.contains(d.taskId))
                return EditResult::refuse(tr("There is no task %1.").arg(d.taskId));
        }
    }
    QStringList ids;
    for (const Task &t : tasks)
        ids << t.id;
    auto *add = new AddTasksCommand(&m_document, tasks, fileIndex);
    if (!text.isEmpty())
        add->setText(text);
    if (makeRoomFor.isEmpty()) {
        m_document.undoStack()->push(add);
        return EditResult::done(ids);
    }
    // The frame a drop lands in grows around it: what is not its own moves clear, worked
    // out once the tasks are in, in the same step.
    QUndoStack *stack = m_document.undoStack();
    stack->beginMacro(add->text());
    stack->push(add);
    const QHash<QString, QPointF> places = arrangeFrames(m_document, makeRoomFor, true);
    if (!places.isEmpty())
        stack->push(new SetPositionsCommand(&m_document, places, tr("Make room")));
    stack->endMacro();
    return EditResult::done(ids);
}

EditResult ProjectEdits::removeTasks(const QStringList &ids, const QString &text)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    QStringList present;
    for (const QString &id : ids) {
        if (m_document.project().contains(id))
            present << id;
    }
    if (present.isEmpty())
        return EditResult::nothing();
    auto *remove = new RemoveTasksCommand(&m_document, present);
    if (!text.isEmpty())
        remove->setText(text);
    m_document.undoStack()->push(remove);
    return EditResult::done();
}

EditResult ProjectEdits::moveTasks(const QStringList &ids, const QString &parentId, const QString &beforeId)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Project &project = m_document.project();
    if (!parentId.isEmpty() && !project.contains(parentId))
        return EditResult::refuse(tr("There is no task %1.").arg(parentId));
    // A task inside another moved one goes along with it.
    QStringList moving;
    for (const QString &id : ids) {
        if (!project.contains(id))
            return EditResult::nothing();   // a drag from elsewhere: not ours to move
        bool underAnother = false;
        for (const QString &other : ids)
            underAnother = underAnother || (other != id && project.isAncestor(other, id));
        if (!underAnother && !moving.contains(id))
            moving << id;
    }
    if (moving.isEmpty())
        return EditResult::nothing();
    for (const QString &id : std::as_const(moving)) {
        const QString problem = m_document.reparentProblem(id, parentId);
        if (!problem.isEmpty())
            return EditResult::refuse(problem);
    }
    // Land in front of the first sibling at or after the drop row that is not itself moving.
    QString anchor = beforeId;
    if (!anchor.isEmpty() && moving.contains(anchor)) {
        const QStringList &siblings = m_document.childIds(parentId);
        anchor.clear();
        for (int i = int(siblings.indexOf(beforeId)) + 1; i < siblings.size(); ++i) {
            if (!moving.contains(siblings.at(i))) {
                anchor = siblings.at(i);
                break;
            }
        }
    }
    QUndoStack *stack = m_document.undoStack();
    stack->beginMacro(moving.size() == 1 ? tr("Move %1").arg(taskLabels(m_document).quoted(moving.first()))
                                         : tr("Move %1 tasks").arg(moving.size()));
    for (const QString &id : std::as_const(moving))
        stack->push(new ReparentTaskCommand(&m_document, id, parentId, anchor));
    stack->endMacro();
    return EditResult::done();
}

} // namespace Workplan
