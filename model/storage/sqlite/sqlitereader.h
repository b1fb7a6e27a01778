#pragma once

#include "../../attributes.h"
#include "../../project.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

// The rows of an open .workplan database into a Project, for every schema version from
// kOldestSchemaVersion on: the migrations are the columns an older version lacks, read as
// their defaults (sqlitereader.cpp). Opening, checking and joining: sqliteload.cpp.
namespace Workplan::SqliteFormat {

// Why a file is refused.
struct Refusal
{
    QString taskId;     // null: not about one task
    QString problem;
};

// The project, its tasks and dependencies. The attributes are read on another connection
// at the same time (readAttributeRows()) and joined in by the caller.
std::optional<Refusal> readRows(const QSqlDatabase &db, int version, Project &project);
// The attributes of every task, in task order.
std::optional<Refusal> readAttributeRows(const QSqlDatabase &db, int version, std::vector<Attributes> &attributes);

} // namespace Workplan::SqliteFormat
