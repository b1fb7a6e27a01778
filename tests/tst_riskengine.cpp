// §8: the Monte Carlo engine alone, on hand-made graphs. Figures with an analytic answer are
// checked within 5 standard errors of the run count; everything a run computes is also
// checked exactly against a plain re-computation from the drawn durations.
#include "model/engine/risk.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <thread>

using namespace Workplan;

namespace {

using Kind = RiskProblem::Kind;

// Builds a problem node by node; edges are (pred, lag) pairs; the order is the node order
// unless set afterwards.
struct Builder
{
    RiskProblem p;
    std::vector<std::vector<std::pair<int, double>>> in;

    int add(Kind kind, double low, double mode, double high, bool leaf = true)
    {
        p.kind.push_back(kind);
        p.low.push_back(low);
        p.mode.push_back(mode);
        p.high.push_back(high);
        p.leaf.push_back(leaf ? 1 : 0);
        in.emplace_back();
        return p.nodes++;
    }
    int uniform(double a, double b) { return add(Kind::Uniform, a, 0, b); }
    int fixed(double d) { return add(Kind::Fixed, d, 0, d); }
    void edge(int from, int to, double lag = 0) { in[std::size_t(to)].push_back({from, lag}); }
    RiskProblem done()
    {
        p.inStart = {0};
        for (const auto &edges : in) {
            for (const auto &e : edges) {
                p.pred.push_back(e.first);
                p.lag.push_back(e.second);
            }
            p.inStart.push_back(int(p.pred.size()));
        }
        if (p.order.empty()) {
            p.order.resize(std::size_t(p.nodes));
            std::iota(p.order.begin(), p.order.end(), 0);
        }
        return p;
    }
};

RiskResult simulate(const RiskProblem &p, int runs, double deterministic = 0, int threads = 0, bool keep = false)
{
    RiskOptions o;
    o.runs = runs;
    o.seed = 20240611;
    o.threads = threads;
    o.keepMakespans = keep;
    RiskResult r = simulateRisk(p, deterministic, o);
    if (!r.error.empty())
        qWarning("%s", r.error.c_str());
    return r;
}

// Within k standard errors of an estimate from `runs` samples of spread sigma.
bool near(double got, double want, double sigma, int runs, double k = 5)
{
    const double tolerance = k * sigma / std::sqrt(double(runs));
    if (std::fabs(got - want) <= tolerance)
        return true;
    qWarning("got %.6f, want %.6f +- %.6f", got, want, tolerance);
    return false;
}

// §4 on the durations run r drew, written plainly: makespan, critical leaves, deadline hits.
struct Reference
{
    std::vector<double> makespans, criticality, deadline;

