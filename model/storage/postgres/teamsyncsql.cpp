#include "teamsyncsql.h"

#include "postgresrows.h"
#include "postgresstore.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QVariant>

namespace Workplan::TeamSyncSql {

namespace {

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

QString conflictMessage(const QString &title, const QString &who, const QDateTime &at, bool deleted)
{
    const QString when = at.isValid() ? at.toLocalTime().toString(QStringLiteral("HH:mm")) : QStringLiteral("?");
    const QString by = who.isEmpty() ? QCoreApplication::translate("TeamSync", "someone else") : who;
    if (deleted)
        return QCoreApplication::translate("TeamSync", "%1 was deleted by %2 at %3 — your edit was not applied")
            .arg(title, by, when);
    return QCoreApplication::translate("TeamSync", "%1 was changed by %2 at %3 — your edit was not applied; "
                                                   "the task now shows their change").arg(title, by, when);
}

QString arrayLiteral(const QStringList &items)
{
    QString s = QStringLiteral("{");
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            s += u',';
        QString item = items.at(i);
        item.replace(u'\\', QLatin1String("\\\\")).replace(u'"', QLatin1String("\\\""));
        s += u'"' + item + u'"';
    }
    return s + u'}';
}

bool lockRows(QSqlQuery &q, qint64 projectId, const QStringList &ids, QHash<QString, Row> *rows)
{
    q.prepare(QStringLiteral(
        "SELECT task_id, version, changed_by, changed_at, attributes->>'title', parent_task_id FROM tasks"
        " WHERE project_id = ?::bigint AND task_id = ANY(?::text[]) ORDER BY task_id FOR UPDATE"));
    q.addBindValue(projectId);
    q.addBindValue(arrayLiteral(ids));
    if (!q.exec())
        return false;
    while (q.next())
        rows->insert(q.value(0).toString(), Row{q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toDateTime(),
                                                q.value(4).toString(), q.value(5).toString()});
    return true;
}

LogEntry lastChangeOf(QSqlQuery &q, qint64 projectId, const QString &taskId)
{
    q.prepare(QStringLiteral("SELECT who, at FROM change_log WHERE project_id = ?::bigint AND ?::text = ANY(task_ids)"
                             " ORDER BY change_id DESC LIMIT 1"));
    q.addBindValue(projectId);
    q.addBindValue(taskId);
    if (q.exec() && q.next())
        return LogEntry{q.value(0).toString(), q.value(1).toDateTime()};
    return LogEntry{};
}

std::optional<Blame> checkReferences(QSqlQuery &q, qint64 projectId, const Project &project,
                                     const QStringList &written, const QStringList &deleted,
                                     const QHash<QString, Row> &current, bool *needsCurrent, QString *problem)
{
    const QSet<QString> touched = QSet<QString>(written.cbegin(), written.cend()) + QSet<QString>(deleted.cbegin(), deleted.cend());
    QSet<QString> references;
    QHash<QString, QSet<QString>> newPrerequisites;
    for (const QString &id : written) {
        const Task *t = project.find(id);
        if (!t->parentId.isEmpty())
            references.insert(t->parentId);
        for (const Dependency &d : t->dependencies) {
            references.insert(d.taskId);
            newPrerequisites[id].insert(d.taskId);
        }
        const auto row = current.constFind(id);
        if (row == current.cend() ? !t->parentId.isEmpty() : row->parentId != t->parentId)
            *needsCurrent = true;
    }
    references -= touched;
    if (!references.isEmpty()) {
        const QStringList wanted(references.cbegin(), references.cend());
        q.prepare(QStringLiteral("SELECT task_id FROM tasks WHERE project_id = ?::bigint AND task_id = ANY(?::text[])"));
        q.addBindValue(projectId);
        q.addBindValue(arrayLiteral(wanted));
        if (!q.exec()) {
            *problem = q.lastError().text().simplified();
            return std::nullopt;
        }
        QSet<QString> there;
        while (q.next())
            there.insert(q.value(0).toString());
        for (const QString &id : wanted) {
            if (!there.contains(id)) {
                const LogEntry last = lastChangeOf(q, projectId, id);
                const Task *t = project.find(id);
                return Blame{t ? t->title() : id, last.who, last.at, true};
            }
        }
    }
    if (!deleted.isEmpty()) {
        q.prepare(QStringLiteral(
            "SELECT t.task_id, t.changed_by, t.changed_at, t.attributes->>'title' FROM tasks t"
            " WHERE t.project_id = ?::bigint AND NOT (t.task_id = ANY(?::text[]))"
            " AND (t.parent_task_id = ANY(?::text[]) OR EXISTS (SELECT 1 FROM dependencies d"
            "  WHERE d.project_id = t.project_id AND d.task_id = t.task_id AND d.prerequisite_task_id = ANY(?::text[])))"
            " LIMIT 1"));
        q.addBindValue(projectId);
        q.addBindValue(arrayLiteral(QStringList(touched.cbegin(), touched.cend())));
        q.addBindValue(arrayLiteral(deleted));
        q.addBindValue(arrayLiteral(deleted));
        if (!q.exec()) {
            *problem = q.lastError().text().simplified();
            return std::nullopt;
        }
        if (q.next()) {
            const QString title = q.value(3).toString();
            return Blame{title.isEmpty() ? q.value(0).toString() : title, q.value(1).toString(), q.value(2).toDateTime(), false};
        }
    }
    if (!*needsCurrent && !newPrerequisites.isEmpty()) {
        const QStringList owners(newPrerequisites.keyBegin(), newPrerequisites.keyEnd());
        q.prepare(QStringLiteral("SELECT task_id, prerequisite_task_id FROM dependencies"
                                 " WHERE project_id = ?::bigint AND task_id = ANY(?::text[])"));
        q.addBindValue(projectId);
        q.addBindValue(arrayLiteral(owners));
        if (!q.exec()) {
            *problem = q.lastError().text().simplified();
            return std::nullopt;
        }
        while (q.next())
            newPrerequisites[q.value(0).toString()].remove(q.value(1).toString());
        for (const QSet<QString> &added : std::as_const(newPrerequisites))
            *needsCurrent = *needsCurrent || !added.isEmpty();
    }
    return std::nullopt;
}

std::optional<Blame> firstChangeSince(QSqlQuery &q, qint64 projectId, qint64 since, const QString &clientId,
                                      const Project &project)
{
    q.prepare(QStringLiteral("SELECT who, at, task_ids[1], kind FROM change_log WHERE project_id = ?::bigint"
                             " AND change_id > ?::bigint AND client_id IS DISTINCT FROM ?::text ORDER BY change_id LIMIT 1"));
    q.addBindValue(projectId);
    q.addBindValue(since);
    q.addBindValue(clientId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const QString id = q.value(2).toString();
    const Task *t = project.find(id);
    return Blame{t ? t->title() : (id.isEmpty() ? QStringLiteral("The project") : id), q.value(0).toString(),
                 q.value(1).toDateTime(), false};
}

qint64 nextChangeId(QSqlQuery &q)
{
    if (!q.exec(QStringLiteral("SELECT nextval(pg_get_serial_sequence('change_log', 'change_id'))")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

bool deleteRows(QSqlQuery &q, qint64 projectId, const QStringList &ids, bool keepPublished)
{
    const QString array = arrayLiteral(ids);
    if (!keepPublished) {
        q.prepare(QStringLiteral("DELETE FROM tasks WHERE project_id = ?::bigint AND task_id = ANY(?::text[])"));
        q.addBindValue(projectId);
        q.addBindValue(array);
        return q.exec();
    }
    // A row still as the project's latest publish wrote it is saved first, in the same
    // statement (one snapshot: the saved row is the one deleted), so the log keeps the
    // project as published (published_rows, postgresschema.cpp). Its dependencies go with
    // it (the tasks' delete trigger). About 1 ms more than the plain delete (the view).
    q.prepare(QStringLiteral(
        "WITH saved AS (INSERT INTO published_rows (project_id, change_id, task_id, row)"
        "  SELECT t.project_id, t.version, t.task_id, j.row FROM tasks t"
        "  JOIN projects p ON p.id = t.project_id AND p.published_change_id = t.version"
        "  JOIN task_json j ON j.project_id = t.project_id AND j.task_id = t.task_id"
        "  WHERE t.project_id = ?::bigint AND t.task_id = ANY(?::text[]))"
        " DELETE FROM tasks WHERE project_id = ?::bigint AND task_id = ANY(?::text[])"));
    q.addBindValue(projectId);
    q.addBindValue(array);
    q.addBindValue(projectId);
    q.addBindValue(array);
    return q.exec();
}

bool writeProperties(QSqlQuery &q, qint64 projectId, const Project &project, qint64 changeId)
{
    q.prepare(QStringLiteral("UPDATE projects SET project_name = ?::text, hours_per_day = ?::float8, days_per_week = ?::float8,"
                             " project_extra = ?::jsonb, calendar_extra = ?::jsonb, properties_version = ?::bigint"
                             " WHERE id = ?::bigint"));
    q.addBindValue(project.name.isNull() ? QStringLiteral("") : project.name);
    q.addBindValue(project.calendar.hoursPerDay);
    q.addBindValue(project.calendar.daysPerWeek);
    q.addBindValue(PostgresRows::objectText(project.projectExtra));
    q.addBindValue(PostgresRows::objectText(project.calendarExtra));
    q.addBindValue(changeId);
    q.addBindValue(projectId);
    return q.exec();
}

bool appendLog(QSqlQuery &q, qint64 projectId, qint64 changeId, const QString &clientId, const QString &who,
               const QString &kind, const QStringList &ids, bool properties)
{
    q.prepare(QStringLiteral(
        "INSERT INTO change_log (change_id, project_id, project_version, client_id, who, kind, task_ids, rows, properties)"
        " SELECT ?::bigint, p.id, p.version, ?::text, coalesce(?::text, current_user), ?::text, ?::text[],"
        " (SELECT coalesce(jsonb_agg(jsonb_build_object('task_id', u.id, 'row', j.row) ORDER BY u.n), '[]'::jsonb)"
        "  FROM unnest(?::text[]) WITH ORDINALITY AS u(id, n)"
        "  LEFT JOIN task_json j ON j.project_id = p.id AND j.task_id = u.id),"
        " CASE WHEN ?::boolean THEN jsonb_build_object('project_name', p.project_name, 'hours_per_day', p.hours_per_day,"
        "  'days_per_week', p.days_per_week, 'project_extra', p.project_extra, 'calendar_extra', p.calendar_extra) END"
        " FROM projects p WHERE p.id = ?::bigint"));
    const QString array = arrayLiteral(ids);
    q.addBindValue(changeId);
    q.addBindValue(clientId);
    q.addBindValue(nullable(who));
    q.addBindValue(kind);
    q.addBindValue(array);
    q.addBindValue(array);
    q.addBindValue(properties);
    q.addBindValue(projectId);
    if (!q.exec())
        return false;
    q.prepare(QStringLiteral("UPDATE projects SET last_change_id = ?::bigint WHERE id = ?::bigint"));
    q.addBindValue(changeId);
    q.addBindValue(projectId);
    return q.exec();
}

bool notify(QSqlQuery &q, qint64 projectId, qint64 changeId)
{
    q.prepare(QStringLiteral("SELECT pg_notify(?::text, ?::text)"));
    q.addBindValue(PostgresStore::notificationChannel(projectId));
    q.addBindValue(QString::number(changeId));
    return q.exec();
}

} // namespace Workplan::TeamSyncSql
