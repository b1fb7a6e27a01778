#pragma once

// A private PostgreSQL 15 cluster for one test run (tst_postgres): initdb into a temporary
// folder, a free port on 127.0.0.1 only, its socket in that folder, trust for 127.0.0.1,
// and stopped again however the run ends. The machine's own cluster is never touched.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUrl>
#include <QThread>
#include <QVariant>

#include <csignal>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

namespace WorkplanTest {

class PgCluster
{
public:
    static QString binary(const char *name)
    {
        return QStringLiteral("/usr/lib/postgresql/15/bin/") + QLatin1String(name);
    }
    static bool installed()
    {
        return QFileInfo(binary("initdb")).isExecutable() && QFileInfo(binary("pg_ctl")).isExecutable()
            && QFileInfo(binary("postgres")).isExecutable();
    }

    PgCluster() = default;
    PgCluster(const PgCluster &) = delete;
    PgCluster &operator=(const PgCluster &) = delete;
    ~PgCluster() { stop(); }

    int port() const { return m_port; }
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
    QString log() const
    {
        QFile f(m_dir.filePath(QStringLiteral("server.log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    // A port nobody listens on right now (the kernel's pick for port 0).
    static int freePort()
    {
        QTcpServer s;
        if (!s.listen(QHostAddress::LocalHost, 0))
            return 0;
        const int port = s.serverPort();
        s.close();
        return port;
    }

    bool start(QString *why)
    {
        if (!m_dir.isValid())
            return fail(why, QStringLiteral("no temporary folder"));
        // PostgreSQL refuses to run as root: as root everything runs as `postgres`, which
        // must own the folder.
        if (::getuid() == 0) {
            const passwd *pw = ::getpwnam("postgres");
            if (!pw)
                return fail(why, QStringLiteral("running as root and there is no system user 'postgres'"));
            if (::chown(QFile::encodeName(m_dir.path()).constData(), pw->pw_uid, pw->pw_gid) != 0)
                return fail(why, QStringLiteral("cannot hand %1 to 'postgres'").arg(m_dir.path()));
        }
        startWatchdog();
        QString out;
        if (!runAsServerUser(binary("initdb"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("postgres"),
                                                QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                                                QStringLiteral("--locale=C"), QStringLiteral("--no-sync")}, 60000, &out))
            return fail(why, QStringLiteral("initdb failed: %1").arg(out));
        m_port = freePort();
        if (m_port == 0)
            return fail(why, QStringLiteral("no free port"));
        // Speed over durability: the cluster lives for one test run.
        const QString conf = QStringLiteral(
            "\nlisten_addresses = '127.0.0.1'\nport = %1\nunix_socket_directories = '%2'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 30\n"
            "shared_buffers = 16MB\nlogging_collector = off\n").arg(m_port).arg(m_dir.path());
        if (!writeFile(QStringLiteral("postgresql.conf"), conf.toUtf8(), QIODevice::Append)
            || !writeFile(QStringLiteral("pg_hba.conf"),
                          "local all all trust\nhost all all 127.0.0.1/32 trust\n", QIODevice::Truncate))
            return fail(why, QStringLiteral("cannot configure the cluster in %1").arg(dataDir()));
        m_started = true;   // from here on stop() must run, whatever start() returns
        if (!runAsServerUser(binary("pg_ctl"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), m_dir.filePath(QStringLiteral("server.log")),
                                                QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("start")},
                             45000, &out))
            return fail(why, QStringLiteral("pg_ctl start failed: %1\n%2").arg(out, log()));
        return true;
    }

    // A clean restart mid-run (tst_pglive): `fast` shutdown ends every session and writes
    // everything committed to disk first, then the server starts again on the same port.
    bool restart(QString *why)
    {
        QString out;
        if (!runAsServerUser(binary("pg_ctl"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"),
                                                QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("stop")},
                             45000, &out))
            return fail(why, QStringLiteral("pg_ctl stop failed: %1").arg(out));
        if (!runAsServerUser(binary("pg_ctl"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), m_dir.filePath(QStringLiteral("server.log")),
                                                QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("start")},
                             45000, &out))
            return fail(why, QStringLiteral("pg_ctl start failed: %1\n%2").arg(out, log()));
        return true;
    }

    // Immediate stop; then, if a server is still there, its postmaster is killed by pid.
    void stop()
    {
        if (!m_started)
            return;
        m_started = false;
        QString out;
        runAsServerUser(binary("pg_ctl"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("immediate"),
                                           QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("20"), QStringLiteral("stop")},
                        30000, &out);
        QFile pidFile(QDir(dataDir()).filePath(QStringLiteral("postmaster.pid")));
        if (pidFile.open(QIODevice::ReadOnly)) {
            const pid_t pid = pid_t(pidFile.readLine().trimmed().toLongLong());
            if (pid > 1)
                ::kill(pid, SIGKILL);
        }
    }

    bool createDatabase(const QString &name, QString *why)
    {
        return exec(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE \"%1\"").arg(name), why);
    }

    // One statement as the superuser on a short-lived connection (test setup only).
    bool exec(const QString &database, const QString &sql, QString *why, const QVariantList &values = {})
    {
        QVariant ignored;
        return query(database, sql, values, &ignored, why);
    }
    QVariant scalar(const QString &database, const QString &sql, const QVariantList &values = {})
    {
        QVariant result;
        QString why;
        if (!query(database, sql, values, &result, &why))
            qWarning("%s", qPrintable(why));
        return result;
    }

    // A login role that must give `password` (scram-sha-256) over TCP, as a real server
    // would ask; every other role keeps trust. Its pg_hba.conf line goes first (the first
    // line that matches decides), then the server reloads; returns once a login without
    // the password is refused, since the reload happens after pg_reload_conf() returns.
    bool requirePassword(const QString &role, const QString &password, QString *why)
    {
        QString quoted = password;
        quoted.replace(QLatin1Char('\''), QLatin1String("''"));
        if (!exec(QStringLiteral("postgres"), QStringLiteral("SET password_encryption = 'scram-sha-256'; "
                                                             "CREATE ROLE \"%1\" LOGIN PASSWORD '%2'").arg(role, quoted), why))
            return false;
        QFile hba(QDir(dataDir()).filePath(QStringLiteral("pg_hba.conf")));
        if (!hba.open(QIODevice::ReadOnly))
            return fail(why, QStringLiteral("cannot read %1").arg(hba.fileName()));
        const QByteArray rules = QStringLiteral("host all \"%1\" 127.0.0.1/32 scram-sha-256\n").arg(role).toUtf8() + hba.readAll();
        hba.close();
        if (!writeFile(QStringLiteral("pg_hba.conf"), rules, QIODevice::Truncate))
            return fail(why, QStringLiteral("cannot write %1").arg(hba.fileName()));
        if (!exec(QStringLiteral("postgres"), QStringLiteral("SELECT pg_reload_conf()"), why))
            return false;
        for (int attempt = 0; attempt < 200; ++attempt) {
            QString error;
            if (!login(role, QString(), &error) && error.contains(QLatin1String("password")))
                return true;
            QThread::msleep(25);
        }
        return fail(why, QStringLiteral("the server still lets %1 in without a password").arg(role));
    }

    // Whether `role` may log in to the database "postgres" with `password` (empty: none).
    bool login(const QString &role, const QString &password, QString *error) const
    {
        static int counter = 0;
        const QString name = QStringLiteral("pgcluster-login-%1").arg(++counter);
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(m_port);
            db.setDatabaseName(QStringLiteral("postgres"));
            db.setUserName(role);
            db.setPassword(password);
            db.setConnectOptions(QStringLiteral("connect_timeout=10"));
            ok = db.open();
            if (!ok)
                *error = db.lastError().text();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    QString url(const QString &database, const QString &project) const
    {
        return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2?project=%3")
            .arg(m_port)
            .arg(database, QString::fromLatin1(QUrl::toPercentEncoding(project)));
    }

private:
    static bool fail(QString *why, const QString &text)
    {
        *why = text;
        return false;
    }

    bool writeFile(const QString &name, const QByteArray &bytes, QIODevice::OpenModeFlag mode)
    {
        QFile f(QDir(dataDir()).filePath(name));
        return f.open(QIODevice::WriteOnly | mode) && f.write(bytes) == bytes.size();
    }

    static QStringList serverUserCommand(const QString &program, const QStringList &args)
    {
        if (::getuid() != 0)
            return QStringList{program} + args;
        return QStringList{QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} + args;
    }

    static bool runAsServerUser(const QString &program, const QStringList &args, int timeoutMs, QString *output)
    {
        QStringList command = serverUserCommand(program, args);
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setStandardInputFile(QProcess::nullDevice());
        p.setWorkingDirectory(QDir::tempPath());
        p.start(command.takeFirst(), command);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished(5000);
            *output = QStringLiteral("timed out after %1 ms: %2").arg(timeoutMs).arg(QString::fromUtf8(p.readAll()));
            return false;
        }
        *output = QString::fromUtf8(p.readAll());
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    // A test that crashes, is killed or hits QtTest's watchdog never reaches stop(): a
    // detached shell waits for this process to end, then stops a server still running and
    // removes the folder. After a normal run the folder is already gone and it just ends.
    void startWatchdog()
    {
        const QStringList stop = serverUserCommand(binary("pg_ctl"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"),
                                                                      QStringLiteral("immediate"), QStringLiteral("-w"),
                                                                      QStringLiteral("-t"), QStringLiteral("20"), QStringLiteral("stop")});
        const QString script = QStringLiteral(
            "while kill -0 \"$1\" 2>/dev/null; do sleep 0.5; done; [ -d \"$3\" ] || exit 0; "
            "p=\"$2\"; d=\"$3\"; shift 3; "
            "if [ -f \"$p/postmaster.pid\" ]; then \"$@\" >/dev/null 2>&1; fi; rm -rf \"$d\"");
        QProcess p;
        p.setProgram(QStringLiteral("/bin/sh"));
        p.setArguments(QStringList{QStringLiteral("-c"), script, QStringLiteral("watchdog"),
                                   QString::number(::getpid()), dataDir(), m_dir.path()} + stop);
        p.setStandardInputFile(QProcess::nullDevice());
        p.setStandardOutputFile(QProcess::nullDevice());
        p.setStandardErrorFile(QProcess::nullDevice());
        p.startDetached();
    }

    bool query(const QString &database, const QString &sql, const QVariantList &values, QVariant *first, QString *why)
    {
        static int counter = 0;
        const QString name = QStringLiteral("pgcluster-%1").arg(++counter);
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(m_port);
            db.setDatabaseName(database);
            db.setUserName(QStringLiteral("postgres"));
            db.setConnectOptions(QStringLiteral("connect_timeout=10"));
            if (!db.open()) {
                *why = db.lastError().text();
            } else {
                QSqlQuery q(db);
                ok = values.isEmpty() ? q.exec(sql) : q.prepare(sql);
                if (ok && !values.isEmpty()) {
                    for (const QVariant &v : values)
                        q.addBindValue(v);
                    ok = q.exec();
                }
                if (!ok)
                    *why = q.lastError().text();
                else if (q.isSelect() && q.next())
                    *first = q.value(0);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    // Under /tmp, not $TMPDIR: the `postgres` user must be able to reach it.
    QTemporaryDir m_dir{QStringLiteral("/tmp/wp-pgcluster-XXXXXX")};
    int m_port = 0;
    bool m_started = false;
};

} // namespace WorkplanTest