    Reference(const RiskProblem &p, std::uint64_t seed, int runs)
    {
        const std::size_t n = std::size_t(p.nodes);
        criticality.assign(n, 0);
        deadline.assign(p.deadlineNode.size(), 0);
        std::vector<double> d(n), es(n), lf(n);
        for (int r = 0; r < runs; ++r) {
            for (std::size_t v = 0; v < n; ++v)
                d[v] = riskDrawnDuration(p, seed, r, int(v));
            double mk = 0;
            for (int v : p.order) {
                double s = p.release.empty() ? 0.0 : p.release[std::size_t(v)];
                for (int e = p.inStart[std::size_t(v)]; e < p.inStart[std::size_t(v) + 1]; ++e) {
                    const std::size_t u = std::size_t(p.pred[std::size_t(e)]);
                    s = std::max(s, es[u] + d[u] + p.lag[std::size_t(e)]);
                }
                es[std::size_t(v)] = s;
                mk = std::max(mk, s + d[std::size_t(v)]);
            }
            makespans.push_back(mk);
            std::fill(lf.begin(), lf.end(), mk);
            for (auto it = p.order.rbegin(); it != p.order.rend(); ++it) {
                const std::size_t v = std::size_t(*it);
                const double ls = lf[v] - d[v];
                for (int e = p.inStart[v]; e < p.inStart[v + 1]; ++e) {
                    const std::size_t u = std::size_t(p.pred[std::size_t(e)]);
                    lf[u] = std::min(lf[u], ls - p.lag[std::size_t(e)]);
                }
                if (p.leaf[v] && std::fabs(ls - es[v]) <= 1e-6)
                    criticality[v] += 1.0 / runs;
            }
            for (std::size_t k = 0; k < deadline.size(); ++k) {
                const std::size_t v = std::size_t(p.deadlineNode[k]);
                if (es[v] + d[v] <= p.deadlineOffset[k] + 1e-6)
                    deadline[k] += 1.0 / runs;
            }
        }
    }
};

// Leaves with mixed distributions, helper nodes, lags, releases and deadlines, numbered
// out of topological order so that the engine's renumbering is exercised.
RiskProblem randomProblem(int nodes, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0, 1);
    Builder b;
    std::vector<int> id(static_cast<std::size_t>(nodes)); // topological rank -> node number
    std::iota(id.begin(), id.end(), 0);
    std::shuffle(id.begin(), id.end(), rng);
    std::vector<int> rankOf(static_cast<std::size_t>(nodes));
    for (int i = 0; i < nodes; ++i)
        rankOf[std::size_t(id[std::size_t(i)])] = i;
    for (int v = 0; v < nodes; ++v) {
        const double m = 1 + std::floor(unit(rng) * 20);
        switch (rng() % 5) {
        case 0: b.add(Kind::Fixed, 0, 0, 0, false); break; // a summary's start or finish
        case 1: b.fixed(m); break;
        case 2: b.add(Kind::Triangular, m * 0.5, m, m * 2); break;
        default: b.uniform(m * 0.8, m * 1.5); break;
        }
    }
    for (int v = 0; v < nodes; ++v) {
        const int rank = rankOf[std::size_t(v)];
        for (int k = 0; rank > 0 && k < 3; ++k)
            b.edge(id[rng() % unsigned(rank)], v, rng() % 3 == 0 ? 2.5 : 0.0);
    }
    b.p.order = id;
    b.p.release.assign(std::size_t(nodes), 0.0);
    for (int k = 0; k < nodes / 10; ++k)
        b.p.release[rng() % unsigned(nodes)] = std::floor(unit(rng) * 30);
    for (int k = 0; k < 4; ++k) {
        b.p.deadlineNode.push_back(int(rng() % unsigned(nodes)));
        b.p.deadlineOffset.push_back(20 + 10 * k);
    }
    return b.done();
}

} // namespace

class TestRiskEngine : public QObject
{
    Q_OBJECT
private slots:
    void spearmanAveragesTies();
    void oneUniformLeaf();
    void chainAddsUp();
    void parallelLeavesShareCriticality();
    void triangularLeaf();
    void fixedLeafDominates();
    void nearestRankPercentiles();
    void sensitivityIsSpearmanOfDraws();
    void runsMatchPlainSchedule();
    void identicalForAnyThreadCount();
    void deadlines();
    void releaseRespected();
    void cancelAndProgress();
    void malformedAndEmpty();
};

void TestRiskEngine::spearmanAveragesTies()
{
    // Ranks 1, 2.5, 2.5, 4 against 1, 3, 2, 4: centred products 4.5, squares 4.5 and 5.
    QCOMPARE(spearman({1, 2, 2, 3}, {1, 3, 2, 4}), 4.5 / std::sqrt(4.5 * 5));
    QVERIFY(std::fabs(spearman({1, 2, 2, 3}, {1, 3, 2, 4}) - std::sqrt(0.9)) < 1e-15);
    // Ranks 1.5, 1.5, 3.5, 3.5 against 1..4: 2 / sqrt(5).
    QVERIFY(std::fabs(spearman({1, 1, 2, 2}, {1, 2, 3, 4}) - 2 / std::sqrt(5.0)) < 1e-15);
    QCOMPARE(spearman({1, 2, 3}, {10, 20, 40}), 1.0);
    QCOMPARE(spearman({1, 2, 3}, {5, 4, -1}), -1.0);
    QCOMPARE(spearman({1, 2, 3}, {7, 7, 7}), 0.0); // zero variance
    QCOMPARE(spearman({1, 2}, {1}), 0.0);
    QCOMPARE(spearman({1}, {1}), 0.0);
}

