#include "timelineexport.h"

#include "graphexport.h"

#include "views/analysiscontroller.h"
#include "views/timeline/timelinescene.h"

#include "model/projectdocument.h"

#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace Workplan::TimelineExport {

namespace {

constexpr int kNameWidth = 260;
constexpr int kTitleHeight = 30;
constexpr int kTierHeight = 20;
constexpr int kIndent = 14;   // per level of the hierarchy in the name column
// Wider than this at Day zoom and the export steps out to Week, then Month.
constexpr double kComfortableWidth = 4000;

// An explicit family and pixel sizes: SVG viewers then find the font, and a PNG comes out
// the same whatever the machine's DPI.
QFont pixelFont(int pixels, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

bool fail(QString *error, const QString &text)
{
    if (error)
        *error = text;
    return false;
}

int chartTop()
{
    return kTitleHeight + 2 * kTierHeight;
}

void paintHeader(QPainter &p, const TimelineScene *scene, const QRectF &area)
{
    const QRectF source = scene->sceneRect();
    p.save();
    p.setClipRect(area);
    p.fillRect(area, QColor(0xf0, 0xf1, 0xf3));
    for (int tier = 0; tier < 2; ++tier) {
        const double y = area.top() + tier * kTierHeight;
        p.setFont(pixelFont(tier == 0 ? 12 : 11, tier == 0));
        for (const TimelineScale::Tick &tick : scene->scale().ticks(source.left(), source.right(), tier)) {
            const QRectF cell(area.left() + tick.x - source.left(), y, tick.width, kTierHeight);
            p.setPen(QPen(QColor(0xc8, 0xca, 0xce), 0));
            p.drawLine(cell.topLeft(), cell.bottomLeft());
            p.setPen(Qt::black);
            p.drawText(cell.intersected(area).adjusted(3, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, tick.text);
        }
    }
    p.setPen(QPen(QColor(0xc8, 0xca, 0xce), 0));
    p.drawLine(area.bottomLeft(), area.bottomRight());
    p.restore();
}

void paintNames(QPainter &p, const TimelineScene *scene, const QRectF &area)
{
    const TimelineRows &rows = scene->rows();
    const Project &project = scene->document()->project();
    const double h = TimelineScene::RowHeight;
    p.save();
    p.setClipRect(area);
    for (int r = 0; r < rows.count(); ++r) {
        const TimelineRows::Row &row = rows.at(r);
        const QRectF line(area.left(), area.top() + r * h, area.width(), h);
        if (r % 2)
            p.fillRect(line, QColor(0xf5, 0xf6, 0xf8));   // the chart's stripes, continued
        const Task *task = project.find(row.id);
        p.setFont(pixelFont(12, row.summary));
        p.setPen(QColor(0x20, 0x20, 0x20));
        const QRectF text = line.adjusted(8 + kIndent * row.depth, 0, -6, 0);
        p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(task ? task->title() : row.id, Qt::ElideRight, int(text.width())));
    }
    p.setPen(QPen(QColor(0xc8, 0xca, 0xce), 0));
    p.drawLine(area.topRight(), area.bottomRight());
    p.restore();
}

} // namespace

QSize pictureSize(const TimelineScene *scene)
{
    const QRectF chart = scene->sceneRect();
    return QSize(kNameWidth + int(std::ceil(chart.width())),
                 chartTop() + std::max(1, scene->rows().count()) * int(TimelineScene::RowHeight));
}

void paint(QPainter &p, const TimelineScene *scene, const QString &title)
{
    const QSize size = pictureSize(scene);
    p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    p.setPen(Qt::black);
    p.setFont(pixelFont(15, true));
    p.drawText(QRectF(10, 0, size.width() - 20, kTitleHeight), Qt::AlignLeft | Qt::AlignVCenter,
               QCoreApplication::translate("TimelineExport", "%1 \u2014 Timeline").arg(title));

    const QRectF chartSource = scene->sceneRect();
    const double chartHeight = size.height() - chartTop();
    paintHeader(p, scene, QRectF(kNameWidth, kTitleHeight, chartSource.width(), 2 * kTierHeight));
    paintNames(p, scene, QRectF(0, chartTop(), kNameWidth, chartHeight));
    // The bars' titles take the painter's font: the same family as the rest.
    p.setFont(pixelFont(12));
    const QRectF target(kNameWidth, chartTop(), chartSource.width(), chartHeight);
    const QRectF source(chartSource.left(), 0, chartSource.width(), chartHeight);
    const_cast<TimelineScene *>(scene)->render(&p, target, source, Qt::IgnoreAspectRatio);
}

bool writeSvg(const TimelineScene *scene, const QString &path, const QString &title, QString *error)
{
    const QSize size = pictureSize(scene);
    // Through QSaveFile, as the other exports: a failed write keeps an existing file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(title);
        svg.setDescription(QStringLiteral("Timeline exported by Workplan"));
        QPainter p(&svg);
        p.setRenderHint(QPainter::Antialiasing);
        paint(p, scene, title);
    }
    if (!file.commit())
        return fail(error, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return true;
}

bool writePng(const TimelineScene *scene, const QString &path, const QString &title, double scale,
              QString *error)
{
    const QSize logical = pictureSize(scene);
    const QSize size(int(std::ceil(logical.width() * scale)), int(std::ceil(logical.height() * scale)));
    if (size.width() > 32000 || size.height() > 32000 || qint64(size.width()) * size.height() > 400'000'000)
        return fail(error, QStringLiteral("%1: the image would be %2 x %3 pixels; choose a smaller scale, "
                                          "a coarser --zoom or --svg")
                               .arg(path).arg(size.width()).arg(size.height()));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        p.scale(scale, scale);
        paint(p, scene, title);
    }
    return GraphExport::writePngImage(image, path, error);
}

bool exportProject(const Project &project, const Request &request, QString *error)
{
    ProjectDocument document;
    document.resetProject(project);
    AnalysisController analysis(&document);
    analysis.refreshNow();
    bool ok = true;
    {
        TimelineScene scene(&document, &analysis, nullptr);
        scene.setBackgroundBrush(Qt::white);
        scene.setToday(QDate());   // a picture of the plan, the same whenever it is made
        using Level = TimelineScale::Level;
        if (request.level) {
            scene.setPixelsPerHour(TimelineScale::pixelsPerHour(*request.level));
        } else {
            for (Level level : {Level::Day, Level::Week, Level::Month}) {
                scene.setPixelsPerHour(TimelineScale::pixelsPerHour(level));
                if (scene.planWidth() <= kComfortableWidth)
                    break;
            }
        }
        const QString title = project.name;
        if (!request.svgPath.isEmpty())
            ok = writeSvg(&scene, request.svgPath, title, error);
        if (ok && !request.pngPath.isEmpty())
            ok = writePng(&scene, request.pngPath, title, request.scale, error);
    }
    return ok;
}

} // namespace Workplan::TimelineExport
