#include "analysis.h"
#include "leveledschedule.h"
#include "passes.h"
#include "snapshot.h"

#include <thread>

namespace Workplan {

QString toString(Analysis::Reason r)
{
    switch (r) {
    case Analysis::Reason::NotCompleted: return QStringLiteral("not completed");
    case Analysis::Reason::NotApproved: return QStringLiteral("not approved");
    case Analysis::Reason::Cancelled: return QStringLiteral("cancelled");
    case Analysis::Reason::Failed: return QStringLiteral("failed");
    }
    return QString();
}

Analysis analyze(const Snapshot &s, const AnalysisOptions &options)
{
    Analysis a;
    const int n = s.taskCount();
    a.tasks = n;
    a.dependencies = s.declaredDependencies();
    a.graph = s.schedule;
    const ScheduleGraph &g = *s.schedule;

    // Blocked, ready and the warnings do not depend on the schedule: on a large plan they
    // are found on a second thread meanwhile. They write only their own members.
    auto besideTheSchedule = [&] {
        Passes::warningsOf(s, g, a);
        Passes::findBlocked(s, g, a);
    };
    constexpr int kParallelFrom = 20000;   // tasks; below, a thread costs more than it saves
    std::thread helper;
    if (n >= kParallelFrom)
        helper = std::thread(besideTheSchedule);

    Passes::Forward forward;
    if (Passes::forwardPass(g, forward))
        Passes::schedule(s, g, forward, a);
    else
        a.cycles = Passes::findCycles(s);

    if (helper.joinable())
        helper.join();
    else
        besideTheSchedule();

    if (options.level && !s.resources.empty() && a.hasSchedule() && !a.overCapacity)
        a.leveled = std::make_shared<const LeveledSchedule>(levelSchedule(s, a, options.levelingEffort));
    return a;
}

} // namespace Workplan
