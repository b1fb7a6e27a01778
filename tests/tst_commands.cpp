// Every command redoes and undoes exactly; a long random edit session undoes back to the
// original project and redoes to the final one.
#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/dependencycheck.h"
#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

#include "testsupport.h"

#include <functional>

using namespace Workplan;

namespace {

using WorkplanTest::loadExample;

Task newTask(const QString &id, const QString &parentId)
{
    Task t;
    t.id = id;
    t.type = QStringLiteral("specialist_task");
    t.parentId = parentId;
    t.attributes.insert(QStringLiteral("title"), id);
    return t;
}

// The document's derived hierarchy agrees with the plain project data.
void checkHierarchy(const ProjectDocument &doc)
{
    const Project &p = doc.project();
    int counted = 0;
    std::function<void(const QString &)> walk = [&](const QString &parent) {
        const QStringList &children = doc.childIds(parent);
        for (int row = 0; row < children.size(); ++row) {
            QCOMPARE(doc.rowOf(children[row]), row);
            QCOMPARE(p.find(children[row])->parentId, parent);
            ++counted;
            walk(children[row]);
        }
    };
    walk(QString());
    QCOMPARE(counted, p.taskCount());
}

} // namespace

class TestCommands : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void reparentKeepsAbsentParentField();
    void mergedRenamesAreOneStep();
    void extraFieldSteps();
    void undoTextsNameTasksByTitle();
    void loopRefusalNamesTitles();
    void randomSession();
};

using CommandMaker = std::function<QUndoCommand *(ProjectDocument *)>;
Q_DECLARE_METATYPE(CommandMaker)

void TestCommands::roundTrip_data()
{
    QTest::addColumn<CommandMaker>("make");
    const QString epic = QStringLiteral("epic_real_time_chat");
    const QString impl = QStringLiteral("impl_websocket_server");
    const QString arch = QStringLiteral("arch_messaging_system");
    QTest::newRow("add") << CommandMaker([](ProjectDocument *d) {
        Task parent = newTask(QStringLiteral("n1"), QString());
        Task child = newTask(QStringLiteral("n2"), QStringLiteral("n1"));
        return new AddTasksCommand(d, {parent, child}, 2);
    });
    QTest::newRow("remove") << CommandMaker([](ProjectDocument *d) {
        return new RemoveTasksCommand(d, {QStringLiteral("feature_message_system")});
    });
    QTest::newRow("rename") << CommandMaker([impl](ProjectDocument *d) {
        return ChangeTaskCommand::setAttribute(d, impl, QStringLiteral("title"), QStringLiteral("Other"));
    });
    QTest::newRow("removeAttribute") << CommandMaker([impl](ProjectDocument *d) {
        return ChangeTaskCommand::removeAttribute(d, impl, QStringLiteral("estimated_effort"));
    });
    QTest::newRow("type") << CommandMaker([impl](ProjectDocument *d) {
        return ChangeTaskCommand::setType(d, impl, QStringLiteral("bug_fix"));
    });
    QTest::newRow("status") << CommandMaker([impl](ProjectDocument *d) {
        return ChangeTaskCommand::setStatus(d, impl, Status::Review);
    });
    QTest::newRow("lifecycle") << CommandMaker([impl](ProjectDocument *d) {
        return ChangeTaskCommand::setLifecycle(d, impl, Lifecycle::Review);
    });
    QTest::newRow("reparent") << CommandMaker([epic, impl](ProjectDocument *d) {
        return new ReparentTaskCommand(d, impl, QStringLiteral("feature_chat_ui"));
    });
    QTest::newRow("reorder up") << CommandMaker([epic](ProjectDocument *d) {
        return new ReparentTaskCommand(d, QStringLiteral("feature_chat_ui"), epic, QStringLiteral("feature_message_system"));
    });
    QTest::newRow("reorder down") << CommandMaker([epic](ProjectDocument *d) {
        return new ReparentTaskCommand(d, QStringLiteral("feature_message_system"), epic);
    });
    QTest::newRow("to top level") << CommandMaker([](ProjectDocument *d) {
        return new ReparentTaskCommand(d, QStringLiteral("feature_user_presence"), QString());
    });
    QTest::newRow("positions") << CommandMaker([impl, arch](ProjectDocument *d) {
        return new SetPositionsCommand(d, {{impl, QPointF(1, 2)}, {arch, QPointF(3, 4)}});
    });
    QTest::newRow("add dependency") << CommandMaker([arch](ProjectDocument *d) {
        Dependency dep;
        dep.taskId = QStringLiteral("feature_user_presence");
        dep.type = DependencyType::Related;
        dep.lag = QStringLiteral("2 days");
        return DependencyCommand::add(d, arch, dep);
    });
    QTest::newRow("remove dependency") << CommandMaker([impl, arch](ProjectDocument *d) {
        return DependencyCommand::remove(d, {impl, arch, DependencyType::Completion});
    });
    QTest::newRow("change dependency") << CommandMaker([impl, arch](ProjectDocument *d) {
        const DependencyKey key{impl, arch, DependencyType::Completion};
        Dependency dep = d->project().find(impl)->dependencies.at(d->dependencyIndex(key));
        dep.waived = true;
        dep.hasWaived = true;
        dep.description = QStringLiteral("changed");
        return DependencyCommand::change(d, key, dep);
    });
    QTest::newRow("project properties") << CommandMaker([](ProjectDocument *d) {
        Calendar c = d->project().calendar;
        c.hoursPerDay = 6;
        return new ProjectPropertiesCommand(d, QStringLiteral("Renamed"), c);
    });
}

