// Issue #22, first slice: team projects on PostgreSQL, against a private cluster
// (pgcluster.h) that lives only for this run.

#include "model/storage/json/jsonformat.h"
#include "model/storage/postgres/postgresrows.h"
#include "model/storage/postgres/postgresconnection.h"
#include "model/storage/postgres/postgresstore.h"
#include "model/storage/projectfile.h"
#include "model/storage/sqlite/sqliteformat.h"
#include "pgcluster.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Workplan;
using WorkplanTest::PgCluster;

namespace {

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The real binary, never waited on for more than 30 s.
Result runWorkplan(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(WORKPLAN_BINARY), args);
    Result r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Project loadJson(const QString &path)
{
    QString error;
    auto p = JsonFormat::readFile(path, &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    return *p;
}

// Defined below the test class: moc cannot read past this raw string.
extern const char kUnusual[];

} // namespace

class TestPostgres : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void examplesRoundTrip_data();
    void examplesRoundTrip();
    void unusualValuesRoundTrip();
    void awkwardTextInEveryFieldAcrossBatches();
    void schemaAndChangeLog();
    void twoProjectsStayApart();
    void republishReplaces();
    void invalidProjectIsNotPublished();
    void commandLine();
    void errors_data();
    void errors();
    void newerSchemaRefusedAndUntouched();
    void migrateVersion1();
    void migrateVersion2();
    void deletesCascadeWithoutForeignKeys();
    void forbiddenRowRefusesWholeLoad_data();
    void forbiddenRowRefusesWholeLoad();

private:
    QString url(const QString &project, const QString &database = QStringLiteral("wp")) const
    {
        return m_cluster.url(database, project);
    }
    // What the same project gives through a .workplan file, written as JSON.
    QByteArray viaWorkplanFile(const Project &p);
    qint64 count(const QString &database, const QString &sql, const QVariantList &values = {})
    {
        return m_cluster.scalar(database, sql, values).toLongLong();
    }

    PgCluster m_cluster;
    QTemporaryDir m_dir;
    QElapsedTimer m_clock;
};

// Values that jsonb would reorder or respell, odd strings, extras at every level, optional
// fields present and absent: what a byte-identical round trip has to survive.
namespace {
const char kUnusual[] = R"({"project": {"name": "Unusual \"quoted\" \\ name", "zeta": [3, 1.5, -0.25],
  "alpha": {"b": 2, "a": 1e-7}}, "calendar": {"hours_per_day": 7.5, "days_per_week": 4, "x_custom": true},
  "z_file": 12345678901234567, "tasks": [
  {"task_id": "a", "task_type": "t", "parent_task_id": null, "status": "active",
   "attributes": {"zz": 1, "aa": "two", "big": 9007199254740993, "frac": 0.1, "neg": -3.5,
     "sci": 6.02e23, "nul": null, "yes": true, "arr": [1, "x", {"k": [null]}],
     "text": "line\nbreak \"q\" \\ tab\t é 日本 😀", "empty": "", "obj": {"b": 1, "a": {}},
     "lone": "x\ud800y", "huge": 123456789012345678901234567890, "pair": "\ud83d\ude00"},
   "position": {"x": 10.25, "y": -3}, "owner_note": {"n": 1}},
  {"task_id": "b", "task_type": "t", "parent_task_id": "a", "lifecycle_stage": "ready",
   "dependencies": []},
  {"task_id": "c", "task_type": "u",
   "dependencies": [{"dependency_task_id": "a", "dependency_type": "data", "description": "",
     "is_mandatory": false, "waived": true, "lag": "2 days", "conditions": {"when": "green", "n": 2.50},
     "x_dep": [1, 2]},
     {"dependency_task_id": "b", "lag": 4}]},
  {"task_id": "d", "task_type": "t", "attributes": {}}]})";
} // namespace


void TestPostgres::initTestCase()
{
    m_clock.start();
    if (!PgCluster::installed()) {
        qWarning("*** PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin): every PostgreSQL test is SKIPPED ***");
        QSKIP("PostgreSQL 15 is not installed: scripts/install-deps.sh installs it");
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        qWarning("*** Qt's QPSQL driver is missing: every PostgreSQL test is SKIPPED ***");
        QSKIP("Qt's PostgreSQL driver is not installed: scripts/install-deps.sh installs libqt6sql6-psql");
    }
    QVERIFY(m_dir.isValid());
    QString why;
    QVERIFY2(m_cluster.start(&why), qPrintable(why));
    for (const char *db : {"wp", "empty", "newer", "cli", "old"})
        QVERIFY2(m_cluster.createDatabase(QLatin1String(db), &why), qPrintable(why));
    qInfo("private cluster on 127.0.0.1:%d ready after %lld ms", m_cluster.port(), m_clock.elapsed());
}

