#include "tasktreewidget.h"

#include "graph/collapselevels.h"

#include "contextmenus.h"
#include "taskfactory.h"
#include "taskfilterproxy.h"
#include "taskselection.h"
#include "tasktreemodel.h"
#include "tasktreeview.h"

#include "model/projectdocument.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSet>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace Workplan {

TaskTreeWidget::TaskTreeWidget(ProjectDocument *document, TaskSelection *selection,
                               AnalysisController *analysis, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_selection(selection)
    , m_model(new TaskTreeModel(document, analysis, this))
    , m_proxy(new TaskFilterProxy(this))
    , m_view(new TaskTreeView(this))
    , m_filterEdit(new QLineEdit(this))
    , m_typeCombo(new QComboBox(this))
    , m_statusCombo(new QComboBox(this))
{
    m_proxy->setSourceModel(m_model);

    m_filterEdit->setPlaceholderText(tr("Filter by title or id"));
    m_filterEdit->setClearButtonEnabled(true);
    m_statusCombo->addItem(tr("Any status"), QString());
    for (const QString &s : allStatusNames())
        m_statusCombo->addItem(s, s);
    fillTypeFilter();

    // In a narrow dock the text filter keeps room to type in; the combos shorten their
    // current text instead ("Any ty…") and still list the whole names when opened.
    for (QComboBox *combo : {m_typeCombo, m_statusCombo}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(7);
    }
    m_filterEdit->setMinimumWidth(110);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_filterEdit, 2);
    bar->addWidget(m_typeCombo, 1);
    bar->addWidget(m_statusCombo, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_view);

    m_view->setModel(m_proxy);
    // Columns fit to the rows shown and a few hundred more, not to the first thousand of a
    // large plan's (Qt's default), which was a twentieth of opening a 100k-task plan.
    m_view->header()->setResizeContentsPrecision(300);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setDropIndicatorShown(true);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::SelectedClicked);
    m_view->setUniformRowHeights(true);
    // Right-click a row: its task's menu (views/contextmenus.h).
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        ContextMenus::popup(ContextMenus::forTree(this, m_selection, pos), m_view->viewport()->mapToGlobal(pos));
    });
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->setStretchLastSection(false);
    // Titles get a readable width of their own; in a narrow dock the figures scroll
    // sideways rather than squeezing the titles to their icons.
    m_view->header()->setSectionResizeMode(TaskTreeModel::TitleColumn, QHeaderView::Interactive);
    m_view->header()->resizeSection(TaskTreeModel::TitleColumn, 240);
    // The figures fit their contents once per opened project (and once more when its first
    // analysis lands), then keep the width the user gives them. ResizeToContents would
    // measure up to a thousand rows again for every dataChanged, and an analysis update
    // sends one per summary: minutes on a 100k-task plan.
    for (int c = TaskTreeModel::TypeColumn; c < TaskTreeModel::ColumnCount; ++c)
        m_view->header()->setSectionResizeMode(c, QHeaderView::Interactive);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        if (m_fitAfterChange) {
            m_fitAfterChange = false;
            QTimer::singleShot(0, this, &TaskTreeWidget::fitColumns);
        }
    });

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &TaskFilterProxy::setText);
    connect(m_typeCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setType(m_typeCombo->currentData().toString()); });
    connect(m_statusCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setStatus(m_statusCombo->currentData().toString()); });

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TaskTreeWidget::selectionFromView);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TaskTreeWidget::selectionFromView);
    connect(m_selection, &TaskSelection::selectionChanged, this, &TaskTreeWidget::selectionToView);
    connect(m_model, &TaskTreeModel::dropRefused, this, &TaskTreeWidget::dropRefused);
    connect(m_model, &TaskTreeModel::taskCreated, m_selection, &TaskSelection::select);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        fillTypeFilter();
        expandAsOpened();
        selectionToView();
        updateDateColumns();
        fitColumns();
        m_fitAfterChange = true;
    });
    // Another project: the filter typed for the last one would hide rows of this one.
    connect(m_document, &ProjectDocument::projectReset, this, &TaskTreeWidget::clearFilter);
    // Project ▸ Properties may add or remove the start.
    connect(m_document, &ProjectDocument::projectPropertiesChanged, this, &TaskTreeWidget::updateDateColumns);
    // New rows show opened, so a drop or a template is visible at once.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent) { m_view->expand(parent); });
    connect(m_selection, &TaskSelection::focusRequested, this, [this](const QString &id) {
        m_view->scrollTo(m_proxy->mapFromSource(m_model->indexOf(id)));
    });
    // Expansion is the user's to mirror elsewhere (the timeline's rows); expandAll() after a
    // reset sends no signals, and neither does setExpanded() below.
    auto expansion = [this](bool expanded) {
        return [this, expanded](const QModelIndex &index) {
            if (m_settingExpanded)
                return;
            const QString id = m_model->idOf(m_proxy->mapToSource(index));
            if (!id.isEmpty())
                emit expandedChanged(id, expanded);
        };
    };
    connect(m_view, &QTreeView::expanded, this, expansion(true));
    connect(m_view, &QTreeView::collapsed, this, expansion(false));
    expandAsOpened();
    updateDateColumns();
    fitColumns();
}

