#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace Workplan {

class Project;
struct Analysis;
struct RiskResult;
struct Snapshot;

// What the printed plan's risk page shows of one finished simulation (§8): plain values,
// copied out of the Risk panel's result, so the printer needs neither the engine's arrays
// nor the snapshot they index, and a print started now is not touched by the next run.
struct RiskSummary
{
    struct Driver
    {
        QString title;      // as a person reads it (taskLabel): the title, the id only when needed
        QString id;
        double value = 0;   // criticality share (0..1) or rank correlation (-1..1)
    };
    struct Deadline
    {
        QString title;
        QString id;
        QString due;        // the deadline as a date, "2025-06-20 17:00"
        double probability = 0;
    };

    int runs = 0;
    std::uint64_t seed = 0;
    double deterministicHours = 0;
    double mean = 0, stdev = 0, min = 0, max = 0;
    double p10 = 0, p50 = 0, p80 = 0, p90 = 0, p95 = 0;
    double onTimeProbability = 0;
    // Finish readings (§6) of the deterministic finish and the percentiles; empty without
    // a project start.
    QString deterministicFinish, finishP50, finishP80, finishP90;
    std::vector<Deadline> deadlines;
    std::vector<double> histogramEdges;   // one more than counts
    std::vector<int> histogramCounts;
    std::vector<Driver> critical;         // at most 10, most critical first
    std::vector<Driver> sensitive;        // at most 10, strongest |correlation| first
    int threePointWarnings = 0;           // leaves whose three-point estimate was out of order

    // From a finished, uncancelled run of `project` (whose snapshot and deterministic
    // analysis are `s` and `analysis`).
    static std::shared_ptr<const RiskSummary> of(const Project &project, const Snapshot &s,
                                                 const Analysis &analysis, const RiskResult &r,
                                                 std::uint64_t seed, int threePointWarnings);
};

} // namespace Workplan
