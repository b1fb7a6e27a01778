#include "inspector.h"

#include "analysiscontroller.h"
#include "inspectordatefield.h"
#include "inspectordemand.h"
#include "inspectorattributetable.h"
#include "inspectordependencytable.h"
#include "inspectoredge.h"
#include "inspectormulti.h"
#include "inspectorreadonly.h"
#include "inspectorthreepoint.h"
#include "taskfactory.h"
#include "taskselection.h"

#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>

#include "model/team/resources.h"
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <cmath>

namespace Workplan {

namespace {
const QLatin1String kTitle("title");
const QLatin1String kDescription("description");
const QLatin1String kEffort("estimated_effort");
const QLatin1String kDuration("estimated_duration");
}

Inspector::~Inspector()
{
    // A focused line edit reports editingFinished as it is deleted with us; by then this
    // is no longer an Inspector, so no child may call back into it.
    for (QWidget *child : findChildren<QWidget *>())
        disconnect(child, nullptr, this, nullptr);
}

Inspector::Inspector(ProjectDocument *document, TaskSelection *selection, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_selection(selection)
    , m_idLabel(new QLabel(this))
    , m_titleEdit(new QLineEdit(this))
    , m_descriptionEdit(new QPlainTextEdit(this))
    , m_typeCombo(new QComboBox(this))
    , m_statusCombo(new QComboBox(this))
    , m_lifecycleCombo(new QComboBox(this))
    , m_effortEdit(new QLineEdit(this))
    , m_effortHours(new QLabel(this))
    , m_threePoint(new InspectorThreePoint(document, this))
    , m_problemLabel(new QLabel(this))
    , m_demandLabel(new QLabel(this))
    , m_demandEditor(new InspectorDemand(document, this))
    , m_deadline(new InspectorDateField(document, InspectorDateField::Kind::Deadline, this))
    , m_notBefore(new InspectorDateField(document, InspectorDateField::Kind::NotBefore, this))
    , m_scheduledLabel(new QLabel(this))
    , m_attributes(new InspectorAttributeTable(document, this))
    , m_dependencies(new InspectorDependencyTable(document, this))
    , m_taskPage(new QWidget(this))
    , m_multi(new InspectorMulti(document, this))
    , m_edge(new InspectorEdge(document, this))
{
    m_idLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_descriptionEdit->setMaximumHeight(80);
    m_typeCombo->setEditable(true);
    m_typeCombo->setInsertPolicy(QComboBox::NoInsert);
    for (const QString &t : TaskFactory::wellKnownTypes())
        m_typeCombo->addItem(TaskFactory::iconForType(t), t);
    m_statusCombo->addItems(allStatusNames());
    m_effortEdit->setPlaceholderText(tr("e.g. 3 days, 2-4h"));
    m_effortHours->setMinimumWidth(70);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problemLabel->hide();

    auto *effortRow = new QHBoxLayout;
    effortRow->addWidget(m_effortEdit, 1);
    effortRow->addWidget(m_effortHours);
    auto *form = new QFormLayout;
    form->addRow(tr("Id"), m_idLabel);
    form->addRow(tr("Title"), m_titleEdit);
    form->addRow(tr("Description"), m_descriptionEdit);
    form->addRow(tr("Type"), m_typeCombo);
    form->addRow(tr("Status"), m_statusCombo);
    form->addRow(tr("Lifecycle"), m_lifecycleCombo);
    form->addRow(tr("Effort"), effortRow);
    form->addRow(QString(), m_threePoint);
    form->addRow(tr("Team"), m_demandLabel);
    form->addRow(QString(), m_demandEditor);
    // Shown whether or not the project has a start: they are the task's attributes either
    // way, and their tooltips say when they take effect.
    form->addRow(tr("Deadline"), m_deadline);
    form->addRow(tr("Not before"), m_notBefore);
    form->addRow(tr("Scheduled"), m_scheduledLabel);
    m_scheduledLabel->setObjectName(QStringLiteral("scheduledLabel"));
    m_scheduledLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_demandLabel->setObjectName(QStringLiteral("demandLabel"));
    m_demandLabel->setWordWrap(true);
    // Screen readers name each field; the form labels are not buddies of these.
    m_titleEdit->setAccessibleName(tr("Task title"));
    m_descriptionEdit->setAccessibleName(tr("Task description"));
    m_typeCombo->setAccessibleName(tr("Task type"));
    m_statusCombo->setAccessibleName(tr("Task status"));
    m_lifecycleCombo->setAccessibleName(tr("Lifecycle stage"));
    m_effortEdit->setAccessibleName(tr("Estimated effort"));
    m_attributes->setAccessibleName(tr("Attributes"));
    m_dependencies->setAccessibleName(tr("Dependencies"));

    auto *attributesBox = new QGroupBox(tr("Attributes"), this);
    (new QVBoxLayout(attributesBox))->addWidget(m_attributes);
    auto *dependenciesBox = new QGroupBox(tr("Dependencies"), this);
    (new QVBoxLayout(dependenciesBox))->addWidget(m_dependencies);
    auto *taskLayout = new QVBoxLayout(m_taskPage);
    taskLayout->setContentsMargins(0, 0, 0, 0);
    taskLayout->addLayout(form);
    taskLayout->addWidget(m_problemLabel);
    taskLayout->addWidget(attributesBox, 1);
    taskLayout->addWidget(dependenciesBox, 1);
    // With nothing selected: what this panel is for, instead of a page of grey fields.
    m_emptyHint = new QLabel(tr("Select a task on the canvas, in the tree or on the timeline to edit its "
                                "title, type, status, effort, dates and dependencies here. Select several "
                                "to change their status or type at once; click an arrow to edit the "
                                "dependency."), this);
    m_emptyHint->setObjectName(QStringLiteral("inspectorEmptyHint"));
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_emptyHint);
    layout->addWidget(m_taskPage, 1);
    layout->addWidget(m_multi);
    layout->addWidget(m_edge);
    layout->addStretch();

    connect(m_titleEdit, &QLineEdit::editingFinished, this, &Inspector::commitTitle);
    connect(m_descriptionEdit, &QPlainTextEdit::textChanged, this, &Inspector::commitDescription);
    connect(m_typeCombo, &QComboBox::textActivated, this, &Inspector::commitType);
    connect(m_typeCombo->lineEdit(), &QLineEdit::editingFinished, this,
            [this] { commitType(m_typeCombo->currentText()); });
    connect(m_statusCombo, &QComboBox::currentIndexChanged, this, &Inspector::commitStatus);
    connect(m_lifecycleCombo, &QComboBox::currentIndexChanged, this, &Inspector::commitLifecycle);
    connect(m_effortEdit, &QLineEdit::textChanged, this, &Inspector::checkEffort);
    connect(m_effortEdit, &QLineEdit::editingFinished, this, &Inspector::commitEffort);
    connect(m_attributes, &InspectorAttributeTable::problem, this, &Inspector::showProblem);
    connect(m_dependencies, &InspectorDependencyTable::problem, this, &Inspector::showProblem);

    connect(selection, &TaskSelection::selectionChanged, this,
            [this] { setTaskId(m_selection->currentId()); });
    connect(selection, &TaskSelection::dependencySelectionChanged, this, &Inspector::updatePages);
    // The arrow's page changed its type, so its key: the selection follows (InspectorEdge).
    connect(m_edge, &InspectorEdge::dependencyKeyChanged, selection, &TaskSelection::selectDependency);
    // The arrow's owner changed or went (an undo): its page shows it again, or hides.
    connect(document, &ProjectDocument::changed, this, [this] {
        if (m_selection->selectedIds().isEmpty())
            updatePages();
    });
    connect(document, &ProjectDocument::tasksChanged, this, [this](const QStringList &ids) {
        if (ids.contains(m_taskId))
            refresh();
    });
    connect(document, &ProjectDocument::projectReset, this, [this] { setTaskId(m_selection->currentId()); });
    connect(document, &ProjectDocument::taskRemoved, this, [this](const QString &id) {
        if (id == m_taskId)
            setTaskId(QString());
        else
            m_dependencies->scheduleRefresh();   // the prerequisite list changed
    });
    connect(document, &ProjectDocument::taskInserted, m_dependencies, &InspectorDependencyTable::scheduleRefresh);
    connect(document, &ProjectDocument::projectPropertiesChanged, this, &Inspector::refresh);
    // Read-only: every field and section at once (views/inspectorreadonly.h).
    new InspectorReadOnly(document, this);
    setTaskId(QString());
}

void Inspector::setAnalysis(AnalysisController *analysis)
{
    if (m_analysis)
        disconnect(m_analysis, nullptr, this, nullptr);
    m_analysis = analysis;
    if (analysis)
        connect(analysis, &AnalysisController::updated, this, &Inspector::refreshSchedule);
    refreshSchedule();
}

// "2025-06-23 09:00 → 2025-06-25 17:00" with a project start, the hours otherwise; a
// deadline's margin after it.
void Inspector::refreshSchedule()
{
    const auto result = m_analysis ? m_analysis->result() : nullptr;
    const int i = result && !m_taskId.isEmpty() ? result->index(m_taskId) : -1;
    const auto times = i >= 0 ? result->times(m_taskId) : std::nullopt;
    QString text;
    if (times && result->dates) {
        const ScheduleDates::Task &d = result->dates->tasks[std::size_t(i)];
        text = QStringLiteral("%1 → %2").arg(dateTimeText(d.start), dateTimeText(d.finish));
    } else if (times) {
        text = tr("%1 → %2 (no project start)").arg(formatHours(times->es), formatHours(times->ef));
    } else if (i >= 0) {
        text = tr("not scheduled (dependency loop)");
    }
    const double margin = i >= 0 ? result->margin(m_taskId) : 0;
    if (!text.isEmpty() && !std::isnan(margin))
        text += QStringLiteral(", %1").arg(marginText(margin));
    m_scheduledLabel->setText(text);
    m_scheduledLabel->setStyleSheet(isLate(margin) ? QStringLiteral("color: #c62828") : QString());
    m_scheduledLabel->setToolTip(i >= 0 ? result->deadlineText(m_taskId) : QString());
}

void Inspector::setTaskId(const QString &id)
{
    m_taskId = m_document->project().contains(id) ? id : QString();
    m_deadline->setTaskId(m_taskId);
    m_notBefore->setTaskId(m_taskId);
    m_demandEditor->setTaskId(m_taskId);
    m_threePoint->setTaskId(m_taskId);
    m_problemLabel->hide();
    refresh();
    m_attributes->setTaskId(m_taskId);
    m_dependencies->setTaskId(m_taskId);
    updatePages();
}

// One page at a time: the arrow, several tasks, or the one task (or none).
void Inspector::updatePages()
{
    const QStringList &ids = m_selection->selectedIds();
    m_multi->setTaskIds(ids.size() >= 2 ? ids : QStringList());
    m_edge->setDependency(ids.isEmpty() ? m_selection->selectedDependency() : DependencyKey());
    const bool multi = ids.size() >= 2;
    const bool edge = !multi && m_edge->hasDependency();
    m_multi->setVisible(multi);
    m_edge->setVisible(edge);
    m_taskPage->setVisible(!multi && !edge);
    m_emptyHint->setVisible(!multi && !edge && !m_document->project().find(m_taskId));
}

QString Inspector::effortAttribute() const
{
    const Task *t = m_document->project().find(m_taskId);
    // Edit the attribute the analysis reads: estimated_effort, else an existing estimated_duration.
    if (t && !t->attributes.contains(kEffort) && t->attributes.contains(kDuration))
        return kDuration;
    return kEffort;
}

void Inspector::refresh()
{
    const Task *t = m_document->project().find(m_taskId);
    const QList<QWidget *> fields{m_titleEdit, m_descriptionEdit, m_typeCombo, m_statusCombo,
                                  m_lifecycleCombo, m_effortEdit};
    for (QWidget *w : fields)
        w->setEnabled(t != nullptr);
    m_updating = true;
    if (m_emptyHint)   // refresh() may run while the constructor builds the page
        m_emptyHint->setVisible(!t && m_multi->isHidden() && m_edge->isHidden());
    if (!t) {
        m_idLabel->setText(tr("No task selected"));
        m_titleEdit->clear();
        m_descriptionEdit->clear();
        m_typeCombo->setEditText(QString());
        m_lifecycleCombo->clear();
        m_effortEdit->clear();
        m_effortHours->clear();
        m_demandLabel->clear();
        m_deadline->refresh();
        m_notBefore->refresh();
        m_threePoint->refresh();
        refreshSchedule();
        m_updating = false;
        return;
    }
    m_deadline->refresh();
    m_notBefore->refresh();
    m_threePoint->refresh();
    refreshSchedule();
    m_demandLabel->setText(demandText(m_document->project(), m_document->team(), m_document->project().indexOf(t->id)));
    m_idLabel->setText(t->id);
    // Only touch what differs, so a field being typed in keeps its cursor.
    const QString title = t->attributes.value(kTitle).toString();
    if (m_titleEdit->text() != title)
        m_titleEdit->setText(title);
    const QString description = t->attributes.value(kDescription).toString();
    if (m_descriptionEdit->toPlainText() != description)
        m_descriptionEdit->setPlainText(description);
    if (m_typeCombo->currentText() != t->type) {
        const int i = m_typeCombo->findText(t->type);
        m_typeCombo->setCurrentIndex(i);
        m_typeCombo->setEditText(t->type);
    }
    m_statusCombo->setCurrentIndex(int(t->status));
    m_lifecycleCombo->clear();
    for (const QString &name : allLifecycleNames()) {
        const Lifecycle stage = *lifecycleFromString(name);
        if (isAllowedLifecycleTransition(t->lifecycle, stage))
            m_lifecycleCombo->addItem(name, int(stage));
    }
    m_lifecycleCombo->setCurrentIndex(m_lifecycleCombo->findData(int(t->lifecycle)));
    const QJsonValue effort = t->attributes.value(effortAttribute());
    const QString effortText = effort.isDouble() ? QString::number(effort.toDouble(), 'g', 15) : effort.toString();
    if (m_effortEdit->text() != effortText || !m_effortReadable)
        m_effortEdit->setText(effortText);
    checkEffort(m_effortEdit->text());
    m_attributes->scheduleRefresh();
    m_dependencies->scheduleRefresh();
    m_updating = false;
}

void Inspector::showProblem(const QString &message)
{
    m_problemLabel->setText(message);
    m_problemLabel->setVisible(!message.isEmpty());
}

void Inspector::checkEffort(const QString &text)
{
    const QString trimmed = text.trimmed();
    std::optional<double> hours;
    if (!trimmed.isEmpty()) {
        bool isNumber = false;
        const double h = trimmed.toDouble(&isNumber);
        hours = isNumber ? (h >= 0 ? std::optional<double>(h) : std::nullopt)
                         : parseEffortText(trimmed, m_document->project().calendar);
    }
    m_effortReadable = trimmed.isEmpty() || hours.has_value();
    m_effortEdit->setStyleSheet(m_effortReadable ? QString() : QStringLiteral("color: #c62828; background: #fdecea"));
    m_effortEdit->setToolTip(m_effortReadable ? QString() : tr("This effort cannot be read"));
    m_effortHours->setText(hours ? QStringLiteral("= %1").arg(formatHours(*hours))
                                 : (trimmed.isEmpty() ? QString() : tr("unreadable")));
}

void Inspector::commitTitle()
{
    const Task *t = m_document->project().find(m_taskId);
    const QString title = m_titleEdit->text().trimmed();
    if (m_updating || !t || title == t->attributes.value(kTitle).toString())
        return;
    if (title.isEmpty()) {
        m_titleEdit->setText(t->attributes.value(kTitle).toString());
        return;
    }
    m_document->edits().setTitle(m_taskId, title);
}

void Inspector::commitDescription()
{
    const Task *t = m_document->project().find(m_taskId);
    const QString text = m_descriptionEdit->toPlainText();
    if (m_updating || !t || text == t->attributes.value(kDescription).toString())
        return;
    // Consecutive keystrokes merge into one undo step (same task, same attribute).
    if (text.isEmpty() && t->attributes.contains(kDescription))
        m_document->edits().removeAttribute(m_taskId, kDescription);
    else
        m_document->edits().setAttribute(m_taskId, kDescription, text);
}

void Inspector::commitType(const QString &type)
{
    const Task *t = m_document->project().find(m_taskId);
    const QString trimmed = type.trimmed();
    if (m_updating || !t || trimmed.isEmpty() || trimmed == t->type)
        return;
    m_document->edits().setType({m_taskId}, trimmed);
}

void Inspector::commitStatus()
{
    const Task *t = m_document->project().find(m_taskId);
    const int index = m_statusCombo->currentIndex();
    if (m_updating || !t || index < 0 || Status(index) == t->status)
        return;
    m_document->edits().setStatus({m_taskId}, Status(index));
}

void Inspector::commitLifecycle()
{
    const Task *t = m_document->project().find(m_taskId);
    const QVariant stage = m_lifecycleCombo->currentData();
    if (m_updating || !t || !stage.isValid() || Lifecycle(stage.toInt()) == t->lifecycle)
        return;
    m_document->edits().setLifecycle(m_taskId, Lifecycle(stage.toInt()));
}

void Inspector::commitEffort()
{
    const Task *t = m_document->project().find(m_taskId);
    if (m_updating || !t || !m_effortReadable)
        return;   // unreadable text stays in the field, flagged, and is never written
    const QString name = effortAttribute();
    const QString text = m_effortEdit->text().trimmed();
    bool isNumber = false;
    const double hours = text.toDouble(&isNumber);
    const QJsonValue value = isNumber ? QJsonValue(hours) : QJsonValue(text);
    if (text.isEmpty()) {
        if (t->attributes.contains(name))
            m_document->edits().removeAttribute(m_taskId, name);
        return;
    }
    if (t->attributes.value(name) != value)
        m_document->edits().setAttribute(m_taskId, name, value);
}

} // namespace Workplan
