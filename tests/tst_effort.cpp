// §2: every form of effort text, the calendar, and what cannot be read.
#include "model/calendar.h"
#include "model/effort.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QtTest>

using namespace Workplan;

Q_DECLARE_METATYPE(std::optional<double>)

class TestEffort : public QObject
{
    Q_OBJECT
private slots:
    void text_data();
    void text();
    void unreadableText_data();
    void unreadableText();
    void jsonValues_data();
    void jsonValues();
    void customCalendar_data();
    void customCalendar();
    void estimateAttribute();
};

void TestEffort::text_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("hours");
    struct Row { const char *text; double hours; };
    const Row rows[] = {
        // minutes
        {"30 minutes", 0.5}, {"1 minute", 1.0 / 60}, {"90 min", 1.5}, {"30 mins", 0.5}, {"30m", 0.5},
        {"45-60 minutes", 0.875},
        // hours
        {"1 hour", 1}, {"4 hours", 4}, {"2 hr", 2}, {"3 hrs", 3}, {"2h", 2}, {"2 h", 2},
        // days (8 h)
        {"1 day", 8}, {"2 days", 16}, {"3d", 24}, {"2-3 days", 20},
        // weeks (5 days)
        {"1 week", 40}, {"2 weeks", 80}, {"1 wk", 40}, {"2 wks", 80}, {"1w", 40}, {"2.5 weeks", 100},
        // months (4 weeks)
        {"1 month", 160}, {"2 months", 320}, {"1mo", 160}, {"0.5 mo", 80},
        // case, spaces, decimals
        {"2 HOURS", 2}, {"1 Week", 40}, {"3 Days", 24}, {"2H", 2}, {"1MO", 160}, {"30 Min", 0.5},
        {"1.5 days", 12}, {"0 h", 0}, {"  2 hours  ", 2},
        {"1.25 hours", 1.25}, {"2 - 4 hours", 3}, {"2-4h", 3}, {"1.5-2.5 days", 16},
    };
    for (const Row &r : rows)
        QTest::newRow(r.text) << QString::fromUtf8(r.text) << r.hours;
}

void TestEffort::text()
{
    QFETCH(QString, text);
    QFETCH(double, hours);
    const auto got = parseEffortText(text, Calendar{});
    QVERIFY2(got.has_value(), qPrintable(text));
    QCOMPARE(*got, hours);
    // The same text as a JSON value reads the same.
    QCOMPARE(parseEffort(QJsonValue(text), Calendar{}), std::optional<double>(hours));
}

void TestEffort::unreadableText_data()
{
    QTest::addColumn<QString>("text");
    const char *rows[] = {
        "", "   ", "hours", "soon", "2", "2.5", "-2 hours", "-1h", "- 2 hours", "2 fortnights",
        "2 years", "3 seconds", "2 s", "2 hours extra", "two hours", "2..5 h", "1e2 hours",
        "+2 h", "2-3", "2- days", "-3 days", "2 days 3 hours", "2,5 days", "h2", "2-3-4 days",
        "2 hourss", "2 mon", "2 ms",
    };
    for (const char *r : rows)
        QTest::newRow(*r ? r : "(empty)") << QString::fromUtf8(r);
}

void TestEffort::unreadableText()
{
    QFETCH(QString, text);
    QCOMPARE(parseEffortText(text, Calendar{}), std::optional<double>());
    QCOMPARE(parseEffort(QJsonValue(text), Calendar{}), std::optional<double>());
}

void TestEffort::jsonValues_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<std::optional<double>>("hours");
    // A JSON number means hours.
    QTest::newRow("integer") << QJsonValue(8) << std::optional<double>(8);
    QTest::newRow("fraction") << QJsonValue(2.5) << std::optional<double>(2.5);
    QTest::newRow("zero") << QJsonValue(0) << std::optional<double>(0);
    QTest::newRow("negative number") << QJsonValue(-1) << std::optional<double>();
    QTest::newRow("true") << QJsonValue(true) << std::optional<double>();
    QTest::newRow("false") << QJsonValue(false) << std::optional<double>();
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << std::optional<double>();
    QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << std::optional<double>();
    QTest::newRow("empty text") << QJsonValue(QString()) << std::optional<double>();
    QTest::newRow("array") << QJsonValue(QJsonArray{1}) << std::optional<double>();
    QTest::newRow("object") << QJsonValue(QJsonObject{{QStringLiteral("hours"), 2}}) << std::optional<double>();
}

void TestEffort::jsonValues()
{
    QFETCH(QJsonValue, value);
    QFETCH(std::optional<double>, hours);
    QCOMPARE(parseEffort(value, Calendar{}), hours);
}

void TestEffort::customCalendar_data()
{
    QTest::addColumn<double>("hoursPerDay");
    QTest::addColumn<double>("daysPerWeek");
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("hours");
    QTest::newRow("6h day") << 6.0 << 5.0 << QStringLiteral("2 days") << 12.0;
    QTest::newRow("6h day week") << 6.0 << 5.0 << QStringLiteral("1 week") << 30.0;
    QTest::newRow("4 day week") << 8.0 << 4.0 << QStringLiteral("1 week") << 32.0;
    QTest::newRow("month is 4 weeks") << 7.5 << 4.0 << QStringLiteral("1 month") << 120.0;
    QTest::newRow("hours ignore calendar") << 6.0 << 4.0 << QStringLiteral("3 hours") << 3.0;
    QTest::newRow("minutes ignore calendar") << 6.0 << 4.0 << QStringLiteral("30 min") << 0.5;
    QTest::newRow("range of days") << 6.0 << 5.0 << QStringLiteral("2-3 d") << 15.0;
}

void TestEffort::customCalendar()
{
    QFETCH(double, hoursPerDay);
    QFETCH(double, daysPerWeek);
    QFETCH(QString, text);
    QFETCH(double, hours);
    Calendar c;
    c.hoursPerDay = hoursPerDay;
    c.daysPerWeek = daysPerWeek;
    QCOMPARE(parseEffortText(text, c), std::optional<double>(hours));
    // A JSON number is hours whatever the calendar.
    QCOMPARE(parseEffort(QJsonValue(3), c), std::optional<double>(3));
}

void TestEffort::estimateAttribute()
{
    const QString effort = QStringLiteral("estimated_effort");
    const QString duration = QStringLiteral("estimated_duration");
    // estimated_effort first, else estimated_duration.
    QCOMPARE(estimateValue(QJsonObject{{effort, QStringLiteral("1 day")}, {duration, QStringLiteral("2 days")}}),
             QJsonValue(QStringLiteral("1 day")));
    QCOMPARE(estimateValue(QJsonObject{{duration, QStringLiteral("2 days")}}), QJsonValue(QStringLiteral("2 days")));
    QCOMPARE(estimateValue(QJsonObject{{duration, 3}}), QJsonValue(3));
    QVERIFY(estimateValue(QJsonObject{}).isUndefined());
    QVERIFY(estimateValue(QJsonObject{{QStringLiteral("title"), QStringLiteral("x")}}).isUndefined());
    // An unreadable effort is still the estimate (it gets a warning); it does not fall through.
    QCOMPARE(estimateValue(QJsonObject{{effort, true}, {duration, QStringLiteral("2 days")}}), QJsonValue(true));
}

QTEST_GUILESS_MAIN(TestEffort)
#include "tst_effort.moc"
