#pragma once

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace Workplan {

// Bulk row transfer for the .workplan file. The connection, its pragmas and transactions
// always go through QSQLITE; only the hot per-row loops can take a shortcut: QSqlQuery
// spends about a microsecond of QVariant and placeholder bookkeeping per value, which
// puts a 100k-task project well past the issue #3 targets (0.5 s open, 0.7 s save).
// When the QSQLITE driver runs on the same SQLite library this binary links (Debian's
// does), rows are bound and read through the driver's native handle
// (QSqlDriver::handle()); otherwise, or with WORKPLAN_SQLITE_QT_ROWS=1 in the
// environment, everything goes through QSqlQuery. Both paths write the same file.

// One INSERT statement, filled a value at a time, in column order.
class RowSink
{
public:
    virtual ~RowSink() = default;
    virtual void text(const QString &s) = 0;    // a null QString is stored as ''
    // The same for a string that stays alive and unchanged until finish() (the saved
    // project's own strings, static names): bound in place, not held by a copy.
    virtual void stableText(const QString &s) { text(s); }
    // The same for a temporary: moved into the sink, not copied.
    virtual void takeText(QString &&s) { text(s); }
    virtual void null() = 0;
    virtual void integer(qint64 i) = 0;
    virtual void real(double d) = 0;
    virtual bool endRow() = 0;
    // False when a row failed or fewer rows came than announced; error() says why.
    virtual bool finish() = 0;
    virtual QString error() const = 0;
};

// One SELECT, read forward only.
class RowSource
{
public:
    virtual ~RowSource() = default;
    // False at the end or on an error; then error() is empty only at a clean end.
    virtual bool next() = 0;
    virtual bool isNull(int column) = 0;
    virtual QString text(int column) = 0;
    // The same text without a copy, valid until the next call of next().
    virtual QStringView view(int column) = 0;
    // Strict: only an integer value is an integer, only a number is a real.
    virtual bool integer(int column, qint64 *out) = 0;
    virtual bool real(int column, double *out) = 0;
    virtual QString error() const = 0;
};

namespace SqliteRows {

// `totalRows` is the number of rows that will follow, so statements can be batched.
std::unique_ptr<RowSink> insert(const QSqlDatabase &db, const char *table, int columns, qsizetype totalRows);
std::unique_ptr<RowSource> select(const QSqlDatabase &db, const QString &sql);

} // namespace SqliteRows
} // namespace Workplan
