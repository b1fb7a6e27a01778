// §7 through the model and the analysis: the demand rule, over-capacity leaves, known small
// plans with their optimal leveled finish, 1,000 random plans checked against the rules by
// an independent checker, and the same output on every run.
#include "leveledcheck.h"
#include "model/engine/analysis.h"
#include "model/engine/analysisreport.h"
#include "model/engine/leveledschedule.h"
#include "model/engine/snapshot.h"
#include "model/project.h"
#include "model/storage/json/jsonformat.h"
#include "model/team/resources.h"
#include "model/validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

using namespace Workplan;

namespace {

Project read(const QString &text)
{
    QString error;
    auto p = JsonFormat::read(text.toUtf8(), QStringLiteral("team.json"), &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    return *p;
}

QJsonObject analyzed(const Project &p)
{
    const Snapshot s = Snapshot::fromProject(p);
    return QJsonDocument::fromJson(analysisToJson(s, analyze(s))).object();
}

// A random valid plan: parents and prerequisites come earlier in the file (no loops),
// never an ancestor or descendant; estimates with fractions and zeros; lags; not_before
// with a start; demands through `resources` (own or inherited) and specialist_type.
std::optional<Project> randomPlan(QRandomGenerator &rng)
{
    Project p;
    p.name = QStringLiteral("random");
    const int resources = 1 + int(rng.bounded(3));
    QJsonArray declared;
    for (int r = 0; r < resources; ++r)
        declared.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("r%1").arg(r)},
                                    {QStringLiteral("capacity"), 1 + int(rng.bounded(3))}});
    p.projectExtra.insert(QStringLiteral("resources"), declared);
    const bool dated = rng.bounded(2) == 0;
    if (dated)
        p.projectExtra.insert(QStringLiteral("start"), QStringLiteral("2025-06-02"));
    const int n = 3 + int(rng.bounded(18));
    QList<Task> tasks;
    for (int i = 0; i < n; ++i) {
        Task t;
        t.id = QStringLiteral("t%1").arg(i);
        t.type = QStringLiteral("task");
        if (i > 0 && rng.bounded(3) == 0)
            t.parentId = QStringLiteral("t%1").arg(rng.bounded(i));
        t.attributes.insert(QStringLiteral("estimated_effort"), double(rng.bounded(0, 9)) * 0.5 + (rng.bounded(4) == 0 ? 0.25 : 0.0));
        const int r = int(rng.bounded(resources));
        switch (rng.bounded(4)) {
        case 0:
            t.attributes.insert(QStringLiteral("specialist_type"), QStringLiteral("r%1").arg(r));
            break;
        case 1:
            t.extra.insert(QStringLiteral("resources"), QJsonObject{{QStringLiteral("r%1").arg(r), 1 + int(rng.bounded(declared.at(r)[QLatin1String("capacity")].toInt()))}});
            break;
        default:
            break;
        }
        if (dated && rng.bounded(6) == 0)
            t.attributes.insert(QStringLiteral("not_before"), QStringLiteral("2025-06-0%1").arg(2 + rng.bounded(5)));
        for (int d = 0; d < 2 && i > 0; ++d) {
            if (rng.bounded(2))
                continue;
            Dependency dep;
            dep.taskId = QStringLiteral("t%1").arg(rng.bounded(i));
            dep.type = rng.bounded(5) == 0 ? DependencyType::Related : DependencyType::Completion;
            if (rng.bounded(4) == 0)
                dep.lag = QJsonValue(double(rng.bounded(3)));
            if (std::none_of(t.dependencies.begin(), t.dependencies.end(),
                             [&](const Dependency &x) { return x.taskId == dep.taskId && x.type == dep.type; }))
                t.dependencies.append(dep);
        }
        tasks.append(t);
    }
    p.setTasks(tasks);
    if (validateProject(p))
        return std::nullopt;   // an ancestor dependency slipped in: draw again
    return p;
}

} // namespace

class TestTeam : public QObject
{
    Q_OBJECT
private slots:
    void inputErrors_data();
    void inputErrors();
    void demandRule_data();
    void demandRule();
    void knownPlans_data();
    void knownPlans();
    void overCapacity();
    void noResourcesNoLeveled();
    void nullCapacityIsTheDefault();
    void randomPlansObeyTheRules();
    void sameOutputEveryRun();
};

