#include "changetaskcommand.h"

#include "model/tasklabel.h"

#include <QCoreApplication>

namespace Workplan {

namespace {
constexpr int kChangeTaskId = 1001;

QString tr(const char *text) { return QCoreApplication::translate("Workplan", text); }

// Undo texts name the task as a person reads it: "Rename 'Write tests'".
QString named(ProjectDocument *document, const QString &taskId)
{
    return taskLabels(*document).quoted(taskId);
}
} // namespace

ChangeTaskCommand::ChangeTaskCommand(ProjectDocument *document, const Task &after, const QString &text,
                                     ProjectDocument::ChangeFlags flags, const QString &mergeKey,
                                     QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_before(*document->project().find(after.id))
    , m_after(after)
    , m_flags(flags)
    , m_mergeKey(mergeKey)
{
}

void ChangeTaskCommand::redo() { m_document->applyTask(m_after, m_flags); }
void ChangeTaskCommand::undo() { m_document->applyTask(m_before, m_flags); }

int ChangeTaskCommand::id() const { return m_mergeKey.isEmpty() ? -1 : kChangeTaskId; }

bool ChangeTaskCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const ChangeTaskCommand *>(other);
    if (o->m_mergeKey != m_mergeKey || o->m_after.id != m_after.id)
        return false;
    m_after = o->m_after;
    m_flags |= o->m_flags;
    setObsolete(m_after == m_before);
    return true;
}

ChangeTaskCommand *ChangeTaskCommand::setAttribute(ProjectDocument *document, const QString &taskId,
                                                   const QString &name, const QJsonValue &value)
{
    Task t = *document->project().find(taskId);
    t.attributes.insert(name, value);
    t.hasAttributes = true;
    ProjectDocument::ChangeFlags flags = ProjectDocument::AttributesChanged;
    if (name == QLatin1String("title"))
        flags |= ProjectDocument::TitleChanged;
    // The name before the edit: consecutive keystrokes merge into this first step.
    const QString text = name == QLatin1String("title") ? tr("Rename %1").arg(named(document, taskId))
                                                        : tr("Set %1 of %2").arg(name, named(document, taskId));
    return new ChangeTaskCommand(document, t, text, flags, QStringLiteral("attr:") + name);
}

ChangeTaskCommand *ChangeTaskCommand::removeAttribute(ProjectDocument *document, const QString &taskId,
                                                      const QString &name)
{
    Task t = *document->project().find(taskId);
    t.attributes.remove(name);
    ProjectDocument::ChangeFlags flags = ProjectDocument::AttributesChanged;
    if (name == QLatin1String("title"))
        flags |= ProjectDocument::TitleChanged;
    return new ChangeTaskCommand(document, t, tr("Remove %1 of %2").arg(name, named(document, taskId)), flags);
}

ChangeTaskCommand *ChangeTaskCommand::setType(ProjectDocument *document, const QString &taskId,
                                              const QString &type)
{
    Task t = *document->project().find(taskId);
    t.type = type;
    return new ChangeTaskCommand(document, t, tr("Change type of %1 to %2").arg(named(document, taskId), type),
                                 ProjectDocument::TypeChanged, QStringLiteral("type"));
}

ChangeTaskCommand *ChangeTaskCommand::setStatus(ProjectDocument *document, const QString &taskId, Status status)
{
    Task t = *document->project().find(taskId);
    t.status = status;
    t.hasStatus = true;
    return new ChangeTaskCommand(document, t, tr("Set status of %1 to %2").arg(named(document, taskId), toString(status)),
                                 ProjectDocument::StatusChanged);
}

ChangeTaskCommand *ChangeTaskCommand::setLifecycle(ProjectDocument *document, const QString &taskId,
                                                   Lifecycle stage)
{
    Task t = *document->project().find(taskId);
    t.lifecycle = stage;
    t.hasLifecycle = true;
    return new ChangeTaskCommand(document, t,
                                 tr("Set lifecycle stage of %1 to %2").arg(named(document, taskId), toString(stage)),
                                 ProjectDocument::StatusChanged);
}

ChangeTaskCommand *ChangeTaskCommand::setExtraField(ProjectDocument *document, const QString &taskId,
                                                   const QString &name, const QJsonValue &value)
{
    Task t = *document->project().find(taskId);
    if (value.isUndefined())
        t.extra.remove(name);
    else
        t.extra.insert(name, value);
    const QString text = value.isUndefined() ? tr("Remove %1 of %2").arg(name, named(document, taskId))
                                             : tr("Set %1 of %2").arg(name, named(document, taskId));
    return new ChangeTaskCommand(document, t, text, ProjectDocument::OtherChanged);
}

} // namespace Workplan
