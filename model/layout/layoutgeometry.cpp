#include "layoutgeometry.h"

#include "framefit.h"

#include "model/project.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <functional>

namespace Workplan {

using namespace CanvasGeometry;

namespace {

constexpr qreal ForwardMinGap = 20;    // closer than this, the arrow goes round underneath
constexpr qreal ForwardMinPull = 40;   // the smallest horizontal pull of a forward curve
constexpr qreal LoopBelow = 28;        // how far under both cards a backward arrow runs
constexpr qreal LoopRadius = 36;

QPointF cubicAt(const QPointF &p0, const QPointF &c1, const QPointF &c2, const QPointF &p3, qreal t)
{
    const qreal u = 1 - t;
    return u * u * u * p0 + 3 * u * u * t * c1 + 3 * u * t * t * c2 + t * t * t * p3;
}

QJsonArray boxesToJson(const QVector<LayoutGeometry::Box> &boxes)
{
    QJsonArray out;
    for (const LayoutGeometry::Box &b : boxes) {
        out.append(QJsonObject{{QStringLiteral("task_id"), b.taskId},
                               {QStringLiteral("x"), b.rect.x()},
                               {QStringLiteral("y"), b.rect.y()},
                               {QStringLiteral("w"), b.rect.width()},
                               {QStringLiteral("h"), b.rect.height()}});
    }
    return out;
}

} // namespace

EdgeShape edgeShape(const QRectF &a, const QRectF &b)
{
    // Leave from the right (the port), arrive on the left, like the flow of the plan.
    const QPointF p1(a.right(), a.center().y());
    const QPointF p2(b.left(), b.center().y());
    EdgeShape shape;
    shape.start = p1;
    if (p2.x() >= p1.x() + ForwardMinGap) {
        const qreal dx = std::max<qreal>(ForwardMinPull, (p2.x() - p1.x()) / 2);
        shape.pieces.append({p1 + QPointF(dx, 0), p2 - QPointF(dx, 0), p2});
    } else {
        // Against the flow (a loop, or a hand-placed card): go round underneath both
        // nodes, or the arrow would run hidden behind the cards between them.
        const qreal below = std::max(a.bottom(), b.bottom()) + LoopBelow;
        const qreal r = LoopRadius;
        shape.pieces.append({p1 + QPointF(r, 0), QPointF(p1.x() + r, below), QPointF(p1.x(), below)});
        shape.pieces.append({{}, {}, QPointF(p2.x(), below), true});
        shape.pieces.append({QPointF(p2.x() - r, below), p2 - QPointF(r, 0), p2});
    }
    return shape;
}

QVector<QPointF> flatten(const EdgeShape &shape, int segmentsPerCurve)
{
    const int n = std::max(1, segmentsPerCurve);
    QVector<QPointF> out{shape.start};
    for (const EdgeShape::Piece &piece : shape.pieces) {
        if (piece.line) {
            out.append(piece.end);
            continue;
        }
        const QPointF from = out.last();
        for (int i = 1; i <= n; ++i)
            out.append(i == n ? piece.end : cubicAt(from, piece.c1, piece.c2, piece.end, qreal(i) / n));
    }
    return out;
}

QVector<QPointF> edgePolyline(const QRectF &from, const QRectF &to, int segmentsPerCurve)
{
    return flatten(edgeShape(from, to), segmentsPerCurve);
}

LayoutGeometry layoutGeometry(const Project &project)
{
    const QList<Task> &tasks = project.tasks();
    QHash<QString, QStringList> children;
    for (const Task &t : tasks) {
        if (!t.parentId.isEmpty() && project.contains(t.parentId))
            children[t.parentId].append(t.id);
    }
    auto isSummary = [&](const QString &id) { return children.contains(id); };
    // As GraphScene::syncNodes: the auto layout only when some leaf was never placed.
    const bool anyUnplaced = std::any_of(tasks.cbegin(), tasks.cend(),
                                         [&](const Task &t) { return !t.hasPosition && !isSummary(t.id); });
    const QHash<QString, QPointF> autoPositions = anyUnplaced ? canvasLayoutPositions(project) : QHash<QString, QPointF>();
    auto depthOf = [&](const Task &t) {
        int depth = 0;
        for (const Task *p = project.find(t.parentId); p && depth <= tasks.size(); p = project.find(p->parentId))
            ++depth;
        return depth;
    };

    LayoutGeometry g;
    QHash<QString, QRectF> rects;
    for (int i = 0; i < tasks.size(); ++i) {
        const Task &t = tasks.at(i);
        if (isSummary(t.id))
            continue;
        QPointF pos;
        if (t.hasPosition)
            pos = t.position;
        else if (const auto it = autoPositions.constFind(t.id); it != autoPositions.constEnd())
            pos = *it;
        else   // GraphScene's fallback grid (layoutadapter.cpp)
            pos = QPointF(depthOf(t) * ColumnSpacing, i * RowSpacing);
        const QRectF r(pos, QSizeF(CardWidth, CardHeight));
        rects.insert(t.id, r);
        g.cards.append({t.id, r});
    }
    // Frames around their children's boxes, nested frames first (memoised recursion;
    // `visiting` guards a parent cycle in a hand-edited file).
    QSet<QString> visiting;
    std::function<QRectF(const QString &)> frameOf = [&](const QString &id) -> QRectF {
        if (const auto it = rects.constFind(id); it != rects.constEnd())
            return *it;
        if (visiting.contains(id))
            return QRectF();
        visiting.insert(id);
        QRectF r;
        for (const QString &c : children.value(id))
            r = r.united(frameOf(c));
        r = r.adjusted(-FramePadding, -FramePadding - FrameHeader, FramePadding, FramePadding);
        rects.insert(id, r);
        return r;
    };
    for (const Task &t : tasks) {
        if (isSummary(t.id))
            g.frames.append({t.id, frameOf(t.id)});
    }
    for (const Task &t : tasks) {
        const QRectF to = rects.value(t.id);
        for (const Dependency &d : t.dependencies) {
            // The canvas draws nothing for a dependency on itself or on a missing task.
            if (d.taskId == t.id || !rects.contains(d.taskId))
                continue;
            g.edges.append({d.taskId, t.id, edgePolyline(rects.value(d.taskId), to)});
        }
    }
    return g;
}

QByteArray layoutGeometryToJson(const LayoutGeometry &geometry)
{
    QJsonArray edges;
    for (const LayoutGeometry::Edge &e : geometry.edges) {
        QJsonArray points;
        for (const QPointF &p : e.points)
            points.append(QJsonArray{p.x(), p.y()});
        edges.append(QJsonObject{{QStringLiteral("from"), e.from}, {QStringLiteral("to"), e.to}, {QStringLiteral("points"), points}});
    }
    const QJsonObject root{{QStringLiteral("cards"), boxesToJson(geometry.cards)},
                           {QStringLiteral("frames"), boxesToJson(geometry.frames)},
                           {QStringLiteral("edges"), edges}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace Workplan
