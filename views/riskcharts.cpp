#include "riskcharts.h"

#include "model/engine/riskreport.h"

#include "model/calendar/workcalendar.h"
#include "model/engine/analysis.h"
#include "model/engine/risk.h"
#include "model/engine/riskinput.h"
#include "model/project.h"
#include "model/tasklabel.h"
#include "model/engine/scheduledates.h"
#include "model/engine/snapshot.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QGraphicsLayout>
#include <QHorizontalBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace Workplan::RiskCharts {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workplan::RiskPanel", text);
}

const QColor kP50(0x2e, 0x8b, 0x57);
const QColor kP80(0xd9, 0x8c, 0x00);
const QColor kP90(0xc0, 0x39, 0x2b);

// The smallest step of 1, 2, 3 or 5 times a power of ten `unit`s that cuts `span` into at
// most `parts` pieces: few enough for the labels to fit a dock.
double niceStep(double span, double unit, int parts)
{
    const double raw = std::max(span / unit / parts, 1e-9);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 3.0, 5.0}) {
        if (m * power >= raw)
            return m * power * unit;
    }
    return 10 * power * unit;
}

// The x axis of a dated project: a tick every nice number of hours, each labelled with the
// moment that many working hours finish at. Hours are what the series hold; only the
// labels speak in dates, so the curve and the markers need no conversion.
QCategoryAxis *dateAxis(const WorkCalendar &dates, double lo, double hi)
{
    auto *axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setRange(lo, hi);
    axis->setStartValue(lo);
    // Whole working days when the span allows: each tick then falls on a day's end.
    const double day = dates.hoursPerDay();
    const double step = niceStep(hi - lo, hi - lo >= 2 * day ? day : 1.0, 5);
    QString last;
    for (double h = std::ceil(lo / step) * step; h <= hi + 1e-9; h += step) {
        // Date over time: a dock is too narrow for five "2025-06-26 14:30" side by side.
        const QString label = dateTimeText(dates.finishReading(h)).replace(QLatin1Char(' '), QLatin1String("<br>"));
        if (h >= 0 && label != last)   // a category axis takes each label once
            axis->append(label, h);
        last = label;
    }
    axis->setTitleText(tr("finish date"));
    return axis;
}

QString dateText(const Snapshot &s, double h)
{
    return s.dates ? formatMoment(s.dates->finishReading(h)).replace(QLatin1Char('T'), QLatin1Char(' ')) : QString();
}

QString percentText(double share)
{
    return QString::number(share * 100, 'f', 1) + QStringLiteral(" %");
}

} // namespace

QString sCurveName()
{
    return tr("Chance of finishing by");
}

std::vector<QPointF> sCurvePoints(std::vector<double> makespans, int points)
{
    const std::size_t runs = makespans.size();
    std::vector<QPointF> out;
    if (runs == 0 || points <= 0)
        return out;
    std::sort(makespans.begin(), makespans.end());
    const std::size_t n = std::min(runs, std::size_t(points));
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        // Integer arithmetic: ceil((i + 1) * runs / n) without rounding surprises.
        const std::size_t rank = ((i + 1) * runs + n - 1) / n;
        out.emplace_back(makespans[rank - 1], 100.0 * double(rank) / double(runs));
    }
    return out;
}

std::vector<int> topLeaves(const Snapshot &s, const std::vector<double> &value, bool absolute, int count)
{
    return riskTopLeaves(s, value, count, absolute);   // one ranking for report, panel and page
}

QString hoursText(double hours)
{
    return QString::number(hours, 'f', 1) + QStringLiteral(" h");
}

