// Issue #16 items 4 and 5, in the real window: View ▸ Minimap shows the whole plan with the
// canvas's visible part; a click there centres the canvas, a drag pans it. View ▸ Collapse
// folds the frames to a level; folded cards give their figures and the arrows between them
// are bundled, one per pair with its weight. Plus the summary figures (model/engine).
#include "model/engine/analysis.h"
#include "model/engine/snapshot.h"
#include "model/engine/summaryfigures.h"
#include "model/commands/changetaskcommand.h"
#include "model/projectdocument.h"
#include "model/storage/projectfile.h"
#include "views/analysiscontroller.h"
#include "views/graph/bundlelayer.h"
#include "views/graph/carditem.h"
#include "views/graph/collapselevels.h"
#include "views/graph/edgeitem.h"
#include "views/graph/frameitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/graph/minimap.h"
#include "views/mainwindow.h"
#include "views/tasktreewidget.h"
#include "views/timeline/timelinescene.h"
#include "views/timeline/timelinewidget.h"
#include "windowfixture.h"
#include "testsupport.h"

#include <QAction>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolTip>
#include <QStandardPaths>
#include <QUndoStack>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace Workplan;

namespace {

constexpr int Epics = 3;
constexpr int FeaturesPerEpic = 4;
constexpr int LeavesPerFeature = 25;
constexpr int BundledInside = 7;    // E0F1's leaves 0..6 wait for E0F0's leaves 0..6
constexpr int BundledAcross = 3;    // E1F0's leaves 0..2 wait for E0F3's last three

QString epicId(int e) { return QStringLiteral("E%1").arg(e); }
QString featureId(int e, int f) { return QStringLiteral("E%1F%2").arg(e).arg(f); }
QString leafId(int e, int f, int k) { return QStringLiteral("E%1F%2_%3").arg(e).arg(f).arg(k); }

// 3 epics of 4 features of 25 leaves (315 tasks), a chain inside each feature, and the
// bundles above.
Project generatedPlan()
{
    Project p;
    p.name = QStringLiteral("overview");
    QList<Task> tasks;
    for (int e = 0; e < Epics; ++e) {
        Task epic;
        epic.id = epicId(e);
        epic.type = QStringLiteral("epic");
        epic.attributes.insert(QStringLiteral("title"), QStringLiteral("Epic %1").arg(e));
        tasks << epic;
        for (int f = 0; f < FeaturesPerEpic; ++f) {
            Task feature;
            feature.id = featureId(e, f);
            feature.type = QStringLiteral("feature");
            feature.parentId = epic.id;
            feature.attributes.insert(QStringLiteral("title"), QStringLiteral("Feature %1.%2").arg(e).arg(f));
            tasks << feature;
            const qreal x0 = (e * FeaturesPerEpic + f) * 1300;
            for (int k = 0; k < LeavesPerFeature; ++k) {
                Task t = WorkplanTest::placedLeaf(leafId(e, f, k), feature.id,
                                                  QPointF(x0 + (k % 5) * 230, (k / 5) * 100));
                if (k % 5 > 0)
                    t.dependencies << WorkplanTest::dependencyOn(leafId(e, f, k - 1));
                if (e == 0 && f == 1 && k < BundledInside)
                    t.dependencies << WorkplanTest::dependencyOn(leafId(0, 0, k));
                if (e == 1 && f == 0 && k < BundledAcross)
                    t.dependencies << WorkplanTest::dependencyOn(leafId(0, 3, LeavesPerFeature - 1 - k));
                tasks << t;
            }
        }
    }
    p.setTasks(tasks);
    return p;
}

QSet<QString> allFeatures()
{
    QSet<QString> features;
    for (int e = 0; e < Epics; ++e) {
        for (int f = 0; f < FeaturesPerEpic; ++f)
            features << featureId(e, f);
    }
    return features;
}

int declaredDependencies(const Project &p)
{
    int n = 0;
    for (const Task &t : p.tasks())
        n += int(t.dependencies.size());
    return n;
}

// A paint device that keeps the pens it is painted with: its engine draws nothing.
class PenRecorder : public QPaintDevice
{
public:
    QPaintEngine *paintEngine() const override { return &m_engine; }
    const QList<QPen> &pens() const { return m_engine.pens; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth: case PdmHeight: return 4000;
        case PdmWidthMM: case PdmHeightMM: return 1000;
        case PdmDpiX: case PdmDpiY: case PdmPhysicalDpiX: case PdmPhysicalDpiY: return 600;
        case PdmDepth: return 32;
        case PdmDevicePixelRatio: return 1;
        case PdmDevicePixelRatioScaled: return int(QPaintDevice::devicePixelRatioFScale());
        default: return 0;
        }
    }

private:
    struct Engine : QPaintEngine
    {
        Engine() : QPaintEngine(AllFeatures) {}
        bool begin(QPaintDevice *) override { return true; }
        bool end() override { return true; }
        void updateState(const QPaintEngineState &state) override
        {
            if (state.state() & DirtyPen)
                pens << state.pen();
        }
        void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override {}
        void drawPath(const QPainterPath &) override {}
        void drawPolygon(const QPointF *, int, PolygonDrawMode) override {}
        Type type() const override { return User; }   // a printer's, a PDF's: not the screen
        QList<QPen> pens;
    };
    mutable Engine m_engine;
};

} // namespace

