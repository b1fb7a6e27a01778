// Issue #15 item 2, frames mean membership: dropping a card in a frame on the canvas makes
// it that summary's child (one undo step, the tree's refusals), dragging it out of every
// frame makes it top level, and no frame ever covers a task that is not its descendant,
// also after the tree reparents ("New Bug Fix" under a feature). Real mouse events on the
// view's viewport; the tree through its model's drop.
#include "model/commands/structurecommands.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/graph/carditem.h"
#include "views/graph/frameitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/taskfactory.h"
#include "views/taskselection.h"
#include "views/tasktreemodel.h"

#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QGraphicsSceneDragDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

using namespace Workplan;

namespace {

Task leaf(const QString &id, const QString &parent, QPointF pos)
{
    return WorkplanTest::placedLeaf(id, parent, pos);
}

Dependency dep(const QString &on)
{
    return WorkplanTest::dependencyOn(on);
}

// Epic E holds a -> b -> c in a row; d (top level, at `dPos`) waits for c.
Project sampleProject(QPointF dPos = {800, 300})
{
    Task e;
    e.id = QStringLiteral("E");
    e.type = QStringLiteral("epic");
    e.attributes.insert(QStringLiteral("title"), QStringLiteral("The epic"));
    Task a = leaf(QStringLiteral("a"), e.id, {0, 40});
    Task b = leaf(QStringLiteral("b"), e.id, {260, 40});
    b.dependencies << dep(QStringLiteral("a"));
    Task c = leaf(QStringLiteral("c"), e.id, {520, 40});
    c.dependencies << dep(QStringLiteral("b"));
    Task d = leaf(QStringLiteral("d"), QString(), dPos);
    d.dependencies << dep(QStringLiteral("c"));
    Project p;
    p.name = QStringLiteral("sample");
    p.setTasks({e, a, b, c, d});
    return p;
}

} // namespace

class TestFrameMembership : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void dropIntoFrameMakesChild();
    void dragOutOfFramesMakesTopLevel();
    void refusedDropSnapsBack();
    void growingFrameMovesNeighbourClear();
    void paletteDropMakesRoom();
    void frameDraggedOutAndBackIn();
    void treeReparentKeepsFramesApart_data();
    void treeReparentKeepsFramesApart();
    void addedChildrenStayInsideTheirFrame();

private:
    QPoint vp(const QPointF &scenePos) const { return m_view->mapFromScene(scenePos); }
    CardItem *card(const char *id) const { return m_scene->cardFor(QLatin1String(id)); }
    QString parentOf(const char *id) const { return m_doc->project().find(QLatin1String(id))->parentId; }
    void drag(const QPointF &from, const QPointF &to);
    void dropType(const QString &type, const QPointF &scenePos);
    void reset(const Project &project);
    // The first frame found covering a card or frame that is not its own ("" when none).
    QString frameProblem() const;

    ProjectDocument *m_doc = nullptr;
    TaskSelection *m_selection = nullptr;
    GraphScene *m_scene = nullptr;
    GraphView *m_view = nullptr;
};

void TestFrameMembership::init()
{
    m_doc = new ProjectDocument;
    m_doc->resetProject(sampleProject());
    m_selection = new TaskSelection;
    m_scene = new GraphScene(m_doc, m_selection, nullptr);
    m_view = new GraphView(m_scene);
    m_view->resize(1200, 800);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_view->fitToWindow();
}

void TestFrameMembership::cleanup()
{
    delete m_view;
    delete m_scene;
    delete m_selection;
    delete m_doc;
}

void TestFrameMembership::reset(const Project &project)
{
    m_doc->resetProject(project);
    m_view->fitToWindow();
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));
}

void TestFrameMembership::drag(const QPointF &from, const QPointF &to)
{
    QWidget *viewport = m_view->viewport();
    const QPoint a = vp(from), b = vp(to);
    QTest::mousePress(viewport, Qt::LeftButton, {}, a);
    // Qt 6.4's QTest::mouseMove may drop the held button: send the moves ourselves.
    for (int i = 1; i <= 5; ++i) {
        const QPoint p = a + (b - a) * i / 5;
        QMouseEvent move(QEvent::MouseMove, p, viewport->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(viewport, &move);
    }
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, b);
}

