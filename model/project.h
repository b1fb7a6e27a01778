#pragma once

#include "calendar.h"
#include "idindex.h"
#include "task.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace Workplan {

// Every task's parent and every declared dependency's prerequisite as file indices (-1:
// none or unknown), dependencies flat in file order: what validateProject() works out,
// kept so that the snapshot built right after a load does not hash every id again.
struct ResolvedIds
{
    std::vector<int> parent;
    std::vector<int> depPrereq;
};

// The whole plan as plain data. Tasks are kept in file order, which is also the sibling
// order (§1). The id index (IdIndex) is derived and kept by the task edits below.
class Project
{
public:
    QString name;
    Calendar calendar;
    QJsonObject extra;            // unknown top-level fields of the file
    QJsonObject projectExtra;     // unknown fields of its "project" object
    QJsonObject calendarExtra;    // unknown fields of its "calendar" object

    const QList<Task> &tasks() const { return m_tasks; }
    int taskCount() const { return int(m_tasks.size()); }
    const Task &task(int index) const { return m_tasks.at(index); }
    // A task handed out for editing may get a new id, so the index is no longer known exact.
    Task &task(int index)
    {
        m_indexKnownExact = false;
        m_resolved.reset();
        return m_tasks[index];
    }

    // -1 when there is no such task.
    int indexOf(const QString &id) const { return m_index.find(m_tasks, id); }
    const Task *find(const QString &id) const
    {
        const int i = indexOf(id);
        return i < 0 ? nullptr : &m_tasks.at(i);
    }
    bool contains(const QString &id) const { return indexOf(id) >= 0; }
    // True when indexOf() answers for exactly the current ids, each unique; false after a
    // duplicate id or an id edited through task(i). Lets validation reuse the index.
    bool indexIsExact() const;

    // `idHashes`: IdIndex::hashOf() of each task's id, if the caller has them.
    void setTasks(QList<Task> tasks, const std::vector<std::uint64_t> *idHashes = nullptr);
    void appendTask(Task task);
    void insertTask(int index, Task task);
    Task takeTask(int index);

    // Direct children of `parentId` (empty: top level), in file order. O(n).
    QList<int> childIndexes(const QString &parentId) const;
    // True when `ancestorId` is a proper ancestor of `id`.
    bool isAncestor(const QString &ancestorId, const QString &id) const;

    int dependencyCount() const;

    // Loaders hand over what validation resolved; any change to the tasks drops it, so
    // while it is there it answers for exactly these tasks.
    void setResolvedIds(std::shared_ptr<const ResolvedIds> ids) { m_resolved = std::move(ids); }
    const ResolvedIds *resolvedIds() const { return m_resolved.get(); }

    bool operator==(const Project &o) const
    {
        return name == o.name && calendar == o.calendar && extra == o.extra
            && projectExtra == o.projectExtra && calendarExtra == o.calendarExtra
            && m_tasks == o.m_tasks;
    }
    bool operator!=(const Project &o) const { return !(*this == o); }

private:
    QList<Task> m_tasks;
    IdIndex m_index;
    // Set by setTasks() when no id repeats; saves indexIsExact() a lookup per task.
    bool m_indexKnownExact = false;
    std::shared_ptr<const ResolvedIds> m_resolved;
};

// What Project ▸ Properties edits, as one value an undo step swaps: the name, the
// calendar, and the project's and calendar's other fields, where §6's start, working days,
// day start and holidays and §7's resources live exactly as the file has them.
struct ProjectProperties
{
    QString name;
    Calendar calendar;
    QJsonObject projectExtra;
    QJsonObject calendarExtra;

    static ProjectProperties of(const Project &p)
    {
        return {p.name, p.calendar, p.projectExtra, p.calendarExtra};
    }
    bool operator==(const ProjectProperties &o) const
    {
        return name == o.name && calendar == o.calendar && projectExtra == o.projectExtra
            && calendarExtra == o.calendarExtra;
    }
    bool operator!=(const ProjectProperties &o) const { return !(*this == o); }
};

} // namespace Workplan
