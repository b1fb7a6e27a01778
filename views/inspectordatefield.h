#pragma once

#include <QDateTime>
#include <QWidget>

class QCheckBox;
class QDateTimeEdit;

namespace Workplan {

class ProjectDocument;

// One of the inspector's §6 date attributes of a task, `deadline` or `not_before`: a check
// box that sets or removes it and a date-time editor. It writes through the same
// ChangeTaskCommand the other fields use; consecutive edits of one attribute merge, so
// ticking the box and then typing a date is one undo step.
//
// What is written (the contract's two forms):
//  - not_before: "YYYY-MM-DD" when the time is 00:00 (a date-only not_before means 00:00,
//    so nothing is lost), else "YYYY-MM-DDTHH:MM".
//  - deadline: a date-only deadline means the end of that day (00:00 of the next). The
//    editor cannot show 24:00, so it shows 23:59, and a deadline left at 23:59 is written
//    date-only: "the whole day". Any other time is written as "YYYY-MM-DDTHH:MM".
// A text the user did not change is never rewritten (an unreadable one included): only a
// value the user edited, that differs from what the stored text shows, is committed.
class InspectorDateField : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Deadline, NotBefore };

    InspectorDateField(ProjectDocument *document, Kind kind, QWidget *parent = nullptr);

    void setTaskId(const QString &id);
    // Re-reads the task's attribute (after a change, or the project's start).
    void refresh();

    QCheckBox *setBox() const { return m_set; }
    QDateTimeEdit *edit() const { return m_edit; }
    // Where an edit goes: `deadline`, or `target_date` when the task has only that (the
    // attribute the analysis reads, §6); `not_before` for the other kind.
    QString attributeName() const;
    // The text the date shown now would be written as.
    QString textFor(const QDateTime &shown) const;

private:
    void commit();
    void setChecked(bool on);
    // The editor's value for a stored text; invalid when it cannot be read.
    QDateTime shownFor(const QString &text) const;
    QDateTime defaultValue() const;

    ProjectDocument *m_document;
    Kind m_kind;
    QString m_taskId;
    QCheckBox *m_set;
    QDateTimeEdit *m_edit;
    QDateTime m_shown;          // what the stored text shows as (invalid: none or unreadable)
    bool m_updating = false;
    bool m_edited = false;      // the user changed the editor since the last refresh
};

} // namespace Workplan
