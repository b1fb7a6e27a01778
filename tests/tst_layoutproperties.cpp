// Issue #16 item 7: what the auto layout promises a reader, checked on what is drawn
// (layoutGeometry, the source of `workplan layout --json` and of the canvas's arrows) for
// generated plans of 200 and 1,000 tasks and for the samples:
//  - no two cards overlap;
//  - every counting dependency (a blocking type, mandatory, not waived) points forward: the
//    dependent's card or frame starts right of where the prerequisite's ends. The others
//    (related, prerequisite, optional, waived) do not order the columns and may point back;
//    in `generate.py --leaves 400 --seed 3` those are all the arrows that end left of their
//    start (112 of 992 before issue #16, 96 now);
//  - every frame holds exactly its descendants' cards, and no other card touches it;
//  - no arrow passes through a card it does not connect (segments against the card shrunk
//    by 2 units);
//  - the JSON validates: every task placed once, one entry per drawn dependency in order,
//    ends at the ports, finite numbers.
#include "generatedplan.h"

#include "model/layout/edgerouting.h"
#include "model/layout/framefit.h"
#include "model/layout/layoutgeometry.h"
#include "model/project.h"
#include "model/storage/json/jsonformat.h"
#include "model/vocabulary.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace Workplan;

namespace {

bool counts(const Dependency &d)
{
    return isBlockingType(d.type) && d.mandatory && !d.waived;
}

// Whether segment ab runs through the inside of r (Liang-Barsky clipping).
bool segmentEnters(const QPointF &a, const QPointF &b, const QRectF &r)
{
    const qreal dx = b.x() - a.x(), dy = b.y() - a.y();
    qreal t0 = 0, t1 = 1;
    const qreal p[] = {-dx, dx, -dy, dy};
    const qreal q[] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] <= 0)
                return false;
            continue;
        }
        const qreal t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
    }
    return t0 < t1;
}

struct Checker
{
    const Project &project;
    const LayoutGeometry &g;
    QHash<QString, QRectF> rects;
    QHash<QString, QStringList> children;

    Checker(const Project &p, const LayoutGeometry &geometry)
        : project(p)
        , g(geometry)
    {
        for (const auto &b : g.cards)
            rects.insert(b.taskId, b.rect);
        for (const auto &b : g.frames)
            rects.insert(b.taskId, b.rect);
        for (const Task &t : p.tasks()) {
            if (!t.parentId.isEmpty())
                children[t.parentId] << t.id;
        }
    }

    QString overlaps() const
    {
        QVector<LayoutGeometry::Box> cards = g.cards;
        std::sort(cards.begin(), cards.end(), [](const auto &a, const auto &b) { return a.rect.left() < b.rect.left(); });
        QVector<int> active;
        for (int i = 0; i < cards.size(); ++i) {
            const QRectF &r = cards[i].rect;
            active.erase(std::remove_if(active.begin(), active.end(),
                                        [&](int j) { return cards[j].rect.right() <= r.left(); }),
                         active.end());
            for (int j : std::as_const(active)) {
                if (cards[j].rect.intersects(r))
                    return QStringLiteral("cards %1 and %2 overlap").arg(cards[j].taskId, cards[i].taskId);
            }
            active.append(i);
        }
        return {};
    }

    QString forward() const
    {
        for (const Task &t : project.tasks()) {
            for (const Dependency &d : t.dependencies) {
                if (!counts(d) || !rects.contains(d.taskId) || d.taskId == t.id)
                    continue;
                if (rects.value(t.id).left() <= rects.value(d.taskId).right())
                    return QStringLiteral("%1 -> %2 counts but does not point right").arg(d.taskId, t.id);
            }
        }
        return {};
    }

    QSet<QString> leavesUnder(const QString &id) const
    {
        QSet<QString> out;
        QStringList pending{id};
        while (!pending.isEmpty()) {
            const QString cur = pending.takeLast();
            const QStringList kids = children.value(cur);
            if (kids.isEmpty() && cur != id)
                out.insert(cur);
            pending += kids;
        }
        return out;
    }

    QString frames() const
    {
        for (const auto &f : g.frames) {
            const QSet<QString> mine = leavesUnder(f.taskId);
            for (const auto &c : g.cards) {
                if (mine.contains(c.taskId) ? !f.rect.contains(c.rect) : f.rect.intersects(c.rect))
                    return QStringLiteral("frame %1 and card %2").arg(f.taskId, c.taskId);
            }
        }
        return {};
    }

