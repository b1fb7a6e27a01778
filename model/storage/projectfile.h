#pragma once

#include "../project.h"

#include <QString>

#include <optional>

namespace Workplan::ProjectFile {

enum class Format { Json, Workplan };

// By content for reading (a SQLite header means a .workplan file), by ending for writing;
// the formats themselves are listed in formatregistry.cpp.
Format formatForWriting(const QString &path);

// Loads through the format registry (formatregistry.h): a file of any format, or a team
// project when `path` is a postgresql:// URL; on failure returns nullopt with a message
// naming the file.
std::optional<Project> load(const QString &path, QString *error);
// Saves in the format the ending names (formatregistry.h), or publishes to a postgresql://
// URL; the old file (or the published project) survives any failure.
bool save(const Project &project, const QString &path, QString *error);

// Where a save dialog should start for a copy of the project in another form: beside the
// project's own file under its name ("/w/payments.workplan" + "json" -> "/w/payments.json"),
// or, for a project with no file yet, in `fallbackFolder` under the project's name.
QString proposedPath(const QString &filePath, const QString &projectName, const QString &suffix,
                     const QString &fallbackFolder);

} // namespace Workplan::ProjectFile
