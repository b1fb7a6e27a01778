// The dependency graph editor, driven through real mouse and key events on the viewport.
#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/projectdocument.h"
#include "model/effort.h"
#include "model/engine/leveledschedule.h"
#include "model/engine/risk.h"
#include "model/engine/riskinput.h"
#include "model/storage/json/jsonformat.h"
#include "model/storage/projectfile.h"
#include "model/templates.h"
#include "model/validation.h"
#include "views/analysiscontroller.h"
#include "views/graph/carditem.h"
#include "views/graph/edgeitem.h"
#include "views/graph/frameitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphstyle.h"
#include "views/graph/graphview.h"
#include "views/graph/layoutadapter.h"
#include "views/taskselection.h"

#include "generatedplan.h"
#include "testsupport.h"

#include <QApplication>
#include <QGraphicsSceneDragDropEvent>
#include <QImage>
#include <QMimeData>
#include <QPainter>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

using namespace Workplan;
using namespace Workplan::GraphStyle;

namespace {

Task leaf(const QString &id, const QString &parent, QPointF pos)
{
    return WorkplanTest::placedLeaf(id, parent, pos);
}

Dependency dep(const QString &on)
{
    return WorkplanTest::dependencyOn(on);
}

// Which dependency: `owner` waits for `prereq` (by its stable identity, not its place).
DependencyKey key(const char *owner, const char *prereq, DependencyType type = DependencyType::Completion)
{
    return {QLatin1String(owner), QLatin1String(prereq), type};
}

// Epic E holds a -> b -> c; d (top level) waits for c.
Project sampleProject()
{
    Project p;
    p.name = QStringLiteral("sample");
    Task e;
    e.id = QStringLiteral("E");
    e.type = QStringLiteral("epic");
    e.attributes.insert(QStringLiteral("title"), QStringLiteral("The epic"));
    Task a = leaf(QStringLiteral("a"), e.id, {0, 40});
    Task b = leaf(QStringLiteral("b"), e.id, {260, 40});
    b.dependencies << dep(QStringLiteral("a"));
    Task c = leaf(QStringLiteral("c"), e.id, {520, 40});
    c.dependencies << dep(QStringLiteral("b"));
    Task d = leaf(QStringLiteral("d"), QString(), {800, 300});
    d.dependencies << dep(QStringLiteral("c"));
    p.setTasks({e, a, b, c, d});
    return p;
}

// `count` unrelated leaves t0, t1, ... without positions: the layout stacks them.
Project unplacedLeaves(int count)
{
    Project p;
    QList<Task> tasks;
    for (int i = 0; i < count; ++i) {
        Task t = leaf(QStringLiteral("t%1").arg(i), QString(), {});
        t.hasPosition = false;
        tasks << t;
    }
    p.setTasks(tasks);
    return p;
}

} // namespace

class TestGraphScene : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void linkDragCreatesOneDependency();
    void cardsAndArrowsLiveInLayers();
    void cardsRepaintOnlyWhenTheirLookChanges();
    void framesNestDownDeepHierarchies();
    void cycleClosingDragIsRefused();
    void moveIsOneUndoStep();
    void selectionSyncBothWays();
    void deleteRemovesSelectedEdge();
    void rubberBandInsideLaneSelects();
    void dragEdgeHandleRetargets();
    void paletteDropCreatesTask();
    void itemsFollowDocument();
    void collapseHidesChildrenAndReattachesEdges();
    void autoLayoutIsOneCommand();
    void unplacedTasksShowAtLayoutPositions();
    void arrowKeysMoveSelection();
    void deletingSelectedTaskClearsSelection();
    void focusRequestCentresCard();
    void renderReleasePipeline();
    void criticalEdgesThroughSummaries();
    void loopsAreMarkedUntilUndone();
    void hiddenSelectionSelectsCollapsedAncestor();
    void templateDropAddsTasksInOneStep();
    void renderLoopAndCollapsedEpic();
    void openedPlanIsFittedFromItsStart();
    void tallPlanZoomsOutToWhole();
    void sceneGrowsWithMovedCard();
    void overlaySwitchRepaintsCachedCards();
    void blockedCardTellsWhy();
    void lateCardIsFlagged();
    void riskTintFollowsCriticality();
    void delayedCardHasBadge();

private:
    QPoint vp(const QPointF &scenePos) const { return m_view->mapFromScene(scenePos); }
    QPointF cardCenter(const QString &id) const { return m_scene->cardFor(id)->nodeSceneRect().center(); }
    QPointF port(const QString &id) const { return m_scene->cardFor(id)->portScenePos(); }
    void drag(const QPointF &from, const QPointF &to, Qt::KeyboardModifiers mods = {});
    void dropTemplate(const QString &name, const QPointF &scenePos);
    void saveRender(const QString &name);

    ProjectDocument *m_doc = nullptr;
    TaskSelection *m_selection = nullptr;
    AnalysisController *m_analysis = nullptr;
    GraphScene *m_scene = nullptr;
    GraphView *m_view = nullptr;
};

void TestGraphScene::init()
{
    m_doc = new ProjectDocument;
    m_doc->resetProject(sampleProject());
    m_selection = new TaskSelection;
    m_analysis = new AnalysisController(m_doc);
    m_scene = new GraphScene(m_doc, m_selection, m_analysis);
    m_view = new GraphView(m_scene);
    m_view->resize(1200, 800);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_view->fitToWindow();
    QCOMPARE(m_view->zoom(), 1.0);
}

// A large plan's cards and arrows sit under a few layer containers, not at the scene's top
// level (which QGraphicsScene walks on every update); cards still draw above arrows, and
// opening another plan starts new layers.
void TestGraphScene::cardsAndArrowsLiveInLayers()
{
    m_doc->resetProject(WorkplanTest::generatedPlan(3000, 7));
    m_scene->flush();
    int cards = 0, edges = 0, topLevel = 0;
    qreal cardLayerZ = 0, edgeLayerZ = 0;
    for (QGraphicsItem *item : m_scene->items()) {
        topLevel += item->parentItem() ? 0 : 1;
        if (auto *card = qgraphicsitem_cast<CardItem *>(item)) {
            QVERIFY(card->parentItem());
            cardLayerZ = card->parentItem()->zValue();
            ++cards;
        } else if (auto *edge = qgraphicsitem_cast<EdgeItem *>(item)) {
            QVERIFY(edge->parentItem());
            edgeLayerZ = edge->parentItem()->zValue();
            ++edges;
        }
    }
    // A card per leaf: an open summary shows its frame and has no card item.
    int leaves = 0;
    for (int i = 0; i < m_doc->project().taskCount(); ++i)
        leaves += m_doc->isSummaryAt(i) ? 0 : 1;
    QCOMPARE(cards, leaves);
    QVERIFY(edges > 1000);
    QVERIFY2(topLevel < (cards + edges) / 4, qPrintable(QString::number(topLevel)));
    QVERIFY(cardLayerZ > edgeLayerZ);
    const int containers = m_scene->layers().containerCount();
    QVERIFY(containers >= 2 && containers <= (cards + edges) / ItemLayers::kBucketSize + 4);
    m_doc->resetProject(sampleProject());
    m_scene->flush();
    QCOMPARE(m_scene->layers().containerCount(), 2);
}

