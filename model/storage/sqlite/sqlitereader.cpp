#include "sqlitereader.h"

#include "sqlitecodec.h"
#include "sqliteschema.h"
#include "sqliterows.h"
#include "../presenceflags.h"
#include "../json/jsondom.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>
#include <QSqlQuery>
#include <QVariant>

namespace Workplan::SqliteFormat {

namespace {

class Reader
{
public:
    Reader(QSqlDatabase db, int version) : m_db(std::move(db)), m_version(version) {}

    // The project, its tasks and dependencies. The attributes are read on another
    // connection at the same time (readAttributesOnly()) and joined in by the caller.
    std::optional<Refusal> read(Project &project)
    {
        if (auto r = readProject(project))
            return r;
        QList<Task> tasks;
        std::vector<qint64> pos;
        if (auto r = readTasks(tasks, pos))
            return r;
        // The prerequisites are looked up by validation, in two halves at once: found here
        // as the rows came (sharing the prerequisite's id string), the same look-ups ran in
        // one thread, and opening took 1.15x as long (10 alternating runs).
        if (auto r = readDependencies(tasks, pos))
            return r;
        settlePresenceFlags(tasks, /*withAttributes=*/false);
        project.setTasks(std::move(tasks));
        return std::nullopt;
    }

    // The attributes of every task, in task order. Only the positions are read here: the
    // task rows themselves are the main reader's job, and an id is looked up only to name
    // the task in a refusal.
    std::optional<Refusal> readAttributesOnly(std::vector<Attributes> &attributes)
    {
        const auto q = SqliteRows::select(m_db, QStringLiteral("SELECT pos FROM tasks ORDER BY pos"));
        std::vector<qint64> pos;
        while (q->next()) {
            qint64 p = 0;
            if (!q->integer(0, &p))
                return damaged(QStringLiteral("task #%1 has no integer position").arg(pos.size() + 1));
            pos.push_back(p);
        }
        if (!q->error().isEmpty())
            return sqlFailure(q->error());
        attributes.resize(pos.size());
        return readAttributes(attributes, pos);
    }

private:
    static Refusal damaged(const QString &problem)
    {
        return Refusal{QString(), QStringLiteral("damaged project file: %1").arg(problem)};
    }

    static Refusal sqlFailure(const QString &why)
    {
        return damaged(why);
    }

    // `last` when it holds `text` (a shared copy), else a new string that becomes `last`.
    static QString reuse(QString &last, QStringView text)
    {
        if (text != last || (text.isNull() != last.isNull()))
            last = text.isNull() ? QString() : text.isEmpty() ? QStringLiteral("") : text.toString();
        return last;
    }

    // A row's flags as v4 packs them, or -1 when they are not a set of the five (`all`):
    // v4's one integer column at `column`, or before v4 five columns from `column` on, each
    // the integer 0 or 1 (read here, not by SQL: a CASE over five columns made opening a
    // v3 file half as slow again).
    int flags(RowSource &row, int column, int all) const
    {
        qint64 i = 0;
        if (m_version >= 4)
            return row.integer(column, &i) && i >= 0 && (i & ~qint64(all)) == 0 ? int(i) : -1;
        int packed = 0;
        for (int k = 0; k < 5; ++k) {
            if (!row.integer(column + k, &i) || (i != 0 && i != 1))
                return -1;
            packed |= int(i) << k;
        }
        return packed;
    }
    // The columns flags() reads: v4's one, or the five of older versions.
    QString flagColumns(const char *packed, std::initializer_list<const char *> separate) const
    {
        if (m_version >= 4)
            return QLatin1String(packed);
        QStringList names;
        for (const char *c : separate)
            names << QLatin1String(c);
        return names.join(QLatin1String(", "));
    }
    // How many columns flags() reads.
    int flagWidth() const { return m_version >= 4 ? 1 : 5; }

