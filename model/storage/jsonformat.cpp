#include "jsonformat.h"

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

// A fast path for well-formed files of the usual shape. It reads the document straight into
// Tasks, except for attribute and condition objects, whose bytes are cut out and parsed by
// Qt a few hundred at a time (so their values come out exactly as Qt's reader makes them).
// It accepts only a subset of what the reader below accepts, and gives up (nullopt) on
// anything else: a syntax or type error, an unknown or repeated field, an unknown status,
// a string with a raw control character or a surrogate escape, a bare array, anything
// deeper than 200 levels. Then the reader below runs on the same bytes and reports exactly
// what it always did, so every error message is its own. On what it accepts, the Project
// is equal to the one the reader below makes (tst_jsonformat, and `workplan convert`
// byte for byte on the examples and generated files).
class FastReader
{
public:
    FastReader(const char *begin, const char *end) : m_p(begin), m_end(end) {}

    std::optional<QList<Task>> read(Project &project)
    {
        space();
        if (!eat('{'))
            return std::nullopt;
        QList<Task> tasks;
        unsigned seen = 0;
        space();
        if (!eat('}')) {
            do {
                space();
                const char *kb, *ke;
                if (!rawKey(kb, ke))
                    return std::nullopt;
                const QByteArrayView k(kb, ke - kb);
                unsigned bit;
                if (k == "format") {
                    bit = 1;
                    QString ignored;
                    if (!string(ignored))
                        return std::nullopt;
                } else if (k == "version") {
                    bit = 2;
                    double version;
                    if (!number(&version) || version > kVersion)
                        return std::nullopt;
                } else if (k == "project") {
                    bit = 4;
                    if (!readProject(project))
                        return std::nullopt;
                } else if (k == "tasks") {
                    bit = 8;
                    if (!readTasks(tasks))
                        return std::nullopt;
                } else {
                    return std::nullopt;
                }
                if (seen & bit)
                    return std::nullopt;
                seen |= bit;
                space();
            } while (eat(','));
            if (!eat('}'))
                return std::nullopt;
        }
        space();
        if (m_p != m_end || !parseDeferred(tasks))
            return std::nullopt;
        return tasks;
    }

private:
    static constexpr int kMaxDepth = 200;

    struct Deferred
    {
        qsizetype task;
        qsizetype dependency;   // -1: the task's attributes, else that dependency's conditions
        const char *begin;
        const char *end;
    };

    bool eat(char c)
    {
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    // A key without escapes, and the colon after it.
    bool rawKey(const char *&b, const char *&e)
    {
        if (!eat('"'))
            return false;
        b = m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\' || static_cast<unsigned char>(*m_p) < 0x20)
                return false;
            ++m_p;
        }
        e = m_p;
        if (!eat('"'))
            return false;
        space();
        if (!eat(':'))
            return false;
        space();
        return true;
    }

