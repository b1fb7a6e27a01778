#pragma once

#include "documentchange.h"
#include "project.h"
#include "team/resources.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QUndoStack;

namespace Workplan {

class ProjectEdits;
// The only code that may call the apply* mutators below.
class AddTasksCommand;
class ChangeTaskCommand;
class DependencyCommand;
class ProjectPropertiesCommand;
class RemoveTasksCommand;
class ReparentTaskCommand;
class SetPositionsCommand;
class TaskSet;
class TeamSync;   // model/storage/postgres: applies other editors' changes, outside the undo stack

// Owns the Project and its QUndoStack. Every user edit goes through edits() (ProjectEdits:
// the rule checks), which pushes a QUndoCommand (model/commands/) that calls the private
// apply* methods below; nothing else changes the Project. Views listen to the signals and
// read back through project() — they store no task data of their own.
class ProjectDocument : public QObject
{
    Q_OBJECT
public:
    // What a tasksChanged() signal touched, so listeners repaint only what they must.
    enum ChangeFlag {
        TitleChanged = 0x1,
        TypeChanged = 0x2,
        StatusChanged = 0x4,
        AttributesChanged = 0x8,      // includes title and effort
        DependenciesChanged = 0x10,
        PositionChanged = 0x20,
        OtherChanged = 0x40,
        AllChanged = 0xff
    };
    Q_DECLARE_FLAGS(ChangeFlags, ChangeFlag)

    explicit ProjectDocument(QObject *parent = nullptr);
    ~ProjectDocument() override;

    const Project &project() const { return m_project; }
    // The team as the project declares it (model/team/resources.h), read once per change:
    // reading checks every task's resources field, and each edit's views ask for it.
    const TeamReading &team() const;
    QUndoStack *undoStack() const { return m_undoStack; }
    // Every user edit: checks the rules, pushes one undo step (model/projectedits.h).
    ProjectEdits &edits() const { return *m_edits; }

    // Holds back the end-of-step signals (tasksChanged, documentChanged, changed) until the
    // outermost batch ends, so that changes made outside the undo stack (another editor's,
    // arriving through TeamSync) are told as one step too. Steps on the undo stack need
    // none: a push, undo or redo ends at the stack's indexChanged.
    class ChangeBatch
    {
    public:
        explicit ChangeBatch(ProjectDocument *document) : m_document(document) { ++m_document->m_batchDepth; }
        ~ChangeBatch()
        {
            if (--m_document->m_batchDepth == 0)
                m_document->flushChanges();
        }
        ChangeBatch(const ChangeBatch &) = delete;
        ChangeBatch &operator=(const ChangeBatch &) = delete;

    private:
        ProjectDocument *m_document;
    };

    // Tells what has changed since the last step ended, now. Called at the end of every
    // step; nothing to do when nothing is pending.
    void flushChanges();

    // Replaces everything (new/open); clears the undo history.
    void resetProject(Project project, const QString &filePath = QString());

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path);

    // Read-only (a team project without a connection or write rights, a file held by
    // another Workplan): ProjectEdits refuses every edit with `reason`, a sentence for the
    // user, and the views stop offering edits. The plan itself may still change from
    // outside (TeamSync) and a reset keeps the state: whoever set it clears it.
    void setReadOnly(bool readOnly, const QString &reason = QString());
    bool isReadOnly() const { return m_readOnly; }
    QString readOnlyReason() const;
    bool isModified() const;
    void markSaved();                 // the undo stack's clean state

    // --- Hierarchy queries (derived, cached; cheap after the first call) ---
    const QStringList &childIds(const QString &parentId) const;   // file order
    int rowOf(const QString &id) const;                          // among its siblings
    bool isSummary(const QString &id) const { return !childIds(id).isEmpty(); }
    // A stable number per task for the item model's internal ids; 0 = none.
    quintptr keyOf(const QString &id) const;
    QString idOfKey(quintptr key) const;
    // The same hierarchy addressed by key (0 = the root), for the item model: a tree view
    // asks index()/parent() millions of times on a large plan, and a number indexes an
    // array where an id would be hashed and compared.
    quintptr parentKeyOf(quintptr key) const;
    int rowOfKey(quintptr key) const;                              // -1: no such task
    const std::vector<quintptr> &childKeys(quintptr key) const;    // file order
    // By the task's place in project().tasks(): for loops over every task.
    bool isSummaryAt(int taskIndex) const;
    QString uniqueTaskId(const QString &base) const;
    // Where the dependency `key` names is in its owner's list now; -1 when there is none.
    int dependencyIndex(const DependencyKey &key) const;
    // The key of the dependency at `index` in the owner's list (null when there is none):
    // for views that list dependencies in order (the inspector's table, an arrow's index).
    DependencyKey dependencyKey(const QString &ownerId, int index) const;