    std::optional<Refusal> readProject(Project &project)
    {
        const QString calendarExtra = m_version >= 3 ? QStringLiteral("calendar_extra") : QStringLiteral("NULL");
        const auto q = SqliteRows::select(m_db, QStringLiteral("SELECT name, hours_per_day, days_per_week, project_extra, file_extra, %1 FROM project")
                                                    .arg(calendarExtra));
        if (!q->next())
            return q->error().isEmpty() ? damaged(QStringLiteral("the project row is missing")) : sqlFailure(q->error());
        project.name = q->text(0);
        if (!q->real(1, &project.calendar.hoursPerDay) || !q->real(2, &project.calendar.daysPerWeek)
            || !(project.calendar.hoursPerDay > 0) || !(project.calendar.daysPerWeek > 0))
            return Refusal{QString(), QStringLiteral("calendar hours_per_day and days_per_week must be positive numbers")};
        if (!parseObject(*q, 3, &project.projectExtra) || !parseObject(*q, 4, &project.extra)
            || !parseObject(*q, 5, &project.calendarExtra))
            return damaged(QStringLiteral("the project's extra fields are not a JSON object"));
        if (q->next())
            return damaged(QStringLiteral("more than one project row"));
        if (!q->error().isEmpty())
            return sqlFailure(q->error());
        return std::nullopt;
    }

    std::optional<Refusal> readTasks(QList<Task> &tasks, std::vector<qint64> &pos)
    {
        // Migration from v1: it had no canvas position, so no task has one.
        const QString position = m_version >= 2 ? QStringLiteral("pos_x, pos_y") : QStringLiteral("NULL, NULL");
        // Counted first (SQLite counts without decoding the rows): grown a task at a time,
        // the list moved every task it held several times over (a tenth of this reader).
        {
            const auto count = SqliteRows::select(m_db, QStringLiteral("SELECT count(*) FROM tasks"));
            qint64 n = 0;
            if (count->next() && count->integer(0, &n) && n > 0 && n < (qint64(1) << 28)) {
                tasks.reserve(qsizetype(n));
                pos.reserve(std::size_t(n));
            }
        }
        const QString present = flagColumns("present", {"has_parent_field", "has_status", "has_lifecycle", "has_attributes", "has_dependencies"});
        const int x = 6 + flagWidth();   // the columns after the flags
        const auto q = SqliteRows::select(m_db, QStringLiteral(
            "SELECT pos, task_id, task_type, parent_task_id, status, lifecycle_stage, %1, %2, extra"
            " FROM tasks ORDER BY pos").arg(present, position));
        QString lastType, lastParent;
        while (q->next()) {
            Task t;
            qint64 p = 0;
            if (!q->integer(0, &p))
                return damaged(QStringLiteral("task #%1 has no integer position").arg(tasks.size() + 1));
            pos.push_back(p);
            t.id = q->text(1);
            if (t.id.isEmpty())
                return Refusal{QString(), QStringLiteral("task #%1 has an empty task_id").arg(tasks.size() + 1)};
            // Siblings follow each other and share a parent, and a plan has a handful of
            // types: the previous value is reused instead of allocated again (about a
            // quarter of this thread's string allocations at 100k tasks), and the copies
            // share memory.
            t.type = reuse(lastType, q->view(2));
            if (!q->isNull(3)) {
                t.parentId = reuse(lastParent, q->view(3));
                if (t.parentId.isEmpty())
                    return Refusal{t.id, QStringLiteral("parent_task_id is empty")};
            }
            const QStringView status = q->view(4);
            const auto s = statusFromString(status);
            if (!s)
                return Refusal{t.id, QStringLiteral("unknown status '%1'").arg(status.toString())};
            t.status = *s;
            const QStringView stage = q->view(5);
            const auto l = lifecycleFromString(stage);
            if (!l)
                return Refusal{t.id, QStringLiteral("unknown lifecycle_stage '%1'").arg(stage.toString())};
            t.lifecycle = *l;
            const int present = flags(*q, 6, AllTaskPresence);
            if (present < 0)
                return Refusal{t.id, m_version >= 4 ? QStringLiteral("a presence flag is not a known bit of 'present'")
                                                    : QStringLiteral("a presence flag is not 0 or 1")};
            t.hasParentField = present & HasParentField;
            t.hasStatus = present & HasStatus;
            t.hasLifecycle = present & HasLifecycle;
            t.hasAttributes = present & HasAttributes;
            t.hasDependencies = present & HasDependencies;
            if (!q->isNull(x) || !q->isNull(x + 1)) {
                double px = 0, py = 0;
                if (!q->real(x, &px) || !q->real(x + 1, &py))
                    return Refusal{t.id, QStringLiteral("position must have numbers x and y")};
                t.position = QPointF(px, py);
                t.hasPosition = true;
            }
            QJsonObject extra;
            if (!parseObject(*q, x + 2, &extra))
                return Refusal{t.id, QStringLiteral("extra fields are not a JSON object")};
            t.extra = extra;
            tasks.append(std::move(t));
        }
        if (!q->error().isEmpty())
            return sqlFailure(q->error());
        return std::nullopt;
    }