void TestCommands::roundTrip()
{
    QFETCH(CommandMaker, make);
    ProjectDocument doc;
    doc.resetProject(loadExample("feature-development"));
    const Project before = doc.project();
    doc.undoStack()->push(make(&doc));
    const Project after = doc.project();
    QVERIFY(after != before);
    QVERIFY(doc.isModified());
    checkHierarchy(doc);
    doc.undoStack()->undo();
    QVERIFY(doc.project() == before);
    QVERIFY(!doc.isModified());
    checkHierarchy(doc);
    doc.undoStack()->redo();
    QVERIFY(doc.project() == after);
    checkHierarchy(doc);
    doc.undoStack()->undo();
    QVERIFY(doc.project() == before);
}

void TestCommands::reparentKeepsAbsentParentField()
{
    // A file may leave out parent_task_id; moving and undoing must not add it.
    Project p = loadExample("feature-development");
    p.task(p.indexOf(QStringLiteral("epic_real_time_chat"))).hasParentField = false;
    ProjectDocument doc;
    doc.resetProject(p);
    doc.undoStack()->push(new ReparentTaskCommand(&doc, QStringLiteral("epic_real_time_chat"), QString(),
                                                  QString()));
    doc.undoStack()->undo();
    QVERIFY(doc.project() == p);
}

void TestCommands::mergedRenamesAreOneStep()
{
    ProjectDocument doc;
    doc.resetProject(loadExample("feature-development"));
    const Project before = doc.project();
    const QString id = QStringLiteral("impl_websocket_server");
    for (const char *t : {"a", "ab", "abc"})
        doc.undoStack()->push(ChangeTaskCommand::setAttribute(&doc, id, QStringLiteral("title"), QLatin1String(t)));
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.project().find(id)->title(), QStringLiteral("abc"));
    doc.undoStack()->undo();
    QVERIFY(doc.project() == before);
}

