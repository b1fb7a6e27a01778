#include "postgresconnection.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlResult>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>
#include <QVariant>

#if defined(Q_OS_LINUX)
#include <dlfcn.h>
#endif

namespace Workplan::PostgresStore {

namespace {

const QLatin1String kDriver("QPSQL");

// The URL as the user typed it, less any password, for a URL QUrl could not parse.
QString withoutPassword(const QString &url)
{
    const qsizetype scheme = url.indexOf(QLatin1String("://"));
    if (scheme < 0)
        return url;
    const qsizetype start = scheme + 3;
    qsizetype end = url.indexOf(u'/', start);
    if (end < 0)
        end = url.size();
    const qsizetype at = url.lastIndexOf(u'@', end - 1);
    if (at < start)
        return url;
    const qsizetype colon = url.indexOf(u':', start);
    if (colon < 0 || colon > at)
        return url;
    return url.left(colon) + url.mid(at);
}

// The few libpq calls a COPY needs, from the libpq already loaded for the QPSQL driver
// (RTLD_NOLOAD: never a second copy, whose PGconn would not be this one). Declared here
// rather than from libpq-fe.h, which the build does not need otherwise; the values are
// libpq's stable ABI (ExecStatusType: PGRES_COMMAND_OK 1, PGRES_COPY_IN 4).
struct LibPq
{
    using Exec = void *(*)(void *, const char *);
    using Status = int (*)(const void *);
    using Clear = void (*)(void *);
    using PutCopyData = int (*)(void *, const char *, int);
    using PutCopyEnd = int (*)(void *, const char *);
    using GetResult = void *(*)(void *);
    using ErrorMessage = char *(*)(const void *);
    using Tuples = int (*)(const void *);
    using Cell = char *(*)(const void *, int, int);
    using CellInt = int (*)(const void *, int, int);
    enum { CommandOk = 1, CopyIn = 4 };

    Exec exec = nullptr;
    Status status = nullptr;
    Clear clear = nullptr;
    PutCopyData putCopyData = nullptr;
    PutCopyEnd putCopyEnd = nullptr;
    GetResult getResult = nullptr;
    ErrorMessage errorMessage = nullptr;   // of the connection
    Tuples ntuples = nullptr;
    Cell getvalue = nullptr;
    CellInt getlength = nullptr;
    CellInt getisnull = nullptr;

    LibPq()
    {
#if defined(Q_OS_LINUX)
        void *lib = ::dlopen("libpq.so.5", RTLD_LAZY | RTLD_NOLOAD);
        if (!lib)
            return;
        exec = reinterpret_cast<Exec>(::dlsym(lib, "PQexec"));
        status = reinterpret_cast<Status>(::dlsym(lib, "PQresultStatus"));
        clear = reinterpret_cast<Clear>(::dlsym(lib, "PQclear"));
        putCopyData = reinterpret_cast<PutCopyData>(::dlsym(lib, "PQputCopyData"));
        putCopyEnd = reinterpret_cast<PutCopyEnd>(::dlsym(lib, "PQputCopyEnd"));
        getResult = reinterpret_cast<GetResult>(::dlsym(lib, "PQgetResult"));
        errorMessage = reinterpret_cast<ErrorMessage>(::dlsym(lib, "PQerrorMessage"));
        ntuples = reinterpret_cast<Tuples>(::dlsym(lib, "PQntuples"));
        getvalue = reinterpret_cast<Cell>(::dlsym(lib, "PQgetvalue"));
        getlength = reinterpret_cast<CellInt>(::dlsym(lib, "PQgetlength"));
        getisnull = reinterpret_cast<CellInt>(::dlsym(lib, "PQgetisnull"));
#endif
    }
    bool complete() const { return exec && status && clear && putCopyData && putCopyEnd && getResult && errorMessage; }
    bool canReadCells() const { return ntuples && getvalue && getlength && getisnull; }

    static const LibPq &get()
    {
        static const LibPq lib;
        return lib;
    }
};

// The driver's PGconn, or null.
void *nativeHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // PGconn is libpq's typedef of struct pg_conn; Qt names the type either way.
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<void *const *>(handle.constData());
}

} // namespace

