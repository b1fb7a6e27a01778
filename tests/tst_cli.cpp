// §5: the real `workplan` binary, as the outside tests run it.
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using Result = WorkplanTest::ProcessResult;

Result runWorkplan(const QStringList &args)
{
    return WorkplanTest::runProgram(args);
}

QString examples() { return QStringLiteral(WORKPLAN_EXAMPLES_DIR); }

bool writeText(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QByteArray kCyclic = R"([
    {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "1 day"}, "dependencies": [{"dependency_task_id": "b"}]},
    {"task_id": "b", "task_type": "t", "attributes": {"estimated_effort": "1 day"}, "dependencies": [{"dependency_task_id": "a"}]}])";

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void analyzeJsonMatchesExpected_data();
    void analyzeJsonMatchesExpected();
    void cyclesExitOne();
    void unreadableFileExitsTwo_data();
    void unreadableFileExitsTwo();
    void missingFileExitsTwo();
    void badArguments_data();
    void badArguments();
    void textOutput();
    void textOutputNamesTitles();
    void timings();
    void convertRoundTrip();
    void riskJsonPerContract();
    void riskCyclesExitOne();
    void riskBadArguments_data();
    void riskBadArguments();
    void unknownNameExitsTwo_data();
    void unknownNameExitsTwo();
    void datesAndTeamSurviveWorkplanFile();
    void convertKeepsOutOnFailure();
    void helpListsEverything_data();
    void helpListsEverything();
    void version();
    void layoutJson();
    void layoutBadFile();
    void layoutTimings();

private:
    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(WORKPLAN_BINARY)), WORKPLAN_BINARY);
    QVERIFY(m_dir.isValid());
}

void TestCli::analyzeJsonMatchesExpected_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const QDir dir(examples());
    for (const QString &e : dir.entryList({QStringLiteral("*.expected.json")}, QDir::Files, QDir::Name)) {
        const QString base = e.left(e.size() - int(qstrlen(".expected.json")));
        QTest::newRow(qPrintable(base)) << dir.filePath(base + QLatin1String(".json")) << dir.filePath(e);
    }
}

void TestCli::analyzeJsonMatchesExpected()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const Result r = runWorkplan({QStringLiteral("analyze"), input, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), qPrintable(error.errorString()));
    const QJsonObject got = doc.object();
    const QJsonObject want = QJsonDocument::fromJson(readAll(expected)).object();
    QCOMPARE(got.keys(), want.keys());
    for (const QString &key : want.keys()) {
        if (key != QLatin1String("critical_path"))
            QVERIFY2(got.value(key) == want.value(key), qPrintable(key));
    }
    // The same file analyses the same with the option first.
    const Result swapped = runWorkplan({QStringLiteral("analyze"), QStringLiteral("--json"), input});
    QCOMPARE(swapped.exitCode, 0);
    QCOMPARE(swapped.out, r.out);
}

