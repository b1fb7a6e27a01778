// Every seed workflow of the contract analyses to exactly its *.expected.json.
#include "model/engine/analysis.h"
#include "model/engine/analysisreport.h"
#include "model/engine/snapshot.h"
#include "model/storage/json/jsonformat.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "leveledcheck.h"
#include "model/engine/leveledschedule.h"
#include "testsupport.h"

using namespace Workplan;

class TestExamples : public QObject
{
    Q_OBJECT
private slots:
    void matchesExpected_data();
    void matchesExpected();
    void copiesEqualContract_data();
    void copiesEqualContract();
};

void TestExamples::matchesExpected_data()
{
    WorkplanTest::addExampleRows(true);
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
    const Analysis analysis = analyze(snapshot);
    QJsonObject got = QJsonDocument::fromJson(analysisToJson(snapshot, analysis)).object();
    const QJsonObject want = readObject(expected);
    // §7: an expected file leaves `leveled` out; it is judged by the rules and its makespan.
    if (!snapshot.resources.empty()) {
        QVERIFY(analysis.leveled);
        const LeveledSchedule &l = *analysis.leveled;
        const QString broken = WorkplanTest::checkLeveled(snapshot, l.start, l.finish);
        QVERIFY2(broken.isEmpty(), qPrintable(broken));
        QVERIFY(l.makespanHours >= analysis.makespanHours - 1e-9);
        if (input.endsWith(QLatin1String("release-pipeline-team.json")))
            QCOMPARE(l.makespanHours, 45.5);   // optimal, says the contract
    }
    if (!want.contains(QLatin1String("leveled")))
        got.remove(QLatin1String("leveled"));
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

void TestExamples::copiesEqualContract_data()
{
    QTest::addColumn<QString>("copy");
    QTest::addColumn<QString>("contract");
    QTest::newRow("examples") << QStringLiteral(WORKPLAN_EXAMPLES_DIR)
                              << QStringLiteral(WORKPLAN_SHARED_DIR "/examples");
    QTest::newRow("examples-v2") << QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR)
                                 << QStringLiteral(WORKPLAN_SHARED_DIR "/examples-v2");
    QTest::newRow("contract") << QStringLiteral(WORKPLAN_SOURCE_DIR "/docs/contract")
                              << QStringLiteral(WORKPLAN_SHARED_DIR "/spec");
}

// The suite reads its own copies (a clone has nothing beside it); when the contract's folder
// is present beside the project, the copies must equal it file for file and byte for byte.
void TestExamples::copiesEqualContract()
{
    QFETCH(QString, copy);
    QFETCH(QString, contract);
    if (WorkplanTest::sharedIgnored())
        QSKIP("WORKPLAN_IGNORE_SHARED is set: the suite runs as in a clone with nothing beside it");
    if (!QDir(contract).exists())
        QSKIP(qPrintable(QStringLiteral("%1 is not there (a clone of its own): nothing to compare").arg(contract)));
    const QStringList want = QDir(contract).entryList(QDir::Files, QDir::Name);
    const QStringList have = QDir(copy).entryList(QDir::Files, QDir::Name);
    QVERIFY2(!want.isEmpty(), qPrintable(contract));
    QCOMPARE(have, want);
    for (const QString &name : want) {
        QFile a(QDir(copy).filePath(name)), b(QDir(contract).filePath(name));
        QVERIFY2(a.open(QIODevice::ReadOnly), qPrintable(a.fileName()));
        QVERIFY2(b.open(QIODevice::ReadOnly), qPrintable(b.fileName()));
        QVERIFY2(a.readAll() == b.readAll(),
                 qPrintable(QStringLiteral("%1 differs from %2: copy the contract's file again")
                                .arg(a.fileName(), b.fileName())));
    }
}

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
