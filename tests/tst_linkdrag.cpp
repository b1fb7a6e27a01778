// Issue #15: drawing a dependency always works. Presses at a port's visible edge, at 25 %,
// 100 % and 300 % and after Ctrl+wheel zoom, on nested cards and over an arrow, and along a
// card's right edge each draw exactly one dependency; the card body still moves the card and
// the empty canvas still starts a rubber band. Real mouse events on the viewport.
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/graph/carditem.h"
#include "views/graph/edgeitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphstyle.h"
#include "views/graph/graphview.h"
#include "views/taskselection.h"

#include "testsupport.h"

#include <QApplication>
#include <QUndoStack>
#include <QtMath>
#include <QtTest>

using namespace Workplan;
using namespace Workplan::GraphStyle;

namespace {

const QString Nested = QStringLiteral("arch_messaging_system");   // epic > feature > leaf
const QString Presence = QStringLiteral("feature_user_presence");

Task leaf(const QString &id, QPointF pos)
{
    Task t;
    t.id = id;
    t.type = QStringLiteral("specialist_task");
    t.attributes.insert(QStringLiteral("title"), QStringLiteral("Task %1").arg(id));
    t.position = pos;
    t.hasPosition = true;
    return t;
}

// a, x, c in a row and c waits for a: that arrow runs straight over x's port. t is free.
Project crossedProject()
{
    Project p;
    p.name = QStringLiteral("crossed");
    Task c = leaf(QStringLiteral("c"), {520, 0});
    Dependency d;
    d.taskId = QStringLiteral("a");
    c.dependencies << d;
    p.setTasks({leaf(QStringLiteral("a"), {0, 0}), leaf(QStringLiteral("x"), {260, 0}), c,
                leaf(QStringLiteral("t"), {520, 140})});
    return p;
}

int dependencyCount(const ProjectDocument &doc, const QString &owner, const QString &on)
{
    const Task *t = doc.project().find(owner);
    int n = 0;
    for (const Dependency &d : t->dependencies)
        n += d.taskId == on ? 1 : 0;
    return n;
}

} // namespace

class TestLinkDrag : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();

    void hitAreaIsScreenSizedAtEveryZoom();
    void portEdgeDrawsOneDependency_data();
    void portEdgeDrawsOneDependency();
    void portOverArrowDrawsOneDependency();
    void rightEdgeStartsLink();
    void clickOnPortSelectsCard();
    void bodyMovesCardAndCanvasRubberBands();
    void hoverShowsPortAndCrossCursor();

private:
    void open(const Project &project, qreal zoom, const QString &from, const QString &to);
    QPoint portCentre(const QString &id) const;
    QList<QPoint> portEdgePoints(const QString &id) const;
    QPoint inside(const QString &id, const QString &towards) const;
    void drag(const QPoint &from, const QPoint &to);
    void expectOneDependency(const QPoint &press, const QString &from, const QString &to);

    ProjectDocument *m_doc = nullptr;
    TaskSelection *m_selection = nullptr;
    AnalysisController *m_analysis = nullptr;
    GraphScene *m_scene = nullptr;
    GraphView *m_view = nullptr;
};

void TestLinkDrag::cleanup()
{
    delete m_view;
    delete m_scene;
    delete m_analysis;
    delete m_selection;
    delete m_doc;
    m_view = nullptr;
    m_scene = nullptr;
    m_analysis = nullptr;
    m_selection = nullptr;
    m_doc = nullptr;
}

// Shows `project` at `zoom`, centred between the cards `from` and `to`.
void TestLinkDrag::open(const Project &project, qreal zoom, const QString &from, const QString &to)
{
    m_doc = new ProjectDocument;
    m_doc->resetProject(project);
    m_selection = new TaskSelection;
    m_analysis = new AnalysisController(m_doc);
    m_scene = new GraphScene(m_doc, m_selection, m_analysis);
    m_view = new GraphView(m_scene);
    m_view->resize(1400, 900);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_scene->flush();
    m_view->setZoom(zoom);
    QCOMPARE(m_view->zoom(), zoom);
    const QPointF a = m_scene->cardFor(from)->portScenePos();
    const QPointF b = m_scene->cardFor(to)->nodeSceneRect().center();
    m_view->centerOn((a + b) / 2);
    const QRect shown = m_view->viewport()->rect().adjusted(20, 20, -20, -20);
    QVERIFY(shown.contains(portCentre(from)));
    QVERIFY(shown.contains(inside(to, from)));
}

