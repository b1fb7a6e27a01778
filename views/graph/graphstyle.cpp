#include "graphstyle.h"

#include <QGuiApplication>
#include <QHash>
#include <QPalette>

namespace Workplan {
namespace GraphStyle {

QFont font(int pixelSize, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    return f;
}

QColor typeColor(const QString &taskType)
{
    static const QHash<QString, QColor> known{
        {QStringLiteral("epic"), QColor(0x7e57c2)},
        {QStringLiteral("feature"), QColor(0x3f51b5)},
        {QStringLiteral("specialist_task"), QColor(0x1e88e5)},
        {QStringLiteral("bug_fix"), QColor(0xe53935)},
        {QStringLiteral("hotfix"), QColor(0xd81b60)},
        {QStringLiteral("release"), QColor(0x00897b)},
        {QStringLiteral("approval_gate"), QColor(0xf9a825)},
        {QStringLiteral("deployment"), QColor(0x43a047)},
        {QStringLiteral("compliance_task"), QColor(0x6d4c41)},
        {QStringLiteral("product_release"), QColor(0x00acc1)},
        {QStringLiteral("go_live_event"), QColor(0x2e7d32)},
        {QStringLiteral("milestone"), QColor(0x546e7a)},
    };
    const auto it = known.constFind(taskType);
    if (it != known.constEnd())
        return *it;
    // Free types still get a stable colour of their own.
    return QColor::fromHsv(int(qHash(taskType) % 360), 140, 170);
}

QString typeGlyph(const QString &taskType)
{
    const QStringList words = taskType.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    QString g;
    for (const QString &w : words) {
        g += w.at(0).toUpper();
        if (g.size() == 2)
            break;
    }
    return g.isEmpty() ? QStringLiteral("?") : g;
}

QColor statusColor(Status status)
{
    switch (status) {
    case Status::Draft: return QColor(0x9e9e9e);
    case Status::Pending: return QColor(0x90a4ae);
    case Status::Active: return QColor(0x42a5f5);
    case Status::InProgress: return QColor(0x1e88e5);
    case Status::Blocked: return QColor(0xc62828);
    case Status::Review: return QColor(0xab47bc);
    case Status::Approved: return QColor(0x26a69a);
    case Status::Completed: return QColor(0x43a047);
    case Status::Failed: return QColor(0xb71c1c);
    case Status::Cancelled: return QColor(0x757575);
    case Status::Archived: return QColor(0x607d8b);
    }
    return Qt::gray;
}

QPen dependencyPen(DependencyType type, bool faded)
{
    QPen pen(QColor(0x455a64), 1.6);
    pen.setCapStyle(Qt::FlatCap);
    switch (type) {
    case DependencyType::Completion: break;
    case DependencyType::Approval: pen.setStyle(Qt::DashLine); break;   // drawn doubled too
    case DependencyType::Data: pen.setStyle(Qt::DotLine); pen.setWidthF(2.0); break;
    case DependencyType::Blocks: pen.setColor(QColor(0x8b0000)); pen.setWidthF(2.2); break;
    case DependencyType::Prerequisite: pen.setStyle(Qt::DashDotLine); break;
    case DependencyType::Related: pen.setColor(QColor(0xa0a0a0)); pen.setWidthF(0.8); break;
    }
    if (faded) {
        QColor c = pen.color();
        c.setAlpha(90);
        pen.setColor(c);
    }
    return pen;
}

QColor criticalColor() { return QColor(0xff6f00); }
QColor blockedColor() { return QColor(0xd50000); }
QColor loopColor() { return QColor(0x8e24aa); }

QColor canvasColor() { return QGuiApplication::palette().color(QPalette::Base); }

bool isDark(const QColor &background) { return background.lightnessF() < 0.5; }

QColor inkColor(const QColor &background)
{
    return isDark(background) ? QColor(0xeceff1) : QColor(0x37474f);
}

} // namespace GraphStyle
} // namespace Workplan