void TestPostgres::cleanupTestCase()
{
    m_cluster.stop();
    qInfo("whole run including the cluster: %lld ms", m_clock.elapsed());
}

QByteArray TestPostgres::viaWorkplanFile(const Project &p)
{
    static int n = 0;
    const QString file = m_dir.filePath(QStringLiteral("via-%1.workplan").arg(++n));
    QString error;
    if (!SqliteFormat::writeFile(p, file, &error))
        return error.toUtf8();
    const auto back = SqliteFormat::readFile(file, &error);
    return back ? JsonFormat::write(*back) : error.toUtf8();
}

void TestPostgres::examplesRoundTrip_data()
{
    QTest::addColumn<QString>("input");
    const QDir dir(QStringLiteral(WORKPLAN_EXAMPLES_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &f : files) {
        if (!f.endsWith(QLatin1String(".expected.json")))
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    QTest::newRow("v2 release-pipeline-team.json") << QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json");
}

// Every example: published and fetched back equal, and the JSON written from it byte for
// byte what the same example gives through a .workplan file.
void TestPostgres::examplesRoundTrip()
{
    QFETCH(QString, input);
    const Project original = loadJson(input);
    const QString target = url(QFileInfo(input).completeBaseName());
    QString error;
    QVERIFY2(PostgresStore::publish(original, target, &error), qPrintable(error));
    const auto fetched = PostgresStore::fetch(target, &error);
    QVERIFY2(fetched, qPrintable(error));
    QVERIFY(*fetched == original);
    QCOMPARE(JsonFormat::write(*fetched), viaWorkplanFile(original));
    // The same through the generic entry points the editor and the command line use.
    const auto again = ProjectFile::load(target, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == original);
}

void TestPostgres::unusualValuesRoundTrip()
{
    QString error;
    const auto original = JsonFormat::read(QByteArray(kUnusual), QStringLiteral("unusual.json"), &error);
    QVERIFY2(original, qPrintable(error));
    QVERIFY2(ProjectFile::save(*original, url(QStringLiteral("unusual ü/&=?")), &error), qPrintable(error));
    const auto fetched = ProjectFile::load(url(QStringLiteral("unusual ü/&=?")), &error);
    QVERIFY2(fetched, qPrintable(error));
    QVERIFY(*fetched == *original);
    QCOMPARE(JsonFormat::write(*fetched), viaWorkplanFile(*original));
    // Typed as is, unescaped, the name means the same project.
    const auto typed = ProjectFile::load(QStringLiteral("postgres://postgres@127.0.0.1:%1/wp?project=unusual ü/%26=?").arg(m_cluster.port()), &error);
    QVERIFY2(typed && *typed == *original, qPrintable(error));
    // The attributes are stored as the exact compact text, key order and number spelling
    // included (jsonb would have respelled 6.02e23 and sorted the keys).
    const QString attributes = m_cluster.scalar(QStringLiteral("wp"),
        QStringLiteral("SELECT t.attributes::text FROM tasks t JOIN projects p ON p.id = t.project_id"
                       " WHERE p.name = ? AND t.task_id = 'a'"), {QStringLiteral("unusual ü/&=?")}).toString();
    QVERIFY2(attributes.startsWith(QLatin1String("{\"aa\":\"two\",\"arr\":[1,\"x\",{\"k\":[null]}],\"big\":9007199254740993,")),
             qPrintable(attributes));

    // The same cells read through QSqlQuery::value(), as a driver without libpq would.
    PostgresStore::ResultCells::setLibpqAllowed(false);
    const auto viaQt = ProjectFile::load(url(QStringLiteral("unusual ü/&=?")), &error);
    PostgresStore::ResultCells::setLibpqAllowed(true);
    QVERIFY2(viaQt, qPrintable(error));
    QVERIFY(*viaQt == *original);
}

// Rows travel by COPY in pieces of 10,000 rows, or as JSON arrays of up to 10,000 rows per
// statement (postgresrows.cpp): every text field full of what COPY, JSON, array literals
// and SQL quote differently, over more than one piece, comes back exactly; a row the
// server refuses in the second piece leaves the project as it was.
void TestPostgres::awkwardTextInEveryFieldAcrossBatches()
{
    const QStringList awkward{QStringLiteral("NULL"), QStringLiteral("null"), QStringLiteral("\"q\"uote'"),
                              QStringLiteral("back\\slash\\"), QStringLiteral("{br,aces}"), QStringLiteral("a,b"),
                              QStringLiteral("\\u0041"), QStringLiteral("tab\tnew\nline\r\x01"),
                              QStringLiteral("ü€😀"), QStringLiteral(" "), QStringLiteral("()[]$1?:")};
    Project p;
    p.name = QStringLiteral("N\"a\\me{,}NULL");
    p.projectExtra.insert(QStringLiteral("k\"ey"), QStringLiteral("v\\al{,}"));
    QList<Task> tasks;
    const int n = 10007;
    for (int i = 0; i < n; ++i) {
        const QString a = awkward.at(i % awkward.size());
        Task t;
        t.id = a + QString::number(i);
        t.type = a + QStringLiteral("_type");
        if (i % 10)
            t.parentId = tasks.at(i - i % 10).id;
        t.attributes.insert(QStringLiteral("title"), a);
        t.attributes.insert(a, QJsonArray{a, 1.5e300, -0.0, QJsonValue::Null, QJsonObject{{a, a}}});
        t.extra.insert(QStringLiteral("x") + a, a);
        if (i % 3 == 0) {
            t.hasPosition = true;
            t.position = QPointF(-1.0 / 3 * i, 1e-300 * i);
        }
        if (i % 10 > 1) {
            Dependency d;
            d.taskId = tasks.at(i - 1).id;
            d.description = i % 4 ? a : QStringLiteral("");
            d.lag = i % 2 ? QJsonValue(QStringLiteral("2 days")) : QJsonValue(2.25);
            d.conditions.insert(a, a);
            d.hasConditions = true;
            d.extra.insert(a, QJsonValue::Null);
            t.dependencies.append(d);
        }
        tasks.append(t);
    }
    p.setTasks(tasks);
    // Both ways rows travel: COPY, and the JSON statements where COPY is not available.
    for (const bool copy : {true, false}) {
        PostgresRows::setCopyAllowed(copy);
        QString error;
        const QString target = url(copy ? QStringLiteral("awkward") : QStringLiteral("awkward-json"));
        QVERIFY2(PostgresStore::publish(p, target, &error), qPrintable(error));
        const auto fetched = PostgresStore::fetch(target, &error);
        QVERIFY2(fetched, qPrintable(error));
        QCOMPARE(fetched->taskCount(), n);
        for (int i = 0; i < n; ++i)
            QVERIFY2(fetched->task(i) == p.task(i), qPrintable(p.task(i).id));
        QVERIFY(*fetched == p);
        QCOMPARE(JsonFormat::write(*fetched), viaWorkplanFile(p));

        // PostgreSQL text cannot hold U+0000: the server refuses that row near the end,
        // and the whole publish with it.
        Project broken = p;
        broken.task(n - 1).type = QStringLiteral("zero") + QChar(0) + QStringLiteral("byte");
        const qint64 before = count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM change_log"));
        QVERIFY(!PostgresStore::publish(broken, target, &error));
        qInfo("%s", qPrintable(error));
        QCOMPARE(count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM change_log")), before);
        const auto still = PostgresStore::fetch(target, &error);
        QVERIFY2(still && *still == p, qPrintable(error));
    }
    PostgresRows::setCopyAllowed(true);
}

void TestPostgres::schemaAndChangeLog()
{
    QString error;
    QVERIFY2(PostgresStore::publish(loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/bug-fix-critical.json")),
                                    url(QStringLiteral("logged")), &error), qPrintable(error));
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral("SELECT schema_version FROM workplan_meta")), 3);
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM workplan_meta")), 1);
    QCOMPARE(m_cluster.scalar(QStringLiteral("wp"), QStringLiteral(
                 "SELECT c.who || ' ' || c.kind || ' ' || c.project_version FROM change_log c JOIN projects p ON p.id = c.project_id"
                 " WHERE p.name = 'logged' ORDER BY change_id DESC LIMIT 1")).toString(),
             QStringLiteral("postgres publish 1"));
    const Project p = loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/bug-fix-critical.json"));
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral(
                 "SELECT cardinality(task_ids) FROM change_log c JOIN projects p ON p.id = c.project_id"
                 " WHERE p.name = 'logged'")), qint64(p.taskCount()));
}

