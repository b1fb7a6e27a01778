#pragma once

#include "edgerouting.h"
#include "model/dependency.h"

#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

namespace Workplan {

class Project;
class Snapshot;
struct LayoutResult;

// The canvas's picture of a plan without the canvas (issue #16: `workplan layout --json`
// and the layout-quality benchmark measure what a person sees). Pure model code: the
// sizes come from CanvasGeometry, the arrow from edgeShape(), which the canvas draws.
struct LayoutGeometry
{
    struct Box
    {
        QString taskId;
        QRectF rect;
    };
    struct Edge
    {
        QString from;   // the prerequisite
        QString to;     // the dependent
        QVector<QPointF> points;
        int index = -1;          // of the dependency in `to`'s list
        QVector<QPointF> via;    // the route's waypoints (ChannelRouter), empty: a plain curve
        DependencyType type = DependencyType::Completion;
        QRectF fromRect, toRect;   // the boxes it joins (card or frame)

        DependencyKey key() const { return {to, from, type}; }
    };
    QVector<Box> cards;    // leaf tasks, file order
    QVector<Box> frames;   // summaries, header included, file order
    QVector<Edge> edges;   // one per drawn arrow (dependency), owner file order
};

// The arrow the canvas draws from `from`'s right edge to `to`'s left edge (each end slides
// along its side toward the other, within SideInset of the corners; mid-side when level):
// from `start`, each piece a cubic (c1, c2, end) or, when `line`, a straight run to `end`.
// views/graph/edgeitem.cpp paints exactly this, so the benchmark measures what is drawn.
// With waypoints (pairs where a run enters and leaves a column, from ChannelRouter) the
// arrow runs straight through each column at its waypoints' height and bends only in the
// channels between columns, with horizontal tangents: smooth, and clear of every card.
struct EdgeShape
{
    struct Piece
    {
        QPointF c1, c2, end;
        bool line = false;
    };
    QPointF start;
    QVector<Piece> pieces;
    QPointF end() const { return pieces.isEmpty() ? start : pieces.last().end; }
};
EdgeShape edgeShape(const QRectF &from, const QRectF &to, const QVector<QPointF> &via = {});

// The shape flattened: each cubic becomes at most `segmentsPerCurve` straight segments,
// fewer when it is nearly straight (to within a quarter unit).
QVector<QPointF> flatten(const EdgeShape &shape, int segmentsPerCurve = 8);
QVector<QPointF> edgePolyline(const QRectF &from, const QRectF &to, int segmentsPerCurve = 8);

// Cards where the canvas puts them (stored positions win, else the auto layout), frames
// around their children as the canvas draws them, and every dependency's arrow. An arrow
// between two tasks the auto layout placed (no stored position) is routed through the
// channels; one with an end placed by hand is a plain curve.
LayoutGeometry layoutGeometry(const Project &project);
// The same without each arrow's `points`, which addPolylines() adds: the layout up to the
// curves (what dot's output holds: control points), and the flattening for a reader.
enum class Polylines { Later };
LayoutGeometry layoutGeometry(const Project &project, Polylines);
void addPolylines(LayoutGeometry &geometry);
// The same with the auto layout's leaf positions given (`autoPositions`; empty: none).
LayoutGeometry layoutGeometry(const Project &project, const QHash<QString, QPointF> &autoPositions);

// For the canvas (canvasLayout() calls it with the layout it just made, from `structure`,
// the Snapshot::Scope::Structure of `project`): routes every arrow as layoutGeometry()
// would with every leaf where `layout` put it, and returns the routes for the canvas to
// keep. An arrow follows its route while both ends are at those places: all of them on a
// plan never placed by hand, and every one right after "Auto layout". (`workplan layout`
// has no such session: it routes only arrows between unplaced tasks.)
EdgeRoutes canvasRoutes(const Project &project, const Snapshot &structure, const LayoutResult &layout);

QByteArray layoutGeometryToJson(const LayoutGeometry &geometry);

} // namespace Workplan
