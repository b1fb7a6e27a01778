#include "inspectordependencytable.h"

#include "taskchoicemodel.h"

#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Workplan {

namespace {

QString lagText(const QJsonValue &lag)
{
    if (lag.isDouble())
        return QString::number(lag.toDouble(), 'g', 15);
    return lag.toString();
}

} // namespace

InspectorDependencyTable::InspectorDependencyTable(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_choices(new TaskChoiceModel(document, this))
    , m_newPrereq(new QComboBox(this))
    , m_newType(new QComboBox(this))
    , m_addButton(new QPushButton(tr("Add"), this))
    , m_removeButton(new QPushButton(tr("Remove"), this))
{
    m_table->setHorizontalHeaderLabels(
        {tr("Prerequisite"), tr("Type"), tr("Description"), tr("Mandatory"), tr("Waived"), tr("Lag")});
    m_table->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_newType->addItems(allDependencyTypeNames());
    m_choices->attach(m_newPrereq);
    m_newPrereq->setToolTip(tr("The task this one waits for"));

    // A long title in the task list must not widen the inspector past its dock: the
    // combos show as much as fits and the whole names when opened.
    m_newPrereq->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_newPrereq->setMinimumContentsLength(10);
    m_newType->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_newType->setMinimumContentsLength(7);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_newPrereq, 2);
    addRow->addWidget(m_newType, 1);
    // The buttons on a line of their own: four controls side by side set a width the dock
    // at 1280x800 does not have.
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addStretch();
    buttonRow->addWidget(m_addButton);
    buttonRow->addWidget(m_removeButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(addRow);
    layout->addLayout(buttonRow);

    connect(m_table, &QTableWidget::cellChanged, this, &InspectorDependencyTable::onCellChanged);
    connect(m_addButton, &QPushButton::clicked, this, &InspectorDependencyTable::addDependency);
    connect(m_removeButton, &QPushButton::clicked, this, &InspectorDependencyTable::removeSelected);
    setEnabled(false);
}

void InspectorDependencyTable::setTaskId(const QString &id)
{
    m_taskId = id;
    refresh();
}

void InspectorDependencyTable::scheduleRefresh()
{
    if (m_refreshPending)
        return;
    m_refreshPending = true;
    QMetaObject::invokeMethod(this, &InspectorDependencyTable::refresh, Qt::QueuedConnection);
}

int InspectorDependencyTable::rowOfWidget(QWidget *w, int column) const
{
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (m_table->cellWidget(r, column) == w)
            return r;
    }
    return -1;
}

void InspectorDependencyTable::refresh()
{
    m_refreshPending = false;
    const Project &project = m_document->project();
    const Task *t = project.find(m_taskId);
    setEnabled(t != nullptr);
    m_filling = true;

    const QList<Dependency> deps = t ? t->dependencies : QList<Dependency>();
    m_table->setRowCount(int(deps.size()));
    for (int row = 0; row < deps.size(); ++row) {
        const Dependency &d = deps.at(row);
        auto *prereq = new QComboBox;
        m_choices->attach(prereq);
        prereq->setCurrentIndex(m_choices->rowOf(d.taskId));
        m_table->setCellWidget(row, PrerequisiteColumn, prereq);
        connect(prereq, &QComboBox::activated, this, [this, prereq](int choice) {
            const int r = rowOfWidget(prereq, PrerequisiteColumn);
            const Task *task = m_document->project().find(m_taskId);
            if (r < 0 || !task)
                return;
            Dependency dep = task->dependencies.at(r);
            dep.taskId = m_choices->idAt(choice);
            changeDependency(r, dep);
        });
        auto *type = new QComboBox;
        type->addItems(allDependencyTypeNames());
        type->setCurrentIndex(int(d.type));
        m_table->setCellWidget(row, TypeColumn, type);
        connect(type, &QComboBox::activated, this, [this, type](int index) {
            const int r = rowOfWidget(type, TypeColumn);
            const Task *task = m_document->project().find(m_taskId);
            if (r < 0 || !task)
                return;
            Dependency dep = task->dependencies.at(r);
            dep.type = DependencyType(index);
            changeDependency(r, dep);
        });
        m_table->setItem(row, DescriptionColumn, new QTableWidgetItem(d.description));
        auto *mandatory = new QTableWidgetItem;
        mandatory->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        mandatory->setCheckState(d.mandatory ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(row, MandatoryColumn, mandatory);
        auto *waived = new QTableWidgetItem;
        waived->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        waived->setCheckState(d.waived ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(row, WaivedColumn, waived);
        m_table->setItem(row, LagColumn, new QTableWidgetItem(lagText(d.lag)));
    }
    m_filling = false;
}

void InspectorDependencyTable::onCellChanged(int row, int column)
{
    const Task *t = m_document->project().find(m_taskId);
    if (m_filling || !t || row >= t->dependencies.size())
        return;
    Dependency dep = t->dependencies.at(row);
    const QTableWidgetItem *item = m_table->item(row, column);
    switch (column) {
    case DescriptionColumn:
        dep.description = item->text();
        break;
    case MandatoryColumn:
        dep.mandatory = item->checkState() == Qt::Checked;
        dep.hasMandatory = true;
        break;
    case WaivedColumn:
        dep.waived = item->checkState() == Qt::Checked;
        dep.hasWaived = true;
        break;
    case LagColumn: {
        const QString text = item->text().trimmed();
        bool isNumber = false;
        const double hours = text.toDouble(&isNumber);
        if (text.isEmpty()) {
            dep.lag = QJsonValue(QJsonValue::Undefined);
        } else if (isNumber && hours >= 0) {
            dep.lag = hours;
        } else if (parseEffortText(text, m_document->project().calendar)) {
            dep.lag = text;
        } else {
            emit problem(tr("The lag \u201c%1\u201d cannot be read.").arg(text));
            scheduleRefresh();
            return;
        }
        break;
    }
    default:
        return;
    }
    changeDependency(row, dep);
}

void InspectorDependencyTable::changeDependency(int row, const Dependency &dep)
{
    const Task *t = m_document->project().find(m_taskId);
    if (!t || t->dependencies.at(row) == dep)
        return;
    const EditResult result = m_document->edits().changeDependency(m_document->dependencyKey(m_taskId, row), dep);
    if (result.refused()) {
        emit problem(result.problem);
        scheduleRefresh();
    }
}

void InspectorDependencyTable::addDependency()
{
    const QString prereq = m_newPrereq->currentData().toString();
    if (prereq.isEmpty() || !m_document->project().contains(m_taskId))
        return;
    Dependency dep;
    dep.taskId = prereq;
    dep.type = DependencyType(m_newType->currentIndex());
    const EditResult result = m_document->edits().addDependency(m_taskId, dep);
    if (result.refused())
        emit problem(result.problem);
}

void InspectorDependencyTable::removeSelected()
{
    const Task *t = m_document->project().find(m_taskId);
    const int row = m_table->currentRow();
    if (!t || row < 0 || row >= t->dependencies.size())
        return;
    m_document->edits().unlink(m_document->dependencyKey(m_taskId, row));
}

} // namespace Workplan