CopyIn::CopyIn(const QSqlDatabase &db)
{
    if (LibPq::get().complete())
        m_conn = nativeHandle(db);
}

bool CopyIn::start(const QByteArray &statement, QString *problem)
{
    const LibPq &pq = LibPq::get();
    if (!m_conn) {
        *problem = QStringLiteral("COPY is not available on this connection");
        return false;
    }
    void *started = pq.exec(m_conn, statement.constData());
    const int status = started ? pq.status(started) : 0;
    if (started)
        pq.clear(started);
    // Anything else the server answered has been read in full by PQexec.
    if (status != LibPq::CopyIn) {
        *problem = QString::fromUtf8(pq.errorMessage(m_conn)).simplified();
        return false;
    }
    m_sent = true;
    return true;
}

bool CopyIn::send(const QByteArray &rows)
{
    // libpq takes an int length: pieces of 1 MB at most.
    constexpr qsizetype kPiece = 1 << 20;
    for (qsizetype at = 0; m_sent && at < rows.size(); at += kPiece)
        m_sent = LibPq::get().putCopyData(m_conn, rows.constData() + at, int(qMin(kPiece, rows.size() - at))) == 1;
    return m_sent;
}

bool CopyIn::finish(QString *problem)
{
    const LibPq &pq = LibPq::get();
    // A failed send ends the COPY with an error of our own, so nothing half-sent is kept.
    bool ok = pq.putCopyEnd(m_conn, m_sent ? nullptr : "Workplan could not send every row") == 1 && m_sent;
    QString why = ok ? QString() : QString::fromUtf8(pq.errorMessage(m_conn)).simplified();
    // The COPY's result, then null: every one is read, so the connection is idle again.
    while (void *result = pq.getResult(m_conn)) {
        if (pq.status(result) != LibPq::CommandOk) {
            ok = false;
            if (why.isEmpty())
                why = QString::fromUtf8(pq.errorMessage(m_conn)).simplified();
        }
        pq.clear(result);
    }
    if (!ok)
        *problem = why.isEmpty() ? QStringLiteral("the rows could not be sent") : why;
    return ok;
}

namespace {
QAtomicInteger<int> libpqAllowed(1);
}

void ResultCells::setLibpqAllowed(bool allowed)
{
    libpqAllowed.storeRelaxed(allowed ? 1 : 0);
}

ResultCells::ResultCells(QSqlQuery &query) : m_query(query)
{
    const LibPq &pq = LibPq::get();
    const QVariant handle = query.isActive() && !query.isForwardOnly() && query.result() ? query.result()->handle() : QVariant();
    // PGresult is libpq's typedef of struct pg_result.
    if (libpqAllowed.loadRelaxed() && pq.canReadCells() && handle.isValid()
        && (qstrcmp(handle.typeName(), "PGresult*") == 0 || qstrcmp(handle.typeName(), "pg_result*") == 0)) {
        m_result = *static_cast<const void *const *>(handle.constData());
        if (m_result) {
            m_rows = pq.ntuples(m_result);
            return;
        }
    }
    m_result = nullptr;
    m_rows = query.isActive() && query.isSelect() && query.last() ? query.at() + 1 : 0;
}

bool ResultCells::isNull(int row, int column) const
{
    if (m_result)
        return LibPq::get().getisnull(m_result, row, column) != 0;
    m_query.seek(row);
    return m_query.isNull(column);
}

QByteArrayView ResultCells::text(int row, int column) const
{
    if (m_result) {
        const LibPq &pq = LibPq::get();
        return QByteArrayView(pq.getvalue(m_result, row, column), pq.getlength(m_result, row, column));
    }
    m_query.seek(row);
    const QVariant v = m_query.value(column);
    // As PostgreSQL spells them, so one decoder reads both ways.
    if (v.typeId() == QMetaType::Bool)
        m_cell = v.toBool() ? QByteArrayLiteral("t") : QByteArrayLiteral("f");
    else
        m_cell = v.toString().toUtf8();
    return m_cell;
}

