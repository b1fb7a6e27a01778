#pragma once

#include "../../project.h"
#include "jsonschema.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Workplan {

// The interchange file of the contract (§1): jsonreader.cpp (simdjson parses, jsondomreader.cpp
// reads the fields), jsonformatwrite.cpp; the field names are in jsonschema.h.
namespace JsonFormat {

constexpr int kVersion = JsonSchema::kVersion;

// Parses and validates a whole file. On any error returns nullopt and sets *error to a
// message naming `fileName`, the task and the problem; nothing is half-loaded.
std::optional<Project> read(const QByteArray &data, const QString &fileName, QString *error);
std::optional<Project> readFile(const QString &path, QString *error);
// Whether readFile() may drop the pages of `path`'s mapping once the text is parsed: only
// for a file of the file system mapped from a page boundary. A Qt resource's "mapping" is
// memory of the program (a decompressed copy on the heap, or its data section), where
// MADV_DONTNEED would zero whatever else shares those pages.
bool mayDropMappedPages(const QString &path, const void *mapped);

// The object form, fields in the contract's order, unknown fields kept.
QByteArray write(const Project &project);
// Writes through a temporary file beside `path` so a failure leaves the old file intact.
bool writeFile(const Project &project, const QString &path, QString *error);

} // namespace JsonFormat
} // namespace Workplan