// Every §7 input error, through the file reader: the whole file is refused, and the
// message names the file and, for a task's field, the task.
void TestTeam::inputErrors_data()
{
    QTest::addColumn<QString>("resources");   // project.resources, as JSON
    QTest::addColumn<QString>("demand");      // task x's `resources`, as JSON ("" = none)
    QTest::addColumn<QString>("message");
    const QString team = QStringLiteral(R"([{"name": "tester", "capacity": 2}])");
    QTest::newRow("resources an object") << R"({"name": "tester"})" << ""
        << R"(team.json: project resources must be an array of objects, not {"name":"tester"})";
    QTest::newRow("resources a string") << R"("tester")" << ""
        << R"(team.json: project resources must be an array of objects, not "tester")";
    QTest::newRow("a resource not an object") << R"([{"name": "tester"}, "backend"])" << ""
        << R"(team.json: resource #2 must be an object with a name, not "backend")";
    QTest::newRow("no name") << R"([{"capacity": 2}])" << ""
        << "team.json: resource #1 has no name (a non-empty string)";
    QTest::newRow("empty name") << R"([{"name": "tester"}, {"name": ""}])" << ""
        << "team.json: resource #2 has no name (a non-empty string)";
    QTest::newRow("name not a string") << R"([{"name": 7}])" << ""
        << "team.json: resource #1 has no name (a non-empty string)";
    QTest::newRow("repeated name") << R"([{"name": "tester"}, {"name": "tester", "capacity": 2}])" << ""
        << R"(team.json: resource "tester" is declared twice)";
    QTest::newRow("capacity 0") << R"([{"name": "tester", "capacity": 0}])" << ""
        << R"(team.json: resource "tester": capacity 0 is not a whole number of at least 1)";
    QTest::newRow("capacity 1.5") << R"([{"name": "tester", "capacity": 1.5}])" << ""
        << R"(team.json: resource "tester": capacity 1.5 is not a whole number of at least 1)";
    QTest::newRow("capacity \"2\"") << R"([{"name": "tester", "capacity": "2"}])" << ""
        << R"(team.json: resource "tester": capacity "2" is not a whole number of at least 1)";
    QTest::newRow("task resources an array") << team << R"(["tester"])"
        << R"(team.json: task 'x': resources must be an object from resource name to units, not ["tester"])";
    QTest::newRow("task resources a string") << team << R"("tester")"
        << R"(team.json: task 'x': resources must be an object from resource name to units, not "tester")";
    QTest::newRow("task resources a number") << team << "1"
        << "team.json: task 'x': resources must be an object from resource name to units, not 1";
    QTest::newRow("undeclared name") << team << R"({"tester": 1, "backend": 1})"
        << R"(team.json: task 'x': resources names "backend", which the project does not declare)";
    QTest::newRow("undeclared without a team") << "null" << R"({"tester": 1})"
        << R"(team.json: task 'x': resources names "tester", which the project does not declare)";
    QTest::newRow("units 0") << team << R"({"tester": 0})"
        << R"(team.json: task 'x': resources asks for 0 "tester": units must be a whole number of at least 1)";
    QTest::newRow("units 1.5") << team << R"({"tester": 1.5})"
        << R"(team.json: task 'x': resources asks for 1.5 "tester": units must be a whole number of at least 1)";
    QTest::newRow("units \"1\"") << team << R"({"tester": "1"})"
        << R"(team.json: task 'x': resources asks for "1" "tester": units must be a whole number of at least 1)";
    QTest::newRow("units -1") << team << R"({"tester": -1})"
        << R"(team.json: task 'x': resources asks for -1 "tester": units must be a whole number of at least 1)";
}

void TestTeam::inputErrors()
{
    QFETCH(QString, resources);
    QFETCH(QString, demand);
    QFETCH(QString, message);
    const QString task = demand.isEmpty()
        ? QStringLiteral(R"({"task_id": "x", "task_type": "t"})")
        : QStringLiteral(R"({"task_id": "x", "task_type": "t", "resources": %1})").arg(demand);
    const QString text = QStringLiteral(R"({"project": {"name": "p", "resources": %1},
        "tasks": [{"task_id": "a", "task_type": "t"}, %2]})").arg(resources, task);
    QString error;
    const auto p = JsonFormat::read(text.toUtf8(), QStringLiteral("team.json"), &error);
    QVERIFY2(!p, "refused whole: no project comes back");
    QCOMPARE(error, message);
}

void TestTeam::demandRule_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("demand");
    QTest::addColumn<QString>("source");
    QTest::newRow("own resources") << "own" << "tester:2" << "resources";
    QTest::newRow("empty resources stops the search") << "empty" << "" << "resources";
    QTest::newRow("inherited resources") << "inherits" << "backend:1 tester:1" << "resources";
    QTest::newRow("specialist_type") << "qa" << "tester:1" << "specialist_type";
    QTest::newRow("team from the parent") << "child" << "backend:1" << "assigned_team";
    QTest::newRow("two roles, two units") << "both" << "tester:1 backend:1" << "specialist_type";
    QTest::newRow("undeclared role") << "stranger" << "" << "no demand";
    QTest::newRow("null resources is absent") << "nullres" << "tester:1" << "specialist_type";
    QTest::newRow("developer") << "dev" << "dana:1" << "assigned_developer";
    QTest::newRow("nearest attribute wins") << "shadow" << "" << "no demand";
}