void TestCli::cyclesExitOne()
{
    const QString path = m_dir.filePath(QStringLiteral("cyclic.json"));
    QVERIFY(writeText(path, kCyclic));
    const Result r = runWorkplan({QStringLiteral("analyze"), path, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject got = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(got.value(QLatin1String("project")).toString(), QStringLiteral("cyclic"));
    QCOMPARE(got.value(QLatin1String("cycles")),
             QJsonValue(QJsonArray{QJsonArray{QStringLiteral("a"), QStringLiteral("b")}}));
    QVERIFY(got.value(QLatin1String("schedule")).isNull());
    QVERIFY(got.value(QLatin1String("makespan_hours")).isNull());
    QVERIFY(got.value(QLatin1String("critical_path")).isNull());
    // Text output exits 1 too.
    const Result text = runWorkplan({QStringLiteral("analyze"), path});
    QCOMPARE(text.exitCode, 1);
    QVERIFY(!text.out.isEmpty());
}

void TestCli::unreadableFileExitsTwo_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("problem");
    QTest::newRow("not JSON") << QByteArray("{ nope") << QStringLiteral("JSON");
    QTest::newRow("not UTF-8") << QByteArray("[{\"task_id\": \"\xff\", \"task_type\": \"t\"}]") << QStringLiteral("UTF-8");
    QTest::newRow("newer version") << QByteArray(R"({"format": "workplan", "version": 2, "tasks": []})") << QStringLiteral("version");
    QTest::newRow("unknown status") << QByteArray(R"([{"task_id": "solo", "task_type": "t", "status": "finished"}])") << QStringLiteral("solo");
    QTest::newRow("start not a date") << QByteArray(R"({"project": {"start": "2025-02-30"}, "tasks": []})") << QStringLiteral("start \"2025-02-30\"");
    QTest::newRow("repeated working day") << QByteArray(R"({"project": {"calendar": {"working_days": ["mon", "mon"]}}, "tasks": []})") << QStringLiteral("named twice");
    QTest::newRow("day past midnight") << QByteArray(R"({"project": {"start": "2025-06-02", "calendar": {"day_start": "18:00"}}, "tasks": []})") << QStringLiteral("24:00");
    QTest::newRow("undeclared resource") << QByteArray(R"({"project": {"resources": [{"name": "tester"}]}, "tasks": [{"task_id": "qa", "task_type": "t", "resources": {"dev": 1}}]})") << QStringLiteral("task 'qa': resources names \"dev\"");
    QTest::newRow("capacity not whole") << QByteArray(R"({"project": {"resources": [{"name": "tester", "capacity": 1.5}]}, "tasks": []})") << QStringLiteral("capacity 1.5");
    QTest::newRow("repeated resource") << QByteArray(R"({"project": {"resources": [{"name": "a"}, {"name": "a"}]}, "tasks": []})") << QStringLiteral("declared twice");
    QTest::newRow("self dependency") << QByteArray(R"([{"task_id": "me", "task_type": "t", "dependencies": [{"dependency_task_id": "me"}]}])") << QStringLiteral("me");
}

void TestCli::unreadableFileExitsTwo()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, problem);
    const QString path = m_dir.filePath(QStringLiteral("bad file.json"));
    QVERIFY(writeText(path, data));
    for (const QStringList &args : {QStringList{QStringLiteral("analyze"), path, QStringLiteral("--json")},
                                    QStringList{QStringLiteral("analyze"), path}}) {
        const Result r = runWorkplan(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(path), qPrintable(err));
        QVERIFY2(err.contains(problem, Qt::CaseInsensitive), qPrintable(err));
    }
}

void TestCli::missingFileExitsTwo()
{
    const QString path = m_dir.filePath(QStringLiteral("no-such-plan.json"));
    const Result r = runWorkplan({QStringLiteral("analyze"), path, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(path), r.err.constData());
}

void TestCli::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    const QString file = examples() + QLatin1String("/bug-fix-regular.json");
    QTest::newRow("no file") << QStringList{QStringLiteral("analyze")};
    QTest::newRow("only option") << QStringList{QStringLiteral("analyze"), QStringLiteral("--json")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("analyze"), file, QStringLiteral("--yaml")};
    QTest::newRow("two files") << QStringList{QStringLiteral("analyze"), file, file};
    QTest::newRow("convert one file") << QStringList{QStringLiteral("convert"), file};
}

void TestCli::badArguments()
{
    QFETCH(QStringList, args);
    const Result r = runWorkplan(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY(!r.err.isEmpty());
}

void TestCli::textOutput()
{
    const QString path = m_dir.filePath(QStringLiteral("plain.json"));
    QVERIFY(writeText(path, R"([
        {"task_id": "design", "task_type": "t", "status": "active", "attributes": {"estimated_effort": "1 day"}},
        {"task_id": "build_it", "task_type": "t", "status": "pending", "attributes": {"estimated_effort": "2 days"},
         "dependencies": [{"dependency_task_id": "design"}]}])"));
    const Result r = runWorkplan({QStringLiteral("analyze"), path});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains(QLatin1String("akespan"), Qt::CaseInsensitive), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("24")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("locked"), Qt::CaseInsensitive), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("build_it")), qPrintable(text));
    // Not the JSON form.
    QVERIFY(QJsonDocument::fromJson(r.out).isNull());
}