class TestOverview : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void summaryFiguresAddUpLeaves();
    void minimapShowsAndClickCentres();
    void minimapDragPans();
    void epicsOnlyFoldsTopLevel();
    void featuresBundleTheirArrows();
    void bundleFollowsEdits();
    void foldedArrowsAreDrawnByOneItem();
    void foldedArrowFollowsItsCardAndSaysWhatItBundles();
    void overviewHairlinesAreForTheScreenOnly();
    void expandAllRestores();
    void largePlanOpensFolded();
    void foldedCardRepaintsItsNewFigures();

private:
    QAction *action(const char *name) const { return m_window->findChild<QAction *>(QLatin1String(name)); }
    GraphScene *scene() const { return m_view->graphScene(); }
    QPointF visibleCentre() const { return m_view->mapToScene(m_view->viewport()->rect()).boundingRect().center(); }
    QList<EdgeItem *> edgesBetween(const QString &from, const QString &to) const;
    int blockedLeavesUnder(const QString &summaryId) const;

    std::unique_ptr<MainWindow> m_window;
    GraphView *m_view = nullptr;
};

void TestOverview::initTestCase()
{
    WorkplanTest::isolateSettings("tst_overview");
}

void TestOverview::init()
{
    WorkplanTest::WindowFixture fixture;
    QVERIFY(fixture.open(generatedPlan(), QSize(1200, 800), false));
    m_window = std::move(fixture.window);
    m_view = fixture.view;
}

void TestOverview::cleanup()
{
    CollapseLevels::setOpeningLimits({});
    m_window.reset();
}

QList<EdgeItem *> TestOverview::edgesBetween(const QString &from, const QString &to) const
{
    QList<EdgeItem *> out;
    const NodeItem *source = scene()->cardFor(from);
    const NodeItem *target = scene()->cardFor(to);
    // From the source's arrows: those at a folded card are drawn by the bundle layer, not
    // as scene items.
    for (EdgeItem *e : source ? source->edges() : QList<EdgeItem *>()) {
        if (static_cast<const NodeItem *>(e->source()) == source && static_cast<const NodeItem *>(e->target()) == target)
            out << e;
    }
    return out;
}

int TestOverview::blockedLeavesUnder(const QString &summaryId) const
{
    const auto result = m_window->findChild<AnalysisController *>()->result();
    int n = 0;
    for (const Task &t : m_window->document()->project().tasks()) {
        if (m_window->document()->isSummary(t.id) || !result->isBlocked(t.id))
            continue;
        for (QString a = t.parentId; !a.isEmpty(); a = m_window->document()->project().find(a)->parentId) {
            if (a == summaryId) {
                ++n;
                break;
            }
        }
    }
    return n;
}

