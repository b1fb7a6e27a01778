#include "jsonformat.h"

#include "jsonfastreader.h"

#include "../jsonwriter.h"
#include "../validation.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <vector>

namespace Workplan::JsonFormat {

namespace {

// RFC 3629 UTF-8: no overlongs, no surrogates, nothing past U+10FFFF. Sets *hasFeff when
// the text holds U+FEFF (in valid UTF-8 the bytes EF BB BF are exactly that character), so
// no second pass has to search for it.
qsizetype firstInvalidUtf8(const QByteArray &data, bool *hasFeff)
{
    *hasFeff = false;
    const auto *p = reinterpret_cast<const unsigned char *>(data.constData());
    const qsizetype n = data.size();
    qsizetype i = 0;
    while (i < n) {
        // Interchange files are mostly ASCII: skip it eight bytes at a time.
        if (i + 8 <= n) {
            quint64 word;
            std::memcpy(&word, p + i, 8);
            if (!(word & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len;
        unsigned int cp;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return i;
        if (i + len > n)
            return i;
        for (int k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)
            || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        *hasFeff = *hasFeff || cp == 0xFEFF;
        i += len;
    }
    return -1;
}

QString lineColumn(const QByteArray &data, qsizetype offset)
{
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset && i < data.size(); ++i) {
        if (data[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(offset - lineStart + 1);
}

// Qt's parser refuses documents nested deeper than this (QJsonParseError::DeepNesting).
constexpr int kQtJsonNestingLimit = 1024;

// Deepest [ or { nesting of a document Qt has parsed; strings are skipped.
int maxNesting(const QByteArray &data)
{
    int depth = 0, deepest = 0;
    bool inString = false;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("missing");
}

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
        if (!(v = f.take(QLatin1StringView("conditions"))).isUndefined()) {
            if (!v.isObject())
                return wrongType(owner, "conditions", v, "an object");
            d.conditions = v.toObject();
            d.hasConditions = true;
        }
        const bool hasPrereq = !(v = f.take(QLatin1StringView("dependency_task_id"))).isUndefined();
        if (hasPrereq) {
            if (!v.isString())
                return wrongType(owner, "dependency_task_id", v, "a string");
            d.taskId = v.toString();
        }
        if (!(v = f.take(QLatin1StringView("dependency_type"))).isUndefined()) {
            if (!v.isString())
                return wrongType(owner, "dependency_type", v, "a string");
            const auto type = dependencyTypeFromString(v.toString());
            if (!type)
                return fail(owner, QStringLiteral("unknown dependency_type '%1'").arg(v.toString()));
            d.type = *type;
        }
        if (!(v = f.take(QLatin1StringView("description"))).isUndefined()) {
            if (!v.isString())
                return wrongType(owner, "description", v, "a string");
            d.description = v.toString();
            if (d.description.isNull())
                d.description = QLatin1String("");
        }
        if (!(v = f.take(QLatin1StringView("is_mandatory"))).isUndefined()) {
            if (!v.isBool())
                return wrongType(owner, "is_mandatory", v, "a boolean");
            d.mandatory = v.toBool();
            d.hasMandatory = true;
        }
        if (!(v = f.take(QLatin1StringView("lag"))).isUndefined()) {
            if (!v.isString() && !v.isDouble())
                return wrongType(owner, "lag", v, "an effort text or a number of hours");
            d.lag = v;
        }
        if (!(v = f.take(QLatin1StringView("waived"))).isUndefined()) {
            if (!v.isBool())
                return wrongType(owner, "waived", v, "a boolean");
            d.waived = v.toBool();
            d.hasWaived = true;
        }
        static const QLatin1StringView known[] = {
            QLatin1StringView("conditions"), QLatin1StringView("dependency_task_id"),
            QLatin1StringView("dependency_type"), QLatin1StringView("description"),
            QLatin1StringView("is_mandatory"), QLatin1StringView("lag"), QLatin1StringView("waived")};
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
        const QJsonValue idValue = o.value(QLatin1String("task_id"));
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
        f.take(QLatin1StringView("task_id"));   // read above
        QJsonValue v;
        if (!(v = f.take(QLatin1StringView("attributes"))).isUndefined()) {
            if (!v.isObject())
                return wrongType(t.id, "attributes", v, "an object");
            t.attributes = v.toObject();
            t.hasAttributes = true;
        }
        if (!(v = f.take(QLatin1StringView("dependencies"))).isUndefined()) {
            if (!v.isArray())
                return wrongType(t.id, "dependencies", v, "an array");
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
        if (!(v = f.take(QLatin1StringView("lifecycle_stage"))).isUndefined()) {
            if (!v.isString())
                return wrongType(t.id, "lifecycle_stage", v, "a string");
            const auto l = lifecycleFromString(v.toString());
            if (!l)
                return fail(t.id, QStringLiteral("unknown lifecycle_stage '%1'").arg(v.toString()));
            t.lifecycle = *l;
            t.hasLifecycle = true;
        }
        if (!(v = f.take(QLatin1StringView("parent_task_id"))).isUndefined()) {
            if (!v.isString() && !v.isNull())
                return wrongType(t.id, "parent_task_id", v, "a string or null");
            t.parentId = v.toString();
            t.hasParentField = true;
            if (v.isString() && t.parentId.isEmpty())
                return fail(t.id, QStringLiteral("parent_task_id is empty"));
        }
        if (!(v = f.take(QLatin1StringView("position"))).isUndefined()) {
            const QJsonObject p = v.toObject();
            if (!v.isObject() || !p.value(QLatin1String("x")).isDouble()
                || !p.value(QLatin1String("y")).isDouble())
                return fail(t.id, QStringLiteral("position must be an object with numbers x and y"));
            t.position = QPointF(p.value(QLatin1String("x")).toDouble(),
                                 p.value(QLatin1String("y")).toDouble());
            t.hasPosition = true;
        }
        if (!(v = f.take(QLatin1StringView("status"))).isUndefined()) {
            if (!v.isString())
                return wrongType(t.id, "status", v, "a string");
            const auto st = statusFromString(v.toString());
            if (!st)
                return fail(t.id, QStringLiteral("unknown status '%1'").arg(v.toString()));
            t.status = *st;
            t.hasStatus = true;
        }
        const bool hasType = !(v = f.take(QLatin1StringView("task_type"))).isUndefined();
        if (hasType) {
            if (!v.isString())
                return wrongType(t.id, "task_type", v, "a string");
            t.type = v.toString();
            if (t.type.isEmpty())
                return fail(t.id, QStringLiteral("task_type is empty"));
        }
        static const QLatin1StringView known[] = {
            QLatin1StringView("attributes"), QLatin1StringView("dependencies"),
            QLatin1StringView("lifecycle_stage"), QLatin1StringView("parent_task_id"),
            QLatin1StringView("position"), QLatin1StringView("status"),
            QLatin1StringView("task_id"), QLatin1StringView("task_type")};
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
            if (k == QLatin1String("name")) {
                if (!v.isString())
                    return wrongType(QString(), "project name", v, "a string");
                p.name = v.toString();
            } else if (k == QLatin1String("calendar")) {
                if (!v.isObject())
                    return wrongType(QString(), "calendar", v, "an object");
                const QJsonObject c = v.toObject();
                for (auto ci = c.constBegin(); ci != c.constEnd(); ++ci) {
                    const bool perDay = ci.key() == QLatin1String("hours_per_day");
                    const bool perWeek = ci.key() == QLatin1String("days_per_week");
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
            if (k == QLatin1String("format")) {
                if (!v.isString())
                    return refuse(QString(), QStringLiteral("format must be a string, not %1").arg(jsonTypeName(v)));
            } else if (k == QLatin1String("version")) {
                if (!v.isDouble())
                    return refuse(QString(), QStringLiteral("version must be a number, not %1").arg(jsonTypeName(v)));
                if (v.toDouble() > kVersion)
                    return refuse(QString(), QStringLiteral("format version %1 was made by a newer Workplan (this one reads version %2)")
                                                 .arg(v.toDouble()).arg(kVersion));
            } else if (k == QLatin1String("project")) {
                if (!v.isObject())
                    return refuse(QString(), QStringLiteral("project must be an object, not %1").arg(jsonTypeName(v)));
                if (!r.readProjectObject(v.toObject(), project))
                    return refuse(r.taskId, r.error);
            } else if (k == QLatin1String("tasks")) {
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