// Issue #15: the text report names tasks by title (a person reads it); --json keeps the
// ids (analyzeJsonMatchesExpected compares it byte for byte).
void TestCli::textOutputNamesTitles()
{
    const QString input = examples() + QLatin1String("/feature-development.json");
    const Result r = runWorkplan({QStringLiteral("analyze"), input});
    QCOMPARE(r.exitCode, 0);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains(QLatin1String("\nCritical path: Design Messaging Architecture -> Implement WebSocket Server "
                                         "-> Test Messaging System\n")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("\n  Test Messaging System\n    waits on Implement WebSocket Server [completion]: "
                                         "not completed\n")), qPrintable(text));
    for (const char *id : {"arch_messaging_system", "impl_websocket_server", "test_messaging_system", "feature_chat_ui"})
        QVERIFY2(!text.contains(QLatin1String(id)), id);
    const Result json = runWorkplan({QStringLiteral("analyze"), input, QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(QLatin1String("critical_path")).toArray().first().toString(),
             QStringLiteral("arch_messaging_system"));

    // A loop, too (exit 1), by title.
    const QString loop = m_dir.filePath(QStringLiteral("titled-loop.json"));
    QVERIFY(writeText(loop, R"([
        {"task_id": "a", "task_type": "t", "attributes": {"title": "Design API"}, "dependencies": [{"dependency_task_id": "b"}]},
        {"task_id": "b", "task_type": "t", "attributes": {"title": "Write tests"}, "dependencies": [{"dependency_task_id": "a"}]}])"));
    const Result cyclic = runWorkplan({QStringLiteral("analyze"), loop});
    QCOMPARE(cyclic.exitCode, 1);
    QVERIFY2(QString::fromUtf8(cyclic.out).contains(QLatin1String("  loop: Design API, Write tests\n")), cyclic.out.constData());
}

