#pragma once

#include "../taskstatus.h"

#include <QString>

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
    struct Blocked { int task; bool marked; std::vector<Waiting> waitingOn; };
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
    std::vector<int> ready;
    std::vector<Overrun> overruns;
    std::vector<Warning> warnings;

    bool hasSchedule() const { return cycles.empty(); }
};

QString toString(Analysis::Reason r);

// Runs every rule of §2–§4 in O(V + E). Pure: reads only the snapshot.
Analysis analyze(const Snapshot &snapshot);

} // namespace Workplan
