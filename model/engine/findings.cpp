// The findings of the analysis: warnings (§4, §6, §7) and overruns (§5).
#include "passes.h"


namespace Workplan::Passes {

// Counts the leaves and writes the warnings, in file order and per task in §6's order:
// estimate, deadline, not_before, then §7's "needs".
void warningsOf(const Snapshot &s, const ScheduleGraph &g, Analysis &a)
{
    auto dated = s.dateWarnings.begin();
    const bool team = !s.demandStart.empty();
    for (int t = 0; t < s.taskCount(); ++t) {
        if (g.leaf[t]) {
            ++a.leafTasks;
            switch (s.estimate[t]) {
            case Snapshot::Estimate::None:
                a.warnings.push_back({t, QStringLiteral("no estimate")});
                break;
            case Snapshot::Estimate::Unreadable:
                a.warnings.push_back({t, QStringLiteral("unreadable estimate: %1").arg(s.estimateText[t])});
                break;
            case Snapshot::Estimate::Readable:
                break;
            }
        }
        for (; dated != s.dateWarnings.end() && dated->task == t; ++dated)
            a.warnings.push_back({t, dated->message});
        if (team && g.duration[std::size_t(t)] > 0) {
            for (int k = s.demandStart[std::size_t(t)]; k < s.demandStart[std::size_t(t) + 1]; ++k) {
                const Resource &r = s.resources[std::size_t(s.demandResource[std::size_t(k)])];
                const int units = s.demandUnits[std::size_t(k)];
                if (units > r.capacity) {
                    a.warnings.push_back({t, QStringLiteral("needs %1 %2 but only %3 exist")
                                                 .arg(units).arg(r.name).arg(r.capacity)});
                    a.overCapacity = true;
                }
            }
        }
    }
}

// Summaries whose own readable estimate is shorter than their scheduled span.
void overrunsOf(const Snapshot &s, const ScheduleGraph &g, Analysis &a)
{
    for (int k = 0; k < g.summaryCount(); ++k) {
        const int t = g.taskOfStart[std::size_t(k)];
        if (s.estimate[t] != Snapshot::Estimate::Readable)
            continue;
        const Analysis::Times &x = a.summaryTimes[std::size_t(k)];
        const double span = x.ef - x.es;
        if (s.estimateHours[t] < span - kEps)
            a.overruns.push_back({t, s.estimateHours[t], span});
    }
}


} // namespace Workplan::Passes
