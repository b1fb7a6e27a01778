// §3–§4: the analysis figures of small projects, one rule at a time.
#include "model/effort.h"
#include "model/engine/analysis.h"
#include "model/engine/analysisreport.h"
#include "model/engine/snapshot.h"
#include "model/storage/json/jsonformat.h"
#include "generatedplan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace Workplan;

namespace {

struct Run
{
    Project project;
    QJsonObject out;
};

// `tasks` is the JSON text of the task array; the calendar is the default one.
Run analyzeTasks(const QByteArray &tasks, const QByteArray &calendar = "{}")
{
    const QByteArray file = "{\"format\": \"workplan\", \"version\": 1, \"project\": {\"name\": \"t\", \"calendar\": "
        + calendar + "}, \"tasks\": " + tasks + "}";
    QString error;
    const auto project = JsonFormat::read(file, QStringLiteral("t.json"), &error);
    if (!project) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    const Snapshot s = Snapshot::fromProject(*project);
    return {*project, QJsonDocument::fromJson(analysisToJson(s, analyze(s))).object()};
}

QJsonArray ids(std::initializer_list<const char *> list)
{
    QJsonArray a;
    for (const char *id : list)
        a.append(QString::fromUtf8(id));
    return a;
}

QJsonValue at(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)); }

QJsonObject times(const Run &r, const char *id)
{
    return at(r.out, "schedule").toObject().value(QLatin1String(id)).toObject();
}

double es(const Run &r, const char *id) { return at(times(r, id), "es").toDouble(); }
double ef(const Run &r, const char *id) { return at(times(r, id), "ef").toDouble(); }

// The blocked entry of `id`, or an empty object when it is not blocked.
QJsonObject blockedEntry(const Run &r, const QString &id)
{
    for (const QJsonValue &b : at(r.out, "blocked").toArray()) {
        if (b.toObject().value(QLatin1String("task_id")).toString() == id)
            return b.toObject();
    }
    return {};
}

QJsonObject waiting(const char *task, const char *type, const char *reason, const char *via = nullptr)
{
    return QJsonObject{{QStringLiteral("task_id"), QString::fromUtf8(task)},
                       {QStringLiteral("dependency_type"), QString::fromUtf8(type)},
                       {QStringLiteral("reason"), QString::fromUtf8(reason)},
                       {QStringLiteral("via"), via ? QJsonValue(QString::fromUtf8(via)) : QJsonValue(QJsonValue::Null)}};
}

QString compact(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
}

#define COMPARE_JSON(actual, expected)                                                             \
    do {                                                                                           \
        const QJsonValue a_ = (actual), e_ = (expected);                                           \
        QVERIFY2(a_ == e_, qPrintable(QStringLiteral("got %1, want %2").arg(compact(a_), compact(e_)))); \
    } while (false)

// §4: a chain t1..tk of critical leaves, ES(t1) = 0, EF(tk) = makespan, and for each step a
// counting dependency of t(i+1) (or an ancestor) on t(i) (or an ancestor) with EF + lag = ES.
bool validCriticalPath(const Run &r, QString *why)
{
    const Project &p = r.project;
    const QJsonArray path = at(r.out, "critical_path").toArray();
    const QJsonArray critical = at(r.out, "critical_tasks").toArray();
    const double makespan = at(r.out, "makespan_hours").toDouble();
    if (path.isEmpty()) {
        *why = QStringLiteral("empty path");
        return p.taskCount() == 0;
    }
    auto sched = [&](const QString &id, const char *k) {
        return at(at(r.out, "schedule").toObject().value(id).toObject(), k).toDouble();
    };
    if (std::fabs(sched(path.first().toString(), "es")) > 1e-6
        || std::fabs(sched(path.last().toString(), "ef") - makespan) > 1e-6) {
        *why = QStringLiteral("path does not span the makespan: %1").arg(compact(path));
        return false;
    }
    for (const QJsonValue &id : path) {
        if (!critical.contains(id)) {
            *why = QStringLiteral("%1 is not critical").arg(id.toString());
            return false;
        }
    }
    auto selfAndAncestors = [&](QString id) {
        QStringList out;
        while (!id.isEmpty()) {
            out << id;
            id = p.find(id)->parentId;
        }
        return out;
    };
    for (int i = 0; i + 1 < path.size(); ++i) {
        const QString from = path.at(i).toString(), to = path.at(i + 1).toString();
        const QStringList fromUp = selfAndAncestors(from);
        bool linked = false;
        for (const QString &owner : selfAndAncestors(to)) {
            for (const Dependency &d : p.find(owner)->dependencies) {
                if (!isBlockingType(d.type) || !d.mandatory || d.waived || !fromUp.contains(d.taskId))
                    continue;
                const double lag = d.lag.isUndefined() ? 0 : parseEffort(d.lag, p.calendar).value_or(-1);
                linked = linked || std::fabs(sched(from, "ef") + lag - sched(to, "es")) <= 1e-6;
            }
        }
        if (!linked) {
            *why = QStringLiteral("no tight counting dependency %1 -> %2 in %3").arg(from, to, compact(path));
            return false;
        }
    }
    return true;
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT
private slots:
    void reportInTwoPartsReadsAsOne();
    void reportSpellsEveryIdAsItIs();
    void lag_data();
    void lag();
    void nonCountingNeverConstrains_data();
    void nonCountingNeverConstrains();
    void countingTypesConstrain_data();
    void countingTypesConstrain();
    void summaryDependencies();
    void nestedSummaryDependencies();
    void cyclesThroughSummaries();
    void cycleThroughSummaryPrerequisite();
    void blockedReasons_data();
    void blockedReasons();
    void markedBlocked();
    void summaryOpenWhenAnyLeafOpen();
    void doneTaskNeverBlocked();
    void readyInFileOrder();
    void waitingOnOrder();
    void cancelledLeafTakesNoTime();
    void overruns();
    void warnings();
    void parallelGroupsAndSavings();
    void parallelGroupsThroughSummaries();
    void criticalPath_data();
    void criticalPath();
    void summarySchedule();
    void emptyProject();
    void counts();
    void customCalendar();
    void hoursPrintWithoutFloatNoise();
    void scheduleGraphKeysLeadBack();
};

