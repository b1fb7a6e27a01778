#include "jsonfastreader.h"

#include "jsonformat.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <vector>

namespace Workplan::JsonFormat {

namespace {

// A fast path for well-formed files of the usual shape. It reads the document straight into
// Tasks, except for attribute and condition objects, whose bytes are cut out and parsed by
// Qt a few hundred at a time (so their values come out exactly as Qt's reader makes them).
// It accepts only a subset of what the reader below accepts, and gives up (nullopt) on
// anything else: a syntax or type error, a repeated field, an unknown status,
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
        QList<Task> tasks;
        unsigned seen = 0;
        const bool ok = members(&seen, [&](QByteArrayView k) -> unsigned {
            if (k == "format") {
                QString ignored;
                return string(ignored) ? 1 : 0;
            }
            if (k == "version") {
                double version;
                return number(&version) && version <= kVersion ? 2 : 0;
            }
            if (k == "project")
                return readProject(project) ? 4 : 0;
            if (k == "tasks")
                return readTasks(tasks) ? 8 : 0;
            return keep(k, project.extra);
        });
        if (!ok)
            return std::nullopt;
        space();
        if (m_p != m_end || !parseDeferred(tasks))
            return std::nullopt;
        return tasks;
    }

private:
    static constexpr int kMaxDepth = 200;
    // The bit members() takes for a field kept as it is (an unknown field, or §6/§7's
    // optional ones): any number of them, each key at most once (checked where kept).
    static constexpr unsigned kOther = 1u << 31;

    // Any JSON value, kept in `into` under `key` exactly as Qt's reader makes it (these are
    // few: project and calendar fields, a task's unknown fields such as §7's `resources`).
    unsigned keep(QByteArrayView key, QJsonObject &into)
    {
        const QString name = QString::fromUtf8(key.data(), key.size());
        const char *b = m_p;
        if (into.contains(name) || !skipValue(1))
            return 0;
        QByteArray wrapped;
        wrapped.reserve(m_p - b + 2);
        wrapped += '[';
        wrapped.append(b, m_p - b);
        wrapped += ']';
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &e);
        if (e.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
            return 0;
        into.insert(name, doc.array().at(0));
        return kOther;
    }

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

    // An object of known members: `member(key)` reads the value after the key and returns
    // the key's bit (one per known key), or 0 when the key is outside the fast path's
    // subset or its value does not read. A repeated key fails too; *seen gets the bits met.
    template<typename Member>
    bool members(unsigned *seen, Member member)
    {
        *seen = 0;
        if (!eat('{'))
            return false;
        space();
        if (eat('}'))
            return true;
        do {
            space();
            const char *kb, *ke;
            if (!rawKey(kb, ke))
                return false;
            const unsigned bit = member(QByteArrayView(kb, ke - kb));
            if (!bit || (*seen & bit & ~kOther))
                return false;
            *seen |= bit;
            space();
        } while (eat(','));
        return eat('}');
    }

    // An array whose every element `element()` reads.
    template<typename Element>
    bool elements(Element element)
    {
        if (!eat('['))
            return false;
        space();
        if (eat(']'))
            return true;
        do {
            space();
            if (!element())
                return false;
            space();
        } while (eat(','));
        return eat(']');
    }

    static int hexDigit(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    // The four hex digits after "\u". Surrogates and U+FEFF are left to Qt's reader.
    bool unicodeEscape(unsigned *cp)
    {
        if (m_end - m_p < 4)
            return false;
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexDigit(m_p[i]);
            if (h < 0)
                return false;
            v = v * 16 + unsigned(h);
        }
        m_p += 4;
        *cp = v;
        return !((v >= 0xD800 && v <= 0xDFFF) || v == 0xFEFF);
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
                unsigned cp = 0;
                if (!unicodeEscape(&cp))
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
                unsigned cp = 0;
                if (!unicodeEscape(&cp))
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
        unsigned seen = 0;
        return members(&seen, [&](QByteArrayView k) -> unsigned {
            if (k == "name")
                return string(project.name) ? 1 : 0;
            if (k == "calendar") {
                unsigned cal = 0;
                const bool ok = members(&cal, [&](QByteArrayView ck) -> unsigned {
                    const bool perDay = ck == "hours_per_day";
                    if (!perDay && ck != "days_per_week")
                        return keep(ck, project.calendarExtra);   // §6's fields and unknown ones
                    double value;
                    if (!number(&value) || !(value > 0))
                        return 0;
                    (perDay ? project.calendar.hoursPerDay : project.calendar.daysPerWeek) = value;
                    return perDay ? 1 : 2;
                });
                return ok ? 2 : 0;
            }
            return keep(k, project.projectExtra);   // start, resources, unknown fields
        });
    }

