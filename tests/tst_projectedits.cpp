// ProjectEdits (issue #14 item 1): every user edit is one call that checks the rules,
// refuses with the sentence the UI shows and pushes nothing then, or pushes exactly one
// undo step with its text; undo restores the plan exactly.
#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUndoStack>
#include <QtTest>

#include <functional>

using namespace Workplan;

namespace {

Task task(const QString &id, const QString &title, const QString &parentId = QString())
{
    Task t;
    t.id = id;
    t.type = QStringLiteral("specialist_task");
    t.parentId = parentId;
    t.hasParentField = !parentId.isEmpty();
    t.attributes.insert(QStringLiteral("title"), title);
    t.hasAttributes = true;
    return t;
}

Dependency on(const QString &prereq, DependencyType type = DependencyType::Completion)
{
    Dependency d;
    d.taskId = prereq;
    d.type = type;
    return d;
}

// a; b waits for a; c; p with p1 and p2 (p2 waits for p1); a team of one.
Project plan()
{
    Task b = task(QStringLiteral("b"), QStringLiteral("Beta"));
    b.dependencies << on(QStringLiteral("a"));
    b.hasDependencies = true;
    Task p2 = task(QStringLiteral("p2"), QStringLiteral("Child two"), QStringLiteral("p"));
    p2.dependencies << on(QStringLiteral("p1"));
    p2.hasDependencies = true;
    Task p1 = task(QStringLiteral("p1"), QStringLiteral("Child one"), QStringLiteral("p"));
    p1.extra.insert(QStringLiteral("resources"), QJsonObject{{QStringLiteral("dev"), 1}});
    Project p;
    p.name = QStringLiteral("Plan");
    p.setTasks({task(QStringLiteral("a"), QStringLiteral("Alpha")), b, task(QStringLiteral("c"), QStringLiteral("Gamma")),
                task(QStringLiteral("p"), QStringLiteral("Parent")), p1, p2});
    p.projectExtra.insert(QStringLiteral("resources"),
                          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("dev")}}});
    return p;
}

using Edit = std::function<EditResult(ProjectEdits &)>;

} // namespace

class TestProjectEdits : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void tasks();
    void fields();
    void dependencies();
    void canvasAndProject();
    void refusals();
    void nothingToDo();
    void keysOutliveIndices();
    void readOnlyRefusesEveryEdit();
    void teamReadingFollowsEveryStep();

private:
    // The edit pushes exactly one step named `text`; undo gives back the plan as it was,
    // redo the edited one. Leaves the document undone.
    void expectStep(const Edit &edit, const QString &text);
    void expectRefusal(const Edit &edit, const QString &problem);

    ProjectDocument m_doc;
};

void TestProjectEdits::init()
{
    m_doc.setReadOnly(false);
    m_doc.resetProject(plan());
}

void TestProjectEdits::expectStep(const Edit &edit, const QString &text)
{
    QUndoStack *stack = m_doc.undoStack();
    const Project before = m_doc.project();
    const int index = stack->index();
    const EditResult result = edit(m_doc.edits());
    QVERIFY2(result.pushed, qPrintable(result.problem));
    QVERIFY(result.problem.isEmpty());
    QCOMPARE(stack->index(), index + 1);
    QCOMPARE(stack->count(), index + 1);
    QCOMPARE(stack->undoText(), text);
    QVERIFY(m_doc.project() != before);
    const Project after = m_doc.project();
    stack->undo();
    QVERIFY(m_doc.project() == before);
    stack->redo();
    QVERIFY(m_doc.project() == after);
    stack->undo();
}

void TestProjectEdits::expectRefusal(const Edit &edit, const QString &problem)
{
    QUndoStack *stack = m_doc.undoStack();
    const Project before = m_doc.project();
    const int count = stack->count();
    const EditResult result = edit(m_doc.edits());
    QVERIFY(!result.pushed);
    QVERIFY(result.refused());
    QCOMPARE(result.problem, problem);
    QCOMPARE(stack->count(), count);
    QVERIFY(m_doc.project() == before);
}