// An estimate moves the times of every task after it; the cards show none of that (slack
// is off) and the critical chain stays the same, so only the edited card repaints, not the
// cards down the chain (at 100k tasks that kept an edit under 50 ms).
void TestGraphScene::cardsRepaintOnlyWhenTheirLookChanges()
{
    m_analysis->refreshNow();
    QCoreApplication::processEvents();
    const auto result = m_analysis->result();
    const double finishBefore = result->analysis.times(result->index(QStringLiteral("d"))).ef;
    QList<QRectF> regions;
    connect(m_scene, &QGraphicsScene::changed, this, [&](const QList<QRectF> &r) { regions += r; });
    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc, QStringLiteral("a"), QStringLiteral("estimated_effort"),
                                                             QStringLiteral("5 days")));
    m_analysis->refreshNow();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    const auto after = m_analysis->result();
    QVERIFY(after->analysis.times(after->index(QStringLiteral("d"))).ef > finishBefore);   // d did move
    const auto touches = [&](const QString &id) {
        const QRectF card = m_scene->cardFor(id)->sceneBoundingRect();
        return std::any_of(regions.cbegin(), regions.cend(), [&](const QRectF &r) { return r.intersects(card); });
    };
    QVERIFY(touches(QStringLiteral("a")));    // its estimate reads differently
    QVERIFY(!touches(QStringLiteral("d")));   // looks the same: left alone
}

// Frames are made in one pass up the tree (deepest first): a chain of 400 summaries, listed
// children before parents, nests each frame inside its parent's, the leaves inside theirs.
void TestGraphScene::framesNestDownDeepHierarchies()
{
    constexpr int Depth = 400;
    QList<Task> tasks;
    tasks << leaf(QStringLiteral("leaf"), QStringLiteral("s%1").arg(Depth - 1), {0, 0})
          << leaf(QStringLiteral("far"), QStringLiteral("s%1").arg(Depth / 2), {100000, 100000});
    for (int k = Depth - 1; k >= 0; --k) {
        Task summary;
        summary.id = QStringLiteral("s%1").arg(k);
        summary.type = QStringLiteral("feature");
        summary.parentId = k > 0 ? QStringLiteral("s%1").arg(k - 1) : QString();
        tasks << summary;
    }
    Project p;
    p.setTasks(tasks);
    m_doc->resetProject(p);
    m_scene->flush();
    const QRectF leafCard = m_scene->cardFor(QStringLiteral("leaf"))->nodeSceneRect();
    const QRectF farCard = m_scene->cardFor(QStringLiteral("far"))->nodeSceneRect();
    QVERIFY(m_scene->frameFor(QStringLiteral("s%1").arg(Depth - 1))->nodeSceneRect().contains(leafCard));
    for (int k = 0; k + 1 < Depth; ++k) {
        const QRectF outer = m_scene->frameFor(QStringLiteral("s%1").arg(k))->nodeSceneRect();
        const QRectF inner = m_scene->frameFor(QStringLiteral("s%1").arg(k + 1))->nodeSceneRect();
        QVERIFY2(outer.contains(inner) && outer != inner, qPrintable(QStringLiteral("s%1").arg(k)));
        QCOMPARE(outer.contains(farCard), k <= Depth / 2);
    }
}

void TestGraphScene::cleanup()
{
    delete m_view;
    delete m_scene;
    delete m_analysis;
    delete m_selection;
    delete m_doc;
}

void TestGraphScene::drag(const QPointF &from, const QPointF &to, Qt::KeyboardModifiers mods)
{
    QWidget *viewport = m_view->viewport();
    const QPoint a = vp(from), b = vp(to);
    QTest::mousePress(viewport, Qt::LeftButton, mods, a);
    // Qt 6.4's QTest::mouseMove may drop the held button: send the moves ourselves.
    for (int i = 1; i <= 5; ++i) {
        const QPoint p = a + (b - a) * i / 5;
        QMouseEvent move(QEvent::MouseMove, p, viewport->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, mods);
        QApplication::sendEvent(viewport, &move);
    }
    QTest::mouseRelease(viewport, Qt::LeftButton, mods, b);
}

void TestGraphScene::linkDragCreatesOneDependency()
{
    const int before = m_doc->undoStack()->count();
    drag(port(QStringLiteral("a")), cardCenter(QStringLiteral("d")));
    QCOMPARE(m_doc->undoStack()->count(), before + 1);
    const Task *d = m_doc->project().find(QStringLiteral("d"));
    QCOMPARE(d->dependencies.size(), 2);
    QCOMPARE(d->dependencies.last().taskId, QStringLiteral("a"));
    QVERIFY(d->dependencies.last().type == DependencyType::Completion);
    QVERIFY(m_scene->edgeFor(key("d", "a")));

    // Shift makes it a data dependency.
    drag(port(QStringLiteral("b")), cardCenter(QStringLiteral("d")), Qt::ShiftModifier);
    QVERIFY(m_doc->dependencyIndex(key("d", "b", DependencyType::Data)) >= 0);
    QVERIFY(m_scene->edgeFor(key("d", "b", DependencyType::Data)));
}

void TestGraphScene::cycleClosingDragIsRefused()
{
    QSignalSpy messages(m_scene, &GraphScene::message);
    const int before = m_doc->undoStack()->count();
    const Project snapshot = m_doc->project();
    drag(port(QStringLiteral("c")), cardCenter(QStringLiteral("a")));
    QCOMPARE(m_doc->undoStack()->count(), before);
    QVERIFY(m_doc->project() == snapshot);
    QCOMPARE(messages.count(), 1);
    const QString text = messages.first().first().toString();
    // By title, prerequisite before the task that waits, as the arrows run (issue #15).
    QVERIFY2(text.contains(QStringLiteral("Task a \u2192 Task b \u2192 Task c \u2192 Task a")), qPrintable(text));

    // Onto itself and onto its own ancestor: refused too.
    drag(port(QStringLiteral("a")), cardCenter(QStringLiteral("a")));
    QCOMPARE(m_doc->undoStack()->count(), before);
    m_scene->createDependency(QStringLiteral("E"), QStringLiteral("a"), DependencyType::Completion);
    QCOMPARE(m_doc->undoStack()->count(), before);
    QCOMPARE(messages.count(), 3);
}