void TestCli::timings()
{
    const QString input = examples() + QLatin1String("/feature-development.json");
    const Result plain = runWorkplan({QStringLiteral("analyze"), input, QStringLiteral("--json")});
    const Result r = runWorkplan({QStringLiteral("analyze"), input, QStringLiteral("--json"), QStringLiteral("--timings")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, plain.out);
    const QList<QByteArray> lines = r.err.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QJsonParseError error;
    const QJsonObject t = QJsonDocument::fromJson(lines.first(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, r.err.constData());
    QVERIFY(t.value(QLatin1String("load_ms")).isDouble());
    QVERIFY(t.value(QLatin1String("analysis_ms")).isDouble());
    QVERIFY(t.value(QLatin1String("load_ms")).toDouble() >= 0);
    QVERIFY(t.value(QLatin1String("analysis_ms")).toDouble() >= 0);
}

// §6–§7 fields (start, working days, holidays, resources, task demands) survive
// JSON -> .workplan -> JSON, and the project analyses the same from either file.
void TestCli::datesAndTeamSurviveWorkplanFile()
{
    const QString source = QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json");
    const QString project = m_dir.filePath(QStringLiteral("team.workplan"));
    const QString back = m_dir.filePath(QStringLiteral("team-back.json"));
    QCOMPARE(runWorkplan({QStringLiteral("convert"), source, project}).exitCode, 0);
    QCOMPARE(runWorkplan({QStringLiteral("convert"), project, back}).exitCode, 0);
    const QJsonObject in = QJsonDocument::fromJson(readAll(source)).object();
    const QJsonObject out = QJsonDocument::fromJson(readAll(back)).object();
    QCOMPARE(out.value(QLatin1String("project")), in.value(QLatin1String("project")));
    QCOMPARE(out.value(QLatin1String("tasks")), in.value(QLatin1String("tasks")));
    const Result a = runWorkplan({QStringLiteral("analyze"), source, QStringLiteral("--json")});
    const Result b = runWorkplan({QStringLiteral("analyze"), project, QStringLiteral("--json")});
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(b.out, a.out);
    QVERIFY(a.out.contains("\"deadlines\""));
}

// §8 through the real binary: the keys, the same seed giving the same bytes, another seed
// other draws, the out-of-order warning, dates and deadlines with a start.
void TestCli::riskJsonPerContract()
{
    const QString file = m_dir.filePath(QStringLiteral("risk.json"));
    QVERIFY(writeText(file, R"({"project": {"name": "r", "start": "2025-06-02"}, "tasks": [
        {"task_id": "a", "task_type": "t", "attributes": {"estimated_effort": "2-4 h", "deadline": "2025-06-02T12:30"}},
        {"task_id": "c", "task_type": "t", "attributes": {"title": "Ship it", "estimated_effort": "3 h", "optimistic_effort": "4h", "pessimistic_effort": "8h"},
         "dependencies": [{"dependency_task_id": "a"}]}]})"));
    const Result r = runWorkplan({QStringLiteral("risk"), file, QStringLiteral("--json"), QStringLiteral("--runs"), QStringLiteral("4000")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.keys(), QStringLiteral("criticality deadlines deterministic_makespan_hours finish_dates makespan "
                                      "on_time_probability project runs seed sensitivity warnings").split(QLatin1Char(' ')));
    QCOMPARE(o.value(QLatin1String("runs")).toInt(), 4000);
    QCOMPARE(o.value(QLatin1String("seed")).toInt(), 1);
    QCOMPARE(o.value(QLatin1String("deterministic_makespan_hours")).toDouble(), 6.0);
    // a ~ U[2, 4], c fixed at 3: the makespan is uniform on [5, 7].
    const QJsonObject m = o.value(QLatin1String("makespan")).toObject();
    QVERIFY(std::fabs(m.value(QLatin1String("mean")).toDouble() - 6.0) < 0.05);
    QVERIFY(std::fabs(m.value(QLatin1String("p50")).toDouble() - 6.0) < 0.06);
    QCOMPARE(o.value(QLatin1String("criticality")).toObject().value(QLatin1String("c")).toDouble(), 1.0);
    QCOMPARE(o.value(QLatin1String("sensitivity")).toObject().value(QLatin1String("c")).toDouble(), 0.0);
    QCOMPARE(o.value(QLatin1String("sensitivity")).toObject().value(QLatin1String("a")).toDouble(), 1.0);
    const QJsonArray warnings = o.value(QLatin1String("warnings")).toArray();
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.at(0).toObject().value(QLatin1String("message")).toString(), QStringLiteral("three-point estimate out of order"));
    // The deadline at 12:30 is 3.5 working hours in: a finishes by then in 3/4 of the runs.
    const double met = o.value(QLatin1String("deadlines")).toArray().at(0).toObject().value(QLatin1String("probability")).toDouble();
    QVERIFY2(std::fabs(met - 0.75) < 0.03, qPrintable(QString::number(met)));
    QCOMPARE(o.value(QLatin1String("finish_dates")).toObject().value(QLatin1String("p50")).toString().left(14),
             QStringLiteral("2025-06-02T15:"));
    // Determinism: the same seed gives the same bytes; another seed, other draws.
    const Result again = runWorkplan({QStringLiteral("risk"), file, QStringLiteral("--runs"), QStringLiteral("4000"), QStringLiteral("--json")});
    QCOMPARE(again.out, r.out);
    const Result other = runWorkplan({QStringLiteral("risk"), file, QStringLiteral("--json"), QStringLiteral("--runs"), QStringLiteral("4000"),
                                      QStringLiteral("--seed"), QStringLiteral("2")});
    QCOMPARE(other.exitCode, 0);
    QVERIFY(other.out != r.out);
    // The text form has the table.
    const Result text = runWorkplan({QStringLiteral("risk"), file, QStringLiteral("--runs"), QStringLiteral("500")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("P80"));
    QVERIFY(text.out.contains("Histogram"));
    // Tasks by title where a person reads (the critical list, the warning); ids stay in --json.
    QVERIFY2(text.out.contains("  Ship it\n"), text.out.constData());
    QVERIFY2(text.out.contains("Warning: Ship it: "), text.out.constData());
    QVERIFY(!text.out.contains("  c\n"));
}

void TestCli::riskCyclesExitOne()
{
    const QString file = m_dir.filePath(QStringLiteral("risk-cycle.json"));
    QVERIFY(writeText(file, kCyclic));
    const Result r = runWorkplan({QStringLiteral("risk"), file, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.keys(), (QStringList{QStringLiteral("cycles"), QStringLiteral("project")}));
    QCOMPARE(o.value(QLatin1String("cycles")).toArray().size(), 1);
}

void TestCli::riskBadArguments_data()
{
    QTest::addColumn<QStringList>("args");
    const QString file = examples() + QLatin1String("/feature-development.json");
    QTest::newRow("no file") << QStringList{QStringLiteral("risk")};
    QTest::newRow("zero runs") << QStringList{QStringLiteral("risk"), file, QStringLiteral("--runs"), QStringLiteral("0")};
    QTest::newRow("runs not a number") << QStringList{QStringLiteral("risk"), file, QStringLiteral("--runs"), QStringLiteral("many")};
    QTest::newRow("runs without value") << QStringList{QStringLiteral("risk"), file, QStringLiteral("--runs")};
    QTest::newRow("negative seed") << QStringList{QStringLiteral("risk"), file, QStringLiteral("--seed"), QStringLiteral("-1")};
    QTest::newRow("missing file") << QStringList{QStringLiteral("risk"), QStringLiteral("/nonexistent/plan.json")};
}

void TestCli::riskBadArguments()
{
    QFETCH(QStringList, args);
    const Result r = runWorkplan(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
    QVERIFY(r.out.isEmpty());
}

void TestCli::unknownNameExitsTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("said");
    QTest::newRow("typo of a command") << QStringList{QStringLiteral("analyse"), QStringLiteral("plan.json")} << QStringLiteral("'analyse'");
    QTest::newRow("missing file") << QStringList{QStringLiteral("/nonexistent/plan.json")} << QStringLiteral("nor an existing file");
}

// Neither a command nor a file: said on standard error, exit 2, no window (and no abort
// for the want of a display).
void TestCli::unknownNameExitsTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, said);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(WORKPLAN_BINARY), args);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(QString::fromUtf8(p.readAllStandardError()).contains(said), qPrintable(said));
}