// E holds a (ready), b (waits for a: blocked) and c (marked blocked): 3 leaves, 2 blocked,
// from a's start to b's finish. x stands alone.
void TestOverview::summaryFiguresAddUpLeaves()
{
    Project p;
    Task e;
    e.id = QStringLiteral("E");
    e.type = QStringLiteral("epic");
    Task a = WorkplanTest::placedLeaf(QStringLiteral("a"), e.id, {0, 0});
    Task b = WorkplanTest::placedLeaf(QStringLiteral("b"), e.id, {300, 0});
    b.dependencies << WorkplanTest::dependencyOn(a.id);
    Task c = WorkplanTest::placedLeaf(QStringLiteral("c"), e.id, {0, 100});
    c.status = Status::Blocked;
    Task x = WorkplanTest::placedLeaf(QStringLiteral("x"), QString(), {600, 0});
    p.setTasks({a, e, b, c, x});   // a before its parent: the pass must not care
    const Snapshot s = Snapshot::fromProject(p);
    const Analysis analysis = analyze(s);
    const SummaryFigures f = summaryFigures(s, analysis);
    const int ie = p.indexOf(QStringLiteral("E")), ia = p.indexOf(QStringLiteral("a")), ib = p.indexOf(QStringLiteral("b"));
    QCOMPARE(f.leaves[std::size_t(ie)], 3);
    QCOMPARE(f.blocked[std::size_t(ie)], 2);
    QCOMPARE(f.start[std::size_t(ie)], analysis.times(ia).es);
    QCOMPARE(f.finish[std::size_t(ie)], analysis.times(ib).ef);
    QVERIFY(f.finish[std::size_t(ie)] > f.start[std::size_t(ie)]);
    const int ix = p.indexOf(QStringLiteral("x"));
    QCOMPARE(f.leaves[std::size_t(ix)], 1);
    QCOMPARE(f.blocked[std::size_t(ix)], 0);

    // A loop leaves no schedule: counts stay, times are unknown.
    a.dependencies << WorkplanTest::dependencyOn(b.id);
    p.setTasks({a, e, b, c, x});
    const Snapshot looped = Snapshot::fromProject(p);
    const SummaryFigures g = summaryFigures(looped, analyze(looped));
    QCOMPARE(g.leaves[std::size_t(ie)], 3);
    QVERIFY(std::isnan(g.start[std::size_t(ie)]));
}

void TestOverview::minimapShowsAndClickCentres()
{
    QAction *toggle = action("minimapAction");
    QVERIFY(toggle);
    QVERIFY(toggle->isCheckable());
    QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_M));
    auto *map = m_view->findChild<Minimap *>();
    QVERIFY(map);
    QVERIFY(!map->isVisible());
    toggle->trigger();
    QVERIFY(map->isVisible());
    // In the canvas's bottom-right corner, over the plan, not scrolled with it.
    QCOMPARE(map->parentWidget(), static_cast<QWidget *>(m_view));
    const QRect area = m_view->viewport()->geometry();
    QVERIFY(area.contains(map->geometry()));
    QVERIFY(area.right() - map->geometry().right() < 20);
    QVERIFY(area.bottom() - map->geometry().bottom() < 20);

    m_view->setZoom(2.0);
    m_view->centerOn(scene()->cardFor(leafId(0, 0, 0))->nodeSceneRect().center());
    const QPointF target = scene()->cardFor(leafId(2, 3, 12))->nodeSceneRect().center();
    const QPoint at = map->fromScene(target).toPoint();
    QVERIFY(map->rect().contains(at));
    // The minimap's rectangle is the canvas's view.
    QCOMPARE(map->visibleSceneRect(), m_view->mapToScene(m_view->viewport()->rect()).boundingRect());
    QVERIFY(QLineF(visibleCentre(), target).length() > 5000);

    QTest::mouseClick(map, Qt::LeftButton, {}, at);
    const qreal pixel = QLineF(map->toScene(QPointF(0, 0)), map->toScene(QPointF(1, 1))).length();
    QVERIFY2(QLineF(visibleCentre(), target).length() < 2 * pixel,
             qPrintable(QStringLiteral("centre %1,%2 target %3,%4")
                            .arg(visibleCentre().x()).arg(visibleCentre().y()).arg(target.x()).arg(target.y())));

    toggle->trigger();
    QVERIFY(!map->isVisible());
}

