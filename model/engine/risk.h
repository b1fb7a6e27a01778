#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace Workplan {

// Schedule risk (§8): the schedule of §4 run many times on randomly drawn durations. Plain
// C++ without Qt, so that the engine, the CLI and the benchmarks share it unchanged.

// The schedule graph as flat arrays: node v is a leaf task (random duration) or a
// zero-duration helper node (summary start/finish).
// ES(v) = max(release[v], max over in-edges e of ES(pred[e]) + dur(pred[e]) + lag[e]);
// EF = ES + dur. Backward: LF(v) = min(makespan, min over out-edges of
// LF(succ) - dur(succ) - lag), slack = LF - dur - ES (as the analyzer computes it).
struct RiskProblem
{
    int nodes = 0;
    std::vector<int> order;              // a topological order of all nodes (predecessors first)
    std::vector<int> inStart, pred;      // in-edges CSR, inStart has nodes + 1 entries
    std::vector<double> lag;             // per in-edge, hours (>= 0)
    std::vector<double> release;         // per node, empty = all 0
    enum class Kind : unsigned char { Fixed, Uniform, Triangular };
    std::vector<Kind> kind;              // per node; helper nodes Fixed with 0
    // Fixed: low; Uniform: [low, high]; Triangular: (low, mode, high). A range of zero width
    // counts as Fixed at low; a triangle out of order (not low <= mode <= high) as Fixed at
    // mode, as §8 falls back to the leaf's duration. `mode` may be empty when no node is
    // Triangular.
    std::vector<double> low, mode, high;
    std::vector<unsigned char> leaf;     // criticality/sensitivity are for leaves only
    std::vector<int> deadlineNode;       // nodes whose EF is compared with a deadline offset
    std::vector<double> deadlineOffset;
};

struct RiskOptions
{
    int runs = 10000;
    std::uint64_t seed = 1;
    int threads = 0;                     // 0 = std::thread::hardware_concurrency()
    // Optional. Called now and then (about every 50 ms, and once when the runs are done)
    // with the runs done so far, always from the thread that called simulateRisk, so it
    // needs no locking. Returning false cancels.
    std::function<bool(int done)> progress;
    int histogramBins = 30;
    bool keepMakespans = false;          // fill RiskResult::makespans (tests, exports)
};

struct RiskResult
{
    bool cancelled = false;              // then no figures: partial ones would depend on timing
    std::string error;                   // a malformed problem; then no figures either
    int runs = 0;
    double mean = 0, stdev = 0, min = 0, max = 0; // stdev divides by runs
    // Nearest rank: the sorted makespans' value at 1-based rank ceil(K/100 * runs).
    double p10 = 0, p50 = 0, p80 = 0, p90 = 0, p95 = 0;
    double onTimeProbability = 0;        // share of runs with makespan <= deterministic + 1e-6
    std::vector<double> criticality;     // per node (leaves; 0 elsewhere): share of runs with |slack| <= 1e-6
    // Per node: Spearman rank correlation of the drawn duration with the makespan (ties take
    // their average rank); 0 for Fixed nodes, non-leaves, and where either side has zero
    // variance.
    std::vector<double> sensitivity;
    std::vector<double> deadlineProbability; // per deadline entry: share of runs with EF(node) <= offset + 1e-6
    // histogramBins equal bins from min to max (one bin when min == max): edges has one
    // more entry than counts.
    std::vector<double> histogramEdges;
    std::vector<int> histogramCounts;
    std::vector<double> makespans;       // per run in run order, with keepMakespans
};

// Deterministic: the same problem, runs and seed give the same result bit for bit for any
// thread count (and on any machine running the same build).
RiskResult simulateRisk(const RiskProblem &p, double deterministicMakespan, const RiskOptions &o = {});

// The duration node v draws in run `run` (what simulateRisk used): for tests and for
// explaining one run.
double riskDrawnDuration(const RiskProblem &p, std::uint64_t seed, int run, int node);

// Spearman rank correlation of x and y (equal sizes): the Pearson correlation of their
// ranks, tied values taking their average rank. 0 when either side has zero variance or
// fewer than two values.
double spearman(const std::vector<double> &x, const std::vector<double> &y);

} // namespace Workplan