void TestRiskEngine::oneUniformLeaf()
{
    Builder b;
    b.uniform(10, 20);
    const RiskProblem p = b.done();
    const int runs = 20000;
    const RiskResult r = simulate(p, runs, 15, 0, true);
    const double sigma = 10 / std::sqrt(12.0);
    QCOMPARE(r.runs, runs);
    QVERIFY(near(r.mean, 15, sigma, runs));
    QVERIFY(near(r.stdev, sigma, sigma * std::sqrt(0.2), runs)); // kurtosis 1.8: var(s) ~ sigma^2 (1.8 - 1) / 4n
    QVERIFY(near(r.p50, 15, 10 / 2.0, runs));                  // median: 1 / (2 f) = (b - a) / 2
    QVERIFY(near(r.onTimeProbability, 0.5, 0.5, runs));
    QVERIFY(r.min >= 10 && r.max < 20 && r.min < 10.01 && r.max > 19.99);
    QCOMPARE(r.criticality[0], 1.0);
    QVERIFY(std::fabs(r.sensitivity[0] - 1) < 1e-12);
    for (int i = 0; i < runs; i += 997)
        QCOMPARE(r.makespans[std::size_t(i)], riskDrawnDuration(p, 20240611, i, 0));
    QCOMPARE(int(r.histogramEdges.size()), 31);
    QCOMPARE(r.histogramEdges.front(), r.min);
    QCOMPARE(r.histogramEdges.back(), r.max);
    QCOMPARE(std::accumulate(r.histogramCounts.begin(), r.histogramCounts.end(), 0), runs);
    for (int c : r.histogramCounts)
        QVERIFY(near(c / double(runs), 1 / 30.0, std::sqrt(1 / 30.0), runs));
}

void TestRiskEngine::chainAddsUp()
{
    // a -> b -> c -> d with lags 1, 0, 2.5: means and variances add, lags shift.
    Builder b;
    const double lo[] = {1, 4, 0, 10}, hi[] = {3, 10, 1, 30};
    double mean = 1 + 2.5, variance = 0;
    for (int i = 0; i < 4; ++i) {
        b.uniform(lo[i], hi[i]);
        mean += (lo[i] + hi[i]) / 2;
        variance += (hi[i] - lo[i]) * (hi[i] - lo[i]) / 12;
    }
    b.edge(0, 1, 1);
    b.edge(1, 2);
    b.edge(2, 3, 2.5);
    const int runs = 20000;
    const RiskResult r = simulate(b.done(), runs);
    QVERIFY(near(r.mean, mean, std::sqrt(variance), runs));
    QVERIFY(near(r.stdev, std::sqrt(variance), std::sqrt(variance) * std::sqrt(0.5), runs)); // kurtosis < 3
    for (int i = 0; i < 4; ++i)
        QCOMPARE(r.criticality[std::size_t(i)], 1.0);
    // The widest range drives the makespan most.
    QVERIFY(r.sensitivity[3] > 0.9);
    QVERIFY(r.sensitivity[2] < r.sensitivity[0] && r.sensitivity[0] < r.sensitivity[1] && r.sensitivity[1] < r.sensitivity[3]);
}

void TestRiskEngine::parallelLeavesShareCriticality()
{
    // Four identical leaves into a summary's finish (a helper node, not a leaf).
    Builder b;
    const int n = 4;
    for (int i = 0; i < n; ++i)
        b.uniform(0, 10);
    const int finish = b.add(Kind::Fixed, 0, 0, 0, false);
    for (int i = 0; i < n; ++i)
        b.edge(i, finish);
    const int runs = 20000;
    const RiskResult r = simulate(b.done(), runs);
    double total = 0;
    for (int i = 0; i < n; ++i) {
        QVERIFY(near(r.criticality[std::size_t(i)], 1.0 / n, std::sqrt(1.0 / n * (1 - 1.0 / n)), runs));
        total += r.criticality[std::size_t(i)];
    }
    QVERIFY(std::fabs(total - 1) < 1e-3); // one leaf ends last in (almost) every run
    QCOMPARE(r.criticality[std::size_t(finish)], 0.0);
    QCOMPARE(r.sensitivity[std::size_t(finish)], 0.0);
    // The maximum of n uniforms on [0, 10]: mean 10 n / (n + 1), variance 100 n / ((n + 1)^2 (n + 2)).
    QVERIFY(near(r.mean, 10.0 * n / (n + 1), std::sqrt(100.0 * n / ((n + 1) * (n + 1) * (n + 2))), runs));
}

