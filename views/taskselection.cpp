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

void TaskSelection::selectDependency(const DependencyRef &ref)
{
    if (!ref.isNull() && !m_selected.isEmpty())
        setSelection({}, QString());
    if (ref == m_dependency)
        return;
    m_dependency = ref;
    emit dependencySelectionChanged();
}

int DependencyRef::resolve(const Project &project) const
{
    const Task *t = project.find(ownerId);
    if (!t)
        return -1;
    if (index >= 0 && index < t->dependencies.size() && t->dependencies.at(index).taskId == prerequisiteId)
        return index;
    for (int i = 0; i < t->dependencies.size(); ++i) {
        if (t->dependencies.at(i).taskId == prerequisiteId)
            return i;
    }
    return -1;
}

void TaskSelection::removeIds(const QStringList &ids)
{
    QStringList kept = m_selected;
    for (const QString &id : ids)
        kept.removeAll(id);
    setSelection(kept, m_current);
}

} // namespace Workplan
