#include "edgerouting.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace Workplan {

namespace {

constexpr qreal Inf = std::numeric_limits<qreal>::infinity();
constexpr qreal Spacing = 10;       // between two arrows sharing a roomy gap
constexpr qreal MaxMargin = 6;      // between an arrow and the card it runs past
// Column crossings routed per layout, at most. Long arrows on huge plans cross hundreds of
// columns each (100k tasks: tens of millions of waypoints, minutes and gigabytes); past
// this budget the longest arrows keep the plain curve, which level of detail thins out
// at the zooms where such plans are seen whole anyway.
constexpr long long MaxPasses = 300000;

} // namespace

ChannelRouter::ChannelRouter(const std::vector<QRectF> &cards, qreal cardWidth)
    : m_width(cardWidth)
{
    // Columns: cards by left edge; horizontally overlapping ones share a column (the
    // layout's columns are exact, this only keeps odd input from crossing itself).
    std::vector<QRectF> byLeft(cards);
    std::sort(byLeft.begin(), byLeft.end(), [](const QRectF &a, const QRectF &b) {
        return std::make_tuple(a.left(), a.top()) < std::make_tuple(b.left(), b.top());
    });
    std::vector<std::vector<std::pair<qreal, qreal>>> spans;
    std::vector<qreal> rights;
    for (const QRectF &r : byLeft) {
        if (m_columns.empty() || r.left() >= rights.back() - 0.5) {
            m_columns.push_back({r.left(), {}, {}});
            rights.push_back(r.right());
            spans.emplace_back();
        }
        rights.back() = std::max(rights.back(), r.right());
        spans.back().emplace_back(r.top(), r.bottom());
    }
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        std::vector<std::pair<qreal, qreal>> &s = spans[c];
        std::sort(s.begin(), s.end());
        Column &col = m_columns[c];
        qreal low = -Inf;
        for (const auto &[top, bottom] : s) {
            if (top > low) {
                col.gapLow.push_back(low);
                col.gapHigh.push_back(top);
            }
            low = std::max(low, bottom);
        }
        col.gapLow.push_back(low);
        col.gapHigh.push_back(Inf);
        m_width = std::max(m_width, rights[c] - col.left);
    }
}

