#pragma once

#include "model/dependency.h"

#include <QWidget>

class QComboBox;
class QPushButton;
class QTableWidget;

namespace Workplan {

class ProjectDocument;
class TaskChoiceModel;

// The inspector's table of a task's own dependencies: prerequisite, type, description,
// mandatory, waived and lag. Adding or re-targeting is checked with
// ProjectDocument::dependencyProblem() first; every edit is a DependencyCommand.
class InspectorDependencyTable : public QWidget
{
    Q_OBJECT
public:
    enum Column { PrerequisiteColumn, TypeColumn, DescriptionColumn, MandatoryColumn, WaivedColumn,
                  LagColumn, ColumnCount };

    explicit InspectorDependencyTable(ProjectDocument *document, QWidget *parent = nullptr);

    void setTaskId(const QString &id);
    void refresh();
    void scheduleRefresh();

    QTableWidget *table() const { return m_table; }
    QComboBox *newPrerequisite() const { return m_newPrereq; }
    TaskChoiceModel *choices() const { return m_choices; }
    QComboBox *newType() const { return m_newType; }
    QPushButton *addButton() const { return m_addButton; }

signals:
    void problem(const QString &message);

private:
    void onCellChanged(int row, int column);
    void changeDependency(int row, const Dependency &dep);   // ProjectEdits checks a new prerequisite or type
    void addDependency();
    void removeSelected();
    int rowOfWidget(QWidget *w, int column) const;

    ProjectDocument *m_document;
    QString m_taskId;
    QTableWidget *m_table;
    TaskChoiceModel *m_choices;
    QComboBox *m_newPrereq;
    QComboBox *m_newType;
    QPushButton *m_addButton;
    QPushButton *m_removeButton;
    bool m_filling = false;
    bool m_refreshPending = false;
};

} // namespace Workplan
