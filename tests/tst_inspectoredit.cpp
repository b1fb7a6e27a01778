// Issue #15: the inspector edits what the canvas selects. Several tasks picked with
// Ctrl+click get one Status and one Type (one undo step for all); an arrow clicked on the
// canvas shows its dependency's fields, and each settled field is one command.
#include "model/commands/structurecommands.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/graph/carditem.h"
#include "views/graph/edgeitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphstyle.h"
#include "views/graph/graphview.h"
#include "views/inspector.h"
#include "views/inspectoredge.h"
#include "views/inspectormulti.h"
#include "views/taskselection.h"
#include "canvasfixture.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace Workplan;

class TestInspectorEdit : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void multiSelectionSharesStatusAndType();
    void singleTaskAfterMultiShowsTaskPage();
    void clickedEdgeShowsItsFields();
    void edgeFieldsAreCommands();
    void clickingEmptyCanvasLetsGoOfEdge();
    void typeClashIsRefused();

private:
    const Task &task(const QString &id) const { return *m_canvas.doc->project().find(id); }
    // kOwner's dependency on kPrereq, whatever its type now (the test changes the type).
    const Dependency &dep() const
    {
        const QList<Dependency> &deps = task(kOwner).dependencies;
        return *std::find_if(deps.cbegin(), deps.cend(), [this](const Dependency &d) { return d.taskId == kPrereq; });
    }
    DependencyKey keyOf(DependencyType type) const { return {kOwner, kPrereq, type}; }
    QPoint vp(const QPointF &scenePos) const { return m_canvas.view->mapFromScene(scenePos); }
    void ctrlClickCard(const QString &id, Qt::KeyboardModifiers mods);
    // A point on the arrow where the arrow, not a card, is the topmost item.
    QPoint pointOnEdge(EdgeItem *edge) const;
    void clickEdge(DependencyType type = DependencyType::Completion);
    static void focusIn(QWidget *w);

    WorkplanTest::CanvasFixture m_canvas;
    std::unique_ptr<Inspector> m_inspector;
    QUndoStack *m_stack = nullptr;
    // impl_websocket_server waits for arch_messaging_system (completion, with a description).
    const QString kOwner = QStringLiteral("impl_websocket_server");
    const QString kPrereq = QStringLiteral("arch_messaging_system");
};

void TestInspectorEdit::init()
{
    QVERIFY(m_canvas.open(WorkplanTest::loadExample("feature-development"), QSize(1100, 700)));
    m_stack = m_canvas.doc->undoStack();
    m_canvas.view->setZoom(1.0);
    m_inspector = std::make_unique<Inspector>(m_canvas.doc.get(), m_canvas.selection.get());
    m_inspector->resize(500, 800);
    m_inspector->move(1150, 0);
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
}

void TestInspectorEdit::cleanup()
{
    m_inspector.reset();
    m_canvas.close();
}

void TestInspectorEdit::ctrlClickCard(const QString &id, Qt::KeyboardModifiers mods)
{
    CardItem *card = m_canvas.scene->cardFor(id);
    QVERIFY(card);
    m_canvas.view->centerOn(card);
    // The status badge's row: on the card, away from the title and the port.
    const QPointF at = card->mapToScene(QPointF(GraphStyle::CardWidth / 2, GraphStyle::CardHeight - 12));
    QTest::mouseClick(m_canvas.view->viewport(), Qt::LeftButton, mods, vp(at));
}

QPoint TestInspectorEdit::pointOnEdge(EdgeItem *edge) const
{
    // Hit-tested as the click will be, in viewport pixels; the one nearest the middle of
    // the arrow, away from the port where arrows leave together.
    const QRect r = m_canvas.view->mapFromScene(edge->sceneBoundingRect()).boundingRect() & m_canvas.view->viewport()->rect();
    const QPoint middle = m_canvas.view->mapFromScene((edge->sourcePoint() + edge->targetPoint()) / 2);
    QPoint best(-1, -1);
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            const QPoint p(x, y);
            if (m_canvas.view->itemAt(p) == edge
                && (best.x() < 0 || (p - middle).manhattanLength() < (best - middle).manhattanLength()))
                best = p;
        }
    }
    return best;
}

void TestInspectorEdit::clickEdge(DependencyType type)
{
    EdgeItem *edge = m_canvas.scene->edgeFor(keyOf(type));
    QVERIFY(edge);
    QCOMPARE(edge->dependency()->taskId, kPrereq);
    m_canvas.view->centerOn(edge);
    const QPoint at = pointOnEdge(edge);
    QVERIFY2(at.x() >= 0, "no free point on the arrow");
    QTest::mouseClick(m_canvas.view->viewport(), Qt::LeftButton, {}, at);
    QVERIFY(edge->isSelected());
}

void TestInspectorEdit::focusIn(QWidget *w)
{
    QWidget *window = w->window();
    if (!window->isActiveWindow()) {
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
    }
    w->setFocus();
    QVERIFY(w->hasFocus());
}