void TestOverview::minimapDragPans()
{
    action("minimapAction")->trigger();
    auto *map = m_view->findChild<Minimap *>();
    QVERIFY(map && map->isVisible());
    m_view->setZoom(2.0);
    m_view->centerOn(scene()->cardFor(leafId(0, 2, 12))->nodeSceneRect().center());
    const QPointF before = visibleCentre();
    // Take the rectangle off centre and drag it 40 px right: the view follows by as much
    // plan, and does not jump to the press first.
    const QPoint press = map->fromScene(before).toPoint() + QPoint(1, 1);
    QVERIFY(map->visibleSceneRect().contains(map->toScene(QPointF(press))));
    const QPoint release = press + QPoint(40, 0);
    QTest::mousePress(map, Qt::LeftButton, {}, press);
    QVERIFY(QLineF(visibleCentre(), before).length() < 2);
    QTest::mouseMove(map, press + QPoint(20, 0));
    QTest::mouseMove(map, release);
    QTest::mouseRelease(map, Qt::LeftButton, {}, release);
    const qreal expected = map->toScene(QPointF(release)).x() - map->toScene(QPointF(press)).x();
    QVERIFY(expected > 1000);
    QVERIFY2(qAbs((visibleCentre().x() - before.x()) - expected) < 3,
             qPrintable(QStringLiteral("moved %1, expected %2").arg(visibleCentre().x() - before.x()).arg(expected)));
    QVERIFY(qAbs(visibleCentre().y() - before.y()) < 3);
}

void TestOverview::epicsOnlyFoldsTopLevel()
{
    QAction *epics = action("collapseEpicsAction");
    QVERIFY(epics);
    epics->trigger();
    const QSet<QString> folded{epicId(0), epicId(1), epicId(2)};
    QCOMPARE(scene()->collapsedSet(), folded);
    QCOMPARE(CollapseLevels::summariesAtDepth(m_window->document()->project(), 0), folded);
    for (int e = 0; e < Epics; ++e) {
        QVERIFY(scene()->cardFor(epicId(e))->isVisible());
        QVERIFY(!scene()->frameFor(epicId(e))->isVisible());
        // Folded away: no card items (only what shows has one).
        QVERIFY(!scene()->cardFor(featureId(e, 0)));
        QVERIFY(!scene()->cardFor(leafId(e, 0, 0)));
    }
    // The folded card gives its figures: tasks, blocked, span.
    const QString tip = scene()->cardFor(epicId(0))->toolTipText();
    QVERIFY2(tip.contains(QStringLiteral("100 task")), qPrintable(tip));
    const int blocked = blockedLeavesUnder(epicId(0));
    QVERIFY(blocked > 0);
    QVERIFY2(tip.contains(QStringLiteral("%1 blocked").arg(blocked)), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("span ")), qPrintable(tip));

    // E0 -> E1: the three dependencies across are one arrow of weight 3, the only one.
    const QList<EdgeItem *> across = edgesBetween(epicId(0), epicId(1));
    QCOMPARE(across.size(), 1);
    QCOMPARE(across.first()->weight(), BundledAcross);
    QCOMPARE(across.first()->bundleToolTip(), QStringLiteral("3 dependencies between these tasks"));
    QVERIFY(!(across.first()->flags() & QGraphicsItem::ItemIsSelectable));
    QCOMPARE(scene()->edgeCount(), 1);
}

void TestOverview::featuresBundleTheirArrows()
{
    action("collapseEpicsAction")->trigger();
    action("collapseFeaturesAction")->trigger();
    QCOMPARE(scene()->collapsedSet(), allFeatures());
    for (int e = 0; e < Epics; ++e) {
        QVERIFY(scene()->frameFor(epicId(e))->isVisible());
        QVERIFY(scene()->cardFor(featureId(e, 1))->isVisible());
        QVERIFY(!scene()->cardFor(leafId(e, 1, 3)));
    }
    const QList<EdgeItem *> inside = edgesBetween(featureId(0, 0), featureId(0, 1));
    QCOMPARE(inside.size(), 1);
    QCOMPARE(inside.first()->weight(), BundledInside);
    const QList<EdgeItem *> across = edgesBetween(featureId(0, 3), featureId(1, 0));
    QCOMPARE(across.size(), 1);
    QCOMPARE(across.first()->weight(), BundledAcross);
    QCOMPARE(scene()->edgeCount(), 2);   // the chains are inside the folded features

    const QString tip = scene()->cardFor(featureId(0, 1))->toolTipText();
    QVERIFY2(tip.contains(QStringLiteral("25 task")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("%1 blocked").arg(blockedLeavesUnder(featureId(0, 1)))), qPrintable(tip));
}

