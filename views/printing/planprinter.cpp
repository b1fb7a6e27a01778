#include "planprinter.h"

#include "model/engine/explain.h"
#include "model/engine/leveledschedule.h"
#include "model/engine/scheduledates.h"

#include "graphexport.h"
#include "riskpage.h"

#include "views/analysiscontroller.h"

#include "model/effort.h"
#include "model/project.h"

#include <QDate>
#include <QGraphicsScene>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace Workplan {

namespace {

QString hours(double h)
{
    return QString::number(h, 'g', 10);
}

QFont pixelFont(double pt, double px, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(std::max(1, int(std::lround(pt * px))));
    f.setBold(bold);
    return f;
}

} // namespace

QPageLayout PrintOptions::pageLayout() const
{
    return QPageLayout(QPageSize(paper), orientation, QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
}

std::optional<QPageSize::PageSizeId> PrintOptions::paperFromName(const QString &name)
{
    if (name.compare(QLatin1String("A4"), Qt::CaseInsensitive) == 0)
        return QPageSize::A4;
    if (name.compare(QLatin1String("A3"), Qt::CaseInsensitive) == 0)
        return QPageSize::A3;
    if (name.compare(QLatin1String("Letter"), Qt::CaseInsensitive) == 0)
        return QPageSize::Letter;
    return std::nullopt;
}

std::optional<std::pair<int, int>> PrintOptions::tilesFromText(const QString &text)
{
    const QStringList parts = text.toLower().split(QLatin1Char('x'));
    if (parts.size() != 2)
        return std::nullopt;
    bool okA = false, okB = false;
    const int a = parts[0].toInt(&okA), b = parts[1].toInt(&okB);
    if (!okA || !okB || a < 1 || b < 1 || a > 20 || b > 20)
        return std::nullopt;
    return std::make_pair(a, b);
}

// Everything that depends on the page: sizes in device pixels.
struct PlanPrinter::Metrics
{
    QRectF page;        // paint rect
    QRectF body;        // between header and footer
    double px;          // device pixels per point
    double rowHeight;
    int rowsPerPage;
};

PlanPrinter::PlanPrinter(const Project &project, std::shared_ptr<const AnalysisResult> analysis,
                         QGraphicsScene *graph, const PrintOptions &options)
    : m_project(project)
    , m_labels(project)
    , m_analysis(std::move(analysis))
    , m_graph(graph)
    , m_options(options)
{
    // Hierarchy pre-order without recursion (hierarchies may be very deep).
    const int n = project.taskCount();
    std::vector<std::vector<int>> children(n + 1);
    for (int i = 0; i < n; ++i) {
        const int parent = project.indexOf(project.task(i).parentId);
        children[parent < 0 ? n : parent].push_back(i);
    }
    std::vector<std::pair<int, int>> stack;
    for (auto it = children[n].rbegin(); it != children[n].rend(); ++it)
        stack.push_back({*it, 0});
    while (!stack.empty()) {
        const auto [t, depth] = stack.back();
        stack.pop_back();
        m_tableOrder.push_back(t);
        m_tableDepth.push_back(depth);
        for (auto it = children[t].rbegin(); it != children[t].rend(); ++it)
            stack.push_back({*it, depth + 1});
    }

    if (m_analysis) {
        const Snapshot &s = m_analysis->snapshot;
        for (const Analysis::Blocked &b : m_analysis->analysis.blocked) {
            m_blockedLines << QStringLiteral("%1%2").arg(m_labels(s.ids[b.task]),
                                                         b.marked ? QStringLiteral(" \u2014 ") + markedBlockedText() : QString());
            for (const QString &wait : m_analysis->waitLines(b, m_labels))
                m_blockedLines << QStringLiteral("    ") + wait;
        }
    }
}

std::vector<PlanPrinter::Page> PlanPrinter::planPages(const Metrics &m) const
{
    std::vector<Page> pages{{Kind::Summary, 0, 0}};
    if (m_risk)
        pages.push_back({Kind::Risk, 0, 0});
    if (m_graph) {
        for (int i = 0; i < m_options.tilesAcross * m_options.tilesDown; ++i)
            pages.push_back({Kind::Graph, i, 1});
    }
    const int perPage = std::max(1, m.rowsPerPage - 1);   // one row for the column titles
    for (int first = 0; first < int(m_tableOrder.size()); first += perPage)
        pages.push_back({Kind::Table, first, std::min(perPage, int(m_tableOrder.size()) - first)});
    for (int first = 0; first < m_blockedLines.size(); first += m.rowsPerPage)
        pages.push_back({Kind::Blocked, first, std::min(m.rowsPerPage, int(m_blockedLines.size()) - first)});
    return pages;
}

PlanPrinter::Metrics PlanPrinter::metrics(QPagedPaintDevice *device) const
{
    const double px = device->logicalDpiY() / 72.0;
    const QRectF page(QPointF(0, 0), QSizeF(device->width(), device->height()));
    const double row = 13 * px;
    const QRectF body = page.adjusted(0, 28 * px, 0, -22 * px);
    return {page, body, px, row, std::max(2, int(body.height() / row))};
}

int PlanPrinter::pageCount(QPagedPaintDevice *device) const
{
    return int(planPages(metrics(device)).size());
}

void PlanPrinter::paint(QPagedPaintDevice *device) const
{
    const Metrics m = metrics(device);
    QPainter p(device);
    const std::vector<Page> pages = planPages(m);
    for (int i = 0; i < int(pages.size()); ++i) {
        if (i > 0)
            device->newPage();
        paintHeaderFooter(p, m, i + 1, int(pages.size()));
        switch (pages[i].kind) {
        case Kind::Summary: paintSummary(p, m); break;
        case Kind::Risk: RiskPage::paint(p, *m_risk, m.body, m.px); break;
        case Kind::Graph: paintGraphTile(p, m, pages[i].first); break;
        case Kind::Table: paintTable(p, m, pages[i].first, pages[i].count); break;
        case Kind::Blocked: paintBlocked(p, m, pages[i].first, pages[i].count); break;
        }
    }
}

bool writePdfFile(const QString &path, const PrintOptions &options, const QString &title,
                  const std::function<void(QPagedPaintDevice *)> &paint, QString *error)
{
    // Through QSaveFile: a failed write leaves an existing file as it was, and the error
    // names the file (QPdfWriter itself reports none).
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setResolution(options.resolution);
        writer.setPageLayout(options.pageLayout());
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("Workplan"));
        paint(&writer);
    }
    if (file.size() <= 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: could not write the PDF: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool PlanPrinter::writePdf(const QString &path, QString *error) const
{
    return writePdfFile(path, m_options, m_project.name, [this](QPagedPaintDevice *d) { paint(d); }, error);
}

void PlanPrinter::paintHeaderFooter(QPainter &p, const Metrics &m, int number, int total) const
{
    p.setPen(Qt::black);
    p.setFont(pixelFont(10, m.px, true));
    const QRectF header(m.page.left(), m.page.top(), m.page.width(), 18 * m.px);
    p.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, m_project.name);
    p.setFont(pixelFont(8, m.px));
    p.drawText(header, Qt::AlignRight | Qt::AlignVCenter, QDate::currentDate().toString(Qt::ISODate));
    p.drawLine(QLineF(header.bottomLeft(), header.bottomRight()));
    const QRectF footer(m.page.left(), m.page.bottom() - 16 * m.px, m.page.width(), 16 * m.px);
    p.drawText(footer, Qt::AlignHCenter | Qt::AlignVCenter,
               tr("page %1 of %2").arg(number).arg(total));
}