QPoint TestLinkDrag::portCentre(const QString &id) const
{
    return m_view->mapFromScene(m_scene->cardFor(id)->portScenePos());
}

// Points on the edge of the port as it is drawn: the card's own circle close up, the
// hover marker far out (a block card draws no port).
QList<QPoint> TestLinkDrag::portEdgePoints(const QString &id) const
{
    const qreal r = std::max(PortRadius * m_view->zoom(), PortMarkerPixels) - 1;
    const QPoint c = portCentre(id);
    QList<QPoint> points;
    for (int step = 0; step < 8; ++step) {
        const qreal a = step * M_PI / 4;
        points << c + QPoint(qRound(r * std::cos(a)), qRound(r * std::sin(a)));
    }
    return points;
}

// A point well inside card `id`, on the side facing card `towards`.
QPoint TestLinkDrag::inside(const QString &id, const QString &towards) const
{
    const QRectF r = m_scene->cardFor(id)->nodeSceneRect();
    const QPointF t = m_scene->cardFor(towards)->nodeSceneRect().center();
    const QRectF core = r.adjusted(r.width() / 3, r.height() / 3, -r.width() / 3, -r.height() / 3);
    return m_view->mapFromScene(QPointF(qBound(core.left(), t.x(), core.right()),
                                        qBound(core.top(), t.y(), core.bottom())));
}

void TestLinkDrag::drag(const QPoint &from, const QPoint &to)
{
    QWidget *viewport = m_view->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    // Qt 6.4's QTest::mouseMove may drop the held button: send the moves ourselves.
    for (int i = 1; i <= 6; ++i) {
        const QPoint p = from + (to - from) * i / 6;
        QMouseEvent move(QEvent::MouseMove, p, viewport->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(viewport, &move);
    }
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
}

// A drag from `press` to card `to` adds `to` waits for `from`, one undo step; undo takes it
// away again.
void TestLinkDrag::expectOneDependency(const QPoint &press, const QString &from, const QString &to)
{
    QUndoStack *stack = m_doc->undoStack();
    const int index = stack->index();
    const int edges = m_scene->edgeCount();
    const QString where = QStringLiteral("press at (%1, %2), port at (%3, %4), zoom %5")
                              .arg(press.x()).arg(press.y()).arg(portCentre(from).x())
                              .arg(portCentre(from).y()).arg(m_view->zoom());
    drag(press, inside(to, from));
    QVERIFY2(stack->index() == index + 1, qPrintable(where));
    QVERIFY2(dependencyCount(*m_doc, to, from) == 1, qPrintable(where + QLatin1String(": ") + stack->text(index)));
    m_scene->flush();
    QCOMPARE(m_scene->edgeCount(), edges + 1);
    for (QGraphicsItem *item : m_scene->selectedItems())   // no arrow picked on the way
        QVERIFY2(item->type() != EdgeItem::Type, qPrintable(where));
    stack->undo();
    QCOMPARE(dependencyCount(*m_doc, to, from), 0);
    m_scene->flush();
    QCOMPARE(m_scene->edgeCount(), edges);
}

void TestLinkDrag::hitAreaIsScreenSizedAtEveryZoom()
{
    open(crossedProject(), 1.0, QStringLiteral("x"), QStringLiteral("t"));
    const CardItem *card = m_scene->cardFor(QStringLiteral("x"));
    for (qreal zoom : {0.004, 0.05, 0.1, 0.18, 0.25, 0.45, 1.0, 1.728, 3.0, 4.0}) {
        const QRectF hit = card->portHitRect(zoom);
        // At least 14 px square at every zoom, however far out.
        QVERIFY2(hit.width() * zoom >= 14 && hit.height() * zoom >= 14, qPrintable(QString::number(zoom)));
        QVERIFY(hit.contains(card->portScenePos()));
        // Never less than the drawn port, whose circle is PortRadius around its centre.
        QVERIFY(hit.contains(QRectF(card->portScenePos() - QPointF(PortRadius, PortRadius),
                                    QSizeF(2 * PortRadius, 2 * PortRadius))));
        // Most of the card is left to move it by.
        QVERIFY(hit.left() >= card->nodeSceneRect().center().x());
        if (zoom >= 0.25)   // further out the band is a quarter of the card
            QVERIFY(card->edgeGripRect(zoom).width() * zoom >= EdgeGripPixels);
    }
}

void TestLinkDrag::portEdgeDrawsOneDependency_data()
{
    QTest::addColumn<qreal>("zoom");
    QTest::addColumn<int>("wheelSteps");   // Ctrl+wheel notches on the card after that
    QTest::newRow("25 %") << 0.25 << 0;
    QTest::newRow("100 %") << 1.0 << 0;
    QTest::newRow("300 %") << 3.0 << 0;
    QTest::newRow("Ctrl+wheel from 100 %") << 1.0 << 3;
    QTest::newRow("Ctrl+wheel from 100 % out") << 1.0 << -4;
}

// The repro: from "Design Messaging Architecture" (inside Core Messaging System,
// inside the epic) to "User Presence Indicators".
void TestLinkDrag::portEdgeDrawsOneDependency()
{
    QFETCH(qreal, zoom);
    QFETCH(int, wheelSteps);
    open(WorkplanTest::loadExample("feature-development"), zoom, Nested, Presence);
    if (wheelSteps != 0) {
        const QPoint at = portCentre(Nested) - QPoint(40, 0);
        QWheelEvent wheel(at, m_view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120 * wheelSteps),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view->viewport(), &wheel);
        QVERIFY(!qFuzzyCompare(m_view->zoom(), zoom));
        m_view->centerOn((m_scene->cardFor(Nested)->portScenePos()
                          + m_scene->cardFor(Presence)->nodeSceneRect().center()) / 2);
    }
    // Each time anew: a drag may grow the scene and scroll the view.
    for (int i = 0; i < 8; ++i) {
        expectOneDependency(portEdgePoints(Nested).at(i), Nested, Presence);
        if (QTest::currentTestFailed())
            return;
    }
}

