#include "riskpage.h"

#include "risksummary.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace Workplan::RiskPage {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("PlanPrinter", text, nullptr, n);
}

// The panel's colours (riskcharts.cpp), so the page reads like the dock.
const QColor kBars(0x6a, 0x9f, 0xd8);
const QColor kBarEdge(0x3d, 0x6f, 0xa8);
const QColor kP50(0x2e, 0x8b, 0x57);
const QColor kP80(0xd9, 0x8c, 0x00);
const QColor kP90(0xc0, 0x39, 0x2b);

QFont pixelFont(double pt, double px, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(std::max(1, int(std::lround(pt * px))));
    f.setBold(bold);
    return f;
}

QString hoursText(double h)
{
    return QString::number(h, 'f', 1) + QStringLiteral(" h");
}

QString percentText(double share)
{
    return QString::number(share * 100, 'f', 1) + QStringLiteral(" %");
}

// 1, 2 or 5 times a power of ten: at most `parts` steps over `span`.
double niceStep(double span, int parts)
{
    const double raw = std::max(span / parts, 1e-9);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * power >= raw)
            return m * power;
    }
    return 10 * power;
}

// The histogram with its axes in `area`; returns nothing, draws everything.
void paintHistogram(QPainter &p, const RiskSummary &r, const QRectF &area, double px)
{
    const double row = 12 * px;
    const QRectF plot = area.adjusted(40 * px, 4 * row, -8 * px, -2.4 * row);
    double lo = r.histogramEdges.empty() ? r.min : r.histogramEdges.front();
    double hi = r.histogramEdges.empty() ? r.max : r.histogramEdges.back();
    // Every run alike: one bin of no width, drawn as a narrow bar so that it shows.
    const double pad = hi - lo > 1e-9 ? 0 : std::max(0.5, std::fabs(lo) * 0.02);
    lo = std::min(lo - pad, r.deterministicHours);
    hi = std::max(hi + pad, r.deterministicHours);
    const double margin = std::max((hi - lo) * 0.03, 0.5);
    lo -= margin;
    hi += margin;
    int most = 1;
    for (int c : r.histogramCounts)
        most = std::max(most, c);
    const double top = most * 1.08;
    auto xOf = [&](double h) { return plot.left() + (h - lo) / (hi - lo) * plot.width(); };
    auto yOf = [&](double count) { return plot.bottom() - count / top * plot.height(); };

    // Axes, ticks and their labels.
    p.setFont(pixelFont(7.5, px));
    p.setPen(QPen(QColor(0x60, 0x60, 0x60), 0.6 * px));
    p.drawLine(QLineF(plot.bottomLeft(), plot.bottomRight()));
    p.drawLine(QLineF(plot.bottomLeft(), plot.topLeft()));
    const double xStep = niceStep(hi - lo, 8);
    for (double h = std::ceil(lo / xStep) * xStep; h <= hi + 1e-9; h += xStep) {
        const double x = xOf(h);
        p.drawLine(QLineF(x, plot.bottom(), x, plot.bottom() + 3 * px));
        p.drawText(QRectF(x - 30 * px, plot.bottom() + 3 * px, 60 * px, row), Qt::AlignHCenter | Qt::AlignTop,
                   QString::number(h, 'g', 6));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + row + 3 * px, plot.width(), row), Qt::AlignHCenter | Qt::AlignTop,
               tr("finish (working hours from the start)"));
    const double yStep = std::max(1.0, std::round(niceStep(top, 4)));
    for (double c = 0; c <= top + 1e-9; c += yStep) {
        const double y = yOf(c);
        p.drawLine(QLineF(plot.left() - 3 * px, y, plot.left(), y));
        p.drawText(QRectF(area.left(), y - row / 2, 40 * px - 5 * px, row), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(c, 'f', 0));
    }
    p.drawText(QRectF(area.left(), plot.top() - 1.3 * row, 80 * px, row), Qt::AlignLeft | Qt::AlignBottom, tr("runs"));

    // The bars.
    p.setPen(QPen(kBarEdge, 0.5 * px));
    p.setBrush(kBars);
    for (std::size_t b = 0; b < r.histogramCounts.size() && b + 1 < r.histogramEdges.size(); ++b) {
        const double x0 = xOf(r.histogramEdges[b] - pad), x1 = xOf(r.histogramEdges[b + 1] + pad);
        p.drawRect(QRectF(QPointF(x0, yOf(r.histogramCounts[b])), QPointF(x1, plot.bottom())));
    }
    p.setBrush(Qt::NoBrush);

    // The lines, each labelled on its own line above the plot so that close ones stay
    // readable; a label near the right edge goes left of its line.
    struct Mark { QString label; double hours; QColor color; Qt::PenStyle style; };
    const Mark marks[] = {{tr("Deterministic %1").arg(hoursText(r.deterministicHours)), r.deterministicHours, Qt::black, Qt::SolidLine},
                          {QStringLiteral("P50 %1").arg(hoursText(r.p50)), r.p50, kP50, Qt::DashLine},
                          {QStringLiteral("P80 %1").arg(hoursText(r.p80)), r.p80, kP80, Qt::DashLine},
                          {QStringLiteral("P90 %1").arg(hoursText(r.p90)), r.p90, kP90, Qt::DashLine}};
    p.setFont(pixelFont(7.5, px, true));
    for (int i = 0; i < 4; ++i) {
        const Mark &m = marks[i];
        const double x = xOf(m.hours);
        const double labelY = plot.top() - (4 - i) * row;
        p.setPen(QPen(m.color, 1.4 * px, m.style));
        p.drawLine(QLineF(x, labelY + row, x, plot.bottom()));
        const double width = p.fontMetrics().horizontalAdvance(m.label) + 4 * px;
        const bool left = x + width > area.right();
        p.setPen(m.color);
        p.drawText(QRectF(left ? x - width - 2 * px : x + 3 * px, labelY, width, row),
                   Qt::AlignVCenter | (left ? Qt::AlignRight : Qt::AlignLeft), m.label);
    }
    p.setPen(Qt::black);
}

} // namespace

