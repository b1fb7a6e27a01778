// ProjectEdits: dependencies (link, unlink, change, re-target) and the canvas's Delete.
#include "model/projectedits.h"

#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/projectdocument.h"
#include "model/tasklabel.h"

#include <QUndoStack>

namespace Workplan {

namespace {
const Dependency *dependencyOf(const ProjectDocument &document, const DependencyKey &key)
{
    const int index = document.dependencyIndex(key);
    return index < 0 ? nullptr : &document.project().find(key.ownerId)->dependencies.at(index);
}
} // namespace

EditResult ProjectEdits::link(const QString &ownerId, const QString &prereqId, DependencyType type)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    Dependency d;
    d.taskId = prereqId;
    d.type = type;
    return addDependency(ownerId, d);
}

EditResult ProjectEdits::addDependency(const QString &ownerId, const Dependency &dep)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const QString problem = m_document.dependencyProblem(ownerId, dep.taskId, dep.type);
    if (!problem.isEmpty())
        return EditResult::refuse(problem);
    m_document.undoStack()->push(DependencyCommand::add(&m_document, ownerId, dep));
    return EditResult::done();
}

EditResult ProjectEdits::unlink(const DependencyKey &key)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    if (!dependencyOf(m_document, key))
        return EditResult::refuse(tr("There is no such dependency."));
    m_document.undoStack()->push(DependencyCommand::remove(&m_document, key));
    return EditResult::done();
}

EditResult ProjectEdits::changeDependency(const DependencyKey &key, const Dependency &dep)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Dependency *old = dependencyOf(m_document, key);
    if (!old)
        return EditResult::refuse(tr("There is no such dependency."));
    if (*old == dep)
        return EditResult::nothing();
    if (old->taskId != dep.taskId || old->type != dep.type) {
        // Checked as a new link, against the task as it is (with the old edge).
        const QString problem = m_document.dependencyProblem(key.ownerId, dep.taskId, dep.type);
        if (!problem.isEmpty())
            return EditResult::refuse(problem);
    }
    m_document.undoStack()->push(DependencyCommand::change(&m_document, key, dep));
    return EditResult::done();
}

EditResult ProjectEdits::setDependencyType(const DependencyKey &key, DependencyType type)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Dependency *old = dependencyOf(m_document, key);
    if (!old)
        return EditResult::refuse(tr("There is no such dependency."));
    Dependency d = *old;
    d.type = type;
    return changeDependency(key, d);
}

EditResult ProjectEdits::setDependencyLag(const DependencyKey &key, const QJsonValue &lag)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Dependency *old = dependencyOf(m_document, key);
    if (!old)
        return EditResult::refuse(tr("There is no such dependency."));
    Dependency d = *old;
    d.lag = lag;
    return changeDependency(key, d);
}

EditResult ProjectEdits::setDependencyMandatory(const DependencyKey &key, bool mandatory)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Dependency *old = dependencyOf(m_document, key);
    if (!old)
        return EditResult::refuse(tr("There is no such dependency."));
    Dependency d = *old;
    d.mandatory = mandatory;
    d.hasMandatory = true;
    return changeDependency(key, d);
}

EditResult ProjectEdits::setDependencyWaived(const DependencyKey &key, bool waived)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Dependency *old = dependencyOf(m_document, key);
    if (!old)
        return EditResult::refuse(tr("There is no such dependency."));
    Dependency d = *old;
    d.waived = waived;
    d.hasWaived = true;
    return changeDependency(key, d);
}

EditResult ProjectEdits::setDependencyDescription(const DependencyKey &key, const QString &description)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Dependency *old = dependencyOf(m_document, key);
    if (!old)
        return EditResult::refuse(tr("There is no such dependency."));
    Dependency d = *old;
    d.description = description;
    return changeDependency(key, d);
}

EditResult ProjectEdits::retarget(const DependencyKey &key, End end, const QString &newTaskId)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Dependency *found = dependencyOf(m_document, key);
    if (!found)
        return EditResult::refuse(tr("There is no such dependency."));
    const Dependency dep = *found;
    if (end == End::Prerequisite) {
        if (newTaskId == dep.taskId)
            return EditResult::nothing();
        Dependency changed = dep;
        changed.taskId = newTaskId;
        return changeDependency(key, changed);
    }
    if (newTaskId == key.ownerId)
        return EditResult::nothing();
    const QString problem = m_document.dependencyProblem(newTaskId, dep.taskId, dep.type);
    if (!problem.isEmpty())
        return EditResult::refuse(problem);
    // The dependency belongs to its owner: a new owner means moving it, as one step.
    const TaskLabels &labels = taskLabels(m_document);
    QUndoStack *stack = m_document.undoStack();
    stack->beginMacro(tr("Re-target link %1 \u2192 %2").arg(labels.quoted(dep.taskId), labels.quoted(newTaskId)));
    stack->push(DependencyCommand::remove(&m_document, key));
    stack->push(DependencyCommand::add(&m_document, newTaskId, dep));
    stack->endMacro();
    return EditResult::done();
}

EditResult ProjectEdits::deleteItems(const QStringList &taskIds, const QList<DependencyKey> &dependencies)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Project &p = m_document.project();
    QStringList ids;
    for (const QString &id : taskIds) {
        if (p.contains(id) && !ids.contains(id))
            ids << id;
    }
    auto doomed = [&](const QString &id) {
        for (const QString &d : std::as_const(ids)) {
            if (d == id || p.isAncestor(d, id))
                return true;
        }
        return false;
    };
    // Removing a task removes the dependencies on and of it already.
    QList<DependencyKey> edges;
    for (const DependencyKey &key : dependencies) {
        if (m_document.dependencyIndex(key) >= 0 && !doomed(key.ownerId) && !doomed(key.prerequisiteId)
            && !edges.contains(key))
            edges << key;
    }
    if (ids.isEmpty() && edges.isEmpty())
        return EditResult::nothing();
    // By key, each found where it is when its turn comes: no index goes stale.
    QUndoStack *stack = m_document.undoStack();
    stack->beginMacro(tr("Delete"));
    for (const DependencyKey &key : std::as_const(edges))
        stack->push(DependencyCommand::remove(&m_document, key));
    if (!ids.isEmpty())
        stack->push(new RemoveTasksCommand(&m_document, ids));
    stack->endMacro();
    return EditResult::done();
}

} // namespace Workplan
