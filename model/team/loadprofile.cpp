#include "loadprofile.h"

#include "../engine/snapshot.h"

#include <algorithm>
#include <cmath>

namespace Workplan {

namespace {

// A task's interval, or false when it has none worth drawing.
bool intervalOf(const std::vector<double> &start, const std::vector<double> &finish, int t,
                double *from, double *to)
{
    if (std::size_t(t) >= start.size() || std::size_t(t) >= finish.size())
        return false;
    *from = start[std::size_t(t)];
    *to = finish[std::size_t(t)];
    return std::isfinite(*from) && std::isfinite(*to) && *to - *from > kLoadTimeEpsilon;
}

} // namespace

int demandUnitsOf(const Snapshot &snapshot, int resource, int t)
{
    // Without declared resources the snapshot keeps no demand arrays at all.
    if (std::size_t(t) + 1 >= snapshot.demandStart.size())
        return 0;
    int units = 0;
    for (int i = snapshot.demandStart[std::size_t(t)]; i < snapshot.demandStart[std::size_t(t) + 1]; ++i)
        if (snapshot.demandResource[std::size_t(i)] == resource)
            units += snapshot.demandUnits[std::size_t(i)];
    return units;
}

std::vector<LoadStep> loadProfile(const Snapshot &snapshot, int resource,
                                  const std::vector<double> &start, const std::vector<double> &finish)
{
    // Each holding task is two events: +units at its start, -units at its finish.
    struct Event { double time; int delta; };
    std::vector<Event> events;
    for (int t = 0; t < snapshot.taskCount(); ++t) {
        const int units = demandUnitsOf(snapshot, resource, t);
        double from = 0, to = 0;
        if (units <= 0 || !intervalOf(start, finish, t, &from, &to))
            continue;
        events.push_back({from, units});
        events.push_back({to, -units});
    }
    std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
        return a.time < b.time || (a.time == b.time && a.delta < b.delta);
    });

    std::vector<LoadStep> profile;
    int units = 0;
    for (std::size_t i = 0; i < events.size();) {
        // All events within epsilon of the first make one instant: a hand-over between
        // two tasks is one step, not a dip to zero or a spike to both.
        const double instant = events[i].time;
        while (i < events.size() && events[i].time - instant <= kLoadTimeEpsilon)
            units += events[i++].delta;
        if (profile.empty() ? units != 0 : units != profile.back().units)
            profile.push_back({instant, units});
    }
    return profile;
}

std::vector<int> tasksAt(const Snapshot &snapshot, int resource, const std::vector<double> &start,
                         const std::vector<double> &finish, double t)
{
    std::vector<int> tasks;
    for (int task = 0; task < snapshot.taskCount(); ++task) {
        double from = 0, to = 0;
        if (demandUnitsOf(snapshot, resource, task) > 0 && intervalOf(start, finish, task, &from, &to)
            && from - kLoadTimeEpsilon <= t && t < to - kLoadTimeEpsilon)
            tasks.push_back(task);
    }
    return tasks;
}

int peakUnits(const std::vector<LoadStep> &profile)
{
    int peak = 0;
    for (const LoadStep &s : profile)
        peak = std::max(peak, s.units);
    return peak;
}

} // namespace Workplan
