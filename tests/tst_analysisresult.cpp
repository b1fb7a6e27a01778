// Issue #14 item 4: the analysis logic the views display lives in model/engine and is
// tested here, without a widget: the result's look-ups, the one wording of a blocked
// reason, the blocked chain and loop order, which tasks changed between two results, and
// which arrows are critical or in a loop.
#include "model/engine/analysisreport.h"
#include "model/engine/analysisresult.h"
#include "model/engine/explain.h"
#include "model/project.h"
#include "model/storage/json/jsonformat.h"
#include "model/tasklabel.h"
#include "testsupport.h"

#include <QtTest>

#include <cmath>

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

std::shared_ptr<AnalysisResult> analysed(const Project &p)
{
    return computeAnalysis(Snapshot::fromProject(p), 1);
}

// The snapshot index of the dependency owner -> prereq, -1 when there is none.
int dependencyIndex(const AnalysisResult &r, const char *owner, const char *prereq)
{
    const Snapshot &s = r.snapshot;
    const int o = r.index(QLatin1String(owner));
    const int p = r.index(QLatin1String(prereq));
    for (int d = s.depStart[std::size_t(o)]; d < s.depStart[std::size_t(o) + 1]; ++d) {
        if (s.depPrereq[std::size_t(d)] == p)
            return d;
    }
    return -1;
}

QStringList idsOf(const AnalysisResult &r, const std::vector<int> &tasks)
{
    QStringList ids;
    for (int t : tasks)
        ids << r.snapshot.ids[std::size_t(t)];
    return ids;
}

// a (4 h) <- b (2 h) <- c (1 h), all open; x (1 h) alone, with slack; L (100 h) sets the
// finish so that a change along a..c moves nothing else.
QByteArray chainPlan(int hoursOfA, bool withNewFirst = false)
{
    QByteArray tasks = "[";
    if (withNewFirst)
        tasks += R"({"task_id": "n", "task_type": "task", "attributes": {"estimated_effort": 1}},)";
    tasks += R"(
        {"task_id": "a", "task_type": "task", "status": "active", "attributes": {"title": "Design", "estimated_effort": )"
        + QByteArray::number(hoursOfA) + R"(}},
        {"task_id": "b", "task_type": "task", "attributes": {"title": "Build", "estimated_effort": 2},
         "dependencies": [{"dependency_task_id": "a", "dependency_type": "completion"}]},
        {"task_id": "c", "task_type": "task", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "b", "dependency_type": "completion"}]},
        {"task_id": "x", "task_type": "task", "attributes": {"estimated_effort": 1}},
        {"task_id": "L", "task_type": "task", "attributes": {"estimated_effort": 100}}
    ])";
    return tasks;
}

} // namespace

class TestAnalysisResult : public QObject
{
    Q_OBJECT
private slots:
    void lookups();
    void idLookupIsLentOnlyForTheSameIds();
    void waitingWordingPerType_data();
    void waitingWordingPerType();
    void waitingViaSummaryAndSeveralReasons();
    void blockedChainToFirstCause();
    void loopOrderFollowsTheLoop();
    void changedTasksAreTheEditedAndItsDependants();
    void changedTasksMatchById();
    void criticalAndSlackEdges();
    void loopEdges();
};

// An edit of fields keeps the ids: the new result shares the previous one's id look-up.
// A task inserted first moves every index: the look-up is made afresh, never lent.
void TestAnalysisResult::idLookupIsLentOnlyForTheSameIds()
{
    const auto before = analysed(projectOf(chainPlan(4)));
    const auto edited = computeAnalysis(Snapshot::fromProject(projectOf(chainPlan(6))), 2, before.get());
    QVERIFY(!edited->indexOf.isDetached());   // shared with `before`
    QCOMPARE(edited->index(QStringLiteral("c")), 2);
    QCOMPARE(edited->times(QStringLiteral("b"))->es, 6.0);

    const auto inserted = computeAnalysis(Snapshot::fromProject(projectOf(chainPlan(4, true))), 3, before.get());
    QVERIFY(inserted->indexOf.isDetached());
    QCOMPARE(inserted->index(QStringLiteral("n")), 0);
    QCOMPARE(inserted->index(QStringLiteral("a")), 1);
    QCOMPARE(inserted->index(QStringLiteral("c")), 3);
}

