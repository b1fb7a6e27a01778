// The team load chart's arithmetic (model/team/loadprofile.h): step profiles and the tasks
// at an instant, on snapshots built by hand so each expected step can be checked on paper.

#include "model/engine/snapshot.h"
#include "model/team/loadprofile.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace Workplan;

namespace {

// Tasks written as "START-FINISH:UNITS" (resource 0) or "START-FINISH:UNITS@R"; "nan" for a
// time the schedule does not give. Fills the snapshot's demand arrays and the two times.
struct Plan
{
    Snapshot snapshot;
    std::vector<double> start, finish;
};

double timeOf(const QString &text)
{
    return text == QLatin1String("nan") ? std::numeric_limits<double>::quiet_NaN() : text.toDouble();
}

Plan plan(const QString &tasks)
{
    Plan p;
    Snapshot &s = p.snapshot;
    s.resources = {{QStringLiteral("tester"), 1}, {QStringLiteral("dev"), 2}};
    s.demandStart.push_back(0);
    const QStringList tokens = tasks.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        const QStringList timesAndDemand = token.split(QLatin1Char(':'));
        const QStringList times = timesAndDemand.at(0).split(QLatin1Char('-'));
        const QStringList demand = timesAndDemand.at(1).split(QLatin1Char('@'));
        s.ids.push_back(QStringLiteral("t%1").arg(s.ids.size()));
        p.start.push_back(timeOf(times.at(0)));
        p.finish.push_back(timeOf(times.at(1)));
        const int units = demand.at(0).toInt();
        if (units > 0) {   // as the snapshot does: no entry for no demand
            s.demandResource.push_back(demand.size() > 1 ? demand.at(1).toInt() : 0);
            s.demandUnits.push_back(units);
        }
        s.demandStart.push_back(int(s.demandResource.size()));
    }
    return p;
}

QString text(const std::vector<LoadStep> &profile)
{
    QStringList steps;
    for (const LoadStep &step : profile)
        steps << QStringLiteral("%1:%2").arg(step.time).arg(step.units);
    return steps.join(QLatin1Char(' '));
}

QString text(const std::vector<int> &tasks)
{
    QStringList out;
    for (int t : tasks)
        out << QString::number(t);
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestLoadProfile : public QObject
{
    Q_OBJECT
private slots:
    void profile_data();
    void profile();
    void tasksAtInstant_data();
    void tasksAtInstant();
    void withoutResources();
};

void TestLoadProfile::profile_data()
{
    QTest::addColumn<QString>("tasks");
    QTest::addColumn<QString>("expected");   // "time:units" steps for resource 0
    QTest::addColumn<int>("peak");
    QTest::newRow("nothing") << "" << "" << 0;
    QTest::newRow("one task") << "0-8:1" << "0:1 8:0" << 1;
    QTest::newRow("overlap adds up") << "0-8:1 4-12:2" << "0:1 4:3 8:2 12:0" << 3;
    QTest::newRow("hand-over is one step") << "0-8:1 8-16:1" << "0:1 16:0" << 1;
    // 8 + 1e-11: sums of durations are not exact; no dip to 0 nor spike to 2 at 8 h.
    QTest::newRow("hand-over within epsilon") << "0-8.00000000001:1 8-16:1" << "0:1 16:0" << 1;
    QTest::newRow("gap returns to zero") << "0-4:1 6-8:1" << "0:1 4:0 6:1 8:0" << 1;
    QTest::newRow("other resource ignored") << "0-8:1 2-6:3@1" << "0:1 8:0" << 1;
    QTest::newRow("zero length, no demand, no time")
        << "3-3:2 0-5:0 nan-4:1 1-nan:1 1-2:1" << "1:1 2:0" << 1;
    QTest::newRow("file order does not matter") << "2-10:1 2-6:1 0-4:1" << "0:1 2:3 4:2 6:1 10:0" << 3;
    QTest::newRow("same level after a swap") << "0-4:2 4-8:1 4-8:1" << "0:2 8:0" << 2;
    QTest::newRow("late start") << "5.5-6:1 5.5-7:1" << "5.5:2 6:1 7:0" << 2;
}

void TestLoadProfile::profile()
{
    QFETCH(QString, tasks);
    QFETCH(QString, expected);
    QFETCH(int, peak);
    const Plan p = plan(tasks);
    const std::vector<LoadStep> steps = loadProfile(p.snapshot, 0, p.start, p.finish);
    QCOMPARE(text(steps), expected);
    QCOMPARE(peakUnits(steps), peak);
}

void TestLoadProfile::tasksAtInstant_data()
{
    QTest::addColumn<QString>("tasks");
    QTest::addColumn<double>("time");
    QTest::addColumn<QString>("expected");   // task indices, file order
    const QString tasks = QStringLiteral("0-8:1 4-12:2 8-9:1 2-3:1@1 1-1:1");
    QTest::newRow("start counts") << tasks << 0.0 << "0";
    QTest::newRow("two at once") << tasks << 4.0 << "0 1";
    QTest::newRow("finish does not count") << tasks << 8.0 << "1 2";
    QTest::newRow("other resource left out") << tasks << 2.5 << "0";
    QTest::newRow("zero length never holds") << tasks << 1.0 << "0";
    QTest::newRow("after the end") << tasks << 12.0 << "";
    QTest::newRow("before the start") << tasks << -1.0 << "";
}

void TestLoadProfile::tasksAtInstant()
{
    QFETCH(QString, tasks);
    QFETCH(double, time);
    QFETCH(QString, expected);
    const Plan p = plan(tasks);
    QCOMPARE(text(tasksAt(p.snapshot, 0, p.start, p.finish, time)), expected);
}

// A snapshot of a project without resources has no demand arrays at all.
void TestLoadProfile::withoutResources()
{
    Snapshot s;
    s.ids = {QStringLiteral("a"), QStringLiteral("b")};
    const std::vector<double> start{0, 1}, finish{4, 5};
    QVERIFY(loadProfile(s, 0, start, finish).empty());
    QVERIFY(tasksAt(s, 0, start, finish, 2).empty());
    QCOMPARE(demandUnitsOf(s, 0, 1), 0);
}

QTEST_GUILESS_MAIN(TestLoadProfile)
#include "tst_loadprofile.moc"