void TestProjectEdits::tasks()
{
    ProjectEdits::NewTask spec;
    spec.parentId = QStringLiteral("p");
    spec.fileIndex = m_doc.edits().childInsertIndex(QStringLiteral("p"));
    expectStep([&](ProjectEdits &e) { return e.addNewTask(spec); }, QStringLiteral("Add 'New Specialist Task'"));
    // Where it went: after the parent's last child, with a fresh id.
    const EditResult added = m_doc.edits().addNewTask(spec);
    QCOMPARE(added.ids, QStringList{QStringLiteral("specialist_task")});
    QCOMPARE(m_doc.childIds(QStringLiteral("p")).last(), QStringLiteral("specialist_task"));
    QCOMPARE(m_doc.project().indexOf(QStringLiteral("specialist_task")), 6);
    m_doc.undoStack()->undo();

    spec.makeRoom = true;
    spec.position = QPointF(10, 10);
    spec.text = QStringLiteral("Add here");
    expectStep([&](ProjectEdits &e) { return e.addNewTask(spec); }, QStringLiteral("Add here"));

    // A subtree with an inner dependency, as a paste brings it.
    Task x = task(QStringLiteral("x"), QStringLiteral("X"));
    Task x1 = task(QStringLiteral("x1"), QStringLiteral("X one"), QStringLiteral("x"));
    Task x2 = task(QStringLiteral("x2"), QStringLiteral("X two"), QStringLiteral("x"));
    x2.dependencies << on(QStringLiteral("x1")) << on(QStringLiteral("a"));
    expectStep([&](ProjectEdits &e) { return e.addTasks({x, x1, x2}, -1, QStringLiteral("Paste 3 task(s)")); },
               QStringLiteral("Paste 3 task(s)"));
    expectStep([&](ProjectEdits &e) { return e.addTasks({x, x1, x2}); }, QStringLiteral("Add 3 tasks"));

    expectStep([](ProjectEdits &e) { return e.removeTasks({QStringLiteral("p")}); }, QStringLiteral("Delete 3 tasks"));
    expectStep([](ProjectEdits &e) { return e.removeTasks({QStringLiteral("a")}, QStringLiteral("Cut Alpha")); },
               QStringLiteral("Cut Alpha"));
    expectStep([](ProjectEdits &e) { return e.moveTasks({QStringLiteral("c")}, QStringLiteral("p")); },
               QStringLiteral("Move 'Gamma'"));
    expectStep([](ProjectEdits &e) {
        return e.moveTasks({QStringLiteral("c"), QStringLiteral("a")}, QStringLiteral("p"), QStringLiteral("p1"));
    }, QStringLiteral("Move 2 tasks"));
}

void TestProjectEdits::fields()
{
    const QString a = QStringLiteral("a");
    expectStep([&](ProjectEdits &e) { return e.setTitle(a, QStringLiteral("  First ")); }, QStringLiteral("Rename 'Alpha'"));
    expectStep([&](ProjectEdits &e) { return e.setTitle(a, QStringLiteral("First"), QStringLiteral("Rename to First")); },
               QStringLiteral("Rename to First"));
    expectStep([&](ProjectEdits &e) { return e.setAttribute(a, QStringLiteral("effort"), 8); },
               QStringLiteral("Set effort of 'Alpha'"));
    expectStep([&](ProjectEdits &e) { return e.setAttribute(a, QStringLiteral("optimistic"), QStringLiteral("2d")); },
               QStringLiteral("Set optimistic of 'Alpha'"));
    expectStep([&](ProjectEdits &e) { return e.removeAttribute(a, QStringLiteral("title")); },
               QStringLiteral("Remove title of 'Alpha'"));
    expectStep([&](ProjectEdits &e) { return e.renameAttribute(a, QStringLiteral("title"), QStringLiteral("name")); },
               QStringLiteral("Rename attribute title to name"));
    expectStep([&](ProjectEdits &e) {
        return e.setAttributeStep(a, QStringLiteral("not_before"), QStringLiteral("2026-01-05"), QStringLiteral("Move 'Alpha' to 2026-01-05"));
    }, QStringLiteral("Move 'Alpha' to 2026-01-05"));
    expectStep([&](ProjectEdits &e) { return e.setType({a}, QStringLiteral("bug_fix")); },
               QStringLiteral("Change type of 'Alpha' to bug_fix"));
    expectStep([&](ProjectEdits &e) { return e.setType({a, QStringLiteral("b")}, QStringLiteral("bug_fix")); },
               QStringLiteral("Change type of 2 tasks to bug_fix"));
    expectStep([&](ProjectEdits &e) { return e.setType({a, QStringLiteral("b")}, QStringLiteral("epic"), QStringLiteral("Change type to epic")); },
               QStringLiteral("Change type to epic"));
    expectStep([&](ProjectEdits &e) { return e.setStatus({a}, Status::Approved); },
               QStringLiteral("Set status of 'Alpha' to approved"));
    expectStep([&](ProjectEdits &e) { return e.setStatus({a, QStringLiteral("c")}, Status::Approved); },
               QStringLiteral("Set status of 2 tasks to approved"));
    expectStep([&](ProjectEdits &e) { return e.setLifecycle(a, Lifecycle::Completed); },
               QStringLiteral("Set lifecycle stage of 'Alpha' to %1").arg(toString(Lifecycle::Completed)));
    expectStep([&](ProjectEdits &e) { return e.setExtraField(a, QStringLiteral("resources"), QJsonObject{{QStringLiteral("dev"), 2}}); },
               QStringLiteral("Set resources of 'Alpha'"));
    expectStep([](ProjectEdits &e) { return e.setExtraField(QStringLiteral("p1"), QStringLiteral("resources"), QJsonValue(QJsonValue::Undefined)); },
               QStringLiteral("Remove resources of 'Child one'"));
}

