// tst_pglive: many editor processes at once (pgdriver), kill -9 inside a transaction and a
// server restart mid-run (tst_pglive.h). The bar of issue #22 item 6.

#include "tst_pglive.h"

#include "model/storage/json/jsonformat.h"
#include "model/storage/postgres/postgresstore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlQuery>

#include <csignal>

using namespace Workplan;
using namespace PgLive;

namespace {

// Reads the process's output until a line starts with `prefix`; that line, or empty.
QByteArray waitForLine(QProcess *p, const QByteArray &prefix, int timeoutMs, QByteArray *buffer)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        const qsizetype at = buffer->indexOf(prefix);
        if (at >= 0 && (at == 0 || buffer->at(at - 1) == '\n')) {
            const qsizetype end = buffer->indexOf('\n', at);
            if (end > at)
                return buffer->mid(at, end - at);
        }
        if (p->state() == QProcess::NotRunning && !p->bytesAvailable())
            return QByteArray();
        p->waitForReadyRead(100);
        buffer->append(p->readAllStandardOutput());
    }
    return QByteArray();
}

struct Tally
{
    int accepted = 0;
    int refused = 0;
    int nothing = 0;
};

} // namespace

// `clients` drivers of `edits` edits each on `project` at once, the server restarted once
// mid-run when `restart`; then every promise of item 6 that needs no kill (checkRun).
void TestPgLive::runDrivers(const QString &project, int clients, int edits, bool restart)
{
    QElapsedTimer clock;
    clock.start();
    const QString finish = m_dir.filePath(project + QStringLiteral("-finish"));
    QStringList names;
    QList<QProcess *> drivers;
    for (int k = 0; k < clients; ++k) {
        const QString name = QStringLiteral("%1-c%2").arg(project).arg(k);
        names.append(name);
        drivers.append(startDriver({url(project), QStringLiteral("--name"), QStringLiteral("c%1").arg(k), QStringLiteral("--edits"),
                                    QString::number(edits), QStringLiteral("--seed"), QString::number(k + 1),
                                    QStringLiteral("--log"), m_dir.filePath(name + QStringLiteral(".jsonl")),
                                    QStringLiteral("--out"), m_dir.filePath(name + QStringLiteral(".json")),
                                    QStringLiteral("--finish-file"), finish, QStringLiteral("--delay-ms"), QStringLiteral("40")}));
    }
    QList<QByteArray> buffers(drivers.size());
    if (restart) {
        // Once every driver has made some edits.
        QTRY_VERIFY_WITH_TIMEOUT(readLines(m_dir.filePath(names.last() + QStringLiteral(".jsonl"))).size() >= edits / 3, 60000);
        QString why;
        QVERIFY2(m_cluster.restart(&why), qPrintable(why));
        qInfo("server restarted after %lld ms", clock.elapsed());
    }
    for (int k = 0; k < drivers.size(); ++k)
        QVERIFY2(!waitForLine(drivers[k], "DONE", 120000, &buffers[k]).isEmpty(), qPrintable(names[k] + QStringLiteral(" did not finish")));
    const qint64 editing = clock.elapsed();
    QFile(finish).open(QIODevice::WriteOnly);
    for (QProcess *p : std::as_const(drivers)) {
        QVERIFY(p->waitForFinished(30000));
        QCOMPARE(p->exitCode(), 0);
    }
    checkRun(project, names, restart);
    qInfo("%d drivers x %d edits: %lld ms editing, %lld ms in all", clients, edits, editing, clock.elapsed());
}

void TestPgLive::tenDriversAtOnce()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(100), url(QStringLiteral("bar")), &error), qPrintable(error));
    runDrivers(QStringLiteral("bar"), 10, 300, false);
}

void TestPgLive::restartLosesNoAcceptedEdit()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(20), url(QStringLiteral("restart")), &error), qPrintable(error));
    runDrivers(QStringLiteral("restart"), 3, 150, true);
}

