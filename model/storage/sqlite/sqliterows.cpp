#include "sqliterows.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <sqlite3.h>

#include <cstring>
#include <vector>

namespace Workplan::SqliteRows {

namespace {

// The driver's connection, when it is safe to drive it with the SQLite this binary links:
// the handle must be a sqlite3* and the driver must report the very same SQLite build.
sqlite3 *nativeHandle(const QSqlDatabase &db)
{
    if (qEnvironmentVariableIntValue("WORKPLAN_SQLITE_QT_ROWS") != 0 || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT sqlite_source_id()")) || !q.next()
        || q.value(0).toString() != QLatin1String(sqlite3_sourceid()))
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

QString nativeError(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

// Native inserts, many rows per statement: each execution of an INSERT opens a cursor,
// seeks to the end of the table and halts the VM, which costs more than a row itself.
// The row count is known up front: the odd rows go one per statement, the rest in chunks.
class NativeSink final : public RowSink
{
public:
    static constexpr int kRowsPerStatement = 32;

    NativeSink(sqlite3 *db, const char *table, int columns, qsizetype totalRows)
        : m_db(db), m_columns(columns), m_singlesLeft(int(totalRows % kRowsPerStatement)),
          m_hold(size_t(columns) * kRowsPerStatement)
    {
        if (m_singlesLeft > 0)
            m_single = prepare(table, 1);
        if (totalRows >= kRowsPerStatement)
            m_chunk = prepare(table, kRowsPerStatement);
        m_current = m_singlesLeft > 0 ? m_single : m_chunk;
        m_capacity = m_singlesLeft > 0 ? columns : columns * kRowsPerStatement;
    }
    ~NativeSink() override
    {
        sqlite3_finalize(m_single);
        sqlite3_finalize(m_chunk);
    }

    // The statement keeps a reference to each string until it ran, so SQLite reads it in
    // place (SQLITE_STATIC) instead of copying it.
    void text(const QString &s) override
    {
        const int parameter = ++m_parameter;
        if (s.isEmpty() || parameter > int(m_hold.size())) {
            sqlite3_bind_text(m_current, parameter, "", 0, SQLITE_STATIC);
            return;
        }
        QString &held = m_hold[size_t(parameter - 1)];
        held = s;
        sqlite3_bind_text16(m_current, parameter, held.constData(), int(held.size() * sizeof(QChar)), SQLITE_STATIC);
    }
    void stableText(const QString &s) override
    {
        const int parameter = ++m_parameter;
        if (s.isEmpty())
            sqlite3_bind_text(m_current, parameter, "", 0, SQLITE_STATIC);
        else
            sqlite3_bind_text16(m_current, parameter, s.constData(), int(s.size() * sizeof(QChar)), SQLITE_STATIC);
    }
    void takeText(QString &&s) override
    {
        const int parameter = ++m_parameter;
        if (s.isEmpty() || parameter > int(m_hold.size())) {
            sqlite3_bind_text(m_current, parameter, "", 0, SQLITE_STATIC);
            return;
        }
        QString &held = m_hold[size_t(parameter - 1)];
        held = std::move(s);
        sqlite3_bind_text16(m_current, parameter, held.constData(), int(held.size() * sizeof(QChar)), SQLITE_STATIC);
    }
    void null() override { sqlite3_bind_null(m_current, ++m_parameter); }
    void integer(qint64 i) override { sqlite3_bind_int64(m_current, ++m_parameter, i); }
    void real(double d) override { sqlite3_bind_double(m_current, ++m_parameter, d); }

    bool endRow() override
    {
        if (!m_current || !m_error.isEmpty())
            return false;
        if (m_parameter < m_capacity)
            return true;
        m_parameter = 0;
        const int rc = sqlite3_step(m_current);
        sqlite3_reset(m_current);
        if (rc != SQLITE_DONE) {
            m_error = nativeError(m_db);
            return false;
        }
        if (m_current == m_single && --m_singlesLeft == 0) {
            m_current = m_chunk;
            m_capacity = m_columns * kRowsPerStatement;
        }
        return true;
    }

    bool finish() override
    {
        if (m_error.isEmpty() && (m_parameter != 0 || m_singlesLeft != 0))
            m_error = QStringLiteral("internal error: row count");
        return m_error.isEmpty();
    }
    QString error() const override { return m_error; }

private:
    sqlite3_stmt *prepare(const char *table, int rows)
    {
        QByteArray row = "(?";
        for (int c = 1; c < m_columns; ++c)
            row += ",?";
        row += ')';
        QByteArray sql = QByteArray("INSERT INTO ") + table + " VALUES " + row;
        for (int r = 1; r < rows; ++r)
            sql += ',' + row;
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK && m_error.isEmpty())
            m_error = nativeError(m_db);
        return stmt;
    }

    sqlite3 *m_db;
    int m_columns;
    int m_singlesLeft;
    sqlite3_stmt *m_single = nullptr;
    sqlite3_stmt *m_chunk = nullptr;
    sqlite3_stmt *m_current = nullptr;
    int m_capacity = 0;
    int m_parameter = 0;
    std::vector<QString> m_hold;
    QString m_error;
};

// The QSqlQuery path: a multi-row VALUES list amortises QSqlQuery::exec, and values are
// bound by name straight into the statement (positional bindValue formats a name per
// call). The row count is known up front: the odd rows go one per statement, the rest
// in chunks.
class QtSink final : public RowSink
{
public:
    static constexpr int kRowsPerStatement = 64;

    QtSink(const QSqlDatabase &db, const char *table, int columns, qsizetype totalRows)
        : m_table(QLatin1String(table)), m_columns(columns), m_single(db), m_chunk(db),
          m_singlesLeft(int(totalRows % kRowsPerStatement))
    {
        for (int i = 0; i < columns * kRowsPerStatement; ++i)
            m_names.append(QStringLiteral(":v%1").arg(i));
        if (m_singlesLeft > 0)
            m_ok = prepare(m_single, 1);
        if (m_ok && totalRows >= kRowsPerStatement)
            m_ok = prepare(m_chunk, kRowsPerStatement);
        m_current = m_singlesLeft > 0 ? &m_single : &m_chunk;
        m_capacity = m_singlesLeft > 0 ? columns : columns * kRowsPerStatement;
    }

    // QSQLITE binds a null QString as NULL; text columns want ''.
    void text(const QString &s) override { add(s.isNull() ? QStringLiteral("") : s); }
    void null() override { add(QVariant()); }
    void integer(qint64 i) override { add(i); }
    void real(double d) override { add(d); }

    bool endRow() override
    {
        if (!m_ok)
            return false;
        if (m_index < m_capacity)
            return true;
        m_index = 0;
        if (!m_current->exec()) {
            m_error = m_current->lastError().text();
            return m_ok = false;
        }
        if (m_current == &m_single && --m_singlesLeft == 0) {
            m_current = &m_chunk;
            m_capacity = m_columns * kRowsPerStatement;
        }
        return true;
    }

    bool finish() override
    {
        if (m_ok && (m_index != 0 || m_singlesLeft != 0)) {
            m_error = QStringLiteral("internal error: row count");
            m_ok = false;
        }
        return m_ok;
    }
    QString error() const override { return m_error; }

private:
    void add(const QVariant &v)
    {
        if (m_index < m_names.size())
            m_current->bindValue(m_names.at(m_index++), v);
    }

    bool prepare(QSqlQuery &q, int rows)
    {
        QString sql = QStringLiteral("INSERT INTO %1 VALUES ").arg(m_table);
        int n = 0;
        for (int r = 0; r < rows; ++r) {
            sql += r ? QStringLiteral(",(") : QStringLiteral("(");
            for (int c = 0; c < m_columns; ++c) {
                if (c)
                    sql += u',';
                sql += m_names.at(n++);
            }
            sql += u')';
        }
        if (!q.prepare(sql)) {
            m_error = q.lastError().text();
            return false;
        }
        return true;
    }

    QString m_table;
    int m_columns;
    QSqlQuery m_single;
    QSqlQuery m_chunk;
    QSqlQuery *m_current = nullptr;
    int m_singlesLeft;
    int m_capacity = 0;
    int m_index = 0;
    bool m_ok = true;
    QStringList m_names;
    QString m_error;
};

class NativeSource final : public RowSource
{
public:
    NativeSource(sqlite3 *db, const QString &sql) : m_db(db)
    {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &m_stmt, nullptr) != SQLITE_OK)
            m_error = nativeError(db);
#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
        m_rawText = encoding(db) == "UTF-16le";
#endif
    }
    ~NativeSource() override { sqlite3_finalize(m_stmt); }

