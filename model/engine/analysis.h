#pragma once

#include "../vocabulary.h"
#include "schedulegraph.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace Workplan {

struct Snapshot;
struct LeveledSchedule;

// What the engine finds (§4). Task references are file-order indices into the Snapshot.
struct Analysis
{
    struct Times { double es = 0, ef = 0, ls = 0, lf = 0, slack = 0; };

    enum class Reason : std::uint8_t { NotCompleted, NotApproved, Cancelled, Failed };
    struct Waiting
    {
        int task;                 // the prerequisite
        DependencyType type;
        Reason reason;
        int via;                  // ancestor that declared it, -1 for the task's own
    };
    // A blocked task's waits are the run [firstWait, firstWait + waitCount) of `waits`:
    // one array for all of them, not a vector per blocked task. Read them with waitingOf().
    struct Blocked { int task; bool marked; int firstWait; int waitCount; };
    // A read-only view of a run of one of the flat arrays, usable in range-for.
    template<typename T>
    struct Span
    {
        const T *first = nullptr;
        const T *last = nullptr;
        const T *begin() const { return first; }
        const T *end() const { return last; }
        std::size_t size() const { return std::size_t(last - first); }
        bool empty() const { return first == last; }
        const T &operator[](std::size_t i) const { return first[i]; }
        std::vector<T> toVector() const { return std::vector<T>(first, last); }
    };
    using WaitRange = Span<Waiting>;
    struct Overrun { int task; double estimateHours; double scheduledHours; };
    struct Warning { int task; QString message; };

    int tasks = 0;
    int leafTasks = 0;
    int dependencies = 0;

    std::vector<std::vector<int>> cycles;   // leaves of each cyclic strongly connected set

    // Valid only when hasSchedule() (no cycles).
    double makespanHours = 0;
    double sequentialHours = 0;
    double timeSavingsHours = 0;
    std::vector<int> criticalPath;
    std::vector<int> criticalTasks;
    // Parallel groups as one flat array: group g is [groupStart[g], groupStart[g + 1]) of
    // groupMembers. Read them with parallelGroupCount() and parallelGroup().
    std::vector<int> groupStart;
    std::vector<int> groupMembers;

    // The schedule per node of `graph` (task t is node t), as the passes leave it: with the
    // graph's durations they give every leaf's times, so no per-task copy is made. Read
    // them with times() and generation().
    std::shared_ptr<const ScheduleGraph> graph;
    std::vector<double> earliestStart;
    std::vector<double> latestFinish;
    std::vector<int> level;                  // a leaf's parallel group
    std::vector<Times> summaryTimes;         // per summary, in file order: they span their leaves

    std::vector<Blocked> blocked;
    std::vector<Waiting> waits;              // every blocked task's waits, in `blocked` order
    std::vector<int> ready;
    std::vector<Overrun> overruns;
    std::vector<Warning> warnings;
    bool overCapacity = false;               // a leaf needs more of a resource than exists (§7)
    // §7: the schedule with the team's capacity; null without declared resources, with
    // cycles, with overCapacity, or when the options asked for none.
    std::shared_ptr<const LeveledSchedule> leveled;

    bool hasSchedule() const { return cycles.empty(); }
    // Task t's times (only for an analysis that has a schedule); a summary's aggregate its
    // leaves.
    Times times(int t) const
    {
        if (!graph->leaf[std::size_t(t)])
            return summaryTimes[std::size_t(graph->startOf[std::size_t(t)] - graph->tasks)];
        const double es = earliestStart[std::size_t(t)];
        const double lf = latestFinish[std::size_t(t)];
        const double d = graph->duration[std::size_t(t)];
        return {es, es + d, lf - d, lf, lf - d - es};
    }
    // A leaf's parallel group; -1 for a summary or without a schedule.
    int generation(int t) const
    {
        return graph && hasSchedule() && graph->leaf[std::size_t(t)] ? level[std::size_t(t)] : -1;
    }
    std::size_t parallelGroupCount() const { return groupStart.empty() ? 0 : groupStart.size() - 1; }
    Span<int> parallelGroup(std::size_t g) const
    {
        const int *members = groupMembers.data();
        return {members + groupStart[g], members + groupStart[g + 1]};
    }
    // The waits of b (the task's own dependencies in declared order, then its parent's...).
    WaitRange waitingOf(const Blocked &b) const
    {
        const Waiting *first = waits.data() + b.firstWait;
        return {first, first + b.waitCount};
    }
};

QString toString(Analysis::Reason r);

struct AnalysisOptions
{
    bool level = true;          // §7's leveled schedule, for a project with resources
    int levelingEffort = -1;    // schedules tried; -1: the engine's default for the size
};

// Runs every rule of §2–§4 in O(V + E), then §7's leveling when asked and there is a
// team. Pure: reads only the snapshot.
Analysis analyze(const Snapshot &snapshot, const AnalysisOptions &options = {});

} // namespace Workplan
