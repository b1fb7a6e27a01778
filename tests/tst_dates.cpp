// §6 in the analysis: not_before in the forward pass (leaf, summary, the latest on a path),
// the critical path starting where a not_before sets it, deadlines and their margins
// (also before the start), the warnings' order, cycles, and plans without a start
// staying exactly as they were.
#include "model/engine/analysis.h"
#include "model/engine/analysisreport.h"
#include "model/engine/scheduledates.h"
#include "model/engine/snapshot.h"
#include "model/storage/json/jsonformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace Workplan;

namespace {

// `tasks`: the JSON of the task array; the project starts Monday 2025-06-02, 8 h from 09:00.
QJsonObject analyzed(const QString &tasks, const QString &start = QStringLiteral("\"2025-06-02\""))
{
    const QString text = QStringLiteral(R"({"project": {"name": "d", %1 "calendar": {"hours_per_day": 8}}, "tasks": %2})")
                             .arg(start.isEmpty() ? QString() : QStringLiteral("\"start\": %1,").arg(start), tasks);
    QString error;
    const auto project = JsonFormat::read(text.toUtf8(), QStringLiteral("d.json"), &error);
    if (!project)
        qFatal("%s", qPrintable(error));
    const Snapshot s = Snapshot::fromProject(*project);
    return QJsonDocument::fromJson(analysisToJson(s, analyze(s))).object();
}

Snapshot snapshotOf(const QString &tasks, const QString &start = QStringLiteral("\"2025-06-02\""))
{
    const QString text = QStringLiteral(R"({"project": {"name": "d", %1 "calendar": {"hours_per_day": 8}}, "tasks": %2})")
                             .arg(start.isEmpty() ? QString() : QStringLiteral("\"start\": %1,").arg(start), tasks);
    QString error;
    const auto project = JsonFormat::read(text.toUtf8(), QStringLiteral("d.json"), &error);
    if (!project)
        qFatal("%s", qPrintable(error));
    return Snapshot::fromProject(*project);
}

QJsonObject entry(const QJsonObject &result, const char *id)
{
    return result.value(QLatin1String("schedule")).toObject().value(QLatin1String(id)).toObject();
}

QStringList ids(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out << v.toString();
    return out;
}

} // namespace

class TestDates : public QObject
{
    Q_OBJECT
private slots:
    void notBeforeOnLeaf();
    void notBeforeOnSummaryLatestCounts();
    void criticalPathStartsAtNotBefore();
    void zeroDurationLeafTakesFinishReading();
    void deadlinesAndMargins();
    void warningsInOrder();
    void cyclesGiveNoDates();
    void noStartNoDates();
    void deadlineMarginsPerTask();
};

void TestDates::notBeforeOnLeaf()
{
    const QJsonObject r = analyzed(QStringLiteral(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": "4h", "not_before": "2025-06-04"}}])"));
    const QJsonObject b = entry(r, "b");
    // 00:00 on Wednesday is 16 working hours after Monday 09:00.
    QCOMPARE(b.value(QLatin1String("es")).toDouble(), 16.0);
    QCOMPARE(b.value(QLatin1String("start")).toString(), QStringLiteral("2025-06-04T09:00"));
    QCOMPARE(b.value(QLatin1String("finish")).toString(), QStringLiteral("2025-06-04T13:00"));
    QCOMPARE(r.value(QLatin1String("makespan_hours")).toDouble(), 20.0);
    QCOMPARE(r.value(QLatin1String("finish")).toString(), QStringLiteral("2025-06-04T13:00"));
    QCOMPARE(r.value(QLatin1String("start")).toString(), QStringLiteral("2025-06-02T09:00"));
    // Only the forward pass uses it: a still has its slack up to the makespan.
    QCOMPARE(entry(r, "a").value(QLatin1String("slack")).toDouble(), 12.0);
}

void TestDates::notBeforeOnSummaryLatestCounts()
{
    const QJsonObject r = analyzed(QStringLiteral(R"([
        {"task_id": "epic", "task_type": "epic", "attributes": {"not_before": "2025-06-03T13:00"}},
        {"task_id": "x", "task_type": "t", "parent_task_id": "epic", "attributes": {"estimated_effort": 2}},
        {"task_id": "y", "task_type": "t", "parent_task_id": "epic", "attributes": {"estimated_effort": 2, "not_before": "2025-06-05"}},
        {"task_id": "z", "task_type": "t", "parent_task_id": "epic", "attributes": {"estimated_effort": 2, "not_before": "2025-06-02T10:00"}}])"));
    QCOMPARE(entry(r, "x").value(QLatin1String("es")).toDouble(), 12.0);   // the summary's
    QCOMPARE(entry(r, "y").value(QLatin1String("es")).toDouble(), 24.0);   // its own, later
    QCOMPARE(entry(r, "z").value(QLatin1String("es")).toDouble(), 12.0);   // the summary's, later
    QCOMPARE(entry(r, "epic").value(QLatin1String("start")).toString(), QStringLiteral("2025-06-03T13:00"));
    QCOMPARE(entry(r, "epic").value(QLatin1String("finish")).toString(), QStringLiteral("2025-06-05T11:00"));
}

