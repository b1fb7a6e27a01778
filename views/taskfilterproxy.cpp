#include "taskfilterproxy.h"

#include "tasktreemodel.h"

namespace Workplan {

TaskFilterProxy::TaskFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void TaskFilterProxy::setText(const QString &text)
{
    if (m_text == text.trimmed())
        return;
    m_text = text.trimmed();
    invalidateFilter();
}

void TaskFilterProxy::setType(const QString &type)
{
    if (m_type == type)
        return;
    m_type = type;
    invalidateFilter();
}

void TaskFilterProxy::setStatus(const QString &status)
{
    if (m_status == status)
        return;
    m_status = status;
    invalidateFilter();
}

bool TaskFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, TaskTreeModel::TitleColumn, sourceParent);
    if (!m_type.isEmpty() && i.data(TaskTreeModel::TaskTypeRole).toString() != m_type)
        return false;
    if (!m_status.isEmpty() && i.data(TaskTreeModel::StatusRole).toString() != m_status)
        return false;
    if (!m_text.isEmpty()) {
        return i.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive)
            || i.data(TaskTreeModel::TaskIdRole).toString().contains(m_text, Qt::CaseInsensitive);
    }
    return true;
}

} // namespace Workplan
