#include "summaryfigures.h"

#include "analysis.h"
#include "snapshot.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Workplan {

SummaryFigures summaryFigures(const Snapshot &snapshot, const Analysis &analysis)
{
    const int n = snapshot.taskCount();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    SummaryFigures f;
    f.leaves.assign(std::size_t(n), 0);
    f.blocked.assign(std::size_t(n), 0);
    f.start.assign(std::size_t(n), nan);
    f.finish.assign(std::size_t(n), nan);

    std::vector<char> isBlocked(std::size_t(n), 0);
    for (const Analysis::Blocked &b : analysis.blocked) {
        if (b.task >= 0 && b.task < n)
            isBlocked[std::size_t(b.task)] = 1;
    }
    // The analysis may lack a schedule (cycles); the times are then left unknown.
    const bool timed = analysis.hasSchedule() && analysis.graph && !analysis.earliestStart.empty();

    // Children before their parents: each task's figures are complete when it is reached,
    // and it adds them to its parent's.
    for (const int t : snapshot.childrenFirst) {
        const std::size_t i = std::size_t(t);
        if (snapshot.isLeaf(t)) {
            f.leaves[i] = 1;
            f.blocked[i] = isBlocked[i];
            if (timed) {
                const Analysis::Times times = analysis.times(t);
                f.start[i] = times.es;
                f.finish[i] = times.ef;
            }
        }
        const int p = snapshot.parent[i];
        if (p < 0)
            continue;
        const std::size_t pi = std::size_t(p);
        f.leaves[pi] += f.leaves[i];
        f.blocked[pi] += f.blocked[i];
        if (!std::isnan(f.start[i]))
            f.start[pi] = std::isnan(f.start[pi]) ? f.start[i] : std::min(f.start[pi], f.start[i]);
        if (!std::isnan(f.finish[i]))
            f.finish[pi] = std::isnan(f.finish[pi]) ? f.finish[i] : std::max(f.finish[pi], f.finish[i]);
    }
    return f;
}

} // namespace Workplan
