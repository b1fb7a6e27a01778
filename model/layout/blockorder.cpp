#include "blockorder.h"

#include "../engine/snapshot.h"
#include "bands.h"
#include "crossings.h"
#include "flipcount.h"
#include "graphlayout.h"

#include <algorithm>
#include <utility>

namespace Workplan {

namespace {

constexpr int MaxRounds = 8;
// Pair comparisons per layout, at most, whatever the effort asks: about 0.2 s here. The
// default effort asks for about 1e8 at 10k tasks and passes this on larger plans.
constexpr qint64 MaxWork = 300000000;

// The moved passes' share of one gap's crossings (l, r: every pass's heights; passes
// [first, last) are the gap's).
qint64 gapCrossings(const float *l, const float *r, int first, int last, const int *moved, int movedCount)
{
    if (5 * movedCount > 2 * (last - first)) {
        // Most of the gap moves: counting all of it is cheaper than moved x all plus moved
        // x moved, and the pairs that did not change cancel in after - before anyway.
        return flipsWithin(l, r, first, last);
    }
    qint64 count = 0;
    for (int a = 0; a < movedCount; ++a) {
        const float li = l[moved[a]], ri = r[moved[a]];
        // Pairs of two moved passes were counted from both sides.
        int twice = 0;
        for (int b = a + 1; b < movedCount; ++b)
            twice += (li - l[moved[b]]) * (ri - r[moved[b]]) < 0.0f;
        count += flipsAgainst(li, ri, l, r, first, last) - twice;
    }
    return count;
}

// Swapping two sibling items moves every task under them, so every arrow with an end
// there (the moved passes) changes its heights; the others stay. The change in crossings
// is then exact from the moved passes alone: each against every pass of its gap, less the
// moved pairs counted twice. The heights of every pass are kept for the current order, so
// a trial costs (moved passes x their gaps' sizes), not a recount of the plan.
class Transposer
{
public:
    Transposer(const Snapshot &s, Bands &b, BandGeometry &geo, const LayoutOptions &o, const LayerEdges &edges)
        : m_s(s), m_b(b), m_geo(geo), m_o(o), m_edges(edges)
    {
        preorder();
        m_blockFirst.assign(b.blockCount, 0);
        m_blockLast.assign(b.blockCount, 0);
        for (int g = b.groupCount() - 1; g >= 0; --g)
            m_blockFirst[b.groupBlock[g]] = b.groupStart[g];
        for (int g = 0; g < b.groupCount(); ++g)
            m_blockLast[b.groupBlock[g]] = b.groupStart[g + 1];
        const int passes = int(edges.passEdge.size());
        m_left.resize(passes + FlipPadding);
        m_right.resize(passes + FlipPadding);
        for (int i = 0; i < passes; ++i) {
            m_left[i] = edges.heightAt(i, edges.passLeft[i], geo.centre);
            m_right[i] = edges.heightAt(i, edges.passRight[i], geo.centre);
        }
        m_edgeStamp.assign(edges.from.size(), 0);
        m_gapCount.assign(edges.gapCount() + 1, 0);
    }

    void run(qint64 budget)
    {
        // The top level first, then parents before children: the big moves first, while
        // the budget lasts.
        std::vector<int> containers{m_b.n};
        for (int t : m_b.parentsFirst) {
            if (m_b.itemStart[t + 1] - m_b.itemStart[t] > 1)
                containers.push_back(t);
        }
        for (int round = 0; round < MaxRounds; ++round) {
            bool improved = false;
            for (int c : containers) {
                for (int i = m_b.itemStart[c]; i + 1 < m_b.itemStart[c + 1]; ++i) {
                    if (m_work > budget)
                        return;
                    improved |= trySwap(i);
                }
            }
            if (!improved)
                return;
        }
    }

private:
    // Tasks in preorder, so a summary's subtree is one range.
    void preorder()
    {
        const int n = m_s.taskCount();
        m_pre.reserve(n);
        m_pos.assign(n, 0);
        m_end.assign(n, 0);
        std::vector<int> stack;
        for (int root = n - 1; root >= 0; --root) {
            if (m_s.parent[root] < 0)
                stack.push_back(root);
        }
        while (!stack.empty()) {
            const int t = stack.back();
            stack.pop_back();
            m_pos[t] = int(m_pre.size());
            m_pre.push_back(t);
            for (int i = m_s.childStart[t + 1] - 1; i >= m_s.childStart[t]; --i)
                stack.push_back(m_s.children[i]);
        }
        std::vector<int> size(n, 1);
        for (auto it = m_pre.rbegin(); it != m_pre.rend(); ++it) {
            if (m_s.parent[*it] >= 0)
                size[m_s.parent[*it]] += size[*it];
        }
        for (int t = 0; t < n; ++t)
            m_end[t] = m_pos[t] + size[t];
    }

