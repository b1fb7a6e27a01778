#pragma once

#include "model/dependency.h"

#include <QObject>
#include <QStringList>

namespace Workplan {

class Project;

// The dependency a selected key stands for now: its index in the owner's list, -1 when it
// is gone. A key names one dependency exactly; a selection also follows it through a
// change of its type (the only part of a key that changes while the arrow keeps both its
// ends: an undo or redo of "change type", another editor's change) while the owner has
// exactly one dependency on that prerequisite, so the page that shows it does not
// blink away under an edit.
int followDependency(const Project &project, const DependencyKey &key);

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
    // The arrow's dependency is named by its key: a change of its type gives it a new key,
    // and whoever makes that change selects the new key (InspectorEdge, the arrow's menu).
    const DependencyKey &selectedDependency() const { return m_dependency; }
    void selectDependency(const DependencyKey &key);

signals:
    void selectionChanged();
    void dependencySelectionChanged();
    // Asked by panels: bring this task into view (select it and centre it on the canvas).
    void focusRequested(const QString &id);

private:
    QStringList m_selected;
    QString m_current;
    DependencyKey m_dependency;
};

} // namespace Workplan
