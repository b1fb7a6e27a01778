#pragma once

#include <QDialog>

class QDoubleSpinBox;
class QLineEdit;

namespace Workplan {

class ProjectDocument;

// Project ▸ Properties: the project's name and working-time calendar. Accepting pushes one
// ProjectPropertiesCommand (nothing when nothing changed), so it is undoable and the
// analysis reruns through the document's changed().
class ProjectPropertiesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProjectPropertiesDialog(ProjectDocument *document, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QDoubleSpinBox *hoursPerDaySpin() const { return m_hoursPerDay; }
    QDoubleSpinBox *daysPerWeekSpin() const { return m_daysPerWeek; }

    // Pushes the command when the values differ from the document's; true when it did.
    bool apply();

private:
    ProjectDocument *m_document;
    QLineEdit *m_name;
    QDoubleSpinBox *m_hoursPerDay;
    QDoubleSpinBox *m_daysPerWeek;
    double m_shownHoursPerDay = 0;
    double m_shownDaysPerWeek = 0;
};

} // namespace Workplan