// §7's task field `resources` lives in Task::extra: each set or removal is an undo step of
// its own (the demand editor's every change), and every do, undo and redo says
// OtherChanged for that task, which is what the inspector and the analysis listen to.
void TestCommands::extraFieldSteps()
{
    ProjectDocument doc;
    doc.resetProject(loadExample("feature-development"));
    const Project before = doc.project();
    const QString id = QStringLiteral("impl_websocket_server");
    const QString field = QStringLiteral("resources");
    QVERIFY(!doc.project().find(id)->extra.contains(field));
    QSignalSpy spy(&doc, &ProjectDocument::tasksChanged);
    auto lastFlags = [&] {
        QCOMPARE(spy.size(), 1);
        const QList<QVariant> args = spy.takeLast();
        QCOMPARE(args.at(0).toStringList(), QStringList{id});
        QCOMPARE(args.at(1).value<ProjectDocument::ChangeFlags>(), ProjectDocument::ChangeFlags(ProjectDocument::OtherChanged));
        QVERIFY(spy.isEmpty());
    };
    const QJsonObject one{{QStringLiteral("tester"), 1}};
    const QJsonObject two{{QStringLiteral("tester"), 2}, {QStringLiteral("backend"), 1}};
    QUndoStack *stack = doc.undoStack();
    stack->push(ChangeTaskCommand::setExtraField(&doc, id, field, one));
    lastFlags();
    stack->push(ChangeTaskCommand::setExtraField(&doc, id, field, two));
    lastFlags();
    stack->push(ChangeTaskCommand::setExtraField(&doc, id, field, QJsonObject()));   // "needs no one"
    lastFlags();
    QCOMPARE(stack->count(), 3);   // never merged
    QCOMPARE(doc.project().find(id)->extra.value(field), QJsonValue(QJsonObject()));
    stack->push(ChangeTaskCommand::setExtraField(&doc, id, field, QJsonValue(QJsonValue::Undefined)));
    lastFlags();
    QCOMPARE(stack->count(), 4);
    QVERIFY(!doc.project().find(id)->extra.contains(field));

    stack->undo();
    lastFlags();
    QCOMPARE(doc.project().find(id)->extra.value(field), QJsonValue(QJsonObject()));
    stack->undo();
    lastFlags();
    QCOMPARE(doc.project().find(id)->extra.value(field), QJsonValue(two));
    stack->undo();
    lastFlags();
    QCOMPARE(doc.project().find(id)->extra.value(field), QJsonValue(one));
    stack->undo();
    lastFlags();
    QVERIFY(doc.project() == before);   // absent again, not null
    QVERIFY(!doc.isModified());
    stack->redo();
    lastFlags();
    QCOMPARE(doc.project().find(id)->extra.value(field), QJsonValue(one));
    QCOMPARE(doc.project().find(id)->extra.size(), before.find(id)->extra.size() + 1);
}

