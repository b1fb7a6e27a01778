#include "sqliteformat.h"

#include "../jsonwriter.h"
#include "../validation.h"

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

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace Workplan::SqliteFormat {

namespace {

// Schema v2 (docs/file-format.md). v1 had no canvas position (pos_x, pos_y).
const char *const kSchema[] = {
    "CREATE TABLE project ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " name TEXT NOT NULL,"
    " hours_per_day REAL NOT NULL,"
    " days_per_week REAL NOT NULL,"
    " project_extra TEXT,"
    " file_extra TEXT)",
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
    " value TEXT NOT NULL,"
    " PRIMARY KEY (task, ord)) WITHOUT ROWID",
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
    " extra TEXT,"
    " PRIMARY KEY (task, ord)) WITHOUT ROWID",
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
QVariant objectText(const QJsonObject &o)
{
    return o.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(compactJson(o)));
}

// NOT NULL text columns: QSQLITE binds a null QString as NULL.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
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

// Reads back a value written by jsonText(), checking it has the recorded type.
bool parseValue(QStringView type, const QString &text, QJsonValue *out)
{
    if (type == u"string") {
        if (text.size() >= 2 && text.front() == u'"' && text.back() == u'"'
            && !text.contains(u'\\')) {
            *out = QJsonValue(text.mid(1, text.size() - 2));
            return true;
        }
        return parseJson(text, out) && out->isString();
    }
    if (type == u"number") {
        bool integral = !text.isEmpty();
        for (QChar c : text) {
            if (!(c.isDigit() || c == u'-')) {
                integral = false;
                break;
            }
        }
        bool ok = false;
        if (integral) {
            const qint64 i = text.toLongLong(&ok);
            if (ok) {
                *out = QJsonValue(i);
                return true;
            }
        }
        return parseJson(text, out) && out->isDouble();
    }
    if (type == u"null") {
        *out = QJsonValue(QJsonValue::Null);
        return text == u"null";
    }
    if (type == u"bool") {
        if (text != u"true" && text != u"false")
            return false;
        *out = QJsonValue(text == u"true");
        return true;
    }
    if (type == u"array")
        return parseJson(text, out) && out->isArray();
    if (type == u"object")
        return parseJson(text, out) && out->isObject();
    return false;
}

bool parseObject(const QVariant &column, QJsonObject *out)
{
    if (column.isNull()) {
        *out = QJsonObject();
        return true;
    }
    QJsonValue v;
    if (!parseJson(column.toString(), &v) || !v.isObject())
        return false;
    *out = v.toObject();
    return true;
}

// Inserts rows many at a time: one statement per row costs more in QSqlQuery than in
// SQLite, so a multi-row VALUES list amortises it (the save stays well under a second).
class BulkInsert
{
public:
    static constexpr int kRowsPerStatement = 64;

    BulkInsert(const QSqlDatabase &db, const char *table, int columns)
        : m_db(db), m_table(QLatin1String(table)), m_columns(columns), m_full(db)
    {
        m_values.reserve(columns * kRowsPerStatement);
    }

    void add(const QVariant &v) { m_values.append(v); }

    bool endRow()
    {
        if (++m_rows < kRowsPerStatement)
            return true;
        if (!m_fullPrepared) {
            if (!prepare(m_full, kRowsPerStatement))
                return false;
            m_fullPrepared = true;
        }
        return flush(m_full);
    }

    bool finish()
    {
        if (m_rows == 0)
            return true;
        QSqlQuery rest(m_db);
        return prepare(rest, m_rows) && flush(rest);
    }

    QString error() const { return m_error; }

private:
    bool prepare(QSqlQuery &q, int rows)
    {
        QString row = QStringLiteral("(?");
        for (int c = 1; c < m_columns; ++c)
            row += QStringLiteral(",?");
        row += u')';
        QString sql = QStringLiteral("INSERT INTO %1 VALUES ").arg(m_table);
        for (int r = 0; r < rows; ++r) {
            if (r)
                sql += u',';
            sql += row;
        }
        if (!q.prepare(sql)) {
            m_error = q.lastError().text();
            return false;
        }
        return true;
    }

    bool flush(QSqlQuery &q)
    {
        for (int i = 0; i < m_values.size(); ++i)
            q.bindValue(i, m_values.at(i));
        if (!q.exec()) {
            m_error = q.lastError().text();
            return false;
        }
        m_values.clear();
        m_rows = 0;
        return true;
    }

    QSqlDatabase m_db;
    QString m_table;
    int m_columns;
    int m_rows = 0;
    QSqlQuery m_full;
    bool m_fullPrepared = false;
    QVariantList m_values;
    QString m_error;
};

bool exec(QSqlQuery &q, const QString &sql, QString *why)
{
    if (q.exec(sql))
        return true;
    *why = q.lastError().text();
    return false;
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
        // UTF-16 text is what QSQLITE binds and reads, so nothing is transcoded.
        ok = exec(q, QStringLiteral("PRAGMA encoding = 'UTF-16le'"), why)
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
            q.prepare(QStringLiteral("INSERT INTO project VALUES (1, ?, ?, ?, ?, ?)"));
            q.addBindValue(text(project.name));
            q.addBindValue(project.calendar.hoursPerDay);
            q.addBindValue(project.calendar.daysPerWeek);
            q.addBindValue(objectText(project.projectExtra));
            q.addBindValue(objectText(project.extra));
            if (!q.exec()) {
                *why = q.lastError().text();
                ok = false;
            }
        }
        if (ok) {
            BulkInsert tasks(db, "tasks", 14);
            BulkInsert attributes(db, "attributes", 5);
            BulkInsert dependencies(db, "dependencies", 13);
            const QVariant null;
            for (int i = 0; ok && i < project.taskCount(); ++i) {
                const Task &t = project.task(i);
                tasks.add(i);
                tasks.add(text(t.id));
                tasks.add(text(t.type));
                tasks.add(t.parentId.isEmpty() ? null : QVariant(t.parentId));
                tasks.add(toString(t.status));
                tasks.add(toString(t.lifecycle));
                tasks.add(int(t.hasParentField));
                tasks.add(int(t.hasStatus));
                tasks.add(int(t.hasLifecycle));
                tasks.add(int(t.hasAttributes));
                tasks.add(int(t.hasDependencies));
                tasks.add(t.hasPosition ? QVariant(t.position.x()) : null);
                tasks.add(t.hasPosition ? QVariant(t.position.y()) : null);
                tasks.add(objectText(t.extra));
                ok = tasks.endRow();

                int ord = 0;
                for (auto it = t.attributes.constBegin(); ok && it != t.attributes.constEnd(); ++it) {
                    const QJsonValue v = it.value();
                    attributes.add(i);
                    attributes.add(ord++);
                    attributes.add(text(it.key()));
                    attributes.add(typeName(v));
                    attributes.add(jsonText(v));
                    ok = attributes.endRow();
                }
                ord = 0;
                for (const Dependency &d : t.dependencies) {
                    if (!ok)
                        break;
                    dependencies.add(i);
                    dependencies.add(ord++);
                    dependencies.add(text(d.taskId));
                    dependencies.add(toString(d.type));
                    dependencies.add(d.description.isNull() ? null : QVariant(d.description));
                    dependencies.add(int(d.mandatory));
                    dependencies.add(int(d.hasMandatory));
                    dependencies.add(int(d.waived));
                    dependencies.add(int(d.hasWaived));
                    dependencies.add(d.lag.isUndefined() || d.lag.isNull() ? null : QVariant(jsonText(d.lag)));
                    dependencies.add(objectText(d.conditions));
                    dependencies.add(int(d.hasConditions));
                    dependencies.add(objectText(d.extra));
                    ok = dependencies.endRow();
                }
            }
            ok = ok && tasks.finish() && attributes.finish() && dependencies.finish();
            if (!ok && why->isEmpty()) {
                *why = !tasks.error().isEmpty() ? tasks.error()
                     : !attributes.error().isEmpty() ? attributes.error()
                                                       : dependencies.error();
            }
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

    std::optional<Refusal> read(Project &project)
    {
        if (auto r = readProject(project))
            return r;
        QList<Task> tasks;
        std::vector<qint64> pos;
        if (auto r = readTasks(tasks, pos))
            return r;
        if (auto r = readAttributes(tasks, pos))
            return r;
        if (auto r = readDependencies(tasks, pos))
            return r;
        project.setTasks(std::move(tasks));
        return std::nullopt;
    }

private:
    static Refusal damaged(const QString &problem)
    {
        return Refusal{QString(), QStringLiteral("damaged project file: %1").arg(problem)};
    }

    std::optional<Refusal> sqlFailure(const QSqlQuery &q)
    {
        return damaged(q.lastError().text());
    }

    // Presence flags and booleans are stored as 0 or 1, nothing else.
    static bool flag(const QVariant &v, bool *out)
    {
        bool ok = false;
        const qlonglong i = v.toLongLong(&ok);
        if (!ok || (i != 0 && i != 1) || v.isNull())
            return false;
        *out = i == 1;
        return true;
    }

    std::optional<Refusal> readProject(Project &project)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT name, hours_per_day, days_per_week, project_extra, file_extra FROM project")))
            return sqlFailure(q);
        if (!q.next())
            return damaged(QStringLiteral("the project row is missing"));
        project.name = q.value(0).toString();
        bool okDay = false, okWeek = false;
        project.calendar.hoursPerDay = q.value(1).toDouble(&okDay);
        project.calendar.daysPerWeek = q.value(2).toDouble(&okWeek);
        if (!okDay || !okWeek || !(project.calendar.hoursPerDay > 0) || !(project.calendar.daysPerWeek > 0))
            return Refusal{QString(), QStringLiteral("calendar hours_per_day and days_per_week must be positive numbers")};
        if (!parseObject(q.value(3), &project.projectExtra) || !parseObject(q.value(4), &project.extra))
            return damaged(QStringLiteral("the project's extra fields are not a JSON object"));
        if (q.next())
            return damaged(QStringLiteral("more than one project row"));
        return std::nullopt;
    }

    std::optional<Refusal> readTasks(QList<Task> &tasks, std::vector<qint64> &pos)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        // Migration from v1: it had no canvas position, so no task has one.
        const QString position = m_version >= 2 ? QStringLiteral("pos_x, pos_y") : QStringLiteral("NULL, NULL");
        if (!q.exec(QStringLiteral("SELECT pos, task_id, task_type, parent_task_id, status, lifecycle_stage,"
                                   " has_parent_field, has_status, has_lifecycle, has_attributes,"
                                   " has_dependencies, %1, extra FROM tasks ORDER BY pos").arg(position)))
            return sqlFailure(q);
        while (q.next()) {
            Task t;
            pos.push_back(q.value(0).toLongLong());
            t.id = q.value(1).toString();
            if (t.id.isEmpty())
                return Refusal{QString(), QStringLiteral("task #%1 has an empty task_id").arg(tasks.size() + 1)};
            t.type = q.value(2).toString();
            const QVariant parent = q.value(3);
            if (!parent.isNull()) {
                t.parentId = parent.toString();
                if (t.parentId.isEmpty())
                    return Refusal{t.id, QStringLiteral("parent_task_id is empty")};
            }
            const QString status = q.value(4).toString();
            const auto s = statusFromString(status);
            if (!s)
                return Refusal{t.id, QStringLiteral("unknown status '%1'").arg(status)};
            t.status = *s;
            const QString stage = q.value(5).toString();
            const auto l = lifecycleFromString(stage);
            if (!l)
                return Refusal{t.id, QStringLiteral("unknown lifecycle_stage '%1'").arg(stage)};
            t.lifecycle = *l;
            if (!flag(q.value(6), &t.hasParentField) || !flag(q.value(7), &t.hasStatus)
                || !flag(q.value(8), &t.hasLifecycle) || !flag(q.value(9), &t.hasAttributes)
                || !flag(q.value(10), &t.hasDependencies))
                return Refusal{t.id, QStringLiteral("a presence flag is not 0 or 1")};
            const QVariant x = q.value(11);
            const QVariant y = q.value(12);
            if (!x.isNull() || !y.isNull()) {
                bool okX = false, okY = false;
                t.position = QPointF(x.toDouble(&okX), y.toDouble(&okY));
                if (!okX || !okY || x.isNull() || y.isNull())
                    return Refusal{t.id, QStringLiteral("position must have numbers x and y")};
                t.hasPosition = true;
            }
            if (!parseObject(q.value(13), &t.extra))
                return Refusal{t.id, QStringLiteral("extra fields are not a JSON object")};
            tasks.append(std::move(t));
        }
        if (q.lastError().isValid())
            return sqlFailure(q);
        return std::nullopt;
    }

    // Rows come ordered by task position, like the tasks: one forward walk pairs them.
    static int advance(const std::vector<qint64> &pos, int &cursor, qint64 task)
    {
        while (cursor < int(pos.size()) && pos[cursor] < task)
            ++cursor;
        return cursor < int(pos.size()) && pos[cursor] == task ? cursor : -1;
    }

    std::optional<Refusal> readAttributes(QList<Task> &tasks, const std::vector<qint64> &pos)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT task, name, type, value FROM attributes ORDER BY task, ord")))
            return sqlFailure(q);
        int cursor = 0;
        while (q.next()) {
            const int i = advance(pos, cursor, q.value(0).toLongLong());
            if (i < 0)
                return damaged(QStringLiteral("an attribute belongs to no task"));
            Task &t = tasks[i];
            const QString name = q.value(1).toString();
            QJsonValue v;
            if (!parseValue(q.value(2).toString(), q.value(3).toString(), &v))
                return Refusal{t.id, QStringLiteral("attribute '%1' does not hold a JSON value of type '%2'")
                                         .arg(name, q.value(2).toString())};
            if (t.attributes.contains(name))
                return Refusal{t.id, QStringLiteral("attribute '%1' appears twice").arg(name)};
            t.attributes.insert(name, v);
        }
        if (q.lastError().isValid())
            return sqlFailure(q);
        return std::nullopt;
    }

    std::optional<Refusal> readDependencies(QList<Task> &tasks, const std::vector<qint64> &pos)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT task, dependency_task_id, dependency_type, description,"
                                   " is_mandatory, has_mandatory, waived, has_waived, lag, conditions,"
                                   " has_conditions, extra FROM dependencies ORDER BY task, ord")))
            return sqlFailure(q);
        int cursor = 0;
        while (q.next()) {
            const int i = advance(pos, cursor, q.value(0).toLongLong());
            if (i < 0)
                return damaged(QStringLiteral("a dependency belongs to no task"));
            Task &t = tasks[i];
            Dependency d;
            d.taskId = q.value(1).toString();
            const QString type = q.value(2).toString();
            const auto dt = dependencyTypeFromString(type);
            if (!dt)
                return Refusal{t.id, QStringLiteral("unknown dependency_type '%1'").arg(type)};
            d.type = *dt;
            const QVariant description = q.value(3);
            if (!description.isNull()) {
                d.description = description.toString();
                if (d.description.isNull())
                    d.description = QStringLiteral("");
            }
            if (!flag(q.value(4), &d.mandatory) || !flag(q.value(5), &d.hasMandatory)
                || !flag(q.value(6), &d.waived) || !flag(q.value(7), &d.hasWaived)
                || !flag(q.value(10), &d.hasConditions))
                return Refusal{t.id, QStringLiteral("a flag of the dependency on '%1' is not 0 or 1").arg(d.taskId)};
            const QVariant lag = q.value(8);
            if (!lag.isNull()) {
                if (!parseJson(lag.toString(), &d.lag) || !(d.lag.isString() || d.lag.isDouble()))
                    return Refusal{t.id, QStringLiteral("lag on the dependency on '%1' must be an effort text or a number of hours")
                                             .arg(d.taskId)};
            }
            if (!parseObject(q.value(9), &d.conditions) || !parseObject(q.value(11), &d.extra))
                return Refusal{t.id, QStringLiteral("the dependency on '%1' has conditions or extra fields that are not a JSON object")
                                         .arg(d.taskId)};
            t.dependencies.append(std::move(d));
        }
        if (q.lastError().isValid())
            return sqlFailure(q);
        return std::nullopt;
    }

    QSqlDatabase m_db;
    int m_version;
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

    const ConnectionGuard guard{connectionName("load")};
    std::optional<Refusal> refusal;
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
            } else if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next()) {
                refusal = Refusal{QString(), QStringLiteral("damaged project file: %1").arg(q.lastError().text())};
            } else if (q.value(0).toString() != QLatin1String("ok")) {
                refusal = Refusal{QString(), QStringLiteral("damaged project file: %1").arg(q.value(0).toString())};
            } else {
                q.finish();
                db.transaction();
                refusal = Reader(db, int(version)).read(project);
                db.rollback();
            }
        }
        db.close();
    }
    if (refusal)
        return refuse(refusal->taskId, refusal->problem);
    if (const auto invalid = validateProject(project)) {
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