void TestCli::convertRoundTrip()
{
    const QDir dir(examples());
    for (const QString &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (f.endsWith(QLatin1String(".expected.json")))
            continue;
        const QString once = m_dir.filePath(QStringLiteral("once-") + f);
        const QString twice = m_dir.filePath(QStringLiteral("twice-") + f);
        QCOMPARE(runWorkplan({QStringLiteral("convert"), dir.filePath(f), once}).exitCode, 0);
        QCOMPARE(runWorkplan({QStringLiteral("convert"), once, twice}).exitCode, 0);
        QCOMPARE(readAll(twice), readAll(once));
        const QJsonObject in = QJsonDocument::fromJson(readAll(dir.filePath(f))).object();
        const QJsonObject out = QJsonDocument::fromJson(readAll(once)).object();
        QVERIFY2(out.value(QLatin1String("tasks")) == in.value(QLatin1String("tasks")), qPrintable(f));
        QVERIFY2(out.value(QLatin1String("project")) == in.value(QLatin1String("project")), qPrintable(f));
        // The converted file analyses exactly like the source.
        const Result a = runWorkplan({QStringLiteral("analyze"), dir.filePath(f), QStringLiteral("--json")});
        const Result b = runWorkplan({QStringLiteral("analyze"), once, QStringLiteral("--json")});
        QCOMPARE(b.exitCode, a.exitCode);
        QCOMPARE(b.out, a.out);
    }
}