    template<typename F>
    void forTasks(int item, F f) const
    {
        if (item >= 0) {
            for (int i = m_pos[item]; i < m_end[item]; ++i)
                f(m_pre[i]);
        } else {
            for (int i = m_blockFirst[~item]; i < m_blockLast[~item]; ++i)
                f(m_b.cells[i]);
        }
    }

    // The passes of every arrow with an end under `item`, each once, grouped by gap below.
    void collectMoved(int item)
    {
        forTasks(item, [&](int t) {
            for (int i = m_edges.edgeStart[t]; i < m_edges.edgeStart[t + 1]; ++i) {
                const int e = m_edges.taskEdges[i];
                if (m_edgeStamp[e] == m_stamp)
                    continue;
                m_edgeStamp[e] = m_stamp;
                for (int j = m_edges.edgePassStart[e]; j < m_edges.edgePassStart[e + 1]; ++j) {
                    const int k = m_edges.fromCol[e] + j - m_edges.edgePassStart[e];
                    m_movedRaw.push_back({k, m_edges.edgePasses[j]});
                    if (m_gapCount[k + 1]++ == 0)
                        m_gaps.push_back(k);
                }
            }
        });
    }

    // Counting sort of the moved passes by gap: m_moved[m_movedStart[g]...] for m_gaps[g].
    void groupMoved()
    {
        std::sort(m_gaps.begin(), m_gaps.end());
        m_movedStart.assign(1, 0);
        for (int k : m_gaps) {
            m_movedStart.push_back(m_movedStart.back() + m_gapCount[k + 1]);
            m_gapCount[k + 1] = m_movedStart[m_movedStart.size() - 2];   // fill position
        }
        m_moved.resize(m_movedRaw.size());
        for (const auto &[k, p] : m_movedRaw)
            m_moved[m_gapCount[k + 1]++] = p;
        for (int k : m_gaps)
            m_gapCount[k + 1] = 0;
    }

    // Crossings of the moved passes with everything in their gaps, the current heights.
    qint64 movedCrossings()
    {
        qint64 count = 0;
        for (std::size_t g = 0; g < m_gaps.size(); ++g) {
            const int k = m_gaps[g];
            const int first = m_edges.gapStart[k], last = m_edges.gapStart[k + 1];
            const int movedCount = m_movedStart[g + 1] - m_movedStart[g];
            count += gapCrossings(m_left.data(), m_right.data(), first, last, m_moved.data() + m_movedStart[g], movedCount);
            m_work += 5 * movedCount > 2 * (last - first) ? qint64(last - first) * (last - first) / 2
                                                          : qint64(movedCount) * (last - first);
        }
        return count;
    }

    void shift(int item, double dy)
    {
        forTasks(item, [&](int t) { m_geo.centre[t] += dy; });
    }

    void refreshHeights()
    {
        for (int p : m_moved) {
            m_left[p] = m_edges.heightAt(p, m_edges.passLeft[p], m_geo.centre);
            m_right[p] = m_edges.heightAt(p, m_edges.passRight[p], m_geo.centre);
        }
    }

    bool trySwap(int i)
    {
        const int a = m_b.items[i], b = m_b.items[i + 1];
        ++m_stamp;
        m_movedRaw.clear();
        m_gaps.clear();
        collectMoved(a);
        collectMoved(b);
        if (m_movedRaw.empty())
            return false;   // no arrow moves: nothing to win
        groupMoved();
        const qint64 before = movedCrossings();
        const double down = m_geo.itemHeight(b) + m_o.bandSpacing;
        const double up = m_geo.itemHeight(a) + m_o.bandSpacing;
        shift(a, down);
        shift(b, -up);
        refreshHeights();
        const qint64 after = movedCrossings();
        if (after >= before) {
            shift(a, -down);
            shift(b, up);
            refreshHeights();
            return false;
        }
        std::swap(m_b.items[i], m_b.items[i + 1]);
        return true;
    }

    const Snapshot &m_s;
    Bands &m_b;
    BandGeometry &m_geo;
    const LayoutOptions &m_o;
    const LayerEdges &m_edges;
    std::vector<int> m_pre, m_pos, m_end;        // preorder; a summary's subtree is [pos, end)
    std::vector<int> m_blockFirst, m_blockLast;  // a leaf block's range of cells
    std::vector<float> m_left, m_right;          // every pass's heights, current order
    std::vector<int> m_edgeStamp;
    int m_stamp = 0;
    std::vector<int> m_gapCount;                 // per gap + 1: moved passes, then fill
    std::vector<int> m_gaps;                     // gaps with moved passes
    std::vector<std::pair<int, int>> m_movedRaw;   // (gap, pass), as collected
    std::vector<int> m_moved, m_movedStart;
    qint64 m_work = 0;
};

} // namespace

void transposeBands(const Snapshot &s, Bands &b, BandGeometry &geo, const LayoutOptions &o,
                    const LayerEdges &edges, qint64 budget)
{
    if (edges.gapCount() > 0 && budget > 0) {
        Transposer t(s, b, geo, o, edges);
        t.run(std::min(budget, MaxWork));
    }
    geo.place(b, o);
}

} // namespace Workplan