void PlanPrinter::paintSummary(QPainter &p, const Metrics &m) const
{
    QStringList lines;
    lines << tr("Tasks: %1").arg(m_project.taskCount());
    if (m_analysis) {
        const Analysis &a = m_analysis->analysis;
        const Snapshot &s = m_analysis->snapshot;
        lines << tr("Leaf tasks: %1, dependencies: %2").arg(a.leafTasks).arg(a.dependencies);
        if (!a.hasSchedule()) {
            lines << tr("Cycles: %1 \u2014 no schedule is possible").arg(a.cycles.size());
            for (const auto &c : a.cycles) {
                QStringList names;
                for (int t : c)
                    names << m_labels(s.ids[t]);
                lines << tr("   loop: %1").arg(names.join(QStringLiteral(", ")));
            }
        } else {
            lines << tr("Makespan: %1 h").arg(hours(a.makespanHours));
            if (a.leveled)
                lines << tr("With the team: %1 h (%2 tasks start later)")
                             .arg(hours(a.leveled->makespanHours)).arg(a.leveled->delayed.size());
            // §6: the plan in dates, and each deadline with its margin.
            if (const ScheduleDates *dates = m_analysis->dates.get()) {
                lines << tr("Start: %1 · Finish: %2")
                             .arg(dateTimeText(s.dates->startMoment()), dateTimeText(dates->finish));
                if (!s.deadlines.empty())
                    lines << tr("Deadlines:");
                for (const Snapshot::Deadline &d : s.deadlines) {
                    const double margin = m_analysis->margins[std::size_t(d.task)];
                    lines << tr("   %1: due %2, finishes %3 — %4")
                                 .arg(m_labels(s.ids[std::size_t(d.task)]), dateTimeText(d.moment),
                                      dateTimeText(dates->tasks[std::size_t(d.task)].finish),
                                      isLate(margin) ? tr("%1 h late").arg(hours(-margin))
                                                     : tr("%1 h to spare").arg(hours(margin)));
                }
            }
            lines << tr("Sequential work: %1 h; saved by parallel work: %2 h")
                         .arg(hours(a.sequentialHours), hours(a.timeSavingsHours));
            QStringList path;
            for (int t : a.criticalPath)
                path << m_labels(s.ids[t]);
            lines << tr("Critical path: %1").arg(path.join(QStringLiteral(" \u2192 ")));
            lines << tr("Parallel groups: %1").arg(a.parallelGroupCount());
            for (std::size_t g = 0; g < a.parallelGroupCount(); ++g) {
                double sum = 0;
                for (int t : a.parallelGroup(g))
                    sum += a.times(t).ef - a.times(t).es;
                const std::size_t size = a.parallelGroup(g).size();
                const QString count = size == 1 ? tr("1 task") : tr("%1 tasks").arg(size);
                lines << tr("   parallel group %1: %2, %3 h").arg(g + 1).arg(count, hours(sum));
            }
        }
        lines << tr("Blocked tasks: %1").arg(a.blocked.size());
        lines << tr("Ready tasks: %1").arg(a.ready.size());
    }
    p.setFont(pixelFont(16, m.px, true));
    QRectF r = m.body.adjusted(0, 6 * m.px, 0, 0);
    p.drawText(r, Qt::AlignLeft | Qt::AlignTop, tr("Plan summary"));
    r.adjust(0, 26 * m.px, 0, 0);
    p.setFont(pixelFont(10, m.px));
    p.drawText(r, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, lines.join(QLatin1Char('\n')));
}

