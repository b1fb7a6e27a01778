// Issue #16 item 1: the canvas draws the arrows `workplan layout --json` prints — routed
// through the channels between cards while both ends are where the auto layout put them —
// and a plain curve once the user moves an end.
#include "generatedplan.h"
#include "canvasfixture.h"

#include "model/layout/framefit.h"
#include "model/layout/layoutgeometry.h"
#include "model/projectedits.h"
#include "views/graph/carditem.h"
#include "views/graph/edgeitem.h"
#include "views/graph/layoutadapter.h"

#include <QtTest>

#include <vector>

using namespace Workplan;

namespace {


// What EdgeItem's bounds are for a drawn shape (its path's box plus the handles and head).
QRectF boundsOf(const EdgeShape &shape)
{
    QPainterPath path(shape.start);
    for (const EdgeShape::Piece &piece : shape.pieces) {
        if (piece.line)
            path.lineTo(piece.end);
        else
            path.cubicTo(piece.c1, piece.c2, piece.end);
    }
    return path.boundingRect().adjusted(-18, -18, 46, 18);
}

EdgeItem *edgeBetween(const GraphScene &scene, const QString &prereq, const QString &owner)
{
    for (EdgeItem *e : scene.edgesOf(owner)) {
        if (e->dependency() && e->dependency()->taskId == prereq)
            return e;
    }
    return nullptr;
}

const LayoutGeometry::Edge *edgeIn(const LayoutGeometry &g, const QString &prereq, const QString &owner)
{
    for (const LayoutGeometry::Edge &e : g.edges) {
        if (e.from == prereq && e.to == owner)
            return &e;
    }
    return nullptr;
}

} // namespace

class TestEdgeRoutes : public QObject
{
    Q_OBJECT
private slots:
    void canvasDrawsTheLayoutsRoutes();
    void routesBelongToTheCanvas();
    void routeFollowsItsDependency();
};

void TestEdgeRoutes::canvasDrawsTheLayoutsRoutes()
{
    const Project project = WorkplanTest::twoRowsPlan();
    WorkplanTest::CanvasFixture canvas;
    QVERIFY(canvas.open(project));
    const LayoutGeometry g = layoutGeometry(canvas.doc->project());
    QHash<QString, QRectF> rects;
    for (const auto &b : g.cards)
        rects.insert(b.taskId, b.rect);
    int compared = 0, routed = 0;
    for (const LayoutGeometry::Edge &e : g.edges) {
        const QList<EdgeItem *> items = canvas.scene->edgesOf(e.to);
        const auto it = std::find_if(items.cbegin(), items.cend(), [&](EdgeItem *i) { return i->index() == e.index; });
        QVERIFY(it != items.cend());
        // The canvas's card where the layout put it, and the arrow the layout's shape.
        QCOMPARE(canvas.scene->cardFor(e.to)->nodeSceneRect(), rects.value(e.to));
        QCOMPARE((*it)->boundingRect(), boundsOf(edgeShape(rects.value(e.from), rects.value(e.to), e.via)));
        ++compared;
        routed += !e.via.isEmpty();
    }
    QCOMPARE(compared, 8);
    QCOMPARE(routed, 2);   // A0 -> A3 and S -> C

    // The user drags A0 down: its arrows become plain curves; the others keep their routes.
    CardItem *a0 = canvas.scene->cardFor(QStringLiteral("A0"));
    a0->setPos(a0->pos() + QPointF(0, 40));
    const QRectF moved = a0->nodeSceneRect();
    for (EdgeItem *e : canvas.scene->edgesOf(QStringLiteral("A3"))) {
        const QString from = e->dependency()->taskId;
        const QRectF fromRect = from == QLatin1String("A0") ? moved : rects.value(from);
        QCOMPARE(e->boundingRect(), boundsOf(edgeShape(fromRect, rects.value(QStringLiteral("A3")))));
    }
    const QList<EdgeItem *> toC = canvas.scene->edgesOf(QStringLiteral("C"));
    const auto sc = std::find_if(toC.cbegin(), toC.cend(), [](EdgeItem *e) { return e->dependency()->taskId == QLatin1String("S"); });
    QVERIFY(sc != toC.cend());
    const auto route = std::find_if(g.edges.cbegin(), g.edges.cend(), [](const auto &e) {
        return e.from == QLatin1String("S") && e.to == QLatin1String("C");
    });
    QCOMPARE((*sc)->boundingRect(), boundsOf(edgeShape(rects.value(QStringLiteral("S")), rects.value(QStringLiteral("C")), route->via)));
    canvas.close();
}

