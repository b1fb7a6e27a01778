#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

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
// With cycles there is no simulation: only {"project", "cycles"}.
QByteArray riskCyclesToJson(const Snapshot &s, const Analysis &analysis);

} // namespace Workplan