void TestDates::criticalPathStartsAtNotBefore()
{
    const QJsonObject r = analyzed(QStringLiteral(R"([
        {"task_id": "early", "task_type": "t", "attributes": {"estimated_effort": "1h"}},
        {"task_id": "gated", "task_type": "t", "attributes": {"estimated_effort": "1 day", "not_before": "2025-06-03"}},
        {"task_id": "after", "task_type": "t", "attributes": {"estimated_effort": "2h"},
         "dependencies": [{"dependency_task_id": "gated"}, {"dependency_task_id": "early"}]}])"));
    QCOMPARE(ids(r.value(QLatin1String("critical_path"))), (QStringList{QStringLiteral("gated"), QStringLiteral("after")}));
    QCOMPARE(ids(r.value(QLatin1String("critical_tasks"))), (QStringList{QStringLiteral("gated"), QStringLiteral("after")}));
    QCOMPARE(r.value(QLatin1String("makespan_hours")).toDouble(), 18.0);
}

void TestDates::zeroDurationLeafTakesFinishReading()
{
    const QJsonObject r = analyzed(QStringLiteral(R"([
        {"task_id": "work", "task_type": "t", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "gate", "task_type": "milestone", "attributes": {"estimated_effort": 0},
         "dependencies": [{"dependency_task_id": "work"}]}])"));
    const QJsonObject gate = entry(r, "gate");
    QCOMPARE(gate.value(QLatin1String("start")).toString(), QStringLiteral("2025-06-02T17:00"));
    QCOMPARE(gate.value(QLatin1String("finish")).toString(), QStringLiteral("2025-06-02T17:00"));
    QCOMPARE(gate.value(QLatin1String("late_start")).toString(), QStringLiteral("2025-06-02T17:00"));
    QCOMPARE(entry(r, "work").value(QLatin1String("late_finish")).toString(), QStringLiteral("2025-06-02T17:00"));
}

void TestDates::deadlinesAndMargins()
{
    const QJsonObject r = analyzed(QStringLiteral(R"([
        {"task_id": "rel", "task_type": "release", "attributes": {"target_date": "2025-06-03"}},
        {"task_id": "a", "task_type": "t", "parent_task_id": "rel", "attributes": {"estimated_effort": "3 days", "deadline": "2025-06-03T12:00", "target_date": "2030-01-01"}},
        {"task_id": "past", "task_type": "t", "attributes": {"estimated_effort": "1h", "deadline": "2025-05-30T13:00"}}])"));
    const QJsonArray d = r.value(QLatin1String("deadlines")).toArray();
    QCOMPARE(d.size(), 3);
    const QJsonObject rel = d.at(0).toObject();
    QCOMPARE(rel.value(QLatin1String("task_id")).toString(), QStringLiteral("rel"));
    QCOMPARE(rel.value(QLatin1String("deadline")).toString(), QStringLiteral("2025-06-04T00:00"));   // end of the day
    QCOMPARE(rel.value(QLatin1String("finish")).toString(), QStringLiteral("2025-06-04T17:00"));
    QCOMPARE(rel.value(QLatin1String("margin_hours")).toDouble(), -8.0);
    // `deadline` wins over `target_date` when both are there.
    QCOMPARE(d.at(1).toObject().value(QLatin1String("margin_hours")).toDouble(), 11.0 - 24.0);
    // Before the start: a negative offset (Friday 13:00 is 4 working hours before Monday 09:00).
    QCOMPARE(d.at(2).toObject().value(QLatin1String("margin_hours")).toDouble(), -4.0 - 1.0);
}

void TestDates::warningsInOrder()
{
    const QJsonObject r = analyzed(QStringLiteral(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "soon", "deadline": 20250601, "target_date": "2025-06-09", "not_before": "June"}},
        {"task_id": "b", "task_type": "t", "attributes": {"deadline": "2025-06-31"}}])"));
    QStringList got;
    for (const QJsonValue &w : r.value(QLatin1String("warnings")).toArray())
        got << w[QLatin1String("task_id")].toString() + QLatin1String(": ") + w[QLatin1String("message")].toString();
    QCOMPARE(got, (QStringList{QStringLiteral("a: unreadable estimate: soon"),
                               QStringLiteral("a: cannot read date \"20250601\""),
                               QStringLiteral("a: cannot read date \"June\""),
                               QStringLiteral("b: no estimate"),
                               QStringLiteral("b: cannot read date \"2025-06-31\"")}));
    // An unreadable deadline hides target_date: no entry for a.
    QVERIFY(r.value(QLatin1String("deadlines")).toArray().isEmpty());
}