// The routes are the canvas's own: layouts made elsewhere (a template drop lays out its
// small plan, another window its plan) leave them alone. (A process-wide table of the
// last few plans laid out lost the canvas's routes to them.)
void TestEdgeRoutes::routesBelongToTheCanvas()
{
    WorkplanTest::CanvasFixture canvas;
    QVERIFY(canvas.open(WorkplanTest::twoRowsPlan()));
    const LayoutGeometry g = layoutGeometry(canvas.doc->project());
    QHash<QString, QRectF> rects;
    for (const auto &b : g.cards)
        rects.insert(b.taskId, b.rect);
    const LayoutGeometry::Edge *route = edgeIn(g, QStringLiteral("A0"), QStringLiteral("A3"));
    QVERIFY(route && !route->via.isEmpty());
    const QRectF from = rects.value(QStringLiteral("A0")), to = rects.value(QStringLiteral("A3"));
    const QRectF routed = boundsOf(edgeShape(from, to, route->via));
    QVERIFY(routed != boundsOf(edgeShape(from, to)));

    const std::vector<Project> others(6, WorkplanTest::twoRowsPlan());
    for (const Project &other : others) {
        computeLayoutPositions(other);
        canvasLayout(other);
    }
    WorkplanTest::CanvasFixture second;
    QVERIFY(second.open(WorkplanTest::twoRowsPlan()));
    second.scene->autoLayout();

    // A0 moved away and back: its arrow asks the canvas again, and is routed again.
    CardItem *a0 = canvas.scene->cardFor(QStringLiteral("A0"));
    const QPointF was = a0->pos();
    a0->setPos(was + QPointF(0, 40));
    EdgeItem *a0a3 = edgeBetween(*canvas.scene, QStringLiteral("A0"), QStringLiteral("A3"));
    QVERIFY(a0a3);
    QVERIFY(a0a3->boundingRect() != routed);
    a0->setPos(was);
    QCOMPARE(a0a3->boundingRect(), routed);
    second.close();
    canvas.close();
}

// A route names its dependency by (owner, prerequisite, type): when another dependency of
// the owner goes (its list shifts), the arrow keeps its route.
void TestEdgeRoutes::routeFollowsItsDependency()
{
    WorkplanTest::CanvasFixture canvas;
    QVERIFY(canvas.open(WorkplanTest::twoRowsPlan()));
    const LayoutGeometry g = layoutGeometry(canvas.doc->project());
    QHash<QString, QRectF> rects;
    for (const auto &b : g.cards)
        rects.insert(b.taskId, b.rect);
    const LayoutGeometry::Edge *route = edgeIn(g, QStringLiteral("S"), QStringLiteral("C"));
    QVERIFY(route && !route->via.isEmpty());
    QCOMPARE(route->index, 1);   // C waits for B2 first

    // "Auto layout" stores every card where it is drawn; the routes come from that layout.
    canvas.scene->autoLayout();
    canvas.scene->flush();
    QCOMPARE(canvas.scene->cardFor(QStringLiteral("C"))->nodeSceneRect(), rects.value(QStringLiteral("C")));

    QVERIFY(canvas.doc->edits().unlink({QStringLiteral("C"), QStringLiteral("B2"), DependencyType::Completion}));
    canvas.scene->flush();
    EdgeItem *sc = edgeBetween(*canvas.scene, QStringLiteral("S"), QStringLiteral("C"));
    QVERIFY(sc);
    QCOMPARE(sc->index(), 0);
    const QRectF from = rects.value(QStringLiteral("S")), to = rects.value(QStringLiteral("C"));
    QVERIFY(boundsOf(edgeShape(from, to, route->via)) != boundsOf(edgeShape(from, to)));
    QCOMPARE(sc->boundingRect(), boundsOf(edgeShape(from, to, route->via)));
    canvas.close();
}

QTEST_MAIN(TestEdgeRoutes)
#include "tst_edgeroutes.moc"