// The report spells each id once (in two halves on a large plan) and copies that text
// wherever the id appears: every id, plain or needing escapes, reads back as it is, in
// compact and indented reports alike.
void TestEngine::reportSpellsEveryIdAsItIs()
{
    Project p = WorkplanTest::generatedPlan(12000, 5);
    QList<Task> tasks = p.tasks();
    const QString odd[] = {QStringLiteral("q\"uote"), QStringLiteral("back\\slash"), QStringLiteral("caf\u00e9"),
                           QStringLiteral("smile \U0001F600"), QStringLiteral("line\nbreak"), QString(QChar(0xFEFF)) + QStringLiteral("bom"),
                           QStringLiteral("tab\tand\u0001")};
    QHash<QString, QString> renamed;
    for (int i = 0; i < tasks.size(); ++i)
        renamed.insert(tasks[i].id, (i % 997 == 3 ? odd[(i / 997) % 7] : QString()) + tasks[i].id);
    for (Task &t : tasks) {
        t.id = renamed.value(t.id);
        if (!t.parentId.isEmpty())
            t.parentId = renamed.value(t.parentId);
        for (Dependency &d : t.dependencies)
            d.taskId = renamed.value(d.taskId);
    }
    p.setTasks(tasks);
    const Snapshot s = Snapshot::fromProject(p);
    const Analysis a = analyze(s);
    QVERIFY(a.hasSchedule());
    QVERIFY(!a.blocked.empty());
    for (const int indent : {0, 2}) {
        const QJsonObject report = QJsonDocument::fromJson(analysisToJson(s, a, indent)).object();
        const QJsonObject schedule = report.value(QStringLiteral("schedule")).toObject();
        QCOMPARE(schedule.size(), qsizetype(tasks.size()));
        for (const Task &t : std::as_const(tasks))
            QVERIFY2(schedule.contains(t.id), qPrintable(t.id));
        const QJsonArray blocked = report.value(QStringLiteral("blocked")).toArray();
        QCOMPARE(blocked.size(), qsizetype(a.blocked.size()));
        for (qsizetype k = 0; k < blocked.size(); ++k) {
            const QJsonObject b = blocked.at(k).toObject();
            QCOMPARE(b.value(QStringLiteral("task_id")).toString(), s.ids[std::size_t(a.blocked[std::size_t(k)].task)]);
            const auto waiting = a.waitingOf(a.blocked[std::size_t(k)]);
            const QJsonArray on = b.value(QStringLiteral("waiting_on")).toArray();
            QCOMPARE(on.size(), qsizetype(waiting.size()));
            for (qsizetype w = 0; w < on.size(); ++w)
                QCOMPARE(on.at(w).toObject().value(QStringLiteral("task_id")).toString(), s.ids[std::size_t(waiting[std::size_t(w)].task)]);
        }
        const QJsonArray path = report.value(QStringLiteral("critical_path")).toArray();
        QCOMPARE(path.size(), qsizetype(a.criticalPath.size()));
        for (qsizetype k = 0; k < path.size(); ++k)
            QCOMPARE(path.at(k).toString(), s.ids[std::size_t(a.criticalPath[std::size_t(k)])]);
    }
}

void TestEngine::lag_data()
{
    QTest::addColumn<QByteArray>("lag");
    QTest::addColumn<double>("start");
    QTest::newRow("none") << QByteArray() << 8.0;
    QTest::newRow("number of hours") << QByteArray(", \"lag\": 3") << 11.0;
    QTest::newRow("fractional number") << QByteArray(", \"lag\": 0.5") << 8.5;
    QTest::newRow("zero") << QByteArray(", \"lag\": 0") << 8.0;
    QTest::newRow("hours text") << QByteArray(", \"lag\": \"4 hours\"") << 12.0;
    QTest::newRow("days text") << QByteArray(", \"lag\": \"2 days\"") << 24.0;
    QTest::newRow("range text") << QByteArray(", \"lag\": \"1-3h\"") << 10.0;
    QTest::newRow("minutes text") << QByteArray(", \"lag\": \"30m\"") << 8.5;
}

void TestEngine::lag()
{
    QFETCH(QByteArray, lag);
    QFETCH(double, start);
    const Run r = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 2},
         "dependencies": [{"dependency_task_id": "a")" + lag + R"(}]}])");
    QCOMPARE(es(r, "b"), start);
    QCOMPARE(ef(r, "b"), start + 2);
    QCOMPARE(at(r.out, "makespan_hours").toDouble(), start + 2);
    // The lag is waiting, not work, and leaves no slack on the chain.
    QCOMPARE(at(r.out, "sequential_hours").toDouble(), 10.0);
    COMPARE_JSON(at(r.out, "critical_tasks"), ids({"a", "b"}));
    QString why;
    QVERIFY2(validCriticalPath(r, &why), qPrintable(why));
}

void TestEngine::nonCountingNeverConstrains_data()
{
    QTest::addColumn<QByteArray>("dependency");
    QTest::newRow("waived") << QByteArray(R"("dependency_type": "completion", "waived": true)");
    QTest::newRow("not mandatory") << QByteArray(R"("dependency_type": "completion", "is_mandatory": false)");
    QTest::newRow("waived approval") << QByteArray(R"("dependency_type": "approval", "waived": true, "lag": 5)");
    QTest::newRow("optional data") << QByteArray(R"("dependency_type": "data", "is_mandatory": false)");
    QTest::newRow("prerequisite") << QByteArray(R"("dependency_type": "prerequisite", "lag": "1 day")");
    QTest::newRow("related") << QByteArray(R"("dependency_type": "related")");
}

void TestEngine::nonCountingNeverConstrains()
{
    QFETCH(QByteArray, dependency);
    // Leaf and summary prerequisites, a failed and an open one: nothing blocks or constrains.
    const Run r = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "status": "active", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "s", "task_type": "t"},
        {"task_id": "s1", "task_type": "t", "parent_task_id": "s", "status": "failed", "attributes": {"estimated_effort": 4}},
        {"task_id": "b", "task_type": "t", "status": "active", "attributes": {"estimated_effort": 2},
         "dependencies": [{"dependency_task_id": "a", )" + dependency + R"(},
                          {"dependency_task_id": "s", )" + dependency + R"(}]}])");
    QCOMPARE(es(r, "b"), 0.0);
    COMPARE_JSON(at(r.out, "blocked"), QJsonArray());
    COMPARE_JSON(at(r.out, "ready"), ids({"a", "b"}));
    COMPARE_JSON(at(r.out, "parallel_groups"), QJsonArray{ids({"a", "s1", "b"})});
    QCOMPARE(at(r.out, "makespan_hours").toDouble(), 8.0);
    QCOMPARE(at(r.out, "dependencies").toInt(), 2);
}

