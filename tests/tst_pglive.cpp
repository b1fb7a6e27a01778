// tst_pglive: the cluster, the helpers and main (tst_pglive.h).

#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"
#include "model/storage/postgres/postgresrows.h"
#include "model/storage/postgres/postgresstore.h"
#include "model/storage/postgres/teamsync.h"
#include "tst_pglive.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <csignal>
#include <memory>

using namespace Workplan;
using WorkplanTest::PgCluster;

namespace PgLive {

// 100 summaries s000..s099 of 19 tasks each: 2,000 tasks, t0000..t1899 the leaves, some
// linked to the one before within their summary.
Project makeProject(int summaries)
{
    Project p;
    p.name = QStringLiteral("Live");
    QList<Task> tasks;
    int n = 0;
    for (int s = 0; s < summaries; ++s) {
        Task summary;
        summary.id = QStringLiteral("s%1").arg(s, 3, 10, QLatin1Char('0'));
        summary.type = QStringLiteral("summary");
        summary.attributes.insert(QStringLiteral("title"), QStringLiteral("Phase %1").arg(s));
        tasks.append(summary);
        for (int c = 0; c < 19; ++c, ++n) {
            Task t;
            t.id = QStringLiteral("t%1").arg(n, 4, 10, QLatin1Char('0'));
            t.type = QStringLiteral("specialist_task");
            t.parentId = summary.id;
            t.attributes.insert(QStringLiteral("title"), QStringLiteral("Task %1").arg(n));
            t.attributes.insert(QStringLiteral("effort"), QStringLiteral("%1 days").arg(1 + n % 5));
            if (c > 0 && n % 3 == 0) {
                Dependency d;
                d.taskId = QStringLiteral("t%1").arg(n - 1, 4, 10, QLatin1Char('0'));
                t.dependencies.append(d);
            }
            tasks.append(t);
        }
    }
    p.setTasks(tasks);
    return p;
}

QList<QJsonObject> readLines(const QString &path)
{
    QList<QJsonObject> lines;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return lines;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

const QRegularExpression kConflict(QStringLiteral("^.+ was (changed|deleted) by .+ at \\d\\d:\\d\\d — your edit was not applied"));

} // namespace PgLive

void TestPgLive::initTestCase()
{
    if (!PgCluster::installed()) {
        qWarning("*** PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin): every live-editing test is SKIPPED ***");
        QSKIP("PostgreSQL 15 is not installed: scripts/install-deps.sh installs it");
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        qWarning("*** Qt's QPSQL driver is missing: every live-editing test is SKIPPED ***");
        QSKIP("Qt's PostgreSQL driver is not installed: scripts/install-deps.sh installs libqt6sql6-psql");
    }
    QVERIFY(m_dir.isValid());
    QString why;
    QVERIFY2(m_cluster.start(&why), qPrintable(why));
    QVERIFY2(m_cluster.createDatabase(QStringLiteral("live"), &why), qPrintable(why));
}

void TestPgLive::cleanupTestCase()
{
    for (QProcess *p : std::as_const(m_processes)) {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(5000);
        }
        delete p;
    }
    m_cluster.stop();
}

