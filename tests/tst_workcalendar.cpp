// §6's working calendar: both readings of an offset at day ends, over weekends and
// holidays, with fractional days and odd day starts; offsets of moments (also before the
// start); the date forms; and every calendar input error refusing the whole file.
#include "model/calendar/workcalendar.h"
#include "model/project.h"
#include "model/storage/json/jsonformat.h"

#include <QtTest>

using namespace Workplan;

namespace {

// A project with `calendar` (JSON members) and `start`, read as a file would be.
std::optional<Project> projectWith(const QString &start, const QString &calendar, QString *error)
{
    const QString text = QStringLiteral(R"({"format": "workplan", "version": 1,
        "project": {"name": "p", %1 "calendar": {%2}},
        "tasks": [{"task_id": "a", "task_type": "specialist_task"}]})")
                             .arg(start.isEmpty() ? QString() : QStringLiteral("\"start\": %1,").arg(start), calendar);
    return JsonFormat::read(text.toUtf8(), QStringLiteral("cal.json"), error);
}

WorkCalendar calendarOf(const QString &start, const QString &calendar)
{
    QString error;
    const auto project = projectWith(start, calendar, &error);
    if (!project)
        qFatal("%s", qPrintable(error));
    std::optional<WorkCalendar> cal;
    WorkCalendar::read(*project, &cal);
    if (!cal)
        qFatal("no calendar");
    return *cal;
}

Moment momentOf(const QString &text)
{
    const auto d = parseDateText(text);
    if (!d)
        qFatal("bad moment %s", qPrintable(text));
    return {d->day, double(d->minute)};
}

const char *const kStandard = R"("hours_per_day": 8, "days_per_week": 5, "holidays": ["2025-06-09"])";

} // namespace

class TestWorkCalendar : public QObject
{
    Q_OBJECT
private slots:
    void readings_data();
    void readings();
    void offsets_data();
    void offsets();
    void startMoment_data();
    void startMoment();
    void dateForms_data();
    void dateForms();
    void inputErrors_data();
    void inputErrors();
    void fieldsWithoutStartAreStillChecked();
};

