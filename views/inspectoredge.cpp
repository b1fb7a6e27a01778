#include "inspectoredge.h"

#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

#include <cmath>

namespace Workplan {

InspectorEdge::InspectorEdge(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_header(new QLabel(this))
    , m_type(new QComboBox(this))
    , m_lag(new QDoubleSpinBox(this))
    , m_mandatory(new QCheckBox(tr("Mandatory"), this))
    , m_waived(new QCheckBox(tr("Waived"), this))
    , m_description(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("inspectorEdge"));
    m_header->setObjectName(QStringLiteral("edgeHeader"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_type->addItems(allDependencyTypeNames());
    // Working hours, as the analysis counts a lag; a lag written as text ("2 days") shows
    // its hours and is written back as a number only when changed.
    m_lag->setRange(0, 1e6);
    m_lag->setDecimals(2);
    m_lag->setSuffix(tr(" h"));
    m_lag->setKeyboardTracking(false);   // one command per settled value, not per digit
    m_description->setPlaceholderText(tr("Why this task waits"));
    m_type->setAccessibleName(tr("Dependency type"));
    m_lag->setAccessibleName(tr("Dependency lag in hours"));
    m_mandatory->setAccessibleName(tr("Dependency is mandatory"));
    m_waived->setAccessibleName(tr("Dependency is waived"));
    m_description->setAccessibleName(tr("Dependency description"));

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(m_header);
    form->addRow(tr("Type"), m_type);
    form->addRow(tr("Lag"), m_lag);
    form->addRow(QString(), m_mandatory);
    form->addRow(QString(), m_waived);
    form->addRow(tr("Description"), m_description);
    form->addRow(m_problem);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problem->hide();

    connect(m_type, &QComboBox::activated, this, &InspectorEdge::commitType);
    connect(m_lag, &QDoubleSpinBox::valueChanged, this, &InspectorEdge::commitLag);
    connect(m_mandatory, &QCheckBox::toggled, this, [this](bool on) {
        const Dependency *d = current();
        if (m_updating || !d || d->mandatory == on)
            return;
        Dependency dep = *d;
        dep.mandatory = on;
        dep.hasMandatory = true;
        commit(dep);
    });
    connect(m_waived, &QCheckBox::toggled, this, [this](bool on) {
        const Dependency *d = current();
        if (m_updating || !d || d->waived == on)
            return;
        Dependency dep = *d;
        dep.waived = on;
        dep.hasWaived = true;
        commit(dep);
    });
    connect(m_description, &QLineEdit::editingFinished, this, &InspectorEdge::commitDescription);
    connect(document, &ProjectDocument::tasksChanged, this, [this](const QStringList &ids) {
        if (ids.contains(m_key.ownerId))
            refresh();
    });
    connect(document, &ProjectDocument::taskRemoved, this, &InspectorEdge::refresh);
    connect(document, &ProjectDocument::projectReset, this, &InspectorEdge::refresh);
}

InspectorEdge::~InspectorEdge()
{
    // A focused line edit reports editingFinished as it is deleted with us.
    disconnect(m_description, nullptr, this, nullptr);
}

void InspectorEdge::setDependency(const DependencyKey &key)
{
    if (key != m_key)
        m_problem->hide();
    m_key = key;
    refresh();
}

void InspectorEdge::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
}

const Dependency *InspectorEdge::current() const
{
    const int i = followDependency(m_document->project(), m_key);
    return i < 0 ? nullptr : &m_document->project().find(m_key.ownerId)->dependencies.at(i);
}

bool InspectorEdge::hasDependency() const
{
    return current() != nullptr;
}

void InspectorEdge::refresh()
{
    const Dependency *d = current();
    setEnabled(d != nullptr);
    if (!d)
        return;
    const Project &project = m_document->project();
    m_updating = true;
    const Task *owner = project.find(m_key.ownerId);
    const Task *prereq = project.find(d->taskId);
    m_header->setText(tr("<b>%1</b> waits for <b>%2</b>")
                          .arg(owner->title().toHtmlEscaped(),
                               prereq ? prereq->title().toHtmlEscaped() : d->taskId.toHtmlEscaped()));
    m_type->setCurrentIndex(int(d->type));
    const auto hours = d->lag.isUndefined() ? std::optional<double>(0) : parseEffort(d->lag, project.calendar);
    m_lag->setValue(hours.value_or(0));
    m_lag->setToolTip(d->lag.isString() ? tr("Written as \u201c%1\u201d").arg(d->lag.toString()) : QString());
    m_mandatory->setChecked(d->mandatory);
    m_waived->setChecked(d->waived);
    if (m_description->text() != d->description)
        m_description->setText(d->description);
    m_updating = false;
}

void InspectorEdge::commit(const Dependency &dep)
{
    const Dependency *d = current();
    if (!d || *d == dep)
        return;
    // A new prerequisite or type is checked as a new link would be.
    const DependencyKey before = DependencyKey::of(m_key.ownerId, *d);
    const EditResult result = m_document->edits().changeDependency(before, dep);
    if (result.refused()) {
        refresh();
        showProblem(result.problem);
        return;
    }
    m_problem->hide();
    // A new type is a new key: keep showing (and selecting) this dependency under it.
    const DependencyKey after = DependencyKey::of(m_key.ownerId, dep);
    if (result && after != before) {
        m_key = after;
        emit dependencyKeyChanged(after);
    }
}

void InspectorEdge::commitType(int type)
{
    const Dependency *d = current();
    if (m_updating || !d || type < 0 || DependencyType(type) == d->type)
        return;
    Dependency dep = *d;
    dep.type = DependencyType(type);
    commit(dep);
}

void InspectorEdge::commitLag(double hours)
{
    const Dependency *d = current();
    if (m_updating || !d)
        return;
    const auto now = d->lag.isUndefined() ? std::optional<double>(0) : parseEffort(d->lag, m_document->project().calendar);
    if (now && std::abs(*now - hours) < 1e-9)
        return;
    Dependency dep = *d;
    // No lag is written as none at all, as a file without one has it.
    dep.lag = hours == 0 ? QJsonValue(QJsonValue::Undefined) : QJsonValue(hours);
    commit(dep);
}

void InspectorEdge::commitDescription()
{
    const Dependency *d = current();
    const QString text = m_description->text();
    if (m_updating || !d || text == d->description)
        return;
    Dependency dep = *d;
    dep.description = text;
    commit(dep);
}

} // namespace Workplan
