#include "project.h"

#include <utility>

namespace Workplan {

void Project::setTasks(QList<Task> tasks, const std::vector<std::uint64_t> *idHashes)
{
    m_tasks = std::move(tasks);
    m_resolved.reset();
    m_index.rebuild(m_tasks, idHashes);
    // Every id was inserted with its own position: no repeat leaves one entry per task.
    m_indexKnownExact = m_index.size() == m_tasks.size();
}

void Project::appendTask(Task task)
{
    m_indexKnownExact = false;
    m_resolved.reset();
    m_tasks.append(std::move(task));
    m_index.append(m_tasks, int(m_tasks.size()) - 1);
}

void Project::insertTask(int index, Task task)
{
    m_indexKnownExact = false;
    m_resolved.reset();
    m_tasks.insert(index, std::move(task));
    // At the end nothing moved; otherwise every later task did, and rebuilding is O(n) but
    // a few milliseconds at 100k tasks.
    if (index >= m_tasks.size() - 1)
        m_index.append(m_tasks, int(m_tasks.size()) - 1);
    else
        m_index.rebuild(m_tasks);
}

Task Project::takeTask(int index)
{
    m_indexKnownExact = false;
    m_resolved.reset();
    Task t = m_tasks.takeAt(index);
    m_index.rebuild(m_tasks);
    return t;
}

QList<int> Project::childIndexes(const QString &parentId) const
{
    QList<int> out;
    for (int i = 0; i < m_tasks.size(); ++i) {
        if (m_tasks.at(i).parentId == parentId)
            out.append(i);
    }
    return out;
}

bool Project::isAncestor(const QString &ancestorId, const QString &id) const
{
    const Task *t = find(id);
    // Bounded by the task count so a (refused) parent loop can never spin forever.
    for (int steps = 0; t && !t->parentId.isEmpty() && steps <= m_tasks.size(); ++steps) {
        if (t->parentId == ancestorId)
            return true;
        t = find(t->parentId);
    }
    return false;
}

bool Project::indexIsExact() const
{
    if (m_indexKnownExact)
        return true;
    if (m_index.size() != m_tasks.size())
        return false;
    for (int i = 0; i < m_tasks.size(); ++i) {
        if (indexOf(m_tasks.at(i).id) != i)
            return false;
    }
    return true;
}

int Project::dependencyCount() const
{
    int n = 0;
    for (const Task &t : m_tasks)
        n += int(t.dependencies.size());
    return n;
}

} // namespace Workplan
