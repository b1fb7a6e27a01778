#pragma once

#include <QTreeView>

namespace Workplan {

// The task tree's view. A QTreeView answers a dataChanged() for rows under a closed
// summary by searching its laid-out rows for them, one search per signal: after each
// analysis of a 100k-task plan opened folded, that was 8k searches of 9k rows, five
// seconds. Rows that are not shown need no repaint (they paint afresh when their summary
// opens), so their signals stop here.
class TaskTreeView : public QTreeView
{
    Q_OBJECT
public:
    using QTreeView::QTreeView;

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
};

} // namespace Workplan