bool isUrl(const QString &path)
{
    return path.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || path.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

std::optional<Location> parseUrl(const QString &url, QString *error)
{
    Location l;
    // Tolerant: a project name typed with spaces or accents ("?project=Release Plan")
    // is taken as meant; a %XX escape works as well.
    const QUrl u(url, QUrl::TolerantMode);
    l.display = u.isValid() ? u.toString(QUrl::RemovePassword) : withoutPassword(url);
    auto refuse = [&](const QString &problem) -> std::optional<Location> {
        if (error)
            *error = message(l, problem);
        return std::nullopt;
    };
    if (!isUrl(url))
        return refuse(QStringLiteral("not a PostgreSQL URL (postgresql://user@host:port/database?project=NAME)"));
    if (!u.isValid())
        // QUrl's message goes on to quote the whole URL, password included: only its reason.
        return refuse(QStringLiteral("not a valid URL: %1").arg(u.errorString().section(QLatin1String("; source was"), 0, 0)));
    l.host = u.host(QUrl::FullyDecoded);
    l.port = u.port(-1);
    l.user = u.userName(QUrl::FullyDecoded);
    // An empty password ("user:@host") counts as none, so libpq may still find one.
    const QString password = u.password(QUrl::FullyDecoded);
    if (!password.isEmpty())
        l.password = password;
    const QString path = u.path(QUrl::FullyDecoded);
    l.database = path.startsWith(u'/') ? path.mid(1) : path;
    if (l.database.isEmpty() || l.database.contains(u'/'))
        return refuse(QStringLiteral("the URL names no database (postgresql://user@host:port/database?project=NAME)"));
    if (u.hasFragment())
        return refuse(QStringLiteral("a PostgreSQL URL has no #fragment"));

    const QUrlQuery query(u);
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (item.first == QLatin1String("project")) {
            l.project = item.second;
        } else if (item.first == QLatin1String("sslmode")) {
            static const QStringList modes{QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
                                           QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
            if (!modes.contains(item.second))
                return refuse(QStringLiteral("unknown sslmode '%1' (one of %2)").arg(item.second, modes.join(QLatin1String(", "))));
            l.sslMode = item.second;
        } else {
            return refuse(QStringLiteral("unknown URL parameter '%1' (known: project, sslmode)").arg(item.first));
        }
    }
    if (l.project.isEmpty())
        return refuse(QStringLiteral("the URL names no project (add ?project=NAME)"));
    return l;
}

QString message(const Location &location, const QString &problem)
{
    return QStringLiteral("%1: %2").arg(location.display, problem);
}

Connection::Connection()
{
    static QAtomicInteger<quint64> counter;
    m_name = QStringLiteral("workplan-postgres-%1").arg(counter.fetchAndAddRelaxed(1));
}

Connection::~Connection()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
}

bool Connection::open(const Location &location, QString *problem)
{
    if (!QSqlDatabase::isDriverAvailable(kDriver)) {
        *problem = QStringLiteral("cannot connect: Qt's PostgreSQL driver QPSQL is not installed (libqt6sql6-psql)");
        return false;
    }
    m_db = QSqlDatabase::addDatabase(kDriver, m_name);
    if (!location.host.isEmpty())
        m_db.setHostName(location.host);
    if (location.port >= 0)
        m_db.setPort(location.port);
    m_db.setDatabaseName(location.database);
    if (!location.user.isEmpty())
        m_db.setUserName(location.user);
    // Without one libpq reads PGPASSWORD, then ~/.pgpass, by itself.
    if (!location.password.isNull())
        m_db.setPassword(location.password);
    // A host that never answers must not hang the editor or the command line.
    QStringList options{QStringLiteral("connect_timeout=10"), QStringLiteral("application_name=workplan")};
    if (!location.sslMode.isEmpty())
        options << QStringLiteral("sslmode=%1").arg(location.sslMode);
    m_db.setConnectOptions(options.join(u';'));
    if (!m_db.open()) {
        *problem = QStringLiteral("cannot connect: %1").arg(m_db.lastError().text().simplified());
        return false;
    }
    // libpq prints NOTICEs on stderr; nothing Workplan runs needs them.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SET client_min_messages = warning"))) {
        *problem = QStringLiteral("cannot connect: %1").arg(q.lastError().text().simplified());
        return false;
    }
    return true;
}

} // namespace Workplan::PostgresStore
