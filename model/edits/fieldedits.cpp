// ProjectEdits: the fields of tasks (attributes, title, type, status, stage, demand).
#include "model/projectedits.h"

#include "model/commands/changetaskcommand.h"
#include "model/projectdocument.h"
#include "model/tasklabel.h"

#include <QUndoStack>

namespace Workplan {

namespace {
const QLatin1String kTitle("title");
} // namespace

EditResult ProjectEdits::setAttribute(const QString &id, const QString &name, const QJsonValue &value)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Task *t = m_document.project().find(id);
    if (!t)
        return EditResult::refuse(tr("There is no such task."));
    if (name.isEmpty())
        return EditResult::refuse(tr("An attribute needs a name."));
    if (t->attributes.contains(name) && t->attributes.value(name) == value)
        return EditResult::nothing();
    m_document.undoStack()->push(ChangeTaskCommand::setAttribute(&m_document, id, name, value));
    return EditResult::done();
}

EditResult ProjectEdits::removeAttribute(const QString &id, const QString &name)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Task *t = m_document.project().find(id);
    if (!t)
        return EditResult::refuse(tr("There is no such task."));
    if (!t->attributes.contains(name))
        return EditResult::nothing();
    m_document.undoStack()->push(ChangeTaskCommand::removeAttribute(&m_document, id, name));
    return EditResult::done();
}

EditResult ProjectEdits::renameAttribute(const QString &id, const QString &oldName, const QString &newName)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Task *t = m_document.project().find(id);
    if (!t)
        return EditResult::refuse(tr("There is no such task."));
    if (!t->attributes.contains(oldName))
        return EditResult::refuse(tr("There is no attribute %1.").arg(oldName));
    if (newName == oldName)
        return EditResult::nothing();
    if (newName.isEmpty() || t->attributes.contains(newName))
        return EditResult::refuse(tr("There is already an attribute %1.").arg(newName));
    const QJsonValue value = t->attributes.value(oldName);
    QUndoStack *stack = m_document.undoStack();
    stack->beginMacro(tr("Rename attribute %1 to %2").arg(oldName, newName));
    stack->push(ChangeTaskCommand::removeAttribute(&m_document, id, oldName));
    stack->push(ChangeTaskCommand::setAttribute(&m_document, id, newName, value));
    stack->endMacro();
    return EditResult::done();
}

EditResult ProjectEdits::setTitle(const QString &id, const QString &title, const QString &text)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Task *t = m_document.project().find(id);
    if (!t)
        return EditResult::refuse(tr("There is no such task."));
    const QString trimmed = title.trimmed();
    if (trimmed.isEmpty())
        return EditResult::refuse(tr("A task needs a title."));
    if (t->attributes.value(kTitle).toString() == trimmed)
        return EditResult::nothing();
    if (text.isEmpty())
        return setAttribute(id, kTitle, trimmed);
    return setAttributeStep(id, kTitle, trimmed, text);
}

EditResult ProjectEdits::setAttributeStep(const QString &id, const QString &name, const QJsonValue &value,
                                          const QString &text)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Task *t = m_document.project().find(id);
    if (!t)
        return EditResult::refuse(tr("There is no such task."));
    if (t->attributes.contains(name) && t->attributes.value(name) == value)
        return EditResult::nothing();
    Task after = *t;
    after.attributes.insert(name, value);
    after.hasAttributes = true;
    ProjectDocument::ChangeFlags flags = ProjectDocument::AttributesChanged;
    if (name == kTitle)
        flags |= ProjectDocument::TitleChanged;
    // No merge key: each of these is a step of its own.
    m_document.undoStack()->push(new ChangeTaskCommand(&m_document, after, text, flags));
    return EditResult::done();
}

EditResult ProjectEdits::setType(const QStringList &ids, const QString &type, const QString &text)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const QString trimmed = type.trimmed();
    if (trimmed.isEmpty())
        return EditResult::refuse(tr("A task needs a type."));
    QList<QUndoCommand *> commands;
    for (const QString &id : ids) {
        const Task *t = m_document.project().find(id);
        if (t && t->type != trimmed)
            commands << ChangeTaskCommand::setType(&m_document, id, trimmed);
    }
    if (commands.isEmpty())
        return EditResult::nothing();
    pushAll(commands, text.isEmpty() ? tr("Change type of %1 tasks to %2").arg(commands.size()).arg(trimmed) : text);
    return EditResult::done();
}

EditResult ProjectEdits::setStatus(const QStringList &ids, Status status, const QString &text)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    QList<QUndoCommand *> commands;
    for (const QString &id : ids) {
        const Task *t = m_document.project().find(id);
        if (t && t->status != status)
            commands << ChangeTaskCommand::setStatus(&m_document, id, status);
    }
    if (commands.isEmpty())
        return EditResult::nothing();
    pushAll(commands,
            text.isEmpty() ? tr("Set status of %1 tasks to %2").arg(commands.size()).arg(toString(status)) : text);
    return EditResult::done();
}

EditResult ProjectEdits::setLifecycle(const QString &id, Lifecycle stage)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Task *t = m_document.project().find(id);
    if (!t)
        return EditResult::refuse(tr("There is no such task."));
    if (t->lifecycle == stage)
        return EditResult::nothing();
    m_document.undoStack()->push(ChangeTaskCommand::setLifecycle(&m_document, id, stage));
    return EditResult::done();
}

EditResult ProjectEdits::setExtraField(const QString &id, const QString &name, const QJsonValue &value)
{
    if (m_document.isReadOnly())
        return readOnlyRefusal();
    const Task *t = m_document.project().find(id);
    if (!t)
        return EditResult::refuse(tr("There is no such task."));
    if (value.isUndefined() ? !t->extra.contains(name) : t->extra.value(name) == value)
        return EditResult::nothing();
    m_document.undoStack()->push(ChangeTaskCommand::setExtraField(&m_document, id, name, value));
    return EditResult::done();
}

} // namespace Workplan
