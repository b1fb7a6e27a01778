#include "layoutgeometry.h"

#include "edgerouting.h"
#include "framefit.h"

#include "model/engine/snapshot.h"
#include "model/project.h"

#include <QJsonArray>
#include <QLineF>
#include <QJsonDocument>
#include <QJsonObject>

#include <QSet>

#include <algorithm>
#include <cmath>
#include <functional>

namespace Workplan {

using namespace CanvasGeometry;

namespace {

constexpr qreal ForwardMinGap = 20;    // closer than this, the arrow goes round underneath
constexpr qreal ForwardMinPull = 40;   // the smallest horizontal pull of a forward curve
constexpr qreal LoopBelow = 28;        // how far under both cards a backward arrow runs
constexpr qreal LoopRadius = 36;
constexpr qreal FlatTolerance = 0.25;  // flattening: control points this close to the chord are one segment
constexpr qreal TurnRadius = 30;       // a routed arrow turning back in a channel
constexpr qreal SideInset = 14;        // an arrow's end stays this far inside a card's corners

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

namespace {

// The curve from `p`, travelling along `vp` (x component +1 or -1, y the slope), to `q`,
// arriving along `vq`: tangent to both, so the arrow has no kink. Its control points stay
// between p and q horizontally when both head the same way (so it stays in the channel);
// a turn (opposite x) bulges TurnRadius beyond them.
EdgeShape::Piece joint(const QPointF &p, const QPointF &vp, const QPointF &q, const QPointF &vq)
{
    if (vp.x() != vq.x())
        return {p + TurnRadius * vp, q - TurnRadius * vq, q};
    const qreal pull = std::max<qreal>(ForwardMinGap, std::abs(q.x() - p.x()) / 2);
    return {p + pull * vp, q - pull * vq, q};
}

} // namespace

EdgeShape edgeShape(const QRectF &a, const QRectF &b, const QVector<QPointF> &via)
{
    // Leave from the right, arrive on the left, like the flow of the plan; along those
    // sides, toward where the arrow heads (its first run, or the other end), as a line
    // between the centres would meet the box: an arrow to a card one row up leaves from the
    // card's upper half instead of climbing a full row from the middle, and arrows fanning
    // out of one card leave from different points, in order (issue #16: arrows as short as
    // dot's). Level arrows, and loops round underneath, keep the middle of the side.
    const bool forward = via.size() >= 2 || b.left() >= a.right() + ForwardMinGap;
    auto along = [forward](const QRectF &r, qreal towards) {
        const qreal inset = std::min(SideInset, r.height() / 2);
        return forward ? std::clamp(towards, r.top() + inset, r.bottom() - inset) : r.center().y();
    };
    const QPointF p1(a.right(), along(a, via.size() >= 2 ? via.first().y() : b.center().y()));
    const QPointF p2(b.left(), along(b, via.size() >= 2 ? via.last().y() : a.center().y()));
    EdgeShape shape;
    shape.start = p1;
    shape.pieces.reserve(via.size() >= 2 ? via.size() + 1 : 3);
    if (via.size() >= 2) {
        QPointF at = p1;
        QPointF heading(1, 0);
        for (int i = 0; i + 1 < via.size(); i += 2) {
            const QPointF run = via[i + 1] - via[i];
            const QPointF h = std::abs(run.x()) > 1e-9 ? run / std::abs(run.x()) : QPointF(1, 0);
            shape.pieces.append(joint(at, heading, via[i], h));
            shape.pieces.append({{}, {}, via[i + 1], true});
            at = via[i + 1];
            heading = h;
        }
        shape.pieces.append(joint(at, heading, p2, QPointF(1, 0)));
    } else if (p2.x() >= p1.x() + ForwardMinGap) {
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
    QVector<QPointF> out;
    qsizetype most = 1;
    for (const EdgeShape::Piece &piece : shape.pieces)
        most += piece.line ? 1 : n;
    out.reserve(most);
    out.append(shape.start);
    // A point on the straight continuation of the last segment replaces its end: a routed
    // arrow's level runs through several columns are one segment.
    auto add = [&out](const QPointF &p) {
        const int k = int(out.size());
        if (k >= 2) {
            const QPointF a = out[k - 2], b = out[k - 1];
            const QPointF u = b - a, v = p - b;
            if (std::abs(u.x() * v.y() - u.y() * v.x()) < 1e-9 && QPointF::dotProduct(u, v) > 0) {
                out[k - 1] = p;
                return;
            }
        }
        out.append(p);
    };
    for (const EdgeShape::Piece &piece : shape.pieces) {
        if (piece.line) {
            add(piece.end);
            continue;
        }
        const QPointF from = out.last();
        // As many segments as the bend needs (a routed arrow is mostly straight runs and
        // gentle joints): how far the control points stand off the chord, to within a
        // quarter unit, at most `n`.
        const QPointF chord = piece.end - from;
        // sqrt, not QLineF::length()'s hypot: no overflow to guard against at scene sizes,
        // and hypot was a tenth of laying out a small plan.
        const qreal len = std::max<qreal>(std::sqrt(QPointF::dotProduct(chord, chord)), 1e-9);
        auto off = [&](const QPointF &c) {
            return std::abs((c.x() - from.x()) * chord.y() - (c.y() - from.y()) * chord.x()) / len;
        };
        const qreal dev = std::max(off(piece.c1), off(piece.c2));
        const int k = std::clamp(int(std::ceil(std::sqrt(dev / FlatTolerance))), 1, n);
        for (int i = 1; i <= k; ++i)
            add(i == k ? piece.end : cubicAt(from, piece.c1, piece.c2, piece.end, qreal(i) / k));
    }
    return out;
}

QVector<QPointF> edgePolyline(const QRectF &from, const QRectF &to, int segmentsPerCurve)
{
    return flatten(edgeShape(from, to), segmentsPerCurve);
}

namespace {

// The auto layout's leaf positions by task index (`has` 0: a task it did not place).
struct IndexedPositions
{
    std::vector<QPointF> at;
    std::vector<char> has;
    bool any = false;

    explicit IndexedPositions(int n)
        : at(std::size_t(n))
        , has(std::size_t(n), 0)
    {
    }
};

IndexedPositions byIndex(const Project &project, const QHash<QString, QPointF> &autoPositions)
{
    const int n = project.taskCount();
    IndexedPositions out(n);
    if (autoPositions.isEmpty())
        return out;
    for (int i = 0; i < n; ++i) {
        const auto it = autoPositions.constFind(project.task(i).id);
        if (it != autoPositions.constEnd()) {
            out.at[std::size_t(i)] = *it;
            out.has[std::size_t(i)] = 1;
            out.any = true;
        }
    }
    return out;
}

// What autoLayoutPositions() hashes by id, by index: the layout's tasks are the
// snapshot's, in file order.
IndexedPositions byIndex(const LayoutResult &layout)
{
    IndexedPositions out(int(layout.rects.size()));
    for (std::size_t i = 0; i < layout.rects.size(); ++i) {
        if (layout.layer[i] >= 0) {   // leaves only: frames follow their children
            out.at[i] = layout.rects[i].topLeft();
            out.has[i] = 1;
            out.any = true;
        }
    }
    return out;
}

// The routes the canvas keeps: the routed arrows' waypoints, by dependency.
EdgeRoutes routesOf(const LayoutGeometry &g)
{
    EdgeRoutes routes;
    routes.reserve(g.edges.size());
    for (const LayoutGeometry::Edge &e : g.edges) {
        if (!e.via.isEmpty())
            routes.insert(e.key(), {e.fromRect, e.toRect, e.via});
    }
    return routes;
}

LayoutGeometry buildGeometry(const Project &project, const Snapshot &structure, const IndexedPositions &autoPositions,
                             bool withPoints, bool layoutWins = false);

} // namespace

LayoutGeometry layoutGeometry(const Project &project)
{
    LayoutGeometry g = layoutGeometry(project, Polylines::Later);
    addPolylines(g);
    return g;
}

LayoutGeometry layoutGeometry(const Project &project, Polylines)
{
    // One structure snapshot serves the layout and the geometry: every id is hashed once.
    const Snapshot s = Snapshot::fromProject(project, Snapshot::Scope::Structure);
    // As GraphScene::syncNodes: the auto layout only when some leaf was never placed.
    bool anyUnplaced = false;
    for (int i = 0; i < s.taskCount() && !anyUnplaced; ++i)
        anyUnplaced = s.isLeaf(i) && !project.task(i).hasPosition;
    if (!anyUnplaced)
        return buildGeometry(project, s, IndexedPositions(s.taskCount()), false);
    return buildGeometry(project, s, byIndex(layoutGraph(s, canvasLayoutOptions())), false);
}

void addPolylines(LayoutGeometry &geometry)
{
    for (LayoutGeometry::Edge &e : geometry.edges)
        e.points = flatten(edgeShape(e.fromRect, e.toRect, e.via));
}

LayoutGeometry layoutGeometry(const Project &project, const QHash<QString, QPointF> &autoPositions)
{
    return buildGeometry(project, Snapshot::fromProject(project, Snapshot::Scope::Structure),
                         byIndex(project, autoPositions), true);
}

namespace {

// `layoutWins`: every leaf the layout placed is drawn there, stored position or not (the
// canvas's routes, which hold only while both ends are at those places).
LayoutGeometry buildGeometry(const Project &project, const Snapshot &s, const IndexedPositions &autoPositions,
                             bool withPoints, bool layoutWins)
{
    // By task index throughout, from the structure snapshot: on a 100k-task plan, hashing
    // ids for every look-up was most of this function (and a tenth of opening the plan in
    // the window).
    const QList<Task> &tasks = project.tasks();
    const int n = int(tasks.size());
    auto isSummary = [&](int i) { return !s.isLeaf(i); };
    auto depthOf = [&](int i) {
        int depth = 0;
        for (int p = s.parent[std::size_t(i)]; p >= 0 && depth <= n; p = s.parent[std::size_t(p)])
            ++depth;
        return depth;
    };

    LayoutGeometry g;
    std::vector<QRectF> rects(static_cast<std::size_t>(n));
    std::vector<char> placed(std::size_t(n), 0);   // has a rect (a leaf, or a frame made)
    // Tasks drawn where the auto layout put them: the leaves it placed, and the summaries
    // whose every leaf it placed. Only arrows between two of them are routed.
    std::vector<char> laidOut(std::size_t(n), 0);
    std::vector<QRectF> obstacles;
    for (int i = 0; i < n; ++i) {
        const Task &t = tasks.at(i);
        if (isSummary(i))
            continue;
        QPointF pos;
        const bool laid = autoPositions.has[std::size_t(i)];
        if (t.hasPosition && !(layoutWins && laid)) {
            pos = t.position;
        } else if (laid) {
            pos = autoPositions.at[std::size_t(i)];
            laidOut[std::size_t(i)] = 1;
        } else {   // GraphScene's fallback grid (layoutadapter.cpp)
            pos = QPointF(depthOf(i) * ColumnSpacing, i * RowSpacing);
        }
        const QRectF r(pos, QSizeF(CardWidth, CardHeight));
        rects[std::size_t(i)] = r;
        placed[std::size_t(i)] = 1;
        g.cards.append({t.id, r});
        if (laidOut[std::size_t(i)])
            obstacles.push_back(r);
    }
    // Frames around their children's boxes, nested frames first (memoised recursion;
    // `visiting` guards a parent cycle in a hand-edited file).
    std::vector<char> visiting(std::size_t(n), 0);
    std::function<QRectF(int)> frameOf = [&](int i) -> QRectF {
        if (placed[std::size_t(i)])
            return rects[std::size_t(i)];
        if (visiting[std::size_t(i)])
            return QRectF();
        visiting[std::size_t(i)] = 1;
        QRectF r;
        bool allLaidOut = true;
        for (int k = s.childStart[i]; k < s.childStart[i + 1]; ++k) {
            const int c = s.children[std::size_t(k)];
            r = r.united(frameOf(c));
            allLaidOut = allLaidOut && laidOut[std::size_t(c)];
        }
        if (allLaidOut)
            laidOut[std::size_t(i)] = 1;
        r = r.adjusted(-FramePadding, -FramePadding - FrameHeader, FramePadding, FramePadding);
        rects[std::size_t(i)] = r;
        placed[std::size_t(i)] = 1;
        return r;
    };
    for (int i = 0; i < n; ++i) {
        if (isSummary(i))
            g.frames.append({tasks.at(i).id, frameOf(i)});
    }
    std::vector<ChannelRouter::Request> requests;
    std::vector<int> routed;
    g.edges.reserve(s.declaredDependencies());
    for (int ti = 0; ti < n; ++ti) {
        const Task &t = tasks.at(ti);
        for (int i = 0; i < t.dependencies.size(); ++i) {
            const Dependency &d = t.dependencies.at(i);
            const int p = s.depPrereq[std::size_t(s.depStart[ti] + i)];
            const int pi = p == ti ? -1 : p;
            // The canvas draws nothing for a dependency on itself or on a missing task.
            if (pi < 0 || !placed[std::size_t(pi)])
                continue;
            const QRectF &from = rects[std::size_t(pi)];
            const QRectF &to = rects[std::size_t(ti)];
            if (laidOut[std::size_t(ti)] && laidOut[std::size_t(pi)]) {
                requests.push_back({from, to});
                routed.push_back(int(g.edges.size()));
            }
            g.edges.append({d.taskId, t.id, {}, i, {}, d.type, from, to});
        }
    }
    if (!requests.empty()) {
        const std::vector<QVector<QPointF>> via = ChannelRouter(obstacles, CardWidth).route(requests);
        for (std::size_t k = 0; k < routed.size(); ++k)
            g.edges[routed[k]].via = via[k];
    }
    if (withPoints) {
        for (LayoutGeometry::Edge &e : g.edges)
            e.points = flatten(edgeShape(e.fromRect, e.toRect, e.via));
    }
    return g;
}

} // namespace

EdgeRoutes canvasRoutes(const Project &project, const Snapshot &structure, const LayoutResult &layout)
{
    if (layout.isEmpty())
        return {};
    // The canvas draws the curves itself: no flattened points needed here. Routes for every
    // arrow, placed ends or not: after "Auto layout" every card is placed, at exactly these
    // positions.
    return routesOf(buildGeometry(project, structure, byIndex(layout), false, true));
}

namespace {

// The edges hold millions of points on a large plan: QJsonArray's per-value overhead made
// `workplan layout` on 10k tasks take seconds and gigabytes, so they are written directly.
// To a thousandth of a unit, without the shortest-round-trip search of QByteArray::number
// (a bignum division for most fractions).
void appendNumber(QByteArray &out, double v)
{
    if (!std::isfinite(v) || std::abs(v) > 1e15) {
        out += QByteArray::number(std::isfinite(v) ? v : 0.0, 'g', 17);
        return;
    }
    qint64 m = qRound64(v * 1000);
    if (m < 0) {
        out += '-';
        m = -m;
    }
    out += QByteArray::number(m / 1000);
    int frac = int(m % 1000);
    if (frac == 0)
        return;
    char digits[4] = {'.', char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10)};
    int len = 4;
    while (digits[len - 1] == '0')
        --len;
    out.append(digits, len);
}

void appendString(QByteArray &out, const QString &s)
{
    out += '"';
    for (const char c : s.toUtf8()) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (uchar(c) < 0x20) {
            out += "\\u00";
            out += "0123456789abcdef"[(c >> 4) & 0xf];
            out += "0123456789abcdef"[c & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

} // namespace

QByteArray layoutGeometryToJson(const LayoutGeometry &geometry)
{
    const QJsonObject boxes{{QStringLiteral("cards"), boxesToJson(geometry.cards)},
                            {QStringLiteral("frames"), boxesToJson(geometry.frames)}};
    QByteArray out = QJsonDocument(boxes).toJson(QJsonDocument::Compact);
    out.chop(1);   // the closing brace: the edges follow
    qsizetype points = 0;
    for (const LayoutGeometry::Edge &e : geometry.edges)
        points += e.points.size();
    out.reserve(out.size() + 80 * geometry.edges.size() + 20 * points);
    out += ",\"edges\":[";
    for (int i = 0; i < geometry.edges.size(); ++i) {
        const LayoutGeometry::Edge &e = geometry.edges[i];
        if (i)
            out += ',';
        out += "{\"from\":";
        appendString(out, e.from);
        out += ",\"to\":";
        appendString(out, e.to);
        out += ",\"points\":[";
        for (int k = 0; k < e.points.size(); ++k) {
            out += k ? ",[" : "[";
            appendNumber(out, e.points[k].x());
            out += ',';
            appendNumber(out, e.points[k].y());
            out += ']';
        }
        out += "]}";
    }
    out += "]}\n";
    return out;
}

} // namespace Workplan
