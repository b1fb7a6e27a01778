#pragma once

#include "planprinter.h"

#include <QCoreApplication>
#include <QRectF>
#include <QString>

class QPagedPaintDevice;
class QPainter;

namespace Workplan {

class TimelineScene;

// The timeline on paper: the chart cut into pages across (time) and down (rows), each page
// repeating the task-name column and the two-tier time header, labelled "page r/c". Pages
// run band by band: the first rows across all of time, then the next rows. Sizes are
// derived from the device's resolution in points, so PDF, printer and preview agree.
class TimelinePrinter
{
    Q_DECLARE_TR_FUNCTIONS(TimelinePrinter)
public:
    TimelinePrinter(const QString &projectName, const TimelineScene *scene, const PrintOptions &options);

    // Pages across and down for the device's page layout.
    struct Grid { int across = 1; int down = 1; int rowsPerPage = 1; double sceneWidthPerPage = 1; };
    Grid grid(QPagedPaintDevice *device) const;
    int pageCount(QPagedPaintDevice *device) const;

    // Paints every page on a device that already carries its page layout.
    void paint(QPagedPaintDevice *device) const;
    bool writePdf(const QString &path, QString *error) const;

private:
    struct Metrics;
    Metrics metrics(QPagedPaintDevice *device) const;
    void paintPage(QPainter &p, const Metrics &m, int band, int column) const;
    void paintHeader(QPainter &p, const Metrics &m, double x0, double x1) const;
    void paintNames(QPainter &p, const Metrics &m, int firstRow, int rows) const;

    QString m_projectName;
    const TimelineScene *m_scene;
    PrintOptions m_options;
};

} // namespace Workplan