    bool next() override
    {
        if (!m_stmt || !m_error.isEmpty())
            return false;
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            m_error = nativeError(m_db);
        return false;
    }
    bool isNull(int column) override { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    QString text(int column) override
    {
        const QStringView v = rawView(column);
        return v.data() ? v.toString() : QString();
    }
    QStringView view(int column) override
    {
        const QStringView v = rawView(column);
        // Text straight from a page may sit at an odd address; QChar wants two-byte alignment.
        if (quintptr(v.data()) % alignof(QChar) == 0)
            return v;
        if (m_copies.size() <= size_t(column))
            m_copies.resize(size_t(column) + 1);
        QString &copy = m_copies[size_t(column)];
        copy.resize(v.size());
        std::memcpy(static_cast<void *>(copy.data()), static_cast<const void *>(v.data()), size_t(v.size()) * sizeof(QChar));
        return copy;
    }
    bool integer(int column, qint64 *out) override
    {
        if (sqlite3_column_type(m_stmt, column) != SQLITE_INTEGER)
            return false;
        *out = sqlite3_column_int64(m_stmt, column);
        return true;
    }
    bool real(int column, double *out) override
    {
        const int type = sqlite3_column_type(m_stmt, column);
        if (type != SQLITE_INTEGER && type != SQLITE_FLOAT)
            return false;
        *out = sqlite3_column_double(m_stmt, column);
        return true;
    }
    QString error() const override { return m_error; }

private:
    static QByteArray encoding(sqlite3 *db)
    {
        sqlite3_stmt *stmt = nullptr;
        QByteArray name;
        if (sqlite3_prepare_v2(db, "PRAGMA encoding", -1, &stmt, nullptr) == SQLITE_OK
            && sqlite3_step(stmt) == SQLITE_ROW)
            name = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return name;
    }

    // In a UTF-16le database the stored bytes already are QChars: reading them as a blob
    // skips the copy SQLite makes to NUL-terminate every text16 value.
    QStringView rawView(int column)
    {
        if (m_rawText && sqlite3_column_type(m_stmt, column) == SQLITE_TEXT) {
            const void *p = sqlite3_column_blob(m_stmt, column);
            const int bytes = sqlite3_column_bytes(m_stmt, column);
            return p ? QStringView(static_cast<const QChar *>(p), bytes / int(sizeof(QChar)))
                     : QStringView(u"", 0);
        }
        const void *p = sqlite3_column_text16(m_stmt, column);
        const int bytes = sqlite3_column_bytes16(m_stmt, column);
        return p ? QStringView(static_cast<const QChar *>(p), bytes / int(sizeof(QChar))) : QStringView();
    }

    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_rawText = false;
    std::vector<QString> m_copies;
    QString m_error;
};

class QtSource final : public RowSource
{
public:
    QtSource(const QSqlDatabase &db, const QString &sql) : m_query(db)
    {
        m_query.setForwardOnly(true);
        if (!m_query.exec(sql))
            m_error = m_query.lastError().text();
    }