// The document reads its team once per change (ProjectDocument::team()): after each step,
// undo and reset, what it answers is the project as it is now.
void TestProjectEdits::teamReadingFollowsEveryStep()
{
    QCOMPARE(m_doc.team().resources.size(), std::size_t(1));
    QVERIFY(!m_doc.team().problem);
    QVERIFY(m_doc.edits().setExtraField(QStringLiteral("a"), QStringLiteral("resources"),
                                        QJsonObject{{QStringLiteral("qa"), 1}}).pushed);
    QVERIFY(m_doc.team().problem);   // "qa" is no declared resource
    QCOMPARE(m_doc.team().problem->taskId, QStringLiteral("a"));
    m_doc.undoStack()->undo();
    QVERIFY(!m_doc.team().problem);
    m_doc.undoStack()->redo();
    QVERIFY(m_doc.team().problem);
    Project none = plan();
    none.projectExtra.remove(QStringLiteral("resources"));
    none.task(none.indexOf(QStringLiteral("p1"))).extra = QJsonObject();
    m_doc.resetProject(none);
    QVERIFY(!m_doc.team().problem);
    QVERIFY(m_doc.team().resources.empty());
}

void TestProjectEdits::dependencies()
{
    const QString b = QStringLiteral("b");
    const DependencyKey ba{b, QStringLiteral("a"), DependencyType::Completion};
    QCOMPARE(m_doc.dependencyKey(b, 0), ba);
    QCOMPARE(m_doc.dependencyIndex(ba), 0);
    expectStep([](ProjectEdits &e) { return e.link(QStringLiteral("c"), QStringLiteral("b"), DependencyType::Data); },
               QStringLiteral("Link 'Beta' \u2192 'Gamma'"));
    expectStep([](ProjectEdits &e) { return e.addDependency(QStringLiteral("c"), on(QStringLiteral("a"))); },
               QStringLiteral("Link 'Alpha' \u2192 'Gamma'"));
    expectStep([&](ProjectEdits &e) { return e.unlink(ba); }, QStringLiteral("Remove link 'Alpha' \u2192 'Beta'"));
    const QString changed = QStringLiteral("Change link 'Alpha' \u2192 'Beta'");
    expectStep([&](ProjectEdits &e) { return e.setDependencyType(ba, DependencyType::Approval); }, changed);
    expectStep([&](ProjectEdits &e) { return e.setDependencyLag(ba, 4); }, changed);
    expectStep([&](ProjectEdits &e) { return e.setDependencyMandatory(ba, false); }, changed);
    expectStep([&](ProjectEdits &e) { return e.setDependencyWaived(ba, true); }, changed);
    expectStep([&](ProjectEdits &e) { return e.setDependencyDescription(ba, QStringLiteral("why")); }, changed);
    Dependency d = on(QStringLiteral("c"));
    expectStep([&](ProjectEdits &e) { return e.changeDependency(ba, d); }, QStringLiteral("Change link 'Gamma' \u2192 'Beta'"));
    expectStep([&](ProjectEdits &e) { return e.retarget(ba, ProjectEdits::End::Prerequisite, QStringLiteral("c")); },
               QStringLiteral("Change link 'Gamma' \u2192 'Beta'"));
    expectStep([&](ProjectEdits &e) { return e.retarget(ba, ProjectEdits::End::Owner, QStringLiteral("c")); },
               QStringLiteral("Re-target link 'Alpha' \u2192 'Gamma'"));
    expectStep([&](ProjectEdits &e) { return e.deleteItems({QStringLiteral("c")}, {ba}); }, QStringLiteral("Delete"));
}