void TestRiskEngine::triangularLeaf()
{
    Builder b;
    b.add(Kind::Triangular, 2, 5, 11);
    b.add(Kind::Triangular, 4, 4, 4);  // o == p: fixed
    b.add(Kind::Triangular, 4, 9, 6);  // out of order: fixed at the mode
    const RiskProblem p = b.done();
    const int runs = 20000;
    const RiskResult r = simulate(p, runs);
    QVERIFY(r.min >= 9); // the fixed 9 h leaf runs beside the triangle
    // Mean (o + m + p) / 3 = 6, variance (o^2 + m^2 + p^2 - om - op - mp) / 18 = 3.5.
    Builder alone;
    alone.add(Kind::Triangular, 2, 5, 11);
    const RiskResult t = simulate(alone.done(), runs);
    QVERIFY(near(t.mean, 6, std::sqrt(3.5), runs));
    // Kurtosis 2.4: var(s) ~ sigma^2 (2.4 - 1) / 4n.
    QVERIFY(near(t.stdev, std::sqrt(3.5), std::sqrt(3.5) * std::sqrt(1.4 / 4), runs));
    // F(m) = 1/3, so the median is p - sqrt(0.5 (p - o)(p - m)); f(median) = 2 (p - x) / ((p - o)(p - m)).
    const double median = 11 - std::sqrt(27.0);
    QVERIFY(near(t.p50, median, 1 / (2 * 2 * (11 - median) / 54), runs));
    QVERIFY(t.min >= 2 && t.max <= 11);
    QCOMPARE(riskDrawnDuration(p, 1, 5, 1), 4.0);
    QCOMPARE(riskDrawnDuration(p, 1, 5, 2), 9.0);
    QCOMPARE(r.sensitivity[1], 0.0);
    QCOMPARE(r.sensitivity[2], 0.0);
}

void TestRiskEngine::fixedLeafDominates()
{
    Builder b;
    b.fixed(10);
    b.uniform(1, 5);
    const int runs = 5000;
    const RiskResult r = simulate(b.done(), runs, 10);
    QCOMPARE(r.onTimeProbability, 1.0);
    QCOMPARE(r.criticality[0], 1.0);
    QCOMPARE(r.criticality[1], 0.0);
    QCOMPARE(r.sensitivity[0], 0.0);
    QCOMPARE(r.sensitivity[1], 0.0); // the makespan never varies: 0, not NaN
    QCOMPARE(r.mean, 10.0);
    QCOMPARE(r.stdev, 0.0);
    QCOMPARE(r.p10, 10.0);
    QCOMPARE(r.p95, 10.0);
    QVERIFY(r.histogramCounts == std::vector<int>{runs});
    QVERIFY(r.histogramEdges == (std::vector<double>{10, 10}));
}

void TestRiskEngine::nearestRankPercentiles()
{
    Builder b;
    b.uniform(0, 100);
    const RiskProblem p = b.done();
    // runs -> expected 1-based ranks of p10, p50, p80, p90, p95 (ceil(K runs / 100)).
    const std::vector<std::pair<int, std::vector<int>>> cases = {
        {1, {1, 1, 1, 1, 1}}, {7, {1, 4, 6, 7, 7}}, {10, {1, 5, 8, 9, 10}}, {20, {2, 10, 16, 18, 19}}, {101, {11, 51, 81, 91, 96}}};
    for (const auto &c : cases) {
        const RiskResult r = simulate(p, c.first, 50, 0, true);
        std::vector<double> sorted = r.makespans;
        std::sort(sorted.begin(), sorted.end());
        const double got[] = {r.p10, r.p50, r.p80, r.p90, r.p95};
        for (int k = 0; k < 5; ++k)
            QCOMPARE(got[k], sorted[std::size_t(c.second[std::size_t(k)] - 1)]);
        QCOMPARE(r.min, sorted.front());
        QCOMPARE(r.max, sorted.back());
        double sum = 0;
        for (double x : r.makespans)
            sum += x;
        QCOMPARE(r.mean, sum / c.first);
        const auto onTime = std::count_if(sorted.begin(), sorted.end(), [](double x) { return x <= 50 + 1e-6; });
        QCOMPARE(r.onTimeProbability, double(onTime) / c.first);
    }
}

