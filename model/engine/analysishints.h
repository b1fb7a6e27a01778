#pragma once

namespace Workplan {

struct Analysis;
struct Snapshot;

// Which of the analysis's rules a user is likely to misread in this result, so the panel
// can explain it in one line where it applies (issue #15.8). Pure, O(critical path + waits).
struct AnalysisHints
{
    // A completed task is on the critical path: the path is the plan's longest chain,
    // done work included, not what is left to do.
    bool completedOnCriticalPath = false;
    // A task waits on an approval dependency whose prerequisite is completed but not
    // approved: an approval needs the status "approved".
    bool approvalWaitsOnCompleted = false;
};

AnalysisHints analysisHints(const Snapshot &snapshot, const Analysis &analysis);

} // namespace Workplan
