#include "graphlayout.h"

#include "../engine/snapshot.h"
#include "../project.h"
#include "bands.h"
#include "blockorder.h"
#include "crossings.h"
#include "layering.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace Workplan {

namespace {

// Every dependency as plain neighbour lists (a loose one that points right orders cards as
// well as a counting one); a summary end stands for its frame.
struct Neighbours
{
    std::vector<int> predStart, pred;  // CSR by dependent
    std::vector<int> succStart, succ;  // CSR by prerequisite

    explicit Neighbours(const Snapshot &s)
    {
        const int n = s.taskCount();
        predStart.assign(n + 1, 0);
        succStart.assign(n + 1, 0);
        forEach(s, [&](int t, int p) {
            ++predStart[t + 1];
            ++succStart[p + 1];
        });
        for (int t = 0; t < n; ++t) {
            predStart[t + 1] += predStart[t];
            succStart[t + 1] += succStart[t];
        }
        pred.resize(predStart[n]);
        succ.resize(succStart[n]);
        std::vector<int> pf(predStart.begin(), predStart.end() - 1);
        std::vector<int> sf(succStart.begin(), succStart.end() - 1);
        forEach(s, [&](int t, int p) {
            pred[pf[t]++] = p;
            succ[sf[p]++] = t;
        });
    }

    bool isEmpty() const { return pred.empty(); }

private:
    template<typename F>
    static void forEach(const Snapshot &s, F f)
    {
        const int n = s.taskCount();
        for (int t = 0; t < n; ++t) {
            for (int d = s.depStart[t]; d < s.depStart[t + 1]; ++d) {
                const int p = s.depPrereq[d];
                if (p >= 0 && p < n && p != t)
                    f(t, p);
            }
        }
    }
};

// Barycenter ordering of the cards with the swimlanes kept whole: a leaf moves only inside
// its group (its block's cards in its column). Bands themselves move in transposeBands.
class Sweeper
{
public:
    Sweeper(const LayoutOptions &o, Bands &b, BandGeometry &g, const Neighbours &nb,
            const std::vector<int> &layer, const LayerEdges &edges)
        : m_o(o), m_b(b), m_g(g), m_nb(nb), m_layer(layer), m_edges(edges)
    {
    }

    // One column after another; `down` orders by predecessors, otherwise by successors.
    void sweepLeaves(bool down)
    {
        const int layers = int(m_b.layerGroupStart.size()) - 1;
        for (int k = 0; k < layers; ++k) {
            const int l = down ? k : layers - 1 - k;
            for (int i = m_b.layerGroupStart[l]; i < m_b.layerGroupStart[l + 1]; ++i) {
                const int group = m_b.layerGroups[i];
                if (m_b.groupStart[group + 1] - m_b.groupStart[group] > 1)
                    orderGroup(group, down);
            }
        }
    }

private:
    void orderGroup(int group, bool down)
    {
        const std::vector<int> &start = down ? m_nb.predStart : m_nb.succStart;
        const std::vector<int> &list = down ? m_nb.pred : m_nb.succ;
        m_keyed.clear();
        for (int i = m_b.groupStart[group]; i < m_b.groupStart[group + 1]; ++i) {
            const int t = m_b.cells[i];
            double key = m_g.centre[t];   // no neighbours: stay put
            if (start[t] != start[t + 1]) {
                // Where each arrow is in the adjacent column: its other end there, or the
                // point of its straight line (a long arrow's dummy, in Sugiyama's terms).
                double sum = 0;
                int count = 0;
                const double yt = m_g.centre[t];
                for (int e = start[t]; e < start[t + 1]; ++e) {
                    const int u = list[e];
                    const double yu = m_g.centre[u];
                    const int span = down ? m_layer[t] - m_edges.lastCol[u] : m_edges.firstCol[u] - m_layer[t];
                    if (span < 1)
                        continue;
                    sum += yt + (yu - yt) / span;
                    ++count;
                }
                if (count)
                    key = sum / count;
            }
            m_keyed.push_back({key, i, t});
        }
        sortAndStore(m_b.cells, m_b.groupStart[group]);
        m_g.placeGroup(m_b, m_o, group);
    }

