#pragma once

#include <QByteArray>
#include <QString>

namespace Workplan {

struct Analysis;
struct Snapshot;

// `workplan analyze --json` (§5): keys in the contract's order, hours always with a fraction.
QByteArray analysisToJson(const Snapshot &snapshot, const Analysis &analysis, int indent = 0);

// The same facts for a person to read.
QString analysisToText(const Snapshot &snapshot, const Analysis &analysis);

} // namespace Workplan
