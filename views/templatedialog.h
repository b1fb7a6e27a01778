#pragma once

#include "model/templates.h"

#include <QDialog>
#include <QList>
#include <QMap>

class QLineEdit;

namespace Workplan {

// The seed workflows compiled into the program (resources/templates/*.json).
QList<Templates::Template> builtInTemplates();

// Asks for a template's parameters, each a line edit holding its default.
class TemplateDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TemplateDialog(const Templates::Template &tmpl, QWidget *parent = nullptr);

    QMap<QString, QString> values() const;
    QLineEdit *editFor(const QString &key) const { return m_edits.value(key); }

private:
    QMap<QString, QLineEdit *> m_edits;
};

} // namespace Workplan
