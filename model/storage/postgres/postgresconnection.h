#pragma once

#include "postgresstore.h"

#include <QSqlDatabase>
#include <QString>

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

// "URL: problem", the form of every message of this store.
QString message(const Location &location, const QString &problem);

} // namespace Workplan::PostgresStore