    // Attribute and dependency rows: fast in rowid (= written) order; when that is not
    // (task, ord) order, read again sorted.
    template<typename ReadRows, typename Clear>
    std::optional<Refusal> readOrdered(ReadRows readRows, Clear clear)
    {
        bool outOfOrder = false;
        if (auto r = readRows(QStringLiteral("rowid"), &outOfOrder))
            return r;
        if (!outOfOrder)
            return std::nullopt;
        clear();
        return readRows(QStringLiteral("task, ord"), &outOfOrder);
    }

    // Pairs a row with its task; columns 0 and 1 are task and ord.
    struct Cursor
    {
        int index = 0;
        qint64 lastTask = -1;
        qint64 lastOrd = 0;
        bool first = true;
    };
    enum class Step { Ok, NoTask, Duplicate, OutOfOrder };
    static Step pair(const std::vector<qint64> &pos, Cursor &c, RowSource &row, int *taskIndex)
    {
        qint64 task = 0, ord = 0;
        if (!row.integer(0, &task) || !row.integer(1, &ord))
            return Step::NoTask;
        if (!c.first && (task < c.lastTask || (task == c.lastTask && ord < c.lastOrd)))
            return Step::OutOfOrder;
        if (!c.first && task == c.lastTask && ord == c.lastOrd)
            return Step::Duplicate;
        c.first = false;
        c.lastTask = task;
        c.lastOrd = ord;
        while (c.index < int(pos.size()) && pos[size_t(c.index)] < task)
            ++c.index;
        if (c.index >= int(pos.size()) || pos[size_t(c.index)] != task)
            return Step::NoTask;
        *taskIndex = c.index;
        return Step::Ok;
    }

    // The id of the task at `pos`, for a refusal message.
    QString taskIdAt(qint64 pos)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT task_id FROM tasks WHERE pos = ?"));
        q.addBindValue(pos);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }

