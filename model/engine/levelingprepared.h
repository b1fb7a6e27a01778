#pragma once

// The leveling engine's input in the form its passes read, and its random numbers.
// Kept apart from leveling.cpp (the search itself) so that each file reads as one idea:
// this one is the problem's preparation (reverse edges, bounds, ranks), done once.

#include "model/engine/leveling.h"

#include <cstdint>
#include <vector>

namespace Workplan::LevelingDetail {

class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n) without floating point (Lemire's multiply-shift).
    int below(int n) { return int(((next() >> 32) * std::uint64_t(n)) >> 32); }
    // True with probability num / 1024.
    bool chance(int num) { return int(next() >> 54) < num; }

private:
    std::uint64_t m_state;
};

// The problem in the form the passes read: in-edges both ways (the backward pass runs the
// same code on the reversed graph), demands as limits, a topological rank for ties.
struct Prepared
{
    int n = 0;
    std::vector<double> duration, release, lf;
    std::vector<int> fwdStart, fwdPred, bwdStart, bwdPred;
    std::vector<double> fwdLag, bwdLag;
    std::vector<int> demStart, demRes, demUnits, demLimit;
    std::vector<char> holds; // positive duration and some demand: the profile matters
    std::vector<int> topo, topoRank;
    int holding = 0;
    double cpBound = 0, lowerBound = 0, meanDuration = 1;

    explicit Prepared(const LevelingProblem &p);
};

} // namespace Workplan::LevelingDetail
