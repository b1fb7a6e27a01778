#pragma once

#include <QObject>
#include <QStringList>

namespace Workplan {

// The one selection of the window, by task id. The tree, the canvas and the panels follow
// it and write to it; setting the same selection again emits nothing, which is what keeps
// the two-way sync from looping.
class TaskSelection : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    const QStringList &selectedIds() const { return m_selected; }
    QString currentId() const { return m_current; }
    bool isSelected(const QString &id) const { return m_selected.contains(id); }

    void setSelection(const QStringList &ids, const QString &current);
    void select(const QString &id) { setSelection(id.isEmpty() ? QStringList() : QStringList{id}, id); }
    void clear() { setSelection({}, QString()); }
    // Drops ids that no longer exist (after a delete or undo).
    void removeIds(const QStringList &ids);

signals:
    void selectionChanged();
    // Asked by panels: bring this task into view (select it and centre it on the canvas).
    void focusRequested(const QString &id);

private:
    QStringList m_selected;
    QString m_current;
};

} // namespace Workplan
