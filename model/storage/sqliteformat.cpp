#include "sqliteformat.h"

#include "../jsonwriter.h"
#include "../validation.h"
#include "sqliterows.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QVariant>
#include <QtEndian>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Workplan::SqliteFormat {

namespace {

// Schema v3 (docs/file-format.md). v1 had no canvas position (pos_x, pos_y); v2 no
// calendar_extra (§6's working_days, day_start, holidays and unknown calendar fields), which
// v1 and v2 files read as empty.
// Attributes and dependencies are plain rowid tables without an index: rows are written in
// (task, ord) order, so reading by rowid is already in order and costs no sort; a file
// whose rows are out of order (made by hand) is read through ORDER BY task, ord instead.
const char *const kSchema[] = {
    "CREATE TABLE project ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " name TEXT NOT NULL,"
    " hours_per_day REAL NOT NULL,"
    " days_per_week REAL NOT NULL,"
    " project_extra TEXT,"
    " file_extra TEXT,"
    " calendar_extra TEXT)",
    "CREATE TABLE tasks ("
    " pos INTEGER PRIMARY KEY,"
    " task_id TEXT NOT NULL,"
    " task_type TEXT NOT NULL,"
    " parent_task_id TEXT,"
    " status TEXT NOT NULL,"
    " lifecycle_stage TEXT NOT NULL,"
    " has_parent_field INTEGER NOT NULL,"
    " has_status INTEGER NOT NULL,"
    " has_lifecycle INTEGER NOT NULL,"
    " has_attributes INTEGER NOT NULL,"
    " has_dependencies INTEGER NOT NULL,"
    " pos_x REAL,"
    " pos_y REAL,"
    " extra TEXT)",
    "CREATE TABLE attributes ("
    " task INTEGER NOT NULL,"
    " ord INTEGER NOT NULL,"
    " name TEXT NOT NULL,"
    " type TEXT NOT NULL,"
    " value TEXT NOT NULL)",
    "CREATE TABLE dependencies ("
    " task INTEGER NOT NULL,"
    " ord INTEGER NOT NULL,"
    " dependency_task_id TEXT NOT NULL,"
    " dependency_type TEXT NOT NULL,"
    " description TEXT,"
    " is_mandatory INTEGER NOT NULL,"
    " has_mandatory INTEGER NOT NULL,"
    " waived INTEGER NOT NULL,"
    " has_waived INTEGER NOT NULL,"
    " lag TEXT,"
    " conditions TEXT,"
    " has_conditions INTEGER NOT NULL,"
    " extra TEXT)",
};

QString connectionName(const char *what)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("workplan-%1-%2").arg(QLatin1String(what)).arg(counter.fetchAndAddRelaxed(1));
}

// Removes the named connection once every QSqlDatabase copy has gone out of scope.
struct ConnectionGuard
{
    QString name;
    ~ConnectionGuard() { QSqlDatabase::removeDatabase(name); }
};

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("bool");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("null");
}

// The closed vocabularies as QStrings made once, not once per row.
template<typename Enum, int N>
const QString &cachedName(Enum e)
{
    static const auto names = [] {
        std::array<QString, N> a;
        for (int i = 0; i < N; ++i)
            a[size_t(i)] = toString(static_cast<Enum>(i));
        return a;
    }();
    return names[size_t(e)];
}

// Compact JSON text of a value. Plain strings, the bulk of all values, skip the writer.
QString jsonText(const QJsonValue &v)
{
    if (v.isString()) {
        const QString s = v.toString();
        bool plain = true;
        for (QChar c : s) {
            if (c.unicode() < 0x20 || c == u'"' || c == u'\\') {
                plain = false;
                break;
            }
        }
        if (plain) {
            QString out;
            out.reserve(s.size() + 2);
            out += u'"';
            out += s;
            out += u'"';
            return out;
        }
    }
    return QString::fromUtf8(compactJson(v));
}

// NULL for an empty object, so the common case costs nothing to write or read.
void writeObject(RowSink &row, const QJsonObject &o)
{
    if (o.isEmpty())
        row.null();
    else
        row.text(QString::fromUtf8(compactJson(o)));
}