void TestAnalysisResult::lookups()
{
    const auto r = analysed(projectOf(chainPlan(4)));
    QCOMPARE(r->index(QStringLiteral("a")), 0);
    QCOMPARE(r->index(QStringLiteral("nope")), -1);
    QVERIFY(r->isCritical(QStringLiteral("L")));
    QVERIFY(!r->isCritical(QStringLiteral("x")));
    QVERIFY(!r->isBlocked(QStringLiteral("a")));
    QVERIFY(r->isBlocked(QStringLiteral("b")));
    const Analysis::Blocked *b = r->blocked(QStringLiteral("b"));
    QVERIFY(b);
    QCOMPARE(b->task, r->index(QStringLiteral("b")));
    QVERIFY(!r->blocked(QStringLiteral("nope")));
    QCOMPARE(r->wave(QStringLiteral("a")), 0);
    QCOMPARE(r->wave(QStringLiteral("b")), 1);
    QCOMPARE(r->wave(QStringLiteral("nope")), -1);
    const auto times = r->times(QStringLiteral("b"));
    QVERIFY(times);
    QCOMPARE(times->es, 4.0);
    QCOMPARE(times->ef, 6.0);
    QCOMPARE(r->times(QStringLiteral("x"))->slack, 99.0);
    QVERIFY(!r->times(QStringLiteral("nope")));
    QVERIFY(std::isnan(r->margin(QStringLiteral("a"))));   // no deadline
    QVERIFY(r->deadlineText(QStringLiteral("a")).isEmpty());
    // The per-index tables match the analysis.
    QCOMPARE(int(r->blockedAt.size()), r->snapshot.taskCount());
    QCOMPARE(int(r->loopAt.size()), r->snapshot.taskCount());
    QCOMPARE(r->dependencyFlags.size(), r->snapshot.depPrereq.size());
}

void TestAnalysisResult::waitingWordingPerType_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QString>("line");
    QTest::newRow("completion") << QByteArray("completion") << QByteArray("active")
                                << QStringLiteral("waits on Design [completion]: not completed");
    QTest::newRow("data") << QByteArray("data") << QByteArray("cancelled")
                          << QStringLiteral("waits on Design [data]: cancelled");
    QTest::newRow("approval") << QByteArray("approval") << QByteArray("completed")
                              << QStringLiteral("waits on Design [approval]: not approved");
    QTest::newRow("blocks") << QByteArray("blocks") << QByteArray("failed")
                            << QStringLiteral("waits on Design [blocks]: failed");
}

// One wording for every blocking dependency type, the same in the CLI's text report (indented) as
// in the lines the panel, the tooltips and the printed plan show.
void TestAnalysisResult::waitingWordingPerType()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, status);
    QFETCH(QString, line);
    const Project p = projectOf(R"([
        {"task_id": "a", "task_type": "task", "status": ")" + status + R"(", "attributes": {"title": "Design"}},
        {"task_id": "b", "task_type": "task", "attributes": {"title": "Build"},
         "dependencies": [{"dependency_task_id": "a", "dependency_type": ")" + type + R"("}]}
    ])");
    const auto r = analysed(p);
    const Analysis::Blocked *b = r->blocked(QStringLiteral("b"));
    QVERIFY(b);
    const TaskLabels labels(p);
    QCOMPARE(r->waitLines(*b, labels), QStringList{line});
    QCOMPARE(waitingLines(r->analysis, *b, [&](int t) { return labels(r->snapshot.ids[std::size_t(t)]); }),
             QStringList{line});
    const QString text = analysisToText(r->snapshot, r->analysis, &p);
    QVERIFY2(text.contains(QLatin1String("\n  Build\n    ") + line + QLatin1Char('\n')), qPrintable(text));
}

// Waits declared by an ancestor say "(via …)"; a task with several waits has a line for
// each, its own first; without a project, ids name the tasks.
void TestAnalysisResult::waitingViaSummaryAndSeveralReasons()
{
    const Project p = projectOf(R"([
        {"task_id": "d", "task_type": "task", "status": "active", "attributes": {"title": "Design"}},
        {"task_id": "r", "task_type": "task", "status": "completed", "attributes": {"title": "Review"}},
        {"task_id": "s", "task_type": "feature", "attributes": {"title": "Backend"},
         "dependencies": [{"dependency_task_id": "r", "dependency_type": "approval"}]},
        {"task_id": "m", "task_type": "task", "parent_task_id": "s", "attributes": {"title": "Models"},
         "dependencies": [{"dependency_task_id": "d", "dependency_type": "completion"}]}
    ])");
    const auto r = analysed(p);
    const Analysis::Blocked *b = r->blocked(QStringLiteral("m"));
    QVERIFY(b);
    const QStringList expected{QStringLiteral("waits on Design [completion]: not completed"),
                               QStringLiteral("waits on Review [approval]: not approved (via Backend)")};
    QCOMPARE(r->waitLines(*b, TaskLabels(p)), expected);
    const QStringList byId = waitingLines(r->analysis, *b, [&](int t) { return r->snapshot.ids[std::size_t(t)]; });
    QCOMPARE(byId, (QStringList{QStringLiteral("waits on d [completion]: not completed"),
                                QStringLiteral("waits on r [approval]: not approved (via s)")}));
    const QString text = analysisToText(r->snapshot, r->analysis, &p);
    QVERIFY2(text.contains(QLatin1String("  Models\n    ") + expected[0] + QLatin1String("\n    ") + expected[1]),
             qPrintable(text));
    QVERIFY(analysisToText(r->snapshot, r->analysis).contains(QLatin1String("    ") + byId[1] + QLatin1Char('\n')));
}

