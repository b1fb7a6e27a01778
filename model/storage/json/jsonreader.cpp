#include "jsonformat.h"

#include "jsonfastreader.h"
#include "jsonschema.h"
#include "jsontext.h"

#include "../../validation.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <vector>

namespace Workplan::JsonFormat {

namespace {

// Looks the known fields of an object up by name rather than iterating it, so no key
// string is made for them; QJsonObject keeps its keys sorted, so asking in alphabetical
// order meets them in the order iteration did and the first error stays the same.
class Fields
{
public:
    explicit Fields(const QJsonObject &o) : m_o(o) {}

    // Undefined when absent (parsed JSON never holds undefined).
    QJsonValue take(QLatin1StringView name)
    {
        const auto it = m_o.constFind(name);
        if (it == m_o.constEnd())
            return QJsonValue(QJsonValue::Undefined);
        ++m_found;
        return *it;
    }

    // Every field not named in `known`, for the round trip; iterates only when there is one.
    template<std::size_t N>
    void copyOthers(const QLatin1StringView (&known)[N], QJsonObject &extra) const
    {
        if (m_found == m_o.size())
            return;
        for (auto it = m_o.constBegin(); it != m_o.constEnd(); ++it) {
            const QString k = it.key();
            if (std::find(std::begin(known), std::end(known), k) == std::end(known))
                extra.insert(k, it.value());
        }
    }

private:
    const QJsonObject &m_o;
    qsizetype m_found = 0;
};

struct Reader
{
    QString error;      // problem text; taskId says which task
    QString taskId;
    bool failed = false;

    bool fail(const QString &id, const QString &problem)
    {
        if (!failed) {
            failed = true;
            taskId = id;
            error = problem;
        }
        return false;
    }

    bool wrongType(const QString &id, const char *field, const QJsonValue &v, const char *expected)
    {
        return fail(id, QStringLiteral("%1 must be %2, not %3")
                            .arg(QLatin1String(field), QLatin1String(expected), jsonTypeName(v)));
    }

