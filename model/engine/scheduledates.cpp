#include "scheduledates.h"

#include "analysis.h"
#include "snapshot.h"
#include "../effort.h"

#include <limits>

namespace Workplan {

bool operator<(const Moment &a, const Moment &b)
{
    return a.day != b.day ? a.day < b.day : a.minute < b.minute;
}

ScheduleDates ScheduleDates::of(const Snapshot &s, const Analysis &a)
{
    ScheduleDates out;
    const WorkCalendar &cal = *s.dates;
    const ScheduleGraph &g = *a.graph;
    const int n = s.taskCount();
    out.tasks.resize(std::size_t(n));
    out.finish = cal.finishReading(a.makespanHours);
    for (int t = 0; t < n; ++t) {
        if (!g.leaf[std::size_t(t)])
            continue;
        const Analysis::Times x = a.times(t);
        const bool instant = g.duration[std::size_t(t)] == 0;
        Task &d = out.tasks[std::size_t(t)];
        d.start = instant ? cal.finishReading(x.es) : cal.startReading(x.es);
        d.finish = cal.finishReading(x.ef);
        d.lateStart = instant ? cal.finishReading(x.ls) : cal.startReading(x.ls);
        d.lateFinish = cal.finishReading(x.lf);
    }
    // Children come first, so each summary folds finished children.
    for (int p : s.summariesChildrenFirst) {
        Task &d = out.tasks[std::size_t(p)];
        bool seeded = false;
        for (int c = s.childStart[p]; c < s.childStart[p + 1]; ++c) {
            const Task &x = out.tasks[std::size_t(s.children[c])];
            if (!seeded) {
                d = x;
                seeded = true;
                continue;
            }
            if (x.start < d.start) d.start = x.start;
            if (d.finish < x.finish) d.finish = x.finish;
            if (x.lateStart < d.lateStart) d.lateStart = x.lateStart;
            if (d.lateFinish < x.lateFinish) d.lateFinish = x.lateFinish;
        }
    }
    return out;
}

QString dateTimeText(const Moment &m)
{
    return formatMoment(m).replace(QLatin1Char('T'), QLatin1Char(' '));
}

bool isLate(double margin)
{
    return margin < -1e-6;
}

QString marginText(double hours)
{
    if (isLate(hours))
        return QStringLiteral("\u2212%1 late").arg(formatHours(-hours));
    return QStringLiteral("+%1").arg(formatHours(qMax(0.0, hours)));
}

std::vector<double> deadlineMargins(const Snapshot &s, const Analysis &a)
{
    std::vector<double> out(std::size_t(s.taskCount()), std::numeric_limits<double>::quiet_NaN());
    if (!s.dates || !a.hasSchedule() || a.tasks != s.taskCount())
        return out;
    // The same margin the report writes as margin_hours: D - EF.
    for (const Snapshot::Deadline &d : s.deadlines)
        out[std::size_t(d.task)] = d.offset - a.times(d.task).ef;
    return out;
}

} // namespace Workplan
