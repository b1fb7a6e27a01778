// GraphScene: the edits the canvas makes, each one command or macro on the undo stack.
#include "graphscene.h"

#include "carditem.h"
#include "frameitem.h"
#include "nodeitem.h"

#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/projectdocument.h"

#include <QUndoStack>

namespace Workplan {

DependencyType GraphScene::typeForModifiers(Qt::KeyboardModifiers modifiers)
{
    if (modifiers & Qt::ShiftModifier)
        return DependencyType::Data;
    if (modifiers & Qt::ControlModifier)
        return DependencyType::Approval;
    return DependencyType::Completion;
}

bool GraphScene::createDependency(const QString &prereqId, const QString &ownerId, DependencyType type)
{
    const QString problem = m_document->dependencyProblem(ownerId, prereqId, type);
    if (!problem.isEmpty()) {
        emit message(problem);
        return false;
    }
    Dependency d;
    d.taskId = prereqId;
    d.type = type;
    m_document->undoStack()->push(DependencyCommand::add(m_document, ownerId, d));
    emit message(tr("%1 now waits for %2 (%3).").arg(ownerId, prereqId, toString(type)));
    return true;
}

bool GraphScene::retargetEdge(const QString &ownerId, int index, EdgeItem::End end, const QString &newTaskId)
{
    const Task *owner = m_document->project().find(ownerId);
    if (!owner || index < 0 || index >= owner->dependencies.size())
        return false;
    const Dependency dep = owner->dependencies.at(index);
    QUndoStack *stack = m_document->undoStack();
    if (end == EdgeItem::End::Source) {
        if (newTaskId == dep.taskId)
            return false;
        const QString problem = m_document->dependencyProblem(ownerId, newTaskId, dep.type);
        if (!problem.isEmpty()) {
            emit message(problem);
            return false;
        }
        Dependency changed = dep;
        changed.taskId = newTaskId;
        stack->push(DependencyCommand::change(m_document, ownerId, index, changed));
        return true;
    }
    if (end != EdgeItem::End::Target || newTaskId == ownerId)
        return false;
    const QString problem = m_document->dependencyProblem(newTaskId, dep.taskId, dep.type);
    if (!problem.isEmpty()) {
        emit message(problem);
        return false;
    }
    // The dependency belongs to its owner: a new owner means moving it, as one step.
    stack->beginMacro(tr("Re-target dependency %1 \u2192 %2").arg(newTaskId, dep.taskId));
    stack->push(DependencyCommand::remove(m_document, ownerId, index));
    stack->push(DependencyCommand::add(m_document, newTaskId, dep));
    stack->endMacro();
    return true;
}

void GraphScene::deleteSelection()
{
    QStringList ids;
    QList<QPair<QString, int>> edges;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == EdgeItem::Type) {
            auto *e = static_cast<EdgeItem *>(item);
            edges.append({e->ownerId(), e->index()});
        } else if (item->type() == CardItem::Type || item->type() == FrameItem::Type) {
            // A stand-in card deletes the hidden tasks it was selected for, not its summary.
            const QString id = static_cast<NodeItem *>(item)->taskId();
            ids += item->type() == CardItem::Type ? m_standIns.value(id, {id}) : QStringList{id};
        }
    }
    if (ids.isEmpty() && edges.isEmpty())
        return;
    const Project &p = m_document->project();
    auto doomed = [&](const QString &id) {
        for (const QString &d : std::as_const(ids)) {
            if (d == id || p.isAncestor(d, id))
                return true;
        }
        return false;
    };
    // Later indices first so the earlier ones stay valid while removing.
    std::sort(edges.begin(), edges.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(tr("Delete"));
    for (const auto &[owner, index] : std::as_const(edges)) {
        const Task *t = p.find(owner);
        // Removing a task removes the dependencies on and of it already.
        if (!t || index >= t->dependencies.size() || doomed(owner) || doomed(t->dependencies.at(index).taskId))
            continue;
        stack->push(DependencyCommand::remove(m_document, owner, index));
    }
    if (!ids.isEmpty())
        stack->push(new RemoveTasksCommand(m_document, ids));
    stack->endMacro();
}

} // namespace Workplan
