#include "projectpropertiesdialog.h"

#include "model/calendar/workcalendar.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTimeEdit>

namespace Workplan {

namespace {

const char *const kDayNames[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
const char *const kDayLabels[7] = {QT_TRANSLATE_NOOP("Workplan::ProjectPropertiesDialog", "Mon"),
                                   QT_TRANSLATE_NOOP("Workplan::ProjectPropertiesDialog", "Tue"),
                                   QT_TRANSLATE_NOOP("Workplan::ProjectPropertiesDialog", "Wed"),
                                   QT_TRANSLATE_NOOP("Workplan::ProjectPropertiesDialog", "Thu"),
                                   QT_TRANSLATE_NOOP("Workplan::ProjectPropertiesDialog", "Fri"),
                                   QT_TRANSLATE_NOOP("Workplan::ProjectPropertiesDialog", "Sat"),
                                   QT_TRANSLATE_NOOP("Workplan::ProjectPropertiesDialog", "Sun")};

QDate dateOf(const DateText &d) { return QDate::fromJulianDay(d.day); }

} // namespace

ProjectPropertiesDialog::ProjectPropertiesDialog(ProjectDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_name(new QLineEdit(this))
    , m_hoursPerDay(new QDoubleSpinBox(this))
    , m_daysPerWeek(new QDoubleSpinBox(this))
{
    setWindowTitle(tr("Project Properties"));
    const Project &project = document->project();
    m_name->setText(project.name);
    m_name->setAccessibleName(tr("Project name"));
    // Quarter hours are the finest step anyone plans in; a day cannot exceed 24 hours.
    m_hoursPerDay->setRange(0.25, 24);
    m_hoursPerDay->setDecimals(2);
    m_hoursPerDay->setSingleStep(0.5);
    m_hoursPerDay->setSuffix(tr(" h"));
    m_hoursPerDay->setValue(project.calendar.hoursPerDay);
    m_hoursPerDay->setAccessibleName(tr("Hours per day"));
    m_daysPerWeek->setRange(0.5, 7);
    m_daysPerWeek->setDecimals(1);
    m_daysPerWeek->setSingleStep(0.5);
    m_daysPerWeek->setValue(project.calendar.daysPerWeek);
    m_daysPerWeek->setAccessibleName(tr("Days per week"));
    m_shownHoursPerDay = m_hoursPerDay->value();
    m_shownDaysPerWeek = m_daysPerWeek->value();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Hours per day:"), m_hoursPerDay);
    form->addRow(tr("&Days per week:"), m_daysPerWeek);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(createDatesBox());
    layout->addWidget(buttons);
}

QWidget *ProjectPropertiesDialog::createDatesBox()
{
    const Project &project = m_document->project();
    m_dates = new QGroupBox(tr("Plan in &dates (a start date and a working calendar)"), this);
    m_dates->setCheckable(true);
    m_dates->setObjectName(QStringLiteral("datesBox"));

    // What the file says now; unreadable values cannot be here (the file was validated).
    const QJsonValue start = project.projectExtra.value(QLatin1String("start"));
    const QJsonValue dayStart = project.calendarExtra.value(QLatin1String("day_start"));
    const auto parsedStart = start.isString() ? parseDateText(start.toString()) : std::nullopt;
    const auto clock = dayStart.isString() ? parseDateText(QStringLiteral("2000-01-01T") + dayStart.toString()) : std::nullopt;
    const QTime dayStartTime = clock ? QTime(clock->minute / 60, clock->minute % 60) : QTime(9, 0);

    m_dates->setChecked(parsedStart.has_value());
    m_start = new QDateTimeEdit(m_dates);
    m_start->setCalendarPopup(true);
    m_start->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_start->setAccessibleName(tr("Project start"));
    QDateTime shown(QDate::currentDate(), dayStartTime);
    if (parsedStart) {
        const DateText d = *parsedStart;
        shown = QDateTime(dateOf(d), d.dateOnly ? dayStartTime : QTime(d.minute / 60, d.minute % 60));
    }
    m_start->setDateTime(shown);
    m_dayStart = new QTimeEdit(dayStartTime, m_dates);
    m_dayStart->setDisplayFormat(QStringLiteral("HH:mm"));
    m_dayStart->setAccessibleName(tr("Working day starts at"));

    auto *days = new QHBoxLayout;
    const QJsonValue named = project.calendarExtra.value(QLatin1String("working_days"));
    const int defaultDays = std::clamp(int(project.calendar.daysPerWeek), 1, 7);
    for (int d = 0; d < 7; ++d) {
        auto *box = new QCheckBox(tr(kDayLabels[d]), m_dates);
        box->setObjectName(QLatin1String("weekday_") + QLatin1String(kDayNames[d]));
        box->setChecked(named.isArray() ? named.toArray().contains(QLatin1String(kDayNames[d])) : d < defaultDays);
        days->addWidget(box);
        m_weekdays[std::size_t(d)] = box;
    }

    m_holidays = new QListWidget(m_dates);
    m_holidays->setObjectName(QStringLiteral("holidayList"));
    m_holidays->setAccessibleName(tr("Holidays"));
    m_holidays->setMaximumHeight(110);
    for (const QJsonValue &h : project.calendarExtra.value(QLatin1String("holidays")).toArray())
        m_holidays->addItem(h.toString());
    m_holidayDate = new QDateEdit(QDate::currentDate(), m_dates);
    m_holidayDate->setCalendarPopup(true);
    m_holidayDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_holidayDate->setAccessibleName(tr("Holiday to add"));
    auto *add = new QPushButton(tr("&Add"), m_dates);
    auto *remove = new QPushButton(tr("&Remove"), m_dates);
    add->setObjectName(QStringLiteral("addHoliday"));
    remove->setObjectName(QStringLiteral("removeHoliday"));
    connect(add, &QPushButton::clicked, this, &ProjectPropertiesDialog::addHoliday);
    connect(remove, &QPushButton::clicked, this, &ProjectPropertiesDialog::removeHoliday);
    auto *holidayButtons = new QHBoxLayout;
    holidayButtons->addWidget(m_holidayDate);
    holidayButtons->addWidget(add);
    holidayButtons->addWidget(remove);

    auto *form = new QFormLayout(m_dates);
    form->addRow(tr("&Start:"), m_start);
    form->addRow(tr("Day s&tarts at:"), m_dayStart);
    form->addRow(tr("Working days:"), days);
    form->addRow(tr("Holidays:"), m_holidays);
    form->addRow(QString(), holidayButtons);

    m_shownStart = m_start->dateTime().toString(Qt::ISODate);
    m_shownDayStart = m_dayStart->time().toString(QStringLiteral("HH:mm"));
    m_shownWeekdays = weekdayNames();
    m_shownHolidays = holidayTexts();
    return m_dates;
}

QStringList ProjectPropertiesDialog::holidayTexts() const
{
    QStringList out;
    for (int i = 0; i < m_holidays->count(); ++i)
        out << m_holidays->item(i)->text();
    return out;
}

QJsonArray ProjectPropertiesDialog::weekdayNames() const
{
    QJsonArray out;
    for (int d = 0; d < 7; ++d) {
        if (m_weekdays[std::size_t(d)]->isChecked())
            out.append(QLatin1String(kDayNames[d]));
    }
    return out;
}

void ProjectPropertiesDialog::addHoliday()
{
    const QString text = m_holidayDate->date().toString(Qt::ISODate);
    if (holidayTexts().contains(text))
        return;
    m_holidays->addItem(text);
    m_holidays->sortItems();
}

void ProjectPropertiesDialog::removeHoliday()
{
    delete m_holidays->currentItem();
}

QString ProjectPropertiesDialog::problem() const
{
    if (!m_dates->isChecked())
        return QString();
    if (weekdayNames().isEmpty())
        return tr("Choose at least one working day.");
    const QTime t = m_dayStart->time();
    if (t.hour() * 60 + t.minute() + m_hoursPerDay->value() * 60 > 24 * 60)
        return tr("A working day from %1 for %2 h would end after midnight: start it earlier or shorten it.")
            .arg(t.toString(QStringLiteral("HH:mm")))
            .arg(m_hoursPerDay->value());
    return QString();
}

void ProjectPropertiesDialog::accept()
{
    const QString why = problem();
    if (!why.isEmpty()) {
        QMessageBox::warning(this, tr("Project Properties"), why);
        return;
    }
    QDialog::accept();
}

bool ProjectPropertiesDialog::apply()
{
    if (!problem().isEmpty())
        return false;
    const Project &project = m_document->project();
    ProjectProperties p = ProjectProperties::of(project);
    // A spin box rounds to its decimals: an untouched one keeps the file's exact value.
    if (m_hoursPerDay->value() != m_shownHoursPerDay)
        p.calendar.hoursPerDay = m_hoursPerDay->value();
    if (m_daysPerWeek->value() != m_shownDaysPerWeek)
        p.calendar.daysPerWeek = m_daysPerWeek->value();
    p.name = m_name->text().trimmed();

    const QString dayStart = m_dayStart->time().toString(QStringLiteral("HH:mm"));
    if (!m_dates->isChecked()) {
        p.projectExtra.remove(QStringLiteral("start"));
    } else {
        const QDateTime start = m_start->dateTime();
        if (start.toString(Qt::ISODate) != m_shownStart || !project.projectExtra.contains(QLatin1String("start"))) {
            // A start at the day's start is written as the date alone, as people write it.
            const bool atDayStart = start.time().toString(QStringLiteral("HH:mm")) == dayStart;
            p.projectExtra.insert(QStringLiteral("start"), atDayStart ? start.date().toString(Qt::ISODate)
                                                                     : start.toString(QStringLiteral("yyyy-MM-ddTHH:mm")));
        }
        if (dayStart != m_shownDayStart)
            p.calendarExtra.insert(QStringLiteral("day_start"), dayStart);
        if (weekdayNames() != m_shownWeekdays)
            p.calendarExtra.insert(QStringLiteral("working_days"), weekdayNames());
        if (holidayTexts() != m_shownHolidays) {
            if (holidayTexts().isEmpty())
                p.calendarExtra.remove(QStringLiteral("holidays"));
            else
                p.calendarExtra.insert(QStringLiteral("holidays"), QJsonArray::fromStringList(holidayTexts()));
        }
    }
    return bool(m_document->edits().setProjectProperties(p));
}

} // namespace Workplan
