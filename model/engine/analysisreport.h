#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

namespace Workplan {

class JsonWriter;
class Project;
struct Analysis;
struct Snapshot;

// `workplan analyze --json` (§5): keys in the contract's order, hours always with a fraction.
QByteArray analysisToJson(const Snapshot &snapshot, const Analysis &analysis, int indent = 0);
// The same text handed to `sink` a megabyte at a time as it is written: a report of a
// million tasks is a few hundred megabytes that need not all be in memory at once.
void analysisToJson(const Snapshot &snapshot, const Analysis &analysis,
                    const std::function<void(const char *, qsizetype)> &sink);
void writeAnalysisJson(JsonWriter &writer, const Snapshot &snapshot, const Analysis &analysis);

// The same facts for a person to read, tasks named by their titles from `project`
// (taskLabel: the id only where there is no title or two tasks share one); by id without it.
QString analysisToText(const Snapshot &snapshot, const Analysis &analysis, const Project *project = nullptr);

} // namespace Workplan