// Issue #15: the Edit menu and the History read "Undo Move 'Implement WebSocket Server'",
// never an id; an id is added only beside a title that two tasks share.
void TestCommands::undoTextsNameTasksByTitle()
{
    ProjectDocument doc;
    doc.resetProject(loadExample("feature-development"));
    QUndoStack *stack = doc.undoStack();
    const QString arch = QStringLiteral("arch_messaging_system");   // "Design Messaging Architecture"
    const QString impl = QStringLiteral("impl_websocket_server");   // "Implement WebSocket Server"
    const QString test = QStringLiteral("test_messaging_system");   // "Test Messaging System"
    auto check = [&](QUndoCommand *command, const QString &text) {
        stack->push(command);
        QCOMPARE(stack->undoText(), text);
        stack->undo();
        QCOMPARE(stack->redoText(), text);
        stack->redo();
    };

    check(new ReparentTaskCommand(&doc, impl, QStringLiteral("feature_chat_ui")),
          QStringLiteral("Move 'Implement WebSocket Server'"));
    check(new ReparentTaskCommand(&doc, impl, QStringLiteral("feature_message_system"), arch),
          QStringLiteral("Move 'Implement WebSocket Server'"));
    check(new ReparentTaskCommand(&doc, test, QStringLiteral("feature_message_system"), arch),
          QStringLiteral("Reorder 'Test Messaging System'"));
    check(new SetPositionsCommand(&doc, {{impl, QPointF(10, 20)}}), QStringLiteral("Move 'Implement WebSocket Server'"));
    check(new SetPositionsCommand(&doc, {{impl, QPointF(1, 2)}, {arch, QPointF(3, 4)}}), QStringLiteral("Move 2 tasks"));
    check(ChangeTaskCommand::setAttribute(&doc, impl, QStringLiteral("title"), QStringLiteral("WebSocket server")),
          QStringLiteral("Rename 'Implement WebSocket Server'"));
    check(ChangeTaskCommand::setStatus(&doc, arch, Status::Approved),
          QStringLiteral("Set status of 'Design Messaging Architecture' to approved"));
    check(ChangeTaskCommand::setAttribute(&doc, test, QStringLiteral("estimated_effort"), QStringLiteral("2 days")),
          QStringLiteral("Set estimated_effort of 'Test Messaging System'"));

    // Links read as the canvas draws them: prerequisite first.
    Dependency d;
    d.taskId = arch;
    d.type = DependencyType::Completion;
    check(DependencyCommand::add(&doc, test, d), QStringLiteral("Link 'Design Messaging Architecture' \u2192 'Test Messaging System'"));
    check(DependencyCommand::remove(&doc, {test, impl, DependencyType::Completion}),
          QStringLiteral("Remove link 'WebSocket server' \u2192 'Test Messaging System'"));

    Task added;
    added.id = QStringLiteral("task_9");
    added.type = QStringLiteral("specialist_task");
    added.attributes.insert(QStringLiteral("title"), QStringLiteral("New Task"));
    check(new AddTasksCommand(&doc, {added}), QStringLiteral("Add 'New Task'"));
    check(new RemoveTasksCommand(&doc, {QStringLiteral("task_9")}), QStringLiteral("Delete 'New Task'"));
    stack->undo();
    check(new RemoveTasksCommand(&doc, {QStringLiteral("feature_message_system")}), QStringLiteral("Delete 5 tasks"));
    stack->undo();

    // A second "New Task": both are told apart by id, in the text made after it is in.
    Task second = added;
    second.id = QStringLiteral("task_10");
    check(new AddTasksCommand(&doc, {second}), QStringLiteral("Add 'New Task (task_10)'"));
    check(new RemoveTasksCommand(&doc, {QStringLiteral("task_9")}), QStringLiteral("Delete 'New Task (task_9)'"));
    stack->undo();
    // Renamed away, the other one is plain "New Task" again.
    stack->push(ChangeTaskCommand::setAttribute(&doc, QStringLiteral("task_10"), QStringLiteral("title"), QStringLiteral("Other")));
    check(new RemoveTasksCommand(&doc, {QStringLiteral("task_9")}), QStringLiteral("Delete 'New Task'"));

    // An untitled task is named by its id: that is all it has.
    Task untitled;
    untitled.id = QStringLiteral("bare");
    untitled.type = QStringLiteral("specialist_task");
    check(new AddTasksCommand(&doc, {untitled}), QStringLiteral("Add 'bare'"));
}