void TestGraphScene::moveIsOneUndoStep()
{
    const QPointF start = m_scene->cardFor(QStringLiteral("d"))->pos();
    const int before = m_doc->undoStack()->count();
    drag(cardCenter(QStringLiteral("d")), cardCenter(QStringLiteral("d")) + QPointF(100, 50));
    QCOMPARE(m_doc->undoStack()->count(), before + 1);
    const Task *d = m_doc->project().find(QStringLiteral("d"));
    QCOMPARE(d->position, start + QPointF(100, 50));
    QCOMPARE(m_scene->cardFor(QStringLiteral("d"))->pos(), start + QPointF(100, 50));
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->project().find(QStringLiteral("d"))->position, start);
    QCOMPARE(m_scene->cardFor(QStringLiteral("d"))->pos(), start);

    // Dragging the frame header moves the children with it, still one step.
    FrameItem *frame = m_scene->frameFor(QStringLiteral("E"));
    const QPointF header = frame->nodeSceneRect().topLeft() + QPointF(120, FrameHeader / 2);
    const QPointF aBefore = m_scene->cardFor(QStringLiteral("a"))->pos();
    drag(header, header + QPointF(0, 200));
    QCOMPARE(m_doc->undoStack()->count(), before + 1);
    QCOMPARE(m_scene->cardFor(QStringLiteral("a"))->pos(), aBefore + QPointF(0, 200));
    QVERIFY(frame->nodeSceneRect().contains(m_scene->cardFor(QStringLiteral("a"))->nodeSceneRect()));
}

void TestGraphScene::selectionSyncBothWays()
{
    QSignalSpy changes(m_selection, &TaskSelection::selectionChanged);
    m_selection->select(QStringLiteral("b"));
    QCOMPARE(changes.count(), 1);
    QVERIFY(m_scene->cardFor(QStringLiteral("b"))->isSelected());
    QCOMPARE(m_scene->selectedItems().size(), 1);

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, vp(cardCenter(QStringLiteral("d"))));
    QCOMPARE(m_selection->selectedIds(), QStringList{QStringLiteral("d")});
    QCOMPARE(m_selection->currentId(), QStringLiteral("d"));
    QVERIFY(!m_scene->cardFor(QStringLiteral("b"))->isSelected());
    QCOMPARE(changes.count(), 2);   // one change per user action, no echo

    m_selection->setSelection({QStringLiteral("a"), QStringLiteral("E")}, QStringLiteral("a"));
    QVERIFY(m_scene->cardFor(QStringLiteral("a"))->isSelected());
    QVERIFY(m_scene->frameFor(QStringLiteral("E"))->isSelected());
    QCOMPARE(changes.count(), 3);
}

void TestGraphScene::deleteRemovesSelectedEdge()
{
    EdgeItem *edge = m_scene->edgeFor(key("b", "a"));
    QVERIFY(edge);
    m_scene->clearSelection();
    edge->setSelected(true);
    const int before = m_doc->undoStack()->count();
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Delete);
    QCOMPARE(m_doc->undoStack()->count(), before + 1);
    QVERIFY(m_doc->project().find(QStringLiteral("b"))->dependencies.isEmpty());
    QVERIFY(!m_scene->edgeFor(key("b", "a")));
    QCOMPARE(m_doc->project().taskCount(), 5);
    m_doc->undoStack()->undo();
    QVERIFY(m_scene->edgeFor(key("b", "a")));
}

void TestGraphScene::dragEdgeHandleRetargets()
{
    QUndoStack *stack = m_doc->undoStack();
    const int before = stack->count();
    // The prerequisite end of d -> c moves to a: same owner, one change command.
    EdgeItem *edge = m_scene->edgeFor(key("d", "c"));
    QVERIFY(edge);
    m_scene->clearSelection();
    edge->setSelected(true);
    drag(edge->sourcePoint(), cardCenter(QStringLiteral("a")));
    QCOMPARE(stack->count(), before + 1);
    QVERIFY(m_doc->dependencyIndex(key("d", "a")) >= 0);
    QCOMPARE(m_doc->dependencyIndex(key("d", "c")), -1);

    // Its dependent end onto d would duplicate d -> a: refused, nothing changes.
    QSignalSpy messages(m_scene, &GraphScene::message);
    edge = m_scene->edgeFor(key("b", "a"));
    QVERIFY(edge);
    m_scene->clearSelection();
    edge->setSelected(true);
    drag(edge->targetPoint(), cardCenter(QStringLiteral("d")) + QPointF(0, 20));
    QCOMPARE(stack->count(), before + 1);
    QCOMPARE(messages.count(), 1);

    // Onto c instead: a new owner, remove + add in one macro.
    drag(edge->targetPoint(), cardCenter(QStringLiteral("c")) + QPointF(0, 20));
    QCOMPARE(stack->count(), before + 2);
    QVERIFY(m_doc->project().find(QStringLiteral("b"))->dependencies.isEmpty());
    QCOMPARE(m_doc->project().find(QStringLiteral("c"))->dependencies.size(), 2);

    stack->undo();
    QCOMPARE(m_doc->project().find(QStringLiteral("b"))->dependencies.size(), 1);
}