void TestCli::convertKeepsOutOnFailure()
{
    const QString bad = m_dir.filePath(QStringLiteral("broken.json"));
    const QString out = m_dir.filePath(QStringLiteral("kept.json"));
    QVERIFY(writeText(bad, "[{\"task_id\": 1}]"));
    QVERIFY(writeText(out, "old contents"));
    const Result r = runWorkplan({QStringLiteral("convert"), bad, out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(QString::fromUtf8(r.err).contains(bad));
    QCOMPARE(readAll(out), QByteArray("old contents"));
    const QString absent = m_dir.filePath(QStringLiteral("never.json"));
    QCOMPARE(runWorkplan({QStringLiteral("convert"), bad, absent}).exitCode, 2);
    QVERIFY(!QFileInfo::exists(absent));
}

// --help and --version are answered before any QApplication exists, so they work where no
// display does: an X11 platform with no DISPLAY would abort if one were created.
QProcessEnvironment noDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    return env;
}

Result runWithoutDisplay(const QStringList &args)
{
    return WorkplanTest::runProgram(args, noDisplay());
}

void TestCli::helpListsEverything_data()
{
    QTest::addColumn<QString>("option");
    QTest::newRow("--help") << QStringLiteral("--help");
    QTest::newRow("-h") << QStringLiteral("-h");
}

void TestCli::helpListsEverything()
{
    QFETCH(QString, option);
    const Result r = runWithoutDisplay({option});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    // The GUI use, every subcommand and each subcommand's options.
    for (const char *word : {"[FILE]", "--help", "--version", "analyze FILE", "--json", "--timings",
                             "convert IN OUT", "print FILE", "--pdf", "--tiles", "--paper", "--landscape",
                             "export FILE", "--svg", "--png", "--scale", "--screenshot",
                             "risk FILE", "--runs", "--seed", "--level-effort", "--timeline",
                             "layout FILE"}) {
        QVERIFY2(out.contains(QLatin1String(word)), word);
    }
    // The exit-status contract of analyze is documented with it.
    QVERIFY(out.contains(QLatin1String("0 analysed, 1 cycles found, 2")));
}

void TestCli::version()
{
    for (const QString &option : {QStringLiteral("--version"), QStringLiteral("-v")}) {
        const Result r = runWithoutDisplay({option});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out).trimmed(), QStringLiteral("workplan " WORKPLAN_VERSION));
    }
    // The subcommands keep their own argument handling and exit codes.
    const Result analyze = runWithoutDisplay({QStringLiteral("analyze")});
    QCOMPARE(analyze.exitCode, 2);
}