void TestPostgres::twoProjectsStayApart()
{
    const Project a = loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/feature-development.json"));
    const Project b = loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/release-pipeline.json"));
    QString error;
    QVERIFY2(PostgresStore::publish(a, url(QStringLiteral("apart-a")), &error), qPrintable(error));
    QVERIFY2(PostgresStore::publish(b, url(QStringLiteral("apart-b")), &error), qPrintable(error));
    const auto fa = PostgresStore::fetch(url(QStringLiteral("apart-a")), &error);
    const auto fb = PostgresStore::fetch(url(QStringLiteral("apart-b")), &error);
    QVERIFY2(fa && fb, qPrintable(error));
    QVERIFY(*fa == a);
    QVERIFY(*fb == b);
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral(
                 "SELECT count(*) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.name = 'apart-a'")),
             qint64(a.taskCount()));
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral(
                 "SELECT count(*) FROM dependencies d JOIN projects p ON p.id = d.project_id WHERE p.name = 'apart-b'")),
             qint64(b.dependencyCount()));
}

void TestPostgres::republishReplaces()
{
    const Project a = loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/enterprise-release.json"));
    const Project b = loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/bug-fix-regular.json"));
    const QString target = url(QStringLiteral("replaced"));
    QString error;
    QVERIFY2(PostgresStore::publish(a, target, &error), qPrintable(error));
    const qint64 projects = count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM projects"));
    QVERIFY2(PostgresStore::publish(b, target, &error), qPrintable(error));
    const auto fetched = PostgresStore::fetch(target, &error);
    QVERIFY2(fetched, qPrintable(error));
    QVERIFY(*fetched == b);
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM projects")), projects);
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral("SELECT version FROM projects WHERE name = 'replaced'")), 2);
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral(
                 "SELECT count(*) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.name = 'replaced'")),
             qint64(b.taskCount()));
    // Every row's version is the change that wrote it: the replace.
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral(
                 "SELECT min(t.version) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.name = 'replaced'")),
             count(QStringLiteral("wp"), QStringLiteral(
                 "SELECT max(change_id) FROM change_log c JOIN projects p ON p.id = c.project_id WHERE p.name = 'replaced'")));
    QCOMPARE(m_cluster.scalar(QStringLiteral("wp"), QStringLiteral(
                 "SELECT string_agg(kind, ',' ORDER BY change_id) FROM change_log c JOIN projects p ON p.id = c.project_id"
                 " WHERE p.name = 'replaced'")).toString(), QStringLiteral("publish,replace"));
}

