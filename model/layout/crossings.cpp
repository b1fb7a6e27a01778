#include "crossings.h"

#include "../engine/snapshot.h"
#include "flipcount.h"
#include "graphlayout.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace Workplan {

namespace {

// Gap passes counted per evaluation, at most: past it the longest arrows are left out of
// the objective (a 100k-task plan has millions; every sweep would cost seconds).
constexpr long long MaxPasses = 250000;
// Gaps with up to this many passes are counted pair by pair (flipcount.h): no sort, eight
// pairs per instruction (at 256, 32k float pairs cost less than sorting 256 pairs).
constexpr int PairwiseUpTo = 256;

} // namespace

LayerEdges LayerEdges::collect(const Snapshot &s, const std::vector<int> &layer)
{
    const int n = s.taskCount();
    LayerEdges a;
    // A frame's columns: from its first leaf's to its last's, through the parent chain;
    // an ancestor that already spans the column ends the walk (so do all above it).
    constexpr int None = std::numeric_limits<int>::max();
    a.firstCol.assign(n, None);
    a.lastCol.assign(n, -1);
    int layers = 0;
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t) || layer[t] < 0)
            continue;
        layers = std::max(layers, layer[t] + 1);
        for (int p = t; p >= 0 && !(a.firstCol[p] <= layer[t] && a.lastCol[p] >= layer[t]); p = s.parent[p]) {
            a.firstCol[p] = std::min(a.firstCol[p], layer[t]);
            a.lastCol[p] = std::max(a.lastCol[p], layer[t]);
        }
    }

    long long total = 0;
    for (int t = 0; t < n; ++t) {
        for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
            const int p = s.depPrereq[d];
            if (p < 0 || p >= n || p == t || a.lastCol[p] < 0 || a.firstCol[t] == None)
                continue;
            if (a.firstCol[t] <= a.lastCol[p])
                continue;   // nested or backward: drawn round, not across the columns
            a.from.push_back(p);
            a.to.push_back(t);
            a.fromCol.push_back(a.lastCol[p]);
            a.toCol.push_back(a.firstCol[t]);
            total += a.firstCol[t] - a.lastCol[p];
        }
    }
    const int edges = int(a.from.size());
    auto span = [&a](int e) { return a.toCol[e] - a.fromCol[e]; };
    std::vector<char> keep(edges, 1);
    if (total > MaxPasses) {
        std::vector<int> order(edges);
        for (int e = 0; e < edges; ++e)
            order[e] = e;
        std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return span(x) < span(y); });
        long long used = 0;
        for (int e : order) {
            used += span(e);
            keep[e] = used <= MaxPasses;
        }
    }

    // Counting sorts: passes by gap (edges in declared order inside each), edges by task.
    a.gapStart.assign(std::max(layers, 1) + 1, 0);
    a.edgeStart.assign(n + 1, 0);
    for (int e = 0; e < edges; ++e) {
        if (!keep[e])
            continue;
        for (int k = a.fromCol[e]; k < a.toCol[e]; ++k)
            ++a.gapStart[k + 1];
        ++a.edgeStart[a.from[e] + 1];
        ++a.edgeStart[a.to[e] + 1];
    }
    for (std::size_t k = 1; k < a.gapStart.size(); ++k)
        a.gapStart[k] += a.gapStart[k - 1];
    for (int t = 0; t < n; ++t)
        a.edgeStart[t + 1] += a.edgeStart[t];
    a.passEdge.resize(a.gapStart.back());
    a.passLeft.resize(a.passEdge.size());
    a.passRight.resize(a.passEdge.size());
    a.taskEdges.resize(a.edgeStart[n]);
    a.edgePassStart.assign(edges + 1, 0);
    for (int e = 0; e < edges; ++e)
        a.edgePassStart[e + 1] = a.edgePassStart[e] + (keep[e] ? span(e) : 0);
    a.edgePasses.resize(a.edgePassStart[edges]);
    std::vector<int> fill(a.gapStart.begin(), a.gapStart.end() - 1);
    std::vector<int> taskFill(a.edgeStart.begin(), a.edgeStart.end() - 1);
    for (int e = 0; e < edges; ++e) {
        if (!keep[e])
            continue;
        const float length = float(span(e));
        for (int k = a.fromCol[e]; k < a.toCol[e]; ++k) {
            const int i = fill[k]++;
            a.edgePasses[a.edgePassStart[e] + k - a.fromCol[e]] = i;
            a.passEdge[i] = e;
            a.passLeft[i] = float(k - a.fromCol[e]) / length;
            a.passRight[i] = float(k + 1 - a.fromCol[e]) / length;
        }
        a.taskEdges[taskFill[a.from[e]]++] = e;
        a.taskEdges[taskFill[a.to[e]]++] = e;
    }
    return a;
}

namespace {

// Pairs i < j with v[i] > v[j]; bottom-up merge sort, so no recursion. Equal values (edges
// sharing a card) do not cross.
qint64 inversions(float *v, float *scratch, std::size_t n)
{
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

qint64 LayerEdges::gapCrossings(int k, const std::vector<double> &y, Scratch &scratch) const
{
    const int first = gapStart[k], m = gapStart[k + 1] - first;
    if (m < 2)
        return 0;
    // Heights on both sides of the gap, in float: pairwise counting runs four to a vector
    // register, and the layout's heights are whole-ish numbers far inside float's range.
    // Ends shared by two arrows are equal here too (the same value converted), so they
    // do not count.
    scratch.left.resize(m + FlipPadding);
    scratch.right.resize(m + FlipPadding);
    float *left = scratch.left.data(), *right = scratch.right.data();
    for (int i = 0; i < m; ++i) {
        left[i] = heightAt(first + i, passLeft[first + i], y);
        right[i] = heightAt(first + i, passRight[first + i], y);
    }
    if (m <= PairwiseUpTo)
        return flipsWithin(left, right, 0, m);
    // Sorted by left height (ties by right), the crossings are the inversions on the right.
    std::vector<std::pair<float, float>> &ends = scratch.ends;
    ends.resize(m);
    for (int i = 0; i < m; ++i)
        ends[i] = {left[i], right[i]};
    std::sort(ends.begin(), ends.end());
    for (int i = 0; i < m; ++i)
        right[i] = ends[i].second;
    scratch.merge.resize(m);
    return inversions(right, scratch.merge.data(), std::size_t(m));
}

qint64 LayerEdges::crossings(const std::vector<double> &y) const
{
    qint64 total = 0;
    Scratch scratch;
    for (int k = 0; k < gapCount(); ++k)
        total += gapCrossings(k, y, scratch);
    return total;
}

qint64 LayerEdges::pairCount() const
{
    qint64 pairs = 0;
    for (int k = 0; k < gapCount(); ++k) {
        const qint64 m = gapStart[k + 1] - gapStart[k];
        pairs += m * (m - 1) / 2;
    }
    return pairs;
}

qint64 countCrossings(const Snapshot &snapshot, const LayoutResult &result)
{
    if (int(result.rects.size()) != snapshot.taskCount())
        return 0;
    std::vector<double> y(result.rects.size());
    for (std::size_t t = 0; t < y.size(); ++t)
        y[t] = result.rects[t].center().y();
    return LayerEdges::collect(snapshot, result.layer).crossings(y);
}

} // namespace Workplan
