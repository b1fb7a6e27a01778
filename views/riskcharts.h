#pragma once

#include <QPointF>
#include <QString>

#include <vector>

class QChart;
class QChartView;

namespace Workplan {

class Project;
struct Analysis;
struct RiskInput;
struct RiskResult;
struct Snapshot;

// What the Risk panel shows of one finished run (§8): the histogram of finishes, the S-curve
// (the chance of finishing by each makespan), the tornado of the most sensitive tasks and
// the table of figures. Each chart function returns a new chart the caller hands to a view
// with replaceChart().
namespace RiskCharts {

// Points on the S-curve: enough to look smooth in a dock, few enough that a million runs
// do not become a million points.
constexpr int kSCurvePoints = 200;

// The S-curve's series name, which tests and the legend go by.
QString sCurveName();

// min(kSCurvePoints, runs) points (hours, percent of runs finished by then) from the
// makespans in any order: point i is the sorted makespans' value at the 1-based rank
// ceil((i + 1) / points * runs), the same nearest rank the percentiles use, so the curve
// passes exactly through (P50, 50 %) and the others.
std::vector<QPointF> sCurvePoints(std::vector<double> makespans, int points = kSCurvePoints);

// Leaves sorted by value descending (ties: file order), zeros left out, at most `count`:
// the order `workplan risk` lists them in.
std::vector<int> topLeaves(const Snapshot &s, const std::vector<double> &value, bool absolute, int count = 10);

QString hoursText(double hours);

QChart *histogram(const RiskResult &r, double deterministic);
// `points` from sCurvePoints() (made on the worker, where the makespans are). With a
// project start the x axis reads in dates (the finish reading of each tick's hours);
// otherwise in hours.
QChart *sCurve(const std::vector<QPointF> &points, const RiskResult &r, double deterministic,
               const Snapshot &s);
// Null when no task's duration moves the finish. Bars are named by task title (taskLabel).
QChart *tornado(const Project &project, const Snapshot &s, const RiskResult &r, int *bars = nullptr);

// The figures as an HTML table: deterministic finish and percentiles (with dates for a
// dated project), deadlines, the most critical and most sensitive tasks, warnings.
QString tableHtml(const Project &project, const Snapshot &s, const Analysis &analysis, const RiskInput &input,
                  const RiskResult &r);

// Replaces a view's chart (QChartView hands the old one back to the caller; it is deleted).
void replaceChart(QChartView *view, QChart *chart);

} // namespace RiskCharts
} // namespace Workplan