    QString arrowsClearOfCards() const
    {
        constexpr qreal cell = 256;
        QHash<QPair<int, int>, QVector<int>> grid;
        for (int i = 0; i < g.cards.size(); ++i) {
            const QRectF r = g.cards[i].rect;
            for (int x = int(std::floor(r.left() / cell)); x <= int(std::floor(r.right() / cell)); ++x) {
                for (int y = int(std::floor(r.top() / cell)); y <= int(std::floor(r.bottom() / cell)); ++y)
                    grid[{x, y}].append(i);
            }
        }
        for (const auto &e : g.edges) {
            for (int k = 1; k < e.points.size(); ++k) {
                const QPointF a = e.points[k - 1], b = e.points[k];
                QSet<int> seen;
                for (int x = int(std::floor(std::min(a.x(), b.x()) / cell)); x <= int(std::floor(std::max(a.x(), b.x()) / cell)); ++x) {
                    for (int y = int(std::floor(std::min(a.y(), b.y()) / cell)); y <= int(std::floor(std::max(a.y(), b.y()) / cell)); ++y) {
                        for (int i : grid.value({x, y})) {
                            const auto &c = g.cards[i];
                            if (c.taskId == e.from || c.taskId == e.to || seen.contains(i))
                                continue;
                            seen.insert(i);
                            if (segmentEnters(a, b, c.rect.adjusted(2, 2, -2, -2)))
                                return QStringLiteral("arrow %1 -> %2 runs through %3").arg(e.from, e.to, c.taskId);
                        }
                    }
                }
            }
        }
        return {};
    }

    QString json() const
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(layoutGeometryToJson(g), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return QStringLiteral("not JSON: %1").arg(error.errorString());
        const QJsonObject root = doc.object();
        auto finite = [](const QJsonValue &v) { return v.isDouble() && std::isfinite(v.toDouble()); };
        QSet<QString> placed;
        for (const char *key : {"cards", "frames"}) {
            for (const QJsonValue &v : root.value(QLatin1String(key)).toArray()) {
                const QJsonObject o = v.toObject();
                const QString id = o.value(QLatin1String("task_id")).toString();
                const bool summary = children.contains(id);
                if (summary != (qstrcmp(key, "frames") == 0))
                    return QStringLiteral("%1 in %2").arg(id, QLatin1String(key));
                if (placed.contains(id) || !project.contains(id))
                    return QStringLiteral("%1 placed twice or unknown").arg(id);
                placed.insert(id);
                for (const char *n : {"x", "y", "w", "h"}) {
                    if (!finite(o.value(QLatin1String(n))))
                        return QStringLiteral("%1.%2 not a finite number").arg(id, QLatin1String(n));
                }
            }
        }
        if (placed.size() != project.taskCount())
            return QStringLiteral("%1 of %2 tasks placed").arg(placed.size()).arg(project.taskCount());
        const QJsonArray edges = root.value(QLatin1String("edges")).toArray();
        int i = 0;
        for (const Task &t : project.tasks()) {
            for (const Dependency &d : t.dependencies) {
                if (d.taskId == t.id || !project.contains(d.taskId))
                    continue;   // not drawn
                if (i >= edges.size())
                    return QStringLiteral("%1 -> %2 missing").arg(d.taskId, t.id);
                const QJsonObject e = edges.at(i++).toObject();
                if (e.value(QLatin1String("from")).toString() != d.taskId || e.value(QLatin1String("to")).toString() != t.id)
                    return QStringLiteral("edge %1 is not %2 -> %3").arg(i - 1).arg(d.taskId, t.id);
                const QJsonArray points = e.value(QLatin1String("points")).toArray();
                if (points.size() < 2)
                    return QStringLiteral("%1 -> %2 has %3 points").arg(d.taskId, t.id).arg(points.size());
                for (const QJsonValue &p : points) {
                    const QJsonArray xy = p.toArray();
                    if (xy.size() != 2 || !finite(xy.at(0)) || !finite(xy.at(1)))
                        return QStringLiteral("%1 -> %2: a point is not two finite numbers").arg(d.taskId, t.id);
                }
                const QRectF from = rects.value(d.taskId), to = rects.value(t.id);
                const QPointF first(points.first().toArray().at(0).toDouble(), points.first().toArray().at(1).toDouble());
                const QPointF last(points.last().toArray().at(0).toDouble(), points.last().toArray().at(1).toDouble());
                // From the prerequisite's right side to the dependent's left, printed to a
                // thousandth of a unit.
                if (std::abs(first.x() - from.right()) > 1e-3 || first.y() < from.top() || first.y() > from.bottom()
                    || std::abs(last.x() - to.left()) > 1e-3 || last.y() < to.top() || last.y() > to.bottom())
                    return QStringLiteral("%1 -> %2 does not run side to side").arg(d.taskId, t.id);
            }
        }
        if (i != edges.size())
            return QStringLiteral("%1 edges, %2 drawn dependencies").arg(edges.size()).arg(i);
        return {};
    }
};

} // namespace