void TestTeam::demandRule()
{
    QFETCH(QString, task);
    QFETCH(QString, demand);
    QFETCH(QString, source);
    const Project p = read(QStringLiteral(R"({"project": {"resources": [{"name": "tester", "capacity": 2}, {"name": "backend"}, {"name": "dana"}]},
      "tasks": [
        {"task_id": "own", "task_type": "t", "resources": {"tester": 2}, "attributes": {"specialist_type": "backend"}},
        {"task_id": "empty", "task_type": "t", "resources": {}, "attributes": {"specialist_type": "tester"}},
        {"task_id": "feature", "task_type": "feature", "resources": {"tester": 1, "backend": 1}},
        {"task_id": "inherits", "task_type": "t", "parent_task_id": "feature", "attributes": {"specialist_type": "dana"}},
        {"task_id": "qa", "task_type": "t", "attributes": {"specialist_type": "tester"}},
        {"task_id": "team", "task_type": "feature", "attributes": {"assigned_team": "backend"}},
        {"task_id": "child", "task_type": "t", "parent_task_id": "team"},
        {"task_id": "both", "task_type": "t", "parent_task_id": "team", "attributes": {"specialist_type": "tester"}},
        {"task_id": "stranger", "task_type": "t", "attributes": {"specialist_type": "architect"}},
        {"task_id": "nullres", "task_type": "t", "resources": null, "attributes": {"specialist_type": "tester"}},
        {"task_id": "dev", "task_type": "t", "attributes": {"assigned_developer": "dana"}},
        {"task_id": "shadowing", "task_type": "feature", "attributes": {"specialist_type": "tester"}},
        {"task_id": "shadow", "task_type": "t", "parent_task_id": "shadowing", "attributes": {"specialist_type": "architect"}}
      ]})"));
    std::vector<Resource> resources;
    QVERIFY(!readResources(p, &resources));
    const Demand d = demandOf(p, resources, p.indexOf(task));
    QStringList got;
    for (const auto &[r, units] : d.units)
        got << QStringLiteral("%1:%2").arg(resources[std::size_t(r)].name).arg(units);
    QStringList want = demand.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    QCOMPARE(got, want);
    QCOMPARE(toString(d.source), source);
}

void TestTeam::knownPlans_data()
{
    QTest::addColumn<QString>("tasks");
    QTest::addColumn<QString>("resources");
    QTest::addColumn<double>("makespan");
    QTest::addColumn<QStringList>("delayed");
    QTest::newRow("two testers' tasks, one tester")
        << R"([{"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 8, "specialist_type": "tester"}},
              {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 8, "specialist_type": "tester"}}])"
        << R"([{"name": "tester"}])" << 16.0 << QStringList{QStringLiteral("b")};
    QTest::newRow("two testers") << R"([{"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 8, "specialist_type": "tester"}},
              {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 8, "specialist_type": "tester"}}])"
        << R"([{"name": "tester", "capacity": 2.0}])" << 8.0 << QStringList{};
    // Order matters: the long chain's head goes first although it comes later in the file.
    QTest::newRow("longest chain first")
        << R"([{"task_id": "short", "task_type": "t", "attributes": {"estimated_effort": 4, "specialist_type": "dev"}},
              {"task_id": "head", "task_type": "t", "attributes": {"estimated_effort": 4, "specialist_type": "dev"}},
              {"task_id": "tail", "task_type": "t", "attributes": {"estimated_effort": 10},
               "dependencies": [{"dependency_task_id": "head"}]}])"
        << R"([{"name": "dev"}])" << 14.0 << QStringList{QStringLiteral("short")};
    QTest::newRow("lag and a zero-length gate")
        << R"([{"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 2, "specialist_type": "ops"}},
              {"task_id": "gate", "task_type": "milestone", "attributes": {"estimated_effort": 0, "specialist_type": "ops"},
               "dependencies": [{"dependency_task_id": "a", "lag": 1}]},
              {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 2, "specialist_type": "ops"},
               "dependencies": [{"dependency_task_id": "gate"}]}])"
        << R"([{"name": "ops"}])" << 5.0 << QStringList{};
    QTest::newRow("two units at once")
        << R"([{"task_id": "big", "task_type": "t", "resources": {"dev": 2}, "attributes": {"estimated_effort": 3}},
              {"task_id": "x", "task_type": "t", "attributes": {"estimated_effort": 3, "specialist_type": "dev"}},
              {"task_id": "y", "task_type": "t", "attributes": {"estimated_effort": 3, "specialist_type": "dev"}}])"
        << R"([{"name": "dev", "capacity": 2}])" << 6.0 << QStringList{QStringLiteral("x"), QStringLiteral("y")};
}