void TestFrameMembership::dropType(const QString &type, const QPointF &scenePos)
{
    QMimeData mime;
    mime.setData(QLatin1String(GraphScene::TaskTypeMime), type.toUtf8());
    QGraphicsSceneDragDropEvent drop(QEvent::GraphicsSceneDrop);
    drop.setScenePos(scenePos);
    drop.setMimeData(&mime);
    drop.setProposedAction(Qt::CopyAction);
    drop.setPossibleActions(Qt::CopyAction);
    QApplication::sendEvent(m_scene, &drop);
}

QString TestFrameMembership::frameProblem() const
{
    m_scene->flush();
    const Project &p = m_doc->project();
    auto shown = [this](const QString &id) -> QRectF {
        if (FrameItem *f = m_scene->frameFor(id); f && f->isVisible())
            return f->nodeSceneRect();
        if (CardItem *c = m_scene->cardFor(id); c && c->isVisible())
            return c->nodeSceneRect();
        return {};
    };
    for (const Task &f : p.tasks()) {
        const FrameItem *frame = m_scene->frameFor(f.id);
        if (!frame || !frame->isVisible())
            continue;
        for (const Task &t : p.tasks()) {
            if (t.id == f.id || p.isAncestor(f.id, t.id) || p.isAncestor(t.id, f.id))
                continue;
            const QRectF r = shown(t.id);
            if (!r.isNull() && frame->nodeSceneRect().intersects(r)) {
                QString text;
                QDebug(&text) << "the frame of" << f.id << frame->nodeSceneRect() << "covers" << t.id << r;
                return text;
            }
        }
    }
    return QString();
}

void TestFrameMembership::dropIntoFrameMakesChild()
{
    QSignalSpy messages(m_scene, &GraphScene::message);
    const Project before = m_doc->project();
    const int steps = m_doc->undoStack()->count();
    const QPointF start = card("d")->pos();
    // Into the epic's lane, under a: the card's centre decides.
    const QPointF into(100, 118);
    QVERIFY(m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect().contains(into));
    drag(card("d")->nodeSceneRect().center(), into);

    QCOMPARE(parentOf("d"), QStringLiteral("E"));
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    QCOMPARE(card("d")->nodeSceneRect().center(), into);
    QVERIFY(m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect().contains(card("d")->nodeSceneRect()));
    QVERIFY(!messages.isEmpty());
    QVERIFY2(messages.last().first().toString().contains(QStringLiteral("The epic")),
             qPrintable(messages.last().first().toString()));
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));

    // One step back restores the parent, the place in the file and the position.
    m_doc->undoStack()->undo();
    QVERIFY(m_doc->project() == before);
    QCOMPARE(card("d")->pos(), start);
    QVERIFY(!m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect().intersects(card("d")->nodeSceneRect()));
    m_doc->undoStack()->redo();
    QCOMPARE(parentOf("d"), QStringLiteral("E"));
    QCOMPARE(card("d")->nodeSceneRect().center(), into);
}

void TestFrameMembership::dragOutOfFramesMakesTopLevel()
{
    const Project before = m_doc->project();
    const int steps = m_doc->undoStack()->count();
    const QPointF start = card("a")->pos();
    const QPointF out(200, 400);   // below the epic, away from d
    drag(card("a")->nodeSceneRect().center(), out);

    QCOMPARE(parentOf("a"), QString());
    QCOMPARE(parentOf("b"), QStringLiteral("E"));
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    QCOMPARE(card("a")->nodeSceneRect().center(), out);
    QVERIFY(!m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect().intersects(card("a")->nodeSceneRect()));
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));

    m_doc->undoStack()->undo();
    QVERIFY(m_doc->project() == before);
    QCOMPARE(card("a")->pos(), start);

    // A small move inside the frame keeps the card where it is in the tree: one plain move.
    drag(card("b")->nodeSceneRect().center(), card("b")->nodeSceneRect().center() + QPointF(0, 20));
    QCOMPARE(parentOf("b"), QStringLiteral("E"));
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    QVERIFY(m_doc->project().find(QStringLiteral("b"))->position != before.find(QStringLiteral("b"))->position);
    QCOMPARE(m_doc->project().indexOf(QStringLiteral("b")), before.indexOf(QStringLiteral("b")));
}