void TestProjectEdits::canvasAndProject()
{
    expectStep([](ProjectEdits &e) { return e.moveCards({{QStringLiteral("a"), QPointF(5, 6)}}); },
               QStringLiteral("Move 'Alpha'"));
    expectStep([](ProjectEdits &e) {
        return e.moveCards({{QStringLiteral("a"), QPointF(5, 6)}, {QStringLiteral("c"), QPointF(300, 6)}});
    }, QStringLiteral("Move 2 tasks"));
    expectStep([](ProjectEdits &e) { return e.applyLayout({{QStringLiteral("a"), QPointF(1, 1)}}, QStringLiteral("Auto layout")); },
               QStringLiteral("Auto layout"));
    ProjectEdits::CardDrop drop;
    drop.positions = {{QStringLiteral("c"), QPointF(40, 40)}};
    drop.reparents = {{QStringLiteral("c"), QStringLiteral("p")}};
    drop.text = QStringLiteral("Move 'Gamma' into 'Parent'");
    expectStep([&](ProjectEdits &e) { return e.dropCards(drop); }, drop.text);

    ProjectProperties props = ProjectProperties::of(m_doc.project());
    props.name = QStringLiteral("Renamed");
    props.calendar.hoursPerDay = 6;
    expectStep([&](ProjectEdits &e) { return e.setProjectProperties(props); }, QStringLiteral("Change project properties"));
    // The team: dev renamed to developer; the demand of p1 follows it.
    const QJsonArray team{QJsonObject{{QStringLiteral("name"), QStringLiteral("developer")}}};
    expectStep([&](ProjectEdits &e) { return e.editTeam(team, {{QStringLiteral("dev"), QStringLiteral("developer")}}, {}); },
               QStringLiteral("Edit team"));
    QVERIFY(m_doc.edits().editTeam(team, {{QStringLiteral("dev"), QStringLiteral("developer")}}, {}));
    QCOMPARE(m_doc.project().find(QStringLiteral("p1"))->extra.value(QStringLiteral("resources")).toObject(),
             (QJsonObject{{QStringLiteral("developer"), 1}}));
}