void TestGraphScene::rubberBandInsideLaneSelects()
{
    // Inside a frame's lane (not its header) a press starts a rubber band, not a frame drag.
    const QPointF start = m_scene->cardFor(QStringLiteral("a"))->pos() + QPointF(-8, -8);
    QVERIFY(m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect().contains(start));
    const int before = m_doc->undoStack()->count();
    drag(start, cardCenter(QStringLiteral("b")));
    QCOMPARE(m_doc->undoStack()->count(), before);
    QStringList ids = m_selection->selectedIds();
    ids.sort();
    QCOMPARE(ids, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

void TestGraphScene::paletteDropCreatesTask()
{
    const QPointF inside = m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect().bottomLeft() + QPointF(120, -20);
    auto *mime = new QMimeData;
    mime->setData(QLatin1String(GraphScene::TaskTypeMime), QByteArrayLiteral("bug_fix"));
    QGraphicsSceneDragDropEvent drop(QEvent::GraphicsSceneDrop);
    drop.setScenePos(inside);
    drop.setMimeData(mime);
    drop.setProposedAction(Qt::CopyAction);
    drop.setPossibleActions(Qt::CopyAction);
    const int before = m_doc->undoStack()->count();
    QApplication::sendEvent(m_scene, &drop);
    delete mime;
    QCOMPARE(m_doc->undoStack()->count(), before + 1);
    QCOMPARE(m_doc->project().taskCount(), 6);
    const Task &t = m_doc->project().tasks().last();
    QCOMPARE(t.type, QStringLiteral("bug_fix"));
    QCOMPARE(t.parentId, QStringLiteral("E"));
    QVERIFY(t.hasPosition);
    QVERIFY(m_scene->cardFor(t.id));
    QCOMPARE(m_scene->cardFor(t.id)->nodeSceneRect().center(), inside);
    QCOMPARE(m_selection->currentId(), t.id);
}

void TestGraphScene::itemsFollowDocument()
{
    QUndoStack *stack = m_doc->undoStack();
    stack->push(ChangeTaskCommand::setAttribute(m_doc, QStringLiteral("d"), QStringLiteral("title"),
                                                QStringLiteral("Ship it")));
    QVERIFY(m_scene->cardFor(QStringLiteral("d"))->toolTipText().contains(QStringLiteral("Ship it")));

    stack->push(new RemoveTasksCommand(m_doc, {QStringLiteral("d")}));
    QVERIFY(!m_scene->cardFor(QStringLiteral("d")));
    QCOMPARE(m_scene->edgeCount(), 2);
    stack->undo();
    QVERIFY(m_scene->cardFor(QStringLiteral("d")));
    QVERIFY(m_scene->edgeFor(key("d", "c")));
    QCOMPARE(m_scene->edgeCount(), 3);

    // Removing the whole epic takes its frame and cards; undo brings all back.
    stack->push(new RemoveTasksCommand(m_doc, {QStringLiteral("E")}));
    QVERIFY(!m_scene->frameFor(QStringLiteral("E")));
    QVERIFY(!m_scene->cardFor(QStringLiteral("a")));
    QCOMPARE(m_scene->edgeCount(), 0);
    stack->undo();
    QVERIFY(m_scene->frameFor(QStringLiteral("E")));
    QVERIFY(m_scene->cardFor(QStringLiteral("a"))->isVisible());
    QCOMPARE(m_scene->edgeCount(), 3);
}

void TestGraphScene::collapseHidesChildrenAndReattachesEdges()
{
    QSignalSpy spy(m_scene, &GraphScene::collapsedChanged);
    m_scene->setCollapsed(QStringLiteral("E"), true);
    QCOMPARE(spy.count(), 1);
    // A task folded away has no card item at all (a 100k-task plan folds to ~8k cards).
    QVERIFY(!m_scene->cardFor(QStringLiteral("a")));
    QVERIFY(!m_scene->frameFor(QStringLiteral("E"))->isVisible());
    CardItem *epicCard = m_scene->cardFor(QStringLiteral("E"));
    QVERIFY(epicCard->isVisible());
    // d -> c now starts at the folded epic; the internal a -> b -> c edges are gone.
    EdgeItem *e = m_scene->edgeFor(key("d", "c"));
    QVERIFY(e);
    QCOMPARE(static_cast<NodeItem *>(e->source()), static_cast<NodeItem *>(epicCard));
    QCOMPARE(m_scene->edgeCount(), 1);

    // Clicking the folded card's header toggle is view state: no command.
    const int before = m_doc->undoStack()->count();
    m_scene->setCollapsed(QStringLiteral("E"), false);
    QCOMPARE(m_doc->undoStack()->count(), before);
    QVERIFY(m_scene->cardFor(QStringLiteral("a"))->isVisible());
    QCOMPARE(static_cast<NodeItem *>(m_scene->edgeFor(key("d", "c"))->source()),
             static_cast<NodeItem *>(m_scene->cardFor(QStringLiteral("c"))));
    QCOMPARE(m_scene->edgeCount(), 3);

    // The ▾ in the frame header folds it with a click.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      vp(m_scene->frameFor(QStringLiteral("E"))->toggleRect().center()));
    QVERIFY(m_scene->isCollapsed(QStringLiteral("E")));
}

void TestGraphScene::autoLayoutIsOneCommand()
{
    const int before = m_doc->undoStack()->count();
    m_scene->autoLayout();
    QCOMPARE(m_doc->undoStack()->count(), before + 1);
    QCOMPARE(m_doc->undoStack()->text(before), QStringLiteral("Auto layout"));
    const QHash<QString, QPointF> expected = computeLayoutPositions(m_doc->project());
    QCOMPARE(expected.size(), 4);
    // Layers follow the chain a -> b -> c -> d.
    QVERIFY(expected.value(QStringLiteral("a")).x() < expected.value(QStringLiteral("b")).x());
    QVERIFY(expected.value(QStringLiteral("c")).x() < expected.value(QStringLiteral("d")).x());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QCOMPARE(m_scene->cardFor(it.key())->pos(), it.value());
    const QRectF frame = m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect();
    QVERIFY(!frame.intersects(m_scene->cardFor(QStringLiteral("d"))->nodeSceneRect()));
}

// A file without positions opens laid out, and opening it changes nothing in the document.
void TestGraphScene::unplacedTasksShowAtLayoutPositions()
{
    Project p = sampleProject();
    for (int i = 0; i < p.taskCount(); ++i)
        p.task(i).hasPosition = false;
    m_doc->resetProject(p);
    m_scene->flush();
    QCOMPARE(m_doc->undoStack()->count(), 0);
    QVERIFY(!m_doc->isModified());
    const QHash<QString, QPointF> expected = computeLayoutPositions(m_doc->project());
    QCOMPARE(expected.size(), 4);
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QCOMPARE(m_scene->cardFor(it.key())->pos(), it.value());
}

void TestGraphScene::arrowKeysMoveSelection()
{
    m_selection->select(QStringLiteral("a"));
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Right);
    QCOMPARE(m_selection->currentId(), QStringLiteral("b"));
    QTest::keyClick(m_view, Qt::Key_Down);
    QCOMPARE(m_selection->currentId(), QStringLiteral("d"));
    QTest::keyClick(m_view, Qt::Key_Left);
    QTest::keyClick(m_view, Qt::Key_Up);
    QVERIFY(m_selection->currentId() != QStringLiteral("d"));
}

void TestGraphScene::deletingSelectedTaskClearsSelection()
{
    m_selection->select(QStringLiteral("d"));
    m_view->setFocus();
    const int before = m_doc->undoStack()->count();
    QTest::keyClick(m_view, Qt::Key_Backspace);
    QCOMPARE(m_doc->undoStack()->count(), before + 1);
    QVERIFY(!m_doc->project().contains(QStringLiteral("d")));
    QVERIFY(m_selection->selectedIds().isEmpty());
    m_doc->undoStack()->undo();
    QVERIFY(m_scene->cardFor(QStringLiteral("d")));
}

void TestGraphScene::focusRequestCentresCard()
{
    m_view->setZoom(2.0);
    emit m_selection->focusRequested(QStringLiteral("a"));
    const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
    QVERIFY2(QLineF(centre, cardCenter(QStringLiteral("a"))).length() < 5,
             qPrintable(QStringLiteral("%1,%2").arg(centre.x()).arg(centre.y())));
}

void TestGraphScene::renderReleasePipeline()
{
    QString error;
    auto project = ProjectFile::load(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/release-pipeline.json"), &error);
    QVERIFY2(project, qPrintable(error));
    m_doc->resetProject(std::move(*project));
    m_analysis->refreshNow();
    m_scene->setShowParallelGroups(true);
    m_scene->setShowSlack(true);
    m_scene->autoLayout();
    m_view->fitToWindow();
    QImage image(m_view->viewport()->size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    m_view->viewport()->render(&image);
    const QString out = QDir::temp().filePath(QStringLiteral("workplan-canvas-release-pipeline.png"));
    QVERIFY(image.save(out));
    qInfo("rendered %s", qPrintable(out));
}

void TestGraphScene::dropTemplate(const QString &name, const QPointF &scenePos)
{
    QMimeData mime;
    mime.setData(QLatin1String(GraphScene::TemplateMime), name.toUtf8());
    QGraphicsSceneDragDropEvent drop(QEvent::GraphicsSceneDrop);
    drop.setScenePos(scenePos);
    drop.setMimeData(&mime);
    drop.setProposedAction(Qt::CopyAction);
    drop.setPossibleActions(Qt::CopyAction);
    QApplication::sendEvent(m_scene, &drop);
}

void TestGraphScene::saveRender(const QString &name)
{
    QImage image(m_view->viewport()->size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    m_view->viewport()->render(&image);
    const QString out = QDir::temp().filePath(name);
    QVERIFY(image.save(out));
    qInfo("rendered %s", qPrintable(out));
}

// The critical chain x1 -> x2 -> y -> w runs through two arrows declared on summaries:
// E2 waits for E1 (frame to frame) and w waits for E2 (frame to card).
void TestGraphScene::criticalEdgesThroughSummaries()
{
    Project p;
    Task e1;
    e1.id = QStringLiteral("E1");
    e1.type = QStringLiteral("epic");
    Task x1 = leaf(QStringLiteral("x1"), e1.id, {0, 40});
    Task x2 = leaf(QStringLiteral("x2"), e1.id, {260, 40});
    x2.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("2 days"));
    x2.dependencies << dep(QStringLiteral("x1"));
    Task e2;
    e2.id = QStringLiteral("E2");
    e2.type = QStringLiteral("epic");
    e2.dependencies << dep(QStringLiteral("E1"));
    Task y = leaf(QStringLiteral("y"), e2.id, {600, 40});
    Task s = leaf(QStringLiteral("s"), QString(), {600, 300});
    s.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("1h"));
    Task w = leaf(QStringLiteral("w"), QString(), {900, 40});
    w.dependencies << dep(QStringLiteral("E2")) << dep(QStringLiteral("s"));
    p.setTasks({e1, x1, x2, e2, y, s, w});
    m_doc->resetProject(p);
    m_analysis->refreshNow();

    const auto result = m_analysis->result();
    QStringList chain;
    for (int i : result->analysis.criticalPath)
        chain << result->snapshot.ids[i];
    QCOMPARE(chain, (QStringList{QStringLiteral("x1"), QStringLiteral("x2"), QStringLiteral("y"), QStringLiteral("w")}));
    QVERIFY(m_scene->isCriticalEdge(QStringLiteral("x2"), QStringLiteral("x1")));
    QVERIFY(m_scene->isCriticalEdge(QStringLiteral("E2"), QStringLiteral("E1")));
    QVERIFY(m_scene->isCriticalEdge(QStringLiteral("w"), QStringLiteral("E2")));
    QVERIFY(!m_scene->isCriticalEdge(QStringLiteral("w"), QStringLiteral("s")));   // slack
    // Those arrows are drawn between the frames and from the frame to the card.
    EdgeItem *between = m_scene->edgeFor(key("E2", "E1"));
    QVERIFY(between);
    QCOMPARE(static_cast<NodeItem *>(between->source()), static_cast<NodeItem *>(m_scene->frameFor(QStringLiteral("E1"))));
    QCOMPARE(static_cast<NodeItem *>(between->target()), static_cast<NodeItem *>(m_scene->frameFor(QStringLiteral("E2"))));

    // When s takes longest the chain moves there and the summary arrows leave it.
    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc, QStringLiteral("s"),
                                                             QStringLiteral("estimated_effort"), QStringLiteral("10 days")));
    m_analysis->refreshNow();
    QVERIFY(m_scene->isCriticalEdge(QStringLiteral("w"), QStringLiteral("s")));
    QVERIFY(!m_scene->isCriticalEdge(QStringLiteral("w"), QStringLiteral("E2")));
    QVERIFY(!m_scene->isCriticalEdge(QStringLiteral("E2"), QStringLiteral("E1")));
}