void TestEngine::countingTypesConstrain_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QString>("written");
    QTest::addColumn<QString>("reason");
    QTest::newRow("completion") << QByteArray("completion") << QStringLiteral("completion") << QStringLiteral("not completed");
    QTest::newRow("data") << QByteArray("data") << QStringLiteral("data") << QStringLiteral("not completed");
    QTest::newRow("information") << QByteArray("information") << QStringLiteral("data") << QStringLiteral("not completed");
    QTest::newRow("approval") << QByteArray("approval") << QStringLiteral("approval") << QStringLiteral("not approved");
    QTest::newRow("blocks") << QByteArray("blocks") << QStringLiteral("blocks") << QStringLiteral("not completed");
}

void TestEngine::countingTypesConstrain()
{
    QFETCH(QByteArray, type);
    QFETCH(QString, written);
    QFETCH(QString, reason);
    const Run r = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "status": "review", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "b", "task_type": "t", "status": "pending", "attributes": {"estimated_effort": 2},
         "dependencies": [{"dependency_task_id": "a", "dependency_type": ")" + type + R"("}]}])");
    QCOMPARE(es(r, "b"), 8.0);
    const QJsonObject want{{QStringLiteral("task_id"), QStringLiteral("b")},
                           {QStringLiteral("marked"), false},
                           {QStringLiteral("waiting_on"),
                            QJsonArray{QJsonObject{{QStringLiteral("task_id"), QStringLiteral("a")},
                                                   {QStringLiteral("dependency_type"), written},
                                                   {QStringLiteral("reason"), reason},
                                                   {QStringLiteral("via"), QJsonValue::Null}}}}};
    COMPARE_JSON(at(r.out, "blocked"), QJsonArray{want});
    COMPARE_JSON(at(r.out, "ready"), ids({"a"}));
    // No dependency is missing, and no dependency type is defaulted wrongly either way.
    const Run byDefault = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "b", "task_type": "t", "dependencies": [{"dependency_task_id": "a"}]}])");
    COMPARE_JSON(at(blockedEntry(byDefault, QStringLiteral("b")), "waiting_on"),
                 QJsonArray{waiting("a", "completion", "not completed")});
}

void TestEngine::summaryDependencies()
{
    // A dependency declared on summary s applies to s1 and s2; x waits for every leaf of p.
    const Run r = analyzeTasks(R"([
        {"task_id": "p", "task_type": "feature"},
        {"task_id": "p1", "task_type": "t", "parent_task_id": "p", "status": "completed", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "p2", "task_type": "t", "parent_task_id": "p", "status": "active", "attributes": {"estimated_effort": "3 days"}},
        {"task_id": "s", "task_type": "feature", "dependencies": [{"dependency_task_id": "p", "lag": 2}]},
        {"task_id": "s1", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 4}},
        {"task_id": "s2", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 6},
         "dependencies": [{"dependency_task_id": "s1"}]},
        {"task_id": "x", "task_type": "t", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "s"}]}])");
    QCOMPARE(es(r, "s1"), 26.0);
    QCOMPARE(es(r, "s2"), 30.0);
    QCOMPARE(es(r, "x"), 36.0);
    QCOMPARE(at(r.out, "makespan_hours").toDouble(), 37.0);
    // p1 finishes early; nothing waits on it alone, but s waits for all of p.
    QCOMPARE(at(times(r, "p1"), "slack").toDouble(), 16.0);
    COMPARE_JSON(at(r.out, "critical_tasks"), ids({"p2", "s1", "s2", "x"}));
    COMPARE_JSON(at(r.out, "parallel_groups"), (QJsonArray{ids({"p1", "p2"}), ids({"s1"}), ids({"s2"}), ids({"x"})}));
    COMPARE_JSON(at(blockedEntry(r, QStringLiteral("s1")), "waiting_on"),
                 QJsonArray{waiting("p", "completion", "not completed", "s")});
    COMPARE_JSON(at(blockedEntry(r, QStringLiteral("s2")), "waiting_on"),
                 (QJsonArray{waiting("s1", "completion", "not completed"),
                             waiting("p", "completion", "not completed", "s")}));
    COMPARE_JSON(at(blockedEntry(r, QStringLiteral("s")), "waiting_on"),
                 QJsonArray{waiting("p", "completion", "not completed")});
    COMPARE_JSON(at(blockedEntry(r, QStringLiteral("x")), "waiting_on"),
                 QJsonArray{waiting("s", "completion", "not completed")});
    COMPARE_JSON(at(r.out, "ready"), ids({"p2"}));
    QString why;
    QVERIFY2(validCriticalPath(r, &why), qPrintable(why));
}

void TestEngine::nestedSummaryDependencies()
{
    // A dependency on the top summary reaches the deepest leaf; one on a deep summary
    // waits only for that summary's leaves.
    const Run r = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 5}},
        {"task_id": "e", "task_type": "epic", "dependencies": [{"dependency_task_id": "a"}]},
        {"task_id": "f", "task_type": "feature", "parent_task_id": "e"},
        {"task_id": "f1", "task_type": "t", "parent_task_id": "f", "attributes": {"estimated_effort": 3}},
        {"task_id": "g", "task_type": "t", "parent_task_id": "e", "attributes": {"estimated_effort": 10}},
        {"task_id": "z", "task_type": "t", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "f"}]}])");
    QCOMPARE(es(r, "f1"), 5.0);
    QCOMPARE(es(r, "g"), 5.0);
    QCOMPARE(es(r, "z"), 8.0);
    QCOMPARE(at(r.out, "makespan_hours").toDouble(), 15.0);
    COMPARE_JSON(at(blockedEntry(r, QStringLiteral("f1")), "waiting_on"),
                 QJsonArray{waiting("a", "completion", "not completed", "e")});
    // Summaries inherit too: f is blocked through e.
    COMPARE_JSON(at(blockedEntry(r, QStringLiteral("f")), "waiting_on"),
                 QJsonArray{waiting("a", "completion", "not completed", "e")});
}

