#pragma once

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <vector>

namespace Workplan {

class Project;
struct Snapshot;

struct LayoutOptions
{
    QSizeF cardSize{180, 64};     // every leaf card
    qreal layerSpacing = 60;      // horizontal gap between two layer columns
    qreal rowSpacing = 16;        // vertical gap between two cards of one band
    qreal bandSpacing = 16;       // vertical gap between sibling bands (frames, leaf groups)
    qreal framePadding = 12;      // between a frame and what it holds, on every side
    qreal headerHeight = 28;      // label band on top of a summary frame
    qreal margin = 20;            // the top-left corner of the whole drawing
    int sweeps = 4;               // down+up barycenter passes; 0 keeps the file order
    // Band transposition's work: this many times one pairwise count of every gap (bounded
    // for huge plans in blockorder.cpp); 0 keeps the bands in file order.
    qreal transposeEffort = 2;
};

// Indices are file-order task indices of the Snapshot that was laid out.
struct LayoutResult
{
    std::vector<QString> ids;
    std::vector<QRectF> rects;    // leaf: its card; summary: its frame (header included)
    std::vector<int> layer;       // leaf: its column (topological generation); summary: -1
    std::vector<int> depth;       // 0 for top-level tasks
    int layerCount = 0;
    int brokenEdges = 0;          // dependency/structure edges ignored to break cycles
    qint64 initialCrossings = 0;  // countCrossings() of the file order
    qint64 crossings = 0;         // countCrossings() of this result
    QRectF bounds;                // everything, margin excluded

    bool isEmpty() const { return rects.empty(); }
    // Top-left corner of every task, leaves and summaries, by id.
    QHash<QString, QPointF> positions() const;
    // Top-left corners of the leaf cards, in file order.
    std::vector<QPointF> leafPositions() const;
};

// Layered, swimlane-grouped auto layout (issue #5). Leaves sit in columns by generation, left
// to right (a task with more dependents than prerequisites pulled right towards its
// dependents, issue #16), so every counting dependency points right when the plan has no
// cycle, and so does every other dependency that closes no cycle. The children of a summary
// fill one contiguous band of rows inside the summary's frame. Barycenter sweeps order the
// cards inside their bands, then neighbouring sibling bands (the top level's too) swap
// where that lowers the crossings (blockorder.h); the objective counts long arrows in
// every gap they pass (crossings.h). Deterministic; iterative; O((V + E) log V) per sweep,
// the transposition bounded by LayoutOptions::transposeEffort.
LayoutResult layoutGraph(const Snapshot &snapshot, const LayoutOptions &options = {});
LayoutResult layoutProject(const Project &project, const LayoutOptions &options = {});

// Crossings of the dependencies as straight lines from column to column (LayerEdges): pairs
// whose heights are in opposite order on the two sides of a gap between columns.
qint64 countCrossings(const Snapshot &snapshot, const LayoutResult &result);

} // namespace Workplan
