#include "risk.h"

#include "riskstats.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <thread>

namespace Workplan {

using namespace RiskDetail;

namespace {

// Runs go through the graph in batches of Lanes: each node's values for the batch sit side
// by side ([position][lane]), so the graph's arrays are read once per batch instead of once
// per run, and the per-lane loops are straight vector code. 8 doubles = one cache line.
constexpr int Lanes = 8;
constexpr double kEps = 1e-6;

std::string validate(const RiskProblem &p)
{
    const std::size_t n = std::size_t(std::max(p.nodes, 0));
    if (p.nodes < 0 || p.order.size() != n || p.inStart.size() != n + 1 || p.kind.size() != n
        || p.low.size() != n || p.high.size() != n || p.leaf.size() != n
        || (!p.release.empty() && p.release.size() != n) || (!p.mode.empty() && p.mode.size() != n)
        || p.deadlineNode.size() != p.deadlineOffset.size())
        return "array sizes do not match the node count";
    if (p.inStart[0] != 0 || std::size_t(p.inStart[n]) != p.pred.size() || p.lag.size() != p.pred.size())
        return "in-edge arrays do not match";
    std::vector<int> pos(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        const int v = p.order[i];
        if (v < 0 || std::size_t(v) >= n || pos[std::size_t(v)] >= 0)
            return "order is not a permutation of the nodes";
        pos[std::size_t(v)] = int(i);
    }
    for (std::size_t v = 0; v < n; ++v) {
        if (p.inStart[v + 1] < p.inStart[v])
            return "in-edge offsets decrease";
        for (int e = p.inStart[v]; e < p.inStart[v + 1]; ++e) {
            const int u = p.pred[std::size_t(e)];
            if (u < 0 || std::size_t(u) >= n || pos[std::size_t(u)] >= pos[v])
                return "order is not topological";
        }
        if (p.kind[v] == RiskProblem::Kind::Triangular && p.mode.empty())
            return "triangular node without a mode";
    }
    auto finite = [](const std::vector<double> &values) {
        return std::all_of(values.begin(), values.end(), [](double x) { return std::isfinite(x); });
    };
    if (!finite(p.low) || !finite(p.mode) || !finite(p.high) || !finite(p.lag) || !finite(p.release)
        || !finite(p.deadlineOffset))
        return "a duration, lag, release or deadline is not a finite number";
    for (int v : p.deadlineNode) {
        if (v < 0 || std::size_t(v) >= n)
            return "deadline node out of range";
    }
    return {};
}

// The problem renumbered by order position, so that both passes sweep the arrays front to
// back and only predecessors are read out of sequence.
struct Graph
{
    int n = 0;
    std::vector<int> inStart, pred;
    std::vector<double> lag, release, fixed;
    std::vector<Draw> uniform, triangular;
    std::vector<int> deadlinePos;
    std::vector<double> deadlineOffset;
    std::vector<int> nodeAt;
};

Graph renumber(const RiskProblem &p)
{
    Graph g;
    g.n = p.nodes;
    const std::size_t n = std::size_t(p.nodes);
    std::vector<int> pos(n);
    for (std::size_t i = 0; i < n; ++i)
        pos[std::size_t(p.order[i])] = int(i);
    g.nodeAt = p.order;
    g.inStart.resize(n + 1);
    g.pred.reserve(p.pred.size());
    g.lag.reserve(p.lag.size());
    g.release.assign(n, 0.0);
    g.fixed.assign(n, 0.0);
    g.inStart[0] = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const int v = p.order[i];
        for (int e = p.inStart[std::size_t(v)]; e < p.inStart[std::size_t(v) + 1]; ++e) {
            g.pred.push_back(pos[std::size_t(p.pred[std::size_t(e)])]);
            g.lag.push_back(p.lag[std::size_t(e)]);
        }
        g.inStart[i + 1] = int(g.pred.size());
        if (!p.release.empty())
            g.release[i] = p.release[std::size_t(v)];
        Draw d;
        if (drawOf(p, v, d, g.fixed[i])) {
            d.pos = int(i);
            (d.triangular ? g.triangular : g.uniform).push_back(d);
        }
    }
    for (std::size_t k = 0; k < p.deadlineNode.size(); ++k)
        g.deadlinePos.push_back(pos[std::size_t(p.deadlineNode[k])]);
    g.deadlineOffset = p.deadlineOffset;
    return g;
}

// One worker's arrays, [position][lane]; allocated by the worker itself so that the pages
// are first touched (and placed) by the thread that uses them.
struct Scratch
{
    std::vector<double> dur, ef, lf;
    std::vector<std::uint32_t> critical; // per position: runs with slack 0
    std::vector<std::uint32_t> hits;     // per deadline entry
};

void runBatch(const Graph &g, Scratch &s, std::uint64_t seed, int first, int lanes, double *makespans)
{
    const int n = g.n;
    std::uint64_t keys[Lanes];
    double valid[Lanes]; // 1 for the lanes that hold a run (the last batch may not fill all)
    for (int l = 0; l < Lanes; ++l) {
        keys[l] = runKey(seed, first + l);
        valid[l] = l < lanes ? 1.0 : 0.0;
    }
    // The hashes are scalar (64-bit products); the transforms, kept in separate loops over
    // local arrays, become vector code (selects instead of branches in the triangle).
    double *dur = s.dur.data();
    double u[Lanes], x[Lanes];
    for (const Draw &d : g.uniform) {
        const std::uint64_t k = nodeKey(d.node);
        for (int l = 0; l < Lanes; ++l)
            u[l] = uniform(keys[l], k);
        for (int l = 0; l < Lanes; ++l)
            x[l] = d.uniformAt(u[l]);
        std::copy_n(x, Lanes, dur + std::size_t(d.pos) * Lanes);
    }
    for (const Draw &d : g.triangular) {
        const std::uint64_t k = nodeKey(d.node);
        for (int l = 0; l < Lanes; ++l)
            u[l] = uniform(keys[l], k);
        for (int l = 0; l < Lanes; ++l)
            x[l] = d.triangularAt(u[l]);
        std::copy_n(x, Lanes, dur + std::size_t(d.pos) * Lanes);
    }

    const int *inStart = g.inStart.data();
    const int *pred = g.pred.data();
    const double *lag = g.lag.data();
    const double *release = g.release.data();
    double *ef = s.ef.data();
    double *lf = s.lf.data();
    constexpr double inf = std::numeric_limits<double>::infinity();

    // Forward. LF starts at infinity here (the line is being written anyway) and is capped
    // at the makespan when the backward pass reaches the node: min(makespan, successors),
    // exactly the analyzer's LF.
    double mk[Lanes] = {};
    for (int i = 0; i < n; ++i) {
        double acc[Lanes];
        for (int l = 0; l < Lanes; ++l)
            acc[l] = release[i];
        for (int e = inStart[i]; e < inStart[i + 1]; ++e) {
            const double *q = ef + std::size_t(pred[e]) * Lanes;
            const double gap = lag[e];
            for (int l = 0; l < Lanes; ++l)
                acc[l] = std::max(acc[l], q[l] + gap);
        }
        // Through local arrays: the compiler cannot rule out that ef, lf and dur overlap,
        // and would not vectorize the stores otherwise.
        const double *d = dur + std::size_t(i) * Lanes;
        for (int l = 0; l < Lanes; ++l) {
            acc[l] += d[l];
            mk[l] = std::max(mk[l], acc[l]);
        }
        std::copy_n(acc, Lanes, ef + std::size_t(i) * Lanes);
        std::fill_n(lf + std::size_t(i) * Lanes, Lanes, inf);
    }

    // Backward: a node's successors come later in the order, so its LF is final when
    // reached. slack = LF - EF, which is LS - ES up to rounding far below the tolerance.
    std::uint32_t *critical = s.critical.data();
    for (int i = n - 1; i >= 0; --i) {
        const double *late = lf + std::size_t(i) * Lanes;
        const double *f = ef + std::size_t(i) * Lanes;
        const double *d = dur + std::size_t(i) * Lanes;
        // Critical lanes counted as doubles (0 or 1, exact): a compare yields a double mask,
        // so the loop stays in vector registers.
        double ls[Lanes], hit[Lanes];
        for (int l = 0; l < Lanes; ++l) {
            const double lfv = std::min(late[l], mk[l]);
            ls[l] = lfv - d[l];
            hit[l] = std::fabs(lfv - f[l]) <= kEps ? valid[l] : 0.0;
        }
        double c = 0; // small whole numbers: exact in any order
        for (int l = 0; l < Lanes; ++l)
            c += hit[l];
        critical[i] += std::uint32_t(c);
        for (int e = inStart[i]; e < inStart[i + 1]; ++e) {
            double *q = lf + std::size_t(pred[e]) * Lanes;
            const double gap = lag[e];
            for (int l = 0; l < Lanes; ++l)
                q[l] = std::min(q[l], ls[l] - gap);
        }
    }

    for (std::size_t k = 0; k < g.deadlinePos.size(); ++k) {
        const double *f = ef + std::size_t(g.deadlinePos[k]) * Lanes;
        const double limit = g.deadlineOffset[k] + kEps;
        for (int l = 0; l < lanes; ++l)
            s.hits[k] += f[l] <= limit ? 1u : 0u;
    }
    for (int l = 0; l < lanes; ++l)
        makespans[first + l] = mk[l];
}

} // namespace