void TestWorkCalendar::readings_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("calendar");
    QTest::addColumn<double>("hours");
    QTest::addColumn<QString>("startReading");
    QTest::addColumn<QString>("finishReading");
    const QString a = QStringLiteral("\"2025-06-02\"");   // a Monday; the 9th is a holiday
    const QString std8 = QString::fromLatin1(kStandard);
    QTest::newRow("zero") << a << std8 << 0.0 << "2025-06-02T09:00" << "2025-06-02T09:00";
    QTest::newRow("mid-day") << a << std8 << 4.0 << "2025-06-02T13:00" << "2025-06-02T13:00";
    QTest::newRow("half hour") << a << std8 << 0.5 << "2025-06-02T09:30" << "2025-06-02T09:30";
    QTest::newRow("half minute rounds up") << a << std8 << 0.875 << "2025-06-02T09:53" << "2025-06-02T09:53";
    QTest::newRow("just before day end") << a << std8 << 7.99 << "2025-06-02T16:59" << "2025-06-02T16:59";
    QTest::newRow("day end") << a << std8 << 8.0 << "2025-06-03T09:00" << "2025-06-02T17:00";
    QTest::newRow("two days") << a << std8 << 16.0 << "2025-06-04T09:00" << "2025-06-03T17:00";
    QTest::newRow("friday end, weekend") << a << std8 << 40.0 << "2025-06-10T09:00" << "2025-06-06T17:00";
    QTest::newRow("after the holiday") << a << std8 << 44.0 << "2025-06-10T13:00" << "2025-06-10T13:00";
    QTest::newRow("holiday week end") << a << std8 << 72.0 << "2025-06-16T09:00" << "2025-06-13T17:00";
    QTest::newRow("third week") << a << std8 << 80.0 << "2025-06-17T09:00" << "2025-06-16T17:00";
    QTest::newRow("a year on") << a << QStringLiteral("\"hours_per_day\": 8") << 2080.0
                               << "2026-06-01T09:00" << "2026-05-29T17:00";

    const QString b = QStringLiteral("\"2025-06-06\"");   // a Friday, 7.5 h from 07:30
    const QString odd = QStringLiteral(R"("hours_per_day": 7.5, "day_start": "07:30")");
    QTest::newRow("7.5h zero") << b << odd << 0.0 << "2025-06-06T07:30" << "2025-06-06T07:30";
    QTest::newRow("7.5h half day") << b << odd << 3.75 << "2025-06-06T11:15" << "2025-06-06T11:15";
    QTest::newRow("7.5h day end") << b << odd << 7.5 << "2025-06-09T07:30" << "2025-06-06T15:00";
    QTest::newRow("7.5h over weekend") << b << odd << 15.0 << "2025-06-10T07:30" << "2025-06-09T15:00";
    QTest::newRow("7.5h five days") << b << odd << 37.5 << "2025-06-13T07:30" << "2025-06-12T15:00";
    QTest::newRow("7.5h mid") << b << odd << 8.0 << "2025-06-09T08:00" << "2025-06-09T08:00";

    const QString wed = QStringLiteral(R"("hours_per_day": 8, "working_days": ["wed"])");
    QTest::newRow("1-day week zero") << a << wed << 0.0 << "2025-06-04T09:00" << "2025-06-04T09:00";
    QTest::newRow("1-day week end") << a << wed << 8.0 << "2025-06-11T09:00" << "2025-06-04T17:00";
    QTest::newRow("1-day week mid") << a << wed << 12.0 << "2025-06-11T13:00" << "2025-06-11T13:00";
    QTest::newRow("1-day week two") << a << wed << 16.0 << "2025-06-18T09:00" << "2025-06-11T17:00";

    const QString midday = QStringLiteral("\"2025-06-02T12:30\"");
    QTest::newRow("mid-day start") << midday << std8 << 4.5 << "2025-06-03T09:00" << "2025-06-02T17:00";
    QTest::newRow("mid-day start, next day") << midday << std8 << 5.0 << "2025-06-03T09:30" << "2025-06-03T09:30";

    const QString late = QStringLiteral(R"("hours_per_day": 8, "day_start": "16:00")");
    QTest::newRow("day ends at midnight") << a << late << 8.0 << "2025-06-03T16:00" << "2025-06-03T00:00";
    QTest::newRow("midnight mid-way") << a << late << 12.0 << "2025-06-03T20:00" << "2025-06-03T20:00";

    const QString fraction = QStringLiteral(R"("hours_per_day": 7.2)");
    QTest::newRow("7.2h three days") << a << fraction << 21.6 << "2025-06-05T09:00" << "2025-06-04T16:12";
    QTest::newRow("7.2h tenth") << a << fraction << 0.72 << "2025-06-02T09:43" << "2025-06-02T09:43";

    const QString weekend = QStringLiteral(R"("hours_per_day": 10, "working_days": ["sat", "sun"], "day_start": "08:00")");
    QTest::newRow("weekend workers") << a << weekend << 10.0 << "2025-06-08T08:00" << "2025-06-07T18:00";
    QTest::newRow("weekend workers 3 days") << a << weekend << 25.0 << "2025-06-14T13:00" << "2025-06-14T13:00";

    const QString many = QStringLiteral(R"("hours_per_day": 8, "holidays": ["2025-06-03", "2025-06-04", "2025-06-07", "2025-06-02"])");
    QTest::newRow("start on a holiday") << a << many << 0.0 << "2025-06-05T09:00" << "2025-06-05T09:00";
    QTest::newRow("holidays in a row") << a << many << 16.0 << "2025-06-09T09:00" << "2025-06-06T17:00";
}

