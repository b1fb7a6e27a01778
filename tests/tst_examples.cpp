// Every seed workflow of the contract analyses to exactly its *.expected.json.
#include "model/engine/analysis.h"
#include "model/engine/analysisreport.h"
#include "model/engine/snapshot.h"
#include "model/storage/jsonformat.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "testsupport.h"

using namespace Workplan;

class TestExamples : public QObject
{
    Q_OBJECT
private slots:
    void matchesExpected_data();
    void matchesExpected();
};

void TestExamples::matchesExpected_data()
{
    WorkplanTest::addExampleRows();
}

static QJsonObject readObject(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Checks the chain rule of §4 instead of one fixed answer: any valid critical path passes.
static bool isValidCriticalPath(const QJsonObject &result, QString *why)
{
    const QJsonArray path = result.value(QLatin1String("critical_path")).toArray();
    const QJsonObject schedule = result.value(QLatin1String("schedule")).toObject();
    const double makespan = result.value(QLatin1String("makespan_hours")).toDouble();
    if (path.isEmpty()) {
        *why = QStringLiteral("empty path");
        return false;
    }
    const QJsonObject first = schedule.value(path.first().toString()).toObject();
    const QJsonObject last = schedule.value(path.last().toString()).toObject();
    if (first.value(QLatin1String("es")).toDouble() != 0 || last.value(QLatin1String("ef")).toDouble() != makespan) {
        *why = QStringLiteral("path does not span the makespan");
        return false;
    }
    for (const QJsonValue &id : path) {
        if (std::abs(schedule.value(id.toString()).toObject().value(QLatin1String("slack")).toDouble()) > 1e-6) {
            *why = QStringLiteral("%1 is not critical").arg(id.toString());
            return false;
        }
    }
    return true;
}

void TestExamples::matchesExpected()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QString error;
    const auto project = JsonFormat::readFile(input, &error);
    QVERIFY2(project, qPrintable(error));
    const Snapshot snapshot = Snapshot::fromProject(*project);
    const QJsonObject got = QJsonDocument::fromJson(analysisToJson(snapshot, analyze(snapshot))).object();
    const QJsonObject want = readObject(expected);
    QVERIFY(!want.isEmpty());
    QCOMPARE(got.keys(), want.keys());
    for (const QString &key : want.keys()) {
        if (key == QLatin1String("critical_path"))
            continue;
        QVERIFY2(got.value(key) == want.value(key),
                 qPrintable(QStringLiteral("%1 differs:\n got  %2\n want %3")
                                .arg(key,
                                     QString::fromUtf8(QJsonDocument(QJsonObject{{key, got.value(key)}}).toJson(QJsonDocument::Compact)),
                                     QString::fromUtf8(QJsonDocument(QJsonObject{{key, want.value(key)}}).toJson(QJsonDocument::Compact)))));
    }
    QString why;
    QVERIFY2(isValidCriticalPath(got, &why), qPrintable(why));
}

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
