#include "sqliteformat.h"

#include "../atomicfile.h"
#include "../json/jsonwriter.h"
#include "sqlitecodec.h"
#include "sqliterows.h"
#include "sqliteschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

// Saving a .workplan file: a fresh database written in one transaction into a temporary
// file that AtomicFile renames over the old one.
namespace Workplan::SqliteFormat {

namespace {

bool exec(QSqlQuery &q, const QString &sql, QString *why)
{
    if (q.exec(sql))
        return true;
    *why = q.lastError().text();
    return false;
}

// The tasks, their attributes and dependencies, in file and declared order. The project's
// own strings are bound in place (stableText): `project` outlives every statement here.
bool writeRows(const QSqlDatabase &db, const Project &project, qsizetype attributeCount, QString *why)
{
    const auto tasks = SqliteRows::insert(db, "tasks", 10, project.taskCount());
    const auto attributes = SqliteRows::insert(db, "attributes", 2, attributeCount);
    const auto dependencies = SqliteRows::insert(db, "dependencies", 9, project.dependencyCount());
    bool ok = true;
    for (int i = 0; ok && i < project.taskCount(); ++i) {
        const Task &t = project.task(i);
        tasks->integer(i);
        tasks->stableText(t.id);
        tasks->stableText(t.type);
        writeOptionalStableText(*tasks, t.parentId, !t.parentId.isEmpty());
        tasks->stableText(cachedName<Status, 11>(t.status));
        tasks->stableText(cachedName<Lifecycle, 11>(t.lifecycle));
        tasks->integer((t.hasParentField ? HasParentField : 0) | (t.hasStatus ? HasStatus : 0)
                       | (t.hasLifecycle ? HasLifecycle : 0) | (t.hasAttributes ? HasAttributes : 0)
                       | (t.hasDependencies ? HasDependencies : 0));
        if (t.hasPosition) {
            tasks->real(t.position.x());
            tasks->real(t.position.y());
        } else {
            tasks->null();
            tasks->null();
        }
        writeObject(*tasks, t.extra);
        ok = tasks->endRow();

        // The attributes as one compact JSON object: the text a load keeps them as, copied,
        // or an edited object's, written. Lone surrogates come out as \uD800 escapes
        // (JsonWriter), which the UTF-16 of the file would keep anyway.
        if (!t.attributes.isEmpty()) {
            const QByteArray &canonical = t.attributes.canonicalJson();
            attributes->integer(i);
            attributes->takeText(QString::fromUtf8(canonical.isNull() ? compactJson(QJsonValue(t.attributes.toObject()))
                                                                       : canonical));
            ok = attributes->endRow();
        }
        int ord = 0;
        for (auto d = t.dependencies.cbegin(); ok && d != t.dependencies.cend(); ++d) {
            dependencies->integer(i);
            dependencies->integer(ord++);
            dependencies->stableText(d->taskId);
            dependencies->stableText(cachedName<DependencyType, 6>(d->type));
            writeOptionalStableText(*dependencies, d->description, !d->description.isNull());
            dependencies->integer((d->mandatory ? IsMandatory : 0) | (d->hasMandatory ? HasMandatory : 0)
                                  | (d->waived ? IsWaived : 0) | (d->hasWaived ? HasWaived : 0)
                                  | (d->hasConditions ? HasConditions : 0));
            const bool hasLag = !d->lag.isUndefined() && !d->lag.isNull();
            writeOptionalText(*dependencies, hasLag ? jsonText(d->lag) : QString(), hasLag);
            writeObject(*dependencies, d->conditions);
            writeObject(*dependencies, d->extra);
            ok = dependencies->endRow();
        }
    }
    for (RowSink *sink : {tasks.get(), attributes.get(), dependencies.get()}) {
        if (!sink->finish()) {
            *why = sink->error();
            return false;
        }
    }
    return true;
}

// 32 KiB pages measured fastest for both save and load of large projects; small ones
// keep SQLite's usual 4 KiB so a plan of ten tasks is not a file of 200 KiB.
int pageSize(const Project &project)
{
    return project.taskCount() > 2000 ? 32768 : 4096;
}

// Fills a fresh database at `path`. Returns false with the SQLite reason in *why.
bool writeDatabase(const Project &project, const QString &path, QString *why)
{
    const ConnectionGuard guard{connectionName("save")};
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), guard.name);
    db.setDatabaseName(path);
    if (!db.open()) {
        *why = db.lastError().text();
        return false;
    }
    bool ok = true;
    {
        QSqlQuery q(db);
        // The temporary file needs no journal: atomicity comes from the rename.
        // UTF-16 text is what QString holds, so nothing is transcoded either way.
        ok = exec(q, QStringLiteral("PRAGMA encoding = 'UTF-16le'"), why)
            && exec(q, QStringLiteral("PRAGMA page_size = %1").arg(pageSize(project)), why)
            && exec(q, QStringLiteral("PRAGMA journal_mode = OFF"), why)
            && exec(q, QStringLiteral("PRAGMA synchronous = OFF"), why)
            && exec(q, QStringLiteral("PRAGMA locking_mode = EXCLUSIVE"), why)
            && exec(q, QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId), why)
            && exec(q, QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion), why)
            && db.transaction();
        for (const char *statement : kSchema) {
            if (!ok)
                break;
            ok = exec(q, QLatin1String(statement), why);
        }
        if (ok) {
            q.prepare(QStringLiteral("INSERT INTO project VALUES (1, ?, ?, ?, ?, ?, ?)"));
            q.addBindValue(project.name.isNull() ? QStringLiteral("") : project.name);
            q.addBindValue(project.calendar.hoursPerDay);
            q.addBindValue(project.calendar.daysPerWeek);
            q.addBindValue(project.projectExtra.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(compactJson(project.projectExtra))));
            q.addBindValue(project.extra.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(compactJson(project.extra))));
            q.addBindValue(project.calendarExtra.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(compactJson(project.calendarExtra))));
            if (!q.exec()) {
                *why = q.lastError().text();
                ok = false;
            }
        }
        if (ok) {
            qsizetype attributeCount = 0;
            for (const Task &t : project.tasks())
                attributeCount += t.attributes.isEmpty() ? 0 : 1;
            ok = writeRows(db, project, attributeCount, why);
        }
        if (ok && !db.commit()) {
            *why = db.lastError().text();
            ok = false;
        }
    }
    db.close();
    return ok;
}

} // namespace

bool writeFile(const Project &project, const QString &path, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: cannot save: %2").arg(path, why);
        return false;
    };

    QString why;
    if (!AtomicFile::replace(path, [&](const QString &temp, QString *reason) { return writeDatabase(project, temp, reason); }, &why))
        return fail(why);
    return true;
}

} // namespace Workplan::SqliteFormat