// Two editors rename the same task at the same moment: exactly one wins, the other is
// told so, and the database has the winner's title.
void TestPgLive::simultaneousRenameHasOneWinner()
{
    for (int round = 0; round < 3; ++round) {
        const QString project = QStringLiteral("pair%1").arg(round);
        QString error;
        QVERIFY2(PostgresStore::publish(makeProject(1), url(project), &error), qPrintable(error));
        const QString go = m_dir.filePath(project + QStringLiteral("-go"));
        QList<QProcess *> pair;
        QList<QByteArray> buffers(2);
        for (const QString &who : {QStringLiteral("a"), QStringLiteral("b")}) {
            pair.append(startDriver({url(project), QStringLiteral("From %1").arg(who), QStringLiteral("--name"), who,
                                     QStringLiteral("--set-title"), QStringLiteral("t0005"), QStringLiteral("--start-file"), go,
                                     QStringLiteral("--log"), m_dir.filePath(project + who + QStringLiteral(".jsonl"))}));
        }
        for (int k = 0; k < 2; ++k)
            QVERIFY(!waitForLine(pair[k], "OPEN", 30000, &buffers[k]).isEmpty());
        QFile(go).open(QIODevice::WriteOnly);
        for (QProcess *p : std::as_const(pair))
            QVERIFY(p->waitForFinished(30000));
        QStringList winners;
        for (const QString &who : {QStringLiteral("a"), QStringLiteral("b")}) {
            const QList<QJsonObject> lines = readLines(m_dir.filePath(project + who + QStringLiteral(".jsonl")));
            QCOMPARE(lines.size(), 1);
            const QString result = lines.first().value(QLatin1String("result")).toString();
            if (result == QLatin1String("accepted")) {
                winners.append(who);
            } else {
                QCOMPARE(result, QStringLiteral("refused"));
                const QString message = lines.first().value(QLatin1String("message")).toString();
                QVERIFY2(kConflict.match(message).hasMatch() && message.startsWith(QLatin1String("From ")), qPrintable(message));
            }
        }
        QCOMPARE(winners.size(), 1);
        QCOMPARE(fetch(project).find(QStringLiteral("t0005"))->title(), QStringLiteral("From %1").arg(winners.first()));
    }
}

// A client killed while its transaction is open (every statement run, COMMIT not sent)
// leaves nothing of that edit, 20 times; the edits it committed before stay.
void TestPgLive::killedInsideTransactionLeavesNothing()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(10), url(QStringLiteral("kill")), &error), qPrintable(error));
    QList<qint64> killed;
    for (int i = 0; i < 20; ++i) {
        const QString name = QStringLiteral("kill-%1").arg(i);
        QProcess *p = startDriver({url(QStringLiteral("kill")), QStringLiteral("--name"), QStringLiteral("k%1").arg(i),
                                   QStringLiteral("--edits"), QStringLiteral("10"), QStringLiteral("--seed"), QString::number(100 + i),
                                   QStringLiteral("--pause-at"), QString::number(i % 4), QStringLiteral("--delay-ms"), QStringLiteral("0"),
                                   QStringLiteral("--log"), m_dir.filePath(name + QStringLiteral(".jsonl"))});
        QByteArray buffer;
        QByteArray line = waitForLine(p, "PAUSED ", 30000, &buffer);
        if (line.isEmpty() && p->state() == QProcess::NotRunning)
            continue;   // every edit up to the pause found nothing to change
        QVERIFY2(!line.isEmpty(), buffer.constData());
        const qint64 change = line.mid(7).trimmed().toLongLong();
        QVERIFY(change > 0);
        ::kill(pid_t(p->processId()), SIGKILL);
        QVERIFY(p->waitForFinished(10000));
        killed.append(change);
        // Nothing of it: no log row, no row written by it, and the project lock is free
        // again (this query would wait for it otherwise).
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM change_log WHERE change_id = ?"), {change}), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM tasks WHERE version = ?"), {change}), 0);
    }
    QVERIFY(killed.size() >= 15);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                                                   " WHERE a.application_name = 'workplan' AND l.locktype = 'tuple'")), 0, 10000);
    QString why;
    const Project db = fetch(QStringLiteral("kill"));
    QVERIFY(db.taskCount() > 0);
    QVERIFY(replayLog(QStringLiteral("kill")) == db);
    qInfo("%lld kills inside a transaction, %lld edits committed before them", qint64(killed.size()),
          count(QStringLiteral("SELECT count(*) FROM change_log c JOIN projects p ON p.id = c.project_id WHERE p.name = 'kill'")) - 1);
}

