#include "analysishints.h"

#include "analysis.h"
#include "snapshot.h"

namespace Workplan {

AnalysisHints analysisHints(const Snapshot &s, const Analysis &a)
{
    AnalysisHints hints;
    for (int t : a.criticalPath) {
        if (s.status[std::size_t(t)] == Status::Completed) {
            hints.completedOnCriticalPath = true;
            break;
        }
    }
    for (const Analysis::Blocked &b : a.blocked) {
        for (const Analysis::Waiting &w : a.waitingOf(b)) {
            if (w.reason == Analysis::Reason::NotApproved && s.status[std::size_t(w.task)] == Status::Completed) {
                hints.approvalWaitsOnCompleted = true;
                return hints;
            }
        }
    }
    return hints;
}

} // namespace Workplan
