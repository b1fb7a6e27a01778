#pragma once

#include <QDialog>
#include <QJsonArray>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QUndoCommand;

namespace Workplan {

class ProjectDocument;

// Project ▸ Team…: the declared resources of §7 (name, capacity) in a table, added,
// removed and renamed in place. Accepting pushes ONE undo step: the project's resources
// array (each resource keeps the fields the editor does not know) and every task whose
// `resources` field names a renamed or removed resource, so no task is left naming a
// resource that no longer exists. An empty or repeated name is refused in the dialog.
class TeamDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TeamDialog(ProjectDocument *document, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    QLabel *problemLabel() const { return m_problem; }

    enum Column { NameColumn, CapacityColumn };

    // Why the table cannot be applied (empty when it can): an empty or repeated name.
    QString problem() const;
    // Hands the table as it is to ProjectEdits::editTeam (one undo step); true when there
    // was a change to make and it was made.
    bool apply();

public slots:
    void accept() override;
    void addResource();
    void removeSelected();

private:
    void addRow(const QString &name, int capacity, int original);
    void updateProblem();
    QJsonArray resourcesArray() const;

    ProjectDocument *m_document;
    QJsonArray m_original;          // the project's resources array as opened
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace Workplan
