// PostgresStore::fetch: one project out of the team database (postgresstore.h); and
// PostgresRows::decode, the same checks on one row of the change log (postgresrows.h).

#include "postgresstore.h"

#include "../../validation.h"
#include "postgresconnection.h"
#include "postgresrows.h"
#include "postgresschema.h"
#include "../presenceflags.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "../json/jsondom.h"

#include <charconv>

namespace Workplan::PostgresStore {

namespace {

struct Refusal
{
    QString taskId;     // null: not about one task
    QString problem;
};

// One JSON value of any type: Qt's parser only takes arrays and objects at the top.
bool parseValue(const QString &text, QJsonValue *out)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text.toUtf8() + ']', &e);
    if (e.error != QJsonParseError::NoError || doc.array().size() != 1)
        return false;
    *out = doc.array().at(0);
    return true;
}

bool parseObject(const QVariant &column, QJsonObject *out)
{
    QJsonValue v;
    if (column.isNull() || !parseValue(column.toString(), &v) || !v.isObject())
        return false;
    *out = v.toObject();
    return true;
}

// Cells as PostgreSQL spells them in text (ResultCells).
QString text(QByteArrayView cell)
{
    return QString::fromUtf8(cell);
}

bool flag(QByteArrayView cell)
{
    return cell.size() == 1 && cell.front() == 't';
}

template<typename Number>
bool number(QByteArrayView cell, Number *out)
{
    // from_chars: locale-free, as the server's output is ("Infinity" and "NaN" included).
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), *out);
    return error == std::errc() && end == cell.data() + cell.size();
}

// The JSON cells (attributes, extra fields, conditions, lag): read by simdjson and made
// into Qt's values as the file reader makes them (JsonFormat::DomValues). What simdjson
// refuses but JSON allows (an integer past 64 bits, a lone surrogate escape: a `json`
// column keeps the text as written) goes to Qt's parser, as every cell used to.
class JsonCells
{
public:
    bool value(QByteArrayView cell, QJsonValue *out)
    {
        simdjson::dom::element e;
        if (m_parser.parse(cell.data(), size_t(cell.size())).get(e) == simdjson::SUCCESS) {
            *out = m_values.value(e);
            return true;
        }
        return parseValue(text(cell), out);
    }
    bool object(QByteArrayView cell, QJsonObject *out)
    {
        if (cell == "{}") {   // most extra fields
            *out = QJsonObject();
            return true;
        }
        QJsonValue v;
        if (!value(cell, &v) || !v.isObject())
            return false;
        *out = v.toObject();
        return true;
    }

private:
    simdjson::dom::parser m_parser;
    JsonFormat::DomValues m_values{0};
};

class Reader
{
public:
    explicit Reader(const QSqlDatabase &db) : m_db(db) {}

    std::optional<Refusal> read(const Location &location, TeamSnapshot &snapshot)
    {
        Project &project = snapshot.project;
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral(
            "SELECT id, project_name, hours_per_day, days_per_week, project_extra::text,"
            " calendar_extra::text, file_extra::text, last_change_id, properties_version"
            " FROM projects WHERE name = ?::text"));
        q.addBindValue(location.project);
        if (!q.exec())
            return damaged(q);
        if (!q.next())
            return Refusal{QString(), QStringLiteral("no project '%1' in database %2").arg(location.project, location.database)};
        const qint64 id = q.value(0).toLongLong();
        snapshot.projectId = id;
        snapshot.lastChangeId = q.value(7).toLongLong();
        snapshot.propertiesVersion = q.value(8).toLongLong();
        project.name = q.value(1).toString();
        project.calendar.hoursPerDay = q.value(2).toDouble();
        project.calendar.daysPerWeek = q.value(3).toDouble();
        if (!(project.calendar.hoursPerDay > 0) || !(project.calendar.daysPerWeek > 0))
            return Refusal{QString(), QStringLiteral("calendar hours_per_day and days_per_week must be positive numbers")};
        if (!parseObject(q.value(4), &project.projectExtra) || !parseObject(q.value(5), &project.calendarExtra)
            || !parseObject(q.value(6), &project.extra))
            return Refusal{QString(), QStringLiteral("the project's extra fields are not a JSON object")};
        q.finish();