void TestOverview::bundleFollowsEdits()
{
    action("collapseFeaturesAction")->trigger();
    // One more dependency between the folded features joins the bundle, undo leaves it.
    QVERIFY(scene()->createDependency(leafId(0, 0, 20), leafId(0, 1, 20), DependencyType::Completion));
    scene()->flush();
    QList<EdgeItem *> inside = edgesBetween(featureId(0, 0), featureId(0, 1));
    QCOMPARE(inside.size(), 1);
    QCOMPARE(inside.first()->weight(), BundledInside + 1);
    m_window->document()->undoStack()->undo();
    scene()->flush();
    inside = edgesBetween(featureId(0, 0), featureId(0, 1));
    QCOMPARE(inside.size(), 1);
    QCOMPARE(inside.first()->weight(), BundledInside);
}

// The arrows at folded cards are no scene items: one BundleLayer draws them (a folded 100k
// plan has ~100k, and QGraphicsView's cost per item made every zoom step 100 ms). They
// still paint, answer a hover, and leave the layer when the plan unfolds.
void TestOverview::foldedArrowsAreDrawnByOneItem()
{
    action("collapseFeaturesAction")->trigger();
    scene()->flush();
    const BundleLayer *layer = scene()->bundleLayerIfAny();
    QVERIFY(layer);
    QCOMPARE(layer->count(), scene()->edgeCount());
    for (QGraphicsItem *item : scene()->items())
        QVERIFY(item->type() != EdgeItem::Type);
    EdgeItem *bundle = edgesBetween(featureId(0, 0), featureId(0, 1)).value(0);
    QVERIFY(bundle);
    QCOMPARE(bundle->layer(), layer);
    QVERIFY(!(bundle->flags() & QGraphicsItem::ItemIsSelectable));
    QCOMPARE(layer->edgeAt(bundle->targetPoint() - QPointF(2, 0)), bundle);
    QVERIFY(layer->shape().isEmpty());   // clicks go through to what is under it

    // What the layer draws is the arrow: without the layer, its stretch is empty canvas.
    const QRectF area = bundle->boundingRect();
    auto shot = [&] {
        QImage image(area.size().toSize(), QImage::Format_ARGB32_Premultiplied);   // at 100 %
        image.fill(Qt::white);
        QPainter painter(&image);
        scene()->render(&painter, QRectF(image.rect()), area);
        return image;
    };
    const QImage with = shot();
    const_cast<BundleLayer *>(layer)->setVisible(false);
    const QImage without = shot();
    const_cast<BundleLayer *>(layer)->setVisible(true);
    QVERIFY(with != without);

    action("expandAllAction")->trigger();
    scene()->flush();
    QCOMPARE(layer->count(), 0);   // every arrow is its own item again
    QVERIFY(scene()->edgeCount() > 0);
}

