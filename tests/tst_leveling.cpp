// §7: the resource-leveling engine alone. Hand-made problems with known optima, the
// optimum of tiny random problems by enumerating every activity list, the checker on
// everything produced (and on schedules it must refuse), and determinism.
#include "bench/rcpsp_gen.h"
#include "model/engine/leveling.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

using namespace Workplan;

Q_DECLARE_METATYPE(Workplan::LevelingProblem)

namespace {

struct Edge { int from, to; double lag; };
struct Demand { int node, resource, units; };

LevelingProblem makeProblem(std::vector<double> duration, const std::vector<Edge> &edges,
                            std::vector<int> capacity, const std::vector<Demand> &demands,
                            std::vector<double> release = {})
{
    LevelingProblem p;
    p.nodes = int(duration.size());
    p.duration = std::move(duration);
    p.release = std::move(release);
    p.capacity = std::move(capacity);
    p.inStart.assign(1, 0);
    p.demandStart.assign(1, 0);
    for (int v = 0; v < p.nodes; ++v) {
        for (const Edge &e : edges)
            if (e.to == v) {
                p.pred.push_back(e.from);
                p.lag.push_back(e.lag);
            }
        p.inStart.push_back(int(p.pred.size()));
        for (const Demand &d : demands)
            if (d.node == v) {
                p.demandResource.push_back(d.resource);
                p.demandUnits.push_back(d.units);
            }
        p.demandStart.push_back(int(p.demandResource.size()));
    }
    return p;
}

double makespanOf(const LevelingProblem &p, const std::vector<double> &start)
{
    double m = 0;
    for (int v = 0; v < p.nodes; ++v)
        m = std::max(m, start[std::size_t(v)] + p.duration[std::size_t(v)]);
    return m;
}

// An independent serial decoder, written for clarity rather than speed: the earliest start
// of a node is its precedence time or the finish of a node already placed.
double decode(const LevelingProblem &p, const std::vector<int> &list)
{
    std::vector<double> start(std::size_t(p.nodes), 0.0);
    std::vector<int> placed;
    const auto usage = [&](int r, double at) {
        int used = 0;
        for (const int u : placed)
            for (int k = p.demandStart[std::size_t(u)]; k < p.demandStart[std::size_t(u) + 1]; ++k)
                if (p.demandResource[std::size_t(k)] == r && start[std::size_t(u)] <= at
                    && at < start[std::size_t(u)] + p.duration[std::size_t(u)])
                    used += p.demandUnits[std::size_t(k)];
        return used;
    };
    for (const int v : list) {
        double t0 = p.release.empty() ? 0.0 : p.release[std::size_t(v)];
        for (int e = p.inStart[std::size_t(v)]; e < p.inStart[std::size_t(v) + 1]; ++e)
            t0 = std::max(t0, start[std::size_t(p.pred[std::size_t(e)])] + p.duration[std::size_t(p.pred[std::size_t(e)])] + p.lag[std::size_t(e)]);
        std::vector<double> candidates{t0};
        for (const int u : placed)
            if (start[std::size_t(u)] + p.duration[std::size_t(u)] > t0)
                candidates.push_back(start[std::size_t(u)] + p.duration[std::size_t(u)]);
        std::sort(candidates.begin(), candidates.end());
        const double d = p.duration[std::size_t(v)];
        for (const double c : candidates) {
            bool fits = true;
            std::vector<double> points{c};
            for (const int u : placed)
                if (start[std::size_t(u)] > c && start[std::size_t(u)] < c + d)
                    points.push_back(start[std::size_t(u)]);
            for (int k = p.demandStart[std::size_t(v)]; k < p.demandStart[std::size_t(v) + 1] && fits && d > 0; ++k)
                for (const double at : points)
                    if (usage(p.demandResource[std::size_t(k)], at) + p.demandUnits[std::size_t(k)] > p.capacity[std::size_t(p.demandResource[std::size_t(k)])])
                        fits = false;
            if (fits) {
                start[std::size_t(v)] = c;
                break;
            }
        }
        placed.push_back(v);
    }
    return makespanOf(p, start);
}

// The optimum: the best decode over every precedence-feasible list (active schedules
// dominate for minimum lags and releases, and the serial decoder yields all of them).
double bruteForce(const LevelingProblem &p)
{
    double best = std::numeric_limits<double>::infinity();
    std::vector<int> list;
    std::vector<char> used(std::size_t(p.nodes), 0);
    std::function<void()> extend = [&] {
        if (int(list.size()) == p.nodes) {
            best = std::min(best, decode(p, list));
            return;
        }
        for (int v = 0; v < p.nodes; ++v) {
            if (used[std::size_t(v)])
                continue;
            bool ready = true;
            for (int e = p.inStart[std::size_t(v)]; e < p.inStart[std::size_t(v) + 1]; ++e)
                ready = ready && used[std::size_t(p.pred[std::size_t(e)])];
            if (!ready)
                continue;
            used[std::size_t(v)] = 1;
            list.push_back(v);
            extend();
            list.pop_back();
            used[std::size_t(v)] = 0;
        }
    };
    extend();
    return best;
}

// Random problems with everything the engine must handle: fractional and zero durations,
// lags, releases, several resources, nodes that need nothing. Edges go from lower to
// higher index, so the graph is acyclic.
LevelingProblem randomProblem(RcpspGen::Rng &rng, int n)
{
    const double durations[] = {0, 0.875, 1, 1.5, 2, 3, 4, 0.25};
    std::vector<double> duration, release;
    std::vector<Edge> edges;
    std::vector<Demand> demands;
    const int resources = rng.range(1, 3);
    std::vector<int> capacity;
    for (int r = 0; r < resources; ++r)
        capacity.push_back(rng.range(1, 4));
    const bool releases = rng.range(0, 2) == 0;
    for (int v = 0; v < n; ++v) {
        duration.push_back(durations[rng.range(0, 7)]);
        release.push_back(releases && rng.range(0, 3) == 0 ? rng.range(1, 6) * 0.5 : 0.0);
        for (int u = std::max(0, v - 4); u < v; ++u)
            if (rng.range(0, 5) == 0)
                edges.push_back({u, v, rng.range(0, 3) == 0 ? 0.5 * rng.range(1, 3) : 0.0});
        for (int r = 0; r < resources; ++r)
            if (rng.range(0, 2) != 0)
                demands.push_back({v, r, rng.range(1, capacity[std::size_t(r)])});
    }
    return makeProblem(duration, edges, capacity, demands, releases ? release : std::vector<double>{});
}

} // namespace