void TestDates::cyclesGiveNoDates()
{
    const QJsonObject r = analyzed(QStringLiteral(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 1, "deadline": "2025-06-03"}, "dependencies": [{"dependency_task_id": "b"}]},
        {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 1}, "dependencies": [{"dependency_task_id": "a"}]}])"));
    QVERIFY(r.value(QLatin1String("finish")).isNull());
    QCOMPARE(r.value(QLatin1String("start")).toString(), QStringLiteral("2025-06-02T09:00"));
    QVERIFY(r.value(QLatin1String("deadlines")).isArray());
    QVERIFY(r.value(QLatin1String("deadlines")).toArray().isEmpty());
}

void TestDates::noStartNoDates()
{
    const QJsonObject r = analyzed(QStringLiteral(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 1, "deadline": "nonsense", "not_before": "2025-06-03"}}])"),
                                   QString());
    QVERIFY(!r.contains(QLatin1String("start")));
    QVERIFY(!r.contains(QLatin1String("finish")));
    QVERIFY(!r.contains(QLatin1String("deadlines")));
    QVERIFY(!entry(r, "a").contains(QLatin1String("start")));
    QCOMPARE(entry(r, "a").value(QLatin1String("es")).toDouble(), 0.0);   // not read at all
    QVERIFY(r.value(QLatin1String("warnings")).toArray().isEmpty());
}

// The views' per-task margins: the report's margin_hours, by task index, NaN without one.
void TestDates::deadlineMarginsPerTask()
{
    const QString tasks = QStringLiteral(R"([
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "1 day", "deadline": "2025-06-02T13:00"}},
        {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 2, "deadline": "2025-06-03", "target_date": "2025-06-02"}},
        {"task_id": "c", "task_type": "t", "attributes": {"estimated_effort": 2, "target_date": "2025-06-02"}},
        {"task_id": "d", "task_type": "t", "attributes": {"estimated_effort": 2}},
        {"task_id": "e", "task_type": "t", "attributes": {"estimated_effort": 2, "deadline": "soon"}}])");
    const Snapshot s = snapshotOf(tasks);
    const Analysis a = analyze(s);
    const std::vector<double> m = deadlineMargins(s, a);
    QCOMPARE(m.size(), std::size_t(5));
    QCOMPARE(m[0], 4.0 - 8.0);     // due at 13:00 Monday, finishes 17:00: late
    QCOMPARE(m[1], 16.0 - 2.0);    // deadline wins: the end of Tuesday
    QCOMPARE(m[2], 8.0 - 2.0);     // target_date alone counts: the end of Monday
    QVERIFY(std::isnan(m[3]));     // none
    QVERIFY(std::isnan(m[4]));     // unreadable: no margin (a warning instead)
    // The same numbers the report writes.
    const QJsonArray report = QJsonDocument::fromJson(analysisToJson(s, a)).object().value(QLatin1String("deadlines")).toArray();
    QCOMPARE(report.size(), 3);
    for (const QJsonValue &d : report) {
        const int t = int(std::find(s.ids.cbegin(), s.ids.cend(), d[QLatin1String("task_id")].toString()) - s.ids.cbegin());
        QCOMPARE(m[std::size_t(t)], d[QLatin1String("margin_hours")].toDouble());
    }
    QVERIFY(isLate(m[0]) && !isLate(m[1]) && !isLate(0.0) && !isLate(-1e-9) && !isLate(std::nan("")));
    QCOMPARE(marginText(m[0]), QStringLiteral("\u22124 h late"));
    QCOMPARE(marginText(5.5), QStringLiteral("+5.5 h"));
    QCOMPARE(marginText(-1e-9), QStringLiteral("+0 h"));
    QCOMPARE(dateTimeText(s.dates->finishReading(8)), QStringLiteral("2025-06-02 17:00"));

    // No start, or no schedule: every task NaN, one per task.
    for (const Snapshot &other : {snapshotOf(tasks, QString()), snapshotOf(QStringLiteral(R"([
            {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": 1, "deadline": "2025-06-03"}, "dependencies": [{"dependency_task_id": "b"}]},
            {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": 1}, "dependencies": [{"dependency_task_id": "a"}]}])"))}) {
        const std::vector<double> none = deadlineMargins(other, analyze(other));
        QCOMPARE(int(none.size()), other.taskCount());
        QVERIFY(std::all_of(none.cbegin(), none.cend(), [](double x) { return std::isnan(x); }));
    }
}

QTEST_GUILESS_MAIN(TestDates)
#include "tst_dates.moc"