// The layer's arrows have no item to move or hover: the layer repaints one where its card
// took it, and the canvas's tooltip finds it under the mouse.
void TestOverview::foldedArrowFollowsItsCardAndSaysWhatItBundles()
{
    action("collapseFeaturesAction")->trigger();
    scene()->flush();
    BundleLayer *layer = scene()->bundleLayer();
    EdgeItem *bundle = edgesBetween(featureId(0, 0), featureId(0, 1)).value(0);
    QVERIFY(bundle);
    CardItem *target = scene()->cardFor(featureId(0, 1));
    target->setPos(target->pos() + QPointF(0, 900));   // as a layout would move it
    // Around its head, now far from where the arrow was drawn before.
    const QRectF moved(bundle->targetPoint() - QPointF(60, 60), QSizeF(120, 120));
    QVERIFY(moved.top() > target->nodeSceneRect().top() - 900 + 200);
    auto shot = [&](bool withLayer) {
        layer->setVisible(withLayer);
        QImage image(moved.size().toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        scene()->render(&painter, QRectF(image.rect()), moved);
        layer->setVisible(true);
        return image;
    };
    QVERIFY(shot(true) != shot(false));   // painted where it went, not where it was

    // Hovered on the canvas, away from the cards: the bundle says what it stands for.
    QPointF on;
    const QLineF line(bundle->sourcePoint(), bundle->targetPoint());
    for (qreal t = 0.3; t <= 0.7 && on.isNull(); t += 0.01) {
        for (qreal dx = -30; dx <= 30 && on.isNull(); dx += 1) {
            const QPointF p = line.pointAt(t) + QPointF(dx, 0);
            if (layer->edgeAt(p) == bundle && !scene()->itemAt(p, QTransform()))
                on = p;
        }
    }
    QVERIFY(!on.isNull());
    m_view->setZoom(1.0);
    m_view->centerOn(on);
    QWidget *viewport = m_view->viewport();
    const QPoint at = m_view->mapFromScene(on);
    QHelpEvent help(QEvent::ToolTip, at, viewport->mapToGlobal(at));
    QApplication::sendEvent(viewport, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("%1 dependencies between these tasks").arg(BundledInside));
    QToolTip::hideText();
}

// On screen an arrow of one dependency at a folded card is a one-pixel hairline (Qt's fast
// path); printed or exported it keeps its width, a printer's pixel being far finer.
void TestOverview::overviewHairlinesAreForTheScreenOnly()
{
    scene()->setCollapsed(featureId(0, 1), true);
    scene()->flush();
    EdgeItem *arrow = edgesBetween(leafId(0, 0, 0), featureId(0, 1)).value(0);
    QVERIFY(arrow);
    QVERIFY(arrow->layer());
    QVERIFY(!arrow->isBundle());
    PenRecorder printer;
    QPainter painter(&printer);
    QStyleOptionGraphicsItem option;
    option.exposedRect = arrow->boundingRect();
    arrow->layer()->paint(&painter, &option, nullptr);   // at 100 %: the detailed look
    painter.end();
    int arrowPens = 0;
    for (const QPen &pen : printer.pens()) {
        if (pen.style() == Qt::NoPen)
            continue;
        ++arrowPens;
        QVERIFY2(!pen.isCosmetic(), qPrintable(QString::number(pen.widthF())));
    }
    QVERIFY(arrowPens > 0);
}

void TestOverview::expandAllRestores()
{
    action("collapseEpicsAction")->trigger();
    QVERIFY(!scene()->collapsedSet().isEmpty());
    // The pointer shows the window busy while the frames open, and is itself again after.
    int busy = 0;
    const auto watch = connect(scene(), &GraphScene::collapsedChanged, this, [&busy] {
        busy += QApplication::overrideCursor() && QApplication::overrideCursor()->shape() == Qt::WaitCursor;
    });
    action("expandAllAction")->trigger();
    disconnect(watch);
    QVERIFY(busy > 0);
    QVERIFY(!QApplication::overrideCursor());
    QVERIFY(scene()->collapsedSet().isEmpty());
    for (int e = 0; e < Epics; ++e) {
        QVERIFY(scene()->frameFor(epicId(e))->isVisible());
        QVERIFY(!scene()->cardFor(epicId(e)));   // an open summary shows its frame only
        for (int f = 0; f < FeaturesPerEpic; ++f)
            QVERIFY(scene()->frameFor(featureId(e, f))->isVisible());
        QVERIFY(scene()->cardFor(leafId(e, 2, 7))->isVisible());
    }
    // One arrow per dependency again, each selectable.
    QCOMPARE(scene()->edgeCount(), declaredDependencies(m_window->document()->project()));
    QCOMPARE(edgesBetween(leafId(0, 0, 0), leafId(0, 1, 0)).size(), 1);
    QCOMPARE(edgesBetween(leafId(0, 0, 0), leafId(0, 1, 0)).first()->weight(), 1);
}

// A plan above the opening limit opens folded everywhere: the canvas to its features (only
// what shows has a card item), the tree with its epics open and features closed, the
// timeline with the same rows; the status bar says how to open it. Past the node limit
// too, it opens to its epics. Expand All builds every card again.
void TestOverview::largePlanOpensFolded()
{
    ProjectDocument *doc = m_window->document();
    auto *tree = m_window->findChild<TaskTreeWidget *>();
    auto *timeline = m_window->findChild<TimelineWidget *>();
    QVERIFY(tree && timeline);
    QVERIFY(scene()->collapsedSet().isEmpty());   // 315 tasks: under the default limit

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("large.json"));
    QString error;
    QVERIFY2(ProjectFile::save(generatedPlan(), path, &error), qPrintable(error));
    CollapseLevels::setOpeningLimits({100, 1000});
    QVERIFY(m_window->openFile(path));
    QCOMPARE(scene()->collapsedSet(), allFeatures());
    for (int e = 0; e < Epics; ++e) {
        QVERIFY(scene()->frameFor(epicId(e))->isVisible());
        QVERIFY(scene()->cardFor(featureId(e, 2))->isVisible());
        QVERIFY(!scene()->cardFor(leafId(e, 2, 0)));   // no item for what is folded away
        QVERIFY(tree->isExpanded(epicId(e)));
        QVERIFY(!tree->isExpanded(featureId(e, 2)));
        QVERIFY(timeline->scene()->isCollapsed(featureId(e, 2)));
        QVERIFY(!timeline->scene()->isCollapsed(epicId(e)));
    }
    QCOMPARE(scene()->edgeCount(), 2);   // the two bundles, as View ▸ Collapse draws them
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("Expand All")),
             qPrintable(m_window->statusBar()->currentMessage()));

    const int depth = scene()->bspTreeDepth();
    QVERIFY(depth > 0);   // the scene's own choice, not Qt's guess (graphscene.h)
    action("expandAllAction")->trigger();
    QVERIFY(scene()->cardFor(leafId(1, 2, 3))->isVisible());
    QCOMPARE(scene()->edgeCount(), declaredDependencies(doc->project()));
    // Made without an index, then indexed at once (as deep as before): the scene finds its
    // items by place.
    QCOMPARE(scene()->itemIndexMethod(), QGraphicsScene::BspTreeIndex);
    QCOMPARE(scene()->bspTreeDepth(), depth);
    const QPointF leaf = scene()->cardFor(leafId(1, 2, 3))->nodeSceneRect().center();
    QCOMPARE(scene()->itemAt(leaf, QTransform()), scene()->cardFor(leafId(1, 2, 3)));

    // More nodes down to the features than the limit allows: the epics only.
    CollapseLevels::setOpeningLimits({100, 10});
    QVERIFY(m_window->openFile(path));
    QCOMPARE(scene()->collapsedSet(), (QSet<QString>{epicId(0), epicId(1), epicId(2)}));
    QVERIFY(!scene()->cardFor(featureId(0, 0)));
    QVERIFY(!tree->isExpanded(epicId(0)));
    QVERIFY(timeline->scene()->isCollapsed(epicId(0)));
}

