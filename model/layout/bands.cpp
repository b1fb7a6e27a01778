#include "bands.h"

#include "../engine/snapshot.h"
#include "graphlayout.h"

#include <algorithm>
#include <tuple>

namespace Workplan {

Bands Bands::build(const Snapshot &s, const std::vector<int> &layer, int layerCount)
{
    const int n = s.taskCount();
    Bands b;
    b.n = n;
    b.leafBlock.assign(n, -1);
    b.itemStart.assign(n + 2, 0);
    b.items.reserve(n);

    // A summary's direct leaves form one block, placed where its first leaf is in file
    // order; the top level keeps file order, so only a run of top-level leaves shares one.
    for (int c = 0; c < n; ++c) {
        b.itemStart[c] = int(b.items.size());
        if (s.isLeaf(c))
            continue;
        int block = -1;
        for (int i = s.childStart[c]; i < s.childStart[c + 1]; ++i) {
            const int child = s.children[i];
            if (!s.isLeaf(child)) {
                b.items.push_back(child);
                continue;
            }
            if (block < 0) {
                block = b.blockCount++;
                b.items.push_back(~block);
            }
            b.leafBlock[child] = block;
        }
    }
    b.itemStart[n] = int(b.items.size());
    for (int t = 0; t < n; ++t) {
        if (s.parent[t] >= 0)
            continue;
        if (!s.isLeaf(t)) {
            b.items.push_back(t);
        } else {
            if (int(b.items.size()) == b.itemStart[n] || b.items.back() >= 0)
                b.items.push_back(~b.blockCount++);
            b.leafBlock[t] = ~b.items.back();
        }
    }
    b.itemStart[n + 1] = int(b.items.size());

    // Breadth first from the top level: parents before children, no recursion.
    b.depth.assign(n, 0);
    b.parentsFirst.reserve(n);
    for (int t = 0; t < n; ++t) {
        if (s.parent[t] < 0)
            b.parentsFirst.push_back(t);
    }
    for (std::size_t head = 0; head < b.parentsFirst.size(); ++head) {
        const int t = b.parentsFirst[head];
        for (int i = s.childStart[t]; i < s.childStart[t + 1]; ++i) {
            b.depth[s.children[i]] = b.depth[t] + 1;
            b.parentsFirst.push_back(s.children[i]);
        }
    }

    // Groups: file order inside every (block, layer) to start with.
    for (int t : b.parentsFirst) {
        if (b.leafBlock[t] >= 0)
            b.cells.push_back(t);
    }
    std::sort(b.cells.begin(), b.cells.end(), [&](int x, int y) {
        return std::make_tuple(b.leafBlock[x], layer[x], x) < std::make_tuple(b.leafBlock[y], layer[y], y);
    });
    b.blockRows.assign(b.blockCount, 1);
    std::vector<int> groupLayer;
    for (int i = 0; i < int(b.cells.size()); ++i) {
        const int t = b.cells[i];
        if (i == 0 || b.leafBlock[t] != b.leafBlock[b.cells[i - 1]] || layer[t] != layer[b.cells[i - 1]]) {
            b.groupStart.push_back(i);
            b.groupBlock.push_back(b.leafBlock[t]);
            groupLayer.push_back(layer[t]);
        }
        const int rows = i - b.groupStart.back() + 1;
        b.blockRows[b.leafBlock[t]] = std::max(b.blockRows[b.leafBlock[t]], rows);
    }
    b.groupStart.push_back(int(b.cells.size()));

    b.layerGroupStart.assign(layerCount + 1, 0);
    for (int l : groupLayer)
        ++b.layerGroupStart[l + 1];
    for (int l = 0; l < layerCount; ++l)
        b.layerGroupStart[l + 1] += b.layerGroupStart[l];
    b.layerGroups.resize(groupLayer.size());
    std::vector<int> fill(b.layerGroupStart.begin(), b.layerGroupStart.end() - 1);
    for (int g = 0; g < int(groupLayer.size()); ++g)
        b.layerGroups[fill[groupLayer[g]]++] = g;
    return b;
}

void BandGeometry::measure(const Bands &b, const LayoutOptions &o)
{
    const double cardH = o.cardSize.height();
    blockHeight.resize(b.blockCount);
    for (int k = 0; k < b.blockCount; ++k)
        blockHeight[k] = b.blockRows[k] * cardH + (b.blockRows[k] - 1) * o.rowSpacing;

    height.assign(b.n, 0.0);
    for (auto it = b.parentsFirst.rbegin(); it != b.parentsFirst.rend(); ++it) {
        const int t = *it;
        const int first = b.itemStart[t], last = b.itemStart[t + 1];
        if (first == last)
            continue;
        double h = o.headerHeight + 2 * o.framePadding + (last - first - 1) * o.bandSpacing;
        for (int i = first; i < last; ++i)
            h += itemHeight(b.items[i]);
        height[t] = h;
    }
    top.assign(b.n, 0.0);
    centre.assign(b.n, 0.0);
    blockTop.assign(b.blockCount, 0.0);
}

void BandGeometry::place(const Bands &b, const LayoutOptions &o)
{
    auto stack = [&](int container, double y) {
        for (int i = b.itemStart[container]; i < b.itemStart[container + 1]; ++i) {
            const int item = b.items[i];
            if (item >= 0) {
                top[item] = y;
                centre[item] = y + height[item] / 2;
            } else {
                blockTop[~item] = y;
            }
            y += itemHeight(item) + o.bandSpacing;
        }
    };
    stack(b.n, 0.0);
    for (int t : b.parentsFirst) {
        if (b.itemStart[t] != b.itemStart[t + 1])
            stack(t, top[t] + o.headerHeight + o.framePadding);
    }
    for (int g = 0; g < b.groupCount(); ++g)
        placeGroup(b, o, g);
}

void BandGeometry::placeGroup(const Bands &b, const LayoutOptions &o, int group)
{
    const double cardH = o.cardSize.height();
    const double y0 = blockTop[b.groupBlock[group]];
    for (int i = b.groupStart[group]; i < b.groupStart[group + 1]; ++i) {
        const int t = b.cells[i];
        top[t] = y0 + (i - b.groupStart[group]) * (cardH + o.rowSpacing);
        centre[t] = top[t] + cardH / 2;
    }
}

} // namespace Workplan
