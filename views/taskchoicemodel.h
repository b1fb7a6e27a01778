#pragma once

#include <QAbstractListModel>

class QComboBox;

namespace Workplan {

class ProjectDocument;

// Every task of the document as a choice, in file order: "id — title" to show, the id
// under Qt::UserRole. It stores nothing and is shared by every prerequisite combo of the
// inspector: filling a combo with 100k ids for each selected task took seconds.
class TaskChoiceModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit TaskChoiceModel(ProjectDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    QString idAt(int row) const;
    int rowOf(const QString &id) const;   // -1 when there is no such task

    // Shows the model in `combo` without measuring every entry for its size.
    void attach(QComboBox *combo);

private:
    ProjectDocument *m_document;
};

} // namespace Workplan