void TestGraphScene::loopsAreMarkedUntilUndone()
{
    m_analysis->refreshNow();
    QVERIFY(m_scene->overlay(QStringLiteral("a")));
    QCOMPARE(m_scene->overlay(QStringLiteral("a"))->loop, -1);
    // c -> a closes a -> b -> c: pushed directly, as a merge or a script might.
    m_doc->undoStack()->push(DependencyCommand::add(m_doc, QStringLiteral("a"), dep(QStringLiteral("c"))));
    m_analysis->refreshNow();
    for (const char *id : {"a", "b", "c", "E"})
        QCOMPARE(m_scene->overlay(QLatin1String(id))->loop, 0);
    QCOMPARE(m_scene->overlay(QStringLiteral("d"))->loop, -1);
    QVERIFY(m_scene->isLoopEdge(QStringLiteral("b"), QStringLiteral("a")));
    QVERIFY(m_scene->isLoopEdge(QStringLiteral("c"), QStringLiteral("b")));
    QVERIFY(m_scene->isLoopEdge(QStringLiteral("a"), QStringLiteral("c")));
    QVERIFY(!m_scene->isLoopEdge(QStringLiteral("d"), QStringLiteral("c")));
    QVERIFY(!m_scene->overlay(QStringLiteral("a"))->critical);
    QVERIFY(m_scene->cardFor(QStringLiteral("a"))->toolTipText().contains(QStringLiteral("loop 1")));

    m_doc->undoStack()->undo();
    m_analysis->refreshNow();
    for (const char *id : {"a", "b", "c", "d", "E"})
        QCOMPARE(m_scene->overlay(QLatin1String(id))->loop, -1);
    QVERIFY(!m_scene->isLoopEdge(QStringLiteral("b"), QStringLiteral("a")));
    QVERIFY(!m_scene->cardFor(QStringLiteral("a"))->toolTipText().contains(QStringLiteral("loop")));
}

