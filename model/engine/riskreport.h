#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace Workplan {

struct Analysis;
struct RiskInput;
struct RiskResult;
struct Snapshot;

// `workplan risk` output (§8): the JSON object of the contract and the text form (a table
// of percentiles, on-time probability, finish dates, the most critical and most sensitive
// tasks, a histogram). `analysis` is the deterministic analysis of the same snapshot.
QByteArray riskToJson(const Snapshot &s, const Analysis &analysis, const RiskInput &input,
                      const RiskResult &result, std::uint64_t seed);
QString riskToText(const Snapshot &s, const Analysis &analysis, const RiskInput &input,
                   const RiskResult &result, std::uint64_t seed);
// The leaves with the largest `value` (by absolute value when `absolute`), at most `count`,
// ties in file order, zeros left out: the "most critical" and "most sensitive" lists of the
// text report, the panel and the printed page.
std::vector<int> riskTopLeaves(const Snapshot &s, const std::vector<double> &value, int count, bool absolute);
// With cycles there is no simulation: only {"project", "cycles"}.
QByteArray riskCyclesToJson(const Snapshot &s, const Analysis &analysis);

} // namespace Workplan