// An arrow passes over the port of x (a -> c, straight through): the port still wins.
void TestLinkDrag::portOverArrowDrawsOneDependency()
{
    for (qreal zoom : {0.25, 1.0, 3.0}) {
        open(crossedProject(), zoom, QStringLiteral("x"), QStringLiteral("t"));
        const QPointF port = m_scene->cardFor(QStringLiteral("x"))->portScenePos();
        bool crossed = false;
        for (QGraphicsItem *item : m_scene->items(port + QPointF(PortRadius, 0)))
            crossed = crossed || item->type() == EdgeItem::Type;
        QVERIFY(crossed);
        for (int i = 0; i < 8; ++i) {
            expectOneDependency(portEdgePoints(QStringLiteral("x")).at(i), QStringLiteral("x"), QStringLiteral("t"));
            if (QTest::currentTestFailed())
                return;
        }
        cleanup();
    }
}

// As in yEd and draw.io, anywhere along the right edge, far from the port too.
void TestLinkDrag::rightEdgeStartsLink()
{
    for (qreal zoom : {0.25, 1.0, 3.0}) {
        open(WorkplanTest::loadExample("feature-development"), zoom, Nested, Presence);
        for (int i = 0; i < 3; ++i) {
            const QRectF r = m_scene->cardFor(Nested)->nodeSceneRect();
            const QPoint top = m_view->mapFromScene(r.topRight()), bottom = m_view->mapFromScene(r.bottomRight());
            const QPoint points[] = {QPoint(top.x() - 3, top.y() + 4), QPoint(bottom.x() - 4, bottom.y() - 4),
                                     QPoint(top.x() - 2, (top.y() * 3 + bottom.y()) / 4)};
            expectOneDependency(points[i], Nested, Presence);
            if (QTest::currentTestFailed())
                return;
        }
        cleanup();
    }
}

// A click without a drag on the port is a click on the card: it selects it, draws nothing.
void TestLinkDrag::clickOnPortSelectsCard()
{
    open(WorkplanTest::loadExample("feature-development"), 1.0, Nested, Presence);
    QSignalSpy messages(m_scene, &GraphScene::message);
    const int index = m_doc->undoStack()->index();
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, portCentre(Nested));
    QCOMPARE(m_doc->undoStack()->index(), index);
    QCOMPARE(m_selection->selectedIds(), QStringList{Nested});
    QVERIFY(m_scene->cardFor(Nested)->isSelected());
    QCOMPARE(messages.count(), 0);
}