void paint(QPainter &p, const RiskSummary &r, const QRectF &body, double px)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::black);
    p.setFont(pixelFont(16, px, true));
    QRectF rest = body.adjusted(0, 6 * px, 0, 0);
    p.drawText(rest, Qt::AlignLeft | Qt::AlignTop, tr("Schedule risk"));
    rest.adjust(0, 24 * px, 0, 0);
    p.setFont(pixelFont(9, px));
    QString intro = tr("%1 simulated runs, seed %2. On time (by the deterministic finish): %3.")
                        .arg(QLocale().toString(r.runs)).arg(r.seed).arg(percentText(r.onTimeProbability));
    if (r.stdev == 0)
        intro += QLatin1Char(' ') + tr("No task has a range or three-point estimate, so every run finishes alike.");
    if (r.threePointWarnings > 0)
        intro += QLatin1Char(' ') + tr("%n task(s) with a three-point estimate out of order count at their estimate.",
                                       r.threePointWarnings);
    const QRectF introRect = p.boundingRect(rest, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, intro);
    p.drawText(rest, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, intro);
    rest.setTop(introRect.bottom() + 6 * px);

    const double chartHeight = std::min(rest.height() * 0.45, 260 * px);
    paintHistogram(p, r, QRectF(rest.left(), rest.top(), rest.width(), chartHeight), px);
    rest.setTop(rest.top() + chartHeight + 10 * px);

    // Left: the percentiles and deadlines; right: what drives the finish.
    const double row = 12.5 * px;
    const double gap = 14 * px;
    const double half = (rest.width() - gap) / 2;
    const bool dated = !r.finishP50.isEmpty();
    double y = rest.top();
    // A heading, and under it in small type what its numbers mean.
    auto heading = [&](double x, double &at, const QString &text, const QString &note = QString()) {
        p.setFont(pixelFont(10, px, true));
        p.drawText(QRectF(x, at, half, row * 1.3), Qt::AlignLeft | Qt::AlignVCenter, text);
        at += row * 1.4;
        if (!note.isEmpty()) {
            p.setFont(pixelFont(7.5, px));
            p.drawText(QRectF(x, at, half, row), Qt::AlignLeft | Qt::AlignVCenter, note);
            at += row * 1.1;
        }
    };
    auto line = [&](double x, double at, const QStringList &cells, const std::vector<double> &widths, bool bold) {
        p.setFont(pixelFont(8, px, bold));
        for (int c = 0; c < cells.size(); ++c) {
            const QRectF cell(x, at, widths[std::size_t(c)] * half, row);
            // The figures sit right-aligned: hours in a three-column row, values in a two-column one.
            const bool number = widths.size() == 3 ? c == 1 : c == 0;
            const QString text = p.fontMetrics().elidedText(cells[c], Qt::ElideRight, int(cell.width() - 3 * px));
            // The date column keeps clear of the right-aligned hours before it.
            p.drawText(cell.adjusted(c == 2 ? 10 * px : px, 0, -2 * px, 0), Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft), text);
            x += cell.width();
        }
    };
    const double left = rest.left();
    heading(left, y, tr("Finish"));
    const std::vector<double> finishWidths{0.34, 0.26, 0.40};
    line(left, y, {tr("Percentile"), tr("Hours"), dated ? tr("Date") : QString()}, finishWidths, true);
    y += row;
    const std::pair<QString, double> rows[] = {{tr("Deterministic"), r.deterministicHours}, {QStringLiteral("P10"), r.p10},
                                               {QStringLiteral("P50"), r.p50}, {QStringLiteral("P80"), r.p80},
                                               {QStringLiteral("P90"), r.p90}, {QStringLiteral("P95"), r.p95},
                                               {tr("Mean"), r.mean}};
    for (const auto &[label, hours] : rows) {
        QString date;
        if (label == tr("Deterministic"))
            date = r.deterministicFinish;
        else if (label == QLatin1String("P50"))
            date = r.finishP50;
        else if (label == QLatin1String("P80"))
            date = r.finishP80;
        else if (label == QLatin1String("P90"))
            date = r.finishP90;
        line(left, y, {label, hoursText(hours), date}, finishWidths, false);
        y += row;
    }
    y += row * 0.4;
    p.setFont(pixelFont(8, px));
    p.drawText(QRectF(left, y, half, row * 2), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               tr("Stdev %1, min %2, max %3.").arg(hoursText(r.stdev), hoursText(r.min), hoursText(r.max)));
    y += row * 2;
    if (!r.deadlines.empty()) {
        heading(left, y, tr("Deadlines met"));
        for (const RiskSummary::Deadline &d : r.deadlines) {
            line(left, y, {percentText(d.probability), tr("%1, due %2").arg(d.title, d.due)}, {0.2, 0.8}, false);
            y += row;
        }
    }

    const double right = rest.left() + half + gap;
    double yr = rest.top();
    auto drivers = [&](const QString &title, const QString &note, const std::vector<RiskSummary::Driver> &list, bool share) {
        heading(right, yr, title, note);
        if (list.empty()) {
            line(right, yr, {QString(), tr("none")}, {0.2, 0.8}, false);
            yr += row;
        }
        for (const RiskSummary::Driver &d : list) {
            const QString value = share ? percentText(d.value) : QString::number(d.value, 'f', 3);
            line(right, yr, {value, d.title}, {0.2, 0.8}, false);
            yr += row;
        }
        yr += row * 0.6;
    };
    drivers(tr("Most critical tasks"), tr("share of runs in which the task was on the critical path"), r.critical, true);
    drivers(tr("Most sensitive tasks"), tr("rank correlation of the task's duration with the finish"), r.sensitive, false);
    p.restore();
}

} // namespace Workplan::RiskPage
