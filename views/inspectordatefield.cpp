#include "inspectordatefield.h"

#include "model/calendar/workcalendar.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QJsonDocument>

namespace Workplan {

namespace {
const QLatin1String kDeadline("deadline");
const QLatin1String kTargetDate("target_date");
const QLatin1String kNotBefore("not_before");
const QLatin1String kFormat("yyyy-MM-dd HH:mm");
// The editor cannot show 24:00; a deadline at the end of the day shows one minute short.
const QTime kWholeDayDeadline(23, 59);
} // namespace

InspectorDateField::InspectorDateField(ProjectDocument *document, Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_kind(kind)
    , m_set(new QCheckBox(this))
    , m_edit(new QDateTimeEdit(this))
{
    m_edit->setCalendarPopup(true);
    m_edit->setDisplayFormat(kFormat);
    // §6 has no time zones: every date is the project's local time. UTC keeps the editor
    // away from the machine's daylight-saving gaps, where some of those times do not exist.
    m_edit->setTimeSpec(Qt::UTC);
    // Typed digits settle on Return or leaving the field; arrows and the popup at once.
    // Either way one value arrives, not one per keystroke.
    m_edit->setKeyboardTracking(false);
    const bool deadline = kind == Kind::Deadline;
    m_set->setAccessibleName(deadline ? tr("Has a deadline") : tr("Has a not-before date"));
    m_edit->setAccessibleName(deadline ? tr("Deadline") : tr("Not before"));
    m_set->setObjectName(deadline ? QStringLiteral("deadlineSet") : QStringLiteral("notBeforeSet"));
    m_edit->setObjectName(deadline ? QStringLiteral("deadlineEdit") : QStringLiteral("notBeforeEdit"));

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_set);
    row->addWidget(m_edit, 1);

    connect(m_edit, &QDateTimeEdit::dateTimeChanged, this, [this] {
        if (!m_updating)
            m_edited = true;
        commit();
    });
    connect(m_edit, &QDateTimeEdit::editingFinished, this, &InspectorDateField::commit);
    connect(m_set, &QCheckBox::toggled, this, &InspectorDateField::setChecked);
    refresh();
}

void InspectorDateField::setTaskId(const QString &id)
{
    m_taskId = id;
    m_edited = false;
    refresh();
}

QString InspectorDateField::attributeName() const
{
    if (m_kind == Kind::NotBefore)
        return kNotBefore;
    const Task *t = m_document->project().find(m_taskId);
    return t && !t->attributes.contains(kDeadline) && t->attributes.contains(kTargetDate) ? QString(kTargetDate)
                                                                                         : QString(kDeadline);
}

QString InspectorDateField::textFor(const QDateTime &shown) const
{
    const QTime time = shown.time();
    const bool dateOnly = m_kind == Kind::NotBefore ? time == QTime(0, 0) : time == kWholeDayDeadline;
    return shown.date().toString(Qt::ISODate)
        + (dateOnly ? QString() : QLatin1Char('T') + time.toString(QStringLiteral("HH:mm")));
}

QDateTime InspectorDateField::shownFor(const QString &text) const
{
    const auto d = parseDateText(text);
    if (!d)
        return QDateTime();
    const QTime time = !d->dateOnly ? QTime(d->minute / 60, d->minute % 60)
                     : m_kind == Kind::Deadline ? kWholeDayDeadline : QTime(0, 0);
    return QDateTime(QDate::fromJulianDay(d->day), time, Qt::UTC);
}

QDateTime InspectorDateField::defaultValue() const
{
    // The project's first day is the likeliest neighbourhood; without a start, today.
    const QJsonValue start = m_document->project().projectExtra.value(QLatin1String("start"));
    const auto d = start.isString() ? parseDateText(start.toString()) : std::nullopt;
    const QDate day = d ? QDate::fromJulianDay(d->day) : QDate::currentDate();
    return QDateTime(day, m_kind == Kind::Deadline ? kWholeDayDeadline : QTime(0, 0), Qt::UTC);
}

void InspectorDateField::refresh()
{
    const Task *t = m_document->project().find(m_taskId);
    const QString name = attributeName();
    const QJsonValue value = t ? t->attributes.value(name) : QJsonValue(QJsonValue::Undefined);
    const bool has = !value.isUndefined();
    m_shown = value.isString() ? shownFor(value.toString()) : QDateTime();
    const bool unreadable = has && !m_shown.isValid();

    QStringList tip;
    tip << (m_kind == Kind::Deadline
                ? tr("The latest moment by which the task should be finished. 23:59 means the whole day.")
                : tr("No work under this task starts before this moment."));
    if (name == kTargetDate)
        tip << tr("This task's date is its target_date; editing changes that.");
    if (unreadable)
        tip << tr("Cannot read \"%1\"; a date chosen here replaces it.")
                   .arg(value.isString() ? value.toString()
                                         : QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact)));
    if (!m_document->project().projectExtra.contains(QLatin1String("start")))
        tip << tr("Takes effect once the project has a start (Project \u25b8 Properties).");

    m_updating = true;
    setEnabled(t != nullptr);
    m_set->setChecked(has);
    m_edit->setEnabled(has);
    // A date being typed stays as it is until it is committed.
    if (!(m_edited && m_edit->hasFocus())) {
        m_edit->setDateTime(m_shown.isValid() ? m_shown : defaultValue());
        m_edited = false;
    }
    m_edit->setStyleSheet(unreadable ? QStringLiteral("color: #c62828; background: #fdecea") : QString());
    setToolTip(tip.join(QLatin1Char('\n')));
    m_edit->setToolTip(toolTip());
    m_set->setToolTip(toolTip());
    m_updating = false;
}

void InspectorDateField::setChecked(bool on)
{
    const Task *t = m_document->project().find(m_taskId);
    if (m_updating || !t)
        return;
    const QString name = attributeName();
    if (on == t->attributes.contains(name))
        return;
    m_edited = false;
    if (on)   // the date shown becomes the attribute; typing one next merges with this step
        m_document->edits().setAttribute(m_taskId, name, textFor(m_edit->dateTime()));
    else
        m_document->edits().removeAttribute(m_taskId, name);
}

void InspectorDateField::commit()
{
    const Task *t = m_document->project().find(m_taskId);
    if (m_updating || !m_edited || !t || !m_set->isChecked())
        return;
    const QDateTime value = m_edit->dateTime();
    if (value == m_shown)
        return;   // back where the stored text is: nothing to write, nothing lost
    const QString name = attributeName();
    const QString text = textFor(value);
    m_edited = false;
    if (t->attributes.value(name) != QJsonValue(text))
        m_document->edits().setAttribute(m_taskId, name, text);
}

} // namespace Workplan