    // --- Checks ProjectEdits makes before it pushes a command ---
    // Why `ownerId` may not depend on `prereqId` with `type` (empty when it may): itself,
    // a duplicate, an ancestor or descendant, or a loop of counting dependencies, which is
    // named in full ("a -> b -> c -> a").
    QString dependencyProblem(const QString &ownerId, const QString &prereqId, DependencyType type) const;
    // Why `id` may not move under `newParentId` (empty when it may).
    QString reparentProblem(const QString &id, const QString &newParentId) const;

signals:
    void projectReset();
    // Structural: the tree model turns these into begin/end row notifications.
    void taskAboutToBeInserted(const QString &parentId, int row);
    void taskInserted(const QString &id);
    void taskAboutToBeRemoved(const QString &id);
    void taskRemoved(const QString &id, const QString &parentId);
    void taskAboutToBeMoved(const QString &id, const QString &newParentId, int newRow);
    void taskMoved(const QString &id);
    // Told once per step, at its end: the tasks (still in the plan) whose content changed,
    // one signal per distinct set of flags, so that moving 500 cards is one signal.
    void tasksChanged(const QStringList &ids, Workplan::ProjectDocument::ChangeFlags flags);
    void projectPropertiesChanged();
    // Once per step, at its end, after tasksChanged: everything the step did.
    void documentChanged(const Workplan::DocumentChange &change);
    // Once per step that changed more than card places (DocumentChange::touchesAnalysis),
    // and after a reset: the cue to re-run the analysis and refresh what shows plan content.
    void changed();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);
    void readOnlyChanged(bool readOnly);

private:
    // --- Mutators for commands only (and TeamSync's remote changes). Each emits the
    // matching signals. Private so that no view can change the plan behind the undo stack.
    friend class AddTasksCommand;
    friend class ChangeTaskCommand;
    friend class DependencyCommand;
    friend class ProjectPropertiesCommand;
    friend class RemoveTasksCommand;
    friend class ReparentTaskCommand;
    friend class SetPositionsCommand;
    friend class TaskSet;
    friend class TeamSync;

    void applyInsertTask(int fileIndex, const Task &task);
    Task applyRemoveTask(const QString &id);          // the task must have no children
    // `hasParentField`: whether the file spells out parent_task_id afterwards (undo restores it).
    void applyMoveTask(const QString &id, const QString &newParentId, int newFileIndex,
                       bool hasParentField = true);
    void applyTask(const Task &task, ChangeFlags flags);   // same id, same parent
    void applyProjectProperties(const ProjectProperties &properties);

    // Notes what a mutator did, for the signals at the end of the step.
    void record(DocumentChange::Kinds kinds, const QString &id, ChangeFlags flags = {});

    void invalidateHierarchy();
    void ensureHierarchy() const;
    int siblingRowAt(const QString &parentId, int fileIndex) const;

    Project m_project;
    mutable std::optional<TeamReading> m_team;   // team(), until the next change
    QUndoStack *m_undoStack;
    std::unique_ptr<ProjectEdits> m_edits;
    QString m_filePath;
    bool m_readOnly = false;
    QString m_readOnlyReason;

    // The step in progress: what it touched, and each changed task's flags.
    DocumentChange m_pending;
    QHash<QString, ChangeFlags> m_pendingFlags;
    QStringList m_pendingChanged;           // tasks with content changes, first-touch order
    QSet<QString> m_pendingIds;
    int m_batchDepth = 0;
    bool m_flushQueued = false;

    mutable bool m_hierarchyValid = false;
    mutable QHash<QString, QStringList> m_children;
    mutable std::vector<int> m_rowAt;                  // by task index: among its parent's children
    mutable QHash<QString, quintptr> m_keys;
    // Indexed by key: keys are handed out densely from 1 and never reused.
    struct KeyNode {
        QString id;                       // empty once the task is gone
        quintptr parentKey = 0;
        int row = -1;
        std::vector<quintptr> children;
    };
    mutable std::vector<KeyNode> m_byKey{KeyNode{}};   // [0] is the root
    mutable std::vector<quintptr> m_keyAt;             // by task index
};

} // namespace Workplan

Q_DECLARE_OPERATORS_FOR_FLAGS(Workplan::ProjectDocument::ChangeFlags)
