#pragma once

#include <QObject>
#include <QStringList>

namespace Workplan {

class Project;

// One declared dependency picked on the canvas: its owner (the task that waits), its index
// in the owner's list, and the prerequisite, which tells whether the index still means it.
struct DependencyRef
{
    QString ownerId;
    int index = -1;
    QString prerequisiteId;

    bool isNull() const { return ownerId.isEmpty(); }
    bool operator==(const DependencyRef &o) const
    {
        return ownerId == o.ownerId && index == o.index && prerequisiteId == o.prerequisiteId;
    }
    bool operator!=(const DependencyRef &o) const { return !(*this == o); }
    // Its index in the owner's list now (the first on the same prerequisite when an earlier
    // one went), -1 when it is gone.
    int resolve(const Project &project) const;
};

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
    void clear();
    // Drops ids that no longer exist (after a delete or undo).
    void removeIds(const QStringList &ids);

    // A selected arrow instead of tasks: the two exclude each other, so selecting one lets
    // go of the other (the inspector shows one or the other).
    const DependencyRef &selectedDependency() const { return m_dependency; }
    void selectDependency(const DependencyRef &ref);

signals:
    void selectionChanged();
    void dependencySelectionChanged();
    // Asked by panels: bring this task into view (select it and centre it on the canvas).
    void focusRequested(const QString &id);

private:
    QStringList m_selected;
    QString m_current;
    DependencyRef m_dependency;
};

} // namespace Workplan
