#include "postgresstore.h"

#include "../json/jsonwriter.h"
#include "../../validation.h"
#include "postgresconnection.h"
#include "postgresschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <array>

namespace Workplan::PostgresStore {

namespace {

// Many rows per INSERT: every statement is a round trip to the server, which costs far
// more than a row. 100 rows of 16 columns stay well below PostgreSQL's 65535 parameters.
class BatchInsert
{
public:
    static constexpr int kRowsPerStatement = 100;

    // `row` is one row's placeholder list with casts, e.g. "(?::bigint, ?::text)": the
    // casts settle each parameter's type whatever the server would infer.
    BatchInsert(const QSqlDatabase &db, QLatin1StringView head, QLatin1StringView row)
        : m_db(db), m_full(db), m_head(head), m_row(row)
    {
    }

    void value(const QVariant &v) { m_values.append(v); }
    bool endRow()
    {
        ++m_rows;
        return m_rows < kRowsPerStatement || flush();
    }
    bool finish() { return m_rows == 0 || flush(); }
    QString error() const { return m_error; }

private:
    QString sql(int rows) const
    {
        QString s = m_head + QLatin1String(" VALUES ");
        for (int r = 0; r < rows; ++r) {
            if (r)
                s += u',';
            s += m_row;
        }
        return s;
    }

    bool flush()
    {
        QSqlQuery partial(m_db);
        QSqlQuery *q = &m_full;
        if (m_rows == kRowsPerStatement) {
            if (!m_fullPrepared && !(m_fullPrepared = m_full.prepare(sql(kRowsPerStatement))))
                return fail(m_full);
        } else {
            q = &partial;
            if (!partial.prepare(sql(m_rows)))
                return fail(partial);
        }
        for (int i = 0; i < m_values.size(); ++i)
            q->bindValue(i, m_values.at(i));
        if (!q->exec())
            return fail(*q);
        m_values.clear();
        m_rows = 0;
        return true;
    }

    bool fail(const QSqlQuery &q)
    {
        m_error = q.lastError().text().simplified();
        return false;
    }