void TestEngine::cyclesThroughSummaries()
{
    // s waits for c, c waits for a (under s): a and c form a loop; b only waits on it.
    // A second, separate loop q <-> r comes later in the file.
    const Run r = analyzeTasks(R"([
        {"task_id": "q", "task_type": "t", "attributes": {"estimated_effort": 1}, "dependencies": [{"dependency_task_id": "r2"}]},
        {"task_id": "s", "task_type": "feature", "dependencies": [{"dependency_task_id": "c", "dependency_type": "data"}]},
        {"task_id": "a", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 1}},
        {"task_id": "b", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 1}},
        {"task_id": "c", "task_type": "t", "attributes": {"estimated_effort": 1}, "dependencies": [{"dependency_task_id": "a"}]},
        {"task_id": "r", "task_type": "feature"},
        {"task_id": "r2", "task_type": "t", "parent_task_id": "r", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "q", "dependency_type": "blocks"}]},
        {"task_id": "free", "task_type": "t", "attributes": {"estimated_effort": 1}}])");
    COMPARE_JSON(at(r.out, "cycles"), (QJsonArray{ids({"q", "r2"}), ids({"a", "c"})}));
    for (const char *key : {"makespan_hours", "sequential_hours", "estimated_time_savings_hours",
                            "critical_path", "critical_tasks", "parallel_groups", "schedule"})
        QVERIFY2(at(r.out, key).isNull(), key);
    // Blocked and ready do not need a schedule.
    COMPARE_JSON(at(r.out, "ready"), ids({"free"}));
    QCOMPARE(at(r.out, "blocked").toArray().size(), 6);
    QCOMPARE(at(r.out, "leaf_tasks").toInt(), 6);
}

void TestEngine::cycleThroughSummaryPrerequisite()
{
    // c waits for all of s, and b (under s) waits for c: b and c loop, a does not.
    const Run r = analyzeTasks(R"([
        {"task_id": "s", "task_type": "feature"},
        {"task_id": "a", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 1}},
        {"task_id": "b", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "c"}]},
        {"task_id": "c", "task_type": "t", "attributes": {"estimated_effort": 1}, "dependencies": [{"dependency_task_id": "s"}]}])");
    COMPARE_JSON(at(r.out, "cycles"), QJsonArray{ids({"b", "c"})});
    QVERIFY(at(r.out, "schedule").isNull());
    // Waived, the same loop is no loop.
    const Run ok = analyzeTasks(R"([
        {"task_id": "s", "task_type": "feature"},
        {"task_id": "a", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 1}},
        {"task_id": "b", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "c", "waived": true}]},
        {"task_id": "c", "task_type": "t", "attributes": {"estimated_effort": 1}, "dependencies": [{"dependency_task_id": "s"}]}])");
    COMPARE_JSON(at(ok.out, "cycles"), QJsonArray());
    QCOMPARE(at(ok.out, "makespan_hours").toDouble(), 2.0);
}

void TestEngine::blockedReasons_data()
{
    QTest::addColumn<QStringList>("leaves");     // one status: a leaf prerequisite; more: a summary
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("reason");         // empty: satisfied
    auto row = [](const char *name, QStringList leaves, const char *type, const char *reason) {
        QTest::newRow(name) << leaves << QString::fromUtf8(type) << QString::fromUtf8(reason);
    };
    const QString c = QStringLiteral("completed"), ap = QStringLiteral("approved"), ar = QStringLiteral("archived"),
                  x = QStringLiteral("cancelled"), f = QStringLiteral("failed"), o = QStringLiteral("active"),
                  d = QStringLiteral("draft"), b = QStringLiteral("blocked"), rv = QStringLiteral("review");
    // Leaf prerequisites.
    row("leaf completed", {c}, "completion", "");
    row("leaf approved", {ap}, "completion", "");
    row("leaf archived", {ar}, "data", "");
    row("leaf active", {o}, "completion", "not completed");
    row("leaf review", {rv}, "blocks", "not completed");
    row("leaf marked blocked", {b}, "data", "not completed");
    row("leaf cancelled", {x}, "completion", "cancelled");
    row("leaf failed", {f}, "blocks", "failed");
    row("approval by approved", {ap}, "approval", "");
    row("approval by completed", {c}, "approval", "not approved");
    row("approval by archived", {ar}, "approval", "not approved");
    row("approval by draft", {d}, "approval", "not approved");
    row("approval cancelled", {x}, "approval", "cancelled");
    row("approval failed", {f}, "approval", "failed");
    // Summary prerequisites.
    row("summary all done", {c, ap, ar}, "completion", "");
    row("summary done and cancelled", {c, x}, "completion", "");
    row("summary one open", {c, o}, "completion", "not completed");
    row("summary all cancelled", {x, x}, "completion", "cancelled");
    row("summary all cancelled approval", {x, x}, "approval", "cancelled");
    row("summary one failed none open", {f, c}, "completion", "failed");
    row("summary failed and cancelled", {f, x}, "data", "failed");
    row("summary one failed one open", {f, o}, "completion", "not completed");
    row("summary approval all approved", {ap, ap, x}, "approval", "");
    row("summary approval one completed", {ap, c}, "approval", "not approved");
    row("summary approval one failed", {ap, f}, "approval", "failed");
    row("summary approval failed and open", {f, d}, "approval", "not approved");
}

void TestEngine::blockedReasons()
{
    QFETCH(QStringList, leaves);
    QFETCH(QString, type);
    QFETCH(QString, reason);
    QByteArray tasks = "[";
    if (leaves.size() == 1) {
        tasks += "{\"task_id\": \"p\", \"task_type\": \"t\", \"status\": \"" + leaves.first().toUtf8() + "\"},";
    } else {
        tasks += "{\"task_id\": \"p\", \"task_type\": \"t\", \"status\": \"active\"},";
        for (int i = 0; i < leaves.size(); ++i)
            tasks += "{\"task_id\": \"p" + QByteArray::number(i) + "\", \"task_type\": \"t\", \"parent_task_id\": \"p\", "
                     "\"status\": \"" + leaves.at(i).toUtf8() + "\"},";
    }
    tasks += "{\"task_id\": \"t\", \"task_type\": \"t\", \"status\": \"in_progress\", "
             "\"dependencies\": [{\"dependency_task_id\": \"p\", \"dependency_type\": \"" + type.toUtf8() + "\"}]}]";
    const Run r = analyzeTasks(tasks);
    QVERIFY(!r.out.isEmpty());
    const QJsonObject entry = blockedEntry(r, QStringLiteral("t"));
    if (reason.isEmpty()) {
        QVERIFY2(entry.isEmpty(), qPrintable(compact(entry)));
        QVERIFY(at(r.out, "ready").toArray().contains(QStringLiteral("t")));
        return;
    }
    COMPARE_JSON(entry, (QJsonObject{{QStringLiteral("task_id"), QStringLiteral("t")},
                                     {QStringLiteral("marked"), false},
                                     {QStringLiteral("waiting_on"),
                                      QJsonArray{waiting("p", qPrintable(type), qPrintable(reason))}}}));
    QVERIFY(!at(r.out, "ready").toArray().contains(QStringLiteral("t")));
}