    bool next() override
    {
        if (!m_error.isEmpty())
            return false;
        if (m_query.next())
            return true;
        if (m_query.lastError().isValid())
            m_error = m_query.lastError().text();
        return false;
    }
    bool isNull(int column) override { return m_query.isNull(column); }
    QString text(int column) override { return m_query.value(column).toString(); }
    QStringView view(int column) override
    {
        if (m_views.size() <= size_t(column))
            m_views.resize(size_t(column) + 1);
        return m_views[size_t(column)] = text(column);
    }
    bool integer(int column, qint64 *out) override
    {
        const QVariant v = m_query.value(column);
        if (v.isNull() || (v.typeId() != QMetaType::LongLong && v.typeId() != QMetaType::Int))
            return false;
        *out = v.toLongLong();
        return true;
    }
    bool real(int column, double *out) override
    {
        const QVariant v = m_query.value(column);
        if (v.isNull() || (v.typeId() != QMetaType::LongLong && v.typeId() != QMetaType::Int
                           && v.typeId() != QMetaType::Double))
            return false;
        *out = v.toDouble();
        return true;
    }
    QString error() const override { return m_error; }

private:
    QSqlQuery m_query;
    std::vector<QString> m_views;
    QString m_error;
};

} // namespace

std::unique_ptr<RowSink> insert(const QSqlDatabase &db, const char *table, int columns, qsizetype totalRows)
{
    if (sqlite3 *native = nativeHandle(db))
        return std::make_unique<NativeSink>(native, table, columns, totalRows);
    return std::make_unique<QtSink>(db, table, columns, totalRows);
}

std::unique_ptr<RowSource> select(const QSqlDatabase &db, const QString &sql)
{
    if (sqlite3 *native = nativeHandle(db))
        return std::make_unique<NativeSource>(native, sql);
    return std::make_unique<QtSource>(db, sql);
}

} // namespace Workplan::SqliteRows
