#include "palettewidget.h"

#include "taskfactory.h"

#include <QMimeData>

namespace Workplan {

namespace {
constexpr int kTypeRole = Qt::UserRole + 1;
}

PaletteWidget::PaletteWidget(QWidget *parent)
    : QListWidget(parent)
{
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(24, 24));
    for (const QString &type : paletteTypes()) {
        auto *item = new QListWidgetItem(TaskFactory::iconForType(type), TaskFactory::displayName(type), this);
        item->setData(kTypeRole, type);
        item->setToolTip(tr("Drag onto the tree or the canvas to add a %1").arg(TaskFactory::displayName(type)));
    }
}

QStringList PaletteWidget::paletteTypes()
{
    return {QStringLiteral("epic"), QStringLiteral("feature"), QStringLiteral("specialist_task"),
            QStringLiteral("bug_fix"), QStringLiteral("hotfix"), QStringLiteral("approval_gate"),
            QStringLiteral("deployment"), QStringLiteral("release"), QStringLiteral("milestone"),
            QStringLiteral("compliance_task")};
}

QString PaletteWidget::typeAt(int row) const
{
    const QListWidgetItem *i = item(row);
    return i ? i->data(kTypeRole).toString() : QString();
}

QStringList PaletteWidget::mimeTypes() const
{
    return {TaskFactory::taskTypeMimeType()};
}

Qt::DropActions PaletteWidget::supportedDropActions() const
{
    return Qt::CopyAction;
}

QMimeData *PaletteWidget::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(TaskFactory::taskTypeMimeType(), items.first()->data(kTypeRole).toString().toUtf8());
    data->setText(items.first()->data(kTypeRole).toString());
    return data;
}

} // namespace Workplan
