#include "taskcommands.h"

#include "structurecommands.h"

#include "model/layout/framefit.h"
#include "model/projectdocument.h"
#include "model/tasklabel.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace Workplan {

void TaskSet::add(int fileIndex, Task task, int depth)
{
    const auto pos = std::lower_bound(m_entries.begin(), m_entries.end(), fileIndex,
                                      [](const Entry &e, int i) { return e.fileIndex < i; });
    m_entries.insert(pos, Entry{fileIndex, std::move(task), depth});
}

void TaskSet::insertInto(ProjectDocument &document) const
{
    // Parents first; each lands at its final index once every earlier entry is back, so
    // subtract the earlier entries that are not yet in.
    QList<int> order(m_entries.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return m_entries[a].depth < m_entries[b].depth; });
    QList<bool> inserted(m_entries.size(), false);
    for (int i : order) {
        int missingBefore = 0;
        for (int j = 0; j < i; ++j)
            missingBefore += inserted[j] ? 0 : 1;
        document.applyInsertTask(m_entries[i].fileIndex - missingBefore, m_entries[i].task);
        inserted[i] = true;
    }
}

void TaskSet::removeFrom(ProjectDocument &document) const
{
    QList<int> order(m_entries.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return m_entries[a].depth > m_entries[b].depth; });
    for (int i : order)
        document.applyRemoveTask(m_entries[i].task.id);
}

namespace {

int depthOf(const Project &project, const QString &parentId, const QHash<QString, QString> &extraParents)
{
    int depth = 0;
    QString p = parentId;
    while (!p.isEmpty() && depth <= project.taskCount() + extraParents.size()) {
        ++depth;
        if (const Task *t = project.find(p))
            p = t->parentId;
        else
            p = extraParents.value(p);
    }
    return depth;
}

} // namespace

AddTasksCommand::AddTasksCommand(ProjectDocument *document, const QList<Task> &tasks, int fileIndex,
                                 QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
{
    const Project &project = document->project();
    const int base = fileIndex < 0 ? project.taskCount() : qMin(fileIndex, project.taskCount());
    QHash<QString, QString> newParents;
    for (const Task &t : tasks) {
        newParents.insert(t.id, t.parentId);
        m_ids << t.id;
    }
    // Final file index of entry k is base + k: the entries are contiguous.
    for (int k = 0; k < tasks.size(); ++k)
        m_set.add(base + k, tasks[k], depthOf(project, tasks[k].parentId, newParents));
    // Before the tasks are in: one named against the titles already there ("Add 'New Task'").
    setText(tasks.size() == 1
                ? QCoreApplication::translate("Workplan", "Add %1").arg(taskLabels(*document).quoted(tasks.first()))
                : QCoreApplication::translate("Workplan", "Add %1 tasks").arg(tasks.size()));
}

AddTasksCommand::~AddTasksCommand() = default;

void AddTasksCommand::redo()
{
    m_set.insertInto(*m_document);
    if (!m_arranged) {
        m_arranged = true;
        // Tasks that come with places (a paste, a drop) keep them and push neighbours away;
        // tasks without (Insert, the tree) go inside their parent's frame, under its cards.
        bool allPlaced = true;
        for (const QString &id : std::as_const(m_ids)) {
            const Task *t = m_document->project().find(id);
            // A summary is drawn as the frame around its children: only leaves have places.
            allPlaced = allPlaced && t && (t->hasPosition || m_document->isSummary(id));
        }
        const QHash<QString, QPointF> places = arrangeFrames(*m_document, m_ids, allPlaced);
        if (!places.isEmpty())
            m_places = std::make_unique<SetPositionsCommand>(m_document, places);
    }
    if (m_places)
        m_places->redo();
}

void AddTasksCommand::undo()
{
    if (m_places)
        m_places->undo();
    m_set.removeFrom(*m_document);
}

RemoveTasksCommand::RemoveTasksCommand(ProjectDocument *document, const QStringList &ids, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
{
    const Project &project = document->project();
    QSet<QString> doomed;
    QStringList pending = ids;
    while (!pending.isEmpty()) {
        const QString id = pending.takeLast();
        if (!project.contains(id) || doomed.contains(id))
            continue;
        doomed.insert(id);
        pending += document->childIds(id);
    }
    for (const QString &id : std::as_const(doomed)) {
        const int index = project.indexOf(id);
        m_set.add(index, project.task(index), depthOf(project, project.task(index).parentId, {}));
    }
    for (const Task &t : project.tasks()) {
        if (doomed.contains(t.id))
            continue;
        Task after = t;
        after.dependencies.removeIf([&](const Dependency &d) { return doomed.contains(d.taskId); });
        if (after.dependencies.size() != t.dependencies.size()) {
            m_othersBefore << t;
            m_othersAfter << after;
        }
    }
    setText(doomed.size() == 1
                ? QCoreApplication::translate("Workplan", "Delete %1").arg(taskLabels(*document).quoted(*doomed.cbegin()))
                : QCoreApplication::translate("Workplan", "Delete %1 tasks").arg(doomed.size()));
}

void RemoveTasksCommand::redo()
{
    for (const Task &t : std::as_const(m_othersAfter))
        m_document->applyTask(t, ProjectDocument::DependenciesChanged);
    m_set.removeFrom(*m_document);
}

void RemoveTasksCommand::undo()
{
    m_set.insertInto(*m_document);
    for (const Task &t : std::as_const(m_othersBefore))
        m_document->applyTask(t, ProjectDocument::DependenciesChanged);
}

} // namespace Workplan
