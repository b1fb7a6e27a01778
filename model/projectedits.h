#pragma once

#include "project.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QPointF>
#include <QSet>
#include <QStringList>

#include <optional>

class QUndoCommand;

namespace Workplan {

class ProjectDocument;

// What an edit did: pushed one undo step, refused (with the sentence the view shows the
// user), or found nothing to change (no step, no message).
struct EditResult
{
    bool pushed = false;
    QString problem;     // non-empty when refused
    QStringList ids;     // tasks an add created (top-level ones first in file order)

    static EditResult done(const QStringList &ids = {}) { return {true, QString(), ids}; }
    static EditResult refuse(const QString &why) { return {false, why, {}}; }
    static EditResult nothing() { return {}; }
    bool refused() const { return !problem.isEmpty(); }
    explicit operator bool() const { return pushed; }
};

// Every user edit of a document, in one place. Each call checks the model's rules
// (ProjectDocument::dependencyProblem, reparentProblem, the hierarchy), refuses with the
// sentence the UI shows, and otherwise pushes exactly one undo step: a command from
// model/commands/, or a macro of several when the edit is several steps (a tree drop of
// three tasks, a re-targeted link). Views call this and never build commands themselves,
// so the rule checks and the undo texts live once, next to the document. While the
// document is read-only (ProjectDocument::setReadOnly) every edit is refused, before any
// other check, with the document's reason, and nothing is pushed.
//
// Owned by its ProjectDocument (ProjectDocument::edits()) rather than made by each view:
// every view already holds the document, the edits live exactly as long as it, and the
// state the edits need (the stack, the project) is the document's anyway. The class is a
// stateless façade; it is a separate class so ProjectDocument stays the owner of data and
// signals, and the rules of editing have a home of their own (model/edits/*.cpp).
class ProjectEdits
{
    Q_DECLARE_TR_FUNCTIONS(ProjectEdits)
public:
    explicit ProjectEdits(ProjectDocument &document) : m_document(document) {}

    // --- Tasks (model/edits/taskedits.cpp) ---
    struct NewTask
    {
        QString type = QStringLiteral("specialist_task");
        QString parentId;
        int fileIndex = -1;                  // in file order; -1: at the end
        std::optional<QPointF> position;     // on the canvas
        QString title;                       // empty: "New <Type Name>"
        QString text;                        // undo text; empty: "Add '<title>'"
        bool makeRoom = false;               // a canvas drop: the frame it lands in grows
    };
    // One new task; result.ids is its id. "Add a task" from the menu, the tree, the canvas.
    EditResult addNewTask(const NewTask &spec);
    // Tasks with their subtrees and inner dependencies (paste, duplicate, templates), ids
    // new; inserted before `fileIndex` (-1: at the end). `makeRoomFor`: dropped on the
    // canvas, the frames they land in grow around these, in the same step.
    EditResult addTasks(const QList<Task> &tasks, int fileIndex = -1, const QString &text = QString(),
                        const QStringList &makeRoomFor = {});
    // Deletes the tasks with their subtrees and every dependency on them.
    EditResult removeTasks(const QStringList &ids, const QString &text = QString());
    // Moves tasks (with subtrees) under `parentId` in front of `beforeId` (empty: after its
    // last child): the tree's drag and drop. Tasks inside another moved one go along.
    EditResult moveTasks(const QStringList &ids, const QString &parentId, const QString &beforeId = QString());
    // Where a new child of `parentId` goes in file order: before `beforeId`, else right
    // after the parent's last child (end of file for top level).
    int childInsertIndex(const QString &parentId, const QString &beforeId = QString()) const;

    // --- Fields (model/edits/fieldedits.cpp) ---
    // Consecutive edits of the same attribute of the same task merge into one step.
    EditResult setAttribute(const QString &id, const QString &name, const QJsonValue &value);
    EditResult removeAttribute(const QString &id, const QString &name);
    EditResult renameAttribute(const QString &id, const QString &oldName, const QString &newName);
    // A title; refused when empty. `text` given: a step of its own with that undo text
    // (the canvas's rename), otherwise it merges with the previous keystrokes.
    EditResult setTitle(const QString &id, const QString &title, const QString &text = QString());
    // One attribute as one step with its own undo text that never merges (a bar dragged
    // on the timeline: two drags are two steps).
    EditResult setAttributeStep(const QString &id, const QString &name, const QJsonValue &value, const QString &text);
    // Type / status of one or many tasks; those that have it already are left out. Several:
    // one step named `text` (default "Change type of N tasks to X").
    EditResult setType(const QStringList &ids, const QString &type, const QString &text = QString());
    EditResult setStatus(const QStringList &ids, Status status, const QString &text = QString());
    EditResult setLifecycle(const QString &id, Lifecycle stage);
    // A field kept in Task::extra (§7's `resources` demand); undefined removes it.
    EditResult setExtraField(const QString &id, const QString &name, const QJsonValue &value);

    // --- Dependencies (model/edits/dependencyedits.cpp), named by their stable key ---
    EditResult link(const QString &ownerId, const QString &prereqId, DependencyType type);
    EditResult addDependency(const QString &ownerId, const Dependency &dep);
    EditResult unlink(const DependencyKey &key);
    // Any change of one dependency; a new prerequisite or type is checked as a new link
    // (and then the dependency has a new key: DependencyKey::of(owner, dep)).
    EditResult changeDependency(const DependencyKey &key, const Dependency &dep);
    EditResult setDependencyType(const DependencyKey &key, DependencyType type);
    EditResult setDependencyLag(const DependencyKey &key, const QJsonValue &lag);
    EditResult setDependencyMandatory(const DependencyKey &key, bool mandatory);
    EditResult setDependencyWaived(const DependencyKey &key, bool waived);
    EditResult setDependencyDescription(const DependencyKey &key, const QString &description);
    // The arrow's tail (the prerequisite) or head (the owner) dragged onto `newTaskId`.
    enum class End { Prerequisite, Owner };
    EditResult retarget(const DependencyKey &key, End end, const QString &newTaskId);
    // The canvas's Delete: tasks and dependencies as one step "Delete".
    EditResult deleteItems(const QStringList &taskIds, const QList<DependencyKey> &dependencies);

    // --- Canvas and project (model/edits/canvasedits.cpp) ---
    // Card positions, one step ("Move 'A'", "Move 3 tasks" or `text`).
    EditResult moveCards(const QHash<QString, QPointF> &positions, const QString &text = QString());
    struct CardDrop
    {
        QHash<QString, QPointF> positions;           // where the dragged cards landed
        QHash<QString, QPointF> cleared;             // what moved to make room
        QList<QPair<QString, QString>> reparents;    // task, new parent ("" top level)
        QString text;                                // empty: the positions' own text
    };
    // A canvas drag that may change parents: one step; refused with the tree's sentence.
    EditResult dropCards(const CardDrop &drop);
    // A computed layout (auto layout, one frame's layout).
    EditResult applyLayout(const QHash<QString, QPointF> &positions, const QString &text);
    EditResult setProjectProperties(const ProjectProperties &properties);
    // The team dialog: the declared resources, and the tasks' demands follow renamed and
    // removed resources (names as they were), all one step "Edit team".
    EditResult editTeam(const QJsonArray &resources, const QHash<QString, QString> &renamed,
                        const QSet<QString> &removed);

private:
    // The refusal of every edit while the document is read-only.
    EditResult readOnlyRefusal() const;
    // Pushes `commands` (already built, parentless) as one step: alone, or in a macro.
    void pushAll(const QList<QUndoCommand *> &commands, const QString &text);

    ProjectDocument &m_document;
};

} // namespace Workplan