void TestRiskEngine::sensitivityIsSpearmanOfDraws()
{
    const std::uint64_t seed = 20240611;
    auto drawn = [&](const RiskProblem &p, int v, int runs) {
        std::vector<double> x;
        for (int i = 0; i < runs; ++i)
            x.push_back(riskDrawnDuration(p, seed, i, v));
        return x;
    };
    // A range so narrow next to its size that 5000 draws take only a handful of values:
    // distinct u, equal durations. Both sides then tie alike and must take average ranks.
    Builder narrow;
    narrow.uniform(1e6, 1e6 + 1e-9);
    const RiskProblem a = narrow.done();
    const RiskResult ra = simulate(a, 5000, 0, 0, true);
    std::vector<double> x = drawn(a, 0, 5000);
    std::sort(x.begin(), x.end());
    QVERIFY(std::unique(x.begin(), x.end()) - x.begin() < 20);
    QVERIFY(std::fabs(ra.sensitivity[0] - 1) < 1e-12);
    QVERIFY(std::fabs(ra.sensitivity[0] - spearman(drawn(a, 0, 5000), ra.makespans)) < 1e-12);

    // triangle -> uniform, beside a uniform -> fixed chain that sometimes ends last.
    Builder b;
    b.add(Kind::Triangular, 1, 2, 6);
    b.uniform(0, 3);
    b.uniform(2, 7);
    b.fixed(2);
    b.edge(0, 1);
    b.edge(2, 3);
    const RiskProblem p = b.done();
    const int runs = 3001;
    const RiskResult r = simulate(p, runs, 0, 0, true);
    for (int v = 0; v < 3; ++v)
        QVERIFY(std::fabs(r.sensitivity[std::size_t(v)] - spearman(drawn(p, v, runs), r.makespans)) < 1e-12);
    // The second chain (mean 6.5 h against 4.5 h) usually ends last and drives the makespan;
    // the first matters only in the runs where it overtakes (about 0.14 and 0.12 here).
    QVERIFY(r.sensitivity[2] > 0.8);
    QVERIFY(r.sensitivity[0] > 0.05 && r.sensitivity[0] < 0.3);
    QVERIFY(r.sensitivity[1] > 0.05 && r.sensitivity[1] < 0.3);
    QCOMPARE(r.sensitivity[3], 0.0);
}

void TestRiskEngine::runsMatchPlainSchedule()
{
    const RiskProblem p = randomProblem(300, 11);
    const int runs = 203;
    const RiskResult r = simulate(p, runs, 0, 2, true);
    const Reference ref(p, 20240611, runs);
    QVERIFY(r.makespans == ref.makespans);
    for (int v = 0; v < p.nodes; ++v)
        QVERIFY(std::fabs(r.criticality[std::size_t(v)] - ref.criticality[std::size_t(v)]) < 1e-9);
    for (std::size_t k = 0; k < ref.deadline.size(); ++k)
        QVERIFY(std::fabs(r.deadlineProbability[k] - ref.deadline[k]) < 1e-9);
}

void TestRiskEngine::identicalForAnyThreadCount()
{
    const RiskProblem p = randomProblem(500, 5);
    const RiskResult one = simulate(p, 1003, 60, 1, true); // not a multiple of the batch size
    QVERIFY(one.stdev > 0);
    for (int threads : {2, 3}) {
        const RiskResult r = simulate(p, 1003, 60, threads, true);
        // == throughout: QCOMPARE would compare doubles fuzzily.
        QVERIFY(r.makespans == one.makespans);
        QVERIFY(r.mean == one.mean);
        QVERIFY(r.stdev == one.stdev);
        const double a[] = {r.min, r.max, r.p10, r.p50, r.p80, r.p90, r.p95, r.onTimeProbability};
        const double b[] = {one.min, one.max, one.p10, one.p50, one.p80, one.p90, one.p95, one.onTimeProbability};
        QVERIFY(std::equal(std::begin(a), std::end(a), std::begin(b)));
        QVERIFY(r.criticality == one.criticality);
        QVERIFY(r.sensitivity == one.sensitivity);
        QVERIFY(r.deadlineProbability == one.deadlineProbability);
        QVERIFY(r.histogramEdges == one.histogramEdges);
        QVERIFY(r.histogramCounts == one.histogramCounts);
    }
    RiskOptions o;
    o.runs = 1003;
    o.seed = 7;
    QVERIFY(simulateRisk(p, 60, o).mean != one.mean);
}

