#include "riskreport.h"

#include "../storage/json/jsonwriter.h"
#include "../tasklabel.h"
#include "analysis.h"
#include "riskinput.h"
#include "scheduledates.h"
#include "snapshot.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <optional>

namespace Workplan {

namespace {

bool isEstimateWarning(const QString &message)
{
    return message == QLatin1String("no estimate") || message.startsWith(QLatin1String("unreadable estimate"));
}

// The analysis's warnings with §8's three-point ones, per task right after its estimate's.
std::vector<Snapshot::TaskWarning> mergedWarnings(const Analysis &a, const RiskInput &in)
{
    std::vector<Snapshot::TaskWarning> out;
    auto three = in.threePointWarnings.begin();
    auto flushThrough = [&](int task) {   // three-point warnings of tasks up to `task`
        for (; three != in.threePointWarnings.end() && three->task <= task; ++three)
            out.push_back(*three);
    };
    for (std::size_t i = 0; i < a.warnings.size(); ++i) {
        const Analysis::Warning &w = a.warnings[i];
        flushThrough(w.task - 1);
        if (!isEstimateWarning(w.message))
            flushThrough(w.task);
        out.push_back({w.task, w.message});
        const bool lastOfTask = i + 1 == a.warnings.size() || a.warnings[i + 1].task != w.task;
        if (lastOfTask)
            flushThrough(w.task);
    }
    flushThrough(INT32_MAX);
    return out;
}


} // namespace

// Leaves in file order, sorted by `value` descending (ties: file order), at most `count`.
std::vector<int> riskTopLeaves(const Snapshot &s, const std::vector<double> &value, int count, bool absolute)
{
    std::vector<int> leaves;
    for (int t = 0; t < s.taskCount(); ++t) {
        if (s.isLeaf(t) && value[std::size_t(t)] != 0)
            leaves.push_back(t);
    }
    auto key = [&](int t) { return absolute ? std::fabs(value[std::size_t(t)]) : value[std::size_t(t)]; };
    std::stable_sort(leaves.begin(), leaves.end(), [&](int a, int b) { return key(a) > key(b); });
    if (int(leaves.size()) > count)
        leaves.resize(std::size_t(count));
    return leaves;
}

QByteArray riskCyclesToJson(const Snapshot &s, const Analysis &a)
{
    JsonWriter w;
    w.beginObject();
    w.key("project");
    w.value(s.projectName);
    w.key("cycles");
    w.beginArray();
    for (const auto &cycle : a.cycles) {
        w.beginArray();
        for (int t : cycle)
            w.value(s.ids[std::size_t(t)]);
        w.endArray();
    }
    w.endArray();
    w.endObject();
    return w.take() + '\n';
}

QByteArray riskToJson(const Snapshot &s, const Analysis &a, const RiskInput &in,
                      const RiskResult &r, std::uint64_t seed)
{
    JsonWriter w;
    w.beginObject();
    w.key("project"); w.value(s.projectName);
    w.key("runs"); w.integer(r.runs);
    w.key("seed"); w.integer(static_cast<long long>(seed));
    w.key("deterministic_makespan_hours"); w.hours(a.makespanHours);
    w.key("makespan");
    w.beginObject();
    const std::pair<const char *, double> figures[] = {
        {"mean", r.mean}, {"stdev", r.stdev}, {"min", r.min}, {"p10", r.p10}, {"p50", r.p50},
        {"p80", r.p80}, {"p90", r.p90}, {"p95", r.p95}, {"max", r.max}};
    for (const auto &[key, value] : figures) {
        w.key(key);
        w.hours(value);
    }
    w.endObject();
    w.key("on_time_probability"); w.number(r.onTimeProbability);
    for (const auto &[key, values] : {std::pair<const char *, const std::vector<double> *>{"criticality", &r.criticality},
                                      {"sensitivity", &r.sensitivity}}) {
        w.key(key);
        w.beginObject();
        for (int t = 0; t < s.taskCount(); ++t) {
            if (!s.isLeaf(t))
                continue;
            w.key(s.ids[std::size_t(t)]);
            w.number((*values)[std::size_t(t)]);
        }
        w.endObject();
    }
    w.key("warnings");
    w.beginArray();
    for (const Snapshot::TaskWarning &x : mergedWarnings(a, in)) {
        w.beginObject();
        w.key("task_id"); w.value(s.ids[std::size_t(x.task)]);
        w.key("message"); w.value(x.message);
        w.endObject();
    }
    w.endArray();
    if (s.dates) {
        w.key("finish_dates");
        w.beginObject();
        for (const auto &[key, hours] : {std::pair<const char *, double>{"p50", r.p50}, {"p80", r.p80}, {"p90", r.p90}}) {
            w.key(key);
            w.value(formatMoment(s.dates->finishReading(hours)));
        }
        w.endObject();
        w.key("deadlines");
        w.beginArray();
        for (std::size_t k = 0; k < s.deadlines.size(); ++k) {
            w.beginObject();
            w.key("task_id"); w.value(s.ids[std::size_t(s.deadlines[k].task)]);
            w.key("probability"); w.number(r.deadlineProbability[k]);
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
    return w.take() + '\n';
}

QString riskToText(const Snapshot &s, const Analysis &a, const RiskInput &in,
                   const RiskResult &r, std::uint64_t seed, const Project *project)
{
    std::optional<TaskLabels> labels;
    if (project)
        labels.emplace(*project);
    const auto name = [&](int t) { return labels ? (*labels)(s.ids[std::size_t(t)]) : s.ids[std::size_t(t)]; };
    QString out;
    auto line = [&](const QString &l) { out += l + QLatin1Char('\n'); };
    auto hours = [](double h) { return QString::number(h, 'f', 1) + QLatin1String(" h"); };
    auto date = [&](double h) {
        return s.dates ? QLatin1String("  ") + formatMoment(s.dates->finishReading(h)).replace(QLatin1Char('T'), QLatin1Char(' '))
                       : QString();
    };
    line(QStringLiteral("Project: %1").arg(s.projectName));
    line(QStringLiteral("Schedule risk: %1 runs, seed %2").arg(r.runs).arg(seed));
    line(QStringLiteral("Deterministic finish: %1%2").arg(hours(a.makespanHours), date(a.makespanHours)));
    line(QStringLiteral("Finish      hours%1").arg(s.dates ? QStringLiteral("      date") : QString()));
    const std::pair<const char *, double> rows[] = {
        {"P10", r.p10}, {"P50", r.p50}, {"P80", r.p80}, {"P90", r.p90}, {"P95", r.p95}};
    for (const auto &[name, value] : rows)
        line(QStringLiteral("  %1 %2%3").arg(QLatin1String(name)).arg(hours(value), 12).arg(date(value)));
    line(QStringLiteral("  mean %1, stdev %2, min %3, max %4")
             .arg(hours(r.mean), hours(r.stdev), hours(r.min), hours(r.max)));
    line(QStringLiteral("On time (by the deterministic finish): %1 %").arg(r.onTimeProbability * 100, 0, 'f', 1));
    for (std::size_t k = 0; k < s.deadlines.size(); ++k)
        line(QStringLiteral("Deadline %1 met in %2 % of runs")
                 .arg(name(s.deadlines[k].task)).arg(r.deadlineProbability[k] * 100, 0, 'f', 1));
    line(QStringLiteral("Most critical:"));
    for (int t : riskTopLeaves(s, r.criticality, 10, false))
        line(QStringLiteral("  %1 %  %2").arg(r.criticality[std::size_t(t)] * 100, 5, 'f', 1).arg(name(t)));
    line(QStringLiteral("Most sensitive (rank correlation with the finish):"));
    for (int t : riskTopLeaves(s, r.sensitivity, 10, true))
        line(QStringLiteral("  %1  %2").arg(r.sensitivity[std::size_t(t)], 6, 'f', 3).arg(name(t)));
    if (!r.histogramCounts.empty()) {
        line(QStringLiteral("Histogram of the finish:"));
        const int most = *std::max_element(r.histogramCounts.begin(), r.histogramCounts.end());
        for (std::size_t b = 0; b < r.histogramCounts.size(); ++b) {
            const int bar = most > 0 ? int(std::lround(40.0 * r.histogramCounts[b] / most)) : 0;
            line(QStringLiteral("  %1 | %2 %3").arg(hours(r.histogramEdges[b]), 10)
                     .arg(QString(bar, QLatin1Char('#'))).arg(r.histogramCounts[b]));
        }
    }
    for (const Snapshot::TaskWarning &x : mergedWarnings(a, in))
        line(QStringLiteral("Warning: %1: %2").arg(name(x.task), x.message));
    return out;
}

} // namespace Workplan