// What every run must leave: each client's project is the database's, the database is
// the replay of the log, each accepted edit is in the log once and only those of its
// client, each refusal says why.
void TestPgLive::checkRun(const QString &project, const QStringList &clients, bool connectionRefusalsAllowed)
{
    const Project db = fetch(project);
    QVERIFY(db.taskCount() > 0);
    const QByteArray dbJson = JsonFormat::write(db);
    QVERIFY2(replayLog(project) == db, "the change log does not replay to the database");

    QHash<qint64, std::pair<QString, QString>> log;   // change id -> (client id, task ids)
    {
        QSqlDatabase conn = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("check"));
        conn.setHostName(QStringLiteral("127.0.0.1"));
        conn.setPort(m_cluster.port());
        conn.setDatabaseName(QStringLiteral("live"));
        conn.setUserName(QStringLiteral("postgres"));
        QVERIFY(conn.open());
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("SELECT c.change_id, coalesce(c.client_id, ''), array_to_string(c.task_ids, ',') FROM change_log c"
                                 " JOIN projects p ON p.id = c.project_id WHERE p.name = ?"));
        q.addBindValue(project);
        QVERIFY(q.exec());
        while (q.next())
            log.insert(q.value(0).toLongLong(), {q.value(1).toString(), q.value(2).toString()});
        q = QSqlQuery();   // its prepared statement goes while the connection is open
        conn.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));

    Tally all;
    QSet<qint64> seen;
    for (const QString &base : clients) {
        QFile out(m_dir.filePath(base + QStringLiteral(".json")));
        QVERIFY2(out.open(QIODevice::ReadOnly), qPrintable(out.fileName()));
        QVERIFY2(out.readAll() == dbJson, qPrintable(QStringLiteral("%1 ends with another project than the database's").arg(base)));
        const QList<QJsonObject> lines = readLines(m_dir.filePath(base + QStringLiteral(".jsonl")));
        QVERIFY(!lines.isEmpty());
        QString clientId;
        int accepted = 0;
        for (const QJsonObject &line : lines) {
            clientId = line.value(QLatin1String("client_id")).toString();
            const QString result = line.value(QLatin1String("result")).toString();
            if (result == QLatin1String("accepted")) {
                ++accepted;
                const qint64 change = line.value(QLatin1String("change")).toString().toLongLong();
                QVERIFY2(!seen.contains(change), "one change id accepted twice");
                seen.insert(change);
                QVERIFY2(log.contains(change), qPrintable(QStringLiteral("accepted change %1 is not in the log").arg(change)));
                QCOMPARE(log.value(change).first, clientId);
                QStringList ids;
                for (const QJsonValue &v : line.value(QLatin1String("ids")).toArray())
                    ids.append(v.toString());
                QCOMPARE(log.value(change).second, ids.join(u','));
            } else if (result == QLatin1String("refused")) {
                ++all.refused;
                const QString message = line.value(QLatin1String("message")).toString();
                const bool conflict = kConflict.match(message).hasMatch();
                QVERIFY2(conflict || (connectionRefusalsAllowed && message.contains(QLatin1String("your edit was not applied"))),
                         qPrintable(message));
            } else {
                ++all.nothing;
            }
        }
        all.accepted += accepted;
        int logged = 0;
        for (auto it = log.cbegin(); it != log.cend(); ++it)
            logged += it.value().first == clientId;
        // Exactly once: no change of this client in the log that it did not see accepted
        // (after a restart one commit may have gone through unseen: its reply was lost).
        QVERIFY2(logged == accepted || (connectionRefusalsAllowed && logged <= accepted + 1),
                 qPrintable(QStringLiteral("%1: %2 accepted, %3 in the log").arg(base).arg(accepted).arg(logged)));
    }
    qInfo("%s: %d accepted, %d refused, %d without change; %lld log rows", qPrintable(project), all.accepted, all.refused,
          all.nothing, qint64(log.size()));
    QVERIFY(all.accepted > 0);
}
