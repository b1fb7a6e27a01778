#include "risksummary.h"

#include "views/riskcharts.h"

#include "model/calendar/workcalendar.h"
#include "model/engine/risk.h"
#include "model/engine/scheduledates.h"
#include "model/engine/snapshot.h"
#include "model/engine/analysis.h"
#include "model/project.h"
#include "model/tasklabel.h"

namespace Workplan {

std::shared_ptr<const RiskSummary> RiskSummary::of(const Project &project, const Snapshot &s,
                                                   const Analysis &analysis, const RiskResult &r,
                                                   std::uint64_t seed, int threePointWarnings)
{
    auto out = std::make_shared<RiskSummary>();
    out->runs = r.runs;
    out->seed = seed;
    out->deterministicHours = analysis.makespanHours;
    out->mean = r.mean;
    out->stdev = r.stdev;
    out->min = r.min;
    out->max = r.max;
    out->p10 = r.p10;
    out->p50 = r.p50;
    out->p80 = r.p80;
    out->p90 = r.p90;
    out->p95 = r.p95;
    out->onTimeProbability = r.onTimeProbability;
    out->histogramEdges = r.histogramEdges;
    out->histogramCounts = r.histogramCounts;
    out->threePointWarnings = threePointWarnings;
    if (s.dates) {
        auto date = [&](double h) { return dateTimeText(s.dates->finishReading(h)); };
        out->deterministicFinish = date(analysis.makespanHours);
        out->finishP50 = date(r.p50);
        out->finishP80 = date(r.p80);
        out->finishP90 = date(r.p90);
    }
    const TaskLabels labels(project);
    auto titleOf = [&](int t) { return labels(s.ids[std::size_t(t)]); };
    for (std::size_t k = 0; k < s.deadlines.size() && k < r.deadlineProbability.size(); ++k) {
        const int t = s.deadlines[k].task;
        out->deadlines.push_back({titleOf(t), s.ids[std::size_t(t)], dateTimeText(s.deadlines[k].moment),
                                  r.deadlineProbability[k]});
    }
    // The same choice and order as the panel's table and `workplan risk`.
    for (int t : RiskCharts::topLeaves(s, r.criticality, false))
        out->critical.push_back({titleOf(t), s.ids[std::size_t(t)], r.criticality[std::size_t(t)]});
    for (int t : RiskCharts::topLeaves(s, r.sensitivity, true))
        out->sensitive.push_back({titleOf(t), s.ids[std::size_t(t)], r.sensitivity[std::size_t(t)]});
    return out;
}

} // namespace Workplan
