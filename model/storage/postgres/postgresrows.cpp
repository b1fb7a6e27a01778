#include "postgresrows.h"

#include "../json/jsonwriter.h"
#include "postgresconnection.h"

#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <utility>

namespace Workplan::PostgresRows {

using PostgresStore::CopyIn;

namespace {

// Rows per JSON statement or COPY piece (a few MB). Without COPY a publish sends its rows
// as one JSON array per statement, which the server unpacks with json_to_recordset: a
// handful of round trips and no per-row parameter handling.
constexpr int kRowsPerStatement = 10000;

// `s` as a JSON string, which json_to_recordset turns back into exactly `s`: only the
// quote, the backslash and control characters are escaped. (PostgreSQL's text holds no
// U+0000; the server refuses "\u0000" with an error, so such a value fails the statement
// instead of being cut short.)
void appendString(QString &out, const QString &s)
{
    out += u'"';
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'\\') {
            out += u'\\';
            out += c;
        } else if (u < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += QLatin1String("\\u00");
            out += QLatin1Char(hex[u >> 4]);
            out += QLatin1Char(hex[u & 15]);
        } else {
            out += c;
        }
    }
    out += u'"';
}

// A required text column: '' for a null QString, as the rows always had.
void appendText(QString &out, const QString &s)
{
    appendString(out, s.isNull() ? QStringLiteral("") : s);
}

// Doubles travel as strings, which the column's float8 input reads back exactly (the
// shortest text that round-trips), NaN and infinities included.
void appendDouble(QString &out, double d)
{
    appendString(out, QString::number(d, 'g', QLocale::FloatingPointShortest));
}

void appendBool(QString &out, bool b)
{
    out += b ? QLatin1String("true") : QLatin1String("false");
}

// One statement over a JSON array of row objects, prepared once and run per batch.
class JsonBatch
{
public:
    JsonBatch(const QSqlDatabase &db, const QString &sql, QVariantList head)
        : m_query(db), m_sql(sql), m_head(std::move(head))
    {
    }

    // Starts the next row's object; the caller appends its members.
    QString &row()
    {
        m_text += m_rows++ ? u',' : u'[';
        return m_text;
    }
    bool endRow() { return m_rows < kRowsPerStatement || flush(); }
    bool finish() { return m_rows == 0 || flush(); }
    QString error() const { return m_error; }

private:
    bool flush()
    {
        m_text += u']';
        if (!m_prepared && !(m_prepared = m_query.prepare(m_sql)))
            return fail();
        for (int i = 0; i < m_head.size(); ++i)
            m_query.bindValue(i, m_head.at(i));
        m_query.bindValue(m_head.size(), m_text);
        if (!m_query.exec())
            return fail();
        m_text.clear();
        m_rows = 0;
        return true;
    }

    bool fail()
    {
        m_error = m_query.lastError().text().simplified();
        return false;
    }

    QSqlQuery m_query;
    QString m_sql;
    QVariantList m_head;     // the parameters before the JSON array
    bool m_prepared = false;
    QString m_text;
    int m_rows = 0;
    QString m_error;
};

