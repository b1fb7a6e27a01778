// Issue #14 items 8 and 2: the canvas's gestures (views/graph/interactions/) end cleanly on
// Esc, and an arrow stays selected by its key (owner, prerequisite, type) through a change
// of its type and the undo of it. Real mouse and key events on the view.
#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "views/contextmenus.h"
#include "views/graph/carditem.h"
#include "views/graph/edgeitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/inspector.h"
#include "views/inspectoredge.h"
#include "views/taskselection.h"
#include "canvasfixture.h"
#include "testsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QGraphicsPathItem>
#include <QMenu>
#include <QToolTip>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace Workplan;

namespace {

// a and b side by side, b waits for a; c below, free.
Project plan()
{
    Project p;
    p.name = QStringLiteral("gestures");
    using WorkplanTest::placedLeaf;
    Task b = placedLeaf(QStringLiteral("b"), QString(), {300, 0});
    b.dependencies << WorkplanTest::dependencyOn(QStringLiteral("a"));
    p.setTasks({placedLeaf(QStringLiteral("a"), QString(), {0, 0}), b, placedLeaf(QStringLiteral("c"), QString(), {0, 200})});
    return p;
}

const QString A = QStringLiteral("a");
const QString B = QStringLiteral("b");
const QString C = QStringLiteral("c");

} // namespace

class TestGraphInteractions : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void escCancelsLinkDrag();
    void escCancelsMove();
    void inspectorTypeChangeKeepsArrowSelected();
    void menuTypeChangeKeepsArrowSelected();
    void arrowsAreNamedByTheirKey();
    void hoverShowsTheCardsTooltip();

private:
    QPoint vp(const QPointF &scenePos) const { return m_canvas.view->mapFromScene(scenePos); }
    void pressAndMove(const QPointF &from, const QPointF &to);
    int dragLines() const;
    EdgeItem *selectArrow();

    WorkplanTest::CanvasFixture m_canvas;
};

void TestGraphInteractions::init()
{
    QVERIFY(m_canvas.open(plan()));
    m_canvas.scene->flush();
    m_canvas.view->centerOn(QPointF(250, 100));
}

void TestGraphInteractions::cleanup()
{
    m_canvas.close();
}

void TestGraphInteractions::pressAndMove(const QPointF &from, const QPointF &to)
{
    QWidget *viewport = m_canvas.view->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, vp(from));
    // Qt 6.4's QTest::mouseMove may drop the held button: send the moves ourselves.
    for (int i = 1; i <= 6; ++i) {
        const QPoint p = vp(from + (to - from) * i / 6);
        QMouseEvent move(QEvent::MouseMove, p, viewport->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(viewport, &move);
    }
}

// The dashed line a link drag draws (the only path item that is no arrow or card).
int TestGraphInteractions::dragLines() const
{
    int n = 0;
    for (QGraphicsItem *item : m_canvas.scene->items())
        n += qgraphicsitem_cast<QGraphicsPathItem *>(item) ? 1 : 0;
    return n;
}

void TestGraphInteractions::escCancelsLinkDrag()
{
    QUndoStack *stack = m_canvas.doc->undoStack();
    CardItem *target = m_canvas.scene->cardFor(C);
    pressAndMove(m_canvas.scene->cardFor(B)->portScenePos(), target->nodeSceneRect().center());
    QCOMPARE(dragLines(), 1);
    QVERIFY(target->linkHint() == NodeItem::LinkHint::Allowed);

    QTest::keyClick(m_canvas.view.get(), Qt::Key_Escape);
    QCOMPARE(dragLines(), 0);
    QVERIFY(target->linkHint() == NodeItem::LinkHint::None);
    QTest::mouseRelease(m_canvas.view->viewport(), Qt::LeftButton, {}, vp(target->nodeSceneRect().center()));
    QCOMPARE(stack->count(), 0);
    QVERIFY(m_canvas.doc->project().find(C)->dependencies.isEmpty());
}

void TestGraphInteractions::escCancelsMove()
{
    QUndoStack *stack = m_canvas.doc->undoStack();
    CardItem *card = m_canvas.scene->cardFor(C);
    const QPointF start = card->pos();
    const QPointF grab = card->nodeSceneRect().center();
    pressAndMove(grab, grab + QPointF(120, 60));
    QCOMPARE(card->pos(), start + QPointF(120, 60));   // items move live

    QTest::keyClick(m_canvas.view.get(), Qt::Key_Escape);
    QCOMPARE(card->pos(), start);
    // The release after Esc moves nothing and writes nothing.
    QTest::mouseRelease(m_canvas.view->viewport(), Qt::LeftButton, {}, vp(grab + QPointF(150, 60)));
    QCOMPARE(card->pos(), start);
    QCOMPARE(stack->count(), 0);
    QCOMPARE(m_canvas.doc->project().find(C)->position, start);
}

EdgeItem *TestGraphInteractions::selectArrow()
{
    EdgeItem *edge = m_canvas.scene->edgeFor(DependencyKey{B, A, DependencyType::Completion});
    if (!edge)
        return nullptr;
    m_canvas.scene->clearSelection();
    edge->setSelected(true);
    return edge;
}