    // Ties keep the current order (the row breaks them), so the result is deterministic;
    // std::sort rather than std::stable_sort, which allocates a buffer on every call and
    // there is a call per group per pass.
    void sortAndStore(std::vector<int> &target, int first)
    {
        std::sort(m_keyed.begin(), m_keyed.end(), [](const Keyed &a, const Keyed &b) {
            return a.key < b.key || (a.key == b.key && a.row < b.row);
        });
        for (std::size_t i = 0; i < m_keyed.size(); ++i)
            target[first + int(i)] = m_keyed[i].task;
    }

    const LayoutOptions &m_o;
    Bands &m_b;
    BandGeometry &m_g;
    const Neighbours &m_nb;
    const std::vector<int> &m_layer;
    const LayerEdges &m_edges;
    struct Keyed
    {
        double key;
        int row, task;
    };
    std::vector<Keyed> m_keyed;
};

// Coordinate assignment (issue #16: arrows as short as dot's). A column of a leaf block
// with fewer cards than the block has rows may slide down inside the band: each such group
// moves to the median of where its arrows' other ends would put it (the best offset for
// the sum of its arrows' vertical runs), clamped to its slack; passes left to right and
// back. The order of cards is untouched, so what the sweeps counted stays, and every block
// keeps a full column, so frames keep their size.
void alignGroups(const Bands &b, BandGeometry &geo, const LayoutOptions &o, const Neighbours &nb, int layerCount)
{
    const double cardH = o.cardSize.height();
    const double pitch = cardH + o.rowSpacing;
    std::vector<double> wants;
    for (int pass = 0; pass < 4; ++pass) {
        for (int li = 0; li < layerCount; ++li) {
            const int l = pass % 2 == 0 ? li : layerCount - 1 - li;
            for (int k = b.layerGroupStart[l]; k < b.layerGroupStart[l + 1]; ++k) {
                const int g = b.layerGroups[k];
                const int first = b.groupStart[g], last = b.groupStart[g + 1];
                const double slack = (b.blockRows[b.groupBlock[g]] - (last - first)) * pitch;
                if (slack <= 0)
                    continue;
                const double y0 = geo.blockTop[b.groupBlock[g]];
                wants.clear();
                for (int i = first; i < last; ++i) {
                    const int t = b.cells[i];
                    const double base = y0 + (i - first) * pitch + cardH / 2;
                    for (int e = nb.predStart[t]; e < nb.predStart[t + 1]; ++e)
                        wants.push_back(geo.centre[nb.pred[e]] - base);
                    for (int e = nb.succStart[t]; e < nb.succStart[t + 1]; ++e)
                        wants.push_back(geo.centre[nb.succ[e]] - base);
                }
                if (wants.empty())
                    continue;
                auto mid = wants.begin() + std::ptrdiff_t(wants.size() / 2);
                std::nth_element(wants.begin(), mid, wants.end());
                double want = *mid;
                if (wants.size() % 2 == 0)   // between the two middle ones, as good as either
                    want = (want + *std::max_element(wants.begin(), mid)) / 2;
                const double offset = std::clamp(want, 0.0, slack);
                for (int i = first; i < last; ++i) {
                    const int t = b.cells[i];
                    geo.top[t] = y0 + (i - first) * pitch + offset;
                    geo.centre[t] = geo.top[t] + cardH / 2;
                }
            }
        }
    }
}

} // namespace