bool insertAsJson(const QSqlDatabase &db, qint64 projectId, const QList<Row> &rows, qint64 version,
                  const QString &who, QString *problem)
{
    // attributes and the jsonb columns come as strings holding their compact JSON, cast
    // on the server: `json` keeps that text byte for byte (key order, number spelling).
    JsonBatch tasks(db, QStringLiteral(
        "INSERT INTO tasks (project_id, ord, task_id, task_type, parent_task_id, status,"
        " lifecycle_stage, has_parent_field, has_status, has_lifecycle, has_attributes,"
        " has_dependencies, pos_x, pos_y, attributes, extra, version, changed_by)"
        " SELECT ?::bigint, r.o, r.i, r.t, r.p, r.s, r.l, r.hp, r.hs, r.hl, r.ha, r.hd, r.x, r.y,"
        " r.a::json, r.e::jsonb, ?::bigint, coalesce(?::text, current_user)"
        " FROM json_to_recordset(?::json) AS r(o float8, i text, t text, p text, s text, l text,"
        " hp boolean, hs boolean, hl boolean, ha boolean, hd boolean, x float8, y float8, a text, e text)"),
        {projectId, version, who.isNull() ? QVariant() : QVariant(who)});
    JsonBatch dependencies(db, QStringLiteral(
        "INSERT INTO dependencies (project_id, task_id, ord, prerequisite_task_id, dependency_type,"
        " description, is_mandatory, has_mandatory, waived, has_waived, lag, conditions,"
        " has_conditions, extra)"
        " SELECT ?::bigint, r.i, r.n, r.p, r.t, r.d, r.m, r.hm, r.w, r.hw, r.g, r.c::jsonb, r.hc, r.e::jsonb"
        " FROM json_to_recordset(?::json) AS r(i text, n integer, p text, t text, d text,"
        " m boolean, hm boolean, w boolean, hw boolean, g text, c text, hc boolean, e text)"),
        {projectId});
    for (const Row &row : rows) {
        const Task &t = *row.task;
        QString &out = tasks.row();
        out += QLatin1String("{\"o\":");
        appendDouble(out, row.ord);
        out += QLatin1String(",\"i\":");
        appendText(out, t.id);
        out += QLatin1String(",\"t\":");
        appendText(out, t.type);
        out += QLatin1String(",\"p\":");
        if (t.parentId.isEmpty())
            out += QLatin1String("null");
        else
            appendString(out, t.parentId);
        out += QLatin1String(",\"s\":");
        appendText(out, toString(t.status));
        out += QLatin1String(",\"l\":");
        appendText(out, toString(t.lifecycle));
        out += QLatin1String(",\"hp\":");
        appendBool(out, t.hasParentField);
        out += QLatin1String(",\"hs\":");
        appendBool(out, t.hasStatus);
        out += QLatin1String(",\"hl\":");
        appendBool(out, t.hasLifecycle);
        out += QLatin1String(",\"ha\":");
        appendBool(out, t.hasAttributes);
        out += QLatin1String(",\"hd\":");
        appendBool(out, t.hasDependencies);
        if (t.hasPosition) {
            out += QLatin1String(",\"x\":");
            appendDouble(out, t.position.x());
            out += QLatin1String(",\"y\":");
            appendDouble(out, t.position.y());
        }
        // Compact JSON in QJsonObject order, exactly the text a .workplan would hold.
        out += QLatin1String(",\"a\":");
        appendString(out, objectText(t.attributes));
        out += QLatin1String(",\"e\":");
        appendString(out, objectText(t.extra));
        out += u'}';
        if (!tasks.endRow()) {
            *problem = tasks.error();
            return false;
        }
    }
    // Every task before any dependency: a dependency row refers to its task's row.
    if (!tasks.finish()) {
        *problem = tasks.error();
        return false;
    }
    for (const Row &row : rows) {
        const Task &t = *row.task;
        int ord = 0;
        for (const Dependency &d : t.dependencies) {
            QString &out = dependencies.row();
            out += QLatin1String("{\"i\":");
            appendText(out, t.id);
            out += QLatin1String(",\"n\":");
            out += QString::number(ord++);
            out += QLatin1String(",\"p\":");
            appendText(out, d.taskId);
            out += QLatin1String(",\"t\":");
            appendText(out, toString(d.type));
            if (!d.description.isNull()) {
                out += QLatin1String(",\"d\":");
                appendString(out, d.description);
            }
            out += QLatin1String(",\"m\":");
            appendBool(out, d.mandatory);
            out += QLatin1String(",\"hm\":");
            appendBool(out, d.hasMandatory);
            out += QLatin1String(",\"w\":");
            appendBool(out, d.waived);
            out += QLatin1String(",\"hw\":");
            appendBool(out, d.hasWaived);
            if (!d.lag.isUndefined() && !d.lag.isNull()) {
                out += QLatin1String(",\"g\":");
                appendString(out, QString::fromUtf8(compactJson(d.lag)));
            }
            out += QLatin1String(",\"c\":");
            appendString(out, objectText(d.conditions));
            out += QLatin1String(",\"hc\":");
            appendBool(out, d.hasConditions);
            out += QLatin1String(",\"e\":");
            appendString(out, objectText(d.extra));
            out += u'}';
            if (!dependencies.endRow()) {
                *problem = dependencies.error();
                return false;
            }
        }
    }
    if (!dependencies.finish()) {
        *problem = dependencies.error();
        return false;
    }
    return true;
}

// COPY's text format: tab between fields, newline after a row, \N for NULL; a backslash,
// tab, newline or carriage return inside a value is escaped, every other byte goes as is
// (a U+0000 too, which the server refuses with the row, failing the publish).
class CopyRows
{
public:
    void text(const QString &s) { escaped(s.toUtf8()); }
    void null() { next(); m_data += "\\N"; }
    void number(double d) { next(); m_data += QByteArray::number(d, 'g', QLocale::FloatingPointShortest); }
    void integer(qint64 n) { next(); m_data += QByteArray::number(n); }
    void boolean(bool b) { next(); m_data += b ? 't' : 'f'; }
    // Most extra and conditions objects are empty: "{}" without a serialiser.
    void json(const QJsonObject &o)
    {
        if (o.isEmpty()) {
            next();
            m_data += "{}";
        } else {
            escaped(compactJson(o));
        }
    }
    void endRow()
    {
        m_data += '\n';
        m_first = true;
        ++m_rows;
    }
    int rows() const { return m_rows; }
    QByteArray take()
    {
        m_rows = 0;
        return std::exchange(m_data, QByteArray());
    }

private:
    void next()
    {
        if (!m_first)
            m_data += '\t';
        m_first = false;
    }
    void escaped(const QByteArray &utf8)
    {
        next();
        for (const char c : utf8) {
            switch (c) {
            case '\\': m_data += "\\\\"; break;
            case '\t': m_data += "\\t"; break;
            case '\n': m_data += "\\n"; break;
            case '\r': m_data += "\\r"; break;
            default: m_data += c;
            }
        }
    }

