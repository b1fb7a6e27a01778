#include "graphexport.h"

#include <QFileInfo>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace Workplan::GraphExport {

namespace {

bool fail(QString *error, const QString &text)
{
    if (error)
        *error = text;
    return false;
}

} // namespace

QRectF exportRect(QGraphicsScene *scene)
{
    // Visible items only: itemsBoundingRect() also counts hidden ones (the cards of open
    // summaries wait, hidden, at the origin) and would add empty space.
    QRectF r;
    const QList<QGraphicsItem *> items = scene->items();
    for (const QGraphicsItem *item : items) {
        if (item->isVisible())
            r |= item->sceneBoundingRect();
    }
    return r.isEmpty() ? QRectF(0, 0, 200, 100) : r.adjusted(-20, -20, 20, 20);
}

bool writeSvg(QGraphicsScene *scene, const QString &path, const QString &title, QString *error)
{
    const QRectF source = exportRect(scene);
    // Written through QSaveFile so a failure leaves any old file as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(title);
        svg.setDescription(QStringLiteral("Dependency graph exported by Workplan"));
        QPainter p(&svg);
        p.setRenderHint(QPainter::Antialiasing);
        scene->render(&p, QRectF(QPointF(0, 0), source.size()), source);
    }
    if (!file.commit())
        return fail(error, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return true;
}

bool writePng(QGraphicsScene *scene, const QString &path, double scale, QString *error)
{
    const QRectF source = exportRect(scene);
    const QSize size(int(std::ceil(source.width() * scale)), int(std::ceil(source.height() * scale)));
    if (size.width() > 32000 || size.height() > 32000 || qint64(size.width()) * size.height() > 400'000'000)
        return fail(error, QStringLiteral("%1: the image would be %2 x %3 pixels; choose a smaller scale")
                               .arg(path).arg(size.width()).arg(size.height()));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        scene->render(&p, QRectF(QPointF(0, 0), QSizeF(size)), source);
    }
    return writePngImage(image, path, error);
}

bool writePngImage(const QImage &image, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    QImageWriter writer(&file, "png");
    if (!writer.write(image))
        return fail(error, QStringLiteral("%1: cannot write: %2").arg(path, writer.errorString()));
    if (!file.commit())
        return fail(error, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return true;
}

} // namespace Workplan::GraphExport