    bool readDependency(const QString &owner, int number, const QJsonValue &value, Dependency &d)
    {
        if (!value.isObject())
            return fail(owner, QStringLiteral("dependency #%1 must be an object, not %2")
                                   .arg(number).arg(jsonTypeName(value)));
        const QJsonObject o = value.toObject();
        Fields f(o);
        QJsonValue v;
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::conditions))).isUndefined()) {
            if (!v.isObject())
                return wrongType(owner, JsonSchema::Field::conditions, v, "an object");
            d.conditions = v.toObject();
            d.hasConditions = true;
        }
        const bool hasPrereq = !(v = f.take(QLatin1StringView(JsonSchema::Field::dependencyTaskId))).isUndefined();
        if (hasPrereq) {
            if (!v.isString())
                return wrongType(owner, JsonSchema::Field::dependencyTaskId, v, "a string");
            d.taskId = v.toString();
        }
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::dependencyType))).isUndefined()) {
            if (!v.isString())
                return wrongType(owner, JsonSchema::Field::dependencyType, v, "a string");
            const auto type = dependencyTypeFromString(v.toString());
            if (!type)
                return fail(owner, QStringLiteral("unknown dependency_type '%1'").arg(v.toString()));
            d.type = *type;
        }
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::description))).isUndefined()) {
            if (!v.isString())
                return wrongType(owner, JsonSchema::Field::description, v, "a string");
            d.description = v.toString();
            if (d.description.isNull())
                d.description = QLatin1String("");
        }
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::isMandatory))).isUndefined()) {
            if (!v.isBool())
                return wrongType(owner, JsonSchema::Field::isMandatory, v, "a boolean");
            d.mandatory = v.toBool();
            d.hasMandatory = true;
        }
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::lag))).isUndefined()) {
            if (!v.isString() && !v.isDouble())
                return wrongType(owner, JsonSchema::Field::lag, v, "an effort text or a number of hours");
            d.lag = v;
        }
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::waived))).isUndefined()) {
            if (!v.isBool())
                return wrongType(owner, JsonSchema::Field::waived, v, "a boolean");
            d.waived = v.toBool();
            d.hasWaived = true;
        }
        static const QLatin1StringView known[] = {
            QLatin1StringView(JsonSchema::Field::conditions), QLatin1StringView(JsonSchema::Field::dependencyTaskId),
            QLatin1StringView(JsonSchema::Field::dependencyType), QLatin1StringView(JsonSchema::Field::description),
            QLatin1StringView(JsonSchema::Field::isMandatory), QLatin1StringView(JsonSchema::Field::lag), QLatin1StringView(JsonSchema::Field::waived)};
        f.copyOthers(known, d.extra);
        if (!hasPrereq)
            return fail(owner, QStringLiteral("dependency #%1 has no dependency_task_id").arg(number));
        return true;
    }

    bool readTask(int number, const QJsonValue &value, Task &t)
    {
        if (!value.isObject())
            return fail(QString(), QStringLiteral("task #%1 must be an object, not %2")
                                       .arg(number).arg(jsonTypeName(value)));
        const QJsonObject o = value.toObject();
        const QJsonValue idValue = o.value(QLatin1String(JsonSchema::Field::taskId));
        if (idValue.isUndefined())
            return fail(QString(), QStringLiteral("task #%1 has no task_id").arg(number));
        if (!idValue.isString())
            return fail(QString(), QStringLiteral("task #%1: task_id must be a string, not %2")
                                       .arg(number).arg(jsonTypeName(idValue)));
        t.id = idValue.toString();
        if (t.id.isEmpty())
            return fail(QString(), QStringLiteral("task #%1 has an empty task_id").arg(number));

        t.hasParentField = t.hasStatus = t.hasLifecycle = t.hasAttributes = t.hasDependencies = false;
        Fields f(o);
        f.take(QLatin1StringView(JsonSchema::Field::taskId));   // read above
        QJsonValue v;
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::attributes))).isUndefined()) {
            if (!v.isObject())
                return wrongType(t.id, JsonSchema::Field::attributes, v, "an object");
            t.attributes = v.toObject();
            t.hasAttributes = true;
        }
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::dependencies))).isUndefined()) {
            if (!v.isArray())
                return wrongType(t.id, JsonSchema::Field::dependencies, v, "an array");
            const QJsonArray deps = v.toArray();
            t.dependencies.reserve(deps.size());
            int i = 0;
            for (const QJsonValue &dv : deps) {
                Dependency d;
                if (!readDependency(t.id, ++i, dv, d))
                    return false;
                t.dependencies.append(std::move(d));
            }
            t.hasDependencies = true;
        }
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::lifecycleStage))).isUndefined()) {
            if (!v.isString())
                return wrongType(t.id, JsonSchema::Field::lifecycleStage, v, "a string");
            const auto l = lifecycleFromString(v.toString());
            if (!l)
                return fail(t.id, QStringLiteral("unknown lifecycle_stage '%1'").arg(v.toString()));
            t.lifecycle = *l;
            t.hasLifecycle = true;
        }
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::parentTaskId))).isUndefined()) {
            if (!v.isString() && !v.isNull())
                return wrongType(t.id, JsonSchema::Field::parentTaskId, v, "a string or null");
            t.parentId = v.toString();
            t.hasParentField = true;
            if (v.isString() && t.parentId.isEmpty())
                return fail(t.id, QStringLiteral("parent_task_id is empty"));
        }
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::position))).isUndefined()) {
            const QJsonObject p = v.toObject();
            if (!v.isObject() || !p.value(QLatin1String(JsonSchema::Field::x)).isDouble()
                || !p.value(QLatin1String(JsonSchema::Field::y)).isDouble())
                return fail(t.id, QStringLiteral("position must be an object with numbers x and y"));
            t.position = QPointF(p.value(QLatin1String(JsonSchema::Field::x)).toDouble(),
                                 p.value(QLatin1String(JsonSchema::Field::y)).toDouble());
            t.hasPosition = true;
        }
        if (!(v = f.take(QLatin1StringView(JsonSchema::Field::status))).isUndefined()) {
            if (!v.isString())
                return wrongType(t.id, JsonSchema::Field::status, v, "a string");
            const auto st = statusFromString(v.toString());
            if (!st)
                return fail(t.id, QStringLiteral("unknown status '%1'").arg(v.toString()));
            t.status = *st;
            t.hasStatus = true;
        }
        const bool hasType = !(v = f.take(QLatin1StringView(JsonSchema::Field::taskType))).isUndefined();
        if (hasType) {
            if (!v.isString())
                return wrongType(t.id, JsonSchema::Field::taskType, v, "a string");
            t.type = v.toString();
            if (t.type.isEmpty())
                return fail(t.id, QStringLiteral("task_type is empty"));
        }
        static const QLatin1StringView known[] = {
            QLatin1StringView(JsonSchema::Field::attributes), QLatin1StringView(JsonSchema::Field::dependencies),
            QLatin1StringView(JsonSchema::Field::lifecycleStage), QLatin1StringView(JsonSchema::Field::parentTaskId),
            QLatin1StringView(JsonSchema::Field::position), QLatin1StringView(JsonSchema::Field::status),
            QLatin1StringView(JsonSchema::Field::taskId), QLatin1StringView(JsonSchema::Field::taskType)};
        f.copyOthers(known, t.extra);
        if (!hasType)
            return fail(t.id, QStringLiteral("has no task_type"));
        return true;
    }

    bool readProjectObject(const QJsonObject &o, Project &p)
    {
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            const QString k = it.key();
            const QJsonValue v = it.value();
            if (k == QLatin1String(JsonSchema::Field::name)) {
                if (!v.isString())
                    return wrongType(QString(), "project name", v, "a string");
                p.name = v.toString();
            } else if (k == QLatin1String(JsonSchema::Field::calendar)) {
                if (!v.isObject())
                    return wrongType(QString(), JsonSchema::Field::calendar, v, "an object");
                const QJsonObject c = v.toObject();
                for (auto ci = c.constBegin(); ci != c.constEnd(); ++ci) {
                    const bool perDay = ci.key() == QLatin1String(JsonSchema::Field::hoursPerDay);
                    const bool perWeek = ci.key() == QLatin1String(JsonSchema::Field::daysPerWeek);
                    if (!perDay && !perWeek) {
                        p.calendarExtra.insert(ci.key(), ci.value());   // kept for the round trip (§1)
                        continue;
                    }
                    if (!ci.value().isDouble() || !(ci.value().toDouble() > 0))
                        return fail(QString(), QStringLiteral("calendar %1 must be a positive number")
                                                   .arg(ci.key()));
                    (perDay ? p.calendar.hoursPerDay : p.calendar.daysPerWeek) = ci.value().toDouble();
                }
            } else {
                p.projectExtra.insert(k, v);
            }
        }
        return true;
    }
};

} // namespace

