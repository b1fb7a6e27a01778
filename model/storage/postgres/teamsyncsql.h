#pragma once

#include "../../project.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <optional>

// The statements of one TeamSync edit transaction (teamsync.cpp), each a prepared
// statement on the caller's query inside the caller's transaction.
namespace Workplan::TeamSyncSql {

// A touched task's row as the database has it now, locked FOR UPDATE.
struct Row
{
    qint64 version = 0;
    QString who;
    QDateTime at;
    QString title;
    QString parentId;
};

// Who last changed something, and the task to name in the message.
struct Blame
{
    QString title;
    QString who;
    QDateTime at;
    bool deleted = false;
};

struct LogEntry
{
    QString who;
    QDateTime at;
};

// "Deploy to Staging was changed by dana at 14:02 — your edit was not applied; the task
// now shows their change" (or "was deleted by").
QString conflictMessage(const QString &title, const QString &who, const QDateTime &at, bool deleted);

// A text[] literal for `?::text[]`: QPSQL binds no lists.
QString arrayLiteral(const QStringList &items);

bool lockRows(QSqlQuery &q, qint64 projectId, const QStringList &ids, QHash<QString, Row> *rows);
LogEntry lastChangeOf(QSqlQuery &q, qint64 projectId, const QString &taskId);

// The first reference the edit would break: a parent or prerequisite of a written row that
// is gone, or a task outside the edit that still refers to a deleted one. Sets
// *needsCurrent when a written row gains a dependency or changes parent. *problem: SQL.
std::optional<Blame> checkReferences(QSqlQuery &q, qint64 projectId, const Project &project,
                                     const QStringList &written, const QStringList &deleted,
                                     const QHash<QString, Row> &current, bool *needsCurrent, QString *problem);
// The first change after `since` made by another editor, if any.
std::optional<Blame> firstChangeSince(QSqlQuery &q, qint64 projectId, qint64 since, const QString &clientId,
                                      const Project &project);

qint64 nextChangeId(QSqlQuery &q);
// Deletes the rows (their dependencies go with them); with `keepPublished`, first saves into
// published_rows those still as the latest publish wrote them.
bool deleteRows(QSqlQuery &q, qint64 projectId, const QStringList &ids, bool keepPublished);
bool writeProperties(QSqlQuery &q, qint64 projectId, const Project &project, qint64 changeId);
// The log row, holding the new rows (from the task_json view; null for a deleted task)
// and, when they changed, the project's properties; then projects.last_change_id.
bool appendLog(QSqlQuery &q, qint64 projectId, qint64 changeId, const QString &clientId, const QString &who,
               const QString &kind, const QStringList &ids, bool properties);
bool notify(QSqlQuery &q, qint64 projectId, qint64 changeId);

} // namespace Workplan::TeamSyncSql