void TestPostgres::invalidProjectIsNotPublished()
{
    Project p = loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/bug-fix-critical.json"));
    Dependency ghost;
    ghost.taskId = QStringLiteral("ghost");
    p.task(0).dependencies.append(ghost);
    QString error;
    QVERIFY(!PostgresStore::publish(p, url(QStringLiteral("invalid")), &error));
    QVERIFY2(error.contains(QLatin1String("ghost")) && error.contains(QLatin1String("project=invalid")), qPrintable(error));
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM projects WHERE name = 'invalid'")), 0);
}

// convert FILE.workplan URL publishes, convert URL OUT.json fetches, analyze URL --json.
void TestPostgres::commandLine()
{
    const QString source = QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json");
    const QString file = m_dir.filePath(QStringLiteral("cli.workplan"));
    const QString back = m_dir.filePath(QStringLiteral("cli-back.json"));
    const QString viaFile = m_dir.filePath(QStringLiteral("cli-via-file.json"));
    const QString target = url(QStringLiteral("team"), QStringLiteral("cli"));
    QCOMPARE(runWorkplan({QStringLiteral("convert"), source, file}).exitCode, 0);
    Result r = runWorkplan({QStringLiteral("convert"), file, target});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runWorkplan({QStringLiteral("convert"), target, back});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(runWorkplan({QStringLiteral("convert"), file, viaFile}).exitCode, 0);
    QCOMPARE(readAll(back), readAll(viaFile));
    QVERIFY(!readAll(back).isEmpty());

    const Result a = runWorkplan({QStringLiteral("analyze"), file, QStringLiteral("--json")});
    const Result b = runWorkplan({QStringLiteral("analyze"), target, QStringLiteral("--json")});
    QCOMPARE(b.exitCode, a.exitCode);
    QVERIFY(!a.out.isEmpty());
    QCOMPARE(b.out, a.out);
}