// Three tasks of two types and three statuses, picked on the canvas: the combos say
// "mixed"; a status chosen applies to all three, one undo step, and undo gives each its own
// back; the same for the type.
void TestInspectorEdit::multiSelectionSharesStatusAndType()
{
    const QStringList ids{kPrereq, kOwner, QStringLiteral("feature_chat_ui")};
    ctrlClickCard(ids[0], {});
    ctrlClickCard(ids[1], Qt::ControlModifier);
    ctrlClickCard(ids[2], Qt::ControlModifier);
    QCOMPARE(m_canvas.selection->selectedIds().size(), 3);

    InspectorMulti *multi = m_inspector->multiSection();
    QVERIFY(multi->isVisible());
    QVERIFY(!m_inspector->taskPage()->isVisible());
    QCOMPARE(multi->countLabel()->text(), QStringLiteral("3 tasks selected"));
    QCOMPARE(multi->statusCombo()->currentText(), InspectorMulti::mixedText());
    QCOMPARE(multi->typeCombo()->currentText(), InspectorMulti::mixedText());

    QList<Status> statusBefore;
    QStringList typeBefore;
    for (const QString &id : ids) {
        statusBefore << task(id).status;
        typeBefore << task(id).type;
    }
    const int steps = m_stack->count();
    focusIn(multi->statusCombo());
    QTest::keyClick(multi->statusCombo(), Qt::Key_End);   // the last status: archived
    for (const QString &id : ids)
        QCOMPARE(toString(task(id).status), QStringLiteral("archived"));
    QCOMPARE(m_stack->count(), steps + 1);
    QTRY_COMPARE(multi->statusCombo()->currentText(), QStringLiteral("archived"));
    m_stack->undo();
    for (int i = 0; i < ids.size(); ++i)
        QCOMPARE(toString(task(ids[i]).status), toString(statusBefore[i]));
    QTRY_COMPARE(multi->statusCombo()->currentText(), InspectorMulti::mixedText());

    focusIn(multi->typeCombo());
    QTest::keyClick(multi->typeCombo(), Qt::Key_Down);   // the first type after "mixed"
    const QString type = multi->typeCombo()->itemData(1).toString();
    QVERIFY(!type.isEmpty());
    for (const QString &id : ids)
        QCOMPARE(task(id).type, type);
    QCOMPARE(m_stack->count(), steps + 1);   // the undone status step was replaced
    m_stack->undo();
    for (int i = 0; i < ids.size(); ++i)
        QCOMPARE(task(ids[i]).type, typeBefore[i]);
}

void TestInspectorEdit::singleTaskAfterMultiShowsTaskPage()
{
    m_canvas.selection->setSelection({kPrereq, kOwner}, kOwner);
    QVERIFY(m_inspector->multiSection()->isVisible());
    ctrlClickCard(kOwner, {});
    QCOMPARE(m_canvas.selection->selectedIds(), QStringList{kOwner});
    QVERIFY(!m_inspector->multiSection()->isVisible());
    QVERIFY(m_inspector->taskPage()->isVisible());
    QCOMPARE(m_inspector->titleEdit()->text(), task(kOwner).title());
}

void TestInspectorEdit::clickedEdgeShowsItsFields()
{
    ctrlClickCard(kOwner, {});
    QVERIFY(m_inspector->taskPage()->isVisible());
    clickEdge();
    QCOMPARE(m_canvas.selection->selectedDependency().ownerId, kOwner);
    QCOMPARE(m_canvas.selection->selectedDependency().prerequisiteId, kPrereq);
    QVERIFY(m_canvas.selection->selectedIds().isEmpty());

    InspectorEdge *edge = m_inspector->edgeSection();
    QVERIFY(edge->isVisible());
    QVERIFY(!m_inspector->taskPage()->isVisible());
    QVERIFY(edge->headerLabel()->text().contains(task(kOwner).title()));
    QVERIFY(edge->headerLabel()->text().contains(task(kPrereq).title()));
    QCOMPARE(edge->typeCombo()->currentText(), QStringLiteral("completion"));
    QCOMPARE(edge->lagSpin()->value(), 0.0);
    QVERIFY(edge->mandatoryCheck()->isChecked());
    QVERIFY(!edge->waivedCheck()->isChecked());
    QCOMPARE(edge->descriptionEdit()->text(), dep().description);
    QVERIFY(!dep().description.isEmpty());

    // Selecting a task again brings its page back.
    ctrlClickCard(kPrereq, {});
    QVERIFY(m_canvas.selection->selectedDependency().isNull());
    QVERIFY(!edge->isVisible());
    QVERIFY(m_inspector->taskPage()->isVisible());
}

