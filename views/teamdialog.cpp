#include "teamdialog.h"

#include "model/project.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Workplan {

namespace {

const QLatin1String kResources("resources");
const QLatin1String kName("name");
const QLatin1String kCapacity("capacity");
// On a row's name item: the row's index in the array as opened, -1 for an added row. It
// is how a rename is told from a removal plus an addition, and which unknown fields to keep.
constexpr int kOriginalRole = Qt::UserRole;
constexpr int kMaxCapacity = 9999;

// §7: a whole number >= 1, 1 when absent. A file's 2.0 shows as 2 and, left alone, stays 2.0.
int capacityOf(const QJsonObject &resource)
{
    const double c = resource.value(kCapacity).toDouble(1);
    return std::clamp(int(std::lround(c)), 1, kMaxCapacity);
}

// A capacity is a count of units: a spin box from 1, never free text.
class CapacityDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *spin = new QSpinBox(parent);
        spin->setRange(1, kMaxCapacity);
        spin->setFrame(false);
        spin->setAccessibleName(TeamDialog::tr("Capacity"));
        return spin;
    }
};

} // namespace

TeamDialog::TeamDialog(ProjectDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_original(document->project().projectExtra.value(kResources).toArray())
    , m_table(new QTableWidget(0, 2, this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Team"));
    setObjectName(QStringLiteral("teamDialog"));
    m_table->setObjectName(QStringLiteral("teamTable"));
    m_table->setAccessibleName(tr("Resources"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Capacity")});
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(CapacityColumn, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->setItemDelegateForColumn(CapacityColumn, new CapacityDelegate(m_table));
    // Non-object entries are not resources (readResources() reports them); they get no row.
    for (int i = 0; i < m_original.size(); ++i) {
        const QJsonObject r = m_original.at(i).toObject();
        if (m_original.at(i).isObject())
            addRow(r.value(kName).toString(), capacityOf(r), i);
    }

    m_add->setObjectName(QStringLiteral("teamAdd"));
    m_remove->setObjectName(QStringLiteral("teamRemove"));
    m_problem->setObjectName(QStringLiteral("teamProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_problem->hide();
    connect(m_add, &QPushButton::clicked, this, &TeamDialog::addResource);
    connect(m_remove, &QPushButton::clicked, this, &TeamDialog::removeSelected);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TeamDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemChanged, this, &TeamDialog::updateProblem);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_table->selectedItems().isEmpty()); });
    m_remove->setEnabled(false);

    auto *intro = new QLabel(tr("The roles, people, teams and machines the plan shares. "
                                "Capacity: how many units of each exist at any moment."), this);
    intro->setWordWrap(true);
    // What a rename reaches: the explicit field, not the attributes a demand may come from.
    auto *note = new QLabel(tr("Renaming or removing a resource also updates every task whose "
                               "resources field names it; specialist_type, assigned_team and "
                               "assigned_developer attributes are left as they are."), this);
    note->setWordWrap(true);
    auto *side = new QVBoxLayout;
    side->addWidget(m_add);
    side->addWidget(m_remove);
    side->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_table, 1);
    row->addLayout(side);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row, 1);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    resize(460, 360);
    updateProblem();
}

void TeamDialog::addRow(const QString &name, int capacity, int original)
{
    const QSignalBlocker block(m_table);   // a half-built row is no problem to report
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *nameItem = new QTableWidgetItem(name);
    nameItem->setData(kOriginalRole, original);
    auto *capacityItem = new QTableWidgetItem;
    capacityItem->setData(Qt::EditRole, capacity);
    capacityItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(row, NameColumn, nameItem);
    m_table->setItem(row, CapacityColumn, capacityItem);
}

void TeamDialog::addResource()
{
    // A unique placeholder, selected for typing over: the new row is never a problem by itself.
    QSet<QString> names;
    for (int row = 0; row < m_table->rowCount(); ++row)
        names.insert(m_table->item(row, NameColumn)->text().trimmed());
    QString name = tr("resource");
    for (int n = 2; names.contains(name); ++n)
        name = tr("resource %1").arg(n);
    addRow(name, 1, -1);
    const int row = m_table->rowCount() - 1;
    m_table->setCurrentCell(row, NameColumn);
    m_table->editItem(m_table->item(row, NameColumn));
    updateProblem();
}

void TeamDialog::removeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    updateProblem();
}

QString TeamDialog::problem() const
{
    QSet<QString> seen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, NameColumn)->text().trimmed();
        if (name.isEmpty())
            return tr("Row %1 has no name: every resource needs one.").arg(row + 1);
        if (seen.contains(name))
            return tr("Two resources are called \u201c%1\u201d: each name must be unique.").arg(name);
        seen.insert(name);
    }
    return QString();
}

void TeamDialog::updateProblem()
{
    const QString p = problem();
    m_problem->setText(p);
    m_problem->setVisible(!p.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty());
}

QJsonArray TeamDialog::resourcesArray() const
{
    QJsonArray array;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const int original = m_table->item(row, NameColumn)->data(kOriginalRole).toInt();
        QJsonObject resource = original >= 0 ? m_original.at(original).toObject() : QJsonObject();
        resource.insert(kName, m_table->item(row, NameColumn)->text().trimmed());
        const int capacity = m_table->item(row, CapacityColumn)->data(Qt::EditRole).toInt();
        if (original < 0 || capacity != capacityOf(resource))
            resource.insert(kCapacity, capacity);
        array.append(resource);
    }
    return array;
}

bool TeamDialog::apply()
{
    if (!problem().isEmpty())
        return false;
    // Renames and removals, by the name each row had when the dialog opened: a swap of two
    // names is two renames, not a clash.
    QSet<QString> removed;
    for (const QJsonValue &v : m_original)
        removed.insert(v.toObject().value(kName).toString());
    QHash<QString, QString> renamed;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const int original = m_table->item(row, NameColumn)->data(kOriginalRole).toInt();
        if (original < 0)
            continue;
        const QString before = m_original.at(original).toObject().value(kName).toString();
        const QString after = m_table->item(row, NameColumn)->text().trimmed();
        removed.remove(before);
        if (after != before)
            renamed.insert(before, after);
    }
    return bool(m_document->edits().editTeam(resourcesArray(), renamed, removed));
}

void TeamDialog::accept()
{
    // The refusal stays in the dialog, beside the table, so the user can fix the name.
    updateProblem();
    if (!problem().isEmpty())
        return;
    apply();
    QDialog::accept();
}

} // namespace Workplan
