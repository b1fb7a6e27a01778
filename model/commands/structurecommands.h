#pragma once

#include "model/calendar.h"
#include "model/dependency.h"
#include "model/project.h"

#include <QHash>
#include <QPointF>
#include <QUndoCommand>

#include <memory>

namespace Workplan {

class ProjectDocument;
class SetPositionsCommand;

// Moves a task (with its subtree) under a new parent and/or to a new place among its
// siblings. Callers check ProjectDocument::reparentProblem() first.
class ReparentTaskCommand : public QUndoCommand
{
public:
    // `beforeId`: the task to land in front of; empty to land after the last child.
    ReparentTaskCommand(ProjectDocument *document, const QString &id, const QString &newParentId,
                        const QString &beforeId = QString(), QUndoCommand *parent = nullptr);
    ~ReparentTaskCommand() override;

    // Frames mean membership: on a canvas the user arranged (a task has a stored position)
    // a new parent also puts the task inside that parent's frame and moves what the frame
    // then covers clear of it (model/layout/framefit.h), in this same step. The canvas,
    // which keeps a dropped task where it lands and clears the frames itself, turns it off.
    void setArrangeFrames(bool on) { m_arrange = on; }

    void redo() override;
    void undo() override;

private:
    void moveTo(const QString &parentId, const QString &beforeId, int fallbackIndex);

    ProjectDocument *m_document;
    QString m_id;
    QString m_oldParent, m_newParent;
    int m_oldIndex;
    bool m_oldHasParentField;
    QString m_beforeId;
    bool m_arrange = true;
    bool m_arranged = false;                      // the positions below are worked out
    std::unique_ptr<SetPositionsCommand> m_places;   // where the arranging moved tasks
};

// Canvas positions of one or more tasks. A drag makes one of these; repeated moves of the
// same selection merge, so one drag is one undo step. Auto layout uses it too.
class SetPositionsCommand : public QUndoCommand
{
public:
    SetPositionsCommand(ProjectDocument *document, const QHash<QString, QPointF> &positions,
                        const QString &text = QString(), bool mergeable = false,
                        QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    struct Place { QPointF pos; bool has; };
    void apply(const QHash<QString, Place> &places);

    ProjectDocument *m_document;
    QHash<QString, Place> m_before;
    QHash<QString, Place> m_after;
    bool m_mergeable;
};

// Adds, removes or changes one dependency of one task, named by its DependencyKey (never
// by its place in the owner's list, which others' edits shift). Callers check
// ProjectDocument::dependencyProblem() before adding or re-targeting. Redo and undo swap
// the owner's whole list, so the step stays exact whatever the indices are later.
class DependencyCommand : public QUndoCommand
{
public:
    static DependencyCommand *add(ProjectDocument *document, const QString &ownerId, const Dependency &dep);
    // The dependency `key` names, which must exist.
    static DependencyCommand *remove(ProjectDocument *document, const DependencyKey &key);
    static DependencyCommand *change(ProjectDocument *document, const DependencyKey &key, const Dependency &dep);

    void redo() override;
    void undo() override;

private:
    DependencyCommand(ProjectDocument *document, const QString &ownerId, const QList<Dependency> &before,
                      const QList<Dependency> &after, const QString &text);
    void apply(const QList<Dependency> &deps);

    ProjectDocument *m_document;
    QString m_ownerId;
    QList<Dependency> m_before;
    QList<Dependency> m_after;
};

class ProjectPropertiesCommand : public QUndoCommand
{
public:
    ProjectPropertiesCommand(ProjectDocument *document, const QString &name, const Calendar &calendar,
                             QUndoCommand *parent = nullptr);
    ProjectPropertiesCommand(ProjectDocument *document, const ProjectProperties &properties,
                             QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    ProjectProperties m_old, m_new;
};

} // namespace Workplan