void TestFrameMembership::refusedDropSnapsBack()
{
    // d waits for the epic itself: inside it, it would wait for its own ancestor.
    Project p = sampleProject();
    p.task(p.indexOf(QStringLiteral("d"))).dependencies << dep(QStringLiteral("E"));
    reset(p);
    const QString expected = m_doc->reparentProblem(QStringLiteral("d"), QStringLiteral("E"));
    QVERIFY(!expected.isEmpty());

    // The tree refuses with these words...
    TaskTreeModel tree(m_doc);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy treeRefusals(&tree, &TaskTreeModel::dropRefused);
    std::unique_ptr<QMimeData> mime(tree.mimeData({tree.indexOf(QStringLiteral("d"))}));
    QVERIFY(!tree.dropMimeData(mime.get(), Qt::MoveAction, -1, 0, tree.indexOf(QStringLiteral("E"))));
    QCOMPARE(treeRefusals.count(), 1);
    QCOMPARE(treeRefusals.first().first().toString(), expected);

    // ... and so does the canvas, which puts the card back where it was.
    QSignalSpy messages(m_scene, &GraphScene::message);
    const Project before = m_doc->project();
    const int steps = m_doc->undoStack()->count();
    const QPointF start = card("d")->pos();
    drag(card("d")->nodeSceneRect().center(), QPointF(100, 118));
    QCOMPARE(messages.count(), 1);
    QCOMPARE(messages.first().first().toString(), expected);
    QCOMPARE(m_doc->undoStack()->count(), steps);
    QVERIFY(m_doc->project() == before);
    QCOMPARE(card("d")->pos(), start);
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));
}

void TestFrameMembership::growingFrameMovesNeighbourClear()
{
    // d stands just right of the epic's frame.
    reset(sampleProject({800, 60}));
    const Project before = m_doc->project();
    const int steps = m_doc->undoStack()->count();
    const QPointF dStart = card("d")->pos();
    const QRectF frame = m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect();
    QVERIFY(!frame.intersects(card("d")->nodeSceneRect()));

    // c moves right, its centre still in the frame: it stays in the epic, which grows.
    const QPointF to = card("c")->nodeSceneRect().center() + QPointF(100, 0);
    QVERIFY(frame.contains(to));
    drag(card("c")->nodeSceneRect().center(), to);
    QCOMPARE(parentOf("c"), QStringLiteral("E"));
    QCOMPARE(card("c")->nodeSceneRect().center(), to);
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    QVERIFY(card("d")->pos() != dStart);
    QCOMPARE(m_doc->project().find(QStringLiteral("d"))->position, card("d")->pos());
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));

    m_doc->undoStack()->undo();
    QVERIFY(m_doc->project() == before);
    QCOMPARE(card("d")->pos(), dStart);
}

void TestFrameMembership::paletteDropMakesRoom()
{
    reset(sampleProject({800, 60}));
    const Project before = m_doc->project();
    const int steps = m_doc->undoStack()->count();
    const QRectF frame = m_scene->frameFor(QStringLiteral("E"))->nodeSceneRect();
    // Inside the lane near its right end: the new card sticks out and the frame grows.
    const QPointF at(frame.right() - 10, frame.bottom() - 10);
    dropType(QStringLiteral("bug_fix"), at);
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    const Task &added = m_doc->project().tasks().last();
    QCOMPARE(added.parentId, QStringLiteral("E"));
    QCOMPARE(m_scene->cardFor(added.id)->nodeSceneRect().center(), at);
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));
    m_doc->undoStack()->undo();
    QVERIFY(m_doc->project() == before);
}

// A frame dragged by its header takes its subtree along; its header's centre decides.
void TestFrameMembership::frameDraggedOutAndBackIn()
{
    reset(WorkplanTest::loadExample("feature-development"));
    const QString epic = QStringLiteral("epic_real_time_chat");
    const QString feature = QStringLiteral("feature_message_system");
    const Project before = m_doc->project();
    const int steps = m_doc->undoStack()->count();
    const QRectF epicRect = m_scene->frameFor(epic)->nodeSceneRect();
    const QRectF rect = m_scene->frameFor(feature)->nodeSceneRect();
    const QPointF header(rect.left() + 120, rect.top() + 12);
    const QPointF below(header.x(), epicRect.bottom() + 60);
    drag(header, below);
    QCOMPARE(m_doc->project().find(feature)->parentId, QString());
    QCOMPARE(m_doc->project().find(QStringLiteral("arch_messaging_system"))->parentId, feature);
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    QCOMPARE(m_scene->frameFor(feature)->nodeSceneRect().topLeft(), rect.topLeft() + (below - header));
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));

    // Back into the epic's lane: a child again, the epic grown around it, nothing covered.
    const QRectF lane = m_scene->frameFor(epic)->nodeSceneRect();
    const QPointF now(rect.left() + 120, m_scene->frameFor(feature)->nodeSceneRect().top() + 12);
    drag(now, QPointF(lane.left() + 120, lane.bottom() - 8));
    QCOMPARE(m_doc->project().find(feature)->parentId, epic);
    QCOMPARE(m_doc->undoStack()->count(), steps + 2);
    QVERIFY(m_scene->frameFor(epic)->nodeSceneRect().contains(m_scene->frameFor(feature)->nodeSceneRect()));
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));

    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QVERIFY(m_doc->project() == before);
}

