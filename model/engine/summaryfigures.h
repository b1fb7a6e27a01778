#pragma once

#include <vector>

namespace Workplan {

struct Analysis;
struct Snapshot;

// What a folded summary card says about everything under it (issue #16, overview): how
// many leaf tasks it holds, how many of them are blocked, and when the first starts and
// the last finishes. Per snapshot index (a leaf counts itself), so one O(n) pass over the
// parent array serves every collapsed card of a 100k-task plan.
struct SummaryFigures
{
    std::vector<int> leaves;
    std::vector<int> blocked;
    // Hours from the project start; NaN when there is no schedule (cycles) or no leaf.
    std::vector<double> start;
    std::vector<double> finish;

    bool isEmpty() const { return leaves.empty(); }
};

SummaryFigures summaryFigures(const Snapshot &snapshot, const Analysis &analysis);

} // namespace Workplan