    bool readTasks(QList<Task> &tasks)
    {
        return elements([&] {
            Task t;
            if (!readTask(tasks.size(), t))
                return false;
            tasks.append(std::move(t));
            return true;
        });
    }

    bool readTask(qsizetype index, Task &t)
    {
        t.hasParentField = t.hasStatus = t.hasLifecycle = t.hasAttributes = t.hasDependencies = false;
        char16_t buf[32];
        QStringView w;
        unsigned seen = 0;
        const bool ok = members(&seen, [&](QByteArrayView k) -> unsigned {
            if (k == "task_id")
                return string(t.id) && !t.id.isEmpty() ? 1 : 0;
            if (k == "task_type")
                return string(t.type) && !t.type.isEmpty() ? 2 : 0;
            if (k == "parent_task_id") {
                if (!literal("null") && (!string(t.parentId) || t.parentId.isEmpty()))
                    return 0;
                t.hasParentField = true;
                return 4;
            }
            if (k == "status") {
                const auto st = word(buf, w) ? statusFromString(w) : std::nullopt;
                if (!st)
                    return 0;
                t.status = *st;
                t.hasStatus = true;
                return 8;
            }
            if (k == "lifecycle_stage") {
                const auto l = word(buf, w) ? lifecycleFromString(w) : std::nullopt;
                if (!l)
                    return 0;
                t.lifecycle = *l;
                t.hasLifecycle = true;
                return 16;
            }
            if (k == "attributes") {
                t.hasAttributes = true;
                return deferObject(index, -1) ? 32 : 0;
            }
            if (k == "dependencies") {
                t.hasDependencies = true;
                return readDependencies(index, t) ? 64 : 0;
            }
            if (k == "position")
                return readPosition(t) ? 128 : 0;
            return keep(k, t.extra);   // §7's resources, unknown fields
        });
        return ok && (seen & 3) == 3;   // task_id and task_type
    }

    bool readPosition(Task &t)
    {
        double xy[2];
        unsigned seen = 0;
        const bool ok = members(&seen, [&](QByteArrayView k) -> unsigned {
            const unsigned bit = k == "x" ? 1 : k == "y" ? 2 : 0;
            return bit && number(&xy[bit - 1]) ? bit : 0;
        });
        if (!ok || seen != 3)
            return false;
        t.position = QPointF(xy[0], xy[1]);
        t.hasPosition = true;
        return true;
    }

    bool readDependencies(qsizetype task, Task &t)
    {
        return elements([&] {
            Dependency d;
            if (!readDependency(task, t.dependencies.size(), d))
                return false;
            t.dependencies.append(std::move(d));
            return true;
        });
    }

    bool readDependency(qsizetype task, qsizetype index, Dependency &d)
    {
        char16_t buf[32];
        QStringView w;
        unsigned seen = 0;
        const bool ok = members(&seen, [&](QByteArrayView k) -> unsigned {
            if (k == "dependency_task_id")
                return string(d.taskId) ? 1 : 0;
            if (k == "dependency_type") {
                const auto type = word(buf, w) ? dependencyTypeFromString(w) : std::nullopt;
                if (!type)
                    return 0;
                d.type = *type;
                return 2;
            }
            if (k == "description") {
                if (!string(d.description))
                    return 0;
                if (d.description.isNull())
                    d.description = QLatin1String("");
                return 4;
            }
            if (k == "is_mandatory") {
                d.hasMandatory = true;
                return boolean(&d.mandatory) ? 8 : 0;
            }
            if (k == "waived") {
                d.hasWaived = true;
                return boolean(&d.waived) ? 16 : 0;
            }
            if (k == "lag") {
                if (m_p < m_end && *m_p == '"') {
                    QString text;
                    if (!string(text))
                        return 0;
                    d.lag = QJsonValue(text);
                    return 32;
                }
                return numberValue(d.lag) ? 32 : 0;
            }
            if (k == "conditions") {
                d.hasConditions = true;
                return deferObject(task, index) ? 64 : 0;
            }
            return 0;
        });
        return ok && (seen & 1);   // dependency_task_id
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

std::optional<QList<Task>> readFast(const char *begin, const char *end, Project &project)
{
    return FastReader(begin, end).read(project);
}

} // namespace Workplan::JsonFormat