void TestFrameMembership::treeReparentKeepsFramesApart_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("laid out, added on the canvas") << QStringLiteral("canvas");
    QTest::newRow("arranged, added in the tree") << QStringLiteral("arranged");
    QTest::newRow("never arranged, added in the tree") << QStringLiteral("unplaced");
}

// The case: a Bug Fix added at top level, then moved in the tree under a feature
// that has children. Its frame used to grow to wherever the card was, over the other
// frames' headers (and so in PNG/PDF exports, which draw this scene's geometry).
void TestFrameMembership::treeReparentKeepsFramesApart()
{
    QFETCH(QString, how);
    reset(WorkplanTest::loadExample("feature-development"));
    TaskTreeModel tree(m_doc);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    if (how == QLatin1String("arranged"))
        m_scene->autoLayout();
    const int tasks = m_doc->project().taskCount();
    if (how == QLatin1String("canvas")) {
        dropType(QStringLiteral("bug_fix"), m_scene->planRect().bottomRight() + QPointF(80, 80));
    } else {
        QMimeData type;
        type.setData(TaskFactory::taskTypeMimeType(), QByteArrayLiteral("bug_fix"));
        QVERIFY(tree.dropMimeData(&type, Qt::CopyAction, -1, 0, QModelIndex()));
    }
    QCOMPARE(m_doc->project().taskCount(), tasks + 1);
    const Task bug = m_doc->project().tasks().last();
    QCOMPARE(bug.type, QStringLiteral("bug_fix"));
    QCOMPARE(bug.parentId, QString());
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));

    const Project before = m_doc->project();
    const QString feature = QStringLiteral("feature_message_system");
    std::unique_ptr<QMimeData> mime(tree.mimeData({tree.indexOf(bug.id)}));
    QVERIFY(tree.dropMimeData(mime.get(), Qt::MoveAction, -1, 0, tree.indexOf(feature)));
    QCOMPARE(m_doc->project().find(bug.id)->parentId, feature);
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));
    QVERIFY(m_scene->frameFor(feature)->nodeSceneRect().contains(m_scene->cardFor(bug.id)->nodeSceneRect()));

    // Back out of the feature, to top level: clear of every frame again.
    mime.reset(tree.mimeData({tree.indexOf(bug.id)}));
    QVERIFY(tree.dropMimeData(mime.get(), Qt::MoveAction, -1, 0, QModelIndex()));
    QCOMPARE(m_doc->project().find(bug.id)->parentId, QString());
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));

    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QVERIFY(m_doc->project() == before);
    QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));
}

// Tasks added under a feature of an arranged plan (the tree's drop, Insert on a selected
// child) go inside its frame, and the grown frame pushes its neighbours clear, in the same
// undo step as the add.
void TestFrameMembership::addedChildrenStayInsideTheirFrame()
{
    reset(WorkplanTest::loadExample("feature-development"));
    m_scene->autoLayout();
    TaskTreeModel tree(m_doc);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString feature = QStringLiteral("feature_message_system");
    for (int i = 0; i < 3; ++i) {
        const int steps = m_doc->undoStack()->count();
        QMimeData type;
        type.setData(TaskFactory::taskTypeMimeType(), QByteArrayLiteral("bug_fix"));
        QVERIFY(tree.dropMimeData(&type, Qt::CopyAction, -1, 0, tree.indexOf(feature)));
        QCOMPARE(m_doc->undoStack()->count(), steps + 1);
        const Task added = m_doc->project().tasks().last();
        QCOMPARE(added.parentId, feature);
        QVERIFY2(frameProblem().isEmpty(), qPrintable(frameProblem()));
        QVERIFY(m_scene->frameFor(feature)->nodeSceneRect().contains(m_scene->cardFor(added.id)->nodeSceneRect()));
    }
    // Undo takes each add back with the moves it made.
    const Project arranged = m_doc->project();
    m_doc->undoStack()->undo();
    m_doc->undoStack()->redo();
    QVERIFY(m_doc->project() == arranged);
}

QTEST_MAIN(TestFrameMembership)
#include "tst_framemembership.moc"