// The choice made: select (and centre) the collapsed ancestor, do not expand it.
void TestGraphScene::hiddenSelectionSelectsCollapsedAncestor()
{
    m_scene->setCollapsed(QStringLiteral("E"), true);
    m_selection->select(QStringLiteral("b"));
    CardItem *epic = m_scene->cardFor(QStringLiteral("E"));
    QVERIFY(epic->isSelected());
    QVERIFY(m_scene->isStandIn(QStringLiteral("E")));
    QVERIFY(m_scene->isCollapsed(QStringLiteral("E")));
    QCOMPARE(m_selection->selectedIds(), QStringList{QStringLiteral("b")});

    m_view->setZoom(2.0);
    emit m_selection->focusRequested(QStringLiteral("b"));
    const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
    QVERIFY(QLineF(centre, epic->nodeSceneRect().center()).length() < 5);

    // Expanding shows the task itself selected; folding again goes back to the stand-in.
    m_scene->setCollapsed(QStringLiteral("E"), false);
    QVERIFY(m_scene->cardFor(QStringLiteral("b"))->isSelected());
    QCOMPARE(m_selection->selectedIds(), QStringList{QStringLiteral("b")});
    QVERIFY(!m_scene->cardFor(QStringLiteral("E")));   // open: its frame shows, no card item
    m_scene->setCollapsed(QStringLiteral("E"), true);
    epic = m_scene->cardFor(QStringLiteral("E"));        // a new card for the folded epic
    QVERIFY(epic && epic->isSelected());
    QCOMPARE(m_selection->selectedIds(), QStringList{QStringLiteral("b")});

    // Delete acts on the hidden task, never on the summary standing in for it.
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Delete);
    QVERIFY(!m_doc->project().contains(QStringLiteral("b")));
    QVERIFY(m_doc->project().contains(QStringLiteral("E")));
    QVERIFY(m_doc->project().contains(QStringLiteral("a")));
    m_doc->undoStack()->undo();

    // Clicking another card lets the stand-in go.
    m_scene->clearSelection();
    m_selection->select(QStringLiteral("a"));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, vp(cardCenter(QStringLiteral("d"))));
    QCOMPARE(m_selection->selectedIds(), QStringList{QStringLiteral("d")});
    QVERIFY(!m_scene->isStandIn(QStringLiteral("E")));
}

void TestGraphScene::templateDropAddsTasksInOneStep()
{
    QFile f(QStringLiteral(WORKPLAN_SOURCE_DIR "/resources/templates/bug-fix-regular.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto tmpl = Templates::parse(f.readAll(), nullptr);
    QVERIFY(tmpl);
    const auto made = Templates::instantiate(*tmpl, {}, nullptr);
    QVERIFY(made);
    const int n = made->taskCount();
    QVERIFY(n > 1);

    const QPointF inside = m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect().bottomLeft() + QPointF(120, -20);
    QUndoStack *stack = m_doc->undoStack();
    const int before = stack->count();
    dropTemplate(QStringLiteral("templates/bug-fix-regular.json"), inside);
    QCOMPARE(stack->count(), before + 1);
    QCOMPARE(m_doc->project().taskCount(), 5 + n);
    // The template's top-level tasks land in the frame under the drop point.
    QRectF box;
    for (int i = 5; i < 5 + n; ++i) {
        const Task &t = m_doc->project().task(i);
        const Task &orig = made->task(i - 5);
        QCOMPARE(t.id, orig.id);
        QCOMPARE(t.parentId, orig.parentId.isEmpty() ? QStringLiteral("E") : orig.parentId);
        if (!m_doc->isSummary(t.id)) {
            QVERIFY(t.hasPosition);
            box = box.united(m_scene->cardFor(t.id)->nodeSceneRect());
        }
    }
    QVERIFY2(QLineF(box.center(), inside).length() < 1, qPrintable(QStringLiteral("%1,%2").arg(box.center().x()).arg(box.center().y())));
    QVERIFY(m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect().contains(box));

    // Dropped again at the top level: fresh ids, dependencies follow the renamed tasks.
    dropTemplate(QStringLiteral("bug-fix-regular"), QPointF(2000, 2000));
    QCOMPARE(stack->count(), before + 2);
    QCOMPARE(m_doc->project().taskCount(), 5 + 2 * n);
    for (int i = 5 + n; i < 5 + 2 * n; ++i) {
        const Task &t = m_doc->project().task(i);
        QCOMPARE(t.id, made->task(i - 5 - n).id + QStringLiteral("_2"));
        for (const Dependency &d : t.dependencies)
            QVERIFY2(d.taskId.endsWith(QStringLiteral("_2")), qPrintable(d.taskId));
    }
    QVERIFY(!validateProject(m_doc->project()));

    stack->undo();
    stack->undo();
    QCOMPARE(m_doc->project().taskCount(), 5);
    QCOMPARE(stack->count(), before + 2);

    // Anything but a compiled-in template is refused with a message, nothing added.
    QSignalSpy messages(m_scene, &GraphScene::message);
    dropTemplate(QStringLiteral("/etc/passwd"), inside);
    QCOMPARE(m_doc->project().taskCount(), 5);
    QCOMPARE(messages.count(), 1);
}

// Looked at by eye: /tmp/workplan-canvas-loop.png and /tmp/workplan-canvas-collapsed.png.
void TestGraphScene::renderLoopAndCollapsedEpic()
{
    m_doc->undoStack()->push(DependencyCommand::add(m_doc, QStringLiteral("a"), dep(QStringLiteral("c"))));
    m_analysis->refreshNow();
    m_view->fitToWindow();
    saveRender(QStringLiteral("workplan-canvas-loop.png"));
    m_doc->undoStack()->undo();
    m_analysis->refreshNow();
    m_scene->setCollapsed(QStringLiteral("E"), true);
    m_selection->select(QStringLiteral("b"));
    m_view->fitToWindow();
    saveRender(QStringLiteral("workplan-canvas-collapsed.png"));
}

// A plan far taller than the window (400 unrelated leaves stack in one column) opens
// filling the window from its first task, not as an unreadable strip; small plans fit whole.
void TestGraphScene::openedPlanIsFittedFromItsStart()
{
    m_view->setZoom(0.3);
    m_doc->resetProject(unplacedLeaves(400));
    QCOMPARE(m_view->zoom(), 1.0);
    const QRectF shown = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QVERIFY(shown.contains(m_scene->cardFor(QStringLiteral("t0"))->nodeSceneRect()));
    QVERIFY(!shown.contains(m_scene->cardFor(QStringLiteral("t399"))->nodeSceneRect()));
    QVERIFY(m_scene->sceneRect().contains(m_scene->planRect()));

    m_view->setZoom(0.3);
    m_doc->resetProject(sampleProject());
    QCOMPARE(m_view->zoom(), 1.0);
    const QRectF all = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QVERIFY(all.contains(m_scene->planRect()));
}

// A tall plan (tasks stack in one column) can still be zoomed out until all of it shows:
// 2,000 independent tasks need well under 2 %.
void TestGraphScene::tallPlanZoomsOutToWhole()
{
    m_doc->resetProject(unplacedLeaves(2000));
    const QRectF plan = m_scene->planRect();
    QVERIFY(plan.height() / m_view->viewport()->height() > 50);   // more than 2 % can show
    for (int i = 0; i < 60; ++i)
        QTest::keyClick(m_view->viewport(), Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(m_view->zoom() < 0.02);
    const QRectF shown = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QVERIFY(shown.contains(plan));
}

// A card moved far out (here by an undoable position change, as a drag or a layout makes)
// stays reachable: the scene grows to hold it, and shrinks again only with a new plan.
void TestGraphScene::sceneGrowsWithMovedCard()
{
    const QString id = m_doc->project().task(m_doc->project().taskCount() - 1).id;
    CardItem *card = m_scene->cardFor(id);
    QVERIFY(card);
    const QPointF far = m_scene->sceneRect().bottomRight() + QPointF(5000, 3000);
    QVERIFY(!m_scene->sceneRect().contains(far));
    m_doc->undoStack()->push(new SetPositionsCommand(m_doc, {{id, far}}, QStringLiteral("Move")));
    QVERIFY(m_scene->sceneRect().contains(card->nodeSceneRect()));
    m_doc->undoStack()->undo();
    QVERIFY(m_scene->sceneRect().contains(card->nodeSceneRect()));
}

// Close up, cards paint from a cached picture: switching an overlay must still show.
void TestGraphScene::overlaySwitchRepaintsCachedCards()
{
    m_analysis->refreshNow();
    CardItem *card = m_scene->cardFor(QStringLiteral("a"));
    QVERIFY(card);
    QCOMPARE(card->cacheMode(), QGraphicsItem::DeviceCoordinateCache);
    const QRect r = m_view->mapFromScene(card->nodeSceneRect()).boundingRect();
    auto grabCard = [&] {
        QCoreApplication::processEvents();
        return m_view->viewport()->grab(r).toImage();
    };
    const QImage critical = grabCard();
    m_scene->setShowCritical(false);
    const QImage plain = grabCard();
    QVERIFY(critical != plain);
    m_scene->setShowCritical(true);
    QCOMPARE(grabCard(), critical);

    // A new analysis repaints the cards it marks differently: a long task elsewhere takes
    // the chain off the critical path.
    Task big = leaf(QStringLiteral("big"), QString(), {0, 600});
    big.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("1 hour"));
    m_doc->undoStack()->push(new AddTasksCommand(m_doc, {big}));
    m_analysis->refreshNow();
    QVERIFY(m_scene->overlay(QStringLiteral("a"))->critical);
    QCOMPARE(grabCard(), critical);
    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc, QStringLiteral("big"),
                                                             QStringLiteral("estimated_effort"), QStringLiteral("10 weeks")));
    m_analysis->refreshNow();
    QVERIFY(!m_scene->overlay(QStringLiteral("a"))->critical);
    QCOMPARE(grabCard(), plain);
}

