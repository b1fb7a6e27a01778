#include "inspectorthreepoint.h"

#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QGridLayout>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>

namespace Workplan {

namespace {
const QLatin1String kOptimistic("optimistic_effort");
const QLatin1String kPessimistic("pessimistic_effort");
const QLatin1String kUnreadableStyle("color: #c62828; background: #fdecea");
} // namespace

InspectorThreePoint::InspectorThreePoint(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_optimistic(new QLineEdit(this))
    , m_pessimistic(new QLineEdit(this))
    , m_warning(new QLabel(this))
{
    m_optimistic->setObjectName(QStringLiteral("optimisticEdit"));
    m_pessimistic->setObjectName(QStringLiteral("pessimisticEdit"));
    m_warning->setObjectName(QStringLiteral("threePointWarning"));
    auto *optimisticLabel = new QLabel(tr("Optimistic"), this);
    auto *pessimisticLabel = new QLabel(tr("Pessimistic"), this);
    optimisticLabel->setBuddy(m_optimistic);
    pessimisticLabel->setBuddy(m_pessimistic);
    for (QLineEdit *edit : {m_optimistic, m_pessimistic}) {
        edit->setPlaceholderText(tr("e.g. 2 days"));
        edit->setToolTip(tr("The risk simulation (Risk panel) draws this task's duration between the optimistic "
                            "and pessimistic efforts, most often near the estimate"));
    }
    m_optimistic->setAccessibleName(tr("Optimistic effort"));
    m_pessimistic->setAccessibleName(tr("Pessimistic effort"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #b26a00"));
    m_warning->hide();

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(optimisticLabel, 0, 0);
    grid->addWidget(m_optimistic, 0, 1);
    grid->addWidget(pessimisticLabel, 1, 0);
    grid->addWidget(m_pessimistic, 1, 1);
    grid->addWidget(m_warning, 2, 0, 1, 2);
    grid->setColumnStretch(1, 1);

    connect(m_optimistic, &QLineEdit::textChanged, this, [this] { check(Bound::Optimistic); });
    connect(m_pessimistic, &QLineEdit::textChanged, this, [this] { check(Bound::Pessimistic); });
    connect(m_optimistic, &QLineEdit::editingFinished, this, [this] { commit(Bound::Optimistic); });
    connect(m_pessimistic, &QLineEdit::editingFinished, this, [this] { commit(Bound::Pessimistic); });
    refresh();
}

InspectorThreePoint::~InspectorThreePoint()
{
    // A focused field reports editingFinished as it is deleted with us; by then this is no
    // longer an InspectorThreePoint (the Inspector's own rule).
    for (QLineEdit *field : {m_optimistic, m_pessimistic})
        disconnect(field, nullptr, this, nullptr);
}

QString InspectorThreePoint::attributeName(Bound bound)
{
    return bound == Bound::Optimistic ? QString(kOptimistic) : QString(kPessimistic);
}

void InspectorThreePoint::setTaskId(const QString &id)
{
    m_taskId = id;
    refresh();
}

std::optional<double> InspectorThreePoint::hoursOf(const QString &text) const
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    // The Effort field's reading: a bare number is hours, as a JSON number is.
    bool isNumber = false;
    const double h = trimmed.toDouble(&isNumber);
    if (isNumber)
        return h >= 0 ? std::optional<double>(h) : std::nullopt;
    return parseEffortText(trimmed, m_document->project().calendar);
}

void InspectorThreePoint::refresh()
{
    const Task *t = m_document->project().find(m_taskId);
    setEnabled(t != nullptr);
    m_updating = true;
    for (Bound bound : {Bound::Optimistic, Bound::Pessimistic}) {
        QLineEdit *field = edit(bound);
        const QJsonValue value = t ? t->attributes.value(attributeName(bound)) : QJsonValue();
        const QString text = value.isDouble() ? QString::number(value.toDouble(), 'g', 15) : value.toString();
        // A field being typed in keeps its text (and its cursor) until it is left.
        if (field->text() != text && !(field->hasFocus() && field->isModified()))
            field->setText(text);
        check(bound);
    }
    m_updating = false;
    refreshWarning();
}

void InspectorThreePoint::check(Bound bound)
{
    QLineEdit *field = edit(bound);
    const bool readable = field->text().trimmed().isEmpty() || hoursOf(field->text()).has_value();
    (bound == Bound::Optimistic ? m_optimisticReadable : m_pessimisticReadable) = readable;
    field->setStyleSheet(readable ? QString() : QString(kUnreadableStyle));
    field->setToolTip(readable ? QString() : tr("This effort cannot be read; it is not saved"));
}

void InspectorThreePoint::commit(Bound bound)
{
    const Task *t = m_document->project().find(m_taskId);
    if (m_updating || !t || !isReadable(bound))
        return;   // unreadable text stays in the field, flagged, and is never written
    const QString name = attributeName(bound);
    const QString text = edit(bound)->text().trimmed();
    edit(bound)->setModified(false);
    if (text.isEmpty()) {
        if (t->attributes.contains(name))
            m_document->edits().removeAttribute(m_taskId, name);
        return;
    }
    bool isNumber = false;
    const double hours = text.toDouble(&isNumber);
    const QJsonValue value = isNumber ? QJsonValue(hours) : QJsonValue(text);
    if (t->attributes.value(name) != value)
        m_document->edits().setAttribute(m_taskId, name, value);
}

void InspectorThreePoint::refreshWarning()
{
    // What riskInputOf reads (§8): both bounds readable, against the leaf's duration.
    const Task *t = m_document->project().find(m_taskId);
    bool outOfOrder = false;
    // Summaries and cancelled leaves draw nothing, so the engine says nothing of them.
    if (t && t->status != Status::Cancelled && m_document->project().childIndexes(t->id).isEmpty()) {
        const Calendar &calendar = m_document->project().calendar;
        const auto o = parseEffort(t->attributes.value(kOptimistic), calendar);
        const auto p = parseEffort(t->attributes.value(kPessimistic), calendar);
        const QJsonValue estimate = estimateValue(t->attributes);
        const double m = estimate.isUndefined() ? 0.0 : parseEffort(estimate, calendar).value_or(0.0);
        outOfOrder = o && p && !(*o <= m && m <= *p);
    }
    m_warning->setText(outOfOrder ? tr("three-point estimate out of order: the risk simulation uses the estimate alone")
                                  : QString());
    m_warning->setVisible(outOfOrder);
}

} // namespace Workplan
