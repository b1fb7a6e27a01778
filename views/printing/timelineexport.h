#pragma once

#include "views/timeline/timelinescale.h"

#include <QSize>
#include <QString>

#include <optional>

class QPainter;

namespace Workplan {

class Project;
class TimelineScene;

// The whole timeline as one picture (`workplan export FILE --timeline`): a title, the
// task-name column, the two-tier time header and every row of the chart at 1:1, in
// pixels. Unlike the printer nothing is cut into pages; SVG keeps the text as text.
namespace TimelineExport {

// The picture's size for the scene at its current zoom.
QSize pictureSize(const TimelineScene *scene);
// Paints the picture with its top-left at (0, 0).
void paint(QPainter &painter, const TimelineScene *scene, const QString &title);

bool writeSvg(const TimelineScene *scene, const QString &path, const QString &title, QString *error);
// `scale` 1.0 = one scene pixel per image pixel.
bool writePng(const TimelineScene *scene, const QString &path, const QString &title, double scale,
              QString *error);

// The headless path: the project's analysis, a scene at `level` (none: the finest of
// Day, Week, Month that keeps the plan within a few screens' width), then SVG and/or PNG.
struct Request
{
    QString svgPath;
    QString pngPath;
    double scale = 1.0;
    std::optional<TimelineScale::Level> level;
};
bool exportProject(const Project &project, const Request &request, QString *error);

} // namespace TimelineExport
} // namespace Workplan
