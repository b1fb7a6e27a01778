#pragma once

#include <QtGlobal>

#include <vector>

namespace Workplan {

struct Snapshot;

// The leaf-to-leaf counting dependencies that join column k to column k + 1, grouped by k.
// Built once per layout; counting them again after every sweep is O(E log E).
struct AdjacentEdges
{
    std::vector<int> from;        // prerequisite leaf
    std::vector<int> to;          // dependent leaf
    std::vector<int> gapStart;    // edges of gap k are [gapStart[k], gapStart[k + 1])

    static AdjacentEdges collect(const Snapshot &s, const std::vector<int> &layer);
    // Pairs of edges of one gap whose ends are in opposite order; `y` is per task.
    qint64 crossings(const std::vector<double> &y) const;
};

} // namespace Workplan
