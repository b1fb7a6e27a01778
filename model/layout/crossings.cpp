#include "crossings.h"

#include "../engine/snapshot.h"
#include "graphlayout.h"

#include <algorithm>
#include <utility>

namespace Workplan {

AdjacentEdges AdjacentEdges::collect(const Snapshot &s, const std::vector<int> &layer)
{
    const int n = s.taskCount();
    int layers = 0;
    for (int l : layer)
        layers = std::max(layers, l + 1);
    AdjacentEdges a;
    a.gapStart.assign(std::max(layers, 1) + 1, 0);

    auto adjacent = [&](int t, int d) {
        const int p = s.depPrereq[d];
        return s.depCounts[d] && p >= 0 && p < n && s.isLeaf(p) && s.isLeaf(t)
            && layer[p] >= 0 && layer[t] == layer[p] + 1;
    };
    // Counting sort by the gap, so the groups come out in declared order.
    for (int t = 0; t < n; ++t) {
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            if (adjacent(t, d))
                ++a.gapStart[layer[s.depPrereq[d]] + 1];
        }
    }
    for (std::size_t k = 1; k < a.gapStart.size(); ++k)
        a.gapStart[k] += a.gapStart[k - 1];
    a.from.resize(a.gapStart.back());
    a.to.resize(a.gapStart.back());
    std::vector<int> fill(a.gapStart.begin(), a.gapStart.end() - 1);
    for (int t = 0; t < n; ++t) {
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            if (!adjacent(t, d))
                continue;
            const int e = fill[layer[s.depPrereq[d]]]++;
            a.from[e] = s.depPrereq[d];
            a.to[e] = t;
        }
    }
    return a;
}

namespace {

// Pairs i < j with v[i] > v[j]; bottom-up merge sort, so no recursion. Equal values (edges
// sharing a card) do not cross.
qint64 inversions(std::vector<double> &v, std::vector<double> &scratch)
{
    const std::size_t n = v.size();
    scratch.resize(n);
    qint64 count = 0;
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, n);
            const std::size_t hi = std::min(lo + 2 * width, n);
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (v[i] <= v[j]) {
                    scratch[k++] = v[i++];
                } else {
                    count += qint64(mid - i);
                    scratch[k++] = v[j++];
                }
            }
            while (i < mid)
                scratch[k++] = v[i++];
            while (j < hi)
                scratch[k++] = v[j++];
        }
        std::swap(v, scratch);
    }
    return count;
}

} // namespace

qint64 AdjacentEdges::crossings(const std::vector<double> &y) const
{
    qint64 total = 0;
    std::vector<std::pair<double, double>> ends;
    std::vector<double> right, scratch;
    for (std::size_t k = 0; k + 1 < gapStart.size(); ++k) {
        const int first = gapStart[k], last = gapStart[k + 1];
        if (last - first < 2)
            continue;
        ends.clear();
        for (int e = first; e < last; ++e)
            ends.emplace_back(y[from[e]], y[to[e]]);
        std::sort(ends.begin(), ends.end());
        right.clear();
        for (const auto &p : ends)
            right.push_back(p.second);
        total += inversions(right, scratch);
    }
    return total;
}

qint64 countCrossings(const Snapshot &snapshot, const LayoutResult &result)
{
    if (int(result.rects.size()) != snapshot.taskCount())
        return 0;
    std::vector<double> y(result.rects.size());
    for (std::size_t t = 0; t < y.size(); ++t)
        y[t] = result.rects[t].center().y();
    return AdjacentEdges::collect(snapshot, result.layer).crossings(y);
}

} // namespace Workplan
