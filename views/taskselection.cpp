#include "taskselection.h"

#include "model/project.h"

namespace Workplan {

void TaskSelection::setSelection(const QStringList &ids, const QString &current)
{
    QStringList unique;
    for (const QString &id : ids) {
        if (!unique.contains(id))
            unique << id;
    }
    const QString cur = unique.contains(current) ? current : (unique.isEmpty() ? QString() : unique.last());
    if (unique == m_selected && cur == m_current)
        return;
    m_selected = unique;
    m_current = cur;
    emit selectionChanged();
    if (!unique.isEmpty())
        selectDependency({});
}

void TaskSelection::clear()
{
    setSelection({}, QString());
    selectDependency({});
}

void TaskSelection::selectDependency(const DependencyKey &key)
{
    if (!key.isNull() && !m_selected.isEmpty())
        setSelection({}, QString());
    if (key == m_dependency)
        return;
    m_dependency = key;
    emit dependencySelectionChanged();
}

int followDependency(const Project &project, const DependencyKey &key)
{
    const Task *t = key.isNull() ? nullptr : project.find(key.ownerId);
    if (!t)
        return -1;
    int samePair = -1;
    for (int i = 0; i < t->dependencies.size(); ++i) {
        const Dependency &d = t->dependencies.at(i);
        if (d.taskId != key.prerequisiteId)
            continue;
        if (d.type == key.type)
            return i;
        if (samePair >= 0)
            samePair = -2;   // two others on the pair: which one would be a guess
        else if (samePair == -1)
            samePair = i;
    }
    return samePair >= 0 ? samePair : -1;
}

void TaskSelection::removeIds(const QStringList &ids)
{
    QStringList kept = m_selected;
    for (const QString &id : ids)
        kept.removeAll(id);
    setSelection(kept, m_current);
}

} // namespace Workplan
