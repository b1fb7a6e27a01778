// TeamSync: the changes of others, from the change log into the document (teamsync.h).

#include "teamsync.h"

#include "../../projectdocument.h"
#include "postgresconnection.h"
#include "postgresrows.h"
#include "teamsyncsql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUndoStack>

namespace Workplan {

namespace {

struct Entry
{
    qint64 changeId;
    QString clientId;
    QString who;
    QDateTime at;
    QString kind;
    QJsonArray rows;
    QJsonObject properties;
};

QJsonValue parse(const QVariant &column)
{
    if (column.isNull())
        return QJsonValue();
    const QJsonDocument doc = QJsonDocument::fromJson(column.toString().toUtf8());
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

} // namespace

bool TeamSync::catchUp()
{
    return catchUp(QStringList());
}

// Everything since the last change seen, read in one snapshot; `refreshIds` are read as
// they stand in that snapshot too (after a refused edit: what the database has of them).
bool TeamSync::catchUp(const QStringList &refreshIds)
{
    if (!m_connected || m_inCatchUp || !isOpen())
        return false;
    QSqlDatabase &db = m_connection->db();
    if (!db.isOpen()) {
        lostConnection();
        return false;
    }
    QList<Entry> entries;
    QJsonArray refreshed;
    QHash<QString, TeamSyncSql::Row> refreshedRows;
    {
        QSqlQuery q(db);
        auto fail = [&] {
            db.rollback();
            if (!checkAlive())
                lostConnection();
            return false;
        };
        if (!db.transaction() || !q.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")))
            return fail();
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT change_id, coalesce(client_id, ''), who, at, kind, rows::text, properties::text"
                                 " FROM change_log WHERE project_id = ?::bigint AND change_id > ?::bigint ORDER BY change_id"));
        q.addBindValue(m_projectId);
        q.addBindValue(m_lastChangeId);
        if (!q.exec())
            return fail();
        while (q.next()) {
            entries.append(Entry{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                                 q.value(3).toDateTime(), q.value(4).toString(), parse(q.value(5)).toArray(),
                                 parse(q.value(6)).toObject()});
        }
        if (!refreshIds.isEmpty()) {
            q.prepare(QStringLiteral("SELECT t.task_id, t.version, t.changed_by, t.changed_at, j.row::text FROM tasks t"
                                     " JOIN task_json j ON j.project_id = t.project_id AND j.task_id = t.task_id"
                                     " WHERE t.project_id = ?::bigint AND t.task_id = ANY(?::text[])"));
            q.addBindValue(m_projectId);
            q.addBindValue(TeamSyncSql::arrayLiteral(refreshIds));
            if (!q.exec())
                return fail();
            while (q.next()) {
                const QString id = q.value(0).toString();
                refreshedRows.insert(id, TeamSyncSql::Row{q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toDateTime(),
                                                          QString(), QString()});
                refreshed.append(QJsonObject{{QStringLiteral("task_id"), id}, {QStringLiteral("row"), parse(q.value(4))}});
            }
        }
        db.rollback();
    }