void TestPostgres::errors_data()
{
    QTest::addColumn<bool>("publishing");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("problem");
    const int port = m_cluster.port();
    const int closed = PgCluster::freePort();
    QTest::newRow("no database") << false << QStringLiteral("postgresql://postgres@127.0.0.1:%1/?project=x").arg(port)
                                 << QStringLiteral("the URL names no database");
    QTest::newRow("no project") << true << QStringLiteral("postgresql://postgres@127.0.0.1:%1/wp").arg(port)
                                << QStringLiteral("the URL names no project");
    QTest::newRow("bad port") << false << QStringLiteral("postgresql://postgres:s3cret@127.0.0.1:99x/wp?project=x")
                              << QStringLiteral("not a valid URL");
    QTest::newRow("unknown parameter") << true << QStringLiteral("postgres://postgres@127.0.0.1:%1/wp?project=x&colour=red").arg(port)
                                       << QStringLiteral("unknown URL parameter 'colour'");
    QTest::newRow("wrong port, fetch") << false << QStringLiteral("postgresql://postgres:s3cret@127.0.0.1:%1/wp?project=x").arg(closed)
                                       << QStringLiteral("cannot connect");
    QTest::newRow("wrong port, publish") << true << QStringLiteral("postgresql://postgres:s3cret@127.0.0.1:%1/wp?project=x").arg(closed)
                                         << QStringLiteral("cannot connect");
    QTest::newRow("no such database") << false << url(QStringLiteral("x"), QStringLiteral("nowhere"))
                                      << QStringLiteral("cannot connect");
    QTest::newRow("unknown project") << false << url(QStringLiteral("nosuch"))
                                     << QStringLiteral("no project 'nosuch' in database wp");
    QTest::newRow("no schema") << false << url(QStringLiteral("x"), QStringLiteral("empty"))
                               << QStringLiteral("the database empty has no Workplan schema");
}

// Through the CLI: exit code 2, a message naming the URL (never its password) and the
// problem, no output file, and nothing changed in any database.
void TestPostgres::errors()
{
    QFETCH(bool, publishing);
    QFETCH(QString, target);
    QFETCH(QString, problem);
    const QString out = m_dir.filePath(QStringLiteral("error-out.json"));
    QFile::remove(out);
    const qint64 changes = count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM change_log"));
    const Result r = publishing ? runWorkplan({QStringLiteral("convert"), QStringLiteral(WORKPLAN_EXAMPLES_DIR "/bug-fix-critical.json"), target})
                                : runWorkplan({QStringLiteral("convert"), target, out});
    QCOMPARE(r.exitCode, 2);
    const QString err = QString::fromUtf8(r.err);
    qInfo("%s", qPrintable(err.trimmed()));
    QVERIFY2(err.contains(problem), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("127.0.0.1")), qPrintable(err));
    QVERIFY2(!err.contains(QLatin1String("s3cret")), qPrintable(err));
    QVERIFY(!QFile::exists(out));
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM change_log")), changes);
    // A fetch never creates the schema.
    QCOMPARE(m_cluster.scalar(QStringLiteral("empty"), QStringLiteral("SELECT to_regclass('workplan_meta') IS NULL")).toBool(), true);
}

