#pragma once

#include "../../project.h"

#include <QString>

#include <optional>

namespace Workplan {

// The .workplan project file: one SQLite database written through Qt Sql (QSQLITE).
// The schema is documented in docs/file-format.md and created by sqliteschema.h; saving is
// sqlitewriter.cpp, loading sqliteload.cpp and sqlitereader.cpp, the values sqlitecodec.*.
namespace SqliteFormat {

// PRAGMA application_id: "WPLN", so other SQLite files are told apart from ours.
constexpr qint32 kApplicationId = 0x57504C4E;
// PRAGMA user_version: the schema version this build writes. Older versions are read
// through a migration path; newer ones are refused.
constexpr int kSchemaVersion = 4;
constexpr int kOldestSchemaVersion = 1;

// Loads and validates a whole file, opened read-only: nothing on disk ever changes.
// On any error returns nullopt and sets *error to a message naming `path` and the problem.
std::optional<Project> readFile(const QString &path, QString *error);

// Writes a complete temporary database beside `path`, syncs it and renames it over
// `path`, so the old file survives any failure (and any crash) untouched.
bool writeFile(const Project &project, const QString &path, QString *error);

} // namespace SqliteFormat
} // namespace Workplan
