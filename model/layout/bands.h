#pragma once

#include <vector>

namespace Workplan {

struct LayoutOptions;
struct Snapshot;

// The swimlane structure of a layout. Every summary is a container of items, top-level
// tasks are the container n. An item is a child summary (its frame) or a leaf block: the
// direct leaves of one summary (or one run of top-level leaves) sharing a band of rows.
// Inside a block, leaves are grouped by column; a group's order is its row order.
struct Bands
{
    int n = 0;
    std::vector<int> itemStart;       // CSR by container, size n + 2
    std::vector<int> items;           // >= 0: a summary task; < 0: leaf block ~item
    std::vector<int> leafBlock;       // per task; -1 for summaries
    int blockCount = 0;
    std::vector<int> blockRows;       // rows a block needs: its largest group

    std::vector<int> cells;           // leaves, by (block, layer), row order inside
    std::vector<int> groupStart;      // groups of `cells`, size groups + 1
    std::vector<int> groupBlock;
    std::vector<int> layerGroupStart; // groups by layer: CSR into layerGroups
    std::vector<int> layerGroups;

    std::vector<int> parentsFirst;    // every task reached from the top level
    std::vector<int> depth;

    static Bands build(const Snapshot &s, const std::vector<int> &layer, int layerCount);
    int groupCount() const { return int(groupStart.size()) - 1; }
};

// Vertical placement. Heights never change with the order, tops do.
struct BandGeometry
{
    std::vector<double> height;       // per summary: its frame
    std::vector<double> blockHeight;
    std::vector<double> top;          // per task: card or frame top
    std::vector<double> blockTop;
    std::vector<double> centre;       // per task: vertical centre

    void measure(const Bands &b, const LayoutOptions &o);
    // Stacks every container's items in their current order, then places the cards. O(n).
    void place(const Bands &b, const LayoutOptions &o);
    // Only the cards of one group, after its order changed.
    void placeGroup(const Bands &b, const LayoutOptions &o, int group);

    double itemHeight(int item) const { return item >= 0 ? height[item] : blockHeight[~item]; }
};

} // namespace Workplan
