#include "taskfactory.h"

#include "model/edits/newtask.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace Workplan {

QStringList TaskFactory::wellKnownTypes()
{
    return {QStringLiteral("epic"), QStringLiteral("feature"), QStringLiteral("specialist_task"),
            QStringLiteral("bug_fix"), QStringLiteral("hotfix"), QStringLiteral("release"),
            QStringLiteral("approval_gate"), QStringLiteral("deployment"),
            QStringLiteral("compliance_task"), QStringLiteral("product_release"),
            QStringLiteral("go_live_event"), QStringLiteral("milestone")};
}

QString TaskFactory::displayName(const QString &type)
{
    return typeDisplayName(type);
}

QIcon TaskFactory::iconForType(const QString &type)
{
    static QHash<QString, QIcon> cache;
    const auto it = cache.constFind(type);
    if (it != cache.constEnd())
        return *it;
    // Hue from the type name so free types get a stable colour too.
    static const QHash<QString, QColor> known = {
        {QStringLiteral("epic"), QColor(0x7e, 0x57, 0xc2)},
        {QStringLiteral("feature"), QColor(0x42, 0x85, 0xf4)},
        {QStringLiteral("specialist_task"), QColor(0x26, 0xa6, 0x9a)},
        {QStringLiteral("bug_fix"), QColor(0xef, 0x6c, 0x00)},
        {QStringLiteral("hotfix"), QColor(0xe5, 0x39, 0x35)},
        {QStringLiteral("release"), QColor(0x2e, 0x7d, 0x32)},
        {QStringLiteral("approval_gate"), QColor(0xf9, 0xa8, 0x25)},
        {QStringLiteral("deployment"), QColor(0x00, 0x83, 0x8f)},
        {QStringLiteral("compliance_task"), QColor(0x6d, 0x4c, 0x41)},
        {QStringLiteral("milestone"), QColor(0x54, 0x6e, 0x7a)},
    };
    const QColor colour = known.value(type, QColor::fromHsv(int(qHash(type) % 360), 140, 200));
    // Drawn at 1x, 2x and 3x so it stays crisp on high-DPI screens.
    QIcon icon;
    for (const int scale : {1, 2, 3}) {
        QPixmap pixmap(32 * scale, 32 * scale);
        pixmap.setDevicePixelRatio(scale);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(colour.darker(140));
        painter.setBrush(colour);
        if (type == QLatin1String("milestone") || type == QLatin1String("approval_gate")) {
            const QPointF diamond[4] = {{16, 2}, {30, 16}, {16, 30}, {2, 16}};
            painter.drawPolygon(diamond, 4);
        } else {
            painter.drawRoundedRect(QRectF(3, 3, 26, 26), 6, 6);
        }
        painter.setPen(Qt::white);
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(15);
        painter.setFont(font);
        painter.drawText(QRectF(0, 0, 32, 32), Qt::AlignCenter, type.isEmpty() ? QString() : type.left(1).toUpper());
        painter.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(type, icon);
    return icon;
}

} // namespace Workplan
