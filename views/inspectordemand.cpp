#include "inspectordemand.h"

#include "inspector.h"

#include "model/tasklabel.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/team/resources.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Workplan {

namespace {
const QLatin1String kResources("resources");
// Far above any team; the note, not the range, says when a value is more than exist.
constexpr int kMaxUnits = 9999;

// The task's own field as an object; nullopt when absent (null counts as absent, §7).
std::optional<QJsonObject> ownField(const Task *t)
{
    const QJsonValue v = t ? t->extra.value(kResources) : QJsonValue(QJsonValue::Undefined);
    if (!v.isObject())
        return std::nullopt;
    return v.toObject();
}
} // namespace

InspectorDemand::InspectorDemand(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_own(new QCheckBox(tr("Own demand"), this))
    , m_rowsWidget(new QWidget(this))
    , m_grid(new QGridLayout(m_rowsWidget))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("demandEditor"));
    m_own->setObjectName(QStringLiteral("ownDemand"));
    m_own->setToolTip(tr("Unticked, the task holds what the rule gives it: the nearest resources "
                         "field up its path, else one of each resource its role attributes name."));
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setColumnStretch(2, 1);
    m_hint->setWordWrap(true);
    m_hint->setObjectName(QStringLiteral("demandHint"));
    m_hint->setStyleSheet(QStringLiteral("color: palette(mid)"));
    m_hint->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_own, 0, Qt::AlignLeft);   // its click area is its text, not the row
    layout->addWidget(m_rowsWidget);
    layout->addWidget(m_hint);
    // Rows stay packed when the form hands the editor more height than it asked for.
    m_rowsWidget->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addStretch(1);

    // clicked, not toggled: only the user's tick writes; refresh() sets the box quietly.
    connect(m_own, &QCheckBox::clicked, this, &InspectorDemand::commitOwn);
    // Any change may move the demand shown: a parent's field, a role attribute, the team.
    connect(document, &ProjectDocument::changed, this, &InspectorDemand::refresh);
    refresh();
}

InspectorDemand::~InspectorDemand()
{
    // A focused spin box settles (valueChanged) as it is deleted with us; by then this is
    // no longer an InspectorDemand, so no child may call back into it.
    for (QWidget *child : findChildren<QWidget *>())
        disconnect(child, nullptr, this, nullptr);
}

void InspectorDemand::setTaskId(const QString &id)
{
    m_taskId = id;
    refresh();
}

QSpinBox *InspectorDemand::unitsBox(const QString &resource) const
{
    for (const Row &row : m_rows) {
        if (row.name == resource)
            return row.units;
    }
    return nullptr;
}

QLabel *InspectorDemand::capacityNote(const QString &resource) const
{
    for (const Row &row : m_rows) {
        if (row.name == resource)
            return row.note;
    }
    return nullptr;
}

void InspectorDemand::clearRows()
{
    for (const Row &row : std::as_const(m_rows)) {
        disconnect(row.units, nullptr, this, nullptr);
        delete row.label;
        delete row.units;
        delete row.note;
    }
    m_rows.clear();
}

void InspectorDemand::syncRows(const QList<QPair<QString, int>> &declared)
{
    bool same = declared.size() == m_rows.size();
    for (int i = 0; same && i < declared.size(); ++i)
        same = declared[i].first == m_rows[i].name && declared[i].second == m_rows[i].capacity;
    if (same)
        return;
    clearRows();
    for (const auto &[name, capacity] : declared) {
        Row row;
        row.name = name;
        row.capacity = capacity;
        row.label = new QLabel(name, m_rowsWidget);
        row.units = new QSpinBox(m_rowsWidget);
        row.units->setRange(0, kMaxUnits);
        // Settles on Enter or on leaving the box, so typing "12" is one step, not two.
        row.units->setKeyboardTracking(false);
        row.units->setAccessibleName(tr("Units of %1").arg(name));
        row.units->setToolTip(tr("Units of %1 the task holds while it runs; 0: not needed").arg(name));
        row.label->setBuddy(row.units);
        row.note = new QLabel(m_rowsWidget);
        row.note->setWordWrap(true);
        const int r = int(m_rows.size());   // rowCount() never shrinks: reuse the rows
        m_grid->addWidget(row.label, r, 0);
        m_grid->addWidget(row.units, r, 1);
        m_grid->addWidget(row.note, r, 2);
        // At once, not on the layout's queued show: a new team is usable (focusable) now.
        for (QWidget *w : {static_cast<QWidget *>(row.label), static_cast<QWidget *>(row.units),
                           static_cast<QWidget *>(row.note)})
            w->show();
        connect(row.units, &QSpinBox::valueChanged, this, &InspectorDemand::commitUnits);
        m_rows.append(row);
    }
}