// A new analysis repaints the folded cards above what it changed (their figures: blocked,
// span), from their cached pictures too, even when the summary's own row is unchanged.
void TestOverview::foldedCardRepaintsItsNewFigures()
{
    action("collapseFeaturesAction")->trigger();
    auto *analysis = m_window->findChild<AnalysisController *>();
    analysis->refreshNow();
    QCoreApplication::processEvents();
    m_view->setZoom(1.0);
    const auto picture = [&](const QString &id) {
        const QRect r = m_view->mapFromScene(scene()->cardFor(id)->nodeSceneRect()).boundingRect();
        return m_view->viewport()->grab(r).toImage();
    };
    m_view->centerOn(scene()->cardFor(featureId(0, 1))->nodeSceneRect().center());
    QCoreApplication::processEvents();
    const QImage before = picture(featureId(0, 1));
    const QString figuresBefore = scene()->collapsedFiguresText(featureId(0, 1));

    // A leaf in E0F1 marked blocked: one more blocked under the folded card, while the
    // feature's own row (its times) reads as before.
    m_window->document()->undoStack()->push(
        ChangeTaskCommand::setStatus(m_window->document(), leafId(0, 1, 20), Status::Blocked));
    analysis->refreshNow();
    QCoreApplication::processEvents();
    QVERIFY(scene()->collapsedFiguresText(featureId(0, 1)) != figuresBefore);
    QTRY_VERIFY(picture(featureId(0, 1)) != before);
}

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