void writeOptionalText(RowSink &row, const QString &s, bool present)
{
    if (present)
        row.text(s);
    else
        row.null();
}

bool parseJson(QStringView text, QJsonValue *out)
{
    QByteArray wrapped;
    wrapped.reserve(text.size() + 2);
    wrapped += '[';
    wrapped += text.toUtf8();
    wrapped += ']';
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &e);
    if (e.error != QJsonParseError::NoError || doc.array().size() != 1)
        return false;
    *out = doc.array().at(0);
    return true;
}

// A string or number written by jsonText(); plain texts and integers skip the parser.
bool parseScalar(QStringView text, QJsonValue *out)
{
    if (text.size() >= 2 && text.front() == u'"' && text.back() == u'"' && !text.contains(u'\\')) {
        *out = QJsonValue(text.mid(1, text.size() - 2).toString());
        return true;
    }
    bool integral = !text.isEmpty() && text.size() < 19;
    for (QChar c : text)
        integral = integral && (c.isDigit() || c == u'-');
    if (integral) {
        bool ok = false;
        const qint64 i = text.toLongLong(&ok);
        if (ok) {
            *out = QJsonValue(i);
            return true;
        }
    }
    return parseJson(text, out);
}

// The recorded type against the first character of the compact JSON text; the parse
// that follows checks the rest.
bool startsLikeType(QStringView type, QStringView value)
{
    if (value.isEmpty())
        return false;
    const QChar c = value.front();
    if (type == u"string")
        return c == u'"';
    if (type == u"number")
        return c == u'-' || c.isDigit();
    if (type == u"bool")
        return value == u"true" || value == u"false";
    if (type == u"null")
        return value == u"null";
    if (type == u"array")
        return c == u'[';
    if (type == u"object")
        return c == u'{';
    return false;
}

void appendJsonString(QString &out, QStringView s)
{
    for (QChar c : s) {
        if (c.unicode() < 0x20 || c == u'"' || c == u'\\') {
            out += QString::fromUtf8(compactJson(QJsonValue(s.toString())));
            return;
        }
    }
    out += u'"';
    out += s;
    out += u'"';
}

bool parseObject(RowSource &row, int column, QJsonObject *out)
{
    if (row.isNull(column)) {
        *out = QJsonObject();
        return true;
    }
    QJsonValue v;
    if (!parseJson(row.view(column), &v) || !v.isObject())
        return false;
    *out = v.toObject();
    return true;
}

bool exec(QSqlQuery &q, const QString &sql, QString *why)
{
    if (q.exec(sql))
        return true;
    *why = q.lastError().text();
    return false;
}

// The tasks, their attributes and dependencies, in file and declared order.
bool writeRows(const QSqlDatabase &db, const Project &project, qsizetype attributeCount, QString *why)
{
    const auto tasks = SqliteRows::insert(db, "tasks", 14, project.taskCount());
    const auto attributes = SqliteRows::insert(db, "attributes", 5, attributeCount);
    const auto dependencies = SqliteRows::insert(db, "dependencies", 13, project.dependencyCount());
    bool ok = true;
    for (int i = 0; ok && i < project.taskCount(); ++i) {
        const Task &t = project.task(i);
        tasks->integer(i);
        tasks->text(t.id);
        tasks->text(t.type);
        writeOptionalText(*tasks, t.parentId, !t.parentId.isEmpty());
        tasks->text(cachedName<Status, 11>(t.status));
        tasks->text(cachedName<Lifecycle, 11>(t.lifecycle));
        tasks->integer(t.hasParentField);
        tasks->integer(t.hasStatus);
        tasks->integer(t.hasLifecycle);
        tasks->integer(t.hasAttributes);
        tasks->integer(t.hasDependencies);
        if (t.hasPosition) {
            tasks->real(t.position.x());
            tasks->real(t.position.y());
        } else {
            tasks->null();
            tasks->null();
        }
        writeObject(*tasks, t.extra);
        ok = tasks->endRow();

        int ord = 0;
        for (auto it = t.attributes.constBegin(); ok && it != t.attributes.constEnd(); ++it) {
            const QJsonValue v = it.value();
            attributes->integer(i);
            attributes->integer(ord++);
            attributes->text(it.key());
            attributes->text(typeName(v));
            attributes->text(jsonText(v));
            ok = attributes->endRow();
        }
        ord = 0;
        for (auto d = t.dependencies.cbegin(); ok && d != t.dependencies.cend(); ++d) {
            dependencies->integer(i);
            dependencies->integer(ord++);
            dependencies->text(d->taskId);
            dependencies->text(cachedName<DependencyType, 6>(d->type));
            writeOptionalText(*dependencies, d->description, !d->description.isNull());
            dependencies->integer(d->mandatory);
            dependencies->integer(d->hasMandatory);
            dependencies->integer(d->waived);
            dependencies->integer(d->hasWaived);
            const bool hasLag = !d->lag.isUndefined() && !d->lag.isNull();
            writeOptionalText(*dependencies, hasLag ? jsonText(d->lag) : QString(), hasLag);
            writeObject(*dependencies, d->conditions);
            dependencies->integer(d->hasConditions);
            writeObject(*dependencies, d->extra);
            ok = dependencies->endRow();
        }
    }
    for (RowSink *sink : {tasks.get(), attributes.get(), dependencies.get()}) {
        if (!sink->finish()) {
            *why = sink->error();
            return false;
        }
    }
    return true;
}

