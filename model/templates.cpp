#include "templates.h"

#include "storage/json/jsonformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Workplan::Templates {

namespace {

const QLatin1String kTemplateKey("template");

QString substitute(QString text, const QMap<QString, QString> &values)
{
    if (!text.contains(QLatin1String("{{")))
        return text;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        text.replace(QLatin1String("{{") + it.key() + QLatin1String("}}"), it.value());
    return text;
}

QJsonValue substitute(const QJsonValue &value, const QMap<QString, QString> &values)
{
    switch (value.type()) {
    case QJsonValue::String:
        return substitute(value.toString(), values);
    case QJsonValue::Array: {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(substitute(v, values));
        return out;
    }
    case QJsonValue::Object: {
        const QJsonObject in = value.toObject();
        QJsonObject out;
        for (auto it = in.constBegin(); it != in.constEnd(); ++it)
            out.insert(substitute(it.key(), values), substitute(it.value(), values));
        return out;
    }
    default:
        return value;
    }
}

} // namespace

std::optional<Template> parse(const QByteArray &data, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    const QJsonObject decl = doc.object().value(kTemplateKey).toObject();
    if (!doc.isObject() || decl.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("Workplan", "Not a workflow template.");
        return std::nullopt;
    }
    Template t;
    t.name = decl.value(QLatin1String("name")).toString();
    for (const QJsonValue &p : decl.value(QLatin1String("parameters")).toArray()) {
        const QJsonObject o = p.toObject();
        t.parameters.append({o.value(QLatin1String("key")).toString(),
                             o.value(QLatin1String("label")).toString(),
                             o.value(QLatin1String("default")).toString(),
                             o.value(QLatin1String("derive")).toString()});
    }
    t.data = data;
    return t;
}

QString idSuffix(const QString &text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_KD)) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            out += c.toLower();
        else if (!out.isEmpty() && !out.endsWith(QLatin1Char('_')) && (c.isSpace() || c.isPunct()))
            out += QLatin1Char('_');
    }
    while (out.endsWith(QLatin1Char('_')))
        out.chop(1);
    return out;
}

QMap<QString, QString> resolvedValues(const Template &tmpl, const QMap<QString, QString> &values)
{
    QMap<QString, QString> all;
    for (const Parameter &p : tmpl.parameters)
        all.insert(p.key, values.value(p.key, p.defaultValue));
    // Derived after all the given ones are known, whatever the declaration order. A value
    // given but equal to the default counts as left alone (the dialog shows the default).
    for (const Parameter &p : tmpl.parameters) {
        if (p.derivedFrom.isEmpty() || (values.contains(p.key) && values.value(p.key) != p.defaultValue))
            continue;
        const auto source = std::find_if(tmpl.parameters.cbegin(), tmpl.parameters.cend(),
                                         [&](const Parameter &s) { return s.key == p.derivedFrom; });
        if (source == tmpl.parameters.cend() || all.value(source->key) == source->defaultValue)
            continue;   // the source at its default: the default suffix goes with it
        const QString derived = idSuffix(all.value(source->key));
        if (!derived.isEmpty())
            all.insert(p.key, derived);
    }
    return all;
}

std::optional<Project> instantiate(const Template &tmpl, const QMap<QString, QString> &values,
                                   QString *error)
{
    const QMap<QString, QString> all = resolvedValues(tmpl, values);
    QJsonObject root = QJsonDocument::fromJson(tmpl.data).object();
    root.remove(kTemplateKey);
    // Substituting the parsed values (not the raw text) keeps quotes in a value harmless.
    const QJsonObject filled = substitute(root, all).toObject();
    return JsonFormat::read(QJsonDocument(filled).toJson(QJsonDocument::Compact),
                            tmpl.name.isEmpty() ? QStringLiteral("template") : tmpl.name, error);
}

} // namespace Workplan::Templates
