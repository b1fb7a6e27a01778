#include "postgresschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Workplan::PostgresSchema {

namespace {

// Any key of pg_advisory_xact_lock, the same in every Workplan: "WPLN" plus the meta table.
constexpr qint64 kCreateLockKey = 0x57504C4E0001;

// Version 1. Names are unqualified, so the schema lands in the connection's search_path.
//
// The vocabularies (status, lifecycle_stage, dependency_type) are deliberately not CHECKed:
// Workplan refuses an unknown word on fetch with a message naming the task, which tells a
// user more than a constraint violation would. Structure the database can guard cheaply is
// guarded here as well (types, NOT NULL, objects, keys, cascades).
//
// `attributes` is `json`, not `jsonb`: `json` keeps the text exactly as written (key
// order, number spelling), which the byte-identical round trip needs, and still checks
// that it is JSON. The *_extra columns and `conditions` are objects Workplan only keeps,
// so `jsonb` is fine: QJsonObject orders keys itself, and jsonb's numeric keeps every
// value a JSON number can hold.
const char *const kCreate[] = {
    "CREATE TABLE workplan_meta ("
    " singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),"
    " schema_version integer NOT NULL,"
    " created_at timestamptz NOT NULL DEFAULT now())",
    "CREATE TABLE projects ("
    " id bigserial PRIMARY KEY,"
    " name text NOT NULL UNIQUE,"
    " project_name text NOT NULL,"
    " hours_per_day double precision NOT NULL CHECK (hours_per_day > 0),"
    " days_per_week double precision NOT NULL CHECK (days_per_week > 0),"
    " project_extra jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(project_extra) = 'object'),"
    " calendar_extra jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(calendar_extra) = 'object'),"
    " file_extra jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(file_extra) = 'object'),"
    " version bigint NOT NULL DEFAULT 1,"
    " published_at timestamptz NOT NULL DEFAULT now())",
    "CREATE TABLE tasks ("
    " project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,"
    " pos integer NOT NULL CHECK (pos >= 0),"
    " task_id text NOT NULL CHECK (task_id <> ''),"
    " task_type text NOT NULL,"
    " parent_task_id text,"
    " status text NOT NULL,"
    " lifecycle_stage text NOT NULL,"
    " has_parent_field boolean NOT NULL,"
    " has_status boolean NOT NULL,"
    " has_lifecycle boolean NOT NULL,"
    " has_attributes boolean NOT NULL,"
    " has_dependencies boolean NOT NULL,"
    " pos_x double precision,"
    " pos_y double precision,"
    " attributes json NOT NULL DEFAULT '{}' CHECK (json_typeof(attributes) = 'object'),"
    " extra jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(extra) = 'object'),"
    " version bigint NOT NULL,"
    " PRIMARY KEY (project_id, pos),"
    " UNIQUE (project_id, task_id),"
    " CHECK ((pos_x IS NULL) = (pos_y IS NULL)))",
    "CREATE TABLE dependencies ("
    " project_id bigint NOT NULL,"
    " pos integer NOT NULL,"
    " ord integer NOT NULL CHECK (ord >= 0),"
    " prerequisite_task_id text NOT NULL,"
    " dependency_type text NOT NULL,"
    " description text,"
    " is_mandatory boolean NOT NULL,"
    " has_mandatory boolean NOT NULL,"
    " waived boolean NOT NULL,"
    " has_waived boolean NOT NULL,"
    " lag text,"
    " conditions jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(conditions) = 'object'),"
    " has_conditions boolean NOT NULL,"
    " extra jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(extra) = 'object'),"
    " PRIMARY KEY (project_id, pos, ord),"
    " FOREIGN KEY (project_id, pos) REFERENCES tasks (project_id, pos) ON DELETE CASCADE)",
    // No foreign key: the log outlives a project that is dropped by hand.
    "CREATE TABLE change_log ("
    " change_id bigserial PRIMARY KEY,"
    " project_id bigint NOT NULL,"
    " project_version bigint NOT NULL,"
    " who text NOT NULL DEFAULT current_user,"
    " at timestamptz NOT NULL DEFAULT now(),"
    " kind text NOT NULL,"
    " task_ids text[] NOT NULL)",
    "CREATE INDEX change_log_by_project ON change_log (project_id, change_id)",
};

bool exec(QSqlQuery &q, const QString &sql, QString *problem)
{
    if (q.exec(sql))
        return true;
    *problem = q.lastError().text().simplified();
    return false;
}

bool metaTableExists(const QSqlDatabase &db, bool *exists, QString *problem)
{
    QSqlQuery q(db);
    if (!exec(q, QStringLiteral("SELECT to_regclass('workplan_meta') IS NOT NULL"), problem))
        return false;
    *exists = q.next() && q.value(0).toBool();
    return true;
}

} // namespace

std::optional<State> inspect(const QSqlDatabase &db, QString *problem)
{
    bool exists = false;
    if (!metaTableExists(db, &exists, problem))
        return std::nullopt;
    if (!exists)
        return State::Missing;
    QSqlQuery q(db);
    if (!exec(q, QStringLiteral("SELECT schema_version FROM workplan_meta"), problem)) {
        *problem = QStringLiteral("the Workplan schema is damaged: %1").arg(*problem);
        return std::nullopt;
    }
    if (!q.next()) {
        *problem = QStringLiteral("the Workplan schema is damaged: workplan_meta has no row");
        return std::nullopt;
    }
    const int version = q.value(0).toInt();
    if (version > kSchemaVersion) {
        *problem = QStringLiteral("schema version %1 is newer than this Workplan's %2").arg(version).arg(kSchemaVersion);
        return std::nullopt;
    }
    if (version < 1) {
        *problem = QStringLiteral("the Workplan schema is damaged: schema version %1").arg(version);
        return std::nullopt;
    }
    return State::Current;
}

bool ensure(const QSqlDatabase &db, QString *problem)
{
    auto state = inspect(db, problem);
    if (!state)
        return false;
    if (*state == State::Current)
        return true;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?::bigint)"));
    q.addBindValue(kCreateLockKey);
    if (!q.exec()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    // Someone else may have created it while this transaction waited for the lock.
    state = inspect(db, problem);
    if (!state)
        return false;
    if (*state == State::Current)
        return true;
    for (const char *statement : kCreate) {
        if (!exec(q, QLatin1String(statement), problem)) {
            *problem = QStringLiteral("cannot create the Workplan schema: %1").arg(*problem);
            return false;
        }
    }
    q.prepare(QStringLiteral("INSERT INTO workplan_meta (schema_version) VALUES (?::integer)"));
    q.addBindValue(kSchemaVersion);
    if (!q.exec()) {
        *problem = q.lastError().text().simplified();
        return false;
    }
    return true;
}

} // namespace Workplan::PostgresSchema
