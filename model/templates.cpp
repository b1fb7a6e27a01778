#include "templates.h"

#include "storage/jsonformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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
                             o.value(QLatin1String("default")).toString()});
    }
    t.data = data;
    return t;
}

std::optional<Project> instantiate(const Template &tmpl, const QMap<QString, QString> &values,
                                   QString *error)
{
    QMap<QString, QString> all;
    for (const Parameter &p : tmpl.parameters)
        all.insert(p.key, values.value(p.key, p.defaultValue));
    QJsonObject root = QJsonDocument::fromJson(tmpl.data).object();
    root.remove(kTemplateKey);
    // Substituting the parsed values (not the raw text) keeps quotes in a value harmless.
    const QJsonObject filled = substitute(root, all).toObject();
    return JsonFormat::read(QJsonDocument(filled).toJson(QJsonDocument::Compact),
                            tmpl.name.isEmpty() ? QStringLiteral("template") : tmpl.name, error);
}

} // namespace Workplan::Templates