// Issue #15: the refusal of a loop names the tasks by title, in the direction of the
// canvas's arrows (prerequisite first), from the task that would wait.
void TestCommands::loopRefusalNamesTitles()
{
    ProjectDocument doc;
    doc.resetProject(loadExample("feature-development"));
    const QString arch = QStringLiteral("arch_messaging_system");
    const QString test = QStringLiteral("test_messaging_system");
    const QString problem = doc.dependencyProblem(arch, test, DependencyType::Completion);
    // arch -> impl_websocket_server -> test, and the new one test -> arch.
    QCOMPARE(problem, QStringLiteral("This would close a loop: Design Messaging Architecture \u2192 "
                                     "Implement WebSocket Server \u2192 Test Messaging System \u2192 "
                                     "Design Messaging Architecture"));
    QCOMPARE(dependencyLoopProblem(doc.project(), arch, test), problem);
    QVERIFY(dependencyLoopProblem(doc.project(), test, arch).isEmpty());

    // The other refusals name titles too.
    const QString twice = doc.dependencyProblem(QStringLiteral("impl_websocket_server"), arch, DependencyType::Completion);
    QCOMPARE(twice, QStringLiteral("Implement WebSocket Server already has a completion dependency on Design Messaging Architecture."));
    const QString ancestor = doc.dependencyProblem(arch, QStringLiteral("feature_message_system"), DependencyType::Completion);
    QVERIFY2(ancestor.startsWith(QLatin1String("Design Messaging Architecture is inside Core Messaging System")), qPrintable(ancestor));
    const QString subtree = doc.reparentProblem(QStringLiteral("feature_message_system"), arch);
    QCOMPARE(subtree, QStringLiteral("Core Messaging System cannot move into its own subtree."));
}