double riskDrawnDuration(const RiskProblem &p, std::uint64_t seed, int run, int node)
{
    Draw d;
    double fixed = 0;
    if (!drawOf(p, node, d, fixed))
        return fixed;
    return d.at(uniform(runKey(seed, run), nodeKey(node)));
}

RiskResult simulateRisk(const RiskProblem &p, double deterministicMakespan, const RiskOptions &o)
{
    RiskResult r;
    r.error = validate(p);
    if (r.error.empty() && o.runs <= 0)
        r.error = "no runs";
    if (r.error.empty() && o.runs > std::numeric_limits<int>::max() - Lanes)
        r.error = "too many runs";
    if (!r.error.empty())
        return r;

    const Graph g = renumber(p);
    const int runs = o.runs;
    int threads = o.threads > 0 ? o.threads : int(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, 256); // more would only cost memory: one scratch per thread
    const int batches = (runs + Lanes - 1) / Lanes;
    const int simThreads = std::min(threads, batches);

    std::vector<double> makespans(std::size_t(runs), 0.0);
    std::vector<std::unique_ptr<Scratch>> scratch(static_cast<std::size_t>(simThreads));
    std::atomic<int> done{0};
    auto job = [&](int w, int b) {
        std::unique_ptr<Scratch> &s = scratch[std::size_t(w)];
        if (!s) {
            s = std::make_unique<Scratch>();
            const std::size_t cells = std::size_t(g.n) * Lanes;
            s->dur.resize(cells);
            for (int i = 0; i < g.n; ++i)
                std::fill_n(s->dur.data() + std::size_t(i) * Lanes, Lanes, g.fixed[std::size_t(i)]);
            s->ef.resize(cells);
            s->lf.resize(cells);
            s->critical.assign(std::size_t(g.n), 0);
            s->hits.assign(g.deadlinePos.size(), 0);
        }
        const int first = b * Lanes;
        const int lanes = std::min(Lanes, runs - first);
        runBatch(g, *s, o.seed, first, lanes, makespans.data());
        done.fetch_add(lanes, std::memory_order_relaxed);
    };
    std::function<bool()> poll;
    if (o.progress)
        poll = [&] { return o.progress(done.load(std::memory_order_relaxed)); };
    if (!forEach(simThreads, batches, job, poll) || (o.progress && !o.progress(runs))) {
        r.cancelled = true;
        return r;
    }

    // Counts are integers, so adding the workers' shares in any order gives the same sums.
    r.runs = runs;
    const std::size_t n = std::size_t(g.n);
    r.criticality.assign(n, 0.0);
    r.deadlineProbability.assign(g.deadlinePos.size(), 0.0);
    std::vector<std::uint64_t> critical(n, 0), hits(g.deadlinePos.size(), 0);
    for (const auto &s : scratch) {
        if (!s)
            continue;
        for (std::size_t i = 0; i < n; ++i)
            critical[i] += s->critical[i];
        for (std::size_t k = 0; k < hits.size(); ++k)
            hits[k] += s->hits[k];
    }
    scratch.clear();
    for (std::size_t i = 0; i < n; ++i) {
        const int v = g.nodeAt[i];
        if (p.leaf[std::size_t(v)])
            r.criticality[std::size_t(v)] = double(critical[i]) / runs;
    }
    for (std::size_t k = 0; k < hits.size(); ++k)
        r.deadlineProbability[k] = double(hits[k]) / runs;

    makespanFigures(makespans, deterministicMakespan, o.histogramBins, r);

    std::vector<Draw> draws = g.uniform;
    draws.insert(draws.end(), g.triangular.begin(), g.triangular.end());
    std::function<bool()> pollStats;
    if (o.progress)
        pollStats = [&] { return o.progress(runs); };
    if (!sensitivities(draws, p.leaf, makespans, o.seed, threads, pollStats, r.sensitivity)) {
        RiskResult cancelled;
        cancelled.cancelled = true;
        return cancelled;
    }
    if (o.keepMakespans)
        r.makespans = std::move(makespans);
    return r;
}

} // namespace Workplan
