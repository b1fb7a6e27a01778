#include "postgresrows.h"

#include "../json/jsonwriter.h"
#include "../presenceflags.h"

#include <QJsonArray>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Workplan::PostgresRows {

namespace {

// Rows per statement. A publish sends its rows as one JSON array per statement, which the
// server unpacks with json_to_recordset: a handful of round trips and no per-row parameter
// handling, instead of one statement per 100 rows with 1,800 parameters each (100k tasks:
// 1.3 s instead of 9 s). The cap bounds the text one statement carries (about 3 MB).
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

} // namespace

QString objectText(const QJsonObject &o)
{
    return QString::fromUtf8(compactJson(o));
}

bool insert(const QSqlDatabase &db, qint64 projectId, const QList<Row> &rows, qint64 version,
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

bool decode(const QJsonObject &row, Task *task, double *ord, QString *problem)
{
    Task t;
    t.id = row.value(QLatin1String("task_id")).toString();
    auto refuse = [&](const QString &what) {
        *problem = QStringLiteral("task '%1': %2").arg(t.id, what);
        return false;
    };
    if (t.id.isEmpty())
        return refuse(QStringLiteral("a row without a task id"));
    *ord = row.value(QLatin1String("ord")).toDouble();
    t.type = row.value(QLatin1String("task_type")).toString();
    const QJsonValue parent = row.value(QLatin1String("parent_task_id"));
    if (parent.isString())
        t.parentId = parent.toString();
    const QString status = row.value(QLatin1String("status")).toString();
    const auto s = statusFromString(status);
    if (!s)
        return refuse(QStringLiteral("unknown status '%1'").arg(status));
    t.status = *s;
    const QString stage = row.value(QLatin1String("lifecycle_stage")).toString();
    const auto l = lifecycleFromString(stage);
    if (!l)
        return refuse(QStringLiteral("unknown lifecycle_stage '%1'").arg(stage));
    t.lifecycle = *l;
    t.hasParentField = row.value(QLatin1String("has_parent_field")).toBool();
    t.hasStatus = row.value(QLatin1String("has_status")).toBool();
    t.hasLifecycle = row.value(QLatin1String("has_lifecycle")).toBool();
    t.hasAttributes = row.value(QLatin1String("has_attributes")).toBool();
    t.hasDependencies = row.value(QLatin1String("has_dependencies")).toBool();
    const QJsonValue x = row.value(QLatin1String("pos_x"));
    const QJsonValue y = row.value(QLatin1String("pos_y"));
    if (x.isDouble() && y.isDouble()) {
        t.position = QPointF(x.toDouble(), y.toDouble());
        t.hasPosition = true;
    }
    t.attributes = row.value(QLatin1String("attributes")).toObject();
    t.extra = row.value(QLatin1String("extra")).toObject();
    const QJsonArray deps = row.value(QLatin1String("dependencies")).toArray();
    for (const QJsonValue &v : deps) {
        const QJsonObject o = v.toObject();
        Dependency d;
        d.taskId = o.value(QLatin1String("prerequisite_task_id")).toString();
        const QString type = o.value(QLatin1String("dependency_type")).toString();
        const auto dt = dependencyTypeFromString(type);
        if (!dt)
            return refuse(QStringLiteral("unknown dependency_type '%1'").arg(type));
        d.type = *dt;
        const QJsonValue description = o.value(QLatin1String("description"));
        if (description.isString()) {
            d.description = description.toString();
            if (d.description.isNull())
                d.description = QStringLiteral("");
        }
        d.mandatory = o.value(QLatin1String("is_mandatory")).toBool();
        d.hasMandatory = o.value(QLatin1String("has_mandatory")).toBool();
        d.waived = o.value(QLatin1String("waived")).toBool();
        d.hasWaived = o.value(QLatin1String("has_waived")).toBool();
        const QJsonValue lag = o.value(QLatin1String("lag"));
        if (lag.isString() || lag.isDouble())
            d.lag = lag;
        else if (!lag.isNull() && !lag.isUndefined())
            return refuse(QStringLiteral("lag on the dependency on '%1' must be an effort text or a number of hours").arg(d.taskId));
        d.conditions = o.value(QLatin1String("conditions")).toObject();
        d.hasConditions = o.value(QLatin1String("has_conditions")).toBool();
        d.extra = o.value(QLatin1String("extra")).toObject();
        t.dependencies.append(std::move(d));
    }
    QList<Task> one{std::move(t)};
    settlePresenceFlags(one, /*withAttributes=*/true);
    *task = std::move(one.first());
    return true;
}

} // namespace Workplan::PostgresRows
