#pragma once

#include <QListWidget>

namespace Workplan {

// The task types a person can drag onto the tree or the canvas. The drag carries
// TaskFactory::taskTypeMimeType() with the type name as UTF-8; the drop side makes the task.
class PaletteWidget : public QListWidget
{
    Q_OBJECT
public:
    explicit PaletteWidget(QWidget *parent = nullptr);

    // The types offered, in the palette's order.
    static QStringList paletteTypes();
    QString typeAt(int row) const;

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    // Copy only: a drop that reported "move" would otherwise take the item off the palette.
    Qt::DropActions supportedDropActions() const override;
};

} // namespace Workplan