// Issue #16: the canvas's picture as numbers, for the layout-quality benchmark.
void TestCli::layoutJson()
{
    const QString file = examples() + QLatin1String("/feature-development.json");
    const Result r = runWorkplan({QStringLiteral("layout"), file, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), qPrintable(error.errorString()));
    const QJsonObject root = doc.object();
    for (const char *key : {"cards", "frames", "edges"})
        QVERIFY2(root.value(QLatin1String(key)).isArray(), key);

    // The example's leaves and summaries, from the file itself.
    const QJsonArray tasks = QJsonDocument::fromJson(readAll(file)).object().value(QLatin1String("tasks")).toArray();
    QSet<QString> parents, leaves, summaries;
    for (const QJsonValue &t : tasks)
        parents.insert(t.toObject().value(QLatin1String("parent_task_id")).toString());
    for (const QJsonValue &t : tasks) {
        const QString id = t.toObject().value(QLatin1String("task_id")).toString();
        (parents.contains(id) ? summaries : leaves).insert(id);
    }
    QVERIFY(!summaries.isEmpty());

    auto rectOf = [](const QJsonObject &o) {
        return QRectF(o.value(QLatin1String("x")).toDouble(), o.value(QLatin1String("y")).toDouble(),
                      o.value(QLatin1String("w")).toDouble(), o.value(QLatin1String("h")).toDouble());
    };
    QHash<QString, QRectF> cards;
    for (const QJsonValue &c : root.value(QLatin1String("cards")).toArray()) {
        const QJsonObject o = c.toObject();
        QVERIFY(!cards.contains(o.value(QLatin1String("task_id")).toString()));
        cards.insert(o.value(QLatin1String("task_id")).toString(), rectOf(o));
    }
    QCOMPARE(QSet<QString>(cards.keyBegin(), cards.keyEnd()), leaves);
    QHash<QString, QRectF> frames;
    for (const QJsonValue &f : root.value(QLatin1String("frames")).toArray())
        frames.insert(f.toObject().value(QLatin1String("task_id")).toString(), rectOf(f.toObject()));
    QCOMPARE(QSet<QString>(frames.keyBegin(), frames.keyEnd()), summaries);

    // No two cards overlap (touching edges is fine).
    const QList<QRectF> rects = cards.values();
    for (int i = 0; i < rects.size(); ++i) {
        for (int j = i + 1; j < rects.size(); ++j)
            QVERIFY(!rects.at(i).adjusted(0.5, 0.5, -0.5, -0.5).intersects(rects.at(j)));
    }

    // Every arrow leaves the prerequisite's right edge and reaches the dependent's left.
    const QJsonArray edges = root.value(QLatin1String("edges")).toArray();
    QVERIFY(!edges.isEmpty());
    for (const QJsonValue &e : edges) {
        const QJsonObject o = e.toObject();
        const QString from = o.value(QLatin1String("from")).toString();
        const QString to = o.value(QLatin1String("to")).toString();
        const QRectF a = cards.contains(from) ? cards.value(from) : frames.value(from);
        const QRectF b = cards.contains(to) ? cards.value(to) : frames.value(to);
        QVERIFY2(a.isValid() && b.isValid(), qPrintable(from + QLatin1String(" -> ") + to));
        const QJsonArray points = o.value(QLatin1String("points")).toArray();
        QVERIFY(points.size() >= 2);
        const QJsonArray first = points.first().toArray();
        const QJsonArray last = points.last().toArray();
        QCOMPARE(first.at(0).toDouble(), a.right());
        QVERIFY(first.at(1).toDouble() > a.top() && first.at(1).toDouble() < a.bottom());
        QCOMPARE(last.at(0).toDouble(), b.left());
        QVERIFY(last.at(1).toDouble() > b.top() && last.at(1).toDouble() < b.bottom());
    }
}

void TestCli::layoutBadFile()
{
    const QString missing = m_dir.filePath(QStringLiteral("no-such-plan.json"));
    Result r = runWorkplan({QStringLiteral("layout"), missing, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(QLatin1String("no-such-plan.json")), r.err.constData());

    const QString broken = m_dir.filePath(QStringLiteral("broken-layout.json"));
    QVERIFY(writeText(broken, "[{\"task_id\": "));
    r = runWorkplan({QStringLiteral("layout"), broken, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(QLatin1String("broken-layout.json")), r.err.constData());
}

// `--timings` (the layout-quality benchmark's clock) adds the layout time on standard
// error and leaves standard output as it was.
void TestCli::layoutTimings()
{
    const QString file = examples() + QLatin1String("/feature-development.json");
    const Result plain = runWorkplan({QStringLiteral("layout"), file, QStringLiteral("--json")});
    const Result timed = runWorkplan({QStringLiteral("layout"), file, QStringLiteral("--json"), QStringLiteral("--timings")});
    QCOMPARE(timed.exitCode, 0);
    QCOMPARE(timed.out, plain.out);
    QJsonParseError error;
    const QJsonObject t = QJsonDocument::fromJson(timed.err.trimmed(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, timed.err.constData());
    QVERIFY(t.value(QLatin1String("layout_ms")).isDouble());
    QVERIFY(t.value(QLatin1String("layout_ms")).toDouble() >= 0);
    QVERIFY(plain.err.isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