// 32 KiB pages measured fastest for both save and load of large projects; small ones
// keep SQLite's usual 4 KiB so a plan of ten tasks is not a file of 200 KiB.
int pageSize(const Project &project)
{
    return project.taskCount() > 2000 ? 32768 : 4096;
}

// Fills a fresh database at `path`. Returns false with the SQLite reason in *why.
bool writeDatabase(const Project &project, const QString &path, QString *why)
{
    const ConnectionGuard guard{connectionName("save")};
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), guard.name);
    db.setDatabaseName(path);
    if (!db.open()) {
        *why = db.lastError().text();
        return false;
    }
    bool ok = true;
    {
        QSqlQuery q(db);
        // The temporary file needs no journal: atomicity comes from the rename.
        // UTF-16 text is what QString holds, so nothing is transcoded either way.
        ok = exec(q, QStringLiteral("PRAGMA encoding = 'UTF-16le'"), why)
            && exec(q, QStringLiteral("PRAGMA page_size = %1").arg(pageSize(project)), why)
            && exec(q, QStringLiteral("PRAGMA journal_mode = OFF"), why)
            && exec(q, QStringLiteral("PRAGMA synchronous = OFF"), why)
            && exec(q, QStringLiteral("PRAGMA locking_mode = EXCLUSIVE"), why)
            && exec(q, QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId), why)
            && exec(q, QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion), why)
            && db.transaction();
        for (const char *statement : kSchema) {
            if (!ok)
                break;
            ok = exec(q, QLatin1String(statement), why);
        }
        if (ok) {
            q.prepare(QStringLiteral("INSERT INTO project VALUES (1, ?, ?, ?, ?, ?, ?)"));
            q.addBindValue(project.name.isNull() ? QStringLiteral("") : project.name);
            q.addBindValue(project.calendar.hoursPerDay);
            q.addBindValue(project.calendar.daysPerWeek);
            q.addBindValue(project.projectExtra.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(compactJson(project.projectExtra))));
            q.addBindValue(project.extra.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(compactJson(project.extra))));
            q.addBindValue(project.calendarExtra.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(compactJson(project.calendarExtra))));
            if (!q.exec()) {
                *why = q.lastError().text();
                ok = false;
            }
        }
        if (ok) {
            qsizetype attributeCount = 0;
            for (const Task &t : project.tasks())
                attributeCount += t.attributes.size();
            ok = writeRows(db, project, attributeCount, why);
        }
        if (ok && !db.commit()) {
            *why = db.lastError().text();
            ok = false;
        }
    }
    db.close();
    return ok;
}

