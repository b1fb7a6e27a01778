#pragma once

#include <QSortFilterProxyModel>

namespace Workplan {

// Filters the task tree by text (title or id), type and status. Recursive: a task that
// matches keeps its ancestors visible so it stays reachable in the tree.
class TaskFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TaskFilterProxy(QObject *parent = nullptr);

    QString text() const { return m_text; }
    QString type() const { return m_type; }
    QString status() const { return m_status; }

    // Empty means "any".
    void setText(const QString &text);
    void setType(const QString &type);
    void setStatus(const QString &status);
    bool isFiltering() const { return !m_text.isEmpty() || !m_type.isEmpty() || !m_status.isEmpty(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_type;
    QString m_status;
};

} // namespace Workplan
