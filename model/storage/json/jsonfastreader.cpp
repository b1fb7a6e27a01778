#include "jsonfastreader.h"

#include "jsonscanner.h"
#include "jsonschema.h"

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
class FastReader : public JsonScanner
{
public:
    FastReader(const char *begin, const char *end) : JsonScanner(begin, end) {}

    std::optional<QList<Task>> read(Project &project)
    {
        space();
        QList<Task> tasks;
        unsigned seen = 0;
        const bool ok = members(&seen, [&](QByteArrayView k) -> unsigned {
            if (k == JsonSchema::Field::format) {
                QString ignored;
                return string(ignored) ? 1 : 0;
            }
            if (k == JsonSchema::Field::version) {
                double version;
                return number(&version) && version <= JsonSchema::kVersion ? 2 : 0;
            }
            if (k == JsonSchema::Field::project)
                return readProject(project) ? 4 : 0;
            if (k == JsonSchema::Field::tasks)
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

    bool readProject(Project &project)
    {
        unsigned seen = 0;
        return members(&seen, [&](QByteArrayView k) -> unsigned {
            if (k == JsonSchema::Field::name)
                return string(project.name) ? 1 : 0;
            if (k == JsonSchema::Field::calendar) {
                unsigned cal = 0;
                const bool ok = members(&cal, [&](QByteArrayView ck) -> unsigned {
                    const bool perDay = ck == JsonSchema::Field::hoursPerDay;
                    if (!perDay && ck != JsonSchema::Field::daysPerWeek)
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
            if (k == JsonSchema::Field::taskId)
                return string(t.id) && !t.id.isEmpty() ? 1 : 0;
            if (k == JsonSchema::Field::taskType)
                return string(t.type) && !t.type.isEmpty() ? 2 : 0;
            if (k == JsonSchema::Field::parentTaskId) {
                if (!literal("null") && (!string(t.parentId) || t.parentId.isEmpty()))
                    return 0;
                t.hasParentField = true;
                return 4;
            }
            if (k == JsonSchema::Field::status) {
                const auto st = word(buf, w) ? statusFromString(w) : std::nullopt;
                if (!st)
                    return 0;
                t.status = *st;
                t.hasStatus = true;
                return 8;
            }
            if (k == JsonSchema::Field::lifecycleStage) {
                const auto l = word(buf, w) ? lifecycleFromString(w) : std::nullopt;
                if (!l)
                    return 0;
                t.lifecycle = *l;
                t.hasLifecycle = true;
                return 16;
            }
            if (k == JsonSchema::Field::attributes) {
                t.hasAttributes = true;
                return deferObject(index, -1) ? 32 : 0;
            }
            if (k == JsonSchema::Field::dependencies) {
                t.hasDependencies = true;
                return readDependencies(index, t) ? 64 : 0;
            }
            if (k == JsonSchema::Field::position)
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
            const unsigned bit = k == JsonSchema::Field::x ? 1 : k == JsonSchema::Field::y ? 2 : 0;
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
            if (k == JsonSchema::Field::dependencyTaskId)
                return string(d.taskId) ? 1 : 0;
            if (k == JsonSchema::Field::dependencyType) {
                const auto type = word(buf, w) ? dependencyTypeFromString(w) : std::nullopt;
                if (!type)
                    return 0;
                d.type = *type;
                return 2;
            }
            if (k == JsonSchema::Field::description) {
                if (!string(d.description))
                    return 0;
                if (d.description.isNull())
                    d.description = QLatin1String("");
                return 4;
            }
            if (k == JsonSchema::Field::isMandatory) {
                d.hasMandatory = true;
                return boolean(&d.mandatory) ? 8 : 0;
            }
            if (k == JsonSchema::Field::waived) {
                d.hasWaived = true;
                return boolean(&d.waived) ? 16 : 0;
            }
            if (k == JsonSchema::Field::lag) {
                if (m_p < m_end && *m_p == '"') {
                    QString text;
                    if (!string(text))
                        return 0;
                    d.lag = QJsonValue(text);
                    return 32;
                }
                return numberValue(d.lag) ? 32 : 0;
            }
            if (k == JsonSchema::Field::conditions) {
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

    std::vector<Deferred> m_deferred;
};

} // namespace

std::optional<QList<Task>> readFast(const char *begin, const char *end, Project &project)
{
    return FastReader(begin, end).read(project);
}

} // namespace Workplan::JsonFormat