QString systemError(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool syncPath(const QString &path, bool directory, QString *why)
{
    const int fd = ::open(QFile::encodeName(path).constData(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) {
        *why = systemError(errno);
        return false;
    }
    const bool ok = ::fsync(fd) == 0;
    if (!ok)
        *why = systemError(errno);
    ::close(fd);
    return ok;
}

// Big-endian integers of the 100-byte SQLite header.
quint32 headerU32(const QByteArray &h, int at)
{
    return qFromBigEndian<quint32>(h.constData() + at);
}

struct Refusal
{
    QString taskId;     // null: not about one task
    QString problem;
};

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
        if (auto r = readDependencies(tasks, pos))
            return r;
        // A presence flag only records that JSON spelled out a default; a file that says
        // "absent" next to a value (damaged or hand-made) means present, as JSON would.
        // (hasAttributes is settled when the attributes are joined in.)
        for (Task &t : tasks) {
            t.hasParentField |= !t.parentId.isEmpty();
            t.hasStatus |= t.status != Status::Draft;
            t.hasLifecycle |= t.lifecycle != Lifecycle::Created;
            t.hasDependencies |= !t.dependencies.isEmpty();
            for (Dependency &d : t.dependencies) {
                d.hasMandatory |= !d.mandatory;
                d.hasWaived |= d.waived;
                d.hasConditions |= !d.conditions.isEmpty();
            }
        }
        project.setTasks(std::move(tasks));
        return std::nullopt;
    }

    // The attributes of every task, in task order. Only the positions are read here: the
    // task rows themselves are the main reader's job, and an id is looked up only to name
    // the task in a refusal.
    std::optional<Refusal> readAttributesOnly(std::vector<QJsonObject> &attributes)
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

    // Presence flags and booleans are stored as integers 0 or 1, nothing else.
    static bool flag(RowSource &row, int column, bool *out)
    {
        qint64 i = 0;
        if (!row.integer(column, &i) || (i != 0 && i != 1))
            return false;
        *out = i == 1;
        return true;
    }

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
        const auto q = SqliteRows::select(m_db, QStringLiteral(
            "SELECT pos, task_id, task_type, parent_task_id, status, lifecycle_stage,"
            " has_parent_field, has_status, has_lifecycle, has_attributes,"
            " has_dependencies, %1, extra FROM tasks ORDER BY pos").arg(position));
        while (q->next()) {
            Task t;
            qint64 p = 0;
            if (!q->integer(0, &p))
                return damaged(QStringLiteral("task #%1 has no integer position").arg(tasks.size() + 1));
            pos.push_back(p);
            t.id = q->text(1);
            if (t.id.isEmpty())
                return Refusal{QString(), QStringLiteral("task #%1 has an empty task_id").arg(tasks.size() + 1)};
            t.type = q->text(2);
            if (!q->isNull(3)) {
                t.parentId = q->text(3);
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
            if (!flag(*q, 6, &t.hasParentField) || !flag(*q, 7, &t.hasStatus)
                || !flag(*q, 8, &t.hasLifecycle) || !flag(*q, 9, &t.hasAttributes)
                || !flag(*q, 10, &t.hasDependencies))
                return Refusal{t.id, QStringLiteral("a presence flag is not 0 or 1")};
            if (!q->isNull(11) || !q->isNull(12)) {
                double x = 0, y = 0;
                if (!q->real(11, &x) || !q->real(12, &y))
                    return Refusal{t.id, QStringLiteral("position must have numbers x and y")};
                t.position = QPointF(x, y);
                t.hasPosition = true;
            }
            if (!parseObject(*q, 13, &t.extra))
                return Refusal{t.id, QStringLiteral("extra fields are not a JSON object")};
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

    std::optional<Refusal> readAttributes(std::vector<QJsonObject> &attributes, const std::vector<qint64> &pos)
    {
        auto rows = [&](const QString &order, bool *outOfOrder) -> std::optional<Refusal> {
            const auto q = SqliteRows::select(m_db, QStringLiteral("SELECT task, ord, name, type, value FROM attributes ORDER BY %1").arg(order));
            Cursor cursor;
            // Each task's attributes become the text of one JSON object, and a few hundred
            // such objects are parsed at once: far cheaper than a QJsonObject::insert per
            // value, and numbers come out exactly as the JSON reader makes them.
            struct Pending { int task; int count; qsizetype start; };
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
            auto parseChunk = [&]() -> std::optional<Refusal> {
                if (pending.empty())
                    return std::nullopt;
                chunk[chunk.size() - 1] = u']';
                QJsonParseError e;
                const QJsonArray objects = QJsonDocument::fromJson(chunk.toUtf8(), &e).array();
                if (e.error != QJsonParseError::NoError || objects.size() != qsizetype(pending.size())) {
                    // Find the task to blame, one object at a time.
                    for (size_t k = 0; k < pending.size(); ++k) {
                        const qsizetype end = k + 1 < pending.size() ? pending[k + 1].start - 1 : chunk.size() - 1;
                        const QStringView one = QStringView(chunk).mid(pending[k].start, end - pending[k].start);
                        if (QJsonDocument::fromJson(one.toUtf8(), &e).isNull() || e.error != QJsonParseError::NoError)
                            return Refusal{taskIdAt(pos[size_t(pending[k].task)]), QStringLiteral("an attribute does not hold a JSON value")};
                    }
                    return damaged(QStringLiteral("attribute values are not JSON"));
                }
                for (size_t k = 0; k < pending.size(); ++k) {
                    QJsonObject &o = attributes[size_t(pending[k].task)];
                    o = objects.at(qsizetype(k)).toObject();
                    if (o.size() != pending[k].count)
                        return Refusal{taskIdAt(pos[size_t(pending[k].task)]), QStringLiteral("an attribute name appears twice or a value is not one JSON value")};
                }
                pending.clear();
                chunk.resize(0);   // keeps the capacity
                chunk += u'[';
                return std::nullopt;
            };
            while (q->next()) {
                int i = -1;
                switch (pair(pos, cursor, *q, &i)) {
                case Step::Ok: break;
                case Step::NoTask: return damaged(QStringLiteral("an attribute belongs to no task"));
                case Step::Duplicate: return damaged(QStringLiteral("two attributes have the same task and ord"));
                case Step::OutOfOrder: *outOfOrder = true; return std::nullopt;
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
            for (QJsonObject &o : attributes)
                o = QJsonObject();
        });
    }

    std::optional<Refusal> readDependencies(QList<Task> &tasks, const std::vector<qint64> &pos)
    {
        auto rows = [&](const QString &order, bool *outOfOrder) -> std::optional<Refusal> {
            const auto q = SqliteRows::select(m_db, QStringLiteral(
                "SELECT task, ord, dependency_task_id, dependency_type, description,"
                " is_mandatory, has_mandatory, waived, has_waived, lag, conditions,"
                " has_conditions, extra FROM dependencies ORDER BY %1").arg(order));
            Cursor cursor;
            while (q->next()) {
                int i = -1;
                switch (pair(pos, cursor, *q, &i)) {
                case Step::Ok: break;
                case Step::NoTask: return damaged(QStringLiteral("a dependency belongs to no task"));
                case Step::Duplicate: return damaged(QStringLiteral("two dependencies have the same task and ord"));
                case Step::OutOfOrder: *outOfOrder = true; return std::nullopt;
                }
                Task &t = tasks[i];
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
                if (!flag(*q, 5, &d.mandatory) || !flag(*q, 6, &d.hasMandatory)
                    || !flag(*q, 7, &d.waived) || !flag(*q, 8, &d.hasWaived)
                    || !flag(*q, 11, &d.hasConditions))
                    return Refusal{t.id, QStringLiteral("a flag of the dependency on '%1' is not 0 or 1").arg(d.taskId)};
                if (!q->isNull(9)) {
                    if (!parseScalar(q->view(9), &d.lag) || !(d.lag.isString() || d.lag.isDouble()))
                        return Refusal{t.id, QStringLiteral("lag on the dependency on '%1' must be an effort text or a number of hours")
                                                 .arg(d.taskId)};
                }
                if (!parseObject(*q, 10, &d.conditions) || !parseObject(*q, 12, &d.extra))
                    return Refusal{t.id, QStringLiteral("the dependency on '%1' has conditions or extra fields that are not a JSON object")
                                             .arg(d.taskId)};
                t.dependencies.append(std::move(d));
            }
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

// A helper connection, opened read-only in the calling thread (a connection belongs to the
// thread that made it).
template<typename Work>
void withConnection(const QString &path, QString *openError, Work work)
{
    const ConnectionGuard guard{connectionName("helper")};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), guard.name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open())
            work(db);
        else
            *openError = db.lastError().text();
        db.close();
    }
}

// "ok", or what PRAGMA quick_check (or opening) found wrong.
QString quickCheck(const QString &path)
{
    QString result;
    withConnection(path, &result, [&](const QSqlDatabase &db) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
            result = q.lastError().text();
        else
            result = q.value(0).toString();
    });
    return result;
}

// The attributes of each task, in task order.
std::optional<Refusal> readAttributes(const QString &path, int version, std::vector<QJsonObject> *attributes)
{
    QString openError;
    std::optional<Refusal> refusal;
    withConnection(path, &openError, [&](QSqlDatabase db) {
        db.transaction();
        refusal = Reader(db, version).readAttributesOnly(*attributes);
        db.rollback();
    });
    if (!openError.isEmpty())
        return Refusal{QString(), QStringLiteral("cannot open the database: %1").arg(openError)};
    return refusal;
}

// What tells one file from another: a save replaces the file (a new inode) by a rename.
struct FileIdentity
{
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    timespec modified{};

    static FileIdentity of(const QString &path)
    {
        FileIdentity id;
        struct stat st;
        if (::stat(QFile::encodeName(path).constData(), &st) == 0) {
            id.device = st.st_dev;
            id.inode = st.st_ino;
            id.size = st.st_size;
            id.modified = st.st_mtim;
        }
        return id;
    }
    bool operator==(const FileIdentity &o) const
    {
        return device == o.device && inode == o.inode && size == o.size
            && modified.tv_sec == o.modified.tv_sec && modified.tv_nsec == o.modified.tv_nsec;
    }
};

} // namespace

std::optional<Project> readFile(const QString &path, QString *error)
{
    auto refuse = [&](const QString &taskId, const QString &problem) -> std::optional<Project> {
        if (error)
            *error = ValidationError{taskId, problem}.message(path);
        return std::nullopt;
    };

    // The header tells foreign and truncated files apart before SQLite is involved.
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
            return std::nullopt;
        }
        const QByteArray header = file.read(100);
        if (!header.startsWith(QByteArray("SQLite format 3\0", 16)))
            return refuse(QString(), QStringLiteral("not a Workplan project file (not an SQLite database)"));
        if (header.size() < 100)
            return refuse(QString(), QStringLiteral("damaged project file: truncated inside the header"));
        quint32 pageSize = qFromBigEndian<quint16>(header.constData() + 16);
        if (pageSize == 1)
            pageSize = 65536;
        const quint32 pageCount = headerU32(header, 28);
        // The page count in the header is only valid when its "version valid for" matches.
        if (pageSize >= 512 && pageCount > 0 && headerU32(header, 92) == headerU32(header, 24)
            && quint64(file.size()) < quint64(pageSize) * pageCount)
            return refuse(QString(), QStringLiteral("damaged project file: truncated (%1 of %2 bytes)")
                                         .arg(file.size()).arg(quint64(pageSize) * pageCount));
    }

    // Several connections read the file; all must have seen the same one.
    const FileIdentity identity = FileIdentity::of(path);
    const ConnectionGuard guard{connectionName("load")};
    std::optional<Refusal> refusal;
    std::optional<ValidationError> invalid;
    Project project;
    project.name = QFileInfo(path).completeBaseName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), guard.name);
        db.setDatabaseName(path);
        // Read-only: loading never writes, not even a journal.
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            return refuse(QString(), QStringLiteral("cannot open the database: %1").arg(db.lastError().text()));
        {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            auto pragma = [&](const char *name, qint64 *out) {
                if (!q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))) || !q.next())
                    return false;
                *out = q.value(0).toLongLong();
                q.finish();
                return true;
            };
            qint64 appId = 0, version = 0;
            if (!pragma("application_id", &appId) || !pragma("user_version", &version)) {
                refusal = Refusal{QString(), QStringLiteral("damaged project file: %1").arg(q.lastError().text())};
            } else if (qint32(appId) != kApplicationId) {
                refusal = Refusal{QString(), QStringLiteral("not a Workplan project file (an SQLite database of another application, application_id 0x%1)")
                                                 .arg(quint32(appId), 8, 16, QLatin1Char('0'))};
            } else if (version > kSchemaVersion) {
                refusal = Refusal{QString(), QStringLiteral("made by a newer Workplan (schema version %1; this one reads versions %2 to %3)")
                                                 .arg(version).arg(kOldestSchemaVersion).arg(kSchemaVersion)};
            } else if (version < kOldestSchemaVersion) {
                refusal = Refusal{QString(), QStringLiteral("not a Workplan project file (schema version %1)").arg(version)};
            } else {
                q.finish();
                // Three connections share the work: this one reads the project, tasks and
                // dependencies, one helper reads the attributes, another runs the
                // structural check. A damaged file is refused as such whatever the readers
                // made of it.
                QString check;
                std::vector<QJsonObject> attributes;
                std::optional<Refusal> attributeRefusal;
                std::thread checker([&] { check = quickCheck(path); });
                std::thread attributeReader([&] {
                    attributeRefusal = readAttributes(path, int(version), &attributes);
                });
                db.transaction();
                refusal = Reader(db, int(version)).read(project);
                db.rollback();
                // The structural rules need no attributes: checked while the helpers run.
                if (!refusal)
                    invalid = validateProject(project);
                checker.join();
                attributeReader.join();
                if (check != QLatin1String("ok")) {
                    refusal = Refusal{QString(), QStringLiteral("damaged project file: %1").arg(check)};
                } else if (!refusal && attributeRefusal) {
                    refusal = attributeRefusal;
                } else if (!refusal && qsizetype(attributes.size()) != project.taskCount()) {
                    refusal = Refusal{QString(), QStringLiteral("damaged project file: the two readers saw different task lists")};
                } else if (!refusal) {
                    for (int i = 0; i < project.taskCount(); ++i) {
                        Task &t = project.task(i);
                        t.attributes = std::move(attributes[size_t(i)]);
                        t.hasAttributes |= !t.attributes.isEmpty();
                    }
                }
            }
        }
        db.close();
    }
    if (!refusal && !(FileIdentity::of(path) == identity))
        refusal = Refusal{QString(), QStringLiteral("the file was replaced while it was being read; try again")};
    if (refusal)
        return refuse(refusal->taskId, refusal->problem);
    if (invalid) {
        if (error)
            *error = invalid->message(path);
        return std::nullopt;
    }
    return project;
}