void TestEngine::markedBlocked()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "alone", "task_type": "t", "status": "blocked"},
        {"task_id": "s", "task_type": "feature", "status": "blocked"},
        {"task_id": "s1", "task_type": "t", "parent_task_id": "s", "status": "draft"},
        {"task_id": "done", "task_type": "feature", "status": "blocked"},
        {"task_id": "d1", "task_type": "t", "parent_task_id": "done", "status": "completed"},
        {"task_id": "both", "task_type": "t", "status": "blocked", "dependencies": [{"dependency_task_id": "alone"}]}])");
    const QJsonObject marked{{QStringLiteral("task_id"), QStringLiteral("alone")},
                             {QStringLiteral("marked"), true},
                             {QStringLiteral("waiting_on"), QJsonArray()}};
    const QJsonObject summary{{QStringLiteral("task_id"), QStringLiteral("s")},
                              {QStringLiteral("marked"), true},
                              {QStringLiteral("waiting_on"), QJsonArray()}};
    const QJsonObject both{{QStringLiteral("task_id"), QStringLiteral("both")},
                           {QStringLiteral("marked"), true},
                           {QStringLiteral("waiting_on"), QJsonArray{waiting("alone", "completion", "not completed")}}};
    // `done` is marked, but none of its leaves is OPEN, so it is not OPEN and cannot be blocked.
    COMPARE_JSON(at(r.out, "blocked"), (QJsonArray{marked, summary, both}));
    COMPARE_JSON(at(r.out, "ready"), ids({"s1"}));
}

void TestEngine::summaryOpenWhenAnyLeafOpen()
{
    // A summary's own status does not decide: `late` says completed but has an open leaf;
    // `over` says active but every leaf is DONE or DEAD.
    const Run r = analyzeTasks(R"([
        {"task_id": "gate", "task_type": "approval_gate", "status": "review"},
        {"task_id": "late", "task_type": "feature", "status": "completed", "dependencies": [{"dependency_task_id": "gate"}]},
        {"task_id": "l1", "task_type": "t", "parent_task_id": "late", "status": "completed"},
        {"task_id": "l2", "task_type": "t", "parent_task_id": "late", "status": "pending"},
        {"task_id": "over", "task_type": "feature", "status": "active", "dependencies": [{"dependency_task_id": "gate"}]},
        {"task_id": "o1", "task_type": "t", "parent_task_id": "over", "status": "completed"},
        {"task_id": "o2", "task_type": "t", "parent_task_id": "over", "status": "cancelled"}])");
    QStringList blocked;
    for (const QJsonValue &b : at(r.out, "blocked").toArray())
        blocked << b.toObject().value(QLatin1String("task_id")).toString();
    QCOMPARE(blocked, (QStringList{QStringLiteral("late"), QStringLiteral("l2")}));
    COMPARE_JSON(at(blockedEntry(r, QStringLiteral("l2")), "waiting_on"),
                 QJsonArray{waiting("gate", "completion", "not completed", "late")});
    COMPARE_JSON(at(r.out, "ready"), ids({"gate"}));
}

void TestEngine::doneTaskNeverBlocked()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "status": "failed"},
        {"task_id": "c", "task_type": "t", "status": "completed", "dependencies": [{"dependency_task_id": "a"}]},
        {"task_id": "p", "task_type": "t", "status": "approved", "dependencies": [{"dependency_task_id": "a", "dependency_type": "approval"}]},
        {"task_id": "h", "task_type": "t", "status": "archived", "dependencies": [{"dependency_task_id": "a"}]},
        {"task_id": "x", "task_type": "t", "status": "cancelled", "dependencies": [{"dependency_task_id": "a"}]}])");
    COMPARE_JSON(at(r.out, "blocked"), QJsonArray());
    COMPARE_JSON(at(r.out, "ready"), QJsonArray());
}

void TestEngine::readyInFileOrder()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "z", "task_type": "t", "status": "draft"},
        {"task_id": "s", "task_type": "feature"},
        {"task_id": "m", "task_type": "t", "status": "review", "parent_task_id": "s"},
        {"task_id": "a", "task_type": "t", "status": "pending"},
        {"task_id": "d", "task_type": "t", "status": "completed"},
        {"task_id": "w", "task_type": "t", "status": "in_progress", "dependencies": [{"dependency_task_id": "a"}]},
        {"task_id": "k", "task_type": "t", "status": "active", "dependencies": [{"dependency_task_id": "d"}]},
        {"task_id": "n", "task_type": "t"}])");
    COMPARE_JSON(at(r.out, "ready"), ids({"z", "m", "a", "k", "n"}));
}

void TestEngine::waitingOnOrder()
{
    // Own dependencies in declared order, then the parent's, then the grandparent's;
    // satisfied ones are left out; a parent with nothing open is skipped over.
    const Run r = analyzeTasks(R"([
        {"task_id": "g1", "task_type": "t", "status": "active"},
        {"task_id": "p1", "task_type": "t", "status": "active"},
        {"task_id": "p2", "task_type": "t", "status": "approved"},
        {"task_id": "p3", "task_type": "t", "status": "active"},
        {"task_id": "t1", "task_type": "t", "status": "active"},
        {"task_id": "t2", "task_type": "t", "status": "cancelled"},
        {"task_id": "g", "task_type": "epic", "dependencies": [{"dependency_task_id": "g1", "dependency_type": "blocks"}]},
        {"task_id": "p", "task_type": "feature", "parent_task_id": "g",
         "dependencies": [{"dependency_task_id": "p3"}, {"dependency_task_id": "p2"},
                          {"dependency_task_id": "p1", "dependency_type": "approval"}]},
        {"task_id": "q", "task_type": "feature", "parent_task_id": "p"},
        {"task_id": "t", "task_type": "t", "parent_task_id": "q",
         "dependencies": [{"dependency_task_id": "t2"}, {"dependency_task_id": "t1", "dependency_type": "data"},
                          {"dependency_task_id": "p2", "dependency_type": "related"}]}])");
    COMPARE_JSON(at(blockedEntry(r, QStringLiteral("t")), "waiting_on"),
                 (QJsonArray{waiting("t2", "completion", "cancelled"), waiting("t1", "data", "not completed"),
                             waiting("p3", "completion", "not completed", "p"),
                             waiting("p1", "approval", "not approved", "p"),
                             waiting("g1", "blocks", "not completed", "g")}));
    COMPARE_JSON(at(blockedEntry(r, QStringLiteral("q")), "waiting_on"),
                 (QJsonArray{waiting("p3", "completion", "not completed", "p"),
                             waiting("p1", "approval", "not approved", "p"),
                             waiting("g1", "blocks", "not completed", "g")}));
}

