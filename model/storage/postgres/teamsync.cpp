// TeamSync: this editor's steps out to the database (teamsync.h). The changes of others
// come in through teamsyncapply.cpp; the connection, presence and reconnects live in
// teamsyncconnection.cpp.

#include "teamsync.h"

#include "../../projectdocument.h"
#include "postgresconnection.h"
#include "postgresrows.h"
#include "teamsyncsql.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUndoStack>
#include <QUuid>

#include <algorithm>

namespace Workplan {

using namespace TeamSyncSql;

struct TeamSync::Outcome
{
    enum Kind { Accepted, Refused, Failed } kind = Failed;
    QString message;
    qint64 changeId = 0;
};

TeamSync::TeamSync(ProjectDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_clientId(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_heartbeat(new QTimer(this))
    , m_reconnect(new QTimer(this))
{
    m_heartbeat->setInterval(3000);
    m_reconnect->setInterval(1000);
    connect(m_heartbeat, &QTimer::timeout, this, &TeamSync::heartbeat);
    connect(m_reconnect, &QTimer::timeout, this, &TeamSync::tryReconnect);

    connect(document, &ProjectDocument::taskInserted, this, [this](const QString &id) {
        touch(id);
        if (!m_quiet)
            m_placed.insert(id);
    });
    connect(document, &ProjectDocument::taskRemoved, this, [this](const QString &id) { touch(id); });
    connect(document, &ProjectDocument::tasksChanged, this, [this](const QStringList &ids) {
        for (const QString &id : ids)
            touch(id);
    });
    connect(document, &ProjectDocument::taskMoved, this, [this](const QString &id) {
        touch(id);
        if (!m_quiet)
            m_placed.insert(id);
    });
    connect(document, &ProjectDocument::projectPropertiesChanged, this, [this] {
        if (!m_quiet)
            m_propertiesTouched = true;
    });
    // After the step ran (push, undo, redo, a merge): the moment to commit it.
    connect(document->undoStack(), &QUndoStack::indexChanged, this, &TeamSync::onIndexChanged);
}

TeamSync::~TeamSync()
{
    close();
}

QString TeamSync::userName() const
{
    return m_userName.isEmpty() ? m_location.user : m_userName;
}

void TeamSync::onIndexChanged(int index)
{
    const int previous = m_lastIndex;
    m_lastIndex = index;
    if (m_quiet || !isOpen()) {
        m_touched.clear();
        m_placed.clear();
        m_propertiesTouched = false;
        return;
    }
    if (m_touched.isEmpty() && !m_propertiesTouched)
        return;
    QUndoStack *stack = m_document->undoStack();
    const bool forward = index >= previous;
    const QUndoCommand *command = forward ? (index > 0 ? stack->command(index - 1) : nullptr) : stack->command(index);
    // Which step this was decides only the log's `kind` and whether the step's own check
    // applies: an undo or redo of a step others have worked on since is refused here.
    QString kind = QStringLiteral("edit");
    if (!forward)
        kind = QStringLiteral("undo");
    else if (index > previous && m_stamps.contains(command)
             && (index < stack->count() || m_stamps.value(command).related.contains(m_touched)))
        kind = QStringLiteral("redo");

    QStringList ids(m_touched.cbegin(), m_touched.cend());
    QHash<QString, double> ords;
    ids += placeNewTasks(ids, &ords);
    std::sort(ids.begin(), ids.end());
    const bool properties = m_propertiesTouched;

    Outcome outcome;
    if (m_connected && !m_connection->db().isOpen())
        lostConnection();
    if (!m_connected)
        outcome = {Outcome::Failed, tr("The team database is not connected — your edit was not applied"), 0};
    else if (m_readOnly)
        outcome = {Outcome::Failed, tr("This team project is read-only for you — your edit was not applied"), 0};
    else if (kind != QLatin1String("edit") && !stampProblem(command).isEmpty())
        outcome = {Outcome::Refused, stampProblem(command), 0};
    else
        outcome = commit(ids, ords, properties, kind);

    m_touched.clear();
    m_propertiesTouched = false;
    if (outcome.kind == Outcome::Accepted) {
        m_placed.clear();
        Stamp &stamp = m_stamps[command];
        stamp.changeId = outcome.changeId;
        stamp.touched.unite(QSet<QString>(ids.cbegin(), ids.cend()));
        stamp.related.unite(relatedIds(ids));
        // Steps no longer on the stack (a push drops the redo part) take their stamps along.
        QSet<const QUndoCommand *> live;
        for (int i = 0; i < stack->count(); ++i)
            live.insert(stack->command(i));
        for (auto it = m_stamps.begin(); it != m_stamps.end();)
            it = live.contains(it.key()) ? std::next(it) : m_stamps.erase(it);
        emit committed(outcome.changeId, ids);
        return;
    }
    revert(forward);
    m_placed.clear();
    if (m_connected)
        catchUp(ids);
    emit conflict(outcome.message);
}

// Takes the step back and off the stack. QUndoStack runs no undo()/redo() of a command
// already obsolete but removes it: so first the real undo (or redo), then obsolete, then
// the opposite move, which only deletes it.
void TeamSync::revert(bool forward)
{
    QUndoStack *stack = m_document->undoStack();
    m_quiet = true;
    // A merge that cancelled itself out left no step to take back; the refresh after this
    // (catchUp of the touched rows) puts the database's state back instead.
    if (forward && stack->canUndo()) {
        stack->undo();
        if (stack->index() < stack->count()) {
            const_cast<QUndoCommand *>(stack->command(stack->index()))->setObsolete(true);
            stack->redo();
        }
    } else if (!forward && stack->canRedo()) {
        stack->redo();
        if (stack->index() > 0) {
            const_cast<QUndoCommand *>(stack->command(stack->index() - 1))->setObsolete(true);
            stack->undo();
        }
    }
    m_quiet = false;
    m_lastIndex = stack->index();
    m_touched.clear();
    m_propertiesTouched = false;
}

void TeamSync::undo()
{
    QUndoStack *stack = m_document->undoStack();
    if (!stack->canUndo())
        return;
    const QString problem = isOpen() ? stampProblem(stack->command(stack->index() - 1)) : QString();
    if (!problem.isEmpty()) {
        emit conflict(problem);
        return;
    }
    stack->undo();
}

void TeamSync::redo()
{
    QUndoStack *stack = m_document->undoStack();
    if (!stack->canRedo())
        return;
    const QString problem = isOpen() ? stampProblem(stack->command(stack->index())) : QString();
    if (!problem.isEmpty()) {
        emit conflict(problem);
        return;
    }
    stack->redo();
}

// Empty when nobody else changed a task near `command` since this editor last committed it.
QString TeamSync::stampProblem(const QUndoCommand *command) const
{
    const auto stamp = m_stamps.constFind(command);
    if (stamp == m_stamps.cend())
        return QString();
    // The step's own tasks first: the message names the task the user edited.
    for (const QSet<QString> *ids : {&stamp->touched, &stamp->related}) {
        for (const QString &id : *ids) {
            const auto touch = m_remoteTouch.constFind(id);
            if (touch != m_remoteTouch.cend() && touch->changeId > stamp->changeId) {
                const Task *task = m_document->project().find(id);
                return conflictMessage(task ? task->title() : id, touch->who, touch->at, !task);
            }
        }
    }
    return QString();
}

// The tasks whose state a step on `ids` depends on: themselves, their parents and their
// prerequisites, as the document has them now.
QSet<QString> TeamSync::relatedIds(const QStringList &ids) const
{
    QSet<QString> related(ids.cbegin(), ids.cend());
    for (const QString &id : ids) {
        if (const Task *t = m_document->project().find(id)) {
            if (!t->parentId.isEmpty())
                related.insert(t->parentId);
            for (const Dependency &d : t->dependencies)
                related.insert(d.taskId);
        }
    }
    return related;
}

// Gives every task in `ids` that was inserted or moved an `ord` between its neighbours',
// in file order, so the (ord, id) order is the document's order. Where halving no longer
// separates two numbers (some 50 inserts at one place), the tasks around it are numbered
// afresh, evenly: those are returned, to be written (and checked) with the step.
QStringList TeamSync::placeNewTasks(const QStringList &ids, QHash<QString, double> *ords) const
{
    const Project &p = m_document->project();
    QList<int> indexes;
    for (const QString &id : ids) {
        if (m_placed.contains(id) && p.contains(id))
            indexes.append(p.indexOf(id));
    }
    std::sort(indexes.begin(), indexes.end());
    auto ordOf = [&](int i, double *ord) {
        const QString &id = p.task(i).id;
        if (ords->contains(id)) {
            *ord = ords->value(id);
            return true;
        }
        if (m_placed.contains(id) || !m_ords.contains(id))
            return false;
        *ord = m_ords.value(id);
        return true;
    };
    QStringList renumbered;
    const int n = p.taskCount();
    for (int i : indexes) {
        double before = 0, after = 0;
        const bool hasBefore = i > 0 && ordOf(i - 1, &before);
        bool hasAfter = false;
        for (int j = i + 1; j < n && !hasAfter; ++j)
            hasAfter = ordOf(j, &after);
        double ord = hasBefore && hasAfter ? before + (after - before) / 2
                   : hasBefore             ? before + 1
                   : hasAfter              ? after - 1
                                           : 0;
        const bool fits = (!hasBefore || keyLess(before, p.task(i - 1).id, ord, p.task(i).id))
            && (!hasAfter || ord < after);
        if (fits) {
            ords->insert(p.task(i).id, ord);
            continue;
        }
        // A window around i, wider until its bounds leave room for all of it.
        for (int w = 8;; w *= 2) {
            const int lo = qMax(0, i - w);
            const int hi = qMin(n - 1, i + w);
            double low = 0, high = 0;
            const bool hasLow = lo > 0 && ordOf(lo - 1, &low);
            const bool hasHigh = hi < n - 1 && ordOf(hi + 1, &high);
            const int count = hi - lo + 1;
            if ((lo > 0 && !hasLow) || (hi < n - 1 && !hasHigh))
                continue;   // a neighbour without a number yet: take it in too
            if (!hasLow && !hasHigh) {
                low = 0;
                high = count + 1;
            } else if (!hasLow) {
                low = high - count - 1;
            } else if (!hasHigh) {
                high = low + count + 1;
            }
            const double step = (high - low) / (count + 1);
            if (step <= 1e-9 * qMax(1.0, qMax(qAbs(low), qAbs(high))) && (lo > 0 || hi < n - 1))
                continue;
            for (int j = lo; j <= hi; ++j) {
                const QString &id = p.task(j).id;
                ords->insert(id, low + step * (j - lo + 1));
                if (!m_placed.contains(id) && !ids.contains(id) && !renumbered.contains(id))
                    renumbered.append(id);
            }
            break;
        }
    }
    return renumbered;
}

TeamSync::Outcome TeamSync::commit(const QStringList &ids, const QHash<QString, double> &ords, bool properties,
                                   const QString &kind)
{
    QSqlDatabase &db = m_connection->db();
    const Project &p = m_document->project();
    Outcome refused{Outcome::Refused, QString(), 0};
    auto failed = [&](const QString &why) {
        db.rollback();
        if (!checkAlive())
            return Outcome{Outcome::Failed, tr("The connection to the team database was lost — your edit was not applied"), 0};
        return Outcome{Outcome::Failed, tr("The team database refused the edit (%1) — your edit was not applied").arg(why), 0};
    };
    if (!db.transaction())
        return failed(db.lastError().text().simplified());
    QSqlQuery q(db);

    // One commit per project at a time: change ids then follow commit order, which is what
    // lets a reader take the log "since the last change it saw".
    q.prepare(QStringLiteral("SELECT properties_version, published_change_id FROM projects WHERE id = ?::bigint FOR UPDATE"));
    q.addBindValue(m_projectId);
    if (!q.exec() || !q.next())
        return failed(q.lastError().text().simplified());
    const qint64 published = q.value(1).toLongLong();
    if (properties && q.value(0).toLongLong() != m_propertiesVersion) {
        db.rollback();
        refused.message = tr("The project's properties were changed by someone else — your edit was not applied; "
                             "they now show their change");
        return refused;
    }

    // The optimistic check, task by task.
    QHash<QString, Row> current;
    if (!lockRows(q, m_projectId, ids, &current))
        return failed(q.lastError().text().simplified());
    for (const QString &id : ids) {
        const qint64 seen = m_versions.value(id, 0);
        const auto row = current.constFind(id);
        const qint64 now = row == current.cend() ? 0 : row->version;
        if (seen == now)
            continue;
        db.rollback();
        if (row != current.cend()) {
            refused.message = conflictMessage(row->title.isEmpty() ? id : row->title, row->who, row->at, false);
        } else {
            const Task *t = p.find(id);
            const LogEntry last = lastChangeOf(q, m_projectId, id);
            refused.message = conflictMessage(t ? t->title() : id, last.who, last.at, true);
        }
        return refused;
    }

    // What the new rows refer to must be there, what the deleted ones leave must not be
    // referred to; a new dependency or a move needs this editor to have seen every change.
    QStringList written, deleted;
    for (const QString &id : ids)
        (p.contains(id) ? written : deleted).append(id);
    QString problem;
    bool needsCurrent = false;
    const auto missing = checkReferences(q, m_projectId, p, written, deleted, current, &needsCurrent, &problem);
    if (!problem.isEmpty())
        return failed(problem);
    if (missing) {
        db.rollback();
        refused.message = conflictMessage(missing->title, missing->who, missing->at, missing->deleted);
        return refused;
    }
    if (needsCurrent) {
        const auto newer = firstChangeSince(q, m_projectId, m_lastChangeId, m_clientId, p);
        if (newer) {
            db.rollback();
            refused.message = conflictMessage(newer->title, newer->who, newer->at, newer->deleted);
            return refused;
        }
    }

    // Accepted: the rows, the log, the notification.
    QList<PostgresRows::Row> rows;
    for (const QString &id : written)
        rows.append({p.find(id), ords.contains(id) ? ords.value(id) : m_ords.value(id)});
    const qint64 changeId = nextChangeId(q);
    if (changeId <= 0)
        return failed(q.lastError().text().simplified());
    const QString who = m_userName.isEmpty() ? QString() : m_userName;
    // Only a row still as the latest publish wrote it needs saving for the log first.
    bool keepPublished = false;
    for (const Row &row : std::as_const(current))
        keepPublished = keepPublished || row.version == published;
    if (!deleteRows(q, m_projectId, ids, keepPublished)
        || !PostgresRows::insert(db, m_projectId, rows, changeId, who, &problem))
        return failed(problem.isEmpty() ? q.lastError().text().simplified() : problem);
    if (properties && !writeProperties(q, m_projectId, p, changeId))
        return failed(q.lastError().text().simplified());
    if (!appendLog(q, m_projectId, changeId, m_clientId, who, kind, ids, properties)
        || !notify(q, m_projectId, changeId))
        return failed(q.lastError().text().simplified());
    if (m_beforeCommit)
        m_beforeCommit(changeId, ids);
    if (!db.commit())
        return failed(db.lastError().text().simplified());

    for (const QString &id : deleted) {
        m_versions.remove(id);
        m_ords.remove(id);
    }
    for (const QString &id : written) {
        m_versions.insert(id, changeId);
        if (ords.contains(id))
            m_ords.insert(id, ords.value(id));
    }
    if (properties)
        m_propertiesVersion = changeId;
    m_ownChanges.insert(changeId);
    return Outcome{Outcome::Accepted, QString(), changeId};
}

} // namespace Workplan
