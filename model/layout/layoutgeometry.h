#pragma once

#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

namespace Workplan {

class Project;

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
    };
    QVector<Box> cards;    // leaf tasks, file order
    QVector<Box> frames;   // summaries, header included, file order
    QVector<Edge> edges;   // one per drawn arrow (dependency), owner file order
};

// The arrow the canvas draws from `from`'s port (right edge, middle) to `to`'s left edge:
// from `start`, each piece a cubic (c1, c2, end) or, when `line`, a straight run to `end`.
// views/graph/edgeitem.cpp paints exactly this, so the benchmark measures what is drawn.
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
EdgeShape edgeShape(const QRectF &from, const QRectF &to);

// The shape flattened: each cubic becomes `segmentsPerCurve` straight segments.
QVector<QPointF> flatten(const EdgeShape &shape, int segmentsPerCurve = 8);
QVector<QPointF> edgePolyline(const QRectF &from, const QRectF &to, int segmentsPerCurve = 8);

// Cards where the canvas puts them (stored positions win, else the auto layout), frames
// around their children as the canvas draws them, and every dependency's arrow.
LayoutGeometry layoutGeometry(const Project &project);

QByteArray layoutGeometryToJson(const LayoutGeometry &geometry);

} // namespace Workplan