    static int hexDigit(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    // A string value. The file is valid UTF-8 without U+FEFF (checked before).
    bool string(QString &out)
    {
        if (!eat('"'))
            return false;
        const char *b = m_p;
        bool ascii = true;
        while (m_p < m_end && *m_p != '"' && *m_p != '\\') {
            const unsigned char c = static_cast<unsigned char>(*m_p);
            if (c < 0x20)
                return false;
            ascii = ascii && c < 0x80;
            ++m_p;
        }
        if (m_p < m_end && *m_p == '"') {
            const QByteArrayView bytes(b, m_p - b);
            out = ascii ? QString::fromLatin1(bytes) : QString::fromUtf8(bytes);
            ++m_p;
            return true;
        }
        // Escapes: decode into UTF-8 first.
        QByteArray buf(b, m_p - b);
        while (m_p < m_end && *m_p != '"') {
            const unsigned char c = static_cast<unsigned char>(*m_p);
            if (c < 0x20)
                return false;
            if (c != '\\') {
                buf += char(c);
                ++m_p;
                continue;
            }
            if (++m_p >= m_end)
                return false;
            const char e = *m_p++;
            switch (e) {
            case '"': buf += '"'; break;
            case '\\': buf += '\\'; break;
            case '/': buf += '/'; break;
            case 'b': buf += '\b'; break;
            case 'f': buf += '\f'; break;
            case 'n': buf += '\n'; break;
            case 'r': buf += '\r'; break;
            case 't': buf += '\t'; break;
            case 'u': {
                if (m_end - m_p < 4)
                    return false;
                unsigned cp = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexDigit(m_p[i]);
                    if (h < 0)
                        return false;
                    cp = cp * 16 + unsigned(h);
                }
                m_p += 4;
                // Surrogates and U+FEFF are left to Qt's reader.
                if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF)
                    return false;
                const char16_t ch = char16_t(cp);
                buf += QStringView(&ch, 1).toUtf8();
                break;
            }
            default:
                return false;
            }
        }
        if (!eat('"'))
            return false;
        out = QString::fromUtf8(buf);
        return true;
    }

    // Strict JSON number grammar; the value as Qt's reader stores it (an integer when it is
    // one, else a double).
    bool numberValue(QJsonValue &out)
    {
        const char *b = m_p;
        bool isInt = true;
        eat('-');
        if (eat('0')) {
        } else if (m_p < m_end && *m_p >= '1' && *m_p <= '9') {
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        } else {
            return false;
        }
        if (eat('.')) {
            isInt = false;
            const char *d = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            if (d == m_p)
                return false;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            isInt = false;
            ++m_p;
            if (!eat('-'))
                eat('+');
            const char *d = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            if (d == m_p)
                return false;
        }
        if (m_p >= m_end)
            return false;
        const QByteArray text = QByteArray::fromRawData(b, m_p - b);
        bool ok = false;
        if (isInt) {
            const qlonglong n = text.toLongLong(&ok);
            if (ok) {
                out = QJsonValue(qint64(n));
                return true;
            }
        }
        const double d = text.toDouble(&ok);
        if (!ok)
            return false;
        // As Qt's convertDoubleTo(): integral values in range become integers.
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && double(qint64(d)) == d)
            out = QJsonValue(qint64(d));
        else
            out = QJsonValue(d);
        return true;
    }
    bool number(double *out)
    {
        QJsonValue v;
        if (!numberValue(v))
            return false;
        *out = v.toDouble();
        return true;
    }

    bool literal(const char *word)
    {
        const std::size_t n = std::strlen(word);
        if (std::size_t(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0)
            return false;
        m_p += n;
        return true;
    }
    bool boolean(bool *out)
    {
        if (literal("true")) {
            *out = true;
            return true;
        }
        if (literal("false")) {
            *out = false;
            return true;
        }
        return false;
    }

    // Checks a string as string() does and steps over it, without making a QString.
    bool skipString()
    {
        if (!eat('"'))
            return false;
        while (m_p < m_end && *m_p != '"') {
            const unsigned char c = static_cast<unsigned char>(*m_p++);
            if (c < 0x20)
                return false;
            if (c != '\\')
                continue;
            if (m_p >= m_end)
                return false;
            const char e = *m_p++;
            if (e == 'u') {
                if (m_end - m_p < 4)
                    return false;
                unsigned cp = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexDigit(m_p[i]);
                    if (h < 0)
                        return false;
                    cp = cp * 16 + unsigned(h);
                }
                m_p += 4;
                if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF)
                    return false;
            } else if (!std::strchr("\"\\/bfnrt", e) || e == 0) {
                return false;
            }
        }
        return eat('"');
    }

    // Checks one JSON value and steps over it.
    bool skipValue(int depth)
    {
        if (depth > kMaxDepth || m_p >= m_end)
            return false;
        switch (*m_p) {
        case '{':
        case '[': {
            const char close = *m_p == '{' ? '}' : ']';
            const bool object = close == '}';
            ++m_p;
            space();
            if (eat(close))
                return true;
            do {
                space();
                if (object) {
                    if (!skipString())
                        return false;
                    space();
                    if (!eat(':'))
                        return false;
                    space();
                }
                if (!skipValue(depth + 1))
                    return false;
                space();
            } while (eat(','));
            return eat(close);
        }
        case '"': return skipString();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: {
            QJsonValue ignored;
            return numberValue(ignored);
        }
        }
    }

    bool deferObject(qsizetype task, qsizetype dependency)
    {
        if (m_p >= m_end || *m_p != '{')
            return false;
        const char *b = m_p;
        if (!skipValue(4))
            return false;
        m_deferred.push_back({task, dependency, b, m_p});
        return true;
    }

    // A status or type word as a QStringView, without allocating.
    bool word(char16_t (&buf)[32], QStringView &out)
    {
        if (!eat('"'))
            return false;
        int n = 0;
        while (m_p < m_end && *m_p != '"') {
            const unsigned char c = static_cast<unsigned char>(*m_p);
            if (c < 0x20 || c >= 0x80 || c == '\\' || n == 32)
                return false;
            buf[n++] = char16_t(c);
            ++m_p;
        }
        if (!eat('"'))
            return false;
        out = QStringView(buf, n);
        return true;
    }

    bool readProject(Project &project)
    {
        if (!eat('{'))
            return false;
        space();
        if (eat('}'))
            return true;
        unsigned seen = 0;
        do {
            space();
            const char *kb, *ke;
            if (!rawKey(kb, ke))
                return false;
            const QByteArrayView k(kb, ke - kb);
            unsigned bit;
            if (k == "name") {
                bit = 1;
                if (!string(project.name))
                    return false;
            } else if (k == "calendar") {
                bit = 2;
                if (!eat('{'))
                    return false;
                space();
                unsigned cal = 0;
                if (!eat('}')) {
                    do {
                        space();
                        if (!rawKey(kb, ke))
                            return false;
                        const QByteArrayView ck(kb, ke - kb);
                        const unsigned cbit = ck == "hours_per_day" ? 1 : ck == "days_per_week" ? 2 : 0;
                        double value;
                        if (!cbit || (cal & cbit) || !number(&value) || !(value > 0))
                            return false;
                        cal |= cbit;
                        (cbit == 1 ? project.calendar.hoursPerDay : project.calendar.daysPerWeek) = value;
                        space();
                    } while (eat(','));
                    if (!eat('}'))
                        return false;
                }
            } else {
                return false;
            }
            if (seen & bit)
                return false;
            seen |= bit;
            space();
        } while (eat(','));
        return eat('}');
    }

    bool readTasks(QList<Task> &tasks)
    {
        if (!eat('['))
            return false;
        space();
        if (eat(']'))
            return true;
        do {
            space();
            Task t;
            if (!readTask(tasks.size(), t))
                return false;
            tasks.append(std::move(t));
            space();
        } while (eat(','));
        return eat(']');
    }

    bool readTask(qsizetype index, Task &t)
    {
        if (!eat('{'))
            return false;
        t.hasParentField = t.hasStatus = t.hasLifecycle = t.hasAttributes = t.hasDependencies = false;
        unsigned seen = 0;
        space();
        if (eat('}'))
            return false;   // no task_id
        do {
            space();
            const char *kb, *ke;
            if (!rawKey(kb, ke))
                return false;
            const QByteArrayView k(kb, ke - kb);
            unsigned bit;
            char16_t buf[32];
            QStringView w;
            if (k == "task_id") {
                bit = 1;
                if (!string(t.id) || t.id.isEmpty())
                    return false;
            } else if (k == "task_type") {
                bit = 2;
                if (!string(t.type) || t.type.isEmpty())
                    return false;
            } else if (k == "parent_task_id") {
                bit = 4;
                if (!literal("null") && (!string(t.parentId) || t.parentId.isEmpty()))
                    return false;
                t.hasParentField = true;
            } else if (k == "status") {
                bit = 8;
                if (!word(buf, w))
                    return false;
                const auto st = statusFromString(w);
                if (!st)
                    return false;
                t.status = *st;
                t.hasStatus = true;
            } else if (k == "lifecycle_stage") {
                bit = 16;
                if (!word(buf, w))
                    return false;
                const auto l = lifecycleFromString(w);
                if (!l)
                    return false;
                t.lifecycle = *l;
                t.hasLifecycle = true;
            } else if (k == "attributes") {
                bit = 32;
                if (!deferObject(index, -1))
                    return false;
                t.hasAttributes = true;
            } else if (k == "dependencies") {
                bit = 64;
                if (!readDependencies(index, t))
                    return false;
                t.hasDependencies = true;
            } else if (k == "position") {
                bit = 128;
                if (!readPosition(t))
                    return false;
            } else {
                return false;
            }
            if (seen & bit)
                return false;
            seen |= bit;
            space();
        } while (eat(','));
        return eat('}') && (seen & 3) == 3;
    }

    bool readPosition(Task &t)
    {
        if (!eat('{'))
            return false;
        double xy[2];
        unsigned seen = 0;
        do {
            space();
            const char *kb, *ke;
            if (!rawKey(kb, ke))
                return false;
            const QByteArrayView k(kb, ke - kb);
            const unsigned bit = k == "x" ? 1 : k == "y" ? 2 : 0;
            if (!bit || (seen & bit) || !number(&xy[bit - 1]))
                return false;
            seen |= bit;
            space();
        } while (eat(','));
        if (!eat('}') || seen != 3)
            return false;
        t.position = QPointF(xy[0], xy[1]);
        t.hasPosition = true;
        return true;
    }

    bool readDependencies(qsizetype task, Task &t)
    {
        if (!eat('['))
            return false;
        space();
        if (eat(']'))
            return true;
        do {
            space();
            Dependency d;
            if (!readDependency(task, t.dependencies.size(), d))
                return false;
            t.dependencies.append(std::move(d));
            space();
        } while (eat(','));
        return eat(']');
    }

    bool readDependency(qsizetype task, qsizetype index, Dependency &d)
    {
        if (!eat('{'))
            return false;
        unsigned seen = 0;
        space();
        if (eat('}'))
            return false;   // no dependency_task_id
        do {
            space();
            const char *kb, *ke;
            if (!rawKey(kb, ke))
                return false;
            const QByteArrayView k(kb, ke - kb);
            unsigned bit;
            if (k == "dependency_task_id") {
                bit = 1;
                if (!string(d.taskId))
                    return false;
            } else if (k == "dependency_type") {
                bit = 2;
                char16_t buf[32];
                QStringView w;
                if (!word(buf, w))
                    return false;
                const auto type = dependencyTypeFromString(w);
                if (!type)
                    return false;
                d.type = *type;
            } else if (k == "description") {
                bit = 4;
                if (!string(d.description))
                    return false;
                if (d.description.isNull())
                    d.description = QLatin1String("");
            } else if (k == "is_mandatory") {
                bit = 8;
                if (!boolean(&d.mandatory))
                    return false;
                d.hasMandatory = true;
            } else if (k == "waived") {
                bit = 16;
                if (!boolean(&d.waived))
                    return false;
                d.hasWaived = true;
            } else if (k == "lag") {
                bit = 32;
                if (m_p < m_end && *m_p == '"') {
                    QString text;
                    if (!string(text))
                        return false;
                    d.lag = QJsonValue(text);
                } else if (!numberValue(d.lag)) {
                    return false;
                }
            } else if (k == "conditions") {
                bit = 64;
                if (!deferObject(task, index))
                    return false;
                d.hasConditions = true;
            } else {
                return false;
            }
            if (seen & bit)
                return false;
            seen |= bit;
            space();
        } while (eat(','));
        return eat('}') && (seen & 1);
    }

    // The cut-out objects, parsed by Qt a chunk at a time.
    bool parseDeferred(QList<Task> &tasks)
    {
        constexpr std::size_t kChunk = 512;
        QByteArray chunk;
        for (std::size_t first = 0; first < m_deferred.size(); first += kChunk) {
            const std::size_t last = std::min(m_deferred.size(), first + kChunk);
            chunk.resize(0);
            chunk += '[';
            for (std::size_t i = first; i < last; ++i) {
                if (i > first)
                    chunk += ',';
                chunk.append(m_deferred[i].begin, m_deferred[i].end - m_deferred[i].begin);
            }
            chunk += ']';
            QJsonParseError e;
            const QJsonDocument doc = QJsonDocument::fromJson(chunk, &e);
            if (e.error != QJsonParseError::NoError || !doc.isArray())
                return false;
            const QJsonArray objects = doc.array();
            if (objects.size() != qsizetype(last - first))
                return false;
            for (std::size_t i = first; i < last; ++i) {
                const QJsonValue v = objects.at(qsizetype(i - first));
                if (!v.isObject())
                    return false;
                const Deferred &d = m_deferred[i];
                Task &t = tasks[d.task];
                if (d.dependency < 0)
                    t.attributes = v.toObject();
                else
                    t.dependencies[d.dependency].conditions = v.toObject();
            }
        }
        return true;
    }

    const char *m_p;
    const char *m_end;
    std::vector<Deferred> m_deferred;
};

} // namespace

