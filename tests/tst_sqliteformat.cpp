// The .workplan file (issue #3): lossless round trips, refusals that change nothing on
// disk, the v1 migration, failed saves that keep the original, and the command line.
#include "model/engine/analysis.h"
#include "model/engine/analysisreport.h"
#include "model/engine/snapshot.h"
#include "model/storage/json/jsonformat.h"
#include "model/storage/projectfile.h"
#include "model/storage/sqlite/sqliteformat.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

using namespace Workplan;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray analysisJson(const Project &p)
{
    const Snapshot snapshot = Snapshot::fromProject(p);
    return analysisToJson(snapshot, analyze(snapshot));
}

// Edits a file with plain SQL, the way a damaged or hand-made file comes to be.
bool rawSql(const QString &path, const QStringList &statements, QString *why)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst-raw-%1").arg(++counter);
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        if (!ok)
            *why = db.lastError().text();
        QSqlQuery q(db);
        for (const QString &s : statements) {
            if (!ok)
                break;
            ok = q.exec(s);
            if (!ok)
                *why = s + QLatin1String(": ") + q.lastError().text();
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// Statements turning a file of the current schema into v3's layout, each presence flag and
// boolean in a column of its own (the order of the columns does not matter to the reader).
QStringList toVersion3()
{
    QStringList sql;
    const std::pair<const char *, int> task[] = {{"has_parent_field", 1}, {"has_status", 2}, {"has_lifecycle", 4},
                                                 {"has_attributes", 8}, {"has_dependencies", 16}};
    const std::pair<const char *, int> dependency[] = {{"is_mandatory", 1}, {"has_mandatory", 2}, {"waived", 4},
                                                       {"has_waived", 8}, {"has_conditions", 16}};
    for (const auto &[column, bit] : task) {
        sql << QStringLiteral("ALTER TABLE tasks ADD COLUMN %1 INTEGER NOT NULL DEFAULT 0").arg(QLatin1String(column))
            << QStringLiteral("UPDATE tasks SET %1 = (present & %2) != 0").arg(QLatin1String(column)).arg(bit);
    }
    for (const auto &[column, bit] : dependency) {
        sql << QStringLiteral("ALTER TABLE dependencies ADD COLUMN %1 INTEGER NOT NULL DEFAULT 0").arg(QLatin1String(column))
            << QStringLiteral("UPDATE dependencies SET %1 = (flags & %2) != 0").arg(QLatin1String(column)).arg(bit);
    }
    // An attribute a row, its type beside it (json_each spells a text value unquoted).
    sql << QStringLiteral(
        "CREATE TABLE attributes_v3 AS SELECT a.task AS task,"
        " row_number() OVER (PARTITION BY a.task ORDER BY j.id) - 1 AS ord, j.key AS name,"
        " CASE j.type WHEN 'text' THEN 'string' WHEN 'integer' THEN 'number' WHEN 'real' THEN 'number'"
        " WHEN 'true' THEN 'bool' WHEN 'false' THEN 'bool' ELSE j.type END AS type,"
        " CASE WHEN j.type IN ('array', 'object') THEN j.value WHEN j.type IN ('true', 'false', 'null') THEN j.type"
        " ELSE json_quote(j.value) END AS value"
        " FROM attributes a, json_each(a.object) j ORDER BY a.task, j.id")
        << QStringLiteral("DROP TABLE attributes") << QStringLiteral("ALTER TABLE attributes_v3 RENAME TO attributes");
    return sql << QStringLiteral("ALTER TABLE tasks DROP COLUMN present") << QStringLiteral("ALTER TABLE dependencies DROP COLUMN flags")
               << QStringLiteral("PRAGMA user_version = 3");
}

QString withNul(const char *a, const char *b)
{
    return QLatin1String(a) + QChar(0) + QLatin1String(b);
}

// Epics with leaves under them, and every kind of value the format has to keep.
Project unusualProject(int taskCount)
{
    Project p;
    p.name = QStringLiteral("Ünïcødé plan 🚀 מבחן مشروع");
    p.calendar.hoursPerDay = 7.5;
    p.calendar.daysPerWeek = 4;
    p.extra.insert(QStringLiteral("x-generator"), QJsonObject{{QStringLiteral("tool"), QStringLiteral("tst")}, {QStringLiteral("n"), taskCount}});
    p.projectExtra.insert(QStringLiteral("owner"), QStringLiteral("ops \"team\""));
    p.projectExtra.insert(QStringLiteral("tags"), QJsonArray{1, QStringLiteral("1"), QJsonValue::Null});

    QList<Task> tasks;
    QStringList leaves;
    QString epic;
    for (int i = 0; i < taskCount; ++i) {
        Task t;
        if (i % 50 == 0) {
            t.id = QStringLiteral("epic_%1_ü").arg(i);
            t.type = QStringLiteral("epic");
            t.hasParentField = i % 100 == 0;   // absent vs null
            epic = t.id;
            t.attributes.insert(QStringLiteral("estimated_duration"), QStringLiteral("3 weeks"));
        } else {
            t.id = i % 97 == 0 ? withNul("nul_", qPrintable(QString::number(i)))
                               : QStringLiteral("task_%1_🚀_שלום").arg(i);
            t.type = i % 7 == 0 ? QStringLiteral("custom type ✓") : QStringLiteral("specialist_task");
            t.parentId = epic;
            t.attributes.insert(QStringLiteral("title"), QStringLiteral("Task %1: مرحبا 👩‍💻 \u202Ertl\u202C").arg(i));
            t.attributes.insert(QStringLiteral("estimated_effort"), i % 3 ? QJsonValue(QStringLiteral("2-3 days")) : QJsonValue(4.5));
            t.attributes.insert(QStringLiteral("numeric_string"), QStringLiteral("42"));
            t.attributes.insert(QStringLiteral("number"), 42);
            t.attributes.insert(QStringLiteral("fraction"), 0.1 * i);
            t.attributes.insert(QStringLiteral("big_integer"), qint64(9007199254740993LL) + i);
            t.attributes.insert(QStringLiteral("huge"), -1.5e300);
            t.attributes.insert(QStringLiteral("flag"), i % 2 == 0);
            t.attributes.insert(QStringLiteral("nothing"), QJsonValue::Null);
            t.attributes.insert(QStringLiteral("nested"), QJsonObject{
                {QStringLiteral("a"), QJsonArray{1, QStringLiteral("1"), QJsonArray{true, QJsonValue::Null, QJsonObject{{QStringLiteral("x"), QStringLiteral("y")}}}}},
                {QStringLiteral("empty"), QJsonObject()}, {QStringLiteral("none"), QJsonArray()}});
            t.attributes.insert(QStringLiteral("escapes"), QStringLiteral("he said \"hi\" \\ \n\t\r\b\f \x01 end"));
            t.attributes.insert(withNul("key", "with nul"), withNul("value", "with nul"));
            t.attributes.insert(QStringLiteral("k\"ey"), QString());
            // JSON's \uD800 is valid and Qt's reader keeps it as a lone UTF-16 unit; the UTF-8
            // that SQLite stores text in would make it '?' unless it is written escaped.
            if (i % 13 == 0)
                t.attributes.insert(QStringLiteral("lone ") + QChar(0xD800 + i % 0x400), QStringLiteral("x") + QChar(0xDC00 + i % 0x400));
            if (i == 1)
                t.attributes.insert(QStringLiteral("blob"), QString(1 << 20, QChar(u'é')) + QStringLiteral("🚀"));
            if (i % 5 == 0)
                t.extra.insert(QStringLiteral("x-custom"), QJsonArray{1, 2, QStringLiteral("three")});
            if (i % 11 == 0)
                t.extra.insert(QStringLiteral("x-null"), QJsonValue::Null);
            for (int back = 1; back <= 3 && back <= leaves.size(); ++back) {
                Dependency d;
                d.taskId = leaves.at(leaves.size() - back);
                d.type = static_cast<DependencyType>((i + back) % 6);
                switch ((i + back) % 5) {
                case 0: d.description = QStringLiteral(""); break;
                case 1: d.description = QStringLiteral("needs ✓ \"that\""); break;
                default: break; // absent
                }
                if (back == 2) {
                    d.lag = i % 2 ? QJsonValue(QStringLiteral("2h")) : QJsonValue(1.5);
                }
                if (i % 4 == 0) {
                    d.mandatory = false;
                    d.hasMandatory = true;
                }
                if (i % 6 == 0) {
                    d.waived = true;
                    d.hasWaived = true;
                }
                if (i % 8 == 0) {
                    d.hasConditions = true;
                    if (back == 1)
                        d.conditions.insert(QStringLiteral("when"), QJsonArray{QStringLiteral("a"), 1});
                }
                if (i % 9 == 0)
                    d.extra.insert(QStringLiteral("x-note"), QStringLiteral("n"));
                t.dependencies.append(d);
            }
            t.hasDependencies = i % 13 != 0 || !t.dependencies.isEmpty();
            leaves.append(t.id);
        }
        t.status = static_cast<Status>(i % 11);
        t.lifecycle = static_cast<Lifecycle>(i % 11);
        t.hasStatus = i % 17 != 0 || t.status != Status::Draft;
        t.hasLifecycle = i % 19 != 0 || t.lifecycle != Lifecycle::Created;
        t.hasAttributes = i % 23 != 0 || !t.attributes.isEmpty();
        if (i % 3 == 0) {
            t.hasPosition = true;
            t.position = QPointF(-12.25 + i, 1e-3 * i);
        }
        tasks.append(t);
    }
    p.setTasks(tasks);
    return p;
}

// A tiny valid project whose ids the raw-SQL refusals refer to.
Project smallProject()
{
    Project p;
    p.name = QStringLiteral("small");
    Task a;
    a.id = QStringLiteral("a");
    a.type = QStringLiteral("epic");
    Task b;
    b.id = QStringLiteral("b");
    b.type = QStringLiteral("feature");
    b.parentId = QStringLiteral("a");
    b.attributes.insert(QStringLiteral("title"), QStringLiteral("B"));
    Task c;
    c.id = QStringLiteral("c");
    c.type = QStringLiteral("specialist_task");
    c.parentId = QStringLiteral("a");
    c.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("1 day"));
    Dependency d;
    d.taskId = QStringLiteral("b");
    c.dependencies.append(d);
    p.setTasks({a, b, c});
    return p;
}