void InspectorDemand::refresh()
{
    const Project &project = m_document->project();
    const TeamReading &reading = m_document->team();
    const std::vector<Resource> &resources = reading.resources;
    const std::optional<ValidationError> &problem = reading.problem;
    QList<QPair<QString, int>> declared;
    for (const Resource &r : resources)
        declared.append({r.name, r.capacity});
    syncRows(declared);

    const Task *t = project.find(m_taskId);
    const int index = t ? project.indexOf(t->id) : -1;
    const bool team = !problem && !resources.empty();
    const std::optional<QJsonObject> own = ownField(t);

    m_updating = true;
    m_own->setEnabled(t && team);
    m_own->setChecked(t && team && own);
    std::vector<int> units(resources.size(), 0);
    if (t && team && own) {
        for (std::size_t r = 0; r < resources.size(); ++r)
            units[r] = int(own->value(resources[r].name).toDouble());
    } else if (t && team) {
        for (const auto &[r, n] : demandOf(project, resources, index).units)
            units[std::size_t(r)] = n;
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        m_rows[i].units->setEnabled(t && team && own);
        m_rows[i].label->setEnabled(t && team && own);
        if (m_rows[i].units->value() != units[std::size_t(i)])
            m_rows[i].units->setValue(units[std::size_t(i)]);
    }
    m_updating = false;
    updateNotes();

    QString hint;
    if (problem)
        hint = tr("The team cannot be read: %1").arg(problem->problem);
    else if (resources.empty())
        hint = tr("Declare the team in Project \u25b8 Team\u2026");
    else if (t && !project.childIndexes(t->id).isEmpty())
        hint = tr("A summary: this is its own demand, which each task under it without "
                  "its own inherits.");
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_own->setToolTip(team ? QString() : hint);
}

// "of 2" beside each box; in red "needs more than exist (capacity 2)" above it, which the
// analysis also warns of (§7: no leveled schedule then).
void InspectorDemand::updateNotes()
{
    for (const Row &row : std::as_const(m_rows)) {
        const bool over = row.units->value() > row.capacity;
        row.note->setText(over ? tr("needs more than exist (capacity %1)").arg(row.capacity)
                               : tr("of %1").arg(row.capacity));
        row.note->setStyleSheet(over ? QStringLiteral("color: #c62828") : QString());
        row.note->setProperty("overCapacity", over);
    }
}

// What the boxes say, as the field would be written: only units of at least 1.
QJsonObject InspectorDemand::shownDemand() const
{
    QJsonObject demand;
    for (const Row &row : m_rows) {
        if (row.units->value() >= 1)
            demand.insert(row.name, row.units->value());
    }
    return demand;
}

void InspectorDemand::commitOwn(bool own)
{
    const Task *t = m_document->project().find(m_taskId);
    if (m_updating || !t || own == ownField(t).has_value())
        return;
    // Ticked: pin the demand the boxes show (the rule's); unticked: back to the rule.
    const QJsonValue value = own ? QJsonValue(shownDemand()) : QJsonValue(QJsonValue::Undefined);
    m_document->edits().setExtraField(m_taskId, kResources, value);
}

void InspectorDemand::commitUnits()
{
    updateNotes();
    const Task *t = m_document->project().find(m_taskId);
    if (m_updating || !t || !m_own->isChecked())
        return;
    const QJsonObject demand = shownDemand();
    if (ownField(t) == demand)
        return;
    m_document->edits().setExtraField(m_taskId, kResources, demand);
}

// The inspector's Team line (Inspector::demandText), kept beside the editor of the same field.
// "1 tester, from specialist_type"; the rule itself is the model's (demandOf).
QString Inspector::demandText(const Project &project, const TeamReading &team, int task)
{
    const std::vector<Resource> &resources = team.resources;
    if (team.problem || resources.empty())
        return tr("no team declared (Project \u25b8 Team)");
    if (!project.childIndexes(project.task(task).id).isEmpty())
        return tr("a summary: each task under it holds its own");
    const Demand d = demandOf(project, resources, task);
    if (d.units.empty())
        return d.source == Demand::Source::None ? tr("needs no one of the team")
                                                : tr("needs no one (empty resources on %1)").arg(taskLabel(project, project.task(d.from).id));
    QStringList parts;
    for (const auto &[r, units] : d.units)
        parts << QStringLiteral("%1 %2").arg(units).arg(resources[std::size_t(r)].name);
    const QString where = d.from == task ? toString(d.source)
                                         : tr("%1 of %2").arg(toString(d.source), taskLabel(project, project.task(d.from).id));
    return tr("%1, from %2").arg(parts.join(QLatin1String(", ")), where);
}

} // namespace Workplan