// A blocked card's tooltip says what it waits for, and follows the analysis when only the
// reason changes (the card stays blocked).
void TestGraphScene::blockedCardTellsWhy()
{
    m_analysis->refreshNow();
    CardItem *b = m_scene->cardFor(QStringLiteral("b"));
    QVERIFY(b);
    QVERIFY2(b->toolTipText().startsWith(QStringLiteral("Task b\n")), qPrintable(b->toolTipText()));
    QVERIFY(b->toolTipText().contains(QStringLiteral("Waits on Task a [completion]: not completed")));
    m_doc->undoStack()->push(ChangeTaskCommand::setStatus(m_doc, QStringLiteral("a"), Status::Cancelled));
    m_analysis->refreshNow();
    QVERIFY(m_scene->overlay(QStringLiteral("b"))->blocked);
    QVERIFY2(b->toolTipText().contains(QStringLiteral("Waits on Task a [completion]: cancelled")), qPrintable(b->toolTipText()));
    m_doc->undoStack()->push(ChangeTaskCommand::setStatus(m_doc, QStringLiteral("a"), Status::Completed));
    m_analysis->refreshNow();
    QVERIFY(!b->toolTipText().contains(QStringLiteral("Waits on")));
}

// §6: a card past its deadline carries the late mark (once per analysis, from the result's
// margins) and its tooltip says by how much; moving the deadline back takes both away.
void TestGraphScene::lateCardIsFlagged()
{
    QString error;
    auto p = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json"), &error);
    QVERIFY2(p, qPrintable(error));
    m_doc->resetProject(*p);
    m_analysis->refreshNow();
    const QString deploy = QStringLiteral("deploy_production_2.4.0");
    CardItem *card = m_scene->cardFor(deploy);
    QVERIFY(card);
    QCOMPARE(m_scene->overlay(deploy)->lateBy, 0.0);
    QVERIFY(!card->toolTipText().contains(QStringLiteral("Late:")));
    m_doc->undoStack()->push(ChangeTaskCommand::setAttribute(m_doc, deploy, QStringLiteral("deadline"),
                                                             QStringLiteral("2025-06-23T10:00")));
    m_analysis->refreshNow();
    const double margin = m_analysis->result()->margin(deploy);
    QVERIFY(margin < 0);
    QCOMPARE(m_scene->overlay(deploy)->lateBy, -margin);
    QVERIFY2(card->toolTipText().contains(QStringLiteral("Late: due 2025-06-23 10:00, finishes 2025-06-26 14:30 \u2014 %1 late")
                                          .arg(formatHours(-margin))), qPrintable(card->toolTipText()));
    m_view->centerOn(card);
    QVERIFY(m_view->grab().save(QStringLiteral("/tmp/canvas-late.png")));
    m_doc->undoStack()->undo();
    m_analysis->refreshNow();
    QCOMPARE(m_scene->overlay(deploy)->lateBy, 0.0);
    QVERIFY(!card->toolTipText().contains(QStringLiteral("Late:")));
}

