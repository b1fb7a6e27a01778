// ProjectEdits: card positions and layouts, project properties and the team.
#include "model/projectedits.h"

#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/projectdocument.h"
#include "model/tasklabel.h"

#include <QJsonObject>
#include <QUndoStack>

namespace Workplan {

namespace {
const QLatin1String kResources("resources");
const QLatin1String kName("name");
} // namespace

EditResult ProjectEdits::moveCards(const QHash<QString, QPointF> &positions, const QString &text)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    QHash<QString, QPointF> known;
    for (auto it = positions.constBegin(); it != positions.constEnd(); ++it) {
        if (m_document.project().contains(it.key()))
            known.insert(it.key(), it.value());
    }
    if (known.isEmpty())
        return EditResult::nothing();
    m_document.undoStack()->push(new SetPositionsCommand(&m_document, known, text));
    return EditResult::done();
}

EditResult ProjectEdits::dropCards(const CardDrop &drop)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    // The tree's refusals, word for word: a refused drop changes nothing.
    for (const auto &[id, target] : drop.reparents) {
        const QString problem = m_document.reparentProblem(id, target);
        if (!problem.isEmpty())
            return EditResult::refuse(problem);
    }
    if (drop.reparents.isEmpty() && drop.cleared.isEmpty())
        return moveCards(drop.positions, drop.text);
    auto *move = new SetPositionsCommand(&m_document, drop.positions);
    // One step: the positions, what made room, the new parents (placed already: the task
    // stays where it was dropped).
    QUndoStack *stack = m_document.undoStack();
    stack->beginMacro(drop.text.isEmpty() ? move->text() : drop.text);
    stack->push(move);
    if (!drop.cleared.isEmpty())
        stack->push(new SetPositionsCommand(&m_document, drop.cleared, tr("Make room")));
    for (const auto &[id, target] : drop.reparents) {
        auto *cmd = new ReparentTaskCommand(&m_document, id, target);
        cmd->setArrangeFrames(false);
        stack->push(cmd);
    }
    stack->endMacro();
    return EditResult::done();
}

EditResult ProjectEdits::applyLayout(const QHash<QString, QPointF> &positions, const QString &text)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    return moveCards(positions, text);
}

EditResult ProjectEdits::setProjectProperties(const ProjectProperties &properties)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    if (properties == ProjectProperties::of(m_document.project()))
        return EditResult::nothing();
    m_document.undoStack()->push(new ProjectPropertiesCommand(&m_document, properties));
    return EditResult::done();
}

EditResult ProjectEdits::editTeam(const QJsonArray &resources, const QHash<QString, QString> &renamed,
                                  const QSet<QString> &removed)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    QSet<QString> seen;
    for (int row = 0; row < resources.size(); ++row) {
        const QString name = resources.at(row).toObject().value(kName).toString().trimmed();
        if (name.isEmpty())
            return EditResult::refuse(tr("Row %1 has no name: every resource needs one.").arg(row + 1));
        if (seen.contains(name))
            return EditResult::refuse(tr("Two resources are called \u201c%1\u201d: each name must be unique.").arg(name));
        seen.insert(name);
    }
    const Project &project = m_document.project();
    ProjectProperties properties = ProjectProperties::of(project);
    // A project that never declared a team gets no empty array from a dialog left empty.
    if (!resources.isEmpty() || project.projectExtra.contains(kResources))
        properties.projectExtra.insert(kResources, resources);

    auto *command = new QUndoCommand(tr("Edit team"));
    if (properties != ProjectProperties::of(project))
        new ProjectPropertiesCommand(&m_document, properties, command);
    // Each task's demand follows the renamed resources and forgets the removed ones.
    for (int t = 0; t < project.taskCount(); ++t) {
        const Task &task = project.task(t);
        const QJsonValue demand = task.extra.value(kResources);
        if (!demand.isObject())
            continue;
        const QJsonObject before = demand.toObject();
        QJsonObject after;
        for (auto it = before.begin(); it != before.end(); ++it) {
            if (!removed.contains(it.key()))
                after.insert(renamed.value(it.key(), it.key()), it.value());
        }
        if (after == before)
            continue;
        Task changed = task;
        changed.extra.insert(kResources, after);
        new ChangeTaskCommand(&m_document, changed,
                              tr("Update the resources of %1").arg(taskLabels(m_document).quoted(task.id)),
                              ProjectDocument::OtherChanged, QString(), command);
    }
    if (command->childCount() == 0) {
        delete command;
        return EditResult::nothing();
    }
    m_document.undoStack()->push(command);
    return EditResult::done();
}

} // namespace Workplan