void PlanPrinter::paintGraphTile(QPainter &p, const Metrics &m, int tile) const
{
    const int across = m_options.tilesAcross, down = m_options.tilesDown;
    const QRectF source = GraphExport::exportRect(m_graph);
    const QRectF area = m.body.adjusted(0, 4 * m.px, 0, -4 * m.px);
    // Tiles overlap by a margin so the sheets can be glued; the marks show where.
    const double overlap = across * down > 1 ? 10 * m.px : 0;
    const double totalW = across * area.width() - (across - 1) * overlap;
    const double totalH = down * area.height() - (down - 1) * overlap;
    const double scale = std::min(totalW / source.width(), totalH / source.height());
    const int col = tile % across, row = tile / across;
    // The graph is centred on the whole sheet so that the tiles share it evenly.
    const QPointF centring((totalW - source.width() * scale) / 2, (totalH - source.height() * scale) / 2);
    const QPointF origin(col * (area.width() - overlap), row * (area.height() - overlap));
    const QRectF sourcePart(source.topLeft() + (origin - centring) / scale, area.size() / scale);

    p.save();
    p.setClipRect(area);
    m_graph->render(&p, area, sourcePart, Qt::IgnoreAspectRatio);
    p.restore();

    if (across * down > 1) {
        p.setPen(QPen(Qt::gray, 0.5 * m.px, Qt::DashLine));
        if (col > 0)
            p.drawLine(QLineF(area.left() + overlap, area.top(), area.left() + overlap, area.bottom()));
        if (row > 0)
            p.drawLine(QLineF(area.left(), area.top() + overlap, area.right(), area.top() + overlap));
        p.setPen(Qt::black);
        p.setFont(pixelFont(8, m.px));
        p.drawText(area, Qt::AlignRight | Qt::AlignBottom,
                   tr("graph tile %1 of %2 (column %3, row %4)")
                       .arg(tile + 1).arg(across * down).arg(col + 1).arg(row + 1));
    }
}

