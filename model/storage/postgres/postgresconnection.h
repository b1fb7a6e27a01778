#pragma once

#include "postgresstore.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QSqlDatabase>
#include <QString>

class QSqlQuery;

namespace Workplan::PostgresStore {

// One QPSQL connection for one fetch or publish, made and removed in the calling thread.
// Qt Sql connections are named and global: the name is unique per use, and the
// destructor closes the connection and removes it once the last handle is gone.
class Connection
{
public:
    Connection();
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // False with *problem ("cannot connect: ...") when the server cannot be reached, the
    // login fails or the QPSQL driver is missing.
    bool open(const Location &location, QString *problem);
    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

// COPY ... FROM STDIN on the connection of `db`, inside its open transaction, the rows in
// COPY's text format, sent while the caller encodes the next ones. QPSQL has no COPY, so
// this goes to libpq directly, through the driver's native handle and the libpq the
// driver itself loaded. Only when no query of the connection is still delivering rows.
class CopyIn
{
public:
    explicit CopyIn(const QSqlDatabase &db);
    // False (and nothing sent) when the driver is not libpq-based or its libpq cannot be
    // found: the caller then takes another way.
    bool available() const { return m_conn != nullptr; }
    // Starts `statement` (a COPY ... FROM STDIN). False with *problem: the server's reason.
    bool start(const QByteArray &statement, QString *problem);
    // Sends rows (whole lines); false when the connection failed (finish() says why).
    bool send(const QByteArray &rows);
    // Ends the COPY and reads its outcome. False with *problem (the server's message, e.g.
    // the row it refused); the transaction is then aborted.
    bool finish(QString *problem);

private:
    void *m_conn = nullptr;
    bool m_sent = true;
};

// The cells of an executed query that is not forward-only, read as text from the result
// libpq holds (QPSQL keeps it whole and lends it through QSqlResult::handle()).
// QSqlQuery::value() makes a QVariant per cell and converts it by type, which at 100k
// tasks cost several times the query itself. Where the driver is not libpq-based, the
// cells come through value() (as UTF-8 text) instead.
class ResultCells
{
public:
    explicit ResultCells(QSqlQuery &query);
    int rowCount() const { return m_rows; }
    bool isNull(int row, int column) const;
    // The cell's text (PostgreSQL's text output: numbers spelled out, booleans "t"/"f"),
    // valid until the next call. Empty for NULL.
    QByteArrayView text(int row, int column) const;
    // Tests read the cells through QSqlQuery::value() as a driver without libpq would.
    static void setLibpqAllowed(bool allowed);

private:
    QSqlQuery &m_query;
    const void *m_result = nullptr;
    int m_rows = 0;
    mutable QByteArray m_cell;   // the fallback's last cell
};

// "URL: problem", the form of every message of this store.
QString message(const Location &location, const QString &problem);

} // namespace Workplan::PostgresStore
