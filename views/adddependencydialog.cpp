#include "adddependencydialog.h"

#include "taskchoicemodel.h"

#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>

namespace Workplan::AddDependencyDialog {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workplan::AddDependencyDialog", text);
}

} // namespace

bool ask(ProjectDocument *document, const QString &ownerId, QWidget *parent)
{
    const Task *owner = document->project().find(ownerId);
    if (!owner)
        return false;
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("addDependencyDialog"));
    dialog.setWindowTitle(tr("Add Dependency"));
    auto *choices = new TaskChoiceModel(document, &dialog);
    auto *prereq = new QComboBox(&dialog);
    prereq->setObjectName(QStringLiteral("prerequisiteCombo"));
    choices->attach(prereq);
    auto *type = new QComboBox(&dialog);
    type->setObjectName(QStringLiteral("dependencyTypeCombo"));
    type->addItems(allDependencyTypeNames());
    auto *problem = new QLabel(&dialog);
    problem->setObjectName(QStringLiteral("problemLabel"));
    problem->setWordWrap(true);
    problem->setStyleSheet(QStringLiteral("color: #b71c1c"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(new QLabel(tr("<b>%1</b> waits for:").arg(owner->title().toHtmlEscaped()), &dialog));
    form->addRow(tr("&Task:"), prereq);
    form->addRow(tr("T&ype:"), type);
    form->addRow(problem);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        const QString id = choices->idAt(prereq->currentIndex());
        const DependencyType t = dependencyTypeFromString(type->currentText()).value_or(DependencyType::Completion);
        const EditResult result = document->edits().link(ownerId, id, t);
        if (!result) {
            problem->setText(result.problem);   // stays open: pick another task or type
            return;
        }
        dialog.accept();
    });
    return dialog.exec() == QDialog::Accepted;
}

} // namespace Workplan::AddDependencyDialog