void replaceChart(QChartView *view, QChart *chart)
{
    // A dock is narrow, so the chart gives its frame's margins to the plot.
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

QChart *histogram(const RiskResult &r, double deterministic)
{
    auto *chart = new QChart;
    chart->setTitle(tr("Finish over %L1 runs (hours)").arg(r.runs));
    chart->legend()->setAlignment(Qt::AlignBottom);
    double lo = r.histogramEdges.empty() ? r.min : r.histogramEdges.front();
    double hi = r.histogramEdges.empty() ? r.max : r.histogramEdges.back();
    // Every run alike: one bin of no width, drawn as a narrow bar so that it shows.
    const double pad = hi - lo > 1e-9 ? 0 : std::max(0.5, std::fabs(lo) * 0.02);
    int most = 1;
    auto *steps = new QLineSeries(chart);   // the area draws it but does not own it
    for (std::size_t b = 0; b < r.histogramCounts.size(); ++b) {
        const int count = r.histogramCounts[b];
        most = std::max(most, count);
        steps->append(r.histogramEdges[b] - pad, count);
        steps->append(r.histogramEdges[b + 1] + pad, count);
    }
    auto *area = new QAreaSeries(steps);
    area->setName(tr("Runs"));
    area->setColor(QColor(0x6a, 0x9f, 0xd8));
    area->setBorderColor(QColor(0x3d, 0x6f, 0xa8));
    chart->addSeries(area);
    const double top = most * 1.08;
    auto marker = [&](const QString &label, double x, const QColor &color, Qt::PenStyle style) {
        auto *line = new QLineSeries;
        line->setName(label.isEmpty() ? tr("Deterministic") : QStringLiteral("%1 %2").arg(label, hoursText(x)));
        line->append(x, 0);
        line->append(x, top);
        line->setPen(QPen(color, 2, style));
        chart->addSeries(line);
    };
    marker(QString(), deterministic, Qt::black, Qt::SolidLine);   // its hours are in the table
    marker(QStringLiteral("P50"), r.p50, kP50, Qt::DashLine);
    marker(QStringLiteral("P80"), r.p80, kP80, Qt::DashLine);
    marker(QStringLiteral("P90"), r.p90, kP90, Qt::DashLine);
    lo = std::min(lo - pad, deterministic);
    hi = std::max(hi + pad, deterministic);
    const double margin = std::max((hi - lo) * 0.03, 0.5);
    auto *x = new QValueAxis;
    x->setRange(lo - margin, hi + margin);
    x->setLabelFormat(QStringLiteral("%.0f"));
    x->setTitleText(tr("hours"));
    auto *y = new QValueAxis;
    y->setRange(0, top);
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(tr("runs"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    return chart;
}

QChart *sCurve(const std::vector<QPointF> &points, const RiskResult &r, double deterministic,
               const Snapshot &s)
{
    auto *chart = new QChart;
    chart->setTitle(tr("Chance of finishing by each point (%L1 runs)").arg(r.runs));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *curve = new QLineSeries;
    curve->setName(sCurveName());
    curve->setPen(QPen(QColor(0x3d, 0x6f, 0xa8), 2));
    curve->append(QList<QPointF>(points.begin(), points.end()));
    chart->addSeries(curve);

    double lo = std::min(r.min, deterministic);
    double hi = std::max(r.max, deterministic);
    // Every run alike: the curve is one vertical step; give it room either side.
    const double margin = std::max((hi - lo) * 0.03, 0.5);
    lo -= margin;
    hi += margin;
    // Each percentile as a drop line: up from the axis to its share, then across to the
    // left edge, where the eye reads "80 %" off the y axis.
    auto marker = [&](const char *label, double x, double share, const QColor &color) {
        auto *line = new QLineSeries;
        // In the axis's terms: a date when it reads in dates.
        line->setName(QStringLiteral("%1 %2").arg(QLatin1String(label),
                                                  s.dates ? dateTimeText(s.dates->finishReading(x)) : hoursText(x)));
        line->append(x, 0);
        line->append(x, share);
        line->append(lo, share);
        line->setPen(QPen(color, 1.5, Qt::DashLine));
        chart->addSeries(line);
    };
    marker("P50", r.p50, 50, kP50);
    marker("P80", r.p80, 80, kP80);
    marker("P90", r.p90, 90, kP90);

    QAbstractAxis *x = nullptr;
    if (s.dates) {
        x = dateAxis(*s.dates, lo, hi);
    } else {
        auto *hours = new QValueAxis;
        hours->setRange(lo, hi);
        hours->setLabelFormat(QStringLiteral("%.0f"));
        hours->setTitleText(tr("hours"));
        x = hours;
    }
    auto *y = new QValueAxis;
    y->setRange(0, 100);
    y->setTickCount(6);
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(tr("% of runs"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    // The title names the curve; the legend's room goes to the three marks.
    for (QLegendMarker *m : chart->legend()->markers(curve))
        m->setVisible(false);
    return chart;
}

QChart *tornado(const Project &project, const Snapshot &s, const RiskResult &r, int *bars)
{
    std::vector<int> top = topLeaves(s, r.sensitivity, true);
    if (bars)
        *bars = int(top.size());
    if (top.empty())
        return nullptr;
    // A horizontal bar chart lists its first category at the bottom: the strongest goes last.
    std::reverse(top.begin(), top.end());
    auto *set = new QBarSet(tr("Rank correlation with the finish"));
    set->setColor(QColor(0x8e, 0x6c, 0xc0));
    // Distinct names too: the category axis merges equal ones (taskLabel adds the id then).
    const TaskLabels labels(project);
    QStringList names;
    for (int t : top) {
        *set << r.sensitivity[std::size_t(t)];
        names << labels(s.ids[std::size_t(t)]);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    auto *chart = new QChart;
    chart->setTitle(tr("Most sensitive tasks"));
    chart->legend()->hide();
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(names);
    auto *values = new QValueAxis;
    const bool negative = std::any_of(top.begin(), top.end(), [&](int t) { return r.sensitivity[std::size_t(t)] < 0; });
    values->setRange(negative ? -1.0 : 0.0, 1.0);
    values->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(categories, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(categories);
    series->attachAxis(values);
    return chart;
}

QString tableHtml(const Project &project, const Snapshot &s, const Analysis &analysis, const RiskInput &input,
                  const RiskResult &r)
{
    auto cell = [](const QString &text, bool right = false) {
        return QStringLiteral("<td%1>%2</td>").arg(right ? QStringLiteral(" align=\"right\"") : QString(),
                                                  text.toHtmlEscaped());
    };
    const TaskLabels labels(project);
    auto name = [&](int t) { return labels(s.ids[std::size_t(t)]); };
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
    html += QStringLiteral("<tr><th align=\"left\">%1</th><th align=\"right\">%2</th><th align=\"left\">%3</th></tr>")
                .arg(tr("Finish"), tr("Hours"), s.dates ? tr("Date") : QString());
    auto row = [&](const QString &label, double h) {
        html += QStringLiteral("<tr>") + cell(label) + cell(hoursText(h), true) + cell(dateText(s, h)) + QStringLiteral("</tr>");
    };
    row(tr("Deterministic"), analysis.makespanHours);
    for (const auto &[label, value] : {std::pair<const char *, double>{"P10", r.p10}, {"P50", r.p50},
                                       {"P80", r.p80}, {"P90", r.p90}, {"P95", r.p95}})
        row(QLatin1String(label), value);
    row(tr("Mean"), r.mean);
    html += QStringLiteral("</table><p>%1</p>")
                .arg(tr("Stdev %1, min %2, max %3. On time (by the deterministic finish): %4.")
                         .arg(hoursText(r.stdev), hoursText(r.min), hoursText(r.max), percentText(r.onTimeProbability))
                         .toHtmlEscaped());
    auto section = [&](const QString &title, const QStringList &rows) {
        if (!rows.isEmpty())
            html += QStringLiteral("<p><b>%1</b></p><table cellspacing=\"0\" cellpadding=\"2\">%2</table>")
                        .arg(title.toHtmlEscaped(), rows.join(QString()));
    };
    QStringList rows;
    for (std::size_t k = 0; k < s.deadlines.size(); ++k)
        rows << QStringLiteral("<tr>") + cell(percentText(r.deadlineProbability[k]), true)
                    + cell(tr("%1 meets its deadline").arg(name(s.deadlines[k].task))) + QStringLiteral("</tr>");
    section(tr("Deadlines"), rows);
    rows.clear();
    for (int t : topLeaves(s, r.criticality, false))
        rows << QStringLiteral("<tr>") + cell(percentText(r.criticality[std::size_t(t)]), true) + cell(name(t)) + QStringLiteral("</tr>");
    section(tr("Most critical (share of runs on the critical path)"), rows);
    rows.clear();
    for (int t : topLeaves(s, r.sensitivity, true))
        rows << QStringLiteral("<tr>") + cell(QString::number(r.sensitivity[std::size_t(t)], 'f', 3), true)
                    + cell(name(t)) + QStringLiteral("</tr>");
    section(tr("Most sensitive (rank correlation with the finish)"), rows);
    rows.clear();
    for (const Snapshot::TaskWarning &w : input.threePointWarnings)
        rows << QStringLiteral("<tr>") + cell(name(w.task)) + cell(w.message) + QStringLiteral("</tr>");
    section(tr("Warnings"), rows);
    return html;
}

} // namespace Workplan::RiskCharts