void TestTeam::knownPlans()
{
    QFETCH(QString, tasks);
    QFETCH(QString, resources);
    QFETCH(double, makespan);
    QFETCH(QStringList, delayed);
    const Project p = read(QStringLiteral(R"({"project": {"resources": %1}, "tasks": %2})").arg(resources, tasks));
    const QJsonObject leveled = analyzed(p).value(QLatin1String("leveled")).toObject();
    QCOMPARE(leveled.value(QLatin1String("makespan_hours")).toDouble(), makespan);
    QStringList got;
    for (const QJsonValue &v : leveled.value(QLatin1String("delayed")).toArray())
        got << v.toString();
    if (!delayed.isEmpty())
        QCOMPARE(got.size(), delayed.size());
    else
        QVERIFY(got.isEmpty());
}

void TestTeam::overCapacity()
{
    const Project p = read(QStringLiteral(R"({"project": {"resources": [{"name": "tester", "capacity": 2}, {"name": "dev"}]},
      "tasks": [{"task_id": "load", "task_type": "t", "resources": {"tester": 3, "dev": 2}, "attributes": {"estimated_effort": 4}},
                {"task_id": "free", "task_type": "t", "resources": {"tester": 3}, "attributes": {"estimated_effort": 0}}]})"));
    const QJsonObject r = analyzed(p);
    QVERIFY(r.contains(QLatin1String("leveled")));
    QVERIFY(r.value(QLatin1String("leveled")).isNull());
    QStringList got;
    for (const QJsonValue &w : r.value(QLatin1String("warnings")).toArray())
        got << w[QLatin1String("task_id")].toString() + QLatin1String(": ") + w[QLatin1String("message")].toString();
    // A leaf of duration 0 needs nothing, so "free" is not warned of.
    QCOMPARE(got, (QStringList{QStringLiteral("load: needs 3 tester but only 2 exist"),
                               QStringLiteral("load: needs 2 dev but only 1 exist")}));
}

// null reads as absent here as for every optional field: the default capacity of 1.
void TestTeam::nullCapacityIsTheDefault()
{
    const Project p = read(QStringLiteral(R"({"project": {"resources": [{"name": "tester", "capacity": null}]},
      "tasks": [{"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 1, "specialist_type": "tester"}},
                {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 1, "specialist_type": "tester"}}]})"));
    QCOMPARE(analyzed(p).value(QLatin1String("leveled")).toObject().value(QLatin1String("makespan_hours")).toDouble(), 2.0);
}

void TestTeam::noResourcesNoLeveled()
{
    const Project p = read(QStringLiteral(R"([{"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 1, "specialist_type": "tester"}}])"));
    QVERIFY(!analyzed(p).contains(QLatin1String("leveled")));
}

void TestTeam::randomPlansObeyTheRules()
{
    QRandomGenerator rng(20261202);
    int checked = 0, delayedSome = 0;
    while (checked < 1000) {
        const auto p = randomPlan(rng);
        if (!p)
            continue;
        const Snapshot s = Snapshot::fromProject(*p);
        const Analysis a = analyze(s);
        if (!a.hasSchedule()) {
            // A dependency on a summary can close a loop through a later child: then there
            // is no leveled schedule either (§7), and the plan is drawn again.
            QVERIFY(!a.leveled);
            continue;
        }
        QVERIFY2(a.leveled, "every demand fits the capacity, so there is a leveled schedule");
        const QString broken = WorkplanTest::checkLeveled(s, a.leveled->start, a.leveled->finish);
        QVERIFY2(broken.isEmpty(), qPrintable(QStringLiteral("plan %1: %2\n%3").arg(checked).arg(broken,
                 QString::fromUtf8(JsonFormat::write(*p)))));
        QVERIFY(a.leveled->makespanHours >= a.makespanHours - 1e-9);
        delayedSome += !a.leveled->delayed.empty();
        ++checked;
    }
    QVERIFY2(delayedSome > 100, "the random plans must actually contend for resources");
}

void TestTeam::sameOutputEveryRun()
{
    QRandomGenerator rng(7);
    for (int i = 0; i < 20; ++i) {
        const auto p = randomPlan(rng);
        if (!p)
            continue;
        const Snapshot s1 = Snapshot::fromProject(*p);
        const Snapshot s2 = Snapshot::fromProject(*p);
        QCOMPARE(analysisToJson(s1, analyze(s1)), analysisToJson(s2, analyze(s2)));
    }
}

QTEST_GUILESS_MAIN(TestTeam)
#include "tst_team.moc"
