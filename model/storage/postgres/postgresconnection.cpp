#include "postgresconnection.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

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

} // namespace

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