// Every row of the three bulk tables in rowid order, one string per row.
QStringList tableRows(const QString &path)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst-rows-%1").arg(++counter);
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            for (const char *table : {"tasks", "attributes", "dependencies"}) {
                q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY rowid").arg(QLatin1String(table)));
                while (q.next()) {
                    QString row = QLatin1String(table);
                    for (int c = 0; c < q.record().count(); ++c) {
                        const QVariant v = q.value(c);
                        row += QLatin1Char('|') + (v.isNull() ? QStringLiteral("<null>") : QLatin1String(v.typeName()) + QLatin1Char(':') + v.toString());
                    }
                    rows.append(row);
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

QStringList leftovers(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestSqliteFormat : public QObject
{
    Q_OBJECT
private slots:
    void examplesRoundTrip_data();
    void examplesRoundTrip();
    void largeUnusualRoundTrip_data();
    void largeUnusualRoundTrip();
    void fileIdentity();
    void sniffsByContent();
    void refusesNotSqlite();
    void refusesOtherApplication();
    void refusesNewerVersion();
    void refusesTruncated();
    void refusesCorruptedPage();
    void refusesContractViolations_data();
    void refusesContractViolations();
    void opensVersion1ByMigration();
    void opensVersion2ByMigration();
    void opensVersion3ByMigration();
    void saveReplacesAtomicallyAndCleansUp();
    void saveIntoMissingFolder();
    void saveOntoFolder();
    void saveIntoReadOnlyFolder();
    void saveFailureKeepsOriginal();
    void commandLine();
    void siblingsShareTypeAndParent();
    void nativeAndQtRowsWriteTheSameRows();
    void compactAndEditedAttributesWriteTheSameRows();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString saveSmall(const QString &name);
    void expectRefusal(const QString &file, const QString &fragment);
};

void TestSqliteFormat::examplesRoundTrip_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("qtRows");
    const QDir dir(QStringLiteral(WORKPLAN_EXAMPLES_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &f : files) {
        if (f.endsWith(QLatin1String(".expected.json")))
            continue;
        QTest::newRow(qPrintable(f)) << dir.filePath(f) << false;
        QTest::newRow(qPrintable(f + QLatin1String(" (QSqlQuery rows)"))) << dir.filePath(f) << true;
    }
    QVERIFY2(!files.isEmpty(), "no examples found beside the project");
}

void TestSqliteFormat::examplesRoundTrip()
{
    QFETCH(QString, input);
    QFETCH(bool, qtRows);
    if (qtRows)
        qputenv("WORKPLAN_SQLITE_QT_ROWS", "1");
    auto restore = qScopeGuard([] { qunsetenv("WORKPLAN_SQLITE_QT_ROWS"); });

    QString error;
    const auto original = JsonFormat::readFile(input, &error);
    QVERIFY2(original, qPrintable(error));
    const QString file = path(QFileInfo(input).completeBaseName() + QLatin1String(".workplan"));
    QVERIFY2(ProjectFile::save(*original, file, &error), qPrintable(error));
    QCOMPARE(QByteArray(fileBytes(file).left(16)), QByteArray("SQLite format 3\0", 16));
    const auto loaded = ProjectFile::load(file, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(JsonFormat::write(*loaded), JsonFormat::write(*original));
    QCOMPARE(analysisJson(*loaded), analysisJson(*original));
    QVERIFY(*loaded == *original);
    // Kept in the compact form a loaded .json has (parsed by simdjson), not as objects.
    for (const Task &t : loaded->tasks())
        QVERIFY2(t.attributes.isEmpty() || !t.attributes.canonicalJson().isNull(), qPrintable(t.id));
}

void TestSqliteFormat::largeUnusualRoundTrip_data()
{
    QTest::addColumn<int>("tasks");
    QTest::addColumn<bool>("qtRows");
    QTest::newRow("20k tasks") << 20000 << false;
    QTest::newRow("3k tasks, QSqlQuery rows") << 3000 << true;
}

void TestSqliteFormat::largeUnusualRoundTrip()
{
    QFETCH(int, tasks);
    QFETCH(bool, qtRows);
    if (qtRows)
        qputenv("WORKPLAN_SQLITE_QT_ROWS", "1");
    auto restore = qScopeGuard([] { qunsetenv("WORKPLAN_SQLITE_QT_ROWS"); });

    const Project generated = unusualProject(tasks);
    // Start from what the JSON reader makes of it, as `convert` does.
    const QByteArray json = JsonFormat::write(generated);
    QString error;
    const auto original = JsonFormat::read(json, QStringLiteral("unusual.json"), &error);
    QVERIFY2(original, qPrintable(error));
    QVERIFY(*original == generated);

    const QString file = path(QStringLiteral("unusual.workplan"));
    QVERIFY2(SqliteFormat::writeFile(*original, file, &error), qPrintable(error));
    const auto loaded = SqliteFormat::readFile(file, &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(*loaded == *original);
    QCOMPARE(JsonFormat::write(*loaded), json);

    // Types survive exactly: a numeric string stays a string, integers stay exact.
    const Task &t = loaded->task(1);
    QVERIFY(t.attributes.value(QStringLiteral("numeric_string")).isString());
    QVERIFY(t.attributes.value(QStringLiteral("number")).isDouble());
    QCOMPARE(t.attributes.value(QStringLiteral("big_integer")).toInteger(), qint64(9007199254740994LL));
    QVERIFY(t.attributes.value(QStringLiteral("nothing")).isNull());
    QCOMPARE(t.attributes.value(QStringLiteral("blob")).toString().size(), (1 << 20) + 2);
    QCOMPARE(t.attributes.value(withNul("key", "with nul")).toString(), withNul("value", "with nul"));
}

void TestSqliteFormat::fileIdentity()
{
    const QString file = saveSmall(QStringLiteral("identity.workplan"));
    QString error;
    QStringList got;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("identity"));
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const char *pragma : {"application_id", "user_version"}) {
            QVERIFY(q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(pragma))) && q.next());
            got << q.value(0).toString();
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("identity"));
    QCOMPARE(got, (QStringList{QString::number(SqliteFormat::kApplicationId), QString::number(SqliteFormat::kSchemaVersion)}));
    QCOMPARE(SqliteFormat::kApplicationId, 0x57504C4E);
}

// ProjectFile::load goes by the SQLite header, not by the name.
void TestSqliteFormat::sniffsByContent()
{
    const QString file = saveSmall(QStringLiteral("sniff.workplan"));
    const QString renamed = path(QStringLiteral("sniff-renamed.json"));
    QVERIFY(QFile::copy(file, renamed));
    QString error;
    const auto loaded = ProjectFile::load(renamed, &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(*loaded == smallProject());
}

QString TestSqliteFormat::saveSmall(const QString &name)
{
    const QString file = path(name);
    QString error;
    if (!SqliteFormat::writeFile(smallProject(), file, &error))
        qWarning("%s", qPrintable(error));
    return file;
}

// Loading refuses with a message naming the file, and leaves every byte as it was.
void TestSqliteFormat::expectRefusal(const QString &file, const QString &fragment)
{
    const QByteArray before = fileBytes(file);
    const QStringList filesBefore = leftovers(m_dir.path());
    QString error;
    const auto project = ProjectFile::load(file, &error);
    QVERIFY2(!project, qPrintable(QStringLiteral("%1 was not refused").arg(file)));
    QVERIFY2(error.startsWith(file + QLatin1Char(':')), qPrintable(error));
    QVERIFY2(error.contains(fragment, Qt::CaseInsensitive),
             qPrintable(QStringLiteral("'%1' does not mention '%2'").arg(error, fragment)));
    QVERIFY(fileBytes(file) == before);
    QCOMPARE(leftovers(m_dir.path()), filesBefore);   // no journal, no temp file
}

void TestSqliteFormat::refusesNotSqlite()
{
    const QString text = path(QStringLiteral("text.workplan"));
    QVERIFY(writeBytes(text, "this is not a database\n"));
    expectRefusal(text, QStringLiteral("not an SQLite database"));
    const QString empty = path(QStringLiteral("empty.workplan"));
    QVERIFY(writeBytes(empty, QByteArray()));
    expectRefusal(empty, QStringLiteral("not an SQLite database"));
}

void TestSqliteFormat::refusesOtherApplication()
{
    const QString file = path(QStringLiteral("other.workplan"));
    QString why;
    QVERIFY2(rawSql(file, {QStringLiteral("PRAGMA application_id = 1234"),
                           QStringLiteral("CREATE TABLE notes (body TEXT)"),
                           QStringLiteral("INSERT INTO notes VALUES ('hello')")}, &why), qPrintable(why));
    expectRefusal(file, QStringLiteral("another application"));

    // A plain SQLite file without any application id is not ours either.
    const QString plain = path(QStringLiteral("plain.workplan"));
    QVERIFY2(rawSql(plain, {QStringLiteral("CREATE TABLE t (x)")}, &why), qPrintable(why));
    expectRefusal(plain, QStringLiteral("another application"));
}

void TestSqliteFormat::refusesNewerVersion()
{
    const QString file = saveSmall(QStringLiteral("newer.workplan"));
    QString why;
    QVERIFY2(rawSql(file, {QStringLiteral("PRAGMA user_version = %1").arg(SqliteFormat::kSchemaVersion + 1)}, &why), qPrintable(why));
    expectRefusal(file, QStringLiteral("newer Workplan"));
}

void TestSqliteFormat::refusesTruncated()
{
    QString error;
    const QString full = path(QStringLiteral("full.workplan"));
    QVERIFY2(SqliteFormat::writeFile(unusualProject(2000), full, &error), qPrintable(error));
    const QByteArray bytes = fileBytes(full);
    QVERIFY(bytes.size() > 4 * 32768);

    const QString half = path(QStringLiteral("half.workplan"));
    QVERIFY(writeBytes(half, bytes.left(bytes.size() / 2)));
    expectRefusal(half, QStringLiteral("truncated"));
    const QString odd = path(QStringLiteral("odd.workplan"));
    QVERIFY(writeBytes(odd, bytes.left(bytes.size() - 1000)));
    expectRefusal(odd, QStringLiteral("truncated"));
    const QString header = path(QStringLiteral("header.workplan"));
    QVERIFY(writeBytes(header, bytes.left(60)));
    expectRefusal(header, QStringLiteral("truncated"));
}

void TestSqliteFormat::refusesCorruptedPage()
{
    QString error;
    const QString file = path(QStringLiteral("corrupt.workplan"));
    QVERIFY2(SqliteFormat::writeFile(unusualProject(2000), file, &error), qPrintable(error));
    QByteArray bytes = fileBytes(file);
    const int pageSize = 32768;
    const int pages = int(bytes.size() / pageSize);
    QVERIFY(pages > 4);
    // A whole page in the middle overwritten with garbage, as a bad sector would.
    const int page = pages / 2;
    for (int i = 0; i < pageSize; ++i)
        bytes[page * pageSize + i] = char(0xA5 ^ (i * 7));
    QVERIFY(writeBytes(file, bytes));
    expectRefusal(file, QStringLiteral("damaged"));
}

void TestSqliteFormat::refusesContractViolations_data()
{
    QTest::addColumn<QStringList>("sql");
    QTest::addColumn<QString>("fragment");
    auto row = [](const char *name, const QString &sql, const char *fragment) {
        QTest::newRow(name) << QStringList{sql} << QString::fromUtf8(fragment);
    };
    row("unknown parent", QStringLiteral("UPDATE tasks SET parent_task_id = 'nobody' WHERE task_id = 'b'"), "task 'b': unknown parent_task_id 'nobody'");
    row("parent loop", QStringLiteral("UPDATE tasks SET parent_task_id = 'b' WHERE task_id = 'a'"), "parent loop");
    row("duplicate id", QStringLiteral("UPDATE tasks SET task_id = 'a' WHERE task_id = 'b'"), "duplicate task_id");
    row("empty id", QStringLiteral("UPDATE tasks SET task_id = '' WHERE task_id = 'b'"), "empty task_id");
    row("empty type", QStringLiteral("UPDATE tasks SET task_type = '' WHERE task_id = 'b'"), "task 'b': task_type is empty");
    row("unknown status", QStringLiteral("UPDATE tasks SET status = 'sleeping' WHERE task_id = 'b'"), "task 'b': unknown status 'sleeping'");
    row("unknown stage", QStringLiteral("UPDATE tasks SET lifecycle_stage = 'x' WHERE task_id = 'b'"), "task 'b': unknown lifecycle_stage 'x'");
    row("bad flag", QStringLiteral("UPDATE tasks SET present = 32 WHERE task_id = 'b'"), "task 'b': a presence flag");
    row("negative flags", QStringLiteral("UPDATE tasks SET present = -1 WHERE task_id = 'b'"), "task 'b': a presence flag");
    row("flags not a number", QStringLiteral("UPDATE tasks SET present = 'all' WHERE task_id = 'b'"), "task 'b': a presence flag");
    row("bad dependency flag", QStringLiteral("UPDATE dependencies SET flags = 64"), "task 'c': a flag of the dependency on 'b'");
    row("unknown dependency type", QStringLiteral("UPDATE dependencies SET dependency_type = 'hope'"), "task 'c': unknown dependency_type 'hope'");
    row("dependency on unknown task", QStringLiteral("UPDATE dependencies SET dependency_task_id = 'ghost'"), "task 'c': dependency on unknown task 'ghost'");
    row("depends on itself", QStringLiteral("UPDATE dependencies SET dependency_task_id = 'c'"), "task 'c': depends on itself");
    row("depends on ancestor", QStringLiteral("UPDATE dependencies SET dependency_task_id = 'a'"), "task 'c': depends on its own ancestor 'a'");
    row("negative lag", QStringLiteral("UPDATE dependencies SET lag = '\"-2 days\"'"), "negative or unreadable");
    row("lag not json", QStringLiteral("UPDATE dependencies SET lag = 'two days'"), "lag on the dependency on 'b'");
    row("attributes not json", QStringLiteral("UPDATE attributes SET object = '{\"title\":\"unterminated' WHERE task = 1"), "task 'b': attributes are not one JSON object");
    row("attributes not an object", QStringLiteral("UPDATE attributes SET object = '[\"B\"]' WHERE task = 1"), "task 'b': attributes are not a JSON object");
    row("two objects in one row", QStringLiteral("UPDATE attributes SET object = '{\"a\":1},{\"b\":2}' WHERE task = 1"), "task 'b': attributes are not one JSON object");
    row("two rows of attributes", QStringLiteral("INSERT INTO attributes SELECT task, object FROM attributes WHERE task = 1"), "damaged project file: a task has two rows of attributes");
    row("extra not an object", QStringLiteral("UPDATE tasks SET extra = '[1]' WHERE task_id = 'b'"), "task 'b': extra fields");
    row("attribute of no task", QStringLiteral("UPDATE attributes SET task = 99"), "damaged");
    row("no project row", QStringLiteral("DELETE FROM project"), "project row is missing");
    row("missing table", QStringLiteral("DROP TABLE dependencies"), "damaged");
    row("bad calendar", QStringLiteral("UPDATE project SET hours_per_day = -1"), "calendar");
    row("start not a date", QStringLiteral("UPDATE project SET project_extra = '{\"start\":\"2025-13-01\"}'"), "project start \"2025-13-01\"");
    row("unknown working day", QStringLiteral("UPDATE project SET calendar_extra = '{\"working_days\":[\"someday\"]}'"), "unknown day \"someday\"");
    row("calendar extra not json", QStringLiteral("UPDATE project SET calendar_extra = 'holidays'"), "damaged");
    row("undeclared resource", QStringLiteral("UPDATE tasks SET extra = '{\"resources\":{\"dev\":1}}' WHERE task_id = 'b'"), "task 'b': resources names \"dev\"");
}

void TestSqliteFormat::refusesContractViolations()
{
    QFETCH(QStringList, sql);
    QFETCH(QString, fragment);
    const QString file = saveSmall(QStringLiteral("violation.workplan"));
    QString why;
    QVERIFY2(rawSql(file, sql, &why), qPrintable(why));
    expectRefusal(file, fragment);
}

void TestSqliteFormat::opensVersion1ByMigration()
{
    // Schema v1 as it was written: no canvas position columns. Rows are inserted out of
    // (task, ord) order on purpose; the reader sorts them.
    const QString file = path(QStringLiteral("v1.workplan"));
    QFile::remove(file);
    QString why;
    QVERIFY2(rawSql(file, {
        QStringLiteral("PRAGMA application_id = %1").arg(SqliteFormat::kApplicationId),
        QStringLiteral("PRAGMA user_version = 1"),
        QStringLiteral("CREATE TABLE project (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL,"
                       " hours_per_day REAL NOT NULL, days_per_week REAL NOT NULL, project_extra TEXT, file_extra TEXT)"),
        QStringLiteral("CREATE TABLE tasks (pos INTEGER PRIMARY KEY, task_id TEXT NOT NULL, task_type TEXT NOT NULL,"
                       " parent_task_id TEXT, status TEXT NOT NULL, lifecycle_stage TEXT NOT NULL,"
                       " has_parent_field INTEGER NOT NULL, has_status INTEGER NOT NULL, has_lifecycle INTEGER NOT NULL,"
                       " has_attributes INTEGER NOT NULL, has_dependencies INTEGER NOT NULL, extra TEXT)"),
        QStringLiteral("CREATE TABLE attributes (task INTEGER NOT NULL, ord INTEGER NOT NULL, name TEXT NOT NULL,"
                       " type TEXT NOT NULL, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE dependencies (task INTEGER NOT NULL, ord INTEGER NOT NULL,"
                       " dependency_task_id TEXT NOT NULL, dependency_type TEXT NOT NULL, description TEXT,"
                       " is_mandatory INTEGER NOT NULL, has_mandatory INTEGER NOT NULL, waived INTEGER NOT NULL,"
                       " has_waived INTEGER NOT NULL, lag TEXT, conditions TEXT, has_conditions INTEGER NOT NULL, extra TEXT)"),
        QStringLiteral("INSERT INTO project VALUES (1, 'Old plan', 6, 5, '{\"owner\":\"me\"}', NULL)"),
        QStringLiteral("INSERT INTO tasks VALUES (0, 'epic', 'epic', NULL, 'active', 'planning', 1, 1, 1, 0, 0, NULL)"),
        QStringLiteral("INSERT INTO tasks VALUES (1, 'design', 'specialist_task', 'epic', 'completed', 'completed', 1, 1, 1, 1, 1, NULL)"),
        QStringLiteral("INSERT INTO tasks VALUES (2, 'build', 'specialist_task', 'epic', 'pending', 'ready', 1, 1, 0, 1, 1, '{\"x-legacy\":true}')"),
        QStringLiteral("INSERT INTO attributes VALUES (2, 1, 'points', 'number', '8')"),
        QStringLiteral("INSERT INTO attributes VALUES (2, 0, 'estimated_effort', 'string', '\"2 days\"')"),
        QStringLiteral("INSERT INTO attributes VALUES (1, 0, 'estimated_effort', 'number', '12')"),
        QStringLiteral("INSERT INTO attributes VALUES (1, 1, 'labels', 'array', '[\"ux\",1,null]')"),
        QStringLiteral("INSERT INTO dependencies VALUES (2, 0, 'design', 'approval', 'sign-off', 1, 0, 0, 0, '\"1 day\"', NULL, 0, NULL)"),
    }, &why), qPrintable(why));

    QString error;
    const auto loaded = ProjectFile::load(file, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->name, QStringLiteral("Old plan"));
    QCOMPARE(loaded->calendar.hoursPerDay, 6.0);
    QCOMPARE(loaded->projectExtra.value(QStringLiteral("owner")).toString(), QStringLiteral("me"));
    QCOMPARE(loaded->taskCount(), 3);
    const Task &build = loaded->task(2);
    QCOMPARE(build.id, QStringLiteral("build"));
    // has_lifecycle 0 next to 'ready': a value other than the default counts as present,
    // as it would through JSON (found by fuzz_workplan).
    QVERIFY(build.hasLifecycle);
    QVERIFY(!build.hasPosition);
    QCOMPARE(build.extra.value(QStringLiteral("x-legacy")), QJsonValue(true));
    QCOMPARE(build.attributes.value(QStringLiteral("points")).toInteger(), qint64(8));
    QCOMPARE(build.attributes.value(QStringLiteral("estimated_effort")).toString(), QStringLiteral("2 days"));
    QCOMPARE(loaded->task(1).attributes.value(QStringLiteral("labels")).toArray(),
             (QJsonArray{QStringLiteral("ux"), 1, QJsonValue::Null}));
    QCOMPARE(build.dependencies.size(), 1);
    QVERIFY(build.dependencies.at(0).type == DependencyType::Approval);
    QCOMPARE(build.dependencies.at(0).lag, QJsonValue(QStringLiteral("1 day")));
    QCOMPARE(build.dependencies.at(0).description, QStringLiteral("sign-off"));

    // Saving writes the current schema; the content stays the same.
    const QString upgraded = path(QStringLiteral("v1-upgraded.workplan"));
    QVERIFY2(ProjectFile::save(*loaded, upgraded, &error), qPrintable(error));
    const auto again = ProjectFile::load(upgraded, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *loaded);
}

// v2 had no calendar_extra: its files read with an empty one (they never kept those fields);
// §6's start and §7's resources lived in project_extra already and come through.
void TestSqliteFormat::opensVersion2ByMigration()
{
    Project p;
    p.name = QStringLiteral("Dated");
    p.projectExtra.insert(QStringLiteral("start"), QStringLiteral("2025-06-02"));
    p.projectExtra.insert(QStringLiteral("resources"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("tester")}}});
    p.calendarExtra.insert(QStringLiteral("holidays"), QJsonArray{QStringLiteral("2025-06-09")});
    Task t;
    t.id = QStringLiteral("qa");
    t.type = QStringLiteral("specialist_task");
    t.extra.insert(QStringLiteral("resources"), QJsonObject{{QStringLiteral("tester"), 1}});
    p.setTasks({t});
    const QString file = path(QStringLiteral("v2.workplan"));
    QString error;
    QVERIFY2(ProjectFile::save(p, file, &error), qPrintable(error));
    const auto v3 = ProjectFile::load(file, &error);
    QVERIFY2(v3, qPrintable(error));
    QVERIFY(*v3 == p);   // the current schema keeps every §6/§7 field

    QString why;
    QVERIFY2(rawSql(file, toVersion3() << QStringLiteral("ALTER TABLE project DROP COLUMN calendar_extra")
                                       << QStringLiteral("PRAGMA user_version = 2"), &why), qPrintable(why));
    const auto v2 = ProjectFile::load(file, &error);
    QVERIFY2(v2, qPrintable(error));
    QVERIFY(v2->calendarExtra.isEmpty());
    QCOMPARE(v2->projectExtra, p.projectExtra);
    QCOMPARE(v2->task(0).extra, t.extra);

    const QString upgraded = path(QStringLiteral("v2-upgraded.workplan"));
    QVERIFY2(ProjectFile::save(*v2, upgraded, &error), qPrintable(error));
    const auto again = ProjectFile::load(upgraded, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *v2);
}

