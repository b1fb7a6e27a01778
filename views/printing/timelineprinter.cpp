#include "timelineprinter.h"

#include "views/timeline/timelinescene.h"

#include "model/projectdocument.h"

#include <QPagedPaintDevice>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace Workplan {

namespace {

// Sizes in points (1/72 in); `px` turns them into device pixels.
constexpr double kNameWidth = 170;
constexpr double kTitleHeight = 20;
constexpr double kHeaderHeight = 34;
constexpr double kFooterHeight = 16;
constexpr double kRowHeight = 14;     // one task row on paper

QFont pixelFont(double points, double px, bool bold = false)
{
    // Pixel sizes: a PDF device's point sizes would follow its own resolution, not ours.
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(std::max(1, int(std::lround(points * px))));
    f.setBold(bold);
    return f;
}

} // namespace

struct TimelinePrinter::Metrics
{
    QRectF page;      // the printable area, device pixels
    double px = 1;    // device pixels per point
    double scale = 1; // device pixels per scene unit
    QRectF names;     // the name column of a page's rows
    QRectF header;    // the time header above the chart
    QRectF chart;     // where the slice of the scene goes
    Grid grid;
};

TimelinePrinter::TimelinePrinter(const QString &projectName, const TimelineScene *scene,
                                 const PrintOptions &options)
    : m_projectName(projectName)
    , m_scene(scene)
    , m_options(options)
{
}

TimelinePrinter::Metrics TimelinePrinter::metrics(QPagedPaintDevice *device) const
{
    Metrics m;
    m.px = device->logicalDpiY() / 72.0;
    m.page = QRectF(0, 0, device->width(), device->height());
    const double top = m.page.top() + kTitleHeight * m.px;
    const double bottom = m.page.bottom() - kFooterHeight * m.px;
    m.header = QRectF(m.page.left() + kNameWidth * m.px, top, m.page.width() - kNameWidth * m.px, kHeaderHeight * m.px);
    m.chart = QRectF(m.header.left(), m.header.bottom(), m.header.width(), bottom - m.header.bottom());
    m.names = QRectF(m.page.left(), m.chart.top(), kNameWidth * m.px, m.chart.height());
    m.scale = kRowHeight * m.px / TimelineScene::RowHeight;

    const QRectF scene = m_scene->sceneRect();
    m.grid.rowsPerPage = std::max(1, int(m.chart.height() / (kRowHeight * m.px)));
    m.grid.sceneWidthPerPage = m.chart.width() / m.scale;
    m.grid.across = std::max(1, int(std::ceil(scene.width() / m.grid.sceneWidthPerPage - 1e-9)));
    const int rows = std::max(1, m_scene->rows().count());
    m.grid.down = (rows + m.grid.rowsPerPage - 1) / m.grid.rowsPerPage;
    return m;
}

TimelinePrinter::Grid TimelinePrinter::grid(QPagedPaintDevice *device) const
{
    return metrics(device).grid;
}

int TimelinePrinter::pageCount(QPagedPaintDevice *device) const
{
    const Grid g = grid(device);
    return g.across * g.down;
}

void TimelinePrinter::paint(QPagedPaintDevice *device) const
{
    const Metrics m = metrics(device);
    QPainter p(device);
    bool first = true;
    for (int band = 0; band < m.grid.down; ++band) {
        for (int column = 0; column < m.grid.across; ++column) {
            if (!first)
                device->newPage();
            first = false;
            paintPage(p, m, band, column);
        }
    }
}

