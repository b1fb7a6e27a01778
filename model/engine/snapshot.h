#pragma once

#include "sharedids.h"
#include "../calendar.h"
#include "../calendar/workcalendar.h"
#include "../team/resources.h"
#include "schedulegraph.h"
#include "../vocabulary.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace Workplan {

class Project;

// An immutable, flat copy of everything the analysis reads. Built once per analysis run
// (on the UI thread, from a validated Project) and safe to hand to another thread.
// Indices are file-order task indices.
struct Snapshot
{
    enum class Estimate : std::uint8_t { None, Readable, Unreadable };

    QString projectName;
    Calendar calendar;

    SharedIds ids;
    std::vector<int> parent;               // -1: top level
    std::vector<int> childStart;           // CSR, size n + 1
    std::vector<int> children;             // file order within a parent
    std::vector<Status> status;
    std::vector<Estimate> estimate;        // of the task's own attributes
    std::vector<double> estimateHours;     // readable estimate, else 0
    std::vector<QString> estimateText;     // the unreadable text, for the warning

    // Declared dependencies, CSR by owning task, in declared order.
    std::vector<int> depStart;             // size n + 1
    std::vector<int> depPrereq;
    std::vector<DependencyType> depType;
    std::vector<std::uint8_t> depCounts;   // blocking type, mandatory and not waived
    std::vector<double> depLag;            // hours

    // §6, only for a project with a start (else `dates` is null and these are empty).
    std::shared_ptr<const WorkCalendar> dates;
    std::vector<double> notBefore;         // per task: offset of its not_before, NaN for none
    struct Deadline { int task; double offset; Moment moment; };
    std::vector<Deadline> deadlines;       // readable deadlines, file order
    struct TaskWarning { int task; QString message; };
    std::vector<TaskWarning> dateWarnings; // unreadable dates: file order, deadline first

    // §7: the declared resources and each leaf's demand (CSR by task; summaries and leaves
    // of duration 0 hold none).
    std::vector<Resource> resources;
    std::vector<int> demandStart;          // size n + 1 when there are resources, else empty
    std::vector<int> demandResource;
    std::vector<int> demandUnits;

    // Derived structure, built here once so that every analysis of this snapshot reads it.
    std::vector<int> childrenFirst;        // every task after all of its children
    std::vector<int> summariesChildrenFirst;
    std::shared_ptr<const ScheduleGraph> schedule;

    int taskCount() const { return int(ids.size()); }
    bool isLeaf(int t) const { return childStart[t] == childStart[t + 1]; }
    int declaredDependencies() const { return int(depPrereq.size()); }
    // The same task ids in the same order under the same parents, so that what a view
    // indexed by id from `o` still holds. Ids copied from one Project share their data:
    // mostly a pointer comparison.
    bool sameTasks(const Snapshot &o) const;

    // What fromProject reads: everything, or only the tasks, hierarchy and dependencies
    // (the auto layout's input: no estimates, lags, dates, team or schedule graph, whose
    // parsing was a third of laying out a small plan).
    enum class Scope { Everything, Structure };
    // The project must have passed validation (unique ids, known references, no loops).
    static Snapshot fromProject(const Project &project, Scope scope = Scope::Everything);
    // `previous` (built from an earlier state of `project`) with the fields of `tasks`
    // (file indices) read again: for a step that changed only task fields (attributes,
    // status, ...), not the tasks, hierarchy, dependencies or project properties. An edit of
    // one task of a 100k plan then costs a copy of the arrays instead of re-reading every
    // task. Empty when the project does not look like such an edit (other task count or
    // ids, other dependencies, a summary's field that its leaves inherit): build afresh.
    static std::optional<Snapshot> withTaskFields(const Snapshot &previous, const Project &project,
                                                  const std::vector<int> &tasks);
};

} // namespace Workplan