void TestEngine::cancelledLeafTakesNoTime()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "x", "task_type": "t", "status": "cancelled", "attributes": {"estimated_effort": "1 week"},
         "dependencies": [{"dependency_task_id": "a"}]},
        {"task_id": "b", "task_type": "t", "status": "failed", "attributes": {"estimated_effort": 2},
         "dependencies": [{"dependency_task_id": "x"}]}])");
    QCOMPARE(es(r, "x"), 8.0);
    QCOMPARE(ef(r, "x"), 8.0);
    // A failed leaf keeps its duration: this is the plan.
    QCOMPARE(ef(r, "b"), 10.0);
    QCOMPARE(at(r.out, "sequential_hours").toDouble(), 10.0);
    QCOMPARE(at(r.out, "makespan_hours").toDouble(), 10.0);
    COMPARE_JSON(at(r.out, "warnings"), QJsonArray());
}

void TestEngine::overruns()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "short", "task_type": "feature", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "s1", "task_type": "t", "parent_task_id": "short", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "s2", "task_type": "t", "parent_task_id": "short", "attributes": {"estimated_effort": 2},
         "dependencies": [{"dependency_task_id": "s1"}]},
        {"task_id": "exact", "task_type": "feature", "attributes": {"estimated_effort": 10}},
        {"task_id": "e1", "task_type": "t", "parent_task_id": "exact", "attributes": {"estimated_effort": 10}},
        {"task_id": "dur", "task_type": "feature", "attributes": {"estimated_duration": "4 hours"}},
        {"task_id": "d1", "task_type": "t", "parent_task_id": "dur", "attributes": {"estimated_effort": 3}},
        {"task_id": "d2", "task_type": "t", "parent_task_id": "dur", "attributes": {"estimated_effort": 3},
         "dependencies": [{"dependency_task_id": "d1", "lag": 1}]},
        {"task_id": "odd", "task_type": "feature", "attributes": {"estimated_effort": "soon"}},
        {"task_id": "o1", "task_type": "t", "parent_task_id": "odd", "attributes": {"estimated_effort": 30}},
        {"task_id": "none", "task_type": "feature"},
        {"task_id": "n1", "task_type": "t", "parent_task_id": "none", "attributes": {"estimated_effort": 30}},
        {"task_id": "late", "task_type": "feature", "attributes": {"estimated_effort": 1}},
        {"task_id": "l1", "task_type": "t", "parent_task_id": "late", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "e1"}]},
        {"task_id": "l2", "task_type": "t", "parent_task_id": "late", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "e1"}]}])");
    auto overrun = [](const char *id, double estimate, double scheduled) {
        return QJsonObject{{QStringLiteral("task_id"), QString::fromUtf8(id)},
                           {QStringLiteral("estimate_hours"), estimate},
                           {QStringLiteral("scheduled_hours"), scheduled}};
    };
    // `late` spans 10..11, one hour: its estimate fits although it starts late.
    COMPARE_JSON(at(r.out, "overruns"), (QJsonArray{overrun("short", 8, 10), overrun("dur", 4, 7)}));
    // A summary's unreadable or missing estimate is no warning: it is not work.
    COMPARE_JSON(at(r.out, "warnings"), QJsonArray());
}

void TestEngine::warnings()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "s", "task_type": "feature"},
        {"task_id": "b", "task_type": "t", "parent_task_id": "s"},
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "soon"}},
        {"task_id": "ok", "task_type": "t", "attributes": {"estimated_duration": "2h"}},
        {"task_id": "neg", "task_type": "t", "attributes": {"estimated_effort": -4}},
        {"task_id": "flag", "task_type": "t", "attributes": {"estimated_effort": true, "estimated_duration": 3}},
        {"task_id": "nul", "task_type": "t", "attributes": {"estimated_effort": null}},
        {"task_id": "x", "task_type": "t", "status": "cancelled"}])");
    QStringList warned;
    for (const QJsonValue &w : at(r.out, "warnings").toArray())
        warned << w.toObject().value(QLatin1String("task_id")).toString();
    QCOMPARE(warned, (QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("neg"),
                                  QStringLiteral("flag"), QStringLiteral("nul"), QStringLiteral("x")}));
    const QJsonArray w = at(r.out, "warnings").toArray();
    QCOMPARE(w.at(0).toObject().value(QLatin1String("message")).toString(), QStringLiteral("no estimate"));
    QCOMPARE(w.at(5).toObject().value(QLatin1String("message")).toString(), QStringLiteral("no estimate"));
    QVERIFY(w.at(1).toObject().value(QLatin1String("message")).toString() != QStringLiteral("no estimate"));
    // Unwarned or warned, every one of them lasts 0 h but `ok`.
    QCOMPARE(at(r.out, "sequential_hours").toDouble(), 2.0);
    QCOMPARE(ef(r, "flag"), 0.0);
}

void TestEngine::parallelGroupsAndSavings()
{
    // a -> (b, c) -> d, e alone, f after e.
    const Run r = analyzeTasks(R"([
        {"task_id": "e", "task_type": "t", "attributes": {"estimated_effort": 1}},
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 2}},
        {"task_id": "d", "task_type": "t", "attributes": {"estimated_effort": 4},
         "dependencies": [{"dependency_task_id": "c"}, {"dependency_task_id": "b"}]},
        {"task_id": "c", "task_type": "t", "attributes": {"estimated_effort": 3}, "dependencies": [{"dependency_task_id": "a"}]},
        {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 5}, "dependencies": [{"dependency_task_id": "a"}]},
        {"task_id": "f", "task_type": "t", "attributes": {"estimated_effort": 6}, "dependencies": [{"dependency_task_id": "e"}]}])");
    COMPARE_JSON(at(r.out, "parallel_groups"), (QJsonArray{ids({"e", "a"}), ids({"c", "b", "f"}), ids({"d"})}));
    QCOMPARE(at(r.out, "sequential_hours").toDouble(), 21.0);
    // (1 + 2 - 2) + (3 + 5 + 6 - 6) = 1 + 8
    QCOMPARE(at(r.out, "estimated_time_savings_hours").toDouble(), 9.0);
    QCOMPARE(at(r.out, "makespan_hours").toDouble(), 11.0);
    COMPARE_JSON(at(r.out, "critical_tasks"), ids({"a", "d", "b"}));
    // A generation is set by the latest predecessor, even when a lag makes it start late.
    const Run late = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 1}},
        {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "a", "lag": 100}]},
        {"task_id": "c", "task_type": "t", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "b"}, {"dependency_task_id": "a"}]}])");
    COMPARE_JSON(at(late.out, "parallel_groups"), (QJsonArray{ids({"a"}), ids({"b"}), ids({"c"})}));
    QCOMPARE(at(late.out, "estimated_time_savings_hours").toDouble(), 0.0);
}