    std::optional<Refusal> readAttributes(std::vector<Attributes> &attributes, const std::vector<qint64> &pos)
    {
        // Parsed by simdjson straight into the compact form the JSON reader keeps
        // (attributes.h, JsonFormat::DomValues), so an opened .workplan reads and writes its
        // attributes as a loaded .json does; Qt's parser only where simdjson refuses a
        // chunk (a lone surrogate, or damage: Qt's pass then names the task).
        simdjson::dom::parser parser;
        const JsonFormat::DomValues values(0);
        auto rows = [&](const QString &order, bool *outOfOrder) -> std::optional<Refusal> {
            // v4: a task's attributes are one object (an ord of 0 for pair()); before, a row each.
            const bool wholeObjects = m_version >= 4;
            const QString by = wholeObjects && order != QLatin1String("rowid") ? QStringLiteral("task") : order;
            const auto q = SqliteRows::select(m_db, (wholeObjects ? QStringLiteral("SELECT task, 0, object FROM attributes ORDER BY %1")
                                                                  : QStringLiteral("SELECT task, ord, name, type, value FROM attributes ORDER BY %1"))
                                                        .arg(by));
            Cursor cursor;
            // Each task's attributes become (or are) the text of one JSON object, and a few
            // hundred such objects are parsed at once: far cheaper than a QJsonObject::insert
            // per value, and numbers come out exactly as the JSON reader makes them.
            struct Pending { int task; int count; qsizetype start; };   // count -1: a whole object
            std::vector<Pending> pending;
            QString chunk = QStringLiteral("[");
            int current = -1;
            int count = 0;
            auto closeObject = [&] {
                if (current < 0)
                    return;
                chunk[chunk.size() - 1] = u'}';
                chunk += u',';
                pending.back().count = count;
            };
            auto restartChunk = [&] {
                pending.clear();
                chunk.resize(0);   // keeps the capacity
                chunk += u'[';
            };
            auto parseChunk = [&]() -> std::optional<Refusal> {
                if (pending.empty())
                    return std::nullopt;
                chunk[chunk.size() - 1] = u']';
                QByteArray utf8 = chunk.toUtf8();
                const qsizetype length = utf8.size();
                utf8.resize(length + qsizetype(simdjson::SIMDJSON_PADDING));
                simdjson::dom::array parsed;
                if (parser.parse(utf8.constData(), size_t(length), false).get_array().get(parsed) == simdjson::SUCCESS
                    && parsed.size() == pending.size()) {
                    size_t k = 0;
                    for (simdjson::dom::element e : parsed) {
                        simdjson::dom::object o;
                        if (e.get_object().get(o) != simdjson::SUCCESS)
                            break;
                        Attributes a = values.attributes(o);
                        if (pending[k].count >= 0 && a.size() != pending[k].count)
                            return Refusal{taskIdAt(pos[size_t(pending[k].task)]), QStringLiteral("an attribute name appears twice or a value is not one JSON value")};
                        attributes[size_t(pending[k].task)] = std::move(a);
                        ++k;
                    }
                    if (k == pending.size()) {
                        restartChunk();
                        return std::nullopt;
                    }
                }
                utf8.truncate(length);
                QJsonParseError e;
                const QJsonArray objects = QJsonDocument::fromJson(utf8, &e).array();
                if (e.error != QJsonParseError::NoError || objects.size() != qsizetype(pending.size())) {
                    // Find the task to blame, one object at a time.
                    for (size_t k = 0; k < pending.size(); ++k) {
                        const qsizetype end = k + 1 < pending.size() ? pending[k + 1].start - 1 : chunk.size() - 1;
                        const QStringView one = QStringView(chunk).mid(pending[k].start, end - pending[k].start);
                        if (QJsonDocument::fromJson(one.toUtf8(), &e).isNull() || e.error != QJsonParseError::NoError)
                            return Refusal{taskIdAt(pos[size_t(pending[k].task)]),
                                           wholeObjects ? QStringLiteral("attributes are not one JSON object")
                                                        : QStringLiteral("an attribute does not hold a JSON value")};
                    }
                    return damaged(QStringLiteral("attribute values are not JSON"));
                }
                for (size_t k = 0; k < pending.size(); ++k) {
                    if (!objects.at(qsizetype(k)).isObject())
                        return Refusal{taskIdAt(pos[size_t(pending[k].task)]), QStringLiteral("attributes are not a JSON object")};
                    const QJsonObject o = objects.at(qsizetype(k)).toObject();
                    if (pending[k].count >= 0 && o.size() != pending[k].count)
                        return Refusal{taskIdAt(pos[size_t(pending[k].task)]), QStringLiteral("an attribute name appears twice or a value is not one JSON value")};
                    attributes[size_t(pending[k].task)] = Attributes(o);
                }
                restartChunk();
                return std::nullopt;
            };
            while (q->next()) {
                int i = -1;
                switch (pair(pos, cursor, *q, &i)) {
                case Step::Ok: break;
                case Step::NoTask: return damaged(QStringLiteral("an attribute belongs to no task"));
                case Step::Duplicate:
                    return damaged(wholeObjects ? QStringLiteral("a task has two rows of attributes")
                                           : QStringLiteral("two attributes have the same task and ord"));
                case Step::OutOfOrder: *outOfOrder = true; return std::nullopt;
                }
                if (wholeObjects) {
                    if (pending.size() >= 512) {
                        if (auto r = parseChunk())
                            return r;
                    }
                    pending.push_back({i, -1, chunk.size()});
                    chunk += q->view(2);
                    chunk += u',';
                    continue;
                }
                if (i != current) {
                    closeObject();
                    if (pending.size() >= 512) {
                        if (auto r = parseChunk())
                            return r;
                    }
                    current = i;
                    count = 0;
                    pending.push_back({i, 0, chunk.size()});
                    chunk += u'{';
                }
                const QStringView name = q->view(2);
                const QStringView type = q->view(3);
                const QStringView value = q->view(4);
                if (!startsLikeType(type, value))
                    return Refusal{taskIdAt(pos[size_t(i)]), QStringLiteral("attribute '%1' does not hold a JSON value of type '%2'")
                                                    .arg(name.toString(), type.toString())};
                appendJsonString(chunk, name);
                chunk += u':';
                chunk += value;
                chunk += u',';
                ++count;
            }
            if (!q->error().isEmpty())
                return sqlFailure(q->error());
            closeObject();
            return parseChunk();
        };
        return readOrdered(rows, [&] {
            for (Attributes &o : attributes)
                o = Attributes();
        });
    }

