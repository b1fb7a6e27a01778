// checkLeveledSchedule: §7's rules for any schedule of a LevelingProblem, written apart
// from the engine so that it judges the engine's output with code of its own.
#include "model/engine/leveling.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace Workplan {

std::string checkLeveledSchedule(const LevelingProblem &p, const std::vector<double> &start)
{
    constexpr double tol = 1e-6;
    const auto num = [](double x) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.9g", x);
        return std::string(buf);
    };
    if (int(start.size()) != p.nodes)
        return "schedule has " + std::to_string(start.size()) + " starts for " + std::to_string(p.nodes) + " nodes";
    for (int v = 0; v < p.nodes; ++v) {
        const double s = start[std::size_t(v)];
        if (!std::isfinite(s) || s < -tol)
            return "node " + std::to_string(v) + " starts at " + num(s);
        if (!p.release.empty() && s < p.release[std::size_t(v)] - tol)
            return "node " + std::to_string(v) + " starts at " + num(s) + " before its release " + num(p.release[std::size_t(v)]);
        if (p.inStart.empty())
            continue;
        for (int e = p.inStart[std::size_t(v)]; e < p.inStart[std::size_t(v) + 1]; ++e) {
            const int u = p.pred[std::size_t(e)];
            const double earliest = start[std::size_t(u)] + p.duration[std::size_t(u)] + p.lag[std::size_t(e)];
            if (s < earliest - tol)
                return "node " + std::to_string(v) + " starts at " + num(s) + " but predecessor " + std::to_string(u)
                    + " with lag " + num(p.lag[std::size_t(e)]) + " allows " + num(earliest) + " at the earliest";
        }
    }
    if (p.demandStart.empty())
        return {};
    // A sweep per resource; a holder's finish counts tol early, so that touching intervals
    // and drift below the tolerance are not overloads.
    struct Event { double time; int delta, node; };
    for (std::size_t r = 0; r < p.capacity.size(); ++r) {
        std::vector<Event> events;
        for (int v = 0; v < p.nodes; ++v) {
            for (int k = p.demandStart[std::size_t(v)]; k < p.demandStart[std::size_t(v) + 1]; ++k) {
                const double s = start[std::size_t(v)], f = s + p.duration[std::size_t(v)] - tol;
                if (std::size_t(p.demandResource[std::size_t(k)]) != r || !(f > s))
                    continue;
                events.push_back({s, p.demandUnits[std::size_t(k)], v});
                events.push_back({f, -p.demandUnits[std::size_t(k)], v});
            }
        }
        std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
            return a.time != b.time ? a.time < b.time : a.delta < b.delta;
        });
        int level = 0;
        for (const Event &ev : events) {
            level += ev.delta;
            if (level > p.capacity[r])
                return "resource " + std::to_string(r) + " holds " + std::to_string(level) + " units of "
                    + std::to_string(p.capacity[r]) + " at time " + num(ev.time) + " (when node "
                    + std::to_string(ev.node) + " starts)";
        }
    }
    return {};
}

} // namespace Workplan
