// Issue #16 items 2 and 3 (model side): the dependency chain the canvas focuses on, and the
// task search behind Find.
#include "model/engine/chain.h"
#include "model/engine/snapshot.h"
#include "model/project.h"
#include "model/storage/json/jsonformat.h"
#include "model/tasksearch.h"
#include "testsupport.h"

#include <QtTest>

using namespace Workplan;

namespace {

Project projectOf(const QByteArray &tasks)
{
    const QByteArray file = "{\"format\": \"workplan\", \"version\": 1, \"project\": {\"name\": \"t\", "
                            "\"calendar\": {}}, \"tasks\": " + tasks + "}";
    QString error;
    const auto project = JsonFormat::read(file, QStringLiteral("t.json"), &error);
    if (!project)
        qWarning("%s", qPrintable(error));
    return project ? *project : Project();
}

// The chain of `id` as a sorted list of ids.
QStringList chainOf(const Project &project, const char *id)
{
    const Snapshot s = Snapshot::fromProject(project);
    int index = -1;
    for (int t = 0; t < s.taskCount(); ++t) {
        if (s.ids[std::size_t(t)] == QLatin1String(id))
            index = t;
    }
    QStringList ids;
    for (int t : dependencyChain(s, index))
        ids.append(s.ids[std::size_t(t)]);
    ids.sort();
    return ids;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestChain : public QObject
{
    Q_OBJECT
private slots:
    void transitiveBothWays();
    void leafTakesAncestorsNotSiblings();
    void summaryTakesItsDescendants();
    void dependencyOnSummaryReachesDownstream();
    void everyDeclaredDependencyCounts();
    void unknownTaskIsEmpty();
    void findMatchesTitleAndIdIgnoringCase();
};

// a <- b <- c <- d, x waits for a, e alone: c's chain is a..d, not x (upstream never
// turns downstream) nor e.
void TestChain::transitiveBothWays()
{
    const Project p = projectOf(R"([
        {"task_id": "a", "task_type": "task", "dependencies": []},
        {"task_id": "b", "task_type": "task", "dependencies": [{"dependency_task_id": "a", "dependency_type": "completion"}]},
        {"task_id": "c", "task_type": "task", "dependencies": [{"dependency_task_id": "b", "dependency_type": "completion"}]},
        {"task_id": "d", "task_type": "task", "dependencies": [{"dependency_task_id": "c", "dependency_type": "completion"}]},
        {"task_id": "x", "task_type": "task", "dependencies": [{"dependency_task_id": "a", "dependency_type": "completion"}]},
        {"task_id": "e", "task_type": "task", "dependencies": []}
    ])");
    QCOMPARE(p.taskCount(), 6);
    QCOMPARE(chainOf(p, "c"), sorted({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}));
    QCOMPARE(chainOf(p, "a"), sorted({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                      QStringLiteral("d"), QStringLiteral("x")}));
    QCOMPARE(chainOf(p, "e"), QStringList{QStringLiteral("e")});
}

void TestChain::leafTakesAncestorsNotSiblings()
{
    const Project p = WorkplanTest::loadExample("feature-development");
    QVERIFY(p.find(QStringLiteral("impl_websocket_server")));
    QCOMPARE(chainOf(p, "impl_websocket_server"),
             sorted({QStringLiteral("epic_real_time_chat"), QStringLiteral("feature_message_system"),
                     QStringLiteral("arch_messaging_system"), QStringLiteral("impl_websocket_server"),
                     QStringLiteral("test_messaging_system")}));
}

void TestChain::summaryTakesItsDescendants()
{
    const Project p = WorkplanTest::loadExample("feature-development");
    const QStringList chain = chainOf(p, "feature_message_system");
    for (const char *id : {"epic_real_time_chat", "feature_message_system", "arch_messaging_system",
                           "impl_websocket_server", "impl_message_storage", "test_messaging_system"})
        QVERIFY2(chain.contains(QLatin1String(id)), id);
    QVERIFY(!chain.contains(QLatin1String("feature_user_presence")));
    QVERIFY(!chain.contains(QLatin1String("feature_chat_ui")));
}

// y waits for summary s (children s1, s2); s1 waits for z. s2's chain reaches y through
// s's finish, but not z, which only s1 waits for.
void TestChain::dependencyOnSummaryReachesDownstream()
{
    const Project p = projectOf(R"([
        {"task_id": "z", "task_type": "task", "dependencies": []},
        {"task_id": "s", "task_type": "feature", "dependencies": []},
        {"task_id": "s1", "task_type": "task", "parent_task_id": "s", "dependencies": [{"dependency_task_id": "z", "dependency_type": "completion"}]},
        {"task_id": "s2", "task_type": "task", "parent_task_id": "s", "dependencies": []},
        {"task_id": "y", "task_type": "task", "dependencies": [{"dependency_task_id": "s", "dependency_type": "completion"}]}
    ])");
    QCOMPARE(p.taskCount(), 5);
    QCOMPARE(chainOf(p, "s2"), sorted({QStringLiteral("s"), QStringLiteral("s2"), QStringLiteral("y")}));
    QCOMPARE(chainOf(p, "s1"), sorted({QStringLiteral("s"), QStringLiteral("s1"), QStringLiteral("y"), QStringLiteral("z")}));
    QCOMPARE(chainOf(p, "y"), sorted({QStringLiteral("s"), QStringLiteral("s1"), QStringLiteral("s2"),
                                      QStringLiteral("y"), QStringLiteral("z")}));
}

// An optional (non-blocking) dependency is still an arrow of the chain.
void TestChain::everyDeclaredDependencyCounts()
{
    const Project p = projectOf(R"([
        {"task_id": "a", "task_type": "task", "dependencies": []},
        {"task_id": "b", "task_type": "task", "dependencies": [{"dependency_task_id": "a", "dependency_type": "related"}]}
    ])");
    QCOMPARE(p.taskCount(), 2);
    QCOMPARE(chainOf(p, "b"), sorted({QStringLiteral("a"), QStringLiteral("b")}));
}

void TestChain::unknownTaskIsEmpty()
{
    const Snapshot s = Snapshot::fromProject(WorkplanTest::loadExample("feature-development"));
    QVERIFY(dependencyChain(s, -1).empty());
    QVERIFY(dependencyChain(s, s.taskCount()).empty());
}

void TestChain::findMatchesTitleAndIdIgnoringCase()
{
    const Project p = WorkplanTest::loadExample("feature-development");
    // "Implement Message Storage" by its title, in any case.
    QCOMPARE(findTasks(p, QStringLiteral("STORAGE")), QStringList{QStringLiteral("impl_message_storage")});
    // By id only: "impl_" is in no title.
    QCOMPARE(findTasks(p, QStringLiteral("impl_")),
             QStringList({QStringLiteral("impl_websocket_server"), QStringLiteral("impl_message_storage")}));
    // File order, title or id.
    const QStringList messaging = findTasks(p, QStringLiteral("messaging"));
    QCOMPARE(messaging.first(), QStringLiteral("feature_message_system"));   // "Core Messaging System"
    QVERIFY(messaging.contains(QStringLiteral("arch_messaging_system")));
    QVERIFY(findTasks(p, QStringLiteral("   ")).isEmpty());
    QVERIFY(findTasks(p, QStringLiteral("no such task")).isEmpty());
}

QTEST_GUILESS_MAIN(TestChain)
#include "tst_chain.moc"