void PlanPrinter::paintTable(QPainter &p, const Metrics &m, int first, int count) const
{
    // With a project start (§6) two date columns follow, and the others make room.
    const ScheduleDates *dates = m_analysis ? m_analysis->dates.get() : nullptr;
    static const double plain[] = {0.40, 0.12, 0.10, 0.07, 0.06, 0.06, 0.06, 0.06, 0.07};
    static const double dated[] = {0.22, 0.09, 0.08, 0.06, 0.05, 0.05, 0.05, 0.05, 0.05, 0.15, 0.15};
    const double *widths = dates ? dated : plain;
    QStringList titles{tr("Task"), tr("Type"), tr("Status"),
                       tr("Effort h"), tr("ES"), tr("EF"),
                       tr("LS"), tr("LF"), tr("Slack")};
    if (dates)
        titles << tr("Start") << tr("Finish");
    auto drawRow = [&](double y, const QStringList &cells, bool bold) {
        p.setFont(pixelFont(7.5, m.px, bold));
        double x = m.body.left();
        for (int c = 0; c < cells.size(); ++c) {
            const QRectF cell(x, y, widths[c] * m.body.width(), m.rowHeight);
            const QString text = p.fontMetrics().elidedText(cells[c], Qt::ElideRight, int(cell.width() - 2 * m.px));
            p.drawText(cell.adjusted(m.px, 0, -m.px, 0), Qt::AlignVCenter | (c >= 3 && c <= 8 ? Qt::AlignRight : Qt::AlignLeft), text);
            x += cell.width();
        }
    };
    double y = m.body.top();
    drawRow(y, titles, true);
    y += m.rowHeight;
    p.drawLine(QLineF(m.body.left(), y, m.body.right(), y));
    for (int i = first; i < first + count; ++i) {
        const Task &t = m_project.task(m_tableOrder[i]);
        QStringList cells{QString(m_tableDepth[i] * 3, QLatin1Char(' ')) + t.title(), t.type, toString(t.status)};
        const QJsonValue est = estimateValue(t.attributes);
        const auto effort = est.isUndefined() ? std::nullopt : parseEffort(est, m_project.calendar);
        cells << (effort ? hours(*effort) : QString());
        const auto times = m_analysis ? m_analysis->times(t.id) : std::nullopt;
        for (double v : {times ? times->es : 0.0, times ? times->ef : 0.0, times ? times->ls : 0.0,
                         times ? times->lf : 0.0, times ? times->slack : 0.0})
            cells << (times ? hours(v) : QStringLiteral("\u2014"));
        if (dates) {
            const int index = m_analysis->index(t.id);
            if (index >= 0) {
                const ScheduleDates::Task &d = dates->tasks[std::size_t(index)];
                cells << dateTimeText(d.start) << dateTimeText(d.finish);
            } else {
                cells << QStringLiteral("\u2014") << QStringLiteral("\u2014");
            }
        }
        drawRow(y, cells, false);
        y += m.rowHeight;
    }
}

void PlanPrinter::paintBlocked(QPainter &p, const Metrics &m, int first, int count) const
{
    p.setFont(pixelFont(8, m.px));
    double y = m.body.top();
    for (int i = first; i < first + count; ++i) {
        p.drawText(QRectF(m.body.left(), y, m.body.width(), m.rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   m_blockedLines[i]);
        y += m.rowHeight;
    }
}

} // namespace Workplan