int ChannelRouter::columnsLeftOf(qreal x) const
{
    // Columns are disjoint and sorted, so their right edges are sorted too.
    int lo = 0, hi = int(m_columns.size());
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (m_columns[mid].left + m_width <= x + 0.5)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

std::vector<QVector<QPointF>> ChannelRouter::route(const std::vector<Request> &requests) const
{
    struct Pass
    {
        int column, gap;  // the bucket: passes through one gap of one column share it
        qreal ideal;      // where a straight line from start to end crosses the column
        qreal fromY, toY; // tie-breaks: arrows from the same height stay in order
        int request;
        int slot;         // index of the column among the ones this arrow crosses
    };
    // Every pass in request order, then sorted (stably) into buckets by (column, gap): one
    // array instead of a hash of small vectors, whose allocations were most of routing a
    // small plan.
    std::vector<Pass> passes;
    std::vector<QVector<QPointF>> out(requests.size());
    std::vector<char> forward(requests.size(), 1);
    // Which arrows the budget allows: all when it suffices, else the shortest first.
    std::vector<int> span(requests.size()), startCol(requests.size()), endCol(requests.size());
    long long total = 0;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        startCol[i] = columnsLeftOf(requests[i].from.right());
        endCol[i] = columnsLeftOf(requests[i].to.left());
        span[i] = std::abs(endCol[i] - startCol[i]);
        total += span[i];
    }
    passes.reserve(std::size_t(std::min(total, MaxPasses)));
    std::vector<char> routed(requests.size(), 1);
    if (total > MaxPasses) {
        std::vector<int> order(requests.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = int(i);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return span[a] < span[b]; });
        long long used = 0;
        for (const int i : order) {
            used += span[i];
            routed[i] = used <= MaxPasses;
        }
    }
    for (int i = 0; i < int(requests.size()); ++i) {
        if (!routed[i])
            continue;   // out of budget: no waypoints, the plain curve
        const Request &r = requests[i];
        const QPointF p0(r.from.right(), r.from.center().y());
        const QPointF p1(r.to.left(), r.to.center().y());
        const int c0 = startCol[i], c1 = endCol[i];
        forward[i] = c1 > c0;
        // The columns crossed, in the arrow's direction: c0 .. c1 - 1, or c0 - 1 down to c1.
        const int m = std::abs(c1 - c0);
        const int first = forward[i] ? c0 : c0 - 1, step = forward[i] ? 1 : -1;
        const bool straight = forward[i] && p1.x() > p0.x();
        auto along = [&](qreal x) { return p0.y() + std::clamp((x - p0.x()) / (p1.x() - p0.x()), 0.0, 1.0) * (p1.y() - p0.y()); };
        for (int j = 0; j < m; ++j) {
            const int c = first + j * step;
            const Column &col = m_columns[c];
            // Forward: on the straight line from start to end. Backward: level runs, from
            // the start's height to the end's.
            const qreal ideal = straight ? along(col.left + m_width / 2) : p0.y() + (j + 1) * (p1.y() - p0.y()) / (m + 1);
            // The gap holding `ideal`; when a card is there, the gap on the start's side.
            const auto it = std::lower_bound(col.gapHigh.begin(), col.gapHigh.end(), ideal);
            int g = int(it - col.gapHigh.begin());
            if (ideal < col.gapLow[g] && g > 0) {
                // Past the card on the side the arrow comes from: it need not cross over.
                if (p0.y() < (col.gapHigh[g - 1] + col.gapLow[g]) / 2)
                    --g;
            }
            passes.push_back({c, g, ideal, p0.y(), p1.y(), i, j});
        }
        out[i].resize(2 * m);
    }

    // Into buckets by (column, gap) with a counting sort, then each bucket (a few arrows)
    // by where its arrows want to be; the request breaks the last ties (one request passes
    // a column once). One sort of every pass by all six keys was a tenth of a small layout.
    std::vector<int> bucketStart(m_columns.size() + 1, 0);
    for (std::size_t c = 0; c < m_columns.size(); ++c)
        bucketStart[c + 1] = bucketStart[c] + int(m_columns[c].gapLow.size());
    std::vector<int> fill(bucketStart.back() + 1, 0);
    for (const Pass &p : passes)
        ++fill[bucketStart[p.column] + p.gap + 1];
    for (std::size_t b = 1; b < fill.size(); ++b)
        fill[b] += fill[b - 1];
    std::vector<Pass> sorted(passes.size());
    for (const Pass &p : passes)
        sorted[fill[bucketStart[p.column] + p.gap]++] = p;
    passes.swap(sorted);
    auto byPlace = [](const Pass &a, const Pass &b) {
        return std::tie(a.ideal, a.fromY, a.toY, a.request) < std::tie(b.ideal, b.fromY, b.toY, b.request);
    };
    // Written through plain pointers: QVector's operator[] checks for sharing on every call.
    std::vector<QPointF *> target(out.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        target[i] = out[i].data();
    std::vector<qreal> ys;
    for (std::size_t first = 0, last = 0; first < passes.size(); first = last) {
        while (last < passes.size() && passes[last].column == passes[first].column && passes[last].gap == passes[first].gap)
            ++last;
        std::sort(passes.begin() + std::ptrdiff_t(first), passes.begin() + std::ptrdiff_t(last), byPlace);
        const Column &col = m_columns[passes[first].column];
        const int g = passes[first].gap;
        const Pass *bucket = passes.data() + first;
        const qreal low = col.gapLow[g], high = col.gapHigh[g];
        const qreal margin = std::isinf(low) || std::isinf(high) ? MaxMargin : std::min(MaxMargin, (high - low) / 4);
        const qreal lo = low + margin, hi = high - margin;
        const int n = int(last - first);
        std::vector<qreal> &y = ys;
        y.resize(n);
        if (!std::isinf(lo) && !std::isinf(hi) && hi - lo < n * 2 * Spacing) {
            // A narrow gap: evenly spread, so every arrow keeps clear of both cards.
            for (int k = 0; k < n; ++k)
                y[k] = lo + (hi - lo) * (k + 1) / (n + 1);
        } else {
            // A roomy one: each as near its line as the others let it, in order.
            for (int k = 0; k < n; ++k) {
                y[k] = std::clamp(bucket[k].ideal, lo, hi);
                if (k > 0)
                    y[k] = std::max(y[k], y[k - 1] + Spacing);
            }
            for (int k = n - 1; k >= 0; --k)
                y[k] = std::min(y[k], k + 1 < n ? y[k + 1] - Spacing : hi);
        }
        for (int k = 0; k < n; ++k) {
            const Pass &p = bucket[k];
            const bool fwd = forward[p.request];
            const qreal enter = fwd ? col.left : col.left + m_width;
            const qreal leave = fwd ? col.left + m_width : col.left;
            target[p.request][2 * p.slot] = QPointF(enter, y[k]);
            target[p.request][2 * p.slot + 1] = QPointF(leave, y[k]);
        }
    }
    return out;
}

QVector<QPointF> EdgeRoutes::lookup(const DependencyKey &key, const QRectF &from, const QRectF &to) const
{
    const auto it = m_routes.constFind(key);
    if (it == m_routes.constEnd() || it->from != from || it->to != to)
        return {};
    return it->via;
}

} // namespace Workplan