void TestEngine::parallelGroupsThroughSummaries()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "s", "task_type": "feature"},
        {"task_id": "s1", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 1}},
        {"task_id": "s2", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "s1"}]},
        {"task_id": "u", "task_type": "feature", "dependencies": [{"dependency_task_id": "s"}]},
        {"task_id": "u1", "task_type": "t", "parent_task_id": "u", "attributes": {"estimated_effort": 1}},
        {"task_id": "v", "task_type": "t", "attributes": {"estimated_effort": 1}, "dependencies": [{"dependency_task_id": "u"}]},
        {"task_id": "w", "task_type": "t", "status": "cancelled", "attributes": {"estimated_effort": 9}}])");
    COMPARE_JSON(at(r.out, "parallel_groups"), (QJsonArray{ids({"s1", "w"}), ids({"s2"}), ids({"u1"}), ids({"v"})}));
    QCOMPARE(at(r.out, "estimated_time_savings_hours").toDouble(), 0.0);
}

void TestEngine::criticalPath_data()
{
    QTest::addColumn<QByteArray>("tasks");
    QTest::addColumn<QJsonArray>("critical");
    // u and its zero-length sibling z both end when x, waiting on their summary p, starts.
    QTest::newRow("zero-length sibling") << QByteArray(R"([
        {"task_id": "p", "task_type": "feature"},
        {"task_id": "u", "task_type": "t", "parent_task_id": "p", "attributes": {"estimated_effort": 4}},
        {"task_id": "z", "task_type": "t", "parent_task_id": "p", "status": "cancelled",
         "dependencies": [{"dependency_task_id": "u"}]},
        {"task_id": "x", "task_type": "t", "attributes": {"estimated_effort": 2}, "dependencies": [{"dependency_task_id": "p"}]}])")
        << ids({"u", "z", "x"});
    QTest::newRow("through two summaries") << QByteArray(R"([
        {"task_id": "p", "task_type": "feature"},
        {"task_id": "p1", "task_type": "t", "parent_task_id": "p", "attributes": {"estimated_effort": 1}},
        {"task_id": "p2", "task_type": "t", "parent_task_id": "p", "attributes": {"estimated_effort": 5}},
        {"task_id": "q", "task_type": "feature", "dependencies": [{"dependency_task_id": "p", "lag": "1h"}]},
        {"task_id": "q1", "task_type": "t", "parent_task_id": "q", "attributes": {"estimated_effort": 2}},
        {"task_id": "q2", "task_type": "t", "parent_task_id": "q", "attributes": {"estimated_effort": 3}}])")
        << ids({"p2", "q2"});
    QTest::newRow("lag on a side branch") << QByteArray(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 2}},
        {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 2}},
        {"task_id": "c", "task_type": "t", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "a", "lag": 2}, {"dependency_task_id": "b"}]}])")
        << ids({"a", "c"});
    QTest::newRow("zero-length chain") << QByteArray(R"([
        {"task_id": "m0", "task_type": "milestone"},
        {"task_id": "s", "task_type": "feature", "dependencies": [{"dependency_task_id": "m0"}]},
        {"task_id": "s0", "task_type": "t", "parent_task_id": "s"},
        {"task_id": "s1", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 3}},
        {"task_id": "m1", "task_type": "milestone", "dependencies": [{"dependency_task_id": "s0"}]},
        {"task_id": "e", "task_type": "t", "attributes": {"estimated_effort": 3}, "dependencies": [{"dependency_task_id": "m1"}]}])")
        << ids({"m0", "s0", "s1", "m1", "e"});
}

void TestEngine::criticalPath()
{
    QFETCH(QByteArray, tasks);
    QFETCH(QJsonArray, critical);
    const Run r = analyzeTasks(tasks);
    COMPARE_JSON(at(r.out, "critical_tasks"), critical);
    QString why;
    QVERIFY2(validCriticalPath(r, &why), qPrintable(why));
}

void TestEngine::summarySchedule()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "top", "task_type": "epic"},
        {"task_id": "mid", "task_type": "feature", "parent_task_id": "top"},
        {"task_id": "a", "task_type": "t", "parent_task_id": "mid", "attributes": {"estimated_effort": 4}},
        {"task_id": "b", "task_type": "t", "parent_task_id": "mid", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "c"}]},
        {"task_id": "c", "task_type": "t", "parent_task_id": "top", "attributes": {"estimated_effort": 2}},
        {"task_id": "d", "task_type": "t", "attributes": {"estimated_effort": 10}}])");
    // Leaves: a 0-4 (slack 6), b 2-3 (slack 7), c 0-2 (slack 7, b waits on it), d 0-10.
    auto want = [](double es, double ef, double ls, double lf, double slack) {
        return QJsonObject{{QStringLiteral("es"), es}, {QStringLiteral("ef"), ef}, {QStringLiteral("ls"), ls},
                           {QStringLiteral("lf"), lf}, {QStringLiteral("slack"), slack}};
    };
    COMPARE_JSON(times(r, "a"), want(0, 4, 6, 10, 6));
    COMPARE_JSON(times(r, "b"), want(2, 3, 9, 10, 7));
    COMPARE_JSON(times(r, "c"), want(0, 2, 7, 9, 7));
    COMPARE_JSON(times(r, "mid"), want(0, 4, 6, 10, 6));
    COMPARE_JSON(times(r, "top"), want(0, 4, 6, 10, 6));
    // Every task has a schedule entry, leaves first, then summaries, each in file order.
    QCOMPARE(at(r.out, "schedule").toObject().size(), 6);
}