bool TaskTreeWidget::isExpanded(const QString &id) const
{
    const QModelIndex i = m_proxy->mapFromSource(m_model->indexOf(id));
    return i.isValid() && m_view->isExpanded(i);
}

void TaskTreeWidget::setExpanded(const QString &id, bool expanded)
{
    const QModelIndex i = m_proxy->mapFromSource(m_model->indexOf(id));
    if (!i.isValid())
        return;
    m_settingExpanded = true;
    m_view->setExpanded(i, expanded);
    m_settingExpanded = false;
}

void TaskTreeWidget::updateDateColumns()
{
    const bool shown = m_model->hasDates();
    if (shown == m_datesShown)
        return;
    m_datesShown = shown;
    for (int c : {TaskTreeModel::StartColumn, TaskTreeModel::FinishColumn, TaskTreeModel::MarginColumn}) {
        m_view->setColumnHidden(c, !shown);
        // A column that appears fits its dates once; the next analysis fills them in.
        if (shown)
            m_fitAfterChange = true;
    }
}

void TaskTreeWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // A project opened before the window showed was fitted to a tree of no width.
    if (!m_fittedShown) {
        m_fittedShown = true;
        QTimer::singleShot(0, this, &TaskTreeWidget::fitColumns);
    }
}

void TaskTreeWidget::fitColumns()
{
    // Titles are what people read: as wide as they need, up to 85 % of the tree's width
    // (the figures beside them scroll), and never narrower than 240 px.
    m_view->resizeColumnToContents(TaskTreeModel::TitleColumn);
    const int title = m_view->columnWidth(TaskTreeModel::TitleColumn);
    m_view->header()->resizeSection(TaskTreeModel::TitleColumn,
                                    std::clamp(title, 240, std::max(240, m_view->viewport()->width() * 85 / 100)));
    for (int c = TaskTreeModel::TypeColumn; c < TaskTreeModel::ColumnCount; ++c) {
        if (!m_view->isColumnHidden(c))
            m_view->resizeColumnToContents(c);
    }
}

void TaskTreeWidget::clearFilter()
{
    m_filterEdit->clear();
    m_typeCombo->setCurrentIndex(0);
    m_statusCombo->setCurrentIndex(0);
}

void TaskTreeWidget::fillTypeFilter()
{
    const QString current = m_typeCombo->currentData().toString();
    QStringList types = TaskFactory::wellKnownTypes();
    for (const Task &t : m_document->project().tasks()) {
        if (!types.contains(t.type))
            types << t.type;
    }
    const QSignalBlocker blocker(m_typeCombo);
    m_typeCombo->clear();
    m_typeCombo->addItem(tr("Any type"), QString());
    for (const QString &t : std::as_const(types))
        m_typeCombo->addItem(TaskFactory::iconForType(t), TaskFactory::displayName(t), t);
    m_typeCombo->setCurrentIndex(qMax(0, m_typeCombo->findData(current)));
}

void TaskTreeWidget::selectionFromView()
{
    if (m_syncing)
        return;
    QStringList ids;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        ids << m_model->idOf(m_proxy->mapToSource(i));
    const QString current = m_model->idOf(m_proxy->mapToSource(m_view->selectionModel()->currentIndex()));
    m_syncing = true;
    m_selection->setSelection(ids, current);
    m_syncing = false;
}

void TaskTreeWidget::selectionToView()
{
    if (m_syncing)
        return;
    m_syncing = true;
    QItemSelection wanted;
    for (const QString &id : m_selection->selectedIds()) {
        const QModelIndex i = m_proxy->mapFromSource(m_model->indexOf(id));
        if (i.isValid())
            wanted.select(i, i.siblingAtColumn(TaskTreeModel::ColumnCount - 1));
    }
    QItemSelectionModel *sm = m_view->selectionModel();
    sm->select(wanted, QItemSelectionModel::ClearAndSelect);
    const QModelIndex current = m_proxy->mapFromSource(m_model->indexOf(m_selection->currentId()));
    sm->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    if (current.isValid())
        m_view->scrollTo(current);
    m_syncing = false;
}

void TaskTreeWidget::expandAsOpened()
{
    // As the canvas and the timeline open it: a large plan folded (CollapseLevels).
    switch (CollapseLevels::openingLevel(m_document->project())) {
    case CollapseLevels::Level::ExpandAll:
        m_view->expandAll();
        break;
    case CollapseLevels::Level::EpicsAndFeatures:
        m_view->expandToDepth(0);   // the epics open, their features folded
        break;
    case CollapseLevels::Level::EpicsOnly:
        m_view->collapseAll();
        break;
    }
}

} // namespace Workplan