void TestInspectorEdit::edgeFieldsAreCommands()
{
    clickEdge();
    InspectorEdge *edge = m_inspector->edgeSection();
    const int steps = m_stack->count();

    // Lag, typed and settled with Tab: one command; undo takes it away again.
    QDoubleSpinBox *lag = edge->lagSpin();
    focusIn(lag);
    lag->selectAll();
    QTest::keyClicks(lag, QStringLiteral("6"));
    QTest::keyClick(lag, Qt::Key_Tab);
    QCOMPARE(dep().lag, QJsonValue(6.0));
    QCOMPARE(m_stack->count(), steps + 1);
    // The arrow was redrawn; it is selected again and the page stays.
    const DependencyKey completion = keyOf(DependencyType::Completion);
    QTRY_VERIFY(m_canvas.scene->edgeFor(completion) && m_canvas.scene->edgeFor(completion)->isSelected());
    QVERIFY(edge->isVisible());
    m_stack->undo();
    QVERIFY(dep().lag.isUndefined());
    QCOMPARE(lag->value(), 0.0);
    QVERIFY(edge->isVisible());

    // Mandatory and waived: a click on each box, a command each.
    auto clickBox = [](QCheckBox *box) {
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));   // the box itself
    };
    clickBox(edge->mandatoryCheck());
    QVERIFY(!dep().mandatory);
    clickBox(edge->waivedCheck());
    QVERIFY(dep().waived);
    QCOMPARE(m_stack->count(), steps + 2);

    // Type from the combo; the dependency keeps its place and the page follows.
    focusIn(edge->typeCombo());
    QTest::keyClick(edge->typeCombo(), Qt::Key_Down);
    QCOMPARE(toString(dep().type), QStringLiteral("data"));
    QCOMPARE(m_canvas.doc->dependencyIndex(keyOf(DependencyType::Data)), 0);
    QCOMPARE(edge->typeCombo()->currentText(), QStringLiteral("data"));

    // Description, typed over and left.
    QLineEdit *description = edge->descriptionEdit();
    focusIn(description);
    description->selectAll();
    QTest::keyClicks(description, QStringLiteral("Needs the design"));
    QTest::keyClick(description, Qt::Key_Tab);
    QCOMPARE(dep().description, QStringLiteral("Needs the design"));
    QCOMPARE(m_stack->count(), steps + 4);

    while (m_stack->index() > steps)
        m_stack->undo();
    QVERIFY(dep().mandatory);
    QVERIFY(!dep().waived);
    QCOMPARE(toString(dep().type), QStringLiteral("completion"));
    QCOMPARE(description->text(), dep().description);
    QVERIFY(edge->mandatoryCheck()->isChecked());
}

void TestInspectorEdit::clickingEmptyCanvasLetsGoOfEdge()
{
    clickEdge();
    QVERIFY(m_inspector->edgeSection()->isVisible());
    // Far below the plan: nothing there.
    const QPointF empty = m_canvas.scene->planRect().bottomRight() + QPointF(150, 150);
    m_canvas.view->centerOn(empty);
    QVERIFY(!m_canvas.scene->itemAt(empty, m_canvas.view->transform()));
    QTest::mouseClick(m_canvas.view->viewport(), Qt::LeftButton, {}, vp(empty));
    QVERIFY(m_canvas.selection->selectedDependency().isNull());
    QVERIFY(!m_inspector->edgeSection()->isVisible());
    QVERIFY(m_inspector->taskPage()->isVisible());
}

// A second type on the same pair exists already: the combo cannot turn this one into a
// copy of it; the page says why and nothing changes.
void TestInspectorEdit::typeClashIsRefused()
{
    Dependency data;
    data.taskId = kPrereq;
    data.type = DependencyType::Data;
    m_stack->push(DependencyCommand::add(m_canvas.doc.get(), kOwner, data));
    clickEdge(DependencyType::Data);   // the new one, drawn over the other
    QVERIFY(m_canvas.selection->selectedDependency().type == DependencyType::Data);
    InspectorEdge *edge = m_inspector->edgeSection();
    QVERIFY(edge->isVisible());
    QCOMPARE(edge->typeCombo()->currentText(), QStringLiteral("data"));
    const int steps = m_stack->count();
    focusIn(edge->typeCombo());
    QTest::keyClick(edge->typeCombo(), Qt::Key_Up);   // completion: the other one
    QCOMPARE(m_stack->count(), steps);
    QVERIFY(m_canvas.doc->dependencyIndex(keyOf(DependencyType::Data)) >= 0);
    QVERIFY(m_canvas.doc->dependencyIndex(keyOf(DependencyType::Completion)) >= 0);
    QCOMPARE(edge->typeCombo()->currentText(), QStringLiteral("data"));
    QVERIFY(edge->problemLabel()->isVisible());
    QVERIFY2(edge->problemLabel()->text().contains(QLatin1String("already has a completion dependency")),
             qPrintable(edge->problemLabel()->text()));
}

QTEST_MAIN(TestInspectorEdit)
#include "tst_inspectoredit.moc"