void TestCommands::randomSession()
{
    ProjectDocument doc;
    Project start = loadExample("feature-development");
    const Project second = loadExample("cross-team-feature");
    for (const Task &t : second.tasks())
        start.appendTask(t);
    doc.resetProject(start);
    const Project original = doc.project();
    QUndoStack *stack = doc.undoStack();
    QRandomGenerator rng(20240611);
    int made = 0;
    int next = 0;
    int refused = 0;
    const QStringList attrNames{QStringLiteral("owner"), QStringLiteral("estimated_effort"), QStringLiteral("tags"),
                                QStringLiteral("flag"), QStringLiteral("meta"), QStringLiteral("due")};
    auto randomTask = [&]() { return doc.project().task(int(rng.bounded(doc.project().taskCount()))).id; };
    auto randomValue = [&]() -> QJsonValue {
        switch (rng.bounded(6)) {
        case 0: return QStringLiteral("%1 days").arg(rng.bounded(1, 9));
        case 1: return double(rng.bounded(100)) / 4;
        case 2: return bool(rng.bounded(2));
        case 3: return QJsonArray{QStringLiteral("a"), int(rng.bounded(10))};
        case 4: return QJsonObject{{QStringLiteral("k"), int(rng.bounded(10))}};
        default: return QStringLiteral("2025-0%1-15").arg(rng.bounded(1, 9));
        }
    };

    while (made < 2000) {
        const Project &p = doc.project();
        const int op = int(rng.bounded(15));
        QUndoCommand *cmd = nullptr;
        switch (op) {
        case 0: {   // add one task or a small subtree
            const QString parent = rng.bounded(4) == 0 ? QString() : randomTask();
            QList<Task> tasks{newTask(QStringLiteral("r%1").arg(next++), parent)};
            if (rng.bounded(3) == 0)
                tasks << newTask(QStringLiteral("r%1").arg(next++), tasks.first().id);
            cmd = new AddTasksCommand(&doc, tasks, int(rng.bounded(p.taskCount() + 1)));
            break;
        }
        case 1:
            if (p.taskCount() > 6)
                cmd = new RemoveTasksCommand(&doc, {randomTask()});
            break;
        case 2:
            cmd = ChangeTaskCommand::setAttribute(&doc, randomTask(), QStringLiteral("title"),
                                                  QStringLiteral("T%1").arg(rng.bounded(1000)));
            break;
        case 3:
            cmd = ChangeTaskCommand::setType(&doc, randomTask(), QStringLiteral("type%1").arg(rng.bounded(5)));
            break;
        case 4:
            cmd = ChangeTaskCommand::setStatus(&doc, randomTask(), Status(rng.bounded(11)));
            break;
        case 5:
            cmd = ChangeTaskCommand::setLifecycle(&doc, randomTask(), Lifecycle(rng.bounded(11)));
            break;
        case 6:
            cmd = ChangeTaskCommand::setAttribute(&doc, randomTask(), attrNames.at(int(rng.bounded(attrNames.size()))),
                                                  randomValue());
            break;
        case 7: {
            const QString id = randomTask();
            const QStringList keys = p.find(id)->attributes.keys();
            if (!keys.isEmpty())
                cmd = ChangeTaskCommand::removeAttribute(&doc, id, keys.at(int(rng.bounded(keys.size()))));
            break;
        }
        case 8: {   // reparent or reorder
            const QString id = randomTask();
            const QString parent = rng.bounded(3) == 0 ? p.find(id)->parentId
                                 : rng.bounded(4) == 0 ? QString() : randomTask();
            if (!doc.reparentProblem(id, parent).isEmpty()) {
                ++refused;
                break;
            }
            const QStringList &siblings = doc.childIds(parent);
            const QString before = siblings.isEmpty() || rng.bounded(4) == 0
                                       ? QString() : siblings.at(int(rng.bounded(siblings.size())));
            cmd = new ReparentTaskCommand(&doc, id, parent, before == id ? QString() : before);
            break;
        }
        case 9: {
            const QString owner = randomTask();
            Dependency dep;
            dep.taskId = randomTask();
            dep.type = DependencyType(rng.bounded(6));
            if (rng.bounded(2))
                dep.lag = double(rng.bounded(8));
            if (!doc.dependencyProblem(owner, dep.taskId, dep.type).isEmpty()) {
                ++refused;
                break;
            }
            cmd = DependencyCommand::add(&doc, owner, dep);
            break;
        }
        case 10: {
            const QString owner = randomTask();
            const QList<Dependency> &deps = p.find(owner)->dependencies;
            if (!deps.isEmpty())
                cmd = DependencyCommand::remove(&doc, DependencyKey::of(owner, deps.at(rng.bounded(int(deps.size())))));
            break;
        }
        case 11: {
            const QString owner = randomTask();
            const QList<Dependency> &deps = p.find(owner)->dependencies;
            if (deps.isEmpty())
                break;
            Dependency dep = deps.at(rng.bounded(int(deps.size())));
            const DependencyKey key = DependencyKey::of(owner, dep);
            dep.description = QStringLiteral("d%1").arg(rng.bounded(100));
            dep.waived = !dep.waived;
            dep.hasWaived = true;
            cmd = DependencyCommand::change(&doc, key, dep);
            break;
        }
        case 12: {
            QHash<QString, QPointF> pos;
            for (int i = 0, n = int(rng.bounded(1, 4)); i < n; ++i)
                pos.insert(randomTask(), QPointF(rng.bounded(500), rng.bounded(500)));
            cmd = new SetPositionsCommand(&doc, pos, QString(), rng.bounded(2));
            break;
        }
        case 13: {
            Calendar c = p.calendar;
            c.hoursPerDay = double(rng.bounded(4, 10));
            cmd = new ProjectPropertiesCommand(&doc, QStringLiteral("P%1").arg(rng.bounded(100)), c);
            break;
        }
        default: {   // a macro, as the tree's drops make them
            const QString id = randomTask();
            if (!doc.reparentProblem(id, QString()).isEmpty())
                break;
            stack->beginMacro(QStringLiteral("macro"));
            stack->push(new ReparentTaskCommand(&doc, id, QString()));
            stack->push(ChangeTaskCommand::setStatus(&doc, id, Status::Blocked));
            stack->endMacro();
            ++made;
            break;
        }
        }
        if (cmd) {
            stack->push(cmd);
            ++made;
        }
        if (made % 250 == 0)
            checkHierarchy(doc);
    }
    qInfo("%d edits made, %d on the stack, %d refused by the checks", made, stack->count(), refused);
    checkHierarchy(doc);
    const Project final = doc.project();
    stack->setIndex(0);
    QVERIFY(doc.project() == original);
    checkHierarchy(doc);
    stack->setIndex(stack->count());
    QVERIFY(doc.project() == final);
    checkHierarchy(doc);
}

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