void TestRiskEngine::deadlines()
{
    Builder b;
    b.uniform(0, 10);
    b.uniform(0, 10);
    b.edge(0, 1);
    b.p.deadlineNode = {0, 1, 1, 0};
    b.p.deadlineOffset = {3, 10, 20, 0};
    const int runs = 20000;
    const RiskResult r = simulate(b.done(), runs);
    QVERIFY(near(r.deadlineProbability[0], 0.3, std::sqrt(0.21), runs));
    QVERIFY(near(r.deadlineProbability[1], 0.5, 0.5, runs)); // the sum of two uniforms <= its mean
    QCOMPARE(r.deadlineProbability[2], 1.0);
    QCOMPARE(r.deadlineProbability[3], 0.0);
}

void TestRiskEngine::releaseRespected()
{
    // a [0, 10] -> b [1, 2], b not before 5: makespan = max(5, a) + b.
    Builder b;
    b.uniform(0, 10);
    b.uniform(1, 2);
    b.edge(0, 1);
    b.p.release = {0, 5};
    const RiskProblem p = b.done();
    const RiskResult r = simulate(p, 4000, 0, 0, true);
    double waits = 0;
    for (int i = 0; i < 4000; ++i) {
        const double a = riskDrawnDuration(p, 20240611, i, 0);
        QCOMPARE(r.makespans[std::size_t(i)], std::max(5.0, a) + riskDrawnDuration(p, 20240611, i, 1));
        waits += a < 5;
    }
    QVERIFY(r.min >= 6);
    // a is critical only when it ends after the release.
    QVERIFY(std::fabs(r.criticality[0] - (1 - waits / 4000)) < 1e-9);
    QCOMPARE(r.criticality[1], 1.0);
}

void TestRiskEngine::cancelAndProgress()
{
    const RiskProblem p = randomProblem(2000, 3);
    for (int threads : {1, 2}) {
        RiskOptions o;
        o.runs = 3000;
        o.threads = threads;
        o.progress = [](int) { return false; };
        const RiskResult stopped = simulateRisk(p, 0, o);
        QVERIFY(stopped.cancelled);
        QCOMPARE(stopped.runs, 0);
        QVERIFY(stopped.criticality.empty());

        std::vector<int> seen;
        const auto caller = std::this_thread::get_id();
        bool sameThread = true;
        o.progress = [&](int done) {
            seen.push_back(done);
            sameThread = sameThread && std::this_thread::get_id() == caller;
            return true;
        };
        const RiskResult r = simulateRisk(p, 0, o);
        QVERIFY(!r.cancelled);
        QCOMPARE(r.runs, 3000);
        QVERIFY(sameThread);
        QVERIFY(!seen.empty());
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QVERIFY(seen.back() == 3000);
    }
}

void TestRiskEngine::malformedAndEmpty()
{
    Builder b;
    b.uniform(0, 1);
    b.uniform(0, 1);
    b.edge(1, 0);
    RiskProblem p = b.done(); // order 0, 1 but 0 waits for 1
    QVERIFY(!simulate(p, 10).error.empty());
    p.order = {1, 0};
    QVERIFY(simulate(p, 10).error.empty());
    QVERIFY(!simulate(p, 0).error.empty());
    p.low.pop_back();
    QVERIFY(!simulate(p, 10).error.empty());

    const RiskResult empty = simulate(Builder().done(), 100);
    QVERIFY(empty.error.empty());
    QCOMPARE(empty.mean, 0.0);
    QCOMPARE(empty.p95, 0.0);
    QCOMPARE(empty.onTimeProbability, 1.0);
}

QTEST_GUILESS_MAIN(TestRiskEngine)
#include "tst_riskengine.moc"
