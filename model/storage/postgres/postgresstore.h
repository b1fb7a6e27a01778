#pragma once

#include "../../project.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Workplan::PostgresStore {

// Team projects on PostgreSQL (issue #22): many projects in one database, behind the same
// load/save interface as the files. Everything goes through Qt Sql's QPSQL driver with
// prepared statements. The schema is in postgresschema.h and docs/file-format.md.

// Where a project lives, from
//   postgresql://user[:password]@host[:port]/db?project=NAME[&sslmode=MODE]
// (or postgres://). Without a password in the URL libpq itself reads PGPASSWORD, then
// ~/.pgpass; without a host it uses its local socket.
struct Location
{
    QString host;
    int port = -1;              // -1: libpq's default (5432)
    QString database;
    QString user;
    QString password;           // null: let libpq find one
    QString project;
    QString sslMode;            // empty: libpq's default ("prefer")
    QString display;            // the URL without its password, for every message
};

// True for paths this store handles: postgresql:// or postgres://.
bool isUrl(const QString &path);

// Nullopt with *error naming the URL and what is wrong with it.
std::optional<Location> parseUrl(const QString &url, QString *error);

// Reads one project in a single REPEATABLE READ, READ ONLY transaction and hands it out
// only after validateProject: nothing half-loaded. On failure *error names the URL
// (without its password), the project and the problem.
std::optional<Project> fetch(const QString &url, QString *error);

// Publishes `project` under the URL's project name, creating the schema when the database
// has none. An existing project of that name is replaced, all in one transaction that
// also logs the change; on any failure the database is left as it was.
bool publish(const Project &project, const QString &url, QString *error);

// The LISTEN/NOTIFY channel of one project: every commit that changes it notifies there
// with its change id as the payload.
QString notificationChannel(qint64 projectId);

// What an editor needs beside the project to edit it live (TeamSync): everything read in
// one snapshot, so the versions and the last change id match the rows exactly.
struct TeamSnapshot
{
    Project project;
    qint64 projectId = 0;
    qint64 lastChangeId = 0;        // the newest change the snapshot includes
    qint64 propertiesVersion = 0;   // the change that last wrote the project's properties
    QHash<QString, qint64> versions;   // task id -> the change that last wrote its row
    QHash<QString, double> ords;       // task id -> its place in the order
};

// fetch() on an open connection, in its own REPEATABLE READ, READ ONLY transaction. On
// failure *problem is the bare problem (the caller adds the URL).
std::optional<TeamSnapshot> fetchSnapshot(QSqlDatabase &db, const Location &location, QString *problem);

} // namespace Workplan::PostgresStore