bool writeFile(const Project &project, const QString &path, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: cannot save: %2").arg(path, why);
        return false;
    };

    const QFileInfo target(path);
    if (target.isDir())
        return fail(QStringLiteral("it is a folder"));
    const QDir dir = target.absoluteDir();
    if (!dir.exists())
        return fail(QStringLiteral("the folder %1 does not exist").arg(dir.path()));

    // A unique temporary name beside the target: the rename stays on one file system.
    QString temp;
    {
        QTemporaryFile file(dir.filePath(QStringLiteral(".%1.XXXXXX.tmp").arg(target.fileName())));
        file.setAutoRemove(false);
        if (!file.open())
            return fail(QStringLiteral("cannot create a temporary file in %1: %2").arg(dir.path(), file.errorString()));
        temp = file.fileName();
        // Keep the old file's permissions; a new one gets the usual rw-r--r--.
        file.setPermissions(target.exists() ? QFile::permissions(path)
                                            : QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }

    QString why;
    bool ok = writeDatabase(project, temp, &why);
    if (ok && !syncPath(temp, false, &why))
        ok = false;
    if (ok && std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(target.absoluteFilePath()).constData()) != 0) {
        why = systemError(errno);
        ok = false;
    }
    if (!ok) {
        QFile::remove(temp);
        return fail(why);
    }
    // Makes the rename itself durable; the content is already on disk either way.
    QString ignored;
    syncPath(dir.path(), true, &ignored);
    return true;
}

} // namespace Workplan::SqliteFormat