        QList<Task> tasks;
        QHash<QString, int> indexOfId;
        if (auto r = readTasks(id, tasks, indexOfId, snapshot))
            return r;
        if (auto r = readDependencies(id, tasks, indexOfId))
            return r;
        settlePresenceFlags(tasks, /*withAttributes=*/true);
        project.setTasks(std::move(tasks));
        return std::nullopt;
    }

private:
    static Refusal damaged(const QSqlQuery &q)
    {
        return Refusal{QString(), QStringLiteral("the Workplan schema is damaged: %1").arg(q.lastError().text().simplified())};
    }

    std::optional<Refusal> readTasks(qint64 projectId, QList<Task> &tasks, QHash<QString, int> &indexOfId,
                                     TeamSnapshot &snapshot)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(false);   // the whole result at once, read cell by cell below
        q.prepare(QStringLiteral(
            "SELECT ord, task_id, task_type, parent_task_id, status, lifecycle_stage,"
            " has_parent_field, has_status, has_lifecycle, has_attributes, has_dependencies,"
            " pos_x, pos_y, attributes::text, extra::text, version FROM tasks WHERE project_id = ?::bigint"
            " ORDER BY ord, task_id"));
        q.addBindValue(projectId);
        if (!q.exec())
            return damaged(q);
        const ResultCells cells(q);
        const int rows = cells.rowCount();
        tasks.reserve(rows);
        indexOfId.reserve(rows);
        snapshot.ords.reserve(rows);
        snapshot.versions.reserve(rows);
        for (int row = 0; row < rows; ++row) {
            auto cell = [&](int column) { return cells.text(row, column); };
            Task t;
            t.id = text(cell(1));
            double ord = 0;
            qint64 version = 0;
            if (!number(cell(0), &ord) || !number(cell(15), &version))
                return Refusal{t.id, QStringLiteral("ord or version is not a number")};
            indexOfId.insert(t.id, int(tasks.size()));
            snapshot.ords.insert(t.id, ord);
            snapshot.versions.insert(t.id, version);
            t.type = text(cell(2));
            if (!cells.isNull(row, 3)) {
                t.parentId = text(cell(3));
                if (t.parentId.isEmpty())
                    return Refusal{t.id, QStringLiteral("parent_task_id is empty")};
            }
            const QString status = text(cell(4));
            const auto s = statusFromString(status);
            if (!s)
                return Refusal{t.id, QStringLiteral("unknown status '%1'").arg(status)};
            t.status = *s;
            const QString stage = text(cell(5));
            const auto l = lifecycleFromString(stage);
            if (!l)
                return Refusal{t.id, QStringLiteral("unknown lifecycle_stage '%1'").arg(stage)};
            t.lifecycle = *l;
            t.hasParentField = flag(cell(6));
            t.hasStatus = flag(cell(7));
            t.hasLifecycle = flag(cell(8));
            t.hasAttributes = flag(cell(9));
            t.hasDependencies = flag(cell(10));
            if (!cells.isNull(row, 11) && !cells.isNull(row, 12)) {
                double x = 0, y = 0;
                if (!number(cell(11), &x) || !number(cell(12), &y))
                    return Refusal{t.id, QStringLiteral("the position is not a number")};
                t.position = QPointF(x, y);
                t.hasPosition = true;
            }
            QJsonObject attributes;
            if (cells.isNull(row, 13) || !m_json.object(cell(13), &attributes))
                return Refusal{t.id, QStringLiteral("attributes are not a JSON object")};
            t.attributes = attributes;
            QJsonObject extra;
            if (cells.isNull(row, 14) || !m_json.object(cell(14), &extra))
                return Refusal{t.id, QStringLiteral("extra fields are not a JSON object")};
            t.extra = extra;
            tasks.append(std::move(t));
        }
        return std::nullopt;
    }

    std::optional<Refusal> readDependencies(qint64 projectId, QList<Task> &tasks, const QHash<QString, int> &indexOfId)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(false);
        q.prepare(QStringLiteral(
            "SELECT task_id, prerequisite_task_id, dependency_type, description, is_mandatory,"
            " has_mandatory, waived, has_waived, lag, conditions::text, has_conditions, extra::text"
            " FROM dependencies WHERE project_id = ?::bigint ORDER BY task_id, ord"));
        q.addBindValue(projectId);
        if (!q.exec())
            return damaged(q);
        const ResultCells cells(q);
        const int rows = cells.rowCount();
        for (int row = 0; row < rows; ++row) {
            auto cell = [&](int column) { return cells.text(row, column); };
            // The cascade trigger makes a dependency without its task impossible; kept as a check.
            const int i = indexOfId.value(text(cell(0)), -1);
            if (i < 0)
                return Refusal{QString(), QStringLiteral("a dependency belongs to no task")};
            Task &t = tasks[i];
            Dependency d;
            d.taskId = text(cell(1));
            const QString type = text(cell(2));
            const auto dt = dependencyTypeFromString(type);
            if (!dt)
                return Refusal{t.id, QStringLiteral("unknown dependency_type '%1'").arg(type)};
            d.type = *dt;
            if (!cells.isNull(row, 3))
                d.description = cell(3).isEmpty() ? QStringLiteral("") : text(cell(3));
            d.mandatory = flag(cell(4));
            d.hasMandatory = flag(cell(5));
            d.waived = flag(cell(6));
            d.hasWaived = flag(cell(7));
            if (!cells.isNull(row, 8)) {
                if (!m_json.value(cell(8), &d.lag) || !(d.lag.isString() || d.lag.isDouble()))
                    return Refusal{t.id, QStringLiteral("lag on the dependency on '%1' must be an effort text or a number of hours")
                                             .arg(d.taskId)};
            }
            d.hasConditions = flag(cell(10));
            QJsonObject extra;
            if (cells.isNull(row, 9) || cells.isNull(row, 11) || !m_json.object(cell(9), &d.conditions)
                || !m_json.object(cell(11), &extra))
                return Refusal{t.id, QStringLiteral("the dependency on '%1' has conditions or extra fields that are not a JSON object")
                                         .arg(d.taskId)};
            d.extra = extra;
            t.dependencies.append(std::move(d));
        }
        return std::nullopt;
    }

    QSqlDatabase m_db;
    JsonCells m_json;
};

} // namespace