    QByteArray m_data;
    bool m_first = true;
    int m_rows = 0;
};

// The rows through COPY (postgresconnection.h): a bulk load, about half the server time
// of the JSON statements for 100k tasks, sent in pieces while the next are encoded.
bool insertByCopy(CopyIn &copy, qint64 projectId, const QList<Row> &rows, qint64 version, const QString &who,
                  QString *problem)
{
    // Without a name, changed_by keeps its default (current_user).
    const QByteArray tasks = QByteArrayLiteral(
        "COPY tasks (project_id, ord, task_id, task_type, parent_task_id, status, lifecycle_stage,"
        " has_parent_field, has_status, has_lifecycle, has_attributes, has_dependencies, pos_x, pos_y,"
        " attributes, extra, version") + (who.isNull() ? ") FROM STDIN" : ", changed_by) FROM STDIN");
    CopyRows out;
    // Pieces of kRowsPerStatement rows: the server stores one while the next is encoded.
    bool sent = true;
    auto flush = [&](bool last) {
        if (sent && (last || out.rows() >= kRowsPerStatement))
            sent = copy.send(out.take());
        return sent;
    };
    if (!copy.start(tasks, problem))
        return false;
    for (const Row &row : rows) {
        const Task &t = *row.task;
        out.integer(projectId);
        out.number(row.ord);
        out.text(t.id.isNull() ? QStringLiteral("") : t.id);
        out.text(t.type.isNull() ? QStringLiteral("") : t.type);
        if (t.parentId.isEmpty())
            out.null();
        else
            out.text(t.parentId);
        out.text(toString(t.status));
        out.text(toString(t.lifecycle));
        for (const bool flag : {t.hasParentField, t.hasStatus, t.hasLifecycle, t.hasAttributes, t.hasDependencies})
            out.boolean(flag);
        if (t.hasPosition) {
            out.number(t.position.x());
            out.number(t.position.y());
        } else {
            out.null();
            out.null();
        }
        // Compact JSON in QJsonObject order, exactly the text a .workplan would hold.
        out.json(t.attributes);
        out.json(t.extra);
        out.integer(version);
        if (!who.isNull())
            out.text(who);
        out.endRow();
        if (!flush(false))
            break;
    }
    flush(true);
    if (!copy.finish(problem))   // false too when a piece was not sent
        return false;

    // Every task before any dependency, as the cascade on delete expects.
    bool any = false;
    for (const Row &row : rows) {
        const Task &t = *row.task;
        int ord = 0;
        if (!sent)
            break;
        for (const Dependency &d : t.dependencies) {
            if (!any && !(any = copy.start(QByteArrayLiteral(
                    "COPY dependencies (project_id, task_id, ord, prerequisite_task_id, dependency_type, description,"
                    " is_mandatory, has_mandatory, waived, has_waived, lag, conditions, has_conditions, extra) FROM STDIN"),
                    problem)))
                return false;
            out.integer(projectId);
            out.text(t.id.isNull() ? QStringLiteral("") : t.id);
            out.integer(ord++);
            out.text(d.taskId.isNull() ? QStringLiteral("") : d.taskId);
            out.text(toString(d.type));
            if (d.description.isNull())
                out.null();
            else
                out.text(d.description);
            for (const bool flag : {d.mandatory, d.hasMandatory, d.waived, d.hasWaived})
                out.boolean(flag);
            if (d.lag.isUndefined() || d.lag.isNull())
                out.null();
            else
                out.text(QString::fromUtf8(compactJson(d.lag)));
            out.json(d.conditions);
            out.boolean(d.hasConditions);
            out.json(d.extra);
            out.endRow();
            if (!flush(false))
                break;
        }
    }
    flush(true);
    return !any || copy.finish(problem);
}

bool g_copyAllowed = true;

} // namespace

QString objectText(const QJsonObject &o)
{
    return QString::fromUtf8(compactJson(o));
}

void setCopyAllowed(bool allowed)
{
    g_copyAllowed = allowed;
}

bool insert(const QSqlDatabase &db, qint64 projectId, const QList<Row> &rows, qint64 version,
            const QString &who, QString *problem)
{
    if (rows.isEmpty())
        return true;
    CopyIn copy(db);
    if (g_copyAllowed && copy.available())
        return insertByCopy(copy, projectId, rows, version, who, problem);
    return insertAsJson(db, projectId, rows, version, who, problem);
}

} // namespace Workplan::PostgresRows