class TestLeveling : public QObject
{
    Q_OBJECT
private slots:
    void handMade_data();
    void handMade();
    void emptyProblem();
    void bounds();
    void optimumOfTinyProblems();
    void randomProblemsAreValid();
    void deterministic();
    void treeProfileSameSchedule();
    void checkerRefuses_data();
    void checkerRefuses();
};

void TestLeveling::handMade_data()
{
    QTest::addColumn<LevelingProblem>("problem");
    QTest::addColumn<double>("optimum");
    QTest::addColumn<double>("ruleAlone"); // the makespan at effort 1, when it matters

    // Both need the one unit: one after the other.
    QTest::newRow("shared capacity 1") << makeProblem({3, 2}, {}, {1}, {{0, 0, 1}, {1, 0, 1}}) << 5.0 << -1.0;
    // Capacity 2 lets them overlap, a third one must wait for the shorter.
    QTest::newRow("capacity 2") << makeProblem({3, 2, 2}, {}, {2}, {{0, 0, 1}, {1, 0, 1}, {2, 0, 1}}) << 4.0 << -1.0;
    // 2 h, then a 1.5 h lag, then 3 h; no resources.
    QTest::newRow("lag") << makeProblem({2, 3}, {{0, 1, 1.5}}, {1}, {}) << 6.5 << -1.0;
    // A cannot start before 4, so B goes first in the unit's free time: 0..3, A 4..6.
    QTest::newRow("release") << makeProblem({2, 3}, {}, {1}, {{0, 0, 1}, {1, 0, 1}}, {4, 0}) << 6.0 << -1.0;
    // A milestone between A and B holds nothing; the unit's 6 h of work set the makespan.
    QTest::newRow("zero-duration node")
        << makeProblem({2, 0, 3, 1}, {{0, 1, 0}, {1, 2, 0}}, {1}, {{0, 0, 1}, {1, 0, 1}, {2, 0, 1}, {3, 0, 1}}) << 6.0 << -1.0;
    // Fractional hours: 0.875 + 0.875 on one unit, a 0.25 h lag after the first.
    QTest::newRow("fractional") << makeProblem({0.875, 0.875, 1}, {{0, 2, 0.25}}, {1}, {{0, 0, 1}, {1, 0, 1}})
                                << 2.125 << -1.0;
    // Two resources: A and B share r0, B and C share r1; A || C then B.
    QTest::newRow("two resources")
        << makeProblem({2, 2, 2}, {}, {1, 1}, {{0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {2, 1, 1}}) << 4.0 << -1.0;
    // The LFT rule alone is suboptimal: every latest finish is 3 (no precedence), so it
    // takes A (1 h, 2 of 4 units) at 0, B (3 h, all 4 units) at 1..4, and C (3 h, 1 unit)
    // cannot overlap B: 4..7. The optimum runs B 0..3, then A 3..4 beside C 3..6.
    QTest::newRow("LFT suboptimal")
        << makeProblem({1, 3, 3}, {}, {4}, {{0, 0, 2}, {1, 0, 4}, {2, 0, 1}}) << 6.0 << 7.0;
}

void TestLeveling::handMade()
{
    QFETCH(LevelingProblem, problem);
    QFETCH(double, optimum);
    QFETCH(double, ruleAlone);
    const LevelingResult r = levelResources(problem);
    QCOMPARE(QString::fromStdString(checkLeveledSchedule(problem, r.start)), QString());
    QVERIFY2(std::fabs(r.makespan - optimum) < 1e-9, qPrintable(QString::number(r.makespan)));
    QCOMPARE(r.makespan, makespanOf(problem, r.start));
    QCOMPARE(bruteForce(problem), optimum); // the hand figure, checked independently
    if (ruleAlone >= 0) {
        const LevelingResult rule = levelResources(problem, LevelingOptions{1});
        QCOMPARE(QString::fromStdString(checkLeveledSchedule(problem, rule.start)), QString());
        QCOMPARE(rule.makespan, ruleAlone);
    }
}

void TestLeveling::emptyProblem()
{
    const LevelingResult r = levelResources(LevelingProblem{});
    QCOMPARE(r.makespan, 0.0);
    QVERIFY(r.start.empty());
    QCOMPARE(QString::fromStdString(checkLeveledSchedule(LevelingProblem{}, r.start)), QString());
    QCOMPARE(criticalPathBound(LevelingProblem{}), 0.0);
}

void TestLeveling::bounds()
{
    // The chain 0 -> 1 with a lag, and a release on 2: 2 + 1 + 3 = 6 vs 5 + 0.5.
    const LevelingProblem p = makeProblem({2, 3, 0.5}, {{0, 1, 1}}, {1}, {}, {0, 0, 5});
    QCOMPARE(criticalPathBound(p), 6.0);
    QCOMPARE(levelResources(p).makespan, 6.0);
    QVERIFY(defaultLevelingEffort(30) >= 1000);
    QVERIFY(defaultLevelingEffort(120) >= 1000);
    QVERIFY(defaultLevelingEffort(1000) <= defaultLevelingEffort(120));
    QCOMPARE(defaultLevelingEffort(10000000), 1);
    // The effort is honoured exactly.
    const LevelingProblem q = RcpspGen::project({30, 4, 1.8, 0.5, 0.2}, 5);
    QVERIFY(levelResources(q, LevelingOptions{1}).schedulesTried == 1);
    const LevelingResult r = levelResources(q, LevelingOptions{37});
    QVERIFY(r.schedulesTried <= 37);
    QVERIFY(r.makespan >= r.lowerBound - 1e-9);
}

void TestLeveling::optimumOfTinyProblems()
{
    RcpspGen::Rng rng(20261202);
    int equal = 0;
    const int count = 200;
    for (int i = 0; i < count; ++i) {
        const LevelingProblem p = randomProblem(rng, rng.range(2, 7));
        const LevelingResult r = levelResources(p);
        const std::string error = checkLeveledSchedule(p, r.start);
        QVERIFY2(error.empty(), error.c_str());
        const double optimum = bruteForce(p);
        QVERIFY2(r.makespan >= optimum - 1e-9, "the engine beat the enumeration: one of them is wrong");
        equal += r.makespan <= optimum + 1e-9;
    }
    QVERIFY2(equal >= count * 99 / 100, qPrintable(QStringLiteral("%1 of %2 optimal").arg(equal).arg(count)));
    qInfo("%d of %d tiny problems solved to optimality", equal, count);
}

void TestLeveling::randomProblemsAreValid()
{
    RcpspGen::Rng rng(77);
    const int efforts[] = {1, 2, 3, 10, 40};
    for (int i = 0; i < 1000; ++i) {
        const LevelingProblem p = i % 4 == 0
            ? RcpspGen::project({rng.range(10, 60), 4, 1.5 + 0.3 * rng.range(0, 2), 0.25 * rng.range(1, 4), 0.1 * rng.range(1, 7)}, std::uint64_t(i))
            : randomProblem(rng, rng.range(8, 120));
        const LevelingResult r = levelResources(p, LevelingOptions{efforts[i % 5]});
        const std::string error = checkLeveledSchedule(p, r.start);
        QVERIFY2(error.empty(), qPrintable(QStringLiteral("problem %1: %2").arg(i).arg(QString::fromStdString(error))));
        QVERIFY(r.makespan >= criticalPathBound(p) - 1e-9);
        QCOMPARE(r.makespan, makespanOf(p, r.start));
        QVERIFY(r.schedulesTried >= 1 && r.schedulesTried <= efforts[i % 5]);
    }
}

void TestLeveling::deterministic()
{
    const LevelingProblem p = RcpspGen::project({120, 4, 2.1, 0.75, 0.2}, 99);
    const LevelingResult a = levelResources(p);
    const LevelingProblem copy = p;
    const LevelingResult b = levelResources(copy);
    QCOMPARE(a.schedulesTried, b.schedulesTried);
    QCOMPARE(a.start.size(), b.start.size());
    QVERIFY(std::memcmp(a.start.data(), b.start.data(), a.start.size() * sizeof(double)) == 0);
    QVERIFY(std::memcmp(&a.makespan, &b.makespan, sizeof(double)) == 0);
}

// The tree profile only takes over on big or pathological graphs; it must give the very
// same schedules as the flat one.
void TestLeveling::treeProfileSameSchedule()
{
    RcpspGen::Rng rng(4242);
    for (int i = 0; i < 150; ++i) {
        const LevelingProblem p = i % 3 == 0 ? RcpspGen::layered(rng.range(50, 2000), 5, std::uint64_t(i))
                                             : randomProblem(rng, rng.range(5, 150));
        LevelingOptions flat{i % 3 == 0 ? 3 : 30};
        LevelingOptions tree = flat;
        tree.treeProfile = true;
        const LevelingResult a = levelResources(p, flat), b = levelResources(p, tree);
        const std::string error = checkLeveledSchedule(p, b.start);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(a.schedulesTried, b.schedulesTried);
        QVERIFY2(std::memcmp(a.start.data(), b.start.data(), a.start.size() * sizeof(double)) == 0,
                 qPrintable(QStringLiteral("problem %1").arg(i)));
    }
    // A chain with 1 h lags goes first (it has the earliest latest finishes) and leaves
    // 1 h gaps all along the one unit; then every loose node fills the first gap left, at
    // the front of the flat array: quadratic, so the pass switches to the tree midway.
    const int chain = 3000;
    std::vector<double> duration(std::size_t(2 * chain), 1.0);
    std::vector<Edge> edges;
    std::vector<Demand> demands;
    for (int v = 0; v < 2 * chain; ++v) {
        demands.push_back({v, 0, 1});
        if (v > 0 && v < chain)
            edges.push_back({v - 1, v, 1.0});
    }
    const LevelingProblem p = makeProblem(duration, edges, {1}, demands);
    LevelingOptions tree{1};
    tree.treeProfile = true;
    const LevelingResult a = levelResources(p, LevelingOptions{1}), b = levelResources(p, tree);
    QCOMPARE(QString::fromStdString(checkLeveledSchedule(p, a.start)), QString());
    QCOMPARE(a.makespan, double(2 * chain));
    QVERIFY(std::memcmp(a.start.data(), b.start.data(), a.start.size() * sizeof(double)) == 0);
}

void TestLeveling::checkerRefuses_data()
{
    QTest::addColumn<LevelingProblem>("problem");
    QTest::addColumn<std::vector<double>>("start");
    QTest::addColumn<QString>("mentions");

    const LevelingProblem two = makeProblem({3, 2}, {}, {1}, {{0, 0, 1}, {1, 0, 1}});
    QTest::newRow("overload") << two << std::vector<double>{0, 2.5} << "resource 0 holds 2 units of 1";
    QTest::newRow("overload by a hair") << two << std::vector<double>{0, 2.99} << "resource 0";
    QTest::newRow("overload at the same start") << two << std::vector<double>{1, 1} << "at time 1";
    const LevelingProblem chain = makeProblem({2, 3}, {{0, 1, 1.5}}, {1}, {});
    QTest::newRow("broken precedence") << chain << std::vector<double>{0, 3} << "predecessor 0";
    QTest::newRow("broken release") << makeProblem({2}, {}, {1}, {}, {4}) << std::vector<double>{3} << "release";
    QTest::newRow("negative start") << chain << std::vector<double>{-1, 5} << "node 0 starts at -1";
    QTest::newRow("wrong size") << chain << std::vector<double>{0} << "1 starts for 2 nodes";
}

void TestLeveling::checkerRefuses()
{
    QFETCH(LevelingProblem, problem);
    QFETCH(std::vector<double>, start);
    QFETCH(QString, mentions);
    const QString error = QString::fromStdString(checkLeveledSchedule(problem, start));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    // Touching intervals and drift below the tolerance are not overloads.
    if (QByteArray(QTest::currentDataTag()) == "overload") {
        QCOMPARE(QString::fromStdString(checkLeveledSchedule(problem, {0, 3})), QString());
        QCOMPARE(QString::fromStdString(checkLeveledSchedule(problem, {0, 3 - 1e-8})), QString());
    }
}

QTEST_GUILESS_MAIN(TestLeveling)
#include "tst_leveling.moc"
