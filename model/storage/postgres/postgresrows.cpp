#include "postgresrows.h"

#include "../json/jsonwriter.h"
#include "../presenceflags.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Workplan::PostgresRows {

namespace {

// Many rows per INSERT: every statement is a round trip to the server, which costs far
// more than a row. 100 rows of 18 columns stay well below PostgreSQL's 65535 parameters.
class BatchInsert
{
public:
    static constexpr int kRowsPerStatement = 100;

    // `row` is one row's placeholder list with casts, e.g. "(?::bigint, ?::text)": the
    // casts settle each parameter's type whatever the server would infer.
    BatchInsert(const QSqlDatabase &db, QLatin1StringView head, QLatin1StringView row)
        : m_db(db), m_full(db), m_head(head), m_row(row)
    {
    }

    void value(const QVariant &v) { m_values.append(v); }
    bool endRow()
    {
        ++m_rows;
        return m_rows < kRowsPerStatement || flush();
    }
    bool finish() { return m_rows == 0 || flush(); }
    QString error() const { return m_error; }

private:
    QString sql(int rows) const
    {
        QString s = m_head + QLatin1String(" VALUES ");
        for (int r = 0; r < rows; ++r) {
            if (r)
                s += u',';
            s += m_row;
        }
        return s;
    }

    bool flush()
    {
        QSqlQuery partial(m_db);
        QSqlQuery *q = &m_full;
        if (m_rows == kRowsPerStatement) {
            if (!m_fullPrepared && !(m_fullPrepared = m_full.prepare(sql(kRowsPerStatement))))
                return fail(m_full);
        } else {
            q = &partial;
            if (!partial.prepare(sql(m_rows)))
                return fail(partial);
        }
        for (int i = 0; i < m_values.size(); ++i)
            q->bindValue(i, m_values.at(i));
        if (!q->exec())
            return fail(*q);
        m_values.clear();
        m_rows = 0;
        return true;
    }

    bool fail(const QSqlQuery &q)
    {
        m_error = q.lastError().text().simplified();
        return false;
    }

    QSqlDatabase m_db;
    QSqlQuery m_full;
    bool m_fullPrepared = false;
    QString m_head;
    QString m_row;
    QVariantList m_values;
    int m_rows = 0;
    QString m_error;
};

// QPSQL writes a null QVariant as NULL; required text columns want '' for a null QString.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

} // namespace

QString objectText(const QJsonObject &o)
{
    return QString::fromUtf8(compactJson(o));
}

bool insert(const QSqlDatabase &db, qint64 projectId, const QList<Row> &rows, qint64 version,
            const QString &who, QString *problem)
{
    BatchInsert tasks(db, QLatin1StringView(
        "INSERT INTO tasks (project_id, ord, task_id, task_type, parent_task_id, status,"
        " lifecycle_stage, has_parent_field, has_status, has_lifecycle, has_attributes,"
        " has_dependencies, pos_x, pos_y, attributes, extra, version, changed_by)"),
        QLatin1StringView("(?::bigint, ?::float8, ?::text, ?::text, ?::text, ?::text, ?::text, ?::boolean,"
                          " ?::boolean, ?::boolean, ?::boolean, ?::boolean, ?::float8, ?::float8, ?::json,"
                          " ?::jsonb, ?::bigint, coalesce(?::text, current_user))"));
    BatchInsert dependencies(db, QLatin1StringView(
        "INSERT INTO dependencies (project_id, task_id, ord, prerequisite_task_id, dependency_type,"
        " description, is_mandatory, has_mandatory, waived, has_waived, lag, conditions,"
        " has_conditions, extra)"),
        QLatin1StringView("(?::bigint, ?::text, ?::integer, ?::text, ?::text, ?::text, ?::boolean,"
                          " ?::boolean, ?::boolean, ?::boolean, ?::text, ?::jsonb, ?::boolean, ?::jsonb)"));
    const QVariant writer = who.isNull() ? QVariant() : QVariant(who);
    for (const Row &row : rows) {
        const Task &t = *row.task;
        tasks.value(projectId);
        tasks.value(row.ord);
        tasks.value(text(t.id));
        tasks.value(text(t.type));
        tasks.value(t.parentId.isEmpty() ? QVariant() : QVariant(t.parentId));
        tasks.value(toString(t.status));
        tasks.value(toString(t.lifecycle));
        for (bool flag : {t.hasParentField, t.hasStatus, t.hasLifecycle, t.hasAttributes, t.hasDependencies})
            tasks.value(flag);
        tasks.value(t.hasPosition ? QVariant(t.position.x()) : QVariant());
        tasks.value(t.hasPosition ? QVariant(t.position.y()) : QVariant());
        // Compact JSON in QJsonObject order, exactly the text a .workplan would hold.
        tasks.value(objectText(t.attributes));
        tasks.value(objectText(t.extra));
        tasks.value(version);
        tasks.value(writer);
        if (!tasks.endRow()) {
            *problem = tasks.error();
            return false;
        }
    }
    // Every task before any dependency: a dependency row refers to its task's row, and the
    // dependency batches must not be flushed ahead of the task batches.
    if (!tasks.finish()) {
        *problem = tasks.error();
        return false;
    }
    for (const Row &row : rows) {
        const Task &t = *row.task;
        int ord = 0;
        for (const Dependency &d : t.dependencies) {
            dependencies.value(projectId);
            dependencies.value(text(t.id));
            dependencies.value(ord++);
            dependencies.value(text(d.taskId));
            dependencies.value(toString(d.type));
            dependencies.value(d.description.isNull() ? QVariant() : QVariant(d.description));
            for (bool flag : {d.mandatory, d.hasMandatory, d.waived, d.hasWaived})
                dependencies.value(flag);
            const bool hasLag = !d.lag.isUndefined() && !d.lag.isNull();
            dependencies.value(hasLag ? QVariant(QString::fromUtf8(compactJson(d.lag))) : QVariant());
            dependencies.value(objectText(d.conditions));
            dependencies.value(d.hasConditions);
            dependencies.value(objectText(d.extra));
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