LayoutResult layoutGraph(const Snapshot &s, const LayoutOptions &o)
{
    const int n = s.taskCount();
    LayoutResult r;
    r.ids = s.ids;
    if (n == 0)
        return r;

    const LayerAssignment layers = assignLayers(s);
    r.layer = layers.layer;
    r.layerCount = layers.layerCount;
    r.brokenEdges = layers.brokenEdges;

    Bands bands = Bands::build(s, layers.layer, layers.layerCount);
    r.depth = bands.depth;
    BandGeometry geo;
    geo.measure(bands, o);
    geo.place(bands, o);

    // Sweep, keeping the order with the fewest crossings (the file order included).
    const LayerEdges edges = LayerEdges::collect(s, layers.layer);
    r.initialCrossings = edges.crossings(geo.centre);
    qint64 best = r.initialCrossings;
    const Neighbours neighbours(s);
    if (best > 0 && o.sweeps > 0 && !neighbours.isEmpty()) {
        std::vector<int> bestCells = bands.cells;
        Sweeper sweeper(o, bands, geo, neighbours, layers.layer, edges);
        int sinceBest = 0;
        auto keepIfBest = [&] {
            const qint64 now = edges.crossings(geo.centre);
            if (now < best) {
                best = now;
                bestCells = bands.cells;
                sinceBest = 0;
            }
        };
        // A down and an up pass without a new best: the sweeps have settled.
        for (int pass = 0; pass < 2 * o.sweeps && best > 0 && sinceBest < 2; ++pass, ++sinceBest) {
            sweeper.sweepLeaves(pass % 2 == 0);
            keepIfBest();
        }
        bands.cells = std::move(bestCells);
        geo.place(bands, o);
        transposeBands(s, bands, geo, o, edges, qint64(o.transposeEffort * double(edges.pairCount())));
    }
    if (!neighbours.isEmpty())
        alignGroups(bands, geo, o, neighbours, layers.layerCount);
    // Counted again: the transposition and the alignment (long arrows' slopes) changed it.
    r.crossings = edges.crossings(geo.centre);

    // Columns by layer; a frame spans its children plus padding, so nested frames nest.
    const double cardW = o.cardSize.width(), cardH = o.cardSize.height();
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::vector<double> left(n, inf), right(n, -inf);
    for (int t = 0; t < n; ++t) {
        if (s.isLeaf(t) && layers.layer[t] >= 0) {
            left[t] = layers.layer[t] * (cardW + o.layerSpacing);
            right[t] = left[t] + cardW;
        }
    }
    for (auto it = bands.parentsFirst.rbegin(); it != bands.parentsFirst.rend(); ++it) {
        const int t = *it;
        if (!s.isLeaf(t)) {
            if (left[t] == inf) {   // cannot happen for a validated plan; stay finite anyway
                left[t] = 0;
                right[t] = cardW;
            }
            left[t] -= o.framePadding;
            right[t] += o.framePadding;
        }
        const int p = s.parent[t];
        if (p >= 0) {
            left[p] = std::min(left[p], left[t]);
            right[p] = std::max(right[p], right[t]);
        }
    }

    double minLeft = inf;
    for (int t : bands.parentsFirst)
        minLeft = std::min(minLeft, left[t]);
    const double dx = o.margin - minLeft, dy = o.margin;
    r.rects.assign(n, QRectF());
    for (int t : bands.parentsFirst) {
        const double h = s.isLeaf(t) ? cardH : geo.height[t];
        r.rects[t] = QRectF(left[t] + dx, geo.top[t] + dy, right[t] - left[t], h);
        r.bounds = r.bounds.isNull() ? r.rects[t] : r.bounds.united(r.rects[t]);
    }
    return r;
}

LayoutResult layoutProject(const Project &project, const LayoutOptions &options)
{
    return layoutGraph(Snapshot::fromProject(project, Snapshot::Scope::Structure), options);
}

QHash<QString, QPointF> LayoutResult::positions() const
{
    QHash<QString, QPointF> out;
    out.reserve(int(rects.size()));
    for (std::size_t t = 0; t < rects.size(); ++t)
        out.insert(ids[t], rects[t].topLeft());
    return out;
}

std::vector<QPointF> LayoutResult::leafPositions() const
{
    std::vector<QPointF> out;
    for (std::size_t t = 0; t < rects.size(); ++t) {
        if (layer[t] >= 0)
            out.push_back(rects[t].topLeft());
    }
    return out;
}

} // namespace Workplan