void TestPostgres::newerSchemaRefusedAndUntouched()
{
    const QString target = url(QStringLiteral("future"), QStringLiteral("newer"));
    const QString example = QStringLiteral(WORKPLAN_EXAMPLES_DIR "/bug-fix-critical.json");
    QCOMPARE(runWorkplan({QStringLiteral("convert"), example, target}).exitCode, 0);
    QString why;
    QVERIFY2(m_cluster.exec(QStringLiteral("newer"), QStringLiteral("UPDATE workplan_meta SET schema_version = 7"), &why), qPrintable(why));
    const QString state = QStringLiteral("SELECT (SELECT count(*) FROM change_log) || '/' || (SELECT string_agg(name || version, ',') FROM projects)");
    const QString before = m_cluster.scalar(QStringLiteral("newer"), state).toString();

    const QString out = m_dir.filePath(QStringLiteral("future.json"));
    const Result fetched = runWorkplan({QStringLiteral("convert"), target, out});
    QCOMPARE(fetched.exitCode, 2);
    QVERIFY2(fetched.err.contains("schema version 7 is newer than this Workplan's 3"), fetched.err.constData());
    QVERIFY(fetched.err.contains("project=future"));
    QVERIFY(!QFile::exists(out));
    const Result analysed = runWorkplan({QStringLiteral("analyze"), target, QStringLiteral("--json")});
    QCOMPARE(analysed.exitCode, 2);
    QVERIFY(analysed.out.isEmpty());
    for (const char *project : {"future", "another"}) {
        const Result published = runWorkplan({QStringLiteral("convert"), example, url(QLatin1String(project), QStringLiteral("newer"))});
        QCOMPARE(published.exitCode, 2);
        QVERIFY2(published.err.contains("schema version 7 is newer than this Workplan's 3"), published.err.constData());
    }
    QCOMPARE(m_cluster.scalar(QStringLiteral("newer"), state).toString(), before);
    QCOMPARE(count(QStringLiteral("newer"), QStringLiteral("SELECT schema_version FROM workplan_meta")), 7);
}

// A database of schema version 1: a fetch says how to upgrade and changes nothing; the
// first publish upgrades it in its transaction (1 → 2 → 3), and the old project reads back whole, in
// its order, with its dependencies, its rows now keyed by task id.
void TestPostgres::migrateVersion1()
{
    QFile sql(QStringLiteral(WORKPLAN_SOURCE_DIR "/tests/data/postgres-schema-v1.sql"));
    QVERIFY(sql.open(QIODevice::ReadOnly));
    QString error;
    QVERIFY2(m_cluster.exec(QStringLiteral("old"), QString::fromUtf8(sql.readAll()), &error), qPrintable(error));
    QVERIFY(!PostgresStore::fetch(url(QStringLiteral("legacy"), QStringLiteral("old")), &error));
    QVERIFY2(error.contains(QLatin1String("schema version 1")), qPrintable(error));
    QCOMPARE(count(QStringLiteral("old"), QStringLiteral("SELECT schema_version FROM workplan_meta")), 1);

    const Project other = loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/bug-fix-critical.json"));
    QVERIFY2(PostgresStore::publish(other, url(QStringLiteral("newer-one"), QStringLiteral("old")), &error), qPrintable(error));
    QCOMPARE(count(QStringLiteral("old"), QStringLiteral("SELECT schema_version FROM workplan_meta")), 3);
    const auto legacy = PostgresStore::fetch(url(QStringLiteral("legacy"), QStringLiteral("old")), &error);
    QVERIFY2(legacy, qPrintable(error));
    QCOMPARE(legacy->name, QStringLiteral("Legacy plan"));
    QCOMPARE(legacy->taskCount(), 3);
    QCOMPARE(legacy->task(0).id, QStringLiteral("z-root"));
    QCOMPARE(legacy->task(1).id, QStringLiteral("b-child"));
    QCOMPARE(legacy->task(2).id, QStringLiteral("a-child"));
    const Task &b = legacy->task(1);
    QCOMPARE(b.parentId, QStringLiteral("z-root"));
    QCOMPARE(b.title(), QStringLiteral("Build"));
    QCOMPARE(b.position, QPointF(10, 20));
    QCOMPARE(b.extra.value(QLatin1String("note")).toInt(), 1);
    QCOMPARE(b.dependencies.size(), 1);
    QCOMPARE(b.dependencies.first().taskId, QStringLiteral("a-child"));
    QCOMPARE(b.dependencies.first().description, QStringLiteral("needs it"));
    QCOMPARE(b.dependencies.first().lag.toString(), QStringLiteral("1 day"));
    QVERIFY(legacy->task(2).status == Status::Completed);
    const auto fetchedOther = PostgresStore::fetch(url(QStringLiteral("newer-one"), QStringLiteral("old")), &error);
    QVERIFY2(fetchedOther && *fetchedOther == other, qPrintable(error));
}