void TestGraphInteractions::inspectorTypeChangeKeepsArrowSelected()
{
    const DependencyKey completion{B, A, DependencyType::Completion};
    const DependencyKey data{B, A, DependencyType::Data};
    Inspector inspector(m_canvas.doc.get(), m_canvas.selection.get());
    inspector.resize(500, 800);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QVERIFY(selectArrow());
    QVERIFY(m_canvas.selection->selectedDependency() == completion);
    InspectorEdge *page = inspector.edgeSection();
    QVERIFY(page->isVisible());

    // Completion -> data from the combo, as a user picks it.
    QComboBox *type = page->typeCombo();
    inspector.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&inspector));
    type->setFocus();
    QTest::keyClick(type, Qt::Key_Down);
    QVERIFY(m_canvas.doc->dependencyIndex(data) >= 0 && m_canvas.doc->dependencyIndex(completion) < 0);
    // At once, not a turn of the event loop later: the selection names the new key.
    QVERIFY(m_canvas.selection->selectedDependency() == data);
    QVERIFY(page->isVisible());
    QVERIFY(page->dependency() == data);
    QTRY_VERIFY(m_canvas.scene->edgeFor(data) && m_canvas.scene->edgeFor(data)->isSelected());

    // Undo: the arrow is completion again and still the selected one.
    m_canvas.doc->undoStack()->undo();
    QTRY_VERIFY(m_canvas.scene->edgeFor(completion) && m_canvas.scene->edgeFor(completion)->isSelected());
    QVERIFY(m_canvas.selection->selectedDependency() == completion);
    QVERIFY(page->isVisible());
    QCOMPARE(type->currentText(), QStringLiteral("completion"));
    m_canvas.doc->undoStack()->redo();
    QTRY_VERIFY(m_canvas.scene->edgeFor(data) && m_canvas.scene->edgeFor(data)->isSelected());
    QVERIFY(m_canvas.selection->selectedDependency() == data);
}

void TestGraphInteractions::menuTypeChangeKeepsArrowSelected()
{
    EdgeItem *edge = selectArrow();
    QVERIFY(edge);
    ContextMenus::Context c;
    c.document = m_canvas.doc.get();
    c.selection = m_canvas.selection.get();
    c.scene = m_canvas.scene.get();
    std::unique_ptr<QMenu> menu(ContextMenus::edgeMenu(c, edge->ownerId(), edge->index(), m_canvas.view.get()));
    QVERIFY(menu);
    menu->findChild<QMenu *>(QStringLiteral("dependencyTypeMenu"))->findChild<QAction *>(QStringLiteral("approval"))->trigger();
    const DependencyKey approval{B, A, DependencyType::Approval};
    QVERIFY(m_canvas.doc->dependencyIndex(approval) >= 0);
    QCOMPARE(m_canvas.doc->dependencyIndex({B, A, DependencyType::Completion}), -1);
    QVERIFY(m_canvas.selection->selectedDependency() == approval);
    QTRY_VERIFY(m_canvas.scene->edgeFor(approval) && m_canvas.scene->edgeFor(approval)->isSelected());
}

// #14.2: an arrow is its dependency's key (owner, prerequisite, type), not a place in the
// owner's list: deleting an earlier dependency leaves the later one's arrow findable.
void TestGraphInteractions::arrowsAreNamedByTheirKey()
{
    ProjectDocument *doc = m_canvas.doc.get();
    QVERIFY(doc->edits().link(B, C, DependencyType::Data));
    const DependencyKey onA{B, A, DependencyType::Completion};
    const DependencyKey onC{B, C, DependencyType::Data};
    m_canvas.scene->flush();
    QVERIFY(m_canvas.scene->edgeFor(onC));
    QCOMPARE(m_canvas.scene->edgeFor(onC)->key(), onC);
    QCOMPARE(m_canvas.scene->edgeFor(onA)->key(), onA);
    QVERIFY(doc->edits().unlink(onA));
    m_canvas.scene->flush();
    QVERIFY(!m_canvas.scene->edgeFor(onA));
    EdgeItem *e = m_canvas.scene->edgeFor(onC);
    QVERIFY(e);
    QCOMPARE(e->key(), onC);
    QCOMPARE(e->index(), 0);
}

QTEST_MAIN(TestGraphInteractions)
// Card tooltips are made on hover, not kept on 100k items: the help event of the real
// viewport must still show the card's title and its analysis lines.
void TestGraphInteractions::hoverShowsTheCardsTooltip()
{
    CardItem *card = m_canvas.scene->cardFor(B);
    QVERIFY(card && card->toolTip().isEmpty());
    const QString expected = card->toolTipText();
    QVERIFY(expected.contains(card->task()->title()));
    QWidget *viewport = m_canvas.view->viewport();
    const QPoint at = vp(card->nodeSceneRect().center());
    QHelpEvent help(QEvent::ToolTip, at, viewport->mapToGlobal(at));
    QApplication::sendEvent(viewport, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), expected);
    QToolTip::hideText();
}

#include "tst_graphinteractions.moc"
