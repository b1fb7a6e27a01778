#pragma once

#include <QRectF>
#include <QString>

class QGraphicsScene;
class QImage;

namespace Workplan::GraphExport {

// The area worth exporting: every item plus a small margin.
QRectF exportRect(QGraphicsScene *scene);

// Vector SVG with real text (fonts named explicitly so viewers find them).
bool writeSvg(QGraphicsScene *scene, const QString &path, const QString &title, QString *error);
// Raster PNG; `scale` 1.0 = one scene unit per pixel, 2.0 for a crisper image.
bool writePng(QGraphicsScene *scene, const QString &path, double scale, QString *error);

// Writes `image` as PNG through QSaveFile: a failed write keeps an existing file, and the
// error names the file. Shared by the graph's and the timeline's exports.
bool writePngImage(const QImage &image, const QString &path, QString *error);

} // namespace Workplan::GraphExport
