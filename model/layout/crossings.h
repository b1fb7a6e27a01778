#pragma once

#include <QtGlobal>

#include <utility>
#include <vector>

namespace Workplan {

struct Snapshot;

// What the ordering minimises (issue #16): every dependency that points right, as a
// straight line from column to column, long ones included. An arrow from a card in column
// a to one in column b runs through the channels between, near its straight line, so it
// takes part in every gap k (between columns k and k + 1) for a <= k < b, at the heights
// the line has there. An end on a summary is its frame: the arrow leaves after the frame's
// last column and arrives at its first. Two arrows cross in a gap when their heights are
// in opposite order on its two sides. Dot counts long edges the same way, through a dummy
// node per layer.
struct LayerEdges
{
    std::vector<int> from, to;           // per edge: prerequisite and dependent task
    std::vector<int> fromCol, toCol;
    std::vector<int> gapStart;           // CSR by gap: the passes of the edges spanning gap k
    std::vector<int> passEdge;
    std::vector<float> passLeft, passRight;  // where on its line the pass starts and ends, 0..1
    std::vector<int> edgePassStart;      // CSR by edge: its passes, gap fromCol first
    std::vector<int> edgePasses;
    std::vector<int> edgeStart;          // CSR by task: the edges ending at it
    std::vector<int> taskEdges;
    std::vector<int> firstCol, lastCol;  // per task: a leaf's column; a frame's first and last

    // `layer` per leaf, -1 for a summary. Passes are kept up to a budget (the shortest
    // edges first), so a huge plan costs the ordering no more than it can afford.
    static LayerEdges collect(const Snapshot &s, const std::vector<int> &layer);

    int gapCount() const { return int(gapStart.size()) - 1; }
    struct Scratch   // buffers reused from gap to gap
    {
        std::vector<float> left, right, merge;
        std::vector<std::pair<float, float>> ends;
    };
    // Crossings in gap k with the tasks' vertical centres `y`.
    qint64 gapCrossings(int k, const std::vector<double> &y, Scratch &scratch) const;
    qint64 crossings(const std::vector<double> &y) const;
    // What counting every gap pair by pair costs: the unit of the ordering's work budgets.
    qint64 pairCount() const;
    // Pass i's height at `along` (its passLeft or passRight): on its arrow's straight line.
    float heightAt(int i, float along, const std::vector<double> &y) const
    {
        const int e = passEdge[i];
        return float(y[from[e]] + (y[to[e]] - y[from[e]]) * along);
    }
};

} // namespace Workplan