void TimelinePrinter::paintPage(QPainter &p, const Metrics &m, int band, int column) const
{
    const int firstRow = band * m.grid.rowsPerPage;
    const int rows = std::min(m.grid.rowsPerPage, std::max(1, m_scene->rows().count()) - firstRow);
    const QRectF scene = m_scene->sceneRect();
    const double x0 = scene.left() + column * m.grid.sceneWidthPerPage;
    const double x1 = std::min(scene.right(), x0 + m.grid.sceneWidthPerPage);

    p.setPen(Qt::black);
    p.setFont(pixelFont(10, m.px, true));
    const QRectF title(m.page.left(), m.page.top(), m.page.width(), kTitleHeight * m.px);
    p.drawText(title, Qt::AlignLeft | Qt::AlignVCenter, tr("%1 \u2014 Timeline").arg(m_projectName));
    p.setFont(pixelFont(8, m.px));
    const int number = band * m.grid.across + column + 1;
    p.drawText(title, Qt::AlignRight | Qt::AlignVCenter,
               tr("page %1/%2 (%3 of %4)").arg(band + 1).arg(column + 1).arg(number).arg(m.grid.across * m.grid.down));

    paintHeader(p, m, x0, x1);
    paintNames(p, m, firstRow, rows);

    // The slice of the chart: rows [firstRow, firstRow + rows), time [x0, x1).
    const QRectF source(x0, firstRow * TimelineScene::RowHeight, x1 - x0, rows * TimelineScene::RowHeight);
    const QRectF target(m.chart.left(), m.chart.top(), source.width() * m.scale, source.height() * m.scale);
    const_cast<TimelineScene *>(m_scene)->render(&p, target, source, Qt::IgnoreAspectRatio);
    p.setPen(QPen(Qt::gray, 0.5 * m.px));
    p.setBrush(Qt::NoBrush);
    p.drawRect(target);

    p.setPen(Qt::darkGray);
    p.setFont(pixelFont(7, m.px));
    const QRectF footer(m.page.left(), m.page.bottom() - kFooterHeight * m.px, m.page.width(), kFooterHeight * m.px);
    p.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
               tr("Rows %1\u2013%2 of %3").arg(firstRow + 1).arg(firstRow + rows).arg(m_scene->rows().count()));
}

void TimelinePrinter::paintHeader(QPainter &p, const Metrics &m, double x0, double x1) const
{
    const TimelineScale &scale = m_scene->scale();
    const double tier = m.header.height() / 2;
    p.save();
    p.setClipRect(m.header);
    for (int t = 0; t < 2; ++t) {
        const double y = m.header.top() + t * tier;
        p.setFont(pixelFont(t == 0 ? 8 : 7, m.px, t == 0));
        for (const TimelineScale::Tick &tick : scale.ticks(x0, x1, t)) {
            const QRectF cell(m.header.left() + (tick.x - x0) * m.scale, y, tick.width * m.scale, tier);
            p.setPen(QPen(Qt::lightGray, 0.5 * m.px));
            p.drawLine(cell.topLeft(), cell.bottomLeft());
            p.setPen(Qt::black);
            // A label whose cell began on an earlier page starts at this page's edge.
            p.drawText(cell.intersected(m.header).adjusted(2 * m.px, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, tick.text);
        }
    }
    p.restore();
}

void TimelinePrinter::paintNames(QPainter &p, const Metrics &m, int firstRow, int rows) const
{
    const ProjectDocument *document = m_scene->document();
    const TimelineRows &all = m_scene->rows();
    const double rowHeight = kRowHeight * m.px;
    for (int i = 0; i < rows && firstRow + i < all.count(); ++i) {
        const TimelineRows::Row &row = all.at(firstRow + i);
        const Task *task = document->project().find(row.id);
        const QRectF cell(m.names.left() + (4 + 10 * row.depth) * m.px, m.names.top() + i * rowHeight,
                          m.names.width() - (8 + 10 * row.depth) * m.px, rowHeight);
        p.setFont(pixelFont(7.5, m.px, row.summary));
        p.setPen(Qt::black);
        const QString text = task ? task->title() : row.id;
        p.drawText(cell, Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(text, Qt::ElideRight, int(cell.width())));
    }
}

bool TimelinePrinter::writePdf(const QString &path, QString *error) const
{
    return writePdfFile(path, m_options, m_projectName, [this](QPagedPaintDevice *d) { paint(d); }, error);
}

} // namespace Workplan
