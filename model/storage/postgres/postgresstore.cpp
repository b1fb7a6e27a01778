#include "postgresstore.h"

#include "../../validation.h"
#include "postgresconnection.h"
#include "postgresrows.h"
#include "postgresschema.h"

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

    // The dependencies go with their tasks (ON DELETE CASCADE).
    q.prepare(QStringLiteral("DELETE FROM tasks WHERE project_id = ?::bigint"));
    q.addBindValue(projectId);
    if (!q.exec()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    QList<PostgresRows::Row> rows;
    rows.reserve(project.taskCount());
    for (int i = 0; i < project.taskCount(); ++i)
        rows.append({&project.task(i), double(i)});
    if (!PostgresRows::insert(db, projectId, rows, changeId, QString(), problem))
        return false;

    // The log row below is one jsonb value of every row (about 640 bytes a task), which
    // pglz, the default, compresses at a fraction of lz4's speed: lz4 where the server has
    // it (PostgreSQL 14 and later, built with it), for this transaction only.
    if (!q.exec(QStringLiteral("SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings"
                               " WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)"))) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    q.finish();

    // The log row holds every row and the project's properties, so the log alone replays
    // the project (an editor that missed a republish reloads from here). Each row as the
    // view task_json gives it (postgresschema.cpp), built here with one grouped join rather
    // than the view's lookup per task: 7 times faster on 100k tasks.
    q.prepare(QStringLiteral(
        "INSERT INTO change_log (change_id, project_id, project_version, kind, task_ids, rows, properties)"
        " SELECT ?::bigint, ?::bigint, ?::bigint, ?::text,"
        " coalesce((SELECT array_agg(task_id ORDER BY ord, task_id) FROM tasks WHERE project_id = ?::bigint), '{}'),"
        " coalesce((SELECT jsonb_agg(jsonb_build_object('task_id', t.task_id, 'row', jsonb_build_object("
        "  'task_id', t.task_id, 'ord', t.ord, 'task_type', t.task_type, 'parent_task_id', t.parent_task_id,"
        "  'status', t.status, 'lifecycle_stage', t.lifecycle_stage, 'has_parent_field', t.has_parent_field,"
        "  'has_status', t.has_status, 'has_lifecycle', t.has_lifecycle, 'has_attributes', t.has_attributes,"
        "  'has_dependencies', t.has_dependencies, 'pos_x', t.pos_x, 'pos_y', t.pos_y,"
        "  'attributes', t.attributes::jsonb, 'extra', t.extra, 'dependencies', coalesce(d.list, '[]'::jsonb)))"
        "  ORDER BY t.ord, t.task_id)"
        "  FROM tasks t LEFT JOIN (SELECT task_id, jsonb_agg(jsonb_build_object("
        "   'prerequisite_task_id', prerequisite_task_id, 'dependency_type', dependency_type,"
        "   'description', description, 'is_mandatory', is_mandatory, 'has_mandatory', has_mandatory,"
        "   'waived', waived, 'has_waived', has_waived, 'lag', lag::jsonb, 'conditions', conditions,"
        "   'has_conditions', has_conditions, 'extra', extra) ORDER BY ord) AS list"
        "   FROM dependencies WHERE project_id = ?::bigint GROUP BY task_id) d ON d.task_id = t.task_id"
        "  WHERE t.project_id = ?::bigint), '[]'),"
        " (SELECT jsonb_build_object('project_name', project_name, 'hours_per_day', hours_per_day,"
        "  'days_per_week', days_per_week, 'project_extra', project_extra, 'calendar_extra', calendar_extra,"
        "  'file_extra', file_extra) FROM projects WHERE id = ?::bigint)"));
    q.addBindValue(changeId);
    q.addBindValue(projectId);
    q.addBindValue(version);
    q.addBindValue(version == 1 ? QStringLiteral("publish") : QStringLiteral("replace"));
    q.addBindValue(projectId);
    q.addBindValue(projectId);
    q.addBindValue(projectId);
    q.addBindValue(projectId);
    if (!q.exec()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    q.prepare(QStringLiteral("UPDATE projects SET last_change_id = ?::bigint, properties_version = ?::bigint WHERE id = ?::bigint"));
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
