#include "layoutgeometry.h"

#include "edgerouting.h"
#include "framefit.h"

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
    // Leave from the right (the port), arrive on the left, like the flow of the plan.
    const QPointF p1(a.right(), a.center().y());
    const QPointF p2(b.left(), b.center().y());
    EdgeShape shape;
    shape.start = p1;
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
    QVector<QPointF> out{shape.start};
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
        const QLineF chord(from, piece.end);
        const qreal len = std::max<qreal>(chord.length(), 1e-9);
        auto off = [&](const QPointF &c) {
            return std::abs((c.x() - from.x()) * chord.dy() - (c.y() - from.y()) * chord.dx()) / len;
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
LayoutGeometry buildGeometry(const Project &project, const QHash<QString, QPointF> &autoPositions, bool withPoints,
                             bool layoutWins = false);
} // namespace

LayoutGeometry layoutGeometry(const Project &project)
{
    // As GraphScene::syncNodes: the auto layout only when some leaf was never placed.
    QSet<QString> summaries;
    for (const Task &t : project.tasks()) {
        if (!t.parentId.isEmpty() && project.contains(t.parentId))
            summaries.insert(t.parentId);
    }
    const bool anyUnplaced = std::any_of(project.tasks().cbegin(), project.tasks().cend(),
                                         [&](const Task &t) { return !t.hasPosition && !summaries.contains(t.id); });
    return layoutGeometry(project, anyUnplaced ? autoLayoutPositions(project) : QHash<QString, QPointF>());
}

LayoutGeometry layoutGeometry(const Project &project, const QHash<QString, QPointF> &autoPositions)
{
    return buildGeometry(project, autoPositions, true);
}

namespace {

// `layoutWins`: every leaf the layout placed is drawn there, stored position or not (the
// canvas's routes, which hold only while both ends are at those places).
LayoutGeometry buildGeometry(const Project &project, const QHash<QString, QPointF> &autoPositions, bool withPoints,
                             bool layoutWins)
{
    // By task index throughout: on a 100k-task plan, hashing ids for every look-up was most
    // of this function (and a tenth of opening the plan in the window).
    const QList<Task> &tasks = project.tasks();
    const int n = int(tasks.size());
    std::vector<int> parent(std::size_t(n), -1);
    std::vector<std::vector<int>> children(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const QString &pid = tasks.at(i).parentId;
        const int p = pid.isEmpty() ? -1 : project.indexOf(pid);
        parent[std::size_t(i)] = p;
        if (p >= 0)
            children[std::size_t(p)].push_back(i);
    }
    auto isSummary = [&](int i) { return !children[std::size_t(i)].empty(); };
    auto depthOf = [&](int i) {
        int depth = 0;
        for (int p = parent[std::size_t(i)]; p >= 0 && depth <= n; p = parent[std::size_t(p)])
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
        const auto it = autoPositions.constFind(t.id);
        if (t.hasPosition && !(layoutWins && it != autoPositions.constEnd())) {
            pos = t.position;
        } else if (it != autoPositions.constEnd()) {
            pos = *it;
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
        for (int c : children[std::size_t(i)]) {
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
    for (int ti = 0; ti < n; ++ti) {
        const Task &t = tasks.at(ti);
        for (int i = 0; i < t.dependencies.size(); ++i) {
            const Dependency &d = t.dependencies.at(i);
            const int pi = d.taskId == t.id ? -1 : project.indexOf(d.taskId);
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

EdgeRoutes canvasRoutes(const Project &project, const QHash<QString, QPointF> &autoPositions)
{
    EdgeRoutes routes;
    if (autoPositions.isEmpty())
        return routes;
    // The canvas draws the curves itself: no flattened points needed here. Routes for every
    // arrow, placed ends or not: after "Auto layout" every card is placed, at exactly these
    // positions.
    const LayoutGeometry g = buildGeometry(project, autoPositions, false, true);
    routes.reserve(g.edges.size());
    for (const LayoutGeometry::Edge &e : g.edges) {
        if (!e.via.isEmpty())
            routes.insert(e.key(), {e.fromRect, e.toRect, e.via});
    }
    return routes;
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