void TestWorkCalendar::readings()
{
    QFETCH(QString, start);
    QFETCH(QString, calendar);
    QFETCH(double, hours);
    QFETCH(QString, startReading);
    QFETCH(QString, finishReading);
    const WorkCalendar cal = calendarOf(start, calendar);
    QCOMPARE(formatMoment(cal.startReading(hours)), startReading);
    QCOMPARE(formatMoment(cal.finishReading(hours)), finishReading);
    // Both readings map back to the offset (to the minute they were rounded to).
    QVERIFY(std::fabs(cal.offsetOf(cal.finishReading(hours)) - hours) < 1e-6);
    QVERIFY(std::fabs(cal.offsetOf(cal.startReading(hours)) - hours) < 1e-6);
}

void TestWorkCalendar::offsets_data()
{
    QTest::addColumn<QString>("moment");
    QTest::addColumn<double>("offset");
    QTest::newRow("the start") << "2025-06-02T09:00" << 0.0;
    QTest::newRow("midnight after day one") << "2025-06-03T00:00" << 8.0;
    QTest::newRow("saturday") << "2025-06-07T12:00" << 40.0;
    QTest::newRow("on the holiday") << "2025-06-09T12:00" << 40.0;
    QTest::newRow("after the holiday") << "2025-06-10T10:00" << 41.0;
    QTest::newRow("before day start") << "2025-06-04T06:00" << 16.0;
    QTest::newRow("after day end") << "2025-06-04T20:00" << 24.0;
    QTest::newRow("sunday before") << "2025-06-01T00:00" << 0.0;
    QTest::newRow("friday before, day end") << "2025-05-30T17:00" << 0.0;
    QTest::newRow("friday before, mid-day") << "2025-05-30T13:00" << -4.0;
    QTest::newRow("thursday before") << "2025-05-29T00:00" << -16.0;
    QTest::newRow("a week before") << "2025-05-26T09:00" << -40.0;
}

void TestWorkCalendar::offsets()
{
    QFETCH(QString, moment);
    QFETCH(double, offset);
    const WorkCalendar cal = calendarOf(QStringLiteral("\"2025-06-02\""), QString::fromLatin1(kStandard));
    QCOMPARE(cal.offsetOf(momentOf(moment)), offset);
}

void TestWorkCalendar::startMoment_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("s0");
    QTest::newRow("date") << "2025-06-02" << "2025-06-02T09:00";
    QTest::newRow("before day start") << "2025-06-02T07:00" << "2025-06-02T09:00";
    QTest::newRow("inside") << "2025-06-02T12:30" << "2025-06-02T12:30";
    QTest::newRow("at day end") << "2025-06-02T17:00" << "2025-06-03T09:00";
    QTest::newRow("evening") << "2025-06-02T18:00" << "2025-06-03T09:00";
    QTest::newRow("saturday") << "2025-06-07T10:00" << "2025-06-10T09:00";   // 9th: holiday
    QTest::newRow("holiday") << "2025-06-09" << "2025-06-10T09:00";
}

void TestWorkCalendar::startMoment()
{
    QFETCH(QString, start);
    QFETCH(QString, s0);
    const WorkCalendar cal = calendarOf(QStringLiteral("\"%1\"").arg(start), QString::fromLatin1(kStandard));
    QCOMPARE(formatMoment(cal.startMoment()), s0);
}

void TestWorkCalendar::dateForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("readable");
    QTest::newRow("date") << "2025-06-02" << true;
    QTest::newRow("date-time") << "2025-06-02T09:30" << true;
    QTest::newRow("leap day") << "2024-02-29" << true;
    QTest::newRow("midnight") << "2025-06-02T00:00" << true;
    QTest::newRow("last minute") << "2025-06-02T23:59" << true;
    QTest::newRow("no leap day") << "2025-02-29" << false;
    QTest::newRow("month 13") << "2025-13-01" << false;
    QTest::newRow("short month") << "2025-6-02" << false;
    QTest::newRow("space") << "2025-06-02 09:00" << false;
    QTest::newRow("seconds") << "2025-06-02T09:00:00" << false;
    QTest::newRow("24:00") << "2025-06-02T24:00" << false;
    QTest::newRow("minute 60") << "2025-06-02T09:60" << false;
    QTest::newRow("one-digit hour") << "2025-06-02T9:00" << false;
    QTest::newRow("zone") << "2025-06-02T09:00Z" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("words") << "next monday" << false;
}

