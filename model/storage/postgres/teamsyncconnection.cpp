// TeamSync: opening, the connection, LISTEN, presence and reconnects (teamsync.h).

#include "teamsync.h"

#include "../../projectdocument.h"
#include "postgresconnection.h"
#include "postgresschema.h"

#include <QSysInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUndoStack>

namespace Workplan {

bool TeamSync::open(const QString &url, QString *error)
{
    close();
    const auto location = PostgresStore::parseUrl(url, error);
    if (!location)
        return false;
    m_location = *location;
    auto fail = [&](const QString &problem) {
        if (error)
            *error = PostgresStore::message(m_location, problem);
        m_connection.reset();
        return false;
    };
    QString problem;
    m_connection = std::make_unique<PostgresStore::Connection>();
    if (!m_connection->open(m_location, &problem))
        return fail(problem);
    QSqlDatabase &db = m_connection->db();

    // An older schema is upgraded here, in a transaction of its own; a newer one refused.
    {
        if (!db.transaction())
            return fail(db.lastError().text().simplified());
        const auto state = PostgresSchema::inspect(db, &problem);
        if (state && *state == PostgresSchema::State::Old) {
            if (!PostgresSchema::ensure(db, &problem) || !db.commit()) {
                db.rollback();
                return fail(problem.isEmpty() ? db.lastError().text().simplified() : problem);
            }
        } else {
            db.rollback();
        }
    }
    auto snapshot = PostgresStore::fetchSnapshot(db, m_location, &problem);
    if (!snapshot)
        return fail(QStringLiteral("cannot open project '%1': %2").arg(m_location.project, problem));
    {
        // A role that may only read opens the project read-only.
        QSqlQuery q(db);
        m_readOnly = !(q.exec(QStringLiteral("SELECT has_table_privilege('tasks', 'INSERT, UPDATE, DELETE')"
                                             " AND has_table_privilege('change_log', 'INSERT')"
                                             " AND has_table_privilege('published_rows', 'INSERT')"))
                       && q.next() && q.value(0).toBool());
    }

    adopt(std::move(*snapshot), m_location.display);   // never the password

    if (!connectNow(&problem)) {
        m_connected = false;
        m_reconnect->start();
    } else {
        m_connected = true;
        // What committed between the snapshot and LISTEN.
        catchUp();
        heartbeat();
        m_heartbeat->start();
    }
    return true;
}

// Subscribes the (new) connection to the project's channel.
bool TeamSync::connectNow(QString *problem)
{
    if (!m_connection || !m_connection->db().isOpen()) {
        m_connection = std::make_unique<PostgresStore::Connection>();
        if (!m_connection->open(m_location, problem))
            return false;
    }
    QSqlDriver *driver = m_connection->db().driver();
    if (!driver->subscribeToNotification(PostgresStore::notificationChannel(m_projectId))) {
        *problem = driver->lastError().text().simplified();
        return false;
    }
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString &, QSqlDriver::NotificationSource source, const QVariant &) {
                if (source != QSqlDriver::SelfSource)
                    catchUp();
            });
    return true;
}

void TeamSync::close()
{
    m_heartbeat->stop();
    m_reconnect->stop();
    if (m_connection && m_connected && m_projectId) {
        QSqlQuery q(m_connection->db());
        q.prepare(QStringLiteral("DELETE FROM presence WHERE project_id = ?::bigint AND client_id = ?::text"));
        q.addBindValue(m_projectId);
        q.addBindValue(m_clientId);
        q.exec();
    }
    m_connection.reset();
    m_projectId = 0;
    m_connected = false;
    if (!m_others.isEmpty()) {
        m_others.clear();
        emit othersChanged(m_others);
    }
}

bool TeamSync::checkAlive()
{
    // QPSQL closes the connection itself after a fatal error ("terminating connection").
    if (!m_connection || !m_connection->db().isOpen())
        return false;
    QSqlQuery q(m_connection->db());
    return q.exec(QStringLiteral("SELECT 1")) && q.next();
}

// The connection is gone: no edits until it is back. Nothing is torn down here, since
// the caller may still hold a query on it; the reconnect timer replaces it.
void TeamSync::lostConnection()
{
    if (!m_connected)
        return;
    m_connected = false;
    m_heartbeat->stop();
    m_reconnect->start();
    emit connectedChanged(false);
}

void TeamSync::tryReconnect()
{
    if (!isOpen()) {
        m_reconnect->stop();
        return;
    }
    m_connection.reset();
    QString problem;
    if (!connectNow(&problem))
        return;
    m_reconnect->stop();
    m_connected = true;
    emit connectedChanged(true);
    catchUp();
    heartbeat();
    m_heartbeat->start();
}

void TeamSync::setHeartbeatInterval(int ms)
{
    m_heartbeat->setInterval(ms);
}

void TeamSync::setReconnectInterval(int ms)
{
    m_reconnect->setInterval(ms);
}

// This editor's presence row, the others', and a catch-up in case a notification was lost.
void TeamSync::heartbeat()
{
    if (!m_connected || !isOpen())
        return;
    QSqlQuery q(m_connection->db());
    q.prepare(QStringLiteral("INSERT INTO presence (project_id, client_id, user_name, host) VALUES (?::bigint, ?::text,"
                             " coalesce(?::text, current_user), ?::text) ON CONFLICT (project_id, client_id)"
                             " DO UPDATE SET last_seen = now(), user_name = EXCLUDED.user_name"));
    q.addBindValue(m_projectId);
    q.addBindValue(m_clientId);
    q.addBindValue(m_userName.isEmpty() ? QVariant() : QVariant(m_userName));
    q.addBindValue(QSysInfo::machineHostName());
    if (!q.exec() && !checkAlive()) {
        lostConnection();
        return;
    }
    // Three missed heartbeats and a little: gone.
    q.prepare(QStringLiteral("SELECT DISTINCT user_name FROM presence WHERE project_id = ?::bigint AND client_id <> ?::text"
                             " AND last_seen > now() - ?::integer * interval '1 millisecond' ORDER BY 1"));
    q.addBindValue(m_projectId);
    q.addBindValue(m_clientId);
    q.addBindValue(3 * m_heartbeat->interval() + 2000);
    if (!q.exec()) {
        if (!checkAlive())
            lostConnection();
        return;
    }
    QStringList others;
    while (q.next())
        others.append(q.value(0).toString());
    if (others != m_others) {
        m_others = others;
        emit othersChanged(m_others);
    }
    catchUp();
}

} // namespace Workplan
