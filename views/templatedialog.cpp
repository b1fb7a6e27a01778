#include "templatedialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

// Resources of a static library must be registered by hand, outside any namespace.
static void initWorkplanResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace Workplan {

QList<Templates::Template> builtInTemplates()
{
    initWorkplanResources();
    // The order of the menu: a fixed list, so it does not depend on file names.
    static const char *const names[] = {"feature-development", "bug-fix-critical", "bug-fix-regular",
                                        "release-pipeline", "cross-team-feature", "enterprise-release"};
    QList<Templates::Template> out;
    for (const char *name : names) {
        QFile f(QStringLiteral(":/templates/%1.json").arg(QLatin1String(name)));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        if (auto t = Templates::parse(f.readAll(), nullptr))
            out << *t;
    }
    return out;
}

TemplateDialog::TemplateDialog(const Templates::Template &tmpl, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("New from Template: %1").arg(tmpl.name));
    auto *form = new QFormLayout;
    for (const Templates::Parameter &p : tmpl.parameters) {
        auto *edit = new QLineEdit(p.defaultValue, this);
        form->addRow(p.label.isEmpty() ? p.key : p.label, edit);
        m_edits.insert(p.key, edit);
    }
    // A derived field (the id suffix) follows its source (the feature name) as it is typed,
    // until the user types in the derived field itself.
    for (const Templates::Parameter &p : tmpl.parameters) {
        QLineEdit *source = m_edits.value(p.derivedFrom);
        QLineEdit *derived = m_edits.value(p.key);
        if (!source || !derived)
            continue;
        connect(derived, &QLineEdit::textEdited, derived, [derived] { derived->setProperty("userEdited", true); });
        connect(source, &QLineEdit::textEdited, derived, [derived](const QString &text) {
            if (!derived->property("userEdited").toBool())
                derived->setText(Templates::idSuffix(text));
        });
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Fill in the values for the new workflow."), this));
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QMap<QString, QString> TemplateDialog::values() const
{
    QMap<QString, QString> out;
    for (auto it = m_edits.constBegin(); it != m_edits.constEnd(); ++it)
        out.insert(it.key(), it.value()->text());
    return out;
}

} // namespace Workplan
