// The Monte Carlo risk engine against the plain schedule pass it repeats: generates layered
// random DAGs (half the leaves Uniform, a quarter Triangular, a quarter Fixed), times
// simulateRisk and, in the same process, one single-thread forward + backward pass over the
// same graph with fixed durations (best of 15). The ratio "per run / pass" is what a run
// costs in wall time relative to that pass: the target is <= 1.0 on two cores.
//   risk_bench [THREADS]          (0 = all cores, the default)
#include "model/engine/risk.h"
#include "model/engine/riskstats.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <thread>
#include <vector>

using namespace Workplan;

namespace {

double cpu()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Layers of `width` leaves; a leaf takes 1-3 predecessors from the two layers before it,
// about a third of them with a lag. Numbered layer by layer, so `order` is the identity
// (the engine's renumbering then has nothing to win over the baseline).
RiskProblem layered(int leaves, int width, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    RiskProblem p;
    p.nodes = leaves;
    p.inStart.push_back(0);
    for (int v = 0; v < leaves; ++v) {
        p.order.push_back(v);
        const int layer = v / width;
        if (layer > 0) {
            const int from = std::max(0, (layer - 2) * width);
            const int span = layer * width - from;
            const int k = 1 + int(rng() % 3);
            for (int i = 0; i < k; ++i) {
                p.pred.push_back(from + int(rng() % unsigned(span)));
                p.lag.push_back(unit(rng) < 0.3 ? std::floor(unit(rng) * 8) * 0.5 : 0.0);
            }
        }
        p.inStart.push_back(int(p.pred.size()));
        const double m = 1 + std::floor(unit(rng) * 40);
        const int kind = int(rng() % 4);
        p.kind.push_back(kind < 2 ? RiskProblem::Kind::Uniform
                                  : kind == 2 ? RiskProblem::Kind::Triangular : RiskProblem::Kind::Fixed);
        p.low.push_back(m * 0.7);
        p.mode.push_back(m);
        p.high.push_back(m * 1.6);
        p.leaf.push_back(1);
    }
    p.deadlineNode = {leaves / 2, leaves - 1};
    p.deadlineOffset = {1e3, 1e4};
    return p;
}

// The plain pass, written as the analyzer writes it: ES forward through the in-edges,
// LF backward pushed to the predecessors, slack and makespan.
struct Baseline
{
    std::vector<double> duration, es, lf;
    double makespan = 0;
    int critical = 0;

    void run(const RiskProblem &p)
    {
        const int *inStart = p.inStart.data();
        const int *pred = p.pred.data();
        const double *lag = p.lag.data();
        const double *dur = duration.data();
        double *e = es.data();
        double mk = 0;
        for (int v : p.order) {
            double start = 0;
            for (int i = inStart[v]; i < inStart[v + 1]; ++i) {
                const int u = pred[i];
                start = std::max(start, e[u] + dur[u] + lag[i]);
            }
            e[v] = start;
            mk = std::max(mk, start + dur[v]);
        }
        std::fill(lf.begin(), lf.end(), mk);
        double *late = lf.data();
        int crit = 0;
        for (auto it = p.order.rbegin(); it != p.order.rend(); ++it) {
            const int v = *it;
            const double ls = late[v] - dur[v];
            crit += std::fabs(ls - e[v]) <= 1e-6;
            for (int i = inStart[v]; i < inStart[v + 1]; ++i)
                late[pred[i]] = std::min(late[pred[i]], ls - lag[i]);
        }
        makespan = mk;
        critical = crit;
    }
};

void bench(int leaves, int width, int runs, int threads)
{
    const RiskProblem p = layered(leaves, width, 7);
    Baseline base;
    base.duration = p.mode;
    base.es.resize(std::size_t(leaves));
    base.lf.resize(std::size_t(leaves));
    double pass = 1e30;
    for (int i = 0; i < 15; ++i) {
        const double t0 = now();
        base.run(p);
        pass = std::min(pass, now() - t0);
    }

    RiskOptions o;
    o.runs = runs;
    o.seed = 42;
    o.threads = threads;
    RiskResult r;
    double best = 1e30, bestCpu = 1e30;
    for (int i = 0; i < 3; ++i) {
        const double t0 = now(), c0 = cpu();
        r = simulateRisk(p, base.makespan, o);
        best = std::min(best, now() - t0);
        bestCpu = std::min(bestCpu, cpu() - c0);
    }
    // The sensitivity pass alone (part of the time above), to show where the time goes.
    std::vector<double> fixed;
    std::vector<RiskDetail::Draw> draws;
    RiskDetail::prepareDraws(p, nullptr, fixed, draws);
    std::vector<double> makespans(static_cast<std::size_t>(runs));
    for (int i = 0; i < runs; ++i)
        makespans[std::size_t(i)] = r.mean + double((i * 7919) % runs); // any spread will do
    std::vector<double> sens;
    const int hw = int(std::max(1u, std::thread::hardware_concurrency()));
    const double s0 = now(), sc0 = cpu();
    RiskDetail::sensitivities(draws, p.leaf, makespans, 42, threads > 0 ? threads : hw, {}, sens);
    const double spearmanTime = now() - s0, spearmanCpu = cpu() - sc0;

    const double perRun = best / runs;
    std::printf("%7d leaves, %6zu edges, %5d runs, threads %d: pass %.3f ms (best of 15); simulateRisk %.3f s "
                "(sensitivity %.3f s) = %.0f runs/s, %.3g task-iterations/s, per run / pass = %.2f\n",
                leaves, p.pred.size(), runs, threads > 0 ? threads : hw, pass * 1e3, best, spearmanTime,
                runs / best, double(runs) * leaves / best, perRun / pass);
    std::printf("        CPU: simulateRisk %.3f s (sensitivity %.3f s), per run CPU / pass = %.2f\n", bestCpu,
                spearmanCpu, bestCpu / runs / pass);
    std::printf("        deterministic %.1f h, mean %.1f, stdev %.2f, p50 %.1f, p95 %.1f, on time %.3f\n",
                base.makespan, r.mean, r.stdev, r.p50, r.p95, r.onTimeProbability);
}

} // namespace

int main(int argc, char *argv[])
{
    const int threads = argc > 1 ? std::atoi(argv[1]) : 0;
    bench(10000, 100, 2000, threads);
    bench(100000, 300, 200, threads);
    return 0;
}