void TestProjectEdits::refusals()
{
    const QString a = QStringLiteral("a"), b = QStringLiteral("b"), c = QStringLiteral("c");
    const QString p = QStringLiteral("p"), p1 = QStringLiteral("p1"), p2 = QStringLiteral("p2");
    const auto dependencyProblem = [&](const QString &owner, const QString &prereq, DependencyType type) {
        const QString why = m_doc.dependencyProblem(owner, prereq, type);
        [&] { QVERIFY(!why.isEmpty()); }();
        return why;
    };
    const auto reparentProblem = [&](const QString &id, const QString &parent) {
        const QString why = m_doc.reparentProblem(id, parent);
        [&] { QVERIFY(!why.isEmpty()); }();
        return why;
    };
    const DependencyType completion = DependencyType::Completion;
    // Links: the document's own sentences, as the canvas, timeline, table and dialog show them.
    expectRefusal([&](ProjectEdits &e) { return e.link(a, a, completion); }, QStringLiteral("A task cannot depend on itself."));
    expectRefusal([&](ProjectEdits &e) { return e.link(a, b, completion); }, dependencyProblem(a, b, completion));   // a loop
    expectRefusal([&](ProjectEdits &e) { return e.link(b, a, completion); }, dependencyProblem(b, a, completion));   // again
    expectRefusal([&](ProjectEdits &e) { return e.addDependency(p1, on(p)); }, dependencyProblem(p1, p, completion));
    expectRefusal([&](ProjectEdits &e) { return e.link(p, p2, completion); }, dependencyProblem(p, p2, completion));
    expectRefusal([&](ProjectEdits &e) { return e.changeDependency(m_doc.dependencyKey(p2, 0), on(p)); }, dependencyProblem(p2, p, completion));
    expectRefusal([&](ProjectEdits &e) { return e.retarget(m_doc.dependencyKey(b, 0), ProjectEdits::End::Prerequisite, b); },
                  QStringLiteral("A task cannot depend on itself."));
    expectRefusal([&](ProjectEdits &e) { return e.retarget(m_doc.dependencyKey(b, 0), ProjectEdits::End::Owner, a); },
                  QStringLiteral("A task cannot depend on itself."));
    expectRefusal([&](ProjectEdits &e) { return e.unlink({c, a, completion}); }, QStringLiteral("There is no such dependency."));
    // The tree's and the canvas's moves: reparentProblem's sentences.
    expectRefusal([&](ProjectEdits &e) { return e.moveTasks({p}, p1); }, reparentProblem(p, p1));
    expectRefusal([&](ProjectEdits &e) { return e.moveTasks({b}, a); }, reparentProblem(b, a));
    ProjectEdits::CardDrop drop;
    drop.positions = {{b, QPointF(1, 1)}};
    drop.reparents = {{b, a}};
    expectRefusal([&](ProjectEdits &e) { return e.dropCards(drop); }, reparentProblem(b, a));
    // Fields, tasks and the team.
    expectRefusal([&](ProjectEdits &e) { return e.setTitle(a, QStringLiteral("  ")); }, QStringLiteral("A task needs a title."));
    QVERIFY(m_doc.edits().setAttribute(a, QStringLiteral("effort"), 8));
    expectRefusal([&](ProjectEdits &e) { return e.renameAttribute(a, QStringLiteral("title"), QStringLiteral("effort")); },
                  QStringLiteral("There is already an attribute effort."));
    expectRefusal([&](ProjectEdits &e) { return e.renameAttribute(a, QStringLiteral("nope"), QStringLiteral("x")); },
                  QStringLiteral("There is no attribute nope."));
    expectRefusal([&](ProjectEdits &e) { return e.addTasks({task(a, QStringLiteral("Again"))}); },
                  QStringLiteral("There is already a task a."));
    expectRefusal([&](ProjectEdits &e) { return e.addTasks({task(QStringLiteral("n"), QStringLiteral("N"), QStringLiteral("ghost"))}); },
                  QStringLiteral("There is no task ghost."));
    const QJsonObject dev{{QStringLiteral("name"), QStringLiteral("dev")}};
    expectRefusal([&](ProjectEdits &e) { return e.editTeam({dev, dev}, {}, {}); },
                  QStringLiteral("Two resources are called \u201cdev\u201d: each name must be unique."));
    expectRefusal([&](ProjectEdits &e) { return e.editTeam({dev, QJsonObject()}, {}, {}); },
                  QStringLiteral("Row 2 has no name: every resource needs one."));
}

void TestProjectEdits::nothingToDo()
{
    QUndoStack *stack = m_doc.undoStack();
    ProjectEdits &e = m_doc.edits();
    QVERIFY(!e.setTitle(QStringLiteral("a"), QStringLiteral("Alpha")));
    QVERIFY(!e.setType({QStringLiteral("a")}, QStringLiteral("specialist_task")));
    QVERIFY(!e.removeTasks({QStringLiteral("nope")}));
    QVERIFY(!e.moveCards({}));
    QVERIFY(!e.setProjectProperties(ProjectProperties::of(m_doc.project())));
    QVERIFY(!e.editTeam(m_doc.project().projectExtra.value(QStringLiteral("resources")).toArray(), {}, {}));
    QVERIFY(!e.retarget(m_doc.dependencyKey(QStringLiteral("b"), 0), ProjectEdits::End::Prerequisite, QStringLiteral("a")));
    QCOMPARE(stack->count(), 0);
}