void TestWorkCalendar::dateForms()
{
    QFETCH(QString, text);
    QFETCH(bool, readable);
    QCOMPARE(parseDateText(text).has_value(), readable);
}

void TestWorkCalendar::inputErrors_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("calendar");
    QTest::addColumn<QString>("problem");
    const QString ok = QStringLiteral("\"2025-06-02\"");
    QTest::newRow("start not a date") << "\"2025-06-31\"" << "" << "project start \"2025-06-31\" is not a date";
    QTest::newRow("start with seconds") << "\"2025-06-02T09:00:00\"" << "" << "is not a date";
    QTest::newRow("start a number") << "20250602" << "" << "project start \"20250602\"";
    QTest::newRow("unknown day") << ok << R"("working_days": ["mon", "funday"])" << "unknown day \"funday\"";
    QTest::newRow("capitalised day") << ok << R"("working_days": ["Mon"])" << "unknown day \"Mon\"";
    QTest::newRow("repeated day") << ok << R"("working_days": ["mon", "tue", "mon"])" << "\"mon\" is named twice";
    QTest::newRow("no working day") << ok << R"("working_days": [])" << "working_days is empty";
    QTest::newRow("days not a list") << ok << R"("working_days": "mon")" << "working_days must be an array";
    QTest::newRow("day_start form") << ok << R"("day_start": "9:00")" << "day_start \"9:00\" is not a time";
    QTest::newRow("day_start 24") << ok << R"("day_start": "24:00")" << "day_start \"24:00\"";
    QTest::newRow("day past midnight") << ok << R"("day_start": "20:00", "hours_per_day": 8)" << "ends after 24:00";
    QTest::newRow("holiday not a date") << ok << R"("holidays": ["2025-06-09", "June 10"])" << "holiday \"June 10\"";
    QTest::newRow("holiday with time") << ok << R"("holidays": ["2025-06-09T09:00"])" << "holiday \"2025-06-09T09:00\"";
    QTest::newRow("holidays not a list") << ok << R"("holidays": "2025-06-09")" << "holidays must be an array";
}

void TestWorkCalendar::inputErrors()
{
    QFETCH(QString, start);
    QFETCH(QString, calendar);
    QFETCH(QString, problem);
    QString error;
    const auto project = projectWith(start, calendar, &error);
    QVERIFY2(!project, "the file must be refused whole");
    QVERIFY2(error.startsWith(QLatin1String("cal.json: ")), qPrintable(error));
    QVERIFY2(error.contains(problem), qPrintable(error));
}

// §6: "The calendar fields are checked whenever they are present", with or without a
// start; but only a start (or a day_start) holds the day to 24:00.
void TestWorkCalendar::fieldsWithoutStartAreStillChecked()
{
    QString error;
    QVERIFY(!projectWith(QString(), QStringLiteral(R"("working_days": ["xyz"])"), &error));
    QVERIFY(error.contains(QLatin1String("unknown day")));
    QVERIFY(!projectWith(QString(), QStringLiteral(R"("holidays": [1])"), &error));
    QVERIFY2(projectWith(QString(), QStringLiteral(R"("hours_per_day": 20)"), &error), qPrintable(error));
    QVERIFY(!projectWith(QString(), QStringLiteral(R"("hours_per_day": 20, "day_start": "09:00")"), &error));
}

QTEST_GUILESS_MAIN(TestWorkCalendar)
#include "tst_workcalendar.moc"
