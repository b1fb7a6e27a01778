#include "postgresstore.h"

#include "../../validation.h"
#include "postgresconnection.h"
#include "postgresrows.h"
#include "postgresschema.h"
#include "teamsyncsql.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>


namespace Workplan::PostgresStore {

namespace {

using PostgresRows::objectText;

// QPSQL writes a null QVariant as NULL; required text columns want '' for a null QString.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
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

    // Every row is marked with this publish's change, the version an editor's optimistic
    // check compares (TeamSync): taken first, so the rows can carry it.
    if (!q.exec(QStringLiteral("SELECT nextval(pg_get_serial_sequence('change_log', 'change_id'))")) || !q.next()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    const qint64 changeId = q.value(0).toLongLong();
    q.finish();

    // A republish replaces every row, and what the previous publish left for the log
    // (published_rows, postgresschema.cpp). The dependencies go first, by the index, so
    // the tasks' delete trigger finds none of them left to delete row by row.
    if (version > 1) {
        q.prepare(QStringLiteral("WITH kept AS (DELETE FROM published_rows WHERE project_id = ?::bigint),"
                                 " deps AS (DELETE FROM dependencies WHERE project_id = ?::bigint)"
                                 " DELETE FROM tasks WHERE project_id = ?::bigint"));
        q.addBindValue(projectId);
        q.addBindValue(projectId);
        q.addBindValue(projectId);
        if (!q.exec()) {
            *problem = q.lastError().text().simplified();
            return false;
        }
    }
    QList<PostgresRows::Row> rows;
    QStringList ids;
    rows.reserve(project.taskCount());
    ids.reserve(project.taskCount());
    for (int i = 0; i < project.taskCount(); ++i) {
        rows.append({&project.task(i), double(i)});
        ids.append(project.task(i).id);
    }
    if (!PostgresRows::insert(db, projectId, rows, changeId, QString(), problem))
        return false;

    // The log row names every task, in order, and holds the project's properties, but not
    // the rows (schema version 3): they are the rows of version `changeId`, saved into
    // published_rows by the edit that first rewrites one (TeamSyncSql::deleteRows). An
    // editor that missed a republish reloads the project rather than replaying it.
    q.prepare(QStringLiteral(
        "INSERT INTO change_log (change_id, project_id, project_version, kind, task_ids, rows, properties)"
        " SELECT ?::bigint, id, version, ?::text, ?::text[], NULL,"
        " jsonb_build_object('project_name', project_name, 'hours_per_day', hours_per_day,"
        "  'days_per_week', days_per_week, 'project_extra', project_extra, 'calendar_extra', calendar_extra,"
        "  'file_extra', file_extra)"
        " FROM projects WHERE id = ?::bigint"));
    q.addBindValue(changeId);
    q.addBindValue(version == 1 ? QStringLiteral("publish") : QStringLiteral("replace"));
    q.addBindValue(TeamSyncSql::arrayLiteral(ids));
    q.addBindValue(projectId);
    if (!q.exec()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    q.prepare(QStringLiteral("UPDATE projects SET last_change_id = ?::bigint, properties_version = ?::bigint,"
                             " published_change_id = ?::bigint WHERE id = ?::bigint"));
    q.addBindValue(changeId);
    q.addBindValue(changeId);
    q.addBindValue(changeId);
    q.addBindValue(projectId);
    if (!q.exec()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    // Editors with the project open reload it (TeamSync); delivered at commit.
    q.prepare(QStringLiteral("SELECT pg_notify(?::text, ?::text)"));
    q.addBindValue(notificationChannel(projectId));
    q.addBindValue(QString::number(changeId));
    if (!q.exec()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    return true;
}

} // namespace

QString notificationChannel(qint64 projectId)
{
    return QStringLiteral("workplan_%1").arg(projectId);
}

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
