#include "projectpropertiesdialog.h"

#include "model/commands/structurecommands.h"
#include "model/projectdocument.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QUndoStack>

namespace Workplan {

ProjectPropertiesDialog::ProjectPropertiesDialog(ProjectDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_name(new QLineEdit(this))
    , m_hoursPerDay(new QDoubleSpinBox(this))
    , m_daysPerWeek(new QDoubleSpinBox(this))
{
    setWindowTitle(tr("Project Properties"));
    const Project &project = document->project();
    m_name->setText(project.name);
    m_name->setAccessibleName(tr("Project name"));
    // Quarter hours are the finest step anyone plans in; a day cannot exceed 24 hours.
    m_hoursPerDay->setRange(0.25, 24);
    m_hoursPerDay->setDecimals(2);
    m_hoursPerDay->setSingleStep(0.5);
    m_hoursPerDay->setSuffix(tr(" h"));
    m_hoursPerDay->setValue(project.calendar.hoursPerDay);
    m_hoursPerDay->setAccessibleName(tr("Hours per day"));
    m_daysPerWeek->setRange(0.5, 7);
    m_daysPerWeek->setDecimals(1);
    m_daysPerWeek->setSingleStep(0.5);
    m_daysPerWeek->setValue(project.calendar.daysPerWeek);
    m_daysPerWeek->setAccessibleName(tr("Days per week"));
    m_shownHoursPerDay = m_hoursPerDay->value();
    m_shownDaysPerWeek = m_daysPerWeek->value();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Hours per day:"), m_hoursPerDay);
    form->addRow(tr("&Days per week:"), m_daysPerWeek);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

bool ProjectPropertiesDialog::apply()
{
    const Project &project = m_document->project();
    Calendar calendar = project.calendar;
    // A spin box rounds to its decimals: an untouched one keeps the file's exact value.
    if (m_hoursPerDay->value() != m_shownHoursPerDay)
        calendar.hoursPerDay = m_hoursPerDay->value();
    if (m_daysPerWeek->value() != m_shownDaysPerWeek)
        calendar.daysPerWeek = m_daysPerWeek->value();
    const QString name = m_name->text().trimmed();
    if (name == project.name && calendar == project.calendar)
        return false;
    m_document->undoStack()->push(new ProjectPropertiesCommand(m_document, name, calendar));
    return true;
}

} // namespace Workplan
