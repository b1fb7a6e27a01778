#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace Workplan {

class Project;

struct Analysis;
struct RiskInput;
struct RiskResult;
struct Snapshot;

// `workplan risk` output (§8): the JSON object of the contract and the text form (a table
// of percentiles, on-time probability, finish dates, the most critical and most sensitive
// tasks, a histogram). `analysis` is the deterministic analysis of the same snapshot.
QByteArray riskToJson(const Snapshot &s, const Analysis &analysis, const RiskInput &input,
                      const RiskResult &result, std::uint64_t seed);
// Tasks are named by their titles (TaskLabels of the project the snapshot was made from),
// by id when no project is given.
QString riskToText(const Snapshot &s, const Analysis &analysis, const RiskInput &input,
                   const RiskResult &result, std::uint64_t seed, const Project *project = nullptr);
// The leaves with the largest `value` (by absolute value when `absolute`), at most `count`,
// ties in file order, zeros left out: the "most critical" and "most sensitive" lists of the
// text report, the panel and the printed page.
std::vector<int> riskTopLeaves(const Snapshot &s, const std::vector<double> &value, int count, bool absolute);
// With cycles there is no simulation: only {"project", "cycles"}.
QByteArray riskCyclesToJson(const Snapshot &s, const Analysis &analysis);

} // namespace Workplan
