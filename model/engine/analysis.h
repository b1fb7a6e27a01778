#pragma once

#include "../taskstatus.h"

#include <QString>

#include <cstddef>
#include <vector>

namespace Workplan {

struct Snapshot;

// What the engine finds (§4). Task references are file-order indices into the Snapshot.
struct Analysis
{
    struct Times { double es = 0, ef = 0, ls = 0, lf = 0, slack = 0; };

    enum class Reason { NotCompleted, NotApproved, Cancelled, Failed };
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
    // A read-only view of one blocked task's waits, usable in range-for.
    struct WaitRange
    {
        const Waiting *first = nullptr;
        const Waiting *last = nullptr;
        const Waiting *begin() const { return first; }
        const Waiting *end() const { return last; }
        std::size_t size() const { return std::size_t(last - first); }
        bool empty() const { return first == last; }
        const Waiting &operator[](std::size_t i) const { return first[i]; }
    };
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
    std::vector<std::vector<int>> parallelGroups;
    std::vector<Times> times;                // every task; summaries aggregate their leaves
    std::vector<int> generation;             // leaves: parallel group index; summaries: -1

    std::vector<Blocked> blocked;
    std::vector<Waiting> waits;              // every blocked task's waits, in `blocked` order
    std::vector<int> ready;
    std::vector<Overrun> overruns;
    std::vector<Warning> warnings;

    bool hasSchedule() const { return cycles.empty(); }
    // The waits of b (the task's own dependencies in declared order, then its parent's...).
    WaitRange waitingOf(const Blocked &b) const
    {
        const Waiting *first = waits.data() + b.firstWait;
        return {first, first + b.waitCount};
    }
};

QString toString(Analysis::Reason r);

// Runs every rule of §2–§4 in O(V + E). Pure: reads only the snapshot.
Analysis analyze(const Snapshot &snapshot);

} // namespace Workplan