std::optional<Project> read(const QByteArray &rawData, const QString &fileName, QString *error)
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
    if (!hasFeff) {
        Project project;
        project.name = QFileInfo(fileName).completeBaseName();
        if (auto tasks = FastReader(data.constData(), data.constData() + data.size()).read(project)) {
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

QByteArray write(const Project &project)
{
    JsonWriter w(2);
    w.beginObject();
    w.key("format");
    w.value("workplan");
    w.key("version");
    w.integer(kVersion);
    w.key("project");
    w.beginObject();
    w.key("name");
    w.value(project.name);
    w.key("calendar");
    w.beginObject();
    w.key("hours_per_day");
    w.number(project.calendar.hoursPerDay);
    w.key("days_per_week");
    w.number(project.calendar.daysPerWeek);
    for (auto it = project.calendarExtra.constBegin(); it != project.calendarExtra.constEnd(); ++it) {
        w.key(it.key());
        w.json(it.value());
    }
    w.endObject();
    for (auto it = project.projectExtra.constBegin(); it != project.projectExtra.constEnd(); ++it) {
        w.key(it.key());
        w.json(it.value());
    }
    w.endObject();
    for (auto it = project.extra.constBegin(); it != project.extra.constEnd(); ++it) {
        w.key(it.key());
        w.json(it.value());
    }
    w.key("tasks");
    w.beginArray();
    for (const Task &t : project.tasks()) {
        w.beginObject();
        w.key("task_id");
        w.value(t.id);
        w.key("task_type");
        w.value(t.type);
        if (t.hasParentField || !t.parentId.isEmpty()) {
            w.key("parent_task_id");
            if (t.parentId.isEmpty())
                w.null();
            else
                w.value(t.parentId);
        }
        if (t.hasStatus || t.status != Status::Draft) {
            w.key("status");
            w.value(toString(t.status));
        }
        if (t.hasLifecycle || t.lifecycle != Lifecycle::Created) {
            w.key("lifecycle_stage");
            w.value(toString(t.lifecycle));
        }
        if (t.hasAttributes || !t.attributes.isEmpty()) {
            w.key("attributes");
            w.json(t.attributes);
        }
        if (t.hasDependencies || !t.dependencies.isEmpty()) {
            w.key("dependencies");
            w.beginArray();
            for (const Dependency &d : t.dependencies) {
                w.beginObject();
                w.key("dependency_task_id");
                w.value(d.taskId);
                w.key("dependency_type");
                w.value(toString(d.type));
                if (!d.description.isNull()) {
                    w.key("description");
                    w.value(d.description);
                }
                if (d.hasMandatory || !d.mandatory) {
                    w.key("is_mandatory");
                    w.value(d.mandatory);
                }
                if (d.hasWaived || d.waived) {
                    w.key("waived");
                    w.value(d.waived);
                }
                if (!d.lag.isUndefined() && !d.lag.isNull()) {
                    w.key("lag");
                    w.json(d.lag);
                }
                if (d.hasConditions || !d.conditions.isEmpty()) {
                    w.key("conditions");
                    w.json(d.conditions);
                }
                for (auto it = d.extra.constBegin(); it != d.extra.constEnd(); ++it) {
                    w.key(it.key());
                    w.json(it.value());
                }
                w.endObject();
            }
            w.endArray();
        }
        if (t.hasPosition) {
            w.key("position");
            w.beginObject();
            w.key("x");
            w.number(t.position.x());
            w.key("y");
            w.number(t.position.y());
            w.endObject();
        }
        for (auto it = t.extra.constBegin(); it != t.extra.constEnd(); ++it) {
            w.key(it.key());
            w.json(it.value());
        }
        w.endObject();
    }
    w.endArray();
    w.endObject();
    QByteArray out = w.take();
    out += '\n';
    return out;
}

bool writeFile(const Project &project, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    file.write(write(project));
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace Workplan::JsonFormat
