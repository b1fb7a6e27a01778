#include "postgresschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <iterator>

namespace Workplan::PostgresSchema {

namespace {

// Any key of pg_advisory_xact_lock, the same in every Workplan: "WPLN" plus the meta table.
constexpr qint64 kCreateLockKey = 0x57504C4E0001;

// Who has a project open: each editor's row, refreshed every few seconds (TeamSync).
constexpr char kPresenceTable[] =
    "CREATE TABLE presence ("
    " project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,"
    " client_id text NOT NULL,"
    " user_name text NOT NULL,"
    " host text NOT NULL,"
    " last_seen timestamptz NOT NULL DEFAULT now(),"
    " PRIMARY KEY (project_id, client_id))";

// One task row with its dependencies as one JSON object: what the change log keeps of each
// row an edit wrote, so an editor catches up from the log alone (postgresrows.h decodes it).
constexpr char kTaskJsonView[] =
    "CREATE VIEW task_json AS SELECT t.project_id, t.task_id, jsonb_build_object("
    " 'task_id', t.task_id, 'ord', t.ord, 'task_type', t.task_type, 'parent_task_id', t.parent_task_id,"
    " 'status', t.status, 'lifecycle_stage', t.lifecycle_stage, 'has_parent_field', t.has_parent_field,"
    " 'has_status', t.has_status, 'has_lifecycle', t.has_lifecycle, 'has_attributes', t.has_attributes,"
    " 'has_dependencies', t.has_dependencies, 'pos_x', t.pos_x, 'pos_y', t.pos_y,"
    " 'attributes', t.attributes::jsonb, 'extra', t.extra,"
    " 'dependencies', coalesce((SELECT jsonb_agg(jsonb_build_object("
    "  'prerequisite_task_id', d.prerequisite_task_id, 'dependency_type', d.dependency_type,"
    "  'description', d.description, 'is_mandatory', d.is_mandatory, 'has_mandatory', d.has_mandatory,"
    "  'waived', d.waived, 'has_waived', d.has_waived, 'lag', d.lag::jsonb, 'conditions', d.conditions,"
    "  'has_conditions', d.has_conditions, 'extra', d.extra) ORDER BY d.ord)"
    "  FROM dependencies d WHERE d.project_id = t.project_id AND d.task_id = t.task_id), '[]'::jsonb)) AS row"
    " FROM tasks t";

// Version 3: what a publish wrote, kept for the log. A publish's log row names its rows
// (task_ids) but does not copy them (64 MB of JSON for 100k tasks, more than half of the
// publish's time): they are the `tasks` rows whose version is still that publish's change.
// An edit that rewrites or deletes such a row first saves it here as `task_json` gives
// it (TeamSyncSql::deleteRows), so the project as published stays readable: the rows of
// that version plus these. Kept for a project's latest publish only: a republish replaces
// every row, and with them what an older publish could be rebuilt from.
constexpr char kPublishedRowsTable[] =
    "CREATE TABLE published_rows ("
    " project_id bigint NOT NULL,"
    " change_id bigint NOT NULL,"
    " task_id text NOT NULL,"
    " row jsonb NOT NULL,"
    " PRIMARY KEY (project_id, change_id, task_id))";

// Version 3 has no foreign keys on tasks and dependencies: each checks its row on insert
// (a look-up and a row lock per row, 1.2 s of a 100k-task publish), and every row Workplan
// writes comes with its task from one validated project, in a transaction holding the
// project's row lock. What the keys also did, deleting with the project and with the task,
// these statement triggers do, once per statement rather than once per row.
// `search_path FROM CURRENT`: the tables are found where the schema was created, whatever
// the deleting session's path.
constexpr char kTaskRowsDeletedFunction[] =
    "CREATE FUNCTION workplan_task_rows_deleted() RETURNS trigger LANGUAGE plpgsql"
    " SET search_path FROM CURRENT AS $$ BEGIN"
    " DELETE FROM dependencies d USING deleted_rows o WHERE d.project_id = o.project_id AND d.task_id = o.task_id;"
    " RETURN NULL; END $$";
constexpr char kTaskRowsDeletedTrigger[] =
    "CREATE TRIGGER task_rows_deleted AFTER DELETE ON tasks REFERENCING OLD TABLE AS deleted_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION workplan_task_rows_deleted()";
constexpr char kProjectDeletedFunction[] =
    "CREATE FUNCTION workplan_project_deleted() RETURNS trigger LANGUAGE plpgsql"
    " SET search_path FROM CURRENT AS $$ BEGIN"
    " DELETE FROM tasks WHERE project_id = OLD.id;"
    " DELETE FROM published_rows WHERE project_id = OLD.id;"
    " RETURN NULL; END $$";
constexpr char kProjectDeletedTrigger[] =
    "CREATE TRIGGER project_deleted AFTER DELETE ON projects FOR EACH ROW EXECUTE FUNCTION workplan_project_deleted()";

// Version 3, as a fresh database gets it. Names are unqualified, so the schema lands in
// the connection's search_path.
//
// The vocabularies (status, lifecycle_stage, dependency_type) are deliberately not CHECKed:
// Workplan refuses an unknown word on fetch with a message naming the task, which tells a
// user more than a constraint violation would. Structure the database can guard cheaply is
// guarded here as well (types, NOT NULL, objects, keys, cascades; the foreign keys of
// version 2 are triggers now, above). A dependency's prerequisite and a task's parent are
// not foreign keys for the same reason; TeamSync checks them inside each edit's
// transaction (teamsync.cpp).
//
// `attributes` is `json`, not `jsonb`: `json` keeps the text exactly as written (key
// order, number spelling), which the byte-identical round trip needs, and still checks
// that it is JSON. The *_extra columns and `conditions` are objects Workplan only keeps,
// so `jsonb` is fine: QJsonObject orders keys itself, and jsonb's numeric keeps every
// value a JSON number can hold.
//
// Version 2 is for live editing (issue #22 item 3): a task row is keyed by its id, not its
// place, so one edit rewrites only the rows it touched; the order is a number (`ord`) a
// new task takes between its neighbours'; every row carries the change that last wrote it
// (`version`), which is what an edit's optimistic check compares. Version 3 makes a
// publish cheaper (issue #22 item 7): no per-row foreign keys, no rows copied into the log.
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
    " published_at timestamptz NOT NULL DEFAULT now(),"
    " properties_version bigint NOT NULL DEFAULT 0,"
    " last_change_id bigint NOT NULL DEFAULT 0,"
    " published_change_id bigint NOT NULL DEFAULT 0)",
    "CREATE TABLE tasks ("
    " project_id bigint NOT NULL,"
    " task_id text NOT NULL CHECK (task_id <> ''),"
    " ord double precision NOT NULL,"
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
    " changed_by text NOT NULL DEFAULT current_user,"
    " changed_at timestamptz NOT NULL DEFAULT now(),"
    " PRIMARY KEY (project_id, task_id),"
    " CHECK ((pos_x IS NULL) = (pos_y IS NULL)))",
    "CREATE INDEX tasks_in_order ON tasks (project_id, ord, task_id)",
    "CREATE TABLE dependencies ("
    " project_id bigint NOT NULL,"
    " task_id text NOT NULL,"
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
    " PRIMARY KEY (project_id, task_id, ord))",
    "CREATE INDEX dependencies_by_prerequisite ON dependencies (project_id, prerequisite_task_id)",
    // No foreign key: the log outlives a project that is dropped by hand.
    "CREATE TABLE change_log ("
    " change_id bigserial PRIMARY KEY,"
    " project_id bigint NOT NULL,"
    " project_version bigint NOT NULL,"
    " client_id text,"
    " who text NOT NULL DEFAULT current_user,"
    " at timestamptz NOT NULL DEFAULT now(),"
    " kind text NOT NULL,"
    " task_ids text[] NOT NULL,"
    " rows jsonb,"
    " properties jsonb)",
    "CREATE INDEX change_log_by_project ON change_log (project_id, change_id)",
    kPresenceTable,
    kTaskJsonView,
    kPublishedRowsTable,
    kTaskRowsDeletedFunction,
    kTaskRowsDeletedTrigger,
    kProjectDeletedFunction,
    kProjectDeletedTrigger,
};

// Version 1 → 2, in the caller's transaction: the same tables, keyed by task id.
const char *const kMigrate1To2[] = {
    "ALTER TABLE dependencies DROP CONSTRAINT dependencies_project_id_pos_fkey",
    "ALTER TABLE dependencies DROP CONSTRAINT dependencies_pkey",
    "ALTER TABLE dependencies ADD COLUMN task_id text",
    "UPDATE dependencies d SET task_id = t.task_id FROM tasks t WHERE t.project_id = d.project_id AND t.pos = d.pos",
    "ALTER TABLE dependencies ALTER COLUMN task_id SET NOT NULL",
    "ALTER TABLE dependencies DROP COLUMN pos",
    "ALTER TABLE tasks DROP CONSTRAINT tasks_pkey",
    "ALTER TABLE tasks DROP CONSTRAINT tasks_project_id_task_id_key",
    "ALTER TABLE tasks ADD COLUMN ord double precision",
    "UPDATE tasks SET ord = pos",
    "ALTER TABLE tasks ALTER COLUMN ord SET NOT NULL",
    "ALTER TABLE tasks DROP COLUMN pos",
    "ALTER TABLE tasks ADD PRIMARY KEY (project_id, task_id)",
    "ALTER TABLE tasks ADD COLUMN changed_by text NOT NULL DEFAULT current_user",
    "ALTER TABLE tasks ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now()",
    "CREATE INDEX tasks_in_order ON tasks (project_id, ord, task_id)",
    "ALTER TABLE dependencies ADD PRIMARY KEY (project_id, task_id, ord)",
    "ALTER TABLE dependencies ADD FOREIGN KEY (project_id, task_id) REFERENCES tasks (project_id, task_id) ON DELETE CASCADE",
    "CREATE INDEX dependencies_by_prerequisite ON dependencies (project_id, prerequisite_task_id)",
    "ALTER TABLE projects ADD COLUMN properties_version bigint NOT NULL DEFAULT 0",
    "ALTER TABLE projects ADD COLUMN last_change_id bigint NOT NULL DEFAULT 0",
    "UPDATE projects p SET last_change_id = coalesce((SELECT max(change_id) FROM change_log c WHERE c.project_id = p.id), 0)",
    "ALTER TABLE change_log ADD COLUMN client_id text",
    "ALTER TABLE change_log ADD COLUMN rows jsonb",
    "ALTER TABLE change_log ADD COLUMN properties jsonb",
    kPresenceTable,
    kTaskJsonView,
    "UPDATE workplan_meta SET schema_version = 2",
};

// Version 2 → 3, in the caller's transaction: the foreign keys of tasks and dependencies
// become the cascades above, and the publish's rows leave the log. Every row stays; the
// constraints are found by what they refer to, not by name (a version-1 database upgraded
// to 2 named them as a fresh version 2 does, but a hand-made one may not).
const char *const kMigrate2To3[] = {
    "DO $$ DECLARE c record; BEGIN"
    " FOR c IN SELECT conrelid::regclass AS t, conname FROM pg_constraint WHERE contype = 'f'"
    "  AND conrelid IN ('tasks'::regclass, 'dependencies'::regclass) LOOP"
    "  EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.t, c.conname);"
    " END LOOP; END $$",
    // 0: the latest publish's log row still holds its rows, as version 2 wrote them.
    "ALTER TABLE projects ADD COLUMN published_change_id bigint NOT NULL DEFAULT 0",
    kPublishedRowsTable,
    kTaskRowsDeletedFunction,
    kTaskRowsDeletedTrigger,
    kProjectDeletedFunction,
    kProjectDeletedTrigger,
    "UPDATE workplan_meta SET schema_version = 3",
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

std::optional<State> inspect(const QSqlDatabase &db, QString *problem, int *version)
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
    const int found = q.value(0).toInt();
    if (found > kSchemaVersion) {
        *problem = QStringLiteral("schema version %1 is newer than this Workplan's %2").arg(found).arg(kSchemaVersion);
        return std::nullopt;
    }
    if (found < 1) {
        *problem = QStringLiteral("the Workplan schema is damaged: schema version %1").arg(found);
        return std::nullopt;
    }
    if (version)
        *version = found;
    return found < kSchemaVersion ? State::Old : State::Current;
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
    // Someone else may have created or upgraded it while this transaction waited.
    int version = 0;
    state = inspect(db, problem, &version);
    if (!state)
        return false;
    if (*state == State::Current)
        return true;
    if (*state == State::Old) {
        // One step at a time, each ending with its version in workplan_meta. Nothing is
        // lost: version 1's file position becomes `ord`; version 2's rows stay as they are.
        struct Step { int from; const char *const *statements; std::size_t count; };
        const Step steps[] = {{1, kMigrate1To2, std::size(kMigrate1To2)}, {2, kMigrate2To3, std::size(kMigrate2To3)}};
        for (const Step &step : steps) {
            if (version > step.from)
                continue;
            for (std::size_t i = 0; i < step.count; ++i) {
                if (!exec(q, QLatin1String(step.statements[i]), problem)) {
                    *problem = QStringLiteral("cannot upgrade the Workplan schema from version %1 to %2: %3")
                                   .arg(version).arg(kSchemaVersion).arg(*problem);
                    return false;
                }
            }
        }
        return true;
    }
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
