#pragma once

#include "model/projectdocument.h"
#include "model/task.h"

#include <QUndoCommand>

namespace Workplan {

// Replaces one task's fields (never its id or parent) with a new value: rename, retype,
// status, lifecycle stage, attributes, effort and dependency edits all go through here.
// Consecutive edits of the same field of the same task merge into one undo step.
class ChangeTaskCommand : public QUndoCommand
{
public:
    ChangeTaskCommand(ProjectDocument *document, const Task &after, const QString &text,
                      ProjectDocument::ChangeFlags flags, const QString &mergeKey = QString(),
                      QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    // Convenience builders for the common edits.
    static ChangeTaskCommand *setAttribute(ProjectDocument *document, const QString &taskId,
                                           const QString &name, const QJsonValue &value);
    static ChangeTaskCommand *removeAttribute(ProjectDocument *document, const QString &taskId,
                                              const QString &name);
    static ChangeTaskCommand *setType(ProjectDocument *document, const QString &taskId, const QString &type);
    static ChangeTaskCommand *setStatus(ProjectDocument *document, const QString &taskId, Status status);
    static ChangeTaskCommand *setLifecycle(ProjectDocument *document, const QString &taskId, Lifecycle stage);
    // A task field the model keeps in Task::extra (§7's `resources`); an undefined value
    // removes it. Emits OtherChanged. Never merges: the demand editor's every change is
    // a step of its own.
    static ChangeTaskCommand *setExtraField(ProjectDocument *document, const QString &taskId,
                                            const QString &name, const QJsonValue &value);

private:
    ProjectDocument *m_document;
    Task m_before;
    Task m_after;
    ProjectDocument::ChangeFlags m_flags;
    QString m_mergeKey;   // empty: never merges
};

} // namespace Workplan
