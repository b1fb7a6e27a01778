#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Workplan::PostgresSchema {

// The team-project schema on PostgreSQL (docs/file-format.md, "Team projects on
// PostgreSQL"). Its version lives in the one row of `workplan_meta`, independent of the
// .workplan file's version: the two formats change at different times.
constexpr int kSchemaVersion = 3;

// Old: a version this build upgrades (ensure() does, in the caller's transaction).
enum class State { Missing, Old, Current };

// Inside an open transaction: whether the schema is there and of a version this build
// reads, and then its version in *version (when given). Nullopt with *problem set when it is
// newer, older than version 1, or damaged.
std::optional<State> inspect(const QSqlDatabase &db, QString *problem, int *version = nullptr);

// Inside an open transaction: creates the schema when it is missing, upgrades an older
// one (version 1 → 2 → 3, docs/file-format.md), or checks the one there. Concurrent first
// publishers are serialised by a transaction-scoped advisory lock, so exactly one of them
// creates the tables.
bool ensure(const QSqlDatabase &db, QString *problem);

} // namespace Workplan::PostgresSchema
