#pragma once

#include "sqliteformat.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QString>

// The .workplan file's schema and versions, shared by the writer (sqlitewriter.cpp) and
// the reader (sqlitereader.cpp, which migrates the older versions as it reads). The version
// numbers are public, in sqliteformat.h.
namespace Workplan::SqliteFormat {

// Schema v4 (docs/file-format.md). v1 had no canvas position (pos_x, pos_y); v2 no
// calendar_extra (§6's working_days, day_start, holidays and unknown calendar fields), which
// v1 and v2 files read as empty. v1 to v3 kept each presence flag and boolean in a column
// of its own, which v4 packs into one integer per row (TaskPresence, DependencyFlags), and
// an attribute per row (task, ord, name, type, value), where v4 keeps a task's attributes
// as one compact JSON object: each row and column costs a load its decoding, and at 100k
// tasks the attribute rows were four in ten of all rows (SQL still reaches a value:
// json_each(object), json_extract(object, '$.title')).
// Attributes and dependencies are plain rowid tables without an index: rows are written in
// task (and ord) order, so reading by rowid is already in order and costs no sort; a file
// whose rows are out of order (made by hand) is read through ORDER BY task, ord instead.
inline constexpr const char *kSchema[] = {
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
    " present INTEGER NOT NULL,"
    " pos_x REAL,"
    " pos_y REAL,"
    " extra TEXT)",
    "CREATE TABLE attributes ("
    " task INTEGER NOT NULL,"
    " object TEXT NOT NULL)",
    "CREATE TABLE dependencies ("
    " task INTEGER NOT NULL,"
    " ord INTEGER NOT NULL,"
    " dependency_task_id TEXT NOT NULL,"
    " dependency_type TEXT NOT NULL,"
    " description TEXT,"
    " flags INTEGER NOT NULL,"
    " lag TEXT,"
    " conditions TEXT,"
    " extra TEXT)",
};

// The bits of tasks.present: which of a task's optional fields the source spelled out.
enum TaskPresence : int {
    HasParentField = 1,
    HasStatus = 2,
    HasLifecycle = 4,
    HasAttributes = 8,
    HasDependencies = 16,
    AllTaskPresence = 31,
};
// The bits of dependencies.flags.
enum DependencyFlags : int {
    IsMandatory = 1,
    HasMandatory = 2,
    IsWaived = 4,
    HasWaived = 8,
    HasConditions = 16,
    AllDependencyFlags = 31,
};

// A connection name of its own for every open: QSqlDatabase connections are global by name.
inline QString connectionName(const char *what)
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

} // namespace Workplan::SqliteFormat