// v3 kept each flag in a column of its own; v4 packs them. Every combination the
// unusual project has (absent and present fields, waived, optional, conditions) reads the
// same from both, and a v3 flag other than the integer 0 or 1 is refused as before.
void TestSqliteFormat::opensVersion3ByMigration()
{
    // Attributes of every JSON type that SQLite's json_each (toVersion3()) spells back
    // exactly: not lone surrogates, nor doubles past 15 digits.
    Project p = unusualProject(300);
    for (int i = 0; i < p.taskCount(); ++i) {
        p.task(i).attributes = QJsonObject{
            {QStringLiteral("title"), QStringLiteral("Task %1 \"quoted\" ünïcødé").arg(i)},
            {QStringLiteral("n"), i}, {QStringLiteral("half"), i + 0.5}, {QStringLiteral("ok"), i % 2 == 0},
            {QStringLiteral("none"), QJsonValue::Null}, {QStringLiteral("list"), QJsonArray{1, QStringLiteral("x")}},
            {QStringLiteral("nested"), QJsonObject{{QStringLiteral("a"), QJsonArray{true}}}}};
    }
    // Flags in every combination on the dependencies.
    for (int i = 0, n = 0; i < p.taskCount(); ++i) {
        for (Dependency &d : p.task(i).dependencies) {
            d.mandatory = n & 1;
            d.hasMandatory = n & 2;
            d.waived = n & 4;
            d.hasWaived = n & 8;
            d.hasConditions = n & 16;
            ++n;
        }
    }
    const QString file = path(QStringLiteral("v3.workplan"));
    QString error, why;
    QVERIFY2(ProjectFile::save(p, file, &error), qPrintable(error));
    // (Loading settles a flag against its value: a non-default value counts as present.)
    const auto v4 = ProjectFile::load(file, &error);
    QVERIFY2(v4, qPrintable(error));
    QVERIFY2(rawSql(file, toVersion3(), &why), qPrintable(why));
    const auto v3 = ProjectFile::load(file, &error);
    QVERIFY2(v3, qPrintable(error));
    QVERIFY(*v3 == *v4);
    for (int i = 0; i < v3->taskCount(); ++i) {
        QCOMPARE(v3->task(i).hasParentField, v4->task(i).hasParentField);
        QCOMPARE(v3->task(i).hasStatus, v4->task(i).hasStatus);
        QCOMPARE(v3->task(i).hasLifecycle, v4->task(i).hasLifecycle);
        QCOMPARE(v3->task(i).hasAttributes, v4->task(i).hasAttributes);
        QCOMPARE(v3->task(i).hasDependencies, v4->task(i).hasDependencies);
        for (int k = 0; k < v3->task(i).dependencies.size(); ++k) {
            const Dependency &a = v3->task(i).dependencies.at(k), &b = v4->task(i).dependencies.at(k);
            QVERIFY(a.mandatory == b.mandatory && a.hasMandatory == b.hasMandatory && a.waived == b.waived
                    && a.hasWaived == b.hasWaived && a.hasConditions == b.hasConditions);
        }
    }
    QVERIFY2(rawSql(file, {QStringLiteral("UPDATE tasks SET has_status = 2 WHERE pos = 1")}, &why), qPrintable(why));
    expectRefusal(file, QStringLiteral("a presence flag"));
    QVERIFY2(rawSql(file, {QStringLiteral("UPDATE tasks SET has_status = 1 WHERE pos = 1"),
                           QStringLiteral("UPDATE dependencies SET waived = 'yes' WHERE rowid = 1")}, &why), qPrintable(why));
    expectRefusal(file, QStringLiteral("a flag of the dependency"));
    // v3's attribute rows are checked as before: the type beside each value, the value's JSON.
    QVERIFY2(rawSql(file, {QStringLiteral("UPDATE dependencies SET waived = 0 WHERE rowid = 1"),
                           QStringLiteral("UPDATE attributes SET type = 'number' WHERE name = 'title' AND task = 1")}, &why), qPrintable(why));
    expectRefusal(file, QStringLiteral("attribute 'title' does not hold a JSON value of type 'number'"));
    QVERIFY2(rawSql(file, {QStringLiteral("UPDATE attributes SET type = 'string', value = '\"unterminated' WHERE name = 'title' AND task = 1")}, &why), qPrintable(why));
    expectRefusal(file, QStringLiteral("an attribute does not hold a JSON value"));
}

