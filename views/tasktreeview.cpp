#include "tasktreeview.h"

namespace Workplan {

void TaskTreeView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    // Shown only when every summary above is open (a summary's row is then shown too).
    for (QModelIndex parent = topLeft.parent(); parent.isValid(); parent = parent.parent()) {
        if (!isExpanded(parent))
            return;
    }
    QTreeView::dataChanged(topLeft, bottomRight, roles);
}

} // namespace Workplan