// The Risk panel's criticality: a card's body runs from white (critical in no run) to deep
// red (every run); the tooltip gives the share; an empty set takes it all away, and a card
// the set does not name is not touched.
void TestGraphScene::riskTintFollowsCriticality()
{
    m_analysis->refreshNow();
    m_scene->setShowCritical(false);   // the critical border must not colour the pixels read
    auto body = [&](const QString &id) {
        QCoreApplication::processEvents();
        // Just right of the type stripe, between the title's lines and the bottom row.
        const QPoint at = vp(m_scene->cardFor(id)->scenePos() + QPointF(29, CardHeight / 2));
        return m_view->viewport()->grab(QRect(at, QSize(1, 1))).toImage().pixelColor(0, 0);
    };
    const QString b = QStringLiteral("b");
    const QColor white = body(b);
    QCOMPARE(white, QColor(Qt::white));
    QCOMPARE(m_scene->riskCriticality(b), -1.0);
    const QImage untouched = m_view->viewport()->grab(m_view->mapFromScene(m_scene->cardFor(QStringLiteral("a"))->nodeSceneRect()).boundingRect()).toImage();

    m_scene->setRiskCriticality({{b, 1.0}, {QStringLiteral("c"), 0.25}});
    const QColor deep = body(b);
    QVERIFY2(deep.red() > 200 && deep.green() < 150 && deep.blue() < 150, qPrintable(deep.name()));
    const QColor light = body(QStringLiteral("c"));
    QVERIFY2(light.red() > deep.red() && light.green() > deep.green() && light.green() < 255, qPrintable(light.name()));
    QVERIFY2(m_scene->cardFor(b)->toolTipText().contains(QStringLiteral("Critical in 100 % of runs")),
             qPrintable(m_scene->cardFor(b)->toolTipText()));
    QVERIFY(m_scene->cardFor(QStringLiteral("c"))->toolTipText().contains(QStringLiteral("Critical in 25 % of runs")));
    QCOMPARE(body(QStringLiteral("a")), white);
    QCOMPARE(m_view->viewport()->grab(m_view->mapFromScene(m_scene->cardFor(QStringLiteral("a"))->nodeSceneRect()).boundingRect()).toImage(),
             untouched);

    // Another result: b lighter, c gone.
    m_scene->setRiskCriticality({{b, 0.25}});
    QCOMPARE(body(b), light);
    QCOMPARE(body(QStringLiteral("c")), white);
    QVERIFY(!m_scene->cardFor(QStringLiteral("c"))->toolTipText().contains(QStringLiteral("Critical in")));

    m_scene->setRiskCriticality({});
    QCOMPARE(body(b), white);
    QCOMPARE(m_scene->riskCriticality(b), -1.0);
    QVERIFY(!m_scene->cardFor(b)->toolTipText().contains(QStringLiteral("Critical in")));
}

// §7: performance validation waits for the one tester in the team example, so the canvas
// marks it with the hourglass badge and its tooltip says how much later it starts. With
// the risk run's criticality on as well, the canvas is saved to look at.
void TestGraphScene::delayedCardHasBadge()
{
    QString error;
    auto p = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json"), &error);
    QVERIFY2(p, qPrintable(error));
    m_doc->resetProject(*p);
    m_analysis->refreshNow();
    m_scene->autoLayout();
    m_view->fitToWindow();
    const auto result = m_analysis->result();
    QVERIFY(result && result->analysis.leveled);
    const QString id = QStringLiteral("performance_validation_2.4.0");
    const int t = result->index(id);
    const LeveledSchedule &leveled = *result->analysis.leveled;
    QVERIFY(std::find(leveled.delayed.cbegin(), leveled.delayed.cend(), t) != leveled.delayed.cend());
    const double es = result->analysis.times(t).es;
    const double start = leveled.start[std::size_t(t)];
    QVERIFY(start > es);

    const GraphScene::Overlay *o = m_scene->overlay(id);
    QVERIFY(o && o->delayed());
    QCOMPARE(o->earlyStart, es);
    QCOMPARE(o->leveledStart, start);
    CardItem *card = m_scene->cardFor(id);
    const QString line = QStringLiteral("Starts %1 later with the team (%2 \u2192 %3)")
                             .arg(formatHours(start - es), formatHours(es), formatHours(start));
    QVERIFY2(card->toolTipText().contains(line), qPrintable(card->toolTipText() + QLatin1String(" / ") + line));

    // The badge is drawn: its sand-brown edge where a card without it shows the plain canvas.
    auto badgeEdge = [&](const QString &cardId) {
        QCoreApplication::processEvents();
        const QRectF b = CardItem::delayedBadgeRect();
        const QPoint at = vp(m_scene->cardFor(cardId)->scenePos() + QPointF(b.left() + 2, b.center().y()));
        return m_view->viewport()->grab(QRect(at, QSize(1, 1))).toImage().pixelColor(0, 0);
    };
    m_view->setZoom(1.0);
    m_view->centerOn(card);
    const QColor sand = badgeEdge(id);
    const QColor expected(0x79, 0x55, 0x48);
    QVERIFY2(qAbs(sand.red() - expected.red()) < 20 && qAbs(sand.green() - expected.green()) < 20
                 && qAbs(sand.blue() - expected.blue()) < 20, qPrintable(sand.name()));
    QString plain;
    for (int i = 0; i < result->snapshot.taskCount(); ++i) {
        const QString other = result->snapshot.ids[std::size_t(i)];
        if (result->snapshot.isLeaf(i) && !m_scene->overlay(other)->delayed() && m_scene->overlay(other)->lateBy <= 0)
            plain = other;
    }
    QVERIFY(!plain.isEmpty());
    QVERIFY(!m_scene->cardFor(plain)->toolTipText().contains(QStringLiteral("later with the team")));
    m_view->centerOn(m_scene->cardFor(plain));
    QVERIFY(badgeEdge(plain) != sand);

    // The real risk criticality of the same plan, tinting the cards (what the panel sends).
    RiskInput input = riskInputOf(m_doc->project(), result->snapshot);
    RiskOptions options;
    options.runs = 2000;
    const RiskResult risk = simulateRisk(input.problem, result->analysis.makespanHours, options);
    QHash<QString, double> shares;
    for (int i = 0; i < result->snapshot.taskCount(); ++i) {
        if (result->snapshot.isLeaf(i))
            shares.insert(result->snapshot.ids[std::size_t(i)], risk.criticality[std::size_t(i)]);
    }
    m_scene->setRiskCriticality(shares);
    m_view->fitToWindow();
    QCoreApplication::processEvents();
    QVERIFY(m_view->grab().save(QStringLiteral("/tmp/canvas-crit.png")));
    m_view->setZoom(1.0);
    m_view->centerOn(card);
    QCoreApplication::processEvents();
    QVERIFY(m_view->grab().save(QStringLiteral("/tmp/canvas-crit-close.png")));
}

QTEST_MAIN(TestGraphScene)
#include "tst_graphscene.moc"