    m_inCatchUp = true;
    QStringList applied;
    bool reloadNeeded = false;
    for (const Entry &e : std::as_const(entries)) {
        if (m_ownChanges.remove(e.changeId)) {
            m_lastChangeId = e.changeId;
            continue;
        }
        if (e.kind == QLatin1String("publish") || e.kind == QLatin1String("replace")) {
            reloadNeeded = true;
            break;
        }
        applyRows(e.rows, e.changeId, e.who, e.at, &applied);
        if (!e.properties.isEmpty()) {
            applyProperties(e.properties);
            m_propertiesVersion = e.changeId;
        }
        m_lastChangeId = e.changeId;
    }
    if (reloadNeeded) {
        QString problem;
        reload(&problem);
    } else {
        // The refreshed rows, each as the change that wrote it; a task the database no
        // longer has goes too.
        for (const QJsonValue &v : std::as_const(refreshed)) {
            const QString id = v.toObject().value(QLatin1String("task_id")).toString();
            const TeamSyncSql::Row &row = refreshedRows[id];
            // Even at the version seen: a reverted merged step may have taken more back.
            applyRows(QJsonArray{v}, row.version, row.who, row.at, &applied);
        }
        QJsonArray gone;
        for (const QString &id : refreshIds) {
            if (!refreshedRows.contains(id) && m_document->project().contains(id))
                gone.append(QJsonObject{{QStringLiteral("task_id"), id}, {QStringLiteral("row"), QJsonValue()}});
        }
        if (!gone.isEmpty())
            applyRows(gone, m_lastChangeId, QString(), QDateTime(), &applied);
    }
    for (auto it = m_ownChanges.begin(); it != m_ownChanges.end();)
        it = *it <= m_lastChangeId ? m_ownChanges.erase(it) : std::next(it);
    m_inCatchUp = false;
    if (!applied.isEmpty())
        emit remoteChangesApplied(applied);
    return true;
}

// Count of the document's tasks, `skip` left out, that come before (ord, id): the document
// is sorted by that key, so a binary search.
int TeamSync::indexFor(const QString &id, double ord, int skip) const
{
    const Project &p = m_document->project();
    int lo = 0;
    int hi = p.taskCount() - (skip >= 0 ? 1 : 0);
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        const Task &t = p.task(skip >= 0 && mid >= skip ? mid + 1 : mid);
        if (keyLess(m_ords.value(t.id), t.id, ord, id))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool TeamSync::applyRows(const QJsonArray &rows, qint64 changeId, const QString &who, const QDateTime &at,
                         QStringList *applied)
{
    ProjectDocument &doc = *m_document;
    const Project &p = doc.project();
    struct Upsert { Task task; double ord; };
    QList<Upsert> upserts;
    QStringList removals;
    const RemoteTouch touch{changeId, who, at};
    auto stampNear = [&](const Task &t) {
        m_remoteTouch.insert(t.id, touch);
        if (!t.parentId.isEmpty())
            m_remoteTouch.insert(t.parentId, touch);
        for (const Dependency &d : t.dependencies)
            m_remoteTouch.insert(d.taskId, touch);
    };
    bool ok = true;
    for (const QJsonValue &v : rows) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(QLatin1String("task_id")).toString();
        // A newer state of the task is already here (a refresh read ahead of the log).
        if (m_versions.value(id, 0) > changeId)
            continue;
        if (const Task *old = p.find(id))
            stampNear(*old);
        m_remoteTouch.insert(id, touch);
        const QJsonValue row = o.value(QLatin1String("row"));
        if (!row.isObject()) {
            m_versions.remove(id);
            if (p.contains(id))
                removals.append(id);
            continue;
        }
        Upsert u;
        QString problem;
        if (!PostgresRows::decode(row.toObject(), &u.task, &u.ord, &problem)) {
            qWarning("TeamSync: change %lld: %s", changeId, qPrintable(problem));
            ok = false;
            continue;
        }
        stampNear(u.task);
        m_versions.insert(id, changeId);
        upserts.append(std::move(u));
    }

    m_quiet = true;
    {
        // One step for the views: the document tells these changes when the batch ends, while
        // this sync still takes them for the others' (m_quiet).
        ProjectDocument::ChangeBatch batch(&doc);
        // Parents before children, so the tree never sees an orphan.
        while (!upserts.isEmpty()) {
            bool progress = false;
            for (qsizetype i = 0; i < upserts.size();) {
                const Upsert &u = upserts.at(i);
                const bool last = !progress && i == upserts.size() - 1;
                if (!u.task.parentId.isEmpty() && !p.contains(u.task.parentId) && !last) {
                    ++i;
                    continue;
                }
                const QString &id = u.task.id;
                m_ords.insert(id, u.ord);
                const int index = p.indexOf(id);
                if (index < 0) {
                    doc.applyInsertTask(indexFor(id, u.ord, -1), u.task);
                } else {
                    const bool placed = (index == 0 || keyLess(m_ords.value(p.task(index - 1).id), p.task(index - 1).id, u.ord, id))
                        && (index + 1 >= p.taskCount() || keyLess(u.ord, id, m_ords.value(p.task(index + 1).id), p.task(index + 1).id));
                    if (!placed || p.task(index).parentId != u.task.parentId
                        || p.task(index).hasParentField != u.task.hasParentField) {
                        const int target = indexFor(id, u.ord, index);
                        doc.applyMoveTask(id, u.task.parentId, target < index ? target : target + 1, u.task.hasParentField);
                    }
                    if (*p.find(id) != u.task)
                        doc.applyTask(u.task, ProjectDocument::AllChanged);
                }
                applied->append(id);
                upserts.removeAt(i);
                progress = true;
            }
        }
        // Children before parents.
        while (!removals.isEmpty()) {
            bool progress = false;
            for (qsizetype i = 0; i < removals.size();) {
                const QString id = removals.at(i);
                const bool last = !progress && i == removals.size() - 1;
                if (!doc.childIds(id).isEmpty() && !last) {
                    ++i;
                    continue;
                }
                doc.applyRemoveTask(id);
                m_ords.remove(id);
                applied->append(id);
                removals.removeAt(i);
                progress = true;
            }
        }
    }
    m_quiet = false;
    return ok;
}

void TeamSync::applyProperties(const QJsonObject &o)
{
    ProjectProperties properties = ProjectProperties::of(m_document->project());
    properties.name = o.value(QLatin1String("project_name")).toString();
    properties.calendar.hoursPerDay = o.value(QLatin1String("hours_per_day")).toDouble();
    properties.calendar.daysPerWeek = o.value(QLatin1String("days_per_week")).toDouble();
    properties.projectExtra = o.value(QLatin1String("project_extra")).toObject();
    properties.calendarExtra = o.value(QLatin1String("calendar_extra")).toObject();
    m_quiet = true;
    {
        ProjectDocument::ChangeBatch batch(m_document);
        m_document->applyProjectProperties(properties);
    }
    m_quiet = false;
}

// A republish replaced the whole project: the one reset there is, undo history included.
bool TeamSync::reload(QString *problem)
{
    auto snapshot = PostgresStore::fetchSnapshot(m_connection->db(), m_location, problem);
    if (!snapshot)
        return false;
    // The path the document has (the window may spell the URL its own way).
    adopt(std::move(*snapshot), m_document->filePath());
    return true;
}

// The document becomes `snapshot` (one reset, undo history included), and what this editor
// knows of the database starts again from it.
void TeamSync::adopt(PostgresStore::TeamSnapshot snapshot, const QString &path)
{
    m_quiet = true;
    m_document->resetProject(std::move(snapshot.project), path);
    m_quiet = false;
    m_lastIndex = m_document->undoStack()->index();
    m_projectId = snapshot.projectId;
    m_lastChangeId = snapshot.lastChangeId;
    m_propertiesVersion = snapshot.propertiesVersion;
    m_versions = std::move(snapshot.versions);
    m_ords = std::move(snapshot.ords);
    m_ownChanges.clear();
    m_stamps.clear();
    m_remoteTouch.clear();
    m_touched.clear();
    m_placed.clear();
}

} // namespace Workplan