std::optional<TeamSnapshot> fetchSnapshot(QSqlDatabase &db, const Location &location, QString *problem)
{
    // One snapshot for every statement: a publish or an edit committing meanwhile is either
    // wholly seen or not at all. Read only: a fetch never writes, not even the schema.
    std::optional<Refusal> refusal;
    TeamSnapshot snapshot;
    {
        QSqlQuery q(db);
        if (!db.transaction() || !q.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))) {
            *problem = QStringLiteral("cannot start a transaction: %1").arg(q.lastError().text().simplified());
            db.rollback();
            return std::nullopt;
        }
        QString why;
        int version = 0;
        const auto state = PostgresSchema::inspect(db, &why, &version);
        if (!state)
            refusal = Refusal{QString(), why};
        else if (*state == PostgresSchema::State::Missing)
            refusal = Refusal{QString(), QStringLiteral("the database %1 has no Workplan schema (publish a project to create it)").arg(location.database)};
        else if (*state == PostgresSchema::State::Old)
            refusal = Refusal{QString(), QStringLiteral("the database %1 has Workplan schema version %2; publish a project or open one "
                                                        "for editing to upgrade it to version %3")
                                             .arg(location.database).arg(version).arg(PostgresSchema::kSchemaVersion)};
        else
            refusal = Reader(db).read(location, snapshot);
        db.rollback();
    }
    auto bare = [](const QString &taskId, const QString &what) {
        return taskId.isNull() ? what : QStringLiteral("task '%1': %2").arg(taskId, what);
    };
    if (refusal) {
        *problem = bare(refusal->taskId, refusal->problem);
        return std::nullopt;
    }
    if (const auto invalid = validateProject(snapshot.project)) {
        *problem = bare(invalid->taskId, invalid->problem);
        return std::nullopt;
    }
    return snapshot;
}

std::optional<Project> fetch(const QString &url, QString *error)
{
    const auto location = parseUrl(url, error);
    if (!location)
        return std::nullopt;
    Connection connection;
    QString problem;
    if (!connection.open(*location, &problem)) {
        if (error)
            *error = message(*location, problem);
        return std::nullopt;
    }
    auto snapshot = fetchSnapshot(connection.db(), *location, &problem);
    if (!snapshot) {
        if (error)
            *error = message(*location, problem);
        return std::nullopt;
    }
    return std::move(snapshot->project);
}

} // namespace Workplan::PostgresStore

