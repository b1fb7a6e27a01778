#pragma once

#include "project.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Workplan::Templates {

// A workflow template: a contract JSON file whose strings may hold `{{key}}` placeholders,
// plus a top-level "template" object that names it and declares its parameters.
struct Parameter
{
    QString key;
    QString label;
    QString defaultValue;
    // Another parameter's key: while this one is left at its default, its value is that
    // parameter's value made into an id (Templates::idSuffix), so naming the feature
    // renames its ids too ("derive": "name" in the file).
    QString derivedFrom;
};

struct Template
{
    QString name;
    QList<Parameter> parameters;
    QByteArray data;          // the whole file as read
};

// Reads the declaration; nullopt (and *error) when the text is not a template.
std::optional<Template> parse(const QByteArray &data, QString *error);

// "Payments Gateway 2" -> "payments_gateway_2": lower case letters, digits and single
// underscores, the form the templates' ids use.
QString idSuffix(const QString &text);

// The values instantiate() uses: given ones, else derived ones (see Parameter::derivedFrom),
// else the defaults.
QMap<QString, QString> resolvedValues(const Template &tmpl, const QMap<QString, QString> &values);

// Substitutes the values (missing keys take their defaults) in every string, keys included,
// and reads the result as an interchange file. Pure: no widgets, no files.
std::optional<Project> instantiate(const Template &tmpl, const QMap<QString, QString> &values,
                                   QString *error);

} // namespace Workplan::Templates
