#include "taskchoicemodel.h"

#include "model/projectdocument.h"
#include "model/tasklabel.h"

#include <QComboBox>
#include <QListView>

namespace Workplan {

TaskChoiceModel::TaskChoiceModel(ProjectDocument *document, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
{
    // Rows are file positions, which every structural edit may shift: a reset around it.
    connect(document, &ProjectDocument::projectReset, this, [this] {
        beginResetModel();
        endResetModel();
    });
    auto begin = [this] { beginResetModel(); };
    auto end = [this] { endResetModel(); };
    connect(document, &ProjectDocument::taskAboutToBeInserted, this, begin);
    connect(document, &ProjectDocument::taskInserted, this, end);
    connect(document, &ProjectDocument::taskAboutToBeRemoved, this, begin);
    connect(document, &ProjectDocument::taskRemoved, this, end);
    connect(document, &ProjectDocument::taskAboutToBeMoved, this, begin);
    connect(document, &ProjectDocument::taskMoved, this, end);
    connect(document, &ProjectDocument::tasksChanged, this,
            [this](const QStringList &ids, ProjectDocument::ChangeFlags flags) {
                if (!(flags & (ProjectDocument::TitleChanged | ProjectDocument::AttributesChanged)))
                    return;
                for (const QString &id : ids) {
                    const int row = rowOf(id);
                    if (row >= 0)
                        emit dataChanged(index(row), index(row), {Qt::DisplayRole});
                }
            });
}

int TaskChoiceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_document->project().taskCount();
}

QVariant TaskChoiceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Task &t = m_document->project().task(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return taskLabels(*m_document)(t.id);   // the title (with the id only when titles repeat)
    case Qt::ToolTipRole:
        return t.id;
    case Qt::UserRole:
        return t.id;
    default:
        return QVariant();
    }
}

QString TaskChoiceModel::idAt(int row) const
{
    const Project &p = m_document->project();
    return row >= 0 && row < p.taskCount() ? p.task(row).id : QString();
}

int TaskChoiceModel::rowOf(const QString &id) const
{
    return m_document->project().indexOf(id);
}

void TaskChoiceModel::attach(QComboBox *combo)
{
    combo->setModel(this);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(12);
    if (auto *list = qobject_cast<QListView *>(combo->view()))
        list->setUniformItemSizes(true);
}

} // namespace Workplan