std::unique_ptr<TestPgLive::Editor> TestPgLive::open(const QString &project, const QString &user)
{
    auto e = std::make_unique<Editor>();
    e->sync.setUserName(user);
    QString error;
    if (!e->sync.open(url(project), &error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    return e;
}

Project TestPgLive::fetch(const QString &project)
{
    QString error;
    const auto p = PostgresStore::fetch(url(project), &error);
    if (!p)
        qWarning("%s", qPrintable(error));
    return p ? *p : Project();
}

// The project as the change log alone gives it: the last publish's rows, then each later
// change's rows (null: deleted) and properties up to change `upTo` (-1: all), sorted by
// (ord, id). A publish of schema version 3 does not copy its rows into its log row: they
// are the rows still of its version plus those an edit saved before rewriting them
// (published_rows); an older publish's log row holds them itself.
Project TestPgLive::replayLog(const QString &project, qint64 upTo)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("replay"));
    Project result;
    {
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_cluster.port());
        db.setDatabaseName(QStringLiteral("live"));
        db.setUserName(QStringLiteral("postgres"));
        if (!db.open())
            return result;
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral(
            "SELECT c.kind, c.rows::text, c.properties::text, c.change_id, c.project_id FROM change_log c"
            " JOIN projects p ON p.id = c.project_id"
            " WHERE p.name = ? AND c.change_id >= (SELECT max(change_id) FROM change_log c2 WHERE c2.project_id = p.id"
            " AND c2.kind IN ('publish', 'replace')) AND (? < 0 OR c.change_id <= ?) ORDER BY c.change_id"));
        q.addBindValue(project);
        q.addBindValue(upTo);
        q.addBindValue(upTo);
        q.exec();
        QMap<QString, QJsonObject> rows;
        QJsonObject properties;
        QList<std::pair<QString, QJsonArray>> changes;   // kind, rows
        qint64 projectId = 0, published = 0;
        bool copied = false;   // the publish's log row holds its rows (schema version 2)
        while (q.next()) {
            changes.append({q.value(0).toString(), QJsonDocument::fromJson(q.value(1).toString().toUtf8()).array()});
            if (changes.size() == 1) {
                published = q.value(3).toLongLong();
                projectId = q.value(4).toLongLong();
                copied = !q.isNull(1);
            }
            if (!q.isNull(2))
                properties = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
        }
        if (!changes.isEmpty() && !copied) {
            QSqlQuery r(db);
            r.prepare(QStringLiteral(
                "SELECT j.task_id, j.row::text FROM task_json j JOIN tasks t ON t.project_id = j.project_id"
                " AND t.task_id = j.task_id WHERE t.project_id = ? AND t.version = ?"
                " UNION ALL SELECT task_id, row::text FROM published_rows WHERE project_id = ? AND change_id = ?"));
            r.addBindValue(projectId);
            r.addBindValue(published);
            r.addBindValue(projectId);
            r.addBindValue(published);
            r.exec();
            QJsonArray publishedRows;
            while (r.next())
                publishedRows.append(QJsonObject{{QStringLiteral("task_id"), r.value(0).toString()},
                                                 {QStringLiteral("row"), QJsonDocument::fromJson(r.value(1).toString().toUtf8()).object()}});
            changes.first().second = publishedRows;
        }
        for (const auto &[kind, changed] : std::as_const(changes)) {
            if (kind != QLatin1String("edit") && kind != QLatin1String("undo") && kind != QLatin1String("redo"))
                rows.clear();
            for (const QJsonValue &v : changed) {
                const QJsonObject o = v.toObject();
                if (o.value(QLatin1String("row")).isObject())
                    rows.insert(o.value(QLatin1String("task_id")).toString(), o.value(QLatin1String("row")).toObject());
                else
                    rows.remove(o.value(QLatin1String("task_id")).toString());
            }
        }
        QList<std::pair<std::pair<double, QString>, Task>> tasks;
        for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
            Task t;
            double ord = 0;
            QString problem;
            if (!PostgresRows::decode(it.value(), &t, &ord, &problem))
                qWarning("%s", qPrintable(problem));
            tasks.append({{ord, t.id}, t});
        }
        std::sort(tasks.begin(), tasks.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        QList<Task> list;
        for (const auto &t : tasks)
            list.append(t.second);
        result.setTasks(list);
        result.name = properties.value(QLatin1String("project_name")).toString();
        result.calendar.hoursPerDay = properties.value(QLatin1String("hours_per_day")).toDouble();
        result.calendar.daysPerWeek = properties.value(QLatin1String("days_per_week")).toDouble();
        result.projectExtra = properties.value(QLatin1String("project_extra")).toObject();
        result.calendarExtra = properties.value(QLatin1String("calendar_extra")).toObject();
        result.extra = properties.value(QLatin1String("file_extra")).toObject();
        q.finish();
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("replay"));
    return result;
}

QProcess *TestPgLive::startDriver(const QStringList &args)
{
    auto *p = new QProcess;
    m_processes.append(p);
    p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p->start(QStringLiteral(PGDRIVER_BINARY), args);
    return p;
}

QTEST_MAIN(TestPgLive)
