#include "layoutadapter.h"

#include "graphstyle.h"

#include "model/project.h"

#include <QList>

#include <vector>

namespace Workplan {

QPointF fallbackGridPosition(int depth, int fileIndex)
{
    return QPointF(depth * GraphStyle::ColumnSpacing, fileIndex * GraphStyle::RowSpacing);
}

namespace {

// Longest path layering over counting dependencies. Summaries are modelled by two nodes:
// "base" (what every leaf under it must wait for) and "top" (the last layer under it), so a
// dependency on or of a summary costs one edge instead of leaves x leaves.
std::vector<int> leafLayers(const Project &project, const std::vector<int> &parent,
                            const std::vector<bool> &leaf)
{
    const int n = project.taskCount();
    auto base = [](int t) { return 2 * t; };
    auto top = [](int t) { return 2 * t + 1; };
    struct Arc { int to; int w; };
    std::vector<std::vector<Arc>> out(2 * n);
    std::vector<int> indeg(2 * n, 0);
    auto arc = [&](int a, int b, int w) { out[a].push_back({b, w}); ++indeg[b]; };
    for (int t = 0; t < n; ++t) {
        if (parent[t] >= 0) {
            arc(base(parent[t]), base(t), 0);
            arc(top(t), top(parent[t]), 0);
        }
        if (leaf[t])
            arc(base(t), top(t), 0);
        for (const Dependency &d : project.task(t).dependencies) {
            if (!isBlockingType(d.type) || !d.mandatory || d.waived)
                continue;
            const int p = project.indexOf(d.taskId);
            if (p >= 0)
                arc(top(p), base(t), 1);
        }
    }
    // Kahn; a loop in the plan is broken at its first unfinished node so the layout still
    // places everything.
    std::vector<int> value(2 * n, 0);
    std::vector<bool> done(2 * n, false);
    std::vector<int> queue;
    queue.reserve(2 * n);
    for (int v = 0; v < 2 * n; ++v) {
        if (indeg[v] == 0)
            queue.push_back(v);
    }
    size_t head = 0;
    int nextForced = 0;
    int finished = 0;
    while (finished < 2 * n) {
        if (head == queue.size()) {
            while (done[nextForced] || indeg[nextForced] == 0)
                ++nextForced;
            indeg[nextForced] = 0;
            queue.push_back(nextForced);
        }
        const int v = queue[head++];
        if (done[v])
            continue;
        done[v] = true;
        ++finished;
        for (const Arc &a : out[v]) {
            value[a.to] = qMax(value[a.to], value[v] + a.w);
            if (!done[a.to] && --indeg[a.to] == 0)
                queue.push_back(a.to);
        }
    }
    std::vector<int> layer(n, 0);
    for (int t = 0; t < n; ++t)
        layer[t] = value[top(t)];
    return layer;
}

} // namespace

QHash<QString, QPointF> computeLayoutPositions(const Project &project)
{
    using namespace GraphStyle;
    const int n = project.taskCount();
    std::vector<int> parent(n, -1);
    std::vector<std::vector<int>> children(n);
    std::vector<int> roots;
    for (int t = 0; t < n; ++t) {
        const QString &p = project.task(t).parentId;
        parent[t] = p.isEmpty() ? -1 : project.indexOf(p);
        if (parent[t] >= 0)
            children[parent[t]].push_back(t);
        else
            roots.push_back(t);
    }
    std::vector<bool> leaf(n);
    for (int t = 0; t < n; ++t)
        leaf[t] = children[t].empty();
    const std::vector<int> layer = leafLayers(project, parent, leaf);

    // Bands: the direct leaf children of one summary share a band (the top-level leaves
    // another); bands follow the hierarchy depth first, so each frame's bands are adjacent.
    struct Band { std::vector<int> leaves; int depth; std::vector<int> chain; };
    std::vector<Band> bands;
    std::vector<int> chain;
    std::vector<std::pair<int, size_t>> stack;   // (summary, next child), iterative DFS
    auto leafBand = [&](const std::vector<int> &kids) {
        Band b{{}, int(chain.size()), chain};
        for (int c : kids) {
            if (leaf[c])
                b.leaves.push_back(c);
        }
        if (!b.leaves.empty())
            bands.push_back(std::move(b));
    };
    leafBand(roots);
    for (int r : roots) {
        if (leaf[r])
            continue;
        chain.push_back(r);
        leafBand(children[r]);
        stack.push_back({r, 0});
        while (!stack.empty()) {
            auto &[s, next] = stack.back();
            if (next == children[s].size()) {
                stack.pop_back();
                chain.pop_back();
                continue;
            }
            const int c = children[s][next++];
            if (leaf[c])
                continue;
            chain.push_back(c);
            leafBand(children[c]);
            stack.push_back({c, 0});
        }
    }

    QHash<QString, QPointF> positions;
    positions.reserve(n);
    qreal y = 0;
    const std::vector<int> *previous = nullptr;
    std::vector<int> rowsInLayer;
    for (const Band &b : bands) {
        if (previous) {
            size_t common = 0;
            while (common < previous->size() && common < b.chain.size() && (*previous)[common] == b.chain[common])
                ++common;
            const qreal closed = qreal(previous->size() - common);
            const qreal opened = qreal(b.chain.size() - common);
            y += 24 + closed * FramePadding + opened * (FramePadding + FrameHeader);
        } else {
            y += qreal(b.chain.size()) * (FramePadding + FrameHeader);
        }
        rowsInLayer.assign(rowsInLayer.size(), 0);
        int rows = 0;
        for (int t : b.leaves) {
            const int l = layer[t];
            if (size_t(l) >= rowsInLayer.size())
                rowsInLayer.resize(l + 1, 0);
            const int row = rowsInLayer[l]++;
            rows = qMax(rows, row + 1);
            positions.insert(project.task(t).id, QPointF(l * ColumnSpacing, y + row * RowSpacing));
        }
        y += (rows - 1) * RowSpacing + CardHeight;
        previous = &b.chain;
    }
    return positions;
}

} // namespace Workplan
