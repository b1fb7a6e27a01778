#pragma once

// Internals of the risk engine shared by risk.cpp (the runs) and riskstats.cpp (the draws,
// the worker pool and the figures computed from the runs): the counter-based generator,
// the prepared draws and the pool.

#include "risk.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

namespace Workplan {
namespace RiskDetail {

// Counter-based generator: the uniform of (seed, run, node) is a pure function of the three,
// so a run's draws do not depend on which thread ran it or what ran before, and the
// sensitivity pass can draw them again instead of keeping a runs x nodes matrix.
// The mixer is SplitMix64's finaliser; a run's key is the hashed seed stepped `run` times,
// and node v takes output v + 1 of the SplitMix64 stream seeded with the run key.
inline std::uint64_t mix(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
inline std::uint64_t runKey(std::uint64_t seed, int run)
{
    return mix(mix(seed ^ 0x6A09E667F3BCC909ull) + std::uint64_t(unsigned(run)) * 0x9E3779B97F4A7C15ull);
}
inline std::uint64_t nodeKey(int node) { return std::uint64_t(unsigned(node) + 1u) * 0x9E3779B97F4A7C15ull; }
// 53 bits, so every value is exact in a double and lies in [0, 1).
inline double uniform(std::uint64_t runKey, std::uint64_t nodeKey)
{
    return double(mix(runKey + nodeKey) >> 11) * 0x1.0p-53;
}

// One node with a random duration, its parameters prepared once. Both transforms are
// non-decreasing in u, so the sensitivity pass can sort by u and fix the rare rounding
// inversion afterwards.
struct Draw
{
    int node = 0;        // as the problem numbers it (the generator's index)
    int pos = 0;         // its place in the order (the runs' arrays are in that order)
    bool triangular = false;
    // Uniform: a = low, b = width. Triangular (o, m, p): a = o, b = p, c = (m - o) / (p - o),
    // d = (p - o)(m - o), e = (p - o)(p - m).
    double a = 0, b = 0, c = 0, d = 0, e = 0;

    double uniformAt(double u) const { return a + u * b; }
    // Inverse CDF: o + sqrt(u (p - o)(m - o)) below the peak, else p - sqrt((1 - u)(p - o)(p - m)).
    // The side is a 0/1 factor rather than a branch: u is random, so a branch would be
    // mispredicted about every other draw. Multiplying by exactly 0 or 1 and adding 0 is
    // exact, so the value is the same as with the branch.
    double triangularAt(double u) const
    {
        const double left = u < c ? 1.0 : 0.0;
        const double s = std::sqrt(left * (u * d) + (1.0 - left) * ((1.0 - u) * e));
        return left * (a + s) + (1.0 - left) * (b - s);
    }
    double at(double u) const { return triangular ? triangularAt(u) : uniformAt(u); }
};

// Node v as a draw (true) or its fixed duration, by the rules of RiskProblem's comments.
bool drawOf(const RiskProblem &p, int v, Draw &d, double &fixed);

// The problem's durations: fixed ones in fixed[node] (the rest 0) and the random ones, in
// order position when `pos` is given (else by node).
void prepareDraws(const RiskProblem &p, const std::vector<int> *pos, std::vector<double> &fixed,
                  std::vector<Draw> &draws);

// Calls job(worker, index) for index in [0, jobs) on `threads` workers (each index once,
// taken in turn). The calling thread calls poll() about every 50 ms; poll returning false
// stops the jobs not yet started, and then forEach returns false.
bool forEach(int threads, int jobs, const std::function<void(int worker, int job)> &job,
             const std::function<bool()> &poll);

// The figures from the makespans (in run order): mean, stdev, min, max, percentiles,
// on-time probability and histogram.
void makespanFigures(const std::vector<double> &makespans, double deterministicMakespan, int bins,
                     RiskResult &r);

// Average ranks (1-based) of v, minus the mean rank (n + 1) / 2: centred, so that a
// correlation needs only sums of products.
std::vector<double> centredRanks(const std::vector<double> &v);

// Sensitivity of each leaf draw (see RiskResult::sensitivity) into out[node]; the draws are
// made again from the generator. Returns false when poll stopped it.
bool sensitivities(const std::vector<Draw> &draws, const std::vector<unsigned char> &leaf,
                   const std::vector<double> &makespans, std::uint64_t seed, int threads,
                   const std::function<bool()> &poll, std::vector<double> &out);

} // namespace RiskDetail
} // namespace Workplan
