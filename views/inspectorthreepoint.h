#pragma once

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;

namespace Workplan {

class ProjectDocument;

// The inspector's three-point estimate (§8): `optimistic_effort` and `pessimistic_effort`
// of a task, under its Effort. Each field is read as the Effort field is (a number is
// hours, else parseEffortText) while it is typed: unreadable text turns red and is never
// written. Leaving a field writes it through ChangeTaskCommand, one undo step per field;
// an emptied field removes its attribute.
//
// The warning line follows what is stored, as the simulation reads it: both bounds
// readable but not o <= estimate <= p makes the risk simulation fall back to the estimate
// alone, which the user should see here rather than only in the Risk panel.
class InspectorThreePoint : public QWidget
{
    Q_OBJECT
public:
    enum class Bound { Optimistic, Pessimistic };

    explicit InspectorThreePoint(ProjectDocument *document, QWidget *parent = nullptr);
    ~InspectorThreePoint() override;

    void setTaskId(const QString &id);
    // Re-reads the task's attributes (after a change, or the project's calendar).
    void refresh();

    QLineEdit *edit(Bound bound) const { return bound == Bound::Optimistic ? m_optimistic : m_pessimistic; }
    bool isReadable(Bound bound) const { return bound == Bound::Optimistic ? m_optimisticReadable : m_pessimisticReadable; }
    QLabel *warningLabel() const { return m_warning; }
    static QString attributeName(Bound bound);

private:
    void check(Bound bound);
    void commit(Bound bound);
    void refreshWarning();
    // A field's text in hours: nullopt when unreadable; empty text reads as nullopt too
    // (the caller tells the two apart).
    std::optional<double> hoursOf(const QString &text) const;

    ProjectDocument *m_document;
    QString m_taskId;
    QLineEdit *m_optimistic;
    QLineEdit *m_pessimistic;
    QLabel *m_warning;
    bool m_optimisticReadable = true;
    bool m_pessimisticReadable = true;
    bool m_updating = false;
};

} // namespace Workplan