// c waits on b, which waits on a: the chain of c runs to a, the first cause.
void TestAnalysisResult::blockedChainToFirstCause()
{
    const auto r = analysed(projectOf(chainPlan(4)));
    const int a = r->index(QStringLiteral("a")), b = r->index(QStringLiteral("b")), c = r->index(QStringLiteral("c"));
    const std::vector<BlockChainNode> chain = blockedChain(*r, c);
    QCOMPARE(int(chain.size()), 3);
    QCOMPARE(chain[0].task, c);
    QCOMPARE(chain[0].depth, 0);
    QVERIFY(!chain[0].waiting);
    QCOMPARE(chain[1].task, b);
    QCOMPARE(chain[1].depth, 1);
    QVERIFY(chain[1].waiting && chain[1].waiting->task == b);
    QVERIFY(!chain[1].firstCause);
    QCOMPARE(chain[2].task, a);
    QCOMPARE(chain[2].depth, 2);
    QVERIFY(chain[2].firstCause);
    QVERIFY(blockedChain(*r, a).empty());                 // not blocked
    QCOMPARE(int(blockedChain(*r, c, 2).size()), 2);      // cut
}

// a -> b -> c -> a (each waits on the one before), listed c, a, b in the file: the loop is
// told from its first leaf, prerequisite before dependant; d only waits on it.
void TestAnalysisResult::loopOrderFollowsTheLoop()
{
    const auto r = analysed(projectOf(R"([
        {"task_id": "c", "task_type": "task", "dependencies": [{"dependency_task_id": "b", "dependency_type": "completion"}]},
        {"task_id": "a", "task_type": "task", "dependencies": [{"dependency_task_id": "c", "dependency_type": "completion"}]},
        {"task_id": "b", "task_type": "task", "dependencies": [{"dependency_task_id": "a", "dependency_type": "completion"}]},
        {"task_id": "d", "task_type": "task", "dependencies": [{"dependency_task_id": "c", "dependency_type": "completion"}]}
    ])"));
    QCOMPARE(int(r->analysis.cycles.size()), 1);
    QCOMPARE(idsOf(*r, r->analysis.cycles[0]), (QStringList{QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(idsOf(*r, loopOrder(r->snapshot, r->analysis.cycles[0])),
             (QStringList{QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(loopOrder(r->snapshot, {}).empty());
}

// a takes 6 h instead of 4: a, and b and c after it, read differently; x and L do not.
// The same result twice changes nothing.
void TestAnalysisResult::changedTasksAreTheEditedAndItsDependants()
{
    const auto before = analysed(projectOf(chainPlan(4)));
    const auto after = analysed(projectOf(chainPlan(6)));
    QCOMPARE(idsOf(*after, changedTasks(*before, *after)),
             (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QVERIFY(changedTasks(*before, *analysed(projectOf(chainPlan(4)))).empty());
    // A wait that changes only its reason is a change: b waits on a, now failed.
    QByteArray failed = chainPlan(4);
    failed.replace(R"("status": "active")", R"("status": "failed")");
    const auto afterFail = analysed(projectOf(failed));
    QVERIFY(changedTasks(*before, *afterFail).size() >= 1);
    QVERIFY(idsOf(*afterFail, changedTasks(*before, *afterFail)).contains(QStringLiteral("b")));
    QVERIFY(!idsOf(*afterFail, changedTasks(*before, *afterFail)).contains(QStringLiteral("x")));
    // A loop appearing changes every task's marks (no schedule any more).
    QByteArray loop = chainPlan(4);
    loop.replace(R"("estimated_effort": 4}})",
                 R"("estimated_effort": 4}, "dependencies": [{"dependency_task_id": "c", "dependency_type": "completion"}]})");
    const auto looped = analysed(projectOf(loop));
    QVERIFY(!looped->analysis.hasSchedule());
    QCOMPARE(int(changedTasks(*before, *looped).size()), looped->snapshot.taskCount());
}

// A task added in front shifts every index but changes no other task's facts: only it is
// reported.
void TestAnalysisResult::changedTasksMatchById()
{
    const auto before = analysed(projectOf(chainPlan(4)));
    const auto after = analysed(projectOf(chainPlan(4, true)));
    QCOMPARE(after->snapshot.taskCount(), before->snapshot.taskCount() + 1);
    QCOMPARE(idsOf(*after, changedTasks(*before, *after)), QStringList{QStringLiteral("n")});
    QVERIFY(changedTasks(*after, *before).empty());   // a removal leaves nothing to repaint
}

// The critical chain's arrows are critical (a lag included), an arrow into the chain from
// a task with slack is not, and one through a summary prerequisite is.
void TestAnalysisResult::criticalAndSlackEdges()
{
    const auto r = analysed(projectOf(R"([
        {"task_id": "a", "task_type": "task", "attributes": {"estimated_effort": 4}},
        {"task_id": "s", "task_type": "task", "attributes": {"estimated_effort": 1}},
        {"task_id": "b", "task_type": "task", "attributes": {"estimated_effort": 2},
         "dependencies": [{"dependency_task_id": "a", "dependency_type": "completion", "lag": 3},
                          {"dependency_task_id": "s", "dependency_type": "completion"}]},
        {"task_id": "p", "task_type": "feature"},
        {"task_id": "p1", "task_type": "task", "parent_task_id": "p", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "b", "dependency_type": "completion"}]},
        {"task_id": "z", "task_type": "task", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "p", "dependency_type": "completion"},
                          {"dependency_task_id": "s", "dependency_type": "related"}]}
    ])"));
    QVERIFY(r->analysis.hasSchedule());
    QVERIFY(r->isCriticalDependency(dependencyIndex(*r, "b", "a")));
    QVERIFY(!r->isCriticalDependency(dependencyIndex(*r, "b", "s")));   // 6 h of slack
    QVERIFY(r->isCriticalDependency(dependencyIndex(*r, "p1", "b")));
    QVERIFY(r->isCriticalDependency(dependencyIndex(*r, "z", "p")));    // a summary prerequisite
    QVERIFY(!r->isCriticalDependency(dependencyIndex(*r, "z", "s")));   // related: does not count
    for (std::uint8_t f : r->dependencyFlags)
        QVERIFY(!(f & AnalysisResult::LoopDependency));
}

// The arrows of a loop are in it, one leaving it is not; the loop's tasks and the summary
// holding one of them know their loop.
void TestAnalysisResult::loopEdges()
{
    const auto r = analysed(projectOf(R"([
        {"task_id": "a", "task_type": "task", "dependencies": [{"dependency_task_id": "c", "dependency_type": "completion"}]},
        {"task_id": "b", "task_type": "task", "dependencies": [{"dependency_task_id": "a", "dependency_type": "completion"}]},
        {"task_id": "h", "task_type": "feature"},
        {"task_id": "c", "task_type": "task", "parent_task_id": "h", "dependencies": [{"dependency_task_id": "b", "dependency_type": "completion"}]},
        {"task_id": "d", "task_type": "task", "dependencies": [{"dependency_task_id": "c", "dependency_type": "completion"}]}
    ])"));
    QCOMPARE(int(r->analysis.cycles.size()), 1);
    QVERIFY(r->isLoopDependency(dependencyIndex(*r, "a", "c")));
    QVERIFY(r->isLoopDependency(dependencyIndex(*r, "b", "a")));
    QVERIFY(r->isLoopDependency(dependencyIndex(*r, "c", "b")));
    QVERIFY(!r->isLoopDependency(dependencyIndex(*r, "d", "c")));
    for (std::uint8_t f : r->dependencyFlags)
        QVERIFY(!(f & AnalysisResult::CriticalDependency));   // no schedule
    for (const char *id : {"a", "b", "c", "h"})
        QVERIFY2(r->loopAt[std::size_t(r->index(QLatin1String(id)))] == 0, id);
    QCOMPARE(r->loopAt[std::size_t(r->index(QStringLiteral("d")))], -1);
}

QTEST_GUILESS_MAIN(TestAnalysisResult)
#include "tst_analysisresult.moc"