namespace Workplan::PostgresRows {

// One `task_json` row (a log row, a refresh) back into a Task: the checks of a fetch.
bool decode(const QJsonObject &row, Task *task, double *ord, QString *problem)
{
    Task t;
    t.id = row.value(QLatin1String("task_id")).toString();
    auto refuse = [&](const QString &what) {
        *problem = QStringLiteral("task '%1': %2").arg(t.id, what);
        return false;
    };
    if (t.id.isEmpty())
        return refuse(QStringLiteral("a row without a task id"));
    *ord = row.value(QLatin1String("ord")).toDouble();
    t.type = row.value(QLatin1String("task_type")).toString();
    const QJsonValue parent = row.value(QLatin1String("parent_task_id"));
    if (parent.isString())
        t.parentId = parent.toString();
    const QString status = row.value(QLatin1String("status")).toString();
    const auto s = statusFromString(status);
    if (!s)
        return refuse(QStringLiteral("unknown status '%1'").arg(status));
    t.status = *s;
    const QString stage = row.value(QLatin1String("lifecycle_stage")).toString();
    const auto l = lifecycleFromString(stage);
    if (!l)
        return refuse(QStringLiteral("unknown lifecycle_stage '%1'").arg(stage));
    t.lifecycle = *l;
    t.hasParentField = row.value(QLatin1String("has_parent_field")).toBool();
    t.hasStatus = row.value(QLatin1String("has_status")).toBool();
    t.hasLifecycle = row.value(QLatin1String("has_lifecycle")).toBool();
    t.hasAttributes = row.value(QLatin1String("has_attributes")).toBool();
    t.hasDependencies = row.value(QLatin1String("has_dependencies")).toBool();
    const QJsonValue x = row.value(QLatin1String("pos_x"));
    const QJsonValue y = row.value(QLatin1String("pos_y"));
    if (x.isDouble() && y.isDouble()) {
        t.position = QPointF(x.toDouble(), y.toDouble());
        t.hasPosition = true;
    }
    t.attributes = row.value(QLatin1String("attributes")).toObject();
    t.extra = row.value(QLatin1String("extra")).toObject();
    const QJsonArray deps = row.value(QLatin1String("dependencies")).toArray();
    for (const QJsonValue &v : deps) {
        const QJsonObject o = v.toObject();
        Dependency d;
        d.taskId = o.value(QLatin1String("prerequisite_task_id")).toString();
        const QString type = o.value(QLatin1String("dependency_type")).toString();
        const auto dt = dependencyTypeFromString(type);
        if (!dt)
            return refuse(QStringLiteral("unknown dependency_type '%1'").arg(type));
        d.type = *dt;
        const QJsonValue description = o.value(QLatin1String("description"));
        if (description.isString()) {
            d.description = description.toString();
            if (d.description.isNull())
                d.description = QStringLiteral("");
        }
        d.mandatory = o.value(QLatin1String("is_mandatory")).toBool();
        d.hasMandatory = o.value(QLatin1String("has_mandatory")).toBool();
        d.waived = o.value(QLatin1String("waived")).toBool();
        d.hasWaived = o.value(QLatin1String("has_waived")).toBool();
        const QJsonValue lag = o.value(QLatin1String("lag"));
        if (lag.isString() || lag.isDouble())
            d.lag = lag;
        else if (!lag.isNull() && !lag.isUndefined())
            return refuse(QStringLiteral("lag on the dependency on '%1' must be an effort text or a number of hours").arg(d.taskId));
        d.conditions = o.value(QLatin1String("conditions")).toObject();
        d.hasConditions = o.value(QLatin1String("has_conditions")).toBool();
        d.extra = o.value(QLatin1String("extra")).toObject();
        t.dependencies.append(std::move(d));
    }
    QList<Task> one{std::move(t)};
    settlePresenceFlags(one, /*withAttributes=*/true);
    *task = std::move(one.first());
    return true;
}

} // namespace Workplan::PostgresRows
