#include "taskselection.h"

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
}

void TaskSelection::removeIds(const QStringList &ids)
{
    QStringList kept = m_selected;
    for (const QString &id : ids)
        kept.removeAll(id);
    setSelection(kept, m_current);
}

} // namespace Workplan
