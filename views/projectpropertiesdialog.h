#pragma once

#include <QDialog>
#include <QJsonArray>
#include <QJsonObject>

#include <array>

class QCheckBox;
class QDateEdit;
class QDateTimeEdit;
class QDoubleSpinBox;
class QGroupBox;
class QLineEdit;
class QListWidget;
class QTimeEdit;

namespace Workplan {

class ProjectDocument;

// Project ▸ Properties: the project's name, working-time calendar and (§6) its dates: the
// start, working days, day start and holidays. Accepting pushes one
// ProjectPropertiesCommand (nothing when nothing changed), so it is undoable and the
// analysis reruns through the document's changed(). A field left untouched keeps the
// file's exact text ("2025-06-02" stays a date, not a date-time).
class ProjectPropertiesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProjectPropertiesDialog(ProjectDocument *document, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QDoubleSpinBox *hoursPerDaySpin() const { return m_hoursPerDay; }
    QDoubleSpinBox *daysPerWeekSpin() const { return m_daysPerWeek; }
    QGroupBox *datesBox() const { return m_dates; }
    QDateTimeEdit *startEdit() const { return m_start; }
    QTimeEdit *dayStartEdit() const { return m_dayStart; }
    QCheckBox *weekdayBox(int day) const { return m_weekdays[std::size_t(day)]; }   // 0: Monday
    QListWidget *holidayList() const { return m_holidays; }
    QDateEdit *holidayEdit() const { return m_holidayDate; }

    // What is wrong with the dates as entered (empty: nothing); accept() refuses then.
    QString problem() const;
    // Pushes the command when the values differ from the document's; true when it did.
    bool apply();

public slots:
    void accept() override;
    void addHoliday();
    void removeHoliday();

private:
    QWidget *createDatesBox();
    QStringList holidayTexts() const;
    QJsonArray weekdayNames() const;

    ProjectDocument *m_document;
    QLineEdit *m_name;
    QDoubleSpinBox *m_hoursPerDay;
    QDoubleSpinBox *m_daysPerWeek;
    double m_shownHoursPerDay = 0;
    double m_shownDaysPerWeek = 0;

    QGroupBox *m_dates = nullptr;
    QDateTimeEdit *m_start = nullptr;
    QTimeEdit *m_dayStart = nullptr;
    std::array<QCheckBox *, 7> m_weekdays{};
    QListWidget *m_holidays = nullptr;
    QDateEdit *m_holidayDate = nullptr;
    // As shown when the dialog opened, to tell what the user changed.
    QString m_shownStart, m_shownDayStart;
    QJsonArray m_shownWeekdays;
    QStringList m_shownHolidays;
};

} // namespace Workplan