void TestProjectEdits::keysOutliveIndices()
{
    // c waits for a, then for b: deleting the first by its key leaves the second's key good,
    // where its index went from 1 to 0.
    const QString a = QStringLiteral("a"), b = QStringLiteral("b"), c = QStringLiteral("c");
    QVERIFY(m_doc.edits().link(c, a, DependencyType::Completion));
    QVERIFY(m_doc.edits().link(c, b, DependencyType::Data));
    const DependencyKey ca{c, a, DependencyType::Completion};
    const DependencyKey cb{c, b, DependencyType::Data};
    QCOMPARE(m_doc.dependencyIndex(cb), 1);
    QVERIFY(m_doc.edits().unlink(ca));
    QCOMPARE(m_doc.dependencyIndex(ca), -1);
    QCOMPARE(m_doc.dependencyIndex(cb), 0);
    QVERIFY(m_doc.edits().setDependencyLag(cb, 8));
    QCOMPARE(m_doc.project().find(c)->dependencies.at(m_doc.dependencyIndex(cb)).lag, QJsonValue(8));
    // One Delete of both, given in either order: both go, one step.
    m_doc.undoStack()->undo();
    m_doc.undoStack()->undo();
    expectStep([&](ProjectEdits &e) { return e.deleteItems({}, {ca, cb}); }, QStringLiteral("Delete"));
    QVERIFY(m_doc.edits().deleteItems({}, {ca, cb}));
    QVERIFY(m_doc.project().find(c)->dependencies.isEmpty());
    // A changed type is another dependency: the old key names nothing.
    m_doc.undoStack()->undo();
    QVERIFY(m_doc.edits().setDependencyType(cb, DependencyType::Approval));
    QCOMPARE(m_doc.dependencyIndex(cb), -1);
    QCOMPARE(m_doc.dependencyIndex({c, b, DependencyType::Approval}), 1);
    QCOMPARE(qHash(ca), qHash(DependencyKey{c, a, DependencyType::Completion}));
}