    QSqlDatabase m_db;
    QSqlQuery m_full;
    bool m_fullPrepared = false;
    QString m_head;
    QString m_row;
    QVariantList m_values;
    int m_rows = 0;
    QString m_error;
};

QString objectText(const QJsonObject &o)
{
    return QString::fromUtf8(compactJson(o));
}

// QPSQL writes a null QVariant as NULL; required text columns want '' for a null QString.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

bool writeTasks(const QSqlDatabase &db, const Project &project, qint64 projectId, qint64 version, QString *problem)
{
    BatchInsert tasks(db, QLatin1StringView(
        "INSERT INTO tasks (project_id, pos, task_id, task_type, parent_task_id, status,"
        " lifecycle_stage, has_parent_field, has_status, has_lifecycle, has_attributes,"
        " has_dependencies, pos_x, pos_y, attributes, extra, version)"),
        QLatin1StringView("(?::bigint, ?::integer, ?::text, ?::text, ?::text, ?::text, ?::text, ?::boolean,"
                          " ?::boolean, ?::boolean, ?::boolean, ?::boolean, ?::float8, ?::float8, ?::json,"
                          " ?::jsonb, ?::bigint)"));
    BatchInsert dependencies(db, QLatin1StringView(
        "INSERT INTO dependencies (project_id, pos, ord, prerequisite_task_id, dependency_type,"
        " description, is_mandatory, has_mandatory, waived, has_waived, lag, conditions,"
        " has_conditions, extra)"),
        QLatin1StringView("(?::bigint, ?::integer, ?::integer, ?::text, ?::text, ?::text, ?::boolean,"
                          " ?::boolean, ?::boolean, ?::boolean, ?::text, ?::jsonb, ?::boolean, ?::jsonb)"));
    for (int i = 0; i < project.taskCount(); ++i) {
        const Task &t = project.task(i);
        tasks.value(projectId);
        tasks.value(i);
        tasks.value(text(t.id));
        tasks.value(text(t.type));
        tasks.value(t.parentId.isEmpty() ? QVariant() : QVariant(t.parentId));
        tasks.value(toString(t.status));
        tasks.value(toString(t.lifecycle));
        for (bool flag : {t.hasParentField, t.hasStatus, t.hasLifecycle, t.hasAttributes, t.hasDependencies})
            tasks.value(flag);
        tasks.value(t.hasPosition ? QVariant(t.position.x()) : QVariant());
        tasks.value(t.hasPosition ? QVariant(t.position.y()) : QVariant());
        // Compact JSON in QJsonObject order, exactly the text a .workplan would hold.
        tasks.value(objectText(t.attributes));
        tasks.value(objectText(t.extra));
        tasks.value(version);
        if (!tasks.endRow()) {
            *problem = tasks.error();
            return false;
        }
        int ord = 0;
        for (const Dependency &d : t.dependencies) {
            dependencies.value(projectId);
            dependencies.value(i);
            dependencies.value(ord++);
            dependencies.value(text(d.taskId));
            dependencies.value(toString(d.type));
            dependencies.value(d.description.isNull() ? QVariant() : QVariant(d.description));
            for (bool flag : {d.mandatory, d.hasMandatory, d.waived, d.hasWaived})
                dependencies.value(flag);
            const bool hasLag = !d.lag.isUndefined() && !d.lag.isNull();
            dependencies.value(hasLag ? QVariant(QString::fromUtf8(compactJson(d.lag))) : QVariant());
            dependencies.value(objectText(d.conditions));
            dependencies.value(d.hasConditions);
            dependencies.value(objectText(d.extra));
            if (!dependencies.endRow()) {
                *problem = dependencies.error();
                return false;
            }
        }
    }
    // Tasks first: every dependency row refers to its task's row.
    if (!tasks.finish()) {
        *problem = tasks.error();
        return false;
    }
    if (!dependencies.finish()) {
        *problem = dependencies.error();
        return false;
    }
    return true;
}

// Everything of one publish, inside the caller's transaction.
bool writeProject(QSqlDatabase &db, const Project &project, const Location &location, QString *problem)
{
    if (!PostgresSchema::ensure(db, problem))
        return false;

    // Insert or replace in one statement: the row lock of ON CONFLICT DO UPDATE makes a
    // second publisher of the same name wait for this transaction.
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO projects (name, project_name, hours_per_day, days_per_week, project_extra,"
        " calendar_extra, file_extra)"
        " VALUES (?::text, ?::text, ?::float8, ?::float8, ?::jsonb, ?::jsonb, ?::jsonb)"
        " ON CONFLICT (name) DO UPDATE SET project_name = EXCLUDED.project_name,"
        " hours_per_day = EXCLUDED.hours_per_day, days_per_week = EXCLUDED.days_per_week,"
        " project_extra = EXCLUDED.project_extra, calendar_extra = EXCLUDED.calendar_extra,"
        " file_extra = EXCLUDED.file_extra, version = projects.version + 1, published_at = now()"
        " RETURNING id, version"));
    q.addBindValue(location.project);
    q.addBindValue(text(project.name));
    q.addBindValue(project.calendar.hoursPerDay);
    q.addBindValue(project.calendar.daysPerWeek);
    q.addBindValue(objectText(project.projectExtra));
    q.addBindValue(objectText(project.calendarExtra));
    q.addBindValue(objectText(project.extra));
    if (!q.exec() || !q.next()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    const qint64 projectId = q.value(0).toLongLong();
    const qint64 version = q.value(1).toLongLong();
    q.finish();

    // The dependencies go with their tasks (ON DELETE CASCADE).
    q.prepare(QStringLiteral("DELETE FROM tasks WHERE project_id = ?::bigint"));
    q.addBindValue(projectId);
    if (!q.exec()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    if (!writeTasks(db, project, projectId, version, problem))
        return false;

    q.prepare(QStringLiteral(
        "INSERT INTO change_log (project_id, project_version, kind, task_ids)"
        " SELECT ?::bigint, ?::bigint, ?::text, coalesce(array_agg(task_id ORDER BY pos), '{}')"
        " FROM tasks WHERE project_id = ?::bigint"));
    q.addBindValue(projectId);
    q.addBindValue(version);
    q.addBindValue(version == 1 ? QStringLiteral("publish") : QStringLiteral("replace"));
    q.addBindValue(projectId);
    if (!q.exec()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    return true;
}

} // namespace

bool publish(const Project &project, const QString &url, QString *error)
{
    const auto location = parseUrl(url, error);
    if (!location)
        return false;
    auto fail = [&](const QString &problem) {
        if (error)
            *error = message(*location, problem);
        return false;
    };
    // A fetch refuses what breaks the contract, so the store never takes it in.
    if (const auto invalid = validateProject(project))
        return fail(QStringLiteral("cannot publish project '%1': %2")
                        .arg(location->project, invalid->taskId.isNull() ? invalid->problem
                                                                         : QStringLiteral("task '%1': %2").arg(invalid->taskId, invalid->problem)));
    Connection connection;
    QString problem;
    if (!connection.open(*location, &problem))
        return fail(problem);
    QSqlDatabase &db = connection.db();
    if (!db.transaction())
        return fail(QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text().simplified()));
    if (!writeProject(db, project, *location, &problem)) {
        db.rollback();
        return fail(QStringLiteral("cannot publish project '%1': %2").arg(location->project, problem));
    }
    if (!db.commit()) {
        const QString why = db.lastError().text().simplified();
        db.rollback();
        return fail(QStringLiteral("cannot publish project '%1': %2").arg(location->project, why));
    }
    return true;
}

} // namespace Workplan::PostgresStore