class TestLayoutProperties : public QObject
{
    Q_OBJECT
private slots:
    void properties_data();
    void properties();
    void routesAvoidCards();
    void canvasRoutesHoldWhileEndsStay();
    void handPlacedCardsKeepCurves();
    void routingHasABudget();
    void endsSlideTowardTheOtherEnd();
};

void TestLayoutProperties::properties_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<int>("tasks");
    QTest::addColumn<quint32>("seed");
    for (int n : {200, 1000}) {
        for (quint32 seed : {1u, 2u, 3u})
            QTest::newRow(qPrintable(QStringLiteral("generated %1 seed %2").arg(n).arg(seed))) << QString() << n << seed;
    }
    const QDir dir(QStringLiteral(WORKPLAN_SOURCE_DIR "/samples"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f) << 0 << 0u;
}

void TestLayoutProperties::properties()
{
    QFETCH(QString, sample);
    QFETCH(int, tasks);
    QFETCH(quint32, seed);
    std::optional<Project> loaded;
    if (sample.isEmpty()) {
        loaded = WorkplanTest::generatedPlan(tasks, seed);
    } else {
        QString error;
        loaded = JsonFormat::readFile(sample, &error);
        QVERIFY2(loaded, qPrintable(error));
    }
    const Project &p = *loaded;
    QVERIFY(std::none_of(p.tasks().cbegin(), p.tasks().cend(), [](const Task &t) { return t.hasPosition; }));
    const LayoutGeometry g = layoutGeometry(p);
    const Checker check(p, g);
    for (const QString &broken : {check.overlaps(), check.forward(), check.frames(), check.arrowsClearOfCards(), check.json()})
        QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

// A long arrow's straight curve would cross the cards between its ends; the route does not.
void TestLayoutProperties::routesAvoidCards()
{
    const Project p = WorkplanTest::twoRowsPlan();
    const LayoutGeometry g = layoutGeometry(p);
    const Checker check(p, g);
    QVERIFY2(check.arrowsClearOfCards().isEmpty(), qPrintable(check.arrowsClearOfCards()));
    // The long arrows got waypoints (two per column crossed), the short ones none.
    int routed = 0;
    for (const auto &e : g.edges) {
        if (e.from == QLatin1String("A0") && e.to == QLatin1String("A3")) {
            QCOMPARE(e.via.size(), 4);
            ++routed;
        }
        if (e.from == QLatin1String("A0") && e.to == QLatin1String("A1"))
            QVERIFY(e.via.isEmpty());
    }
    QCOMPARE(routed, 1);
    // Without the route the plain curve would have run through A1 and A2.
    QHash<QString, QRectF> rects;
    for (const auto &b : g.cards)
        rects.insert(b.taskId, b.rect);
    const QVector<QPointF> plain = edgePolyline(rects.value(QStringLiteral("A0")), rects.value(QStringLiteral("A3")));
    bool crosses = false;
    for (int k = 1; k < plain.size(); ++k)
        crosses = crosses || segmentEnters(plain[k - 1], plain[k], rects.value(QStringLiteral("A1")).adjusted(2, 2, -2, -2));
    QVERIFY(crosses);
}

// The canvas keeps the routes its layout returned and finds in them the same waypoints
// `workplan layout` prints, and a plain curve (nothing) once an end has moved.
void TestLayoutProperties::canvasRoutesHoldWhileEndsStay()
{
    const Project p = WorkplanTest::generatedPlan(200, 7);
    const CanvasLayout laid = canvasLayout(p);
    const QHash<QString, QPointF> &positions = laid.positions;
    const LayoutGeometry g = layoutGeometry(p);
    QHash<QString, QRectF> rects;
    for (const auto &b : g.cards)
        rects.insert(b.taskId, b.rect);
    for (const auto &b : g.frames)
        rects.insert(b.taskId, b.rect);
    int routed = 0;
    for (const auto &e : g.edges) {
        const QRectF from = rects.value(e.from), to = rects.value(e.to);
        const QVector<QPointF> via = laid.routes.lookup(e.key(), from, to);
        QCOMPARE(via, e.via);
        QCOMPARE(flatten(edgeShape(from, to, via)), e.points);
        if (!via.isEmpty()) {
            ++routed;
            QVERIFY(laid.routes.lookup(e.key(), from.translated(10, 0), to).isEmpty());
            QVERIFY(laid.routes.lookup(e.key(), from, to.translated(0, -5)).isEmpty());
            // The route is the dependency's (its key), not the owner's.
            DependencyKey other = e.key();
            other.prerequisiteId = QStringLiteral("no such task");
            QVERIFY(laid.routes.lookup(other, from, to).isEmpty());
        }
    }
    QVERIFY(routed > 20);
    QCOMPARE(positions.size(), int(g.cards.size()));
    QCOMPARE(laid.routes.size(), qsizetype(routed));
}

// Cards the user placed may be anywhere: `workplan layout` draws their arrows as plain
// curves. The canvas, right after its auto layout stored every card, routes them.
void TestLayoutProperties::handPlacedCardsKeepCurves()
{
    Project p = WorkplanTest::generatedPlan(200, 5);
    const QHash<QString, QPointF> laid = autoLayoutPositions(p);
    QList<Task> tasks = p.tasks();
    for (Task &t : tasks) {
        if (laid.contains(t.id)) {
            t.position = laid.value(t.id);
            t.hasPosition = true;
        }
    }
    p.setTasks(tasks);
    const LayoutGeometry g = layoutGeometry(p);
    QVERIFY(!g.edges.isEmpty());
    for (const auto &e : g.edges)
        QVERIFY(e.via.isEmpty());

    // "Auto layout" on the canvas: the layout runs (and the canvas keeps its routes), every
    // card is then stored exactly there, and the arrows follow the routes.
    const EdgeRoutes routes = canvasLayout(p).routes;
    QHash<QString, QRectF> rects;
    for (const auto &b : g.cards)
        rects.insert(b.taskId, b.rect);
    for (const auto &b : g.frames)
        rects.insert(b.taskId, b.rect);
    int routed = 0;
    for (const auto &e : g.edges)
        routed += !routes.lookup(e.key(), rects.value(e.from), rects.value(e.to)).isEmpty();
    QVERIFY(routed > 20);
}

// Huge plans: the column crossings routed per layout are bounded (a 100k-task plan took
// minutes and gigabytes without it); the shortest arrows keep their routes, the longest
// fall back to the plain curve.
void TestLayoutProperties::routingHasABudget()
{
    // 1,000 columns of one card each; 400 arrows across all of them (399,600 crossings)
    // and one short arrow across two.
    constexpr qreal W = 190, H = 66, Step = 260;
    std::vector<QRectF> cards;
    for (int c = 0; c < 1000; ++c)
        cards.emplace_back(c * Step, 0, W, H);
    std::vector<ChannelRouter::Request> requests;
    for (int k = 0; k < 400; ++k)
        requests.push_back({QRectF(-Step, 100.0 * k, W, H), QRectF(1000 * Step, 100.0 * k, W, H)});
    requests.push_back({QRectF(-Step, -500, W, H), QRectF(2 * Step, -500, W, H)});
    const auto via = ChannelRouter(cards, W).route(requests);
    QCOMPARE(via.back().size(), 4);          // the short one: two columns, two points each
    long long crossings = 0;
    int plain = 0;
    for (std::size_t k = 0; k + 1 < via.size(); ++k) {
        QVERIFY(via[k].isEmpty() || via[k].size() == 2000);
        crossings += via[k].size() / 2;
        plain += via[k].isEmpty();
    }
    QVERIFY2(crossings <= 300000, qPrintable(QString::number(crossings)));
    QVERIFY(crossings >= 290000);   // the budget is used, not wasted
    QVERIFY(plain > 0);
}

QTEST_GUILESS_MAIN(TestLayoutProperties)
// An arrow's ends sit on the sides toward each other, as a line between the centres would
// meet the boxes: a card's fan-out leaves from three heights in order, a level arrow from
// the middle, and no end comes nearer a corner than the inset.
void TestLayoutProperties::endsSlideTowardTheOtherEnd()
{
    const QRectF source(0, 100, 190, 66);
    const QRectF up(260, 12, 190, 66), level(260, 100, 190, 66), down(260, 188, 190, 66);
    const EdgeShape toUp = edgeShape(source, up), toLevel = edgeShape(source, level), toDown = edgeShape(source, down);
    QCOMPARE(toLevel.start, QPointF(source.right(), source.center().y()));
    QCOMPARE(toLevel.end(), QPointF(level.left(), level.center().y()));
    QVERIFY(toUp.start.y() < toLevel.start.y() && toLevel.start.y() < toDown.start.y());
    QCOMPARE(toUp.start.x(), source.right());
    QVERIFY(toUp.start.y() >= source.top() + 14 - 1e-9);
    QVERIFY(toDown.start.y() <= source.bottom() - 14 + 1e-9);
    // The arrival leans back toward the source: the climb is shorter than centre to centre.
    QVERIFY(toUp.end().y() > up.center().y());
    QVERIFY(toUp.start.y() - toUp.end().y() < source.center().y() - up.center().y());
    // A loop round underneath (the dependent left of its prerequisite) keeps the middles.
    const EdgeShape back = edgeShape(level, source);
    QCOMPARE(back.start, QPointF(level.right(), level.center().y()));
    QCOMPARE(back.end(), QPointF(source.left(), source.center().y()));
}

#include "tst_layoutproperties.moc"