void TestSqliteFormat::saveReplacesAtomicallyAndCleansUp()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plan.workplan"));
    QString error;
    QVERIFY2(SqliteFormat::writeFile(smallProject(), file, &error), qPrintable(error));
    const Project bigger = unusualProject(500);
    QVERIFY2(SqliteFormat::writeFile(bigger, file, &error), qPrintable(error));
    const auto loaded = SqliteFormat::readFile(file, &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(*loaded == bigger);
    QCOMPARE(leftovers(dir.path()), QStringList{QStringLiteral("plan.workplan")});
}

void TestSqliteFormat::saveIntoMissingFolder()
{
    const QString file = path(QStringLiteral("no/such/folder/plan.workplan"));
    QString error;
    QVERIFY(!SqliteFormat::writeFile(smallProject(), file, &error));
    QVERIFY2(error.startsWith(file + QLatin1Char(':')) && error.contains(QLatin1String("does not exist")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("no"))));
}

void TestSqliteFormat::saveOntoFolder()
{
    const QString folder = path(QStringLiteral("afolder.workplan"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(writeBytes(folder + QLatin1String("/inside.txt"), "keep"));
    QString error;
    QVERIFY(!SqliteFormat::writeFile(smallProject(), folder, &error));
    QVERIFY2(error.startsWith(folder + QLatin1Char(':')) && error.contains(QLatin1String("folder")), qPrintable(error));
    QVERIFY(QFileInfo(folder).isDir());
    QCOMPARE(fileBytes(folder + QLatin1String("/inside.txt")), QByteArray("keep"));
}

void TestSqliteFormat::saveIntoReadOnlyFolder()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plan.workplan"));
    QString error;
    QVERIFY2(SqliteFormat::writeFile(smallProject(), file, &error), qPrintable(error));
    const QByteArray before = fileBytes(file);
    QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
    auto restore = qScopeGuard([&] {
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    });
    {
        QFile probe(dir.filePath(QStringLiteral("probe")));
        if (probe.open(QIODevice::WriteOnly)) {
            probe.close();
            probe.remove();
            QSKIP("running as root: a read-only folder is still writable");
        }
    }
    QVERIFY(!SqliteFormat::writeFile(unusualProject(100), file, &error));
    QVERIFY2(error.startsWith(file + QLatin1Char(':')), qPrintable(error));
    QCOMPARE(fileBytes(file), before);
    QCOMPARE(leftovers(dir.path()), QStringList{QStringLiteral("plan.workplan")});
}

// A write that fails half way (here: the file size limit, which even root obeys, stands
// in for a full disk) keeps the original and removes the temporary file.
void TestSqliteFormat::saveFailureKeepsOriginal()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plan.workplan"));
    QString error;
    QVERIFY2(SqliteFormat::writeFile(smallProject(), file, &error), qPrintable(error));
    const QByteArray before = fileBytes(file);

    rlimit old{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 256 * 1024;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const bool saved = SqliteFormat::writeFile(unusualProject(3000), file, &error);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY(!saved);
    QVERIFY2(error.startsWith(file + QLatin1Char(':')), qPrintable(error));
    QCOMPARE(fileBytes(file), before);
    QCOMPARE(leftovers(dir.path()), QStringList{QStringLiteral("plan.workplan")});
    QVERIFY(SqliteFormat::readFile(file, &error));
}

void TestSqliteFormat::commandLine()
{
    const QString binary = QStringLiteral(WORKPLAN_BINARY);
    auto run = [&](const QStringList &args, QByteArray *out = nullptr) {
        QProcess p;
        p.start(binary, args);
        p.waitForFinished(120000);
        if (out)
            *out = p.readAllStandardOutput();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    };
    const QDir examples(QStringLiteral(WORKPLAN_EXAMPLES_DIR));
    for (const QString &name : examples.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (name.endsWith(QLatin1String(".expected.json")))
            continue;
        const QString input = examples.filePath(name);
        const QString wp = path(QStringLiteral("cli.workplan"));
        const QString back = path(QStringLiteral("cli-back.json"));
        const QString direct = path(QStringLiteral("cli-direct.json"));
        QCOMPARE(run({QStringLiteral("convert"), input, wp}), 0);
        QCOMPARE(run({QStringLiteral("convert"), wp, back}), 0);
        QCOMPARE(run({QStringLiteral("convert"), input, direct}), 0);
        QCOMPARE(fileBytes(back), fileBytes(direct));
        QByteArray fromJson, fromWorkplan;
        const int codeJson = run({QStringLiteral("analyze"), input, QStringLiteral("--json")}, &fromJson);
        QCOMPARE(run({QStringLiteral("analyze"), wp, QStringLiteral("--json")}, &fromWorkplan), codeJson);
        QVERIFY(!fromJson.isEmpty());
        QCOMPARE(fromWorkplan, fromJson);
        QByteArray textJson, textWorkplan;
        run({QStringLiteral("analyze"), input}, &textJson);
        run({QStringLiteral("analyze"), wp}, &textWorkplan);
        QCOMPARE(textWorkplan, textJson);
    }

    // OUT is replaced only when the conversion succeeded.
    const QString out = path(QStringLiteral("keep.workplan"));
    QVERIFY(QFile::copy(path(QStringLiteral("cli.workplan")), out));
    const QByteArray before = fileBytes(out);
    const QString bad = path(QStringLiteral("bad.json"));
    QVERIFY(writeBytes(bad, "{\"tasks\": [{\"task_id\": \"a\"}]}"));
    QCOMPARE(run({QStringLiteral("convert"), bad, out}), 2);
    QCOMPARE(fileBytes(out), before);
    const QString garbage = path(QStringLiteral("garbage.workplan"));
    QVERIFY(writeBytes(garbage, "SQLite format 3"));
    QCOMPARE(run({QStringLiteral("convert"), garbage, out}), 2);
    QCOMPARE(fileBytes(out), before);
}

// The reader reuses the previous task's type and parent when they repeat (one string, not
// one per task); a change in between and an empty type still read as written.
void TestSqliteFormat::siblingsShareTypeAndParent()
{
    Project p = smallProject();
    QList<Task> tasks = p.tasks();
    Task d;
    d.id = QStringLiteral("d");
    d.type = QStringLiteral("specialist_task");
    d.parentId = QStringLiteral("a");
    Task e;
    e.id = QStringLiteral("e");
    e.type = QStringLiteral("feature");
    e.parentId = QStringLiteral("b");
    tasks << d << e;
    p.setTasks(tasks);
    const QString file = path(QStringLiteral("siblings.workplan"));
    QString error;
    QVERIFY2(SqliteFormat::writeFile(p, file, &error), qPrintable(error));
    const auto loaded = SqliteFormat::readFile(file, &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(*loaded == p);
    QVERIFY(loaded->task(0).parentId.isNull());
    QVERIFY(loaded->task(2).parentId.isSharedWith(loaded->task(1).parentId));
    QVERIFY(loaded->task(3).parentId.isSharedWith(loaded->task(2).parentId));
    QVERIFY(loaded->task(3).type.isSharedWith(loaded->task(2).type));
    QCOMPARE(loaded->task(4).parentId, QStringLiteral("b"));
    QCOMPARE(loaded->task(4).type, QStringLiteral("feature"));
}

// The native writer binds the project's strings in place and moves temporaries in; the
// QSqlQuery writer copies everything. Both must store the same rows.
void TestSqliteFormat::nativeAndQtRowsWriteTheSameRows()
{
    const Project project = unusualProject(300);
    const QString native = path(QStringLiteral("native.workplan"));
    const QString qt = path(QStringLiteral("qt.workplan"));
    QString error;
    QVERIFY2(SqliteFormat::writeFile(project, native, &error), qPrintable(error));
    qputenv("WORKPLAN_SQLITE_QT_ROWS", "1");
    auto restore = qScopeGuard([] { qunsetenv("WORKPLAN_SQLITE_QT_ROWS"); });
    QVERIFY2(SqliteFormat::writeFile(project, qt, &error), qPrintable(error));
    const QStringList a = tableRows(native);
    const QStringList b = tableRows(qt);
    QVERIFY(a.size() > 300);
    QCOMPARE(a, b);
}

// Attributes kept compact (as the JSON and .workplan readers make them) are written value
// by value from their text; edited ones (QJsonObject) through the codec: the rows agree,
// for every kind of value the unusual project holds (escapes, nul, emoji, right-to-left
// text, big integers, nesting).
void TestSqliteFormat::compactAndEditedAttributesWriteTheSameRows()
{
    // Without the lone surrogates: a file that has one keeps its attributes as objects.
    Project source = unusualProject(300);
    for (int i = 0; i < source.taskCount(); ++i) {
        Task &t = source.task(i);
        for (const QString &key : t.attributes.keys()) {
            if (std::any_of(key.cbegin(), key.cend(), [](QChar c) { return c.isSurrogate(); }))
                t.attributes.remove(key);
        }
    }
    QString error;
    const auto compact = JsonFormat::read(JsonFormat::write(source), QStringLiteral("unusual.json"), &error);
    QVERIFY2(compact, qPrintable(error));
    int compactTasks = 0;
    Project edited = *compact;
    for (int i = 0; i < edited.taskCount(); ++i) {
        Task &t = edited.task(i);
        compactTasks += t.attributes.canonicalJson().isNull() ? 0 : 1;
        t.attributes = Attributes(t.attributes.toObject());
        QVERIFY(t.attributes.canonicalJson().isNull());
    }
    QVERIFY2(compactTasks > 200, qPrintable(QString::number(compactTasks)));
    const QString a = path(QStringLiteral("compact.workplan"));
    const QString b = path(QStringLiteral("edited.workplan"));
    QVERIFY2(SqliteFormat::writeFile(*compact, a, &error), qPrintable(error));
    QVERIFY2(SqliteFormat::writeFile(edited, b, &error), qPrintable(error));
    const QStringList rowsA = tableRows(a);
    QVERIFY(rowsA.size() > 300);
    QCOMPARE(rowsA, tableRows(b));
}

QTEST_GUILESS_MAIN(TestSqliteFormat)
#include "tst_sqliteformat.moc"