// A database of schema version 2 with a published and edited project: a fetch says how to
// upgrade and changes nothing; the first publish upgrades it to 3 in its transaction. The
// old project reads back as it was, its log rows stay (the publish's with its rows), the
// foreign keys are gone and the deletes still cascade; a new publish logs no rows.
void TestPostgres::migrateVersion2()
{
    QFile sql(QStringLiteral(WORKPLAN_SOURCE_DIR "/tests/data/postgres-schema-v2.sql"));
    QVERIFY(sql.open(QIODevice::ReadOnly));
    QString error;
    QVERIFY2(m_cluster.createDatabase(QStringLiteral("old2"), &error), qPrintable(error));
    QVERIFY2(m_cluster.exec(QStringLiteral("old2"), QString::fromUtf8(sql.readAll()), &error), qPrintable(error));
    QVERIFY(!PostgresStore::fetch(url(QStringLiteral("legacy"), QStringLiteral("old2")), &error));
    QVERIFY2(error.contains(QLatin1String("schema version 2; publish a project or open one for editing to upgrade it to version 3")),
             qPrintable(error));
    QCOMPARE(count(QStringLiteral("old2"), QStringLiteral("SELECT schema_version FROM workplan_meta")), 2);

    const Project other = loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/bug-fix-critical.json"));
    QVERIFY2(PostgresStore::publish(other, url(QStringLiteral("newer-one"), QStringLiteral("old2")), &error), qPrintable(error));
    QCOMPARE(count(QStringLiteral("old2"), QStringLiteral("SELECT schema_version FROM workplan_meta")), 3);
    const auto legacy = PostgresStore::fetch(url(QStringLiteral("legacy"), QStringLiteral("old2")), &error);
    QVERIFY2(legacy, qPrintable(error));
    QCOMPARE(legacy->name, QStringLiteral("Legacy two"));
    QCOMPARE(legacy->calendar.hoursPerDay, 7.5);
    QCOMPARE(legacy->taskCount(), 3);
    QCOMPARE(legacy->task(0).id, QStringLiteral("z-root"));
    QCOMPARE(legacy->task(1).id, QStringLiteral("b-child"));
    QCOMPARE(legacy->task(1).title(), QStringLiteral("Build it"));
    QCOMPARE(legacy->task(1).dependencies.size(), 1);
    QCOMPARE(legacy->task(1).dependencies.first().lag.toString(), QStringLiteral("1 day"));
    QCOMPARE(count(QStringLiteral("old2"), QStringLiteral(
                 "SELECT count(*) FROM change_log WHERE project_id = 1 AND rows IS NOT NULL")), 2);
    QCOMPARE(count(QStringLiteral("old2"), QStringLiteral("SELECT published_change_id FROM projects WHERE name = 'legacy'")), 0);
    QCOMPARE(count(QStringLiteral("old2"), QStringLiteral(
                 "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('tasks'::regclass, 'dependencies'::regclass)")), 0);
    QCOMPARE(m_cluster.scalar(QStringLiteral("old2"), QStringLiteral(
                 "SELECT (rows IS NULL) || ' ' || (published_change_id = change_id) FROM change_log c JOIN projects p ON p.id = c.project_id"
                 " WHERE p.name = 'newer-one'")).toString(), QStringLiteral("true true"));
    const auto fetchedOther = PostgresStore::fetch(url(QStringLiteral("newer-one"), QStringLiteral("old2")), &error);
    QVERIFY2(fetchedOther && *fetchedOther == other, qPrintable(error));
    QVERIFY2(m_cluster.exec(QStringLiteral("old2"), QStringLiteral("DELETE FROM tasks WHERE task_id = 'b-child'"), &error), qPrintable(error));
    QCOMPARE(count(QStringLiteral("old2"), QStringLiteral("SELECT count(*) FROM dependencies WHERE project_id = 1")), 0);
}