// A read-only document (a team project offline or for a SELECT-only role, a file held
// elsewhere) refuses every edit with its reason before any other check, pushes nothing,
// and keeps its history; the same edits go through once it is writable again.
void TestProjectEdits::readOnlyRefusesEveryEdit()
{
    const QString a = QStringLiteral("a"), b = QStringLiteral("b"), c = QStringLiteral("c"), p = QStringLiteral("p");
    const DependencyKey ba{b, a, DependencyType::Completion};
    ProjectEdits::NewTask spec;
    ProjectEdits::CardDrop drop;
    drop.positions = {{c, QPointF(40, 40)}};
    drop.reparents = {{c, p}};
    ProjectProperties props = ProjectProperties::of(m_doc.project());
    props.name = QStringLiteral("Renamed");
    const QJsonArray team{QJsonObject{{QStringLiteral("name"), QStringLiteral("developer")}}};
    Dependency toC = on(c);
    // Every ProjectEdits method that changes the plan, each with arguments it would accept.
    const QList<Edit> edits{
        [&](ProjectEdits &e) { return e.addNewTask(spec); },
        [&](ProjectEdits &e) { return e.addTasks({task(QStringLiteral("x"), QStringLiteral("X"))}); },
        [&](ProjectEdits &e) { return e.removeTasks({a}); },
        [&](ProjectEdits &e) { return e.moveTasks({c}, p); },
        [&](ProjectEdits &e) { return e.setAttribute(a, QStringLiteral("effort"), 8); },
        [&](ProjectEdits &e) { return e.removeAttribute(a, QStringLiteral("title")); },
        [&](ProjectEdits &e) { return e.renameAttribute(a, QStringLiteral("title"), QStringLiteral("name")); },
        [&](ProjectEdits &e) { return e.setTitle(a, QStringLiteral("First")); },
        [&](ProjectEdits &e) { return e.setTitle(a, QStringLiteral("First"), QStringLiteral("Rename")); },
        [&](ProjectEdits &e) { return e.setAttributeStep(a, QStringLiteral("not_before"), QStringLiteral("2026-01-05"), QStringLiteral("Move")); },
        [&](ProjectEdits &e) { return e.setType({a}, QStringLiteral("bug_fix")); },
        [&](ProjectEdits &e) { return e.setStatus({a}, Status::Approved); },
        [&](ProjectEdits &e) { return e.setLifecycle(a, Lifecycle::Completed); },
        [&](ProjectEdits &e) { return e.setExtraField(a, QStringLiteral("resources"), QJsonObject{{QStringLiteral("dev"), 2}}); },
        [&](ProjectEdits &e) { return e.link(c, b, DependencyType::Data); },
        [&](ProjectEdits &e) { return e.addDependency(c, on(a)); },
        [&](ProjectEdits &e) { return e.unlink(ba); },
        [&](ProjectEdits &e) { return e.changeDependency(ba, toC); },
        [&](ProjectEdits &e) { return e.setDependencyType(ba, DependencyType::Approval); },
        [&](ProjectEdits &e) { return e.setDependencyLag(ba, 4); },
        [&](ProjectEdits &e) { return e.setDependencyMandatory(ba, false); },
        [&](ProjectEdits &e) { return e.setDependencyWaived(ba, true); },
        [&](ProjectEdits &e) { return e.setDependencyDescription(ba, QStringLiteral("why")); },
        [&](ProjectEdits &e) { return e.retarget(ba, ProjectEdits::End::Prerequisite, c); },
        [&](ProjectEdits &e) { return e.retarget(ba, ProjectEdits::End::Owner, c); },
        [&](ProjectEdits &e) { return e.deleteItems({c}, {ba}); },
        [&](ProjectEdits &e) { return e.moveCards({{a, QPointF(5, 6)}}); },
        [&](ProjectEdits &e) { return e.dropCards(drop); },
        [&](ProjectEdits &e) { return e.applyLayout({{a, QPointF(1, 1)}}, QStringLiteral("Auto layout")); },
        [&](ProjectEdits &e) { return e.setProjectProperties(props); },
        [&](ProjectEdits &e) { return e.editTeam(team, {{QStringLiteral("dev"), QStringLiteral("developer")}}, {}); },
    };

    // Some history first: read-only keeps it.
    QVERIFY(m_doc.edits().setTitle(b, QStringLiteral("Beta two")));
    QUndoStack *stack = m_doc.undoStack();
    QCOMPARE(stack->count(), 1);
    QSignalSpy spy(&m_doc, &ProjectDocument::readOnlyChanged);
    const QString reason = QStringLiteral("Connection to db lost \u2014 reconnecting\u2026 (read-only until then)");
    m_doc.setReadOnly(true, reason);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().value(0).toBool(), true);
    QVERIFY(m_doc.isReadOnly());
    QCOMPARE(m_doc.readOnlyReason(), reason);
    for (int i = 0; i < edits.size(); ++i) {
        expectRefusal(edits.at(i), reason);
        if (QTest::currentTestFailed())
            qWarning("edit #%d was not refused", i);
    }
    QCOMPARE(stack->count(), 1);
    QCOMPARE(stack->index(), 1);
    QCOMPARE(stack->undoText(), QStringLiteral("Rename 'Beta'"));
    // Refused before any rule: even an edit with nothing to do says why.
    QCOMPARE(m_doc.edits().setTitle(a, QStringLiteral("Alpha")).problem, reason);
    // Another reason for the same state is no signal; none given: a sentence all the same.
    m_doc.setReadOnly(true, QString());
    QCOMPARE(spy.count(), 0);
    QCOMPARE(m_doc.readOnlyReason(), QStringLiteral("This project is read-only."));
    // A reset (a team project reloaded) keeps the state: whoever set it clears it.
    m_doc.resetProject(plan());
    QVERIFY(m_doc.isReadOnly());

    m_doc.setReadOnly(false);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().value(0).toBool(), false);
    QVERIFY(m_doc.readOnlyReason().isEmpty());
    for (int i = 0; i < edits.size(); ++i) {
        const EditResult result = edits.at(i)(m_doc.edits());
        QVERIFY2(result.pushed, qPrintable(QStringLiteral("edit #%1: %2").arg(i).arg(result.problem)));
        stack->undo();
    }
}

QTEST_GUILESS_MAIN(TestProjectEdits)
#include "tst_projectedits.moc"