    std::optional<Refusal> readDependencies(QList<Task> &tasks, const std::vector<qint64> &pos)
    {
        const QString flagNames = flagColumns("flags", {"is_mandatory", "has_mandatory", "waived", "has_waived", "has_conditions"});
        const int x = 5 + flagWidth();   // the columns after the flags
        auto rows = [&](const QString &order, bool *outOfOrder) -> std::optional<Refusal> {
            const auto q = SqliteRows::select(m_db, QStringLiteral(
                "SELECT task, ord, dependency_task_id, dependency_type, description, %1, lag, conditions, extra"
                " FROM dependencies ORDER BY %2").arg(flagNames, order));
            Cursor cursor;
            // A task's dependencies gather here and move into its list at once, sized:
            // appended one by one, each list grew (moving what it held) a few times, a
            // fifth of this reader. A task's rows follow each other (task, ord order).
            QList<Dependency> gathered;
            int gatheredFor = -1;
            auto settle = [&] {
                if (gatheredFor < 0)
                    return;
                QList<Dependency> &into = tasks[gatheredFor].dependencies;
                into.reserve(into.size() + gathered.size());
                for (Dependency &d : gathered)
                    into.append(std::move(d));
                gathered.clear();
            };
            while (q->next()) {
                int i = -1;
                switch (pair(pos, cursor, *q, &i)) {
                case Step::Ok: break;
                case Step::NoTask: return damaged(QStringLiteral("a dependency belongs to no task"));
                case Step::Duplicate: return damaged(QStringLiteral("two dependencies have the same task and ord"));
                case Step::OutOfOrder: *outOfOrder = true; return std::nullopt;
                }
                if (i != gatheredFor) {
                    settle();
                    gatheredFor = i;
                }
                const Task &t = tasks.at(i);
                Dependency d;
                d.taskId = q->text(2);
                const QStringView type = q->view(3);
                const auto dt = dependencyTypeFromString(type);
                if (!dt)
                    return Refusal{t.id, QStringLiteral("unknown dependency_type '%1'").arg(type.toString())};
                d.type = *dt;
                if (!q->isNull(4)) {
                    d.description = q->text(4);
                    if (d.description.isNull())
                        d.description = QStringLiteral("");
                }
                const int f = flags(*q, 5, AllDependencyFlags);
                if (f < 0)
                    return Refusal{t.id, (m_version >= 4 ? QStringLiteral("a flag of the dependency on '%1' is not a known bit of 'flags'")
                                                         : QStringLiteral("a flag of the dependency on '%1' is not 0 or 1"))
                                             .arg(d.taskId)};
                d.mandatory = f & IsMandatory;
                d.hasMandatory = f & HasMandatory;
                d.waived = f & IsWaived;
                d.hasWaived = f & HasWaived;
                d.hasConditions = f & HasConditions;
                if (!q->isNull(x)) {
                    if (!parseScalar(q->view(x), &d.lag) || !(d.lag.isString() || d.lag.isDouble()))
                        return Refusal{t.id, QStringLiteral("lag on the dependency on '%1' must be an effort text or a number of hours")
                                                 .arg(d.taskId)};
                }
                QJsonObject extra;
                if (!parseObject(*q, x + 1, &d.conditions) || !parseObject(*q, x + 2, &extra))
                    return Refusal{t.id, QStringLiteral("the dependency on '%1' has conditions or extra fields that are not a JSON object")
                                             .arg(d.taskId)};
                d.extra = extra;
                gathered.append(std::move(d));
            }
            settle();
            if (!q->error().isEmpty())
                return sqlFailure(q->error());
            return std::nullopt;
        };
        return readOrdered(rows, [&] {
            for (Task &t : tasks)
                t.dependencies.clear();
        });
    }

    QSqlDatabase m_db;
    int m_version;
};

} // namespace

std::optional<Refusal> readRows(const QSqlDatabase &db, int version, Project &project)
{
    return Reader(db, version).read(project);
}

std::optional<Refusal> readAttributeRows(const QSqlDatabase &db, int version, std::vector<Attributes> &attributes)
{
    return Reader(db, version).readAttributesOnly(attributes);
}

} // namespace Workplan::SqliteFormat