void TestEngine::emptyProject()
{
    const Run r = analyzeTasks("[]");
    QCOMPARE(at(r.out, "tasks").toInt(), 0);
    QCOMPARE(at(r.out, "leaf_tasks").toInt(), 0);
    QCOMPARE(at(r.out, "dependencies").toInt(), 0);
    QCOMPARE(at(r.out, "makespan_hours"), QJsonValue(0));
    QCOMPARE(at(r.out, "sequential_hours"), QJsonValue(0));
    QCOMPARE(at(r.out, "estimated_time_savings_hours"), QJsonValue(0));
    for (const char *key : {"cycles", "critical_path", "critical_tasks", "parallel_groups", "blocked", "ready",
                            "overruns", "warnings"})
        COMPARE_JSON(at(r.out, key), QJsonArray());
    COMPARE_JSON(at(r.out, "schedule"), QJsonObject());
}

void TestEngine::counts()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 1}},
        {"task_id": "s", "task_type": "feature", "dependencies": [{"dependency_task_id": "a", "dependency_type": "related"}]},
        {"task_id": "s1", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "a", "waived": true}, {"dependency_task_id": "a", "dependency_type": "prerequisite"},
                          {"dependency_task_id": "a", "dependency_type": "approval", "is_mandatory": false}]},
        {"task_id": "s2", "task_type": "t", "parent_task_id": "s", "attributes": {"estimated_effort": 1},
         "dependencies": [{"dependency_task_id": "s1", "dependency_type": "information"}]}])");
    QCOMPARE(at(r.out, "tasks").toInt(), 4);
    QCOMPARE(at(r.out, "leaf_tasks").toInt(), 3);
    QCOMPARE(at(r.out, "dependencies").toInt(), 5);
    QCOMPARE(at(r.out, "project").toString(), QStringLiteral("t"));
}

void TestEngine::customCalendar()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "1 week"}},
        {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": "1 month"},
         "dependencies": [{"dependency_task_id": "a", "lag": "1 day"}]}])",
                               R"({"hours_per_day": 6, "days_per_week": 4})");
    QCOMPARE(ef(r, "a"), 24.0);
    QCOMPARE(es(r, "b"), 30.0);
    QCOMPARE(at(r.out, "makespan_hours").toDouble(), 126.0);
}

// 0.1 h + 0.2 h is 0.30000000000000004 in binary; the printed figures must not show it.
void TestEngine::hoursPrintWithoutFloatNoise()
{
    const Run r = analyzeTasks(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 0.1}},
        {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 0.2},
         "dependencies": [{"dependency_task_id": "a"}]},
        {"task_id": "c", "task_type": "t", "attributes": {"estimated_effort": 0.3}}])");
    // Exact comparisons on purpose: QCOMPARE would forgive the noise.
    QVERIFY(at(times(r, "c"), "slack").toDouble() == 0.0);
    QVERIFY(at(r.out, "makespan_hours").toDouble() == 0.3);
    QCOMPARE(at(r.out, "critical_tasks").toArray().size(), 3);
}

QTEST_GUILESS_MAIN(TestEngine)
// The critical chain keeps each node's next hop as an edge key alone and decodes the node
// from it: every in-edge's key must lead from its source back to its target.
void TestEngine::scheduleGraphKeysLeadBack()
{
    QString error;
    const auto project = JsonFormat::read(R"({"format": "workplan", "version": 1, "project": {"name": "k"}, "tasks": [
        {"task_id": "x", "task_type": "t", "attributes": {"estimated_effort": 1}},
        {"task_id": "e", "task_type": "epic", "dependencies": [{"dependency_task_id": "x"}]},
        {"task_id": "f", "task_type": "feature", "parent_task_id": "e"},
        {"task_id": "a", "task_type": "t", "parent_task_id": "f", "attributes": {"estimated_effort": 2}},
        {"task_id": "b", "task_type": "t", "parent_task_id": "f",
         "dependencies": [{"dependency_task_id": "a", "lag": 1}, {"dependency_task_id": "x"}]},
        {"task_id": "g", "task_type": "feature", "parent_task_id": "e", "dependencies": [{"dependency_task_id": "f"}]},
        {"task_id": "c", "task_type": "t", "parent_task_id": "g", "dependencies": [{"dependency_task_id": "a"}]},
        {"task_id": "y", "task_type": "t", "dependencies": [{"dependency_task_id": "e"}, {"dependency_task_id": "c", "waived": true}]}]})",
        QStringLiteral("k.json"), &error);
    QVERIFY2(project, qPrintable(error));
    const Snapshot s = Snapshot::fromProject(*project);
    const ScheduleGraph &g = *s.schedule;
    QCOMPARE(g.summaryCount(), 3);
    QCOMPARE(g.nodeCount(), s.taskCount() + 3);
    int edges = 0;
    for (int v = 0; v < g.nodeCount(); ++v) {
        for (int e = g.inStart[v]; e < g.inStart[v + 1]; ++e, ++edges) {
            const int key = g.key(s.depStart, v, e);
            QCOMPARE(g.target(s.depStart, s.parent, g.pred[e], key), v);
        }
    }
    // Hierarchy: 5 children, each with an edge from its parent's start and one to its
    // parent's finish; dependencies: the 6 counting ones (the waived one does not count).
    QCOMPARE(edges, 5 * 2 + 6);
}

// A large plan's report is written in two parts at once (analysisreport.cpp): streamed, it
// is byte for byte the report one writer makes.
void TestEngine::reportInTwoPartsReadsAsOne()
{
    Project p = WorkplanTest::generatedPlan(30000, 5);
    QList<Task> tasks = p.tasks();
    for (int i = 0; i < tasks.size(); ++i) {
        if (i % 7 == 0)
            tasks[i].attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("%1h").arg(i % 30));
        if (i == 20001)
            tasks[i].attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("a while"));   // a warning
    }
    p.setTasks(tasks);
    const Snapshot s = Snapshot::fromProject(p);
    const Analysis a = analyze(s);
    QVERIFY(s.taskCount() >= 20000);
    QVERIFY(!a.blocked.empty());
    QVERIFY(!a.warnings.empty());
    const QByteArray whole = analysisToJson(s, a);
    QByteArray streamed;
    analysisToJson(s, a, [&streamed](const char *d, qsizetype n) { streamed.append(d, n); });
    QCOMPARE(streamed.size(), whole.size());
    QVERIFY(streamed == whole);
    QVERIFY(QJsonDocument::fromJson(streamed).isObject());
}

#include "tst_engine.moc"
