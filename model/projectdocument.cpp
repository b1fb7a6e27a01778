#include "projectdocument.h"

#include "dependencycheck.h"
#include "projectedits.h"
#include "tasklabel.h"

#include <QUndoStack>

#include <utility>

namespace Workplan {

ProjectDocument::ProjectDocument(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
    , m_edits(std::make_unique<ProjectEdits>(*this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
    // Every push, undo and redo (a whole macro included) ends here, before anyone else
    // hears of the new index: the step's changes are told as one.
    connect(m_undoStack, &QUndoStack::indexChanged, this, [this] {
        if (m_batchDepth == 0)
            flushChanges();
    });
}

ProjectDocument::~ProjectDocument() = default;

void ProjectDocument::resetProject(Project project, const QString &filePath)
{
    m_undoStack->clear();
    m_pending = {};
    m_pendingFlags.clear();
    m_pendingChanged.clear();
    m_pendingIds.clear();
    m_project = std::move(project);
    invalidateHierarchy();
    m_team.reset();
    m_filePath = filePath;
    m_undoStack->setClean();
    emit projectReset();
    emit filePathChanged(m_filePath);
    emit modifiedChanged(false);
    emit changed();
}

void ProjectDocument::setFilePath(const QString &path)
{
    if (m_filePath == path)
        return;
    m_filePath = path;
    emit filePathChanged(path);
}

void ProjectDocument::setReadOnly(bool readOnly, const QString &reason)
{
    m_readOnlyReason = readOnly ? reason : QString();
    if (m_readOnly == readOnly)
        return;   // a new reason for the same state is no news to the views
    m_readOnly = readOnly;
    emit readOnlyChanged(readOnly);
}

QString ProjectDocument::readOnlyReason() const
{
    if (!m_readOnly)
        return QString();
    return m_readOnlyReason.isEmpty() ? tr("This project is read-only.") : m_readOnlyReason;
}

bool ProjectDocument::isModified() const
{
    return !m_undoStack->isClean();
}

void ProjectDocument::markSaved()
{
    m_undoStack->setClean();
}

void ProjectDocument::invalidateHierarchy()
{
    m_hierarchyValid = false;
}

void ProjectDocument::ensureHierarchy() const
{
    if (m_hierarchyValid)
        return;
    // One hash look-up per task (its key) and one per run of siblings: at 100k tasks the
    // five QHash operations per task this used to make were a twentieth of opening a plan.
    m_children.clear();
    m_rowAt.clear();
    for (KeyNode &node : m_byKey) {
        node.id.clear();
        node.parentKey = 0;
        node.row = -1;
        node.children.clear();
    }
    const int n = m_project.taskCount();
    m_keyAt.clear();
    m_keyAt.reserve(std::size_t(n));
    m_rowAt.reserve(std::size_t(n));
    QStringList *siblings = nullptr;
    const QString *siblingsOf = nullptr;
    for (const Task &t : m_project.tasks()) {
        // m_children only grows when the parent changes, so `siblings` stays valid along a
        // run of children of one parent (which is how files list them).
        if (!siblingsOf || *siblingsOf != t.parentId) {
            siblings = &m_children[t.parentId];
            siblingsOf = &t.parentId;
        }
        m_rowAt.push_back(int(siblings->size()));
        siblings->append(t.id);
        auto key = m_keys.constFind(t.id);
        if (key == m_keys.constEnd()) {
            key = m_keys.insert(t.id, m_byKey.size());
            m_byKey.emplace_back();
        }
        m_byKey[*key].id = t.id;
        m_keyAt.push_back(*key);
    }
    // Parents may come after their children in the file: link once every task has a key.
    int parent = -1;
    for (int i = 0; i < n; ++i) {
        const Task &t = m_project.task(i);
        KeyNode &node = m_byKey[m_keyAt[std::size_t(i)]];
        if (t.parentId.isEmpty()) {
            node.parentKey = 0;
        } else {
            if (parent < 0 || m_project.task(parent).id != t.parentId)
                parent = m_project.indexOf(t.parentId);
            if (parent < 0)
                continue;   // a parent the project lacks: no row anywhere, as childIds() says
            node.parentKey = m_keyAt[std::size_t(parent)];
        }
        std::vector<quintptr> &children = m_byKey[node.parentKey].children;
        node.row = int(children.size());
        children.push_back(m_keyAt[std::size_t(i)]);
    }
    m_hierarchyValid = true;
}

const QStringList &ProjectDocument::childIds(const QString &parentId) const
{
    static const QStringList none;
    ensureHierarchy();
    const auto it = m_children.constFind(parentId);
    return it == m_children.constEnd() ? none : *it;
}

int ProjectDocument::rowOf(const QString &id) const
{
    ensureHierarchy();
    const int i = m_project.indexOf(id);
    return i < 0 ? -1 : m_rowAt[std::size_t(i)];
}

quintptr ProjectDocument::keyOf(const QString &id) const
{
    ensureHierarchy();
    return m_keys.value(id, 0);
}

QString ProjectDocument::idOfKey(quintptr key) const
{
    ensureHierarchy();
    return key < m_byKey.size() ? m_byKey[key].id : QString();
}

quintptr ProjectDocument::parentKeyOf(quintptr key) const
{
    ensureHierarchy();
    return key < m_byKey.size() ? m_byKey[key].parentKey : 0;
}

int ProjectDocument::rowOfKey(quintptr key) const
{
    ensureHierarchy();
    return key != 0 && key < m_byKey.size() ? m_byKey[key].row : -1;
}

bool ProjectDocument::isSummaryAt(int taskIndex) const
{
    ensureHierarchy();
    return taskIndex >= 0 && std::size_t(taskIndex) < m_keyAt.size() && !m_byKey[m_keyAt[std::size_t(taskIndex)]].children.empty();
}

const std::vector<quintptr> &ProjectDocument::childKeys(quintptr key) const
{
    static const std::vector<quintptr> none;
    ensureHierarchy();
    return key < m_byKey.size() ? m_byKey[key].children : none;
}

QString ProjectDocument::uniqueTaskId(const QString &base) const
{
    QString stem = base.isEmpty() ? QStringLiteral("task") : base;
    if (!m_project.contains(stem))
        return stem;
    for (int i = 2;; ++i) {
        const QString candidate = QStringLiteral("%1_%2").arg(stem).arg(i);
        if (!m_project.contains(candidate))
            return candidate;
    }
}

int ProjectDocument::dependencyIndex(const DependencyKey &key) const
{
    const Task *owner = m_project.find(key.ownerId);
    if (!owner)
        return -1;
    for (int i = 0; i < owner->dependencies.size(); ++i) {
        if (key.names(key.ownerId, owner->dependencies.at(i)))
            return i;
    }
    return -1;
}

DependencyKey ProjectDocument::dependencyKey(const QString &ownerId, int index) const
{
    const Task *owner = m_project.find(ownerId);
    if (!owner || index < 0 || index >= owner->dependencies.size())
        return {};
    return DependencyKey::of(ownerId, owner->dependencies.at(index));
}

int ProjectDocument::siblingRowAt(const QString &parentId, int fileIndex) const
{
    int row = 0;
    for (int i = 0; i < fileIndex && i < m_project.taskCount(); ++i) {
        if (m_project.task(i).parentId == parentId)
            ++row;
    }
    return row;
}

QString ProjectDocument::dependencyProblem(const QString &ownerId, const QString &prereqId,
                                           DependencyType type) const
{
    const Task *owner = m_project.find(ownerId);
    if (!owner || !m_project.contains(prereqId))
        return tr("There is no such task.");
    if (ownerId == prereqId)
        return tr("A task cannot depend on itself.");
    for (const Dependency &d : owner->dependencies) {
        if (d.taskId == prereqId && d.type == type)
            return tr("%1 already has a %2 dependency on %3.")
                .arg(taskLabel(m_project, ownerId), toString(type), taskLabel(m_project, prereqId));
    }
    if (m_project.isAncestor(prereqId, ownerId))
        return tr("%1 is inside %2: a task cannot depend on its own ancestor.")
            .arg(taskLabel(m_project, ownerId), taskLabel(m_project, prereqId));
    if (m_project.isAncestor(ownerId, prereqId))
        return tr("%1 is inside %2: a task cannot depend on its own descendant.")
            .arg(taskLabel(m_project, prereqId), taskLabel(m_project, ownerId));
    if (isBlockingType(type)) {
        if (QString loop = dependencyLoopProblem(m_project, ownerId, prereqId); !loop.isEmpty())
            return loop;
    }
    return QString();
}

QString ProjectDocument::reparentProblem(const QString &id, const QString &newParentId) const
{
    if (!m_project.contains(id))
        return tr("There is no such task.");
    if (newParentId.isEmpty())
        return QString();
    if (!m_project.contains(newParentId))
        return tr("There is no task %1.").arg(newParentId);
    if (newParentId == id || m_project.isAncestor(id, newParentId))
        return tr("%1 cannot move into its own subtree.").arg(taskLabel(m_project, id));

    // After the move the ancestors of `id` are newParentId and its ancestors. No task in
    // the moved subtree may then depend on one of them, nor they on it.
    QStringList newAncestors{newParentId};
    for (QString p = m_project.find(newParentId)->parentId; !p.isEmpty(); p = m_project.find(p)->parentId)
        newAncestors << p;
    const QSet<QString> ancestors(newAncestors.cbegin(), newAncestors.cend());
    QSet<QString> subtree{id};
    for (const Task &t : m_project.tasks()) {
        if (m_project.isAncestor(id, t.id))
            subtree.insert(t.id);
    }
    for (const Task &t : m_project.tasks()) {
        for (const Dependency &d : t.dependencies) {
            const bool ownerIn = subtree.contains(t.id);
            const bool prereqIn = subtree.contains(d.taskId);
            if ((ownerIn && ancestors.contains(d.taskId)) || (prereqIn && ancestors.contains(t.id)))
                return tr("Moving %1 under %2 would put the dependency %3 \u2192 %4 between a task and its ancestor.")
                    .arg(taskLabel(m_project, id), taskLabel(m_project, newParentId),
                         taskLabel(m_project, d.taskId), taskLabel(m_project, t.id));
        }
    }
    return QString();
}

void ProjectDocument::applyInsertTask(int fileIndex, const Task &task)
{
    fileIndex = qBound(0, fileIndex, m_project.taskCount());
    emit taskAboutToBeInserted(task.parentId, siblingRowAt(task.parentId, fileIndex));
    m_project.insertTask(fileIndex, task);
    invalidateHierarchy();
    emit taskInserted(task.id);
    record(DocumentChange::Structure, task.id);
}

Task ProjectDocument::applyRemoveTask(const QString &id)
{
    const int index = m_project.indexOf(id);
    Q_ASSERT(index >= 0);
    Q_ASSERT(childIds(id).isEmpty());
    emit taskAboutToBeRemoved(id);
    Task t = m_project.takeTask(index);
    invalidateHierarchy();
    emit taskRemoved(id, t.parentId);
    record(DocumentChange::Structure, id);
    return t;
}

void ProjectDocument::applyMoveTask(const QString &id, const QString &newParentId, int newFileIndex,
                                    bool hasParentField)
{
    const int from = m_project.indexOf(id);
    Q_ASSERT(from >= 0);
    // Row among the new siblings as it will be once the task has left its old place.
    int row = 0;
    for (int i = 0; i < newFileIndex && i < m_project.taskCount(); ++i) {
        if (i != from && m_project.task(i).parentId == newParentId)
            ++row;
    }
    emit taskAboutToBeMoved(id, newParentId, row);
    Task t = m_project.takeTask(from);
    t.parentId = newParentId;
    t.hasParentField = hasParentField;
    const int to = qBound(0, newFileIndex > from ? newFileIndex - 1 : newFileIndex, m_project.taskCount());
    m_project.insertTask(to, std::move(t));
    invalidateHierarchy();
    emit taskMoved(id);
    record(DocumentChange::Structure, id);
}

void ProjectDocument::applyTask(const Task &task, ChangeFlags flags)
{
    const int index = m_project.indexOf(task.id);
    Q_ASSERT(index >= 0);
    Q_ASSERT(m_project.task(index).parentId == task.parentId);
    m_project.task(index) = task;
    DocumentChange::Kinds kinds;
    if (flags & PositionChanged)
        kinds |= DocumentChange::Positions;
    if (flags & DependenciesChanged)
        kinds |= DocumentChange::Dependencies;
    if (flags & ~ChangeFlags(PositionChanged | DependenciesChanged))
        kinds |= DocumentChange::Fields;
    record(kinds, task.id, flags);
}

void ProjectDocument::applyProjectProperties(const ProjectProperties &properties)
{
    m_project.name = properties.name;
    m_project.calendar = properties.calendar;
    m_project.projectExtra = properties.projectExtra;
    m_project.calendarExtra = properties.calendarExtra;
    emit projectPropertiesChanged();
    record(DocumentChange::Properties, QString());
}

void ProjectDocument::record(DocumentChange::Kinds kinds, const QString &id, ChangeFlags flags)
{
    m_pending.kinds |= kinds;
    if (!id.isEmpty()) {
        if (!m_pendingIds.contains(id)) {
            m_pendingIds.insert(id);
            m_pending.taskIds.append(id);
        }
        if (flags) {
            ChangeFlags &f = m_pendingFlags[id];
            if (!f)
                m_pendingChanged.append(id);
            f |= flags;
        }
    }
    // A mutator run outside any step (a command's redo() called directly) is told at the
    // next turn of the event loop at the latest.
    if (!m_flushQueued && m_batchDepth == 0) {
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            m_flushQueued = false;
            flushChanges();
        }, Qt::QueuedConnection);
    }
}

const TeamReading &ProjectDocument::team() const
{
    if (!m_team) {
        TeamReading t;
        t.problem = readResources(m_project, &t.resources);   // no resources on a problem
        m_team = std::move(t);
    }
    return *m_team;
}

void ProjectDocument::flushChanges()
{
    if (m_pending.isEmpty())
        return;
    m_team.reset();   // whatever changed, before anyone hears of it
    const DocumentChange change = std::exchange(m_pending, {});
    const QHash<QString, ChangeFlags> flags = std::exchange(m_pendingFlags, {});
    const QStringList changedIds = std::exchange(m_pendingChanged, {});
    m_pendingIds.clear();
    // One tasksChanged per distinct set of flags, in first-touch order; tasks removed
    // later in the step are left out (their removal was told already).
    QList<ChangeFlags> order;
    QHash<int, QStringList> groups;
    for (const QString &id : changedIds) {
        if (!m_project.contains(id))
            continue;
        const ChangeFlags f = flags.value(id);
        QStringList &group = groups[int(f)];
        if (group.isEmpty())
            order.append(f);
        group.append(id);
    }
    for (const ChangeFlags f : order)
        emit tasksChanged(groups.value(int(f)), f);
    emit documentChanged(change);
    if (change.touchesAnalysis())
        emit changed();
}

} // namespace Workplan
