#pragma once

#include "../project.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace Workplan {

// One way of keeping a project: a file format or a database reached by URL. Each lives in
// its own folder under model/storage/ (json/, sqlite/, postgres/) and is registered once in
// formatregistry.cpp; ProjectFile::load/save only walk the list.
struct StorageFormat
{
    QString name;                               // "json", "workplan", "postgresql"
    // By the ending or URL scheme: the format a save writes and, failing any sniff, a load reads.
    std::function<bool(const QString &path)> matches;
    // By content, for loading only (a SQLite header means a .workplan file whatever its
    // name); empty when the name says everything.
    std::function<bool(const QString &path)> sniff;
    // On failure: nullopt, or false, with *error naming the file (or URL) and the problem.
    // A load hands out only a validated Project; a save leaves the old file (or the
    // published project) as it was.
    std::function<std::optional<Project>(const QString &path, QString *error)> load;
    std::function<bool(const Project &project, const QString &path, QString *error)> save;
    // A file on disk: its save may leave temporaries beside it after a crash.
    bool isFile = true;
};

namespace FormatRegistry {

// Every format, in the order they are asked; the last one takes whatever no other claims.
const std::vector<StorageFormat> &formats();

// The first format whose sniff() or matches() accepts `path`.
const StorageFormat &forLoading(const QString &path);
// The first format whose matches() accepts `path`.
const StorageFormat &forSaving(const QString &path);

} // namespace FormatRegistry
} // namespace Workplan
