#pragma once

#include "../../project.h"

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

} // namespace Workplan::PostgresStore