std::optional<Project> read(const QByteArray &rawData, const QString &fileName, QString *error, bool fastPath)
{
    auto refuse = [&](const QString &taskId, const QString &problem) -> std::optional<Project> {
        if (error)
            *error = ValidationError{taskId, problem}.message(fileName);
        return std::nullopt;
    };

    QByteArray data = rawData;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    bool hasFeff = false;
    const qsizetype bad = firstInvalidUtf8(data, &hasFeff);
    if (bad >= 0)
        return refuse(QString(), QStringLiteral("not UTF-8 (invalid byte at %1)").arg(lineColumn(data, bad)));

    // The usual file goes through the fast reader; on anything it does not take, the
    // reader below reads the same bytes as before.
    if (!hasFeff && fastPath) {
        Project project;
        project.name = QFileInfo(fileName).completeBaseName();
        if (auto tasks = readFast(data.constData(), data.constData() + data.size(), project)) {
            project.setTasks(std::move(*tasks));
            if (const auto invalid = validateProject(project)) {
                if (error)
                    *error = invalid->message(fileName);
                return std::nullopt;
            }
            return project;
        }
    }

    // Qt's parser drops a raw U+FEFF that opens a string as if it were a byte order mark,
    // and an object key so shortened is left out of order (QJsonObject lookups and ==
    // then fail). Spelled as an escape it is kept: same text, read exactly.
    const QByteArray source = data;
    std::vector<qsizetype> escapedBoms;   // where each escape starts in `data`
    if (hasFeff) {
        QByteArray escaped;
        escaped.reserve(data.size() + 64);
        qsizetype from = 0;
        for (qsizetype at; (at = data.indexOf("\xEF\xBB\xBF", from)) >= 0; from = at + 3) {
            escaped.append(data.constData() + from, at - from);
            escapedBoms.push_back(escaped.size());
            escaped.append("\\ufeff");
        }
        escaped.append(data.constData() + from, data.size() - from);
        data = escaped;
    }

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Report the offset in the file as written, before the escapes.
        qsizetype offset = parseError.offset;
        for (const qsizetype at : escapedBoms) {
            if (at >= parseError.offset)
                break;
            offset -= std::min<qsizetype>(3, parseError.offset - at);
        }
        return refuse(QString(), QStringLiteral("not valid JSON: %1 at %2")
                                     .arg(parseError.errorString(), lineColumn(source, offset)));
    }

    Reader r;
    Project project;
    // §1: a bare array (or a file without a project name) is named after its file, less the ending.
    project.name = QFileInfo(fileName).completeBaseName();
    QJsonArray tasks;
    if (doc.isArray()) {
        // write() puts the tasks one level deeper, under {"tasks": [...]}: a bare array at
        // Qt's limit would load but its saved file would not.
        if (maxNesting(data) >= kQtJsonNestingLimit)
            return refuse(QString(), QStringLiteral("too deeply nested: a bare task array may nest at most %1 levels")
                                         .arg(kQtJsonNestingLimit - 1));
        tasks = doc.array();
    } else if (doc.isObject()) {
        const QJsonObject root = doc.object();
        for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
            const QString k = it.key();
            const QJsonValue v = it.value();
            if (k == QLatin1String(JsonSchema::Field::format)) {
                if (!v.isString())
                    return refuse(QString(), QStringLiteral("format must be a string, not %1").arg(jsonTypeName(v)));
            } else if (k == QLatin1String(JsonSchema::Field::version)) {
                if (!v.isDouble())
                    return refuse(QString(), QStringLiteral("version must be a number, not %1").arg(jsonTypeName(v)));
                if (v.toDouble() > JsonSchema::kVersion)
                    return refuse(QString(), QStringLiteral("format version %1 was made by a newer Workplan (this one reads version %2)")
                                                 .arg(v.toDouble()).arg(JsonSchema::kVersion));
            } else if (k == QLatin1String(JsonSchema::Field::project)) {
                if (!v.isObject())
                    return refuse(QString(), QStringLiteral("project must be an object, not %1").arg(jsonTypeName(v)));
                if (!r.readProjectObject(v.toObject(), project))
                    return refuse(r.taskId, r.error);
            } else if (k == QLatin1String(JsonSchema::Field::tasks)) {
                if (!v.isArray())
                    return refuse(QString(), QStringLiteral("tasks must be an array, not %1").arg(jsonTypeName(v)));
                tasks = v.toArray();
            } else {
                project.extra.insert(k, v);
            }
        }
    } else {
        return refuse(QString(), QStringLiteral("the top level must be an object or an array of tasks"));
    }

    QList<Task> list;
    list.reserve(tasks.size());
    int number = 0;
    for (const QJsonValue &v : tasks) {
        Task t;
        if (!r.readTask(++number, v, t))
            return refuse(r.taskId, r.error);
        list.append(std::move(t));
    }
    project.setTasks(std::move(list));

    if (const auto invalid = validateProject(project)) {
        if (error)
            *error = invalid->message(fileName);
        return std::nullopt;
    }
    return project;
}

std::optional<Project> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // Mapped rather than copied: a large file is only scanned, never changed.
    const qint64 size = file.size();
    if (size > 0) {
        if (uchar *mapped = file.map(0, size)) {
            const auto result = read(QByteArray::fromRawData(reinterpret_cast<const char *>(mapped), size),
                                     path, error);
            file.unmap(mapped);
            return result;
        }
    }
    return read(file.readAll(), path, error);
}

} // namespace Workplan::JsonFormat