// Schema version 3 has no foreign keys on tasks and dependencies (each checked every row
// of a publish): deleting a task by hand still takes its dependencies, and deleting a
// project its tasks, their dependencies and what its publish saved; nothing of another
// project goes.
void TestPostgres::deletesCascadeWithoutForeignKeys()
{
    const Project a = loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/enterprise-release.json"));
    QString error;
    QVERIFY2(PostgresStore::publish(a, url(QStringLiteral("cascade-a")), &error), qPrintable(error));
    QVERIFY2(PostgresStore::publish(a, url(QStringLiteral("cascade-b")), &error), qPrintable(error));
    const qint64 idA = count(QStringLiteral("wp"), QStringLiteral("SELECT id FROM projects WHERE name = 'cascade-a'"));
    const qint64 idB = count(QStringLiteral("wp"), QStringLiteral("SELECT id FROM projects WHERE name = 'cascade-b'"));
    const QString owner = m_cluster.scalar(QStringLiteral("wp"), QStringLiteral("SELECT min(task_id) FROM dependencies WHERE project_id = ?"),
                                           {idA}).toString();
    QVERIFY(!owner.isEmpty());
    const qint64 deps = count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM dependencies WHERE project_id = ?"), {idA});
    const qint64 ownDeps = count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM dependencies WHERE project_id = ? AND task_id = ?"),
                                 {idA, owner});
    QVERIFY(ownDeps > 0);
    QVERIFY2(m_cluster.exec(QStringLiteral("wp"), QStringLiteral("DELETE FROM tasks WHERE project_id = ? AND task_id = ?"), &error,
                            {idA, owner}), qPrintable(error));
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM dependencies WHERE project_id = ?"), {idA}), deps - ownDeps);
    QVERIFY2(m_cluster.exec(QStringLiteral("wp"), QStringLiteral("INSERT INTO published_rows VALUES (?, 1, 'x', '{}')"), &error, {idA}),
             qPrintable(error));
    QVERIFY2(m_cluster.exec(QStringLiteral("wp"), QStringLiteral("DELETE FROM projects WHERE id = ?"), &error, {idA}), qPrintable(error));
    for (const char *table : {"tasks", "dependencies", "published_rows"})
        QCOMPARE(count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM %1 WHERE project_id = ?").arg(QLatin1String(table)), {idA}), 0);
    const auto b = PostgresStore::fetch(url(QStringLiteral("cascade-b")), &error);
    QVERIFY2(b && *b == a, qPrintable(error));
    QCOMPARE(count(QStringLiteral("wp"), QStringLiteral("SELECT count(*) FROM dependencies WHERE project_id = ?"), {idB}), deps);
}

void TestPostgres::forbiddenRowRefusesWholeLoad_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("problem");
    QTest::newRow("unknown status") << QStringLiteral("UPDATE tasks SET status = 'sleeping' WHERE ord = 1")
                                    << QStringLiteral("unknown status 'sleeping'");
    QTest::newRow("unknown lifecycle") << QStringLiteral("UPDATE tasks SET lifecycle_stage = 'dreaming' WHERE ord = 0")
                                       << QStringLiteral("unknown lifecycle_stage 'dreaming'");
    QTest::newRow("unknown dependency type") << QStringLiteral("UPDATE dependencies SET dependency_type = 'hopes'")
                                             << QStringLiteral("unknown dependency_type 'hopes'");
    QTest::newRow("dependency on nothing") << QStringLiteral("UPDATE dependencies SET prerequisite_task_id = 'ghost'")
                                           << QStringLiteral("ghost");
    QTest::newRow("bad lag") << QStringLiteral("UPDATE dependencies SET lag = '[1]'")
                             << QStringLiteral("must be an effort text or a number of hours");
    QTest::newRow("parent loop") << QStringLiteral("UPDATE tasks SET parent_task_id = task_id")
                                 << QStringLiteral("task '");
}

// A row the contract forbids, written behind Workplan's back, refuses the whole load.
void TestPostgres::forbiddenRowRefusesWholeLoad()
{
    QFETCH(QString, edit);
    QFETCH(QString, problem);
    const Project original = loadJson(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/release-pipeline.json"));
    const QString name = QStringLiteral("forbidden-%1").arg(QLatin1String(QTest::currentDataTag())).replace(u' ', u'-');
    QString error;
    QVERIFY2(PostgresStore::publish(original, url(name), &error), qPrintable(error));
    const qint64 id = count(QStringLiteral("wp"), QStringLiteral("SELECT id FROM projects WHERE name = ?"), {name});
    const QString scoped = edit + (edit.contains(QLatin1String(" WHERE ")) ? QStringLiteral(" AND project_id = ?")
                                                                           : QStringLiteral(" WHERE project_id = ?"));
    QVERIFY2(m_cluster.exec(QStringLiteral("wp"), scoped, &error, {id}), qPrintable(error));
    QVERIFY(!PostgresStore::fetch(url(name), &error));
    QVERIFY2(error.contains(problem) && error.contains(QStringLiteral("project=%1").arg(name)), qPrintable(error));
    const Result r = runWorkplan({QStringLiteral("analyze"), url(name), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestPostgres)
#include "tst_postgres.moc"