void TestLinkDrag::bodyMovesCardAndCanvasRubberBands()
{
    for (qreal zoom : {0.25, 1.0, 3.0}) {
        open(crossedProject(), zoom, QStringLiteral("x"), QStringLiteral("t"));
        CardItem *x = m_scene->cardFor(QStringLiteral("x"));
        QUndoStack *stack = m_doc->undoStack();
        // The middle of the card, and a point left of the port just outside its areas.
        const QRectF hit = x->portHitRect(zoom);
        const QPoint nearPort = m_view->mapFromScene(QPointF(hit.left(), x->portScenePos().y())) - QPoint(3, 0);
        for (const QPoint &press : {m_view->mapFromScene(x->nodeSceneRect().center()), nearPort}) {
            const QPointF start = x->pos();
            const int index = stack->index();
            drag(press, press + QPoint(0, 40));
            QCOMPARE(stack->index(), index + 1);
            QCOMPARE(m_doc->project().find(QStringLiteral("x"))->dependencies.size(), 0);
            QCOMPARE(m_scene->edgeCount(), 1);
            QCOMPARE(x->pos(), start + QPointF(0, 40 / zoom));
            stack->undo();
            QCOMPARE(x->pos(), start);
        }
        // Empty canvas above the cards: a rubber band over x and c selects them, moves nothing.
        m_scene->clearSelection();
        const int index = stack->index();
        const QPointF above = x->nodeSceneRect().topLeft() - QPointF(10, 10 / zoom + 10);
        const QPointF below = m_scene->cardFor(QStringLiteral("c"))->nodeSceneRect().center();
        drag(m_view->mapFromScene(above), m_view->mapFromScene(below));
        QCOMPARE(stack->index(), index);
        QStringList ids = m_selection->selectedIds();
        ids.sort();
        QCOMPARE(ids, (QStringList{QStringLiteral("c"), QStringLiteral("x")}));
        cleanup();
    }
    // Far out too, from the gap between two columns, three quarters across and more than
    // half a port's hit square (7 px) from the port.
    for (qreal zoom : {0.1, 0.25}) {
        open(crossedProject(), zoom, QStringLiteral("x"), QStringLiteral("t"));
        const QRectF x = m_scene->cardFor(QStringLiteral("x"))->nodeSceneRect();
        const QPointF gap(x.right() + 0.75 * (ColumnSpacing - CardWidth), x.top() - 6 / zoom);
        m_scene->clearSelection();
        const int index = m_doc->undoStack()->index();
        drag(m_view->mapFromScene(gap), m_view->mapFromScene(x.center()));
        QCOMPARE(m_doc->undoStack()->index(), index);
        QCOMPARE(m_selection->selectedIds(), QStringList{QStringLiteral("x")});
        cleanup();
    }
}

// Hovering shows where a dependency starts: a cross over the port and the right edge, the
// port marked even far out where cards draw none, the usual arrow over the body.
void TestLinkDrag::hoverShowsPortAndCrossCursor()
{
    open(crossedProject(), 0.25, QStringLiteral("x"), QStringLiteral("t"));
    QWidget *viewport = m_view->viewport();
    const CardItem *x = m_scene->cardFor(QStringLiteral("x"));
    auto hover = [viewport](const QPoint &p) {
        QMouseEvent move(QEvent::MouseMove, p, viewport->mapToGlobal(p), Qt::NoButton, Qt::NoButton, {});
        QApplication::sendEvent(viewport, &move);
    };
    auto isCross = [viewport] {
        return viewport->testAttribute(Qt::WA_SetCursor) && viewport->cursor().shape() == Qt::CrossCursor;
    };
    auto pixel = [viewport](const QPoint &p) {
        QApplication::processEvents();
        return viewport->grab(QRect(p, QSize(1, 1))).toImage().pixelColor(0, 0);
    };
    const QPoint port = portCentre(QStringLiteral("x"));
    const QPoint ring = port + QPoint(qRound(PortMarkerPixels) - 3, 0);   // inside the marker, off its centre
    const QColor before = pixel(ring);

    hover(m_view->mapFromScene(x->nodeSceneRect().center()));
    QVERIFY(!isCross());
    hover(port + QPoint(5, 5));
    QVERIFY(isCross());
    const QColor marked = pixel(ring);
    QVERIFY2(marked != before, qPrintable(marked.name()));
    QVERIFY2(marked.blue() > 150 && marked.red() < 80, qPrintable(marked.name()));   // the accent blue
    const QPoint rightEdge = m_view->mapFromScene(x->nodeSceneRect().topRight()) + QPoint(-2, 3);
    hover(rightEdge);
    QVERIFY(isCross());
    hover(m_view->mapFromScene(x->nodeSceneRect().topLeft() - QPointF(40, 40)));   // canvas
    QVERIFY(!isCross());
    QCOMPARE(pixel(ring), before);
}

QTEST_MAIN(TestLinkDrag)
#include "tst_linkdrag.moc"
