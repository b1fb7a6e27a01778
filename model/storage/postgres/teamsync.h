#pragma once

#include "postgresstore.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>

class QTimer;
class QUndoCommand;

namespace Workplan {

class ProjectDocument;
namespace PostgresStore { class Connection; }

// Live editing of a team project (issue #22 item 3): attached to a ProjectDocument opened
// from a postgresql:// URL, it turns every undo-stack step into one transaction and brings
// other editors' changes in.
//
// Out: the document's signals between two QUndoStack::indexChanged say which tasks a
// step touched. The transaction locks the project row (so commits of one project are
// serialised and change ids follow commit order), then `SELECT version … FOR UPDATE` of
// every touched task and compares each with the version this editor last saw; a step that
// adds a dependency or moves a task also needs this editor to have seen every change
// (the local loop and hierarchy checks were then made against the database's state).
// Accepted: rows rewritten (version = the change id), a change_log row holding the new
// rows, NOTIFY, commit, committed(). Refused: rollback, the step reverted and taken off
// the undo stack, the editor caught up, conflict() with a sentence naming the task.
// Undo and redo are steps like any other.
//
// In: LISTEN on the project's channel (QSqlDriver::subscribeToNotification); each
// notification fetches the change log since the last change seen and applies its rows
// through the document's apply* mutators: ordinary taskInserted/Changed/Removed signals,
// no undo step, no reset, so selection and scroll stay.
//
// Order: each row has a number `ord`; the document keeps tasks sorted by (ord, id). A
// task inserted or moved locally takes the midpoint of its neighbours' numbers.
class TeamSync : public QObject
{
    Q_OBJECT
public:
    explicit TeamSync(ProjectDocument *document, QObject *parent = nullptr);
    ~TeamSync() override;

    // Connects, upgrades a version-1 schema, fetches the project into the document
    // (resetProject), listens, and announces this editor in the presence table. False with
    // *error ("URL: problem") when any of it fails; the document is then untouched.
    bool open(const QString &url, QString *error);
    void close();

    // The name the change log and the conflict messages give this editor's changes; empty:
    // the database user.
    void setUserName(const QString &name) { m_userName = name; }
    QString userName() const;
    QString clientId() const { return m_clientId; }

    bool isOpen() const { return m_projectId != 0; }
    bool isConnected() const { return m_connected; }
    bool isReadOnly() const { return m_readOnly; }
    qint64 projectId() const { return m_projectId; }
    qint64 lastChangeId() const { return m_lastChangeId; }
    // Other editors with the project open now (user names, sorted).
    QStringList others() const { return m_others; }

    // Undo and redo with this editor's own check first: a step whose tasks someone else
    // changed since is refused (conflict()) without running it. The stack's own undo()
    // and redo() are checked too, right after they ran.
    void undo();
    void redo();

    // Fetches the change log since the last change seen and applies it. The notification
    // handler calls it; a caller may too (tests, after a reconnect).
    bool catchUp();

    // Milliseconds between heartbeats, and between reconnect attempts.
    void setHeartbeatInterval(int ms);
    void setReconnectInterval(int ms);
    // For tests: runs inside the transaction right before COMMIT.
    void setBeforeCommitHook(std::function<void(qint64 changeId, const QStringList &taskIds)> hook)
    {
        m_beforeCommit = std::move(hook);
    }

signals:
    void committed(qint64 changeId, const QStringList &taskIds);
    // An edit was refused; `message` is the sentence to show.
    void conflict(const QString &message);
    void remoteChangesApplied(const QStringList &taskIds);
    void othersChanged(const QStringList &others);
    void connectedChanged(bool connected);

private:
    struct Outcome;
    struct Stamp { qint64 changeId = 0; QSet<QString> touched; QSet<QString> related; };
    struct RemoteTouch { qint64 changeId = 0; QString who; QDateTime at; };

    void onIndexChanged(int index);
    void touch(const QString &id) { if (!m_quiet) m_touched.insert(id); }
    Outcome commit(const QStringList &ids, const QHash<QString, double> &ords, bool properties, const QString &kind);
    QStringList placeNewTasks(const QStringList &ids, QHash<QString, double> *ords) const;
    void revert(bool forward);
    QString stampProblem(const QUndoCommand *command) const;
    QSet<QString> relatedIds(const QStringList &ids) const;

    // teamsyncapply.cpp: the changes of others.
    bool catchUp(const QStringList &refreshIds);
    bool applyRows(const QJsonArray &rows, qint64 changeId, const QString &who, const QDateTime &at,
                   QStringList *applied);
    void applyProperties(const QJsonObject &properties);
    bool reload(QString *problem);
    void adopt(PostgresStore::TeamSnapshot snapshot, const QString &path);
    int indexFor(const QString &id, double ord, int skip) const;
    bool keyLess(double ordA, const QString &idA, double ordB, const QString &idB) const
    {
        return ordA < ordB || (ordA == ordB && idA < idB);
    }

    // Connection.
    bool connectNow(QString *problem);
    void lostConnection();
    void tryReconnect();
    void heartbeat();
    bool checkAlive();

    ProjectDocument *m_document;
    std::unique_ptr<PostgresStore::Connection> m_connection;
    PostgresStore::Location m_location;
    QString m_clientId;
    QString m_userName;
    qint64 m_projectId = 0;
    qint64 m_lastChangeId = 0;          // every change up to here is in the document
    qint64 m_propertiesVersion = 0;
    QHash<QString, qint64> m_versions;  // the row version this editor last saw
    QHash<QString, double> m_ords;
    QSet<qint64> m_ownChanges;          // committed by this editor, newer than m_lastChangeId
    QHash<QString, RemoteTouch> m_remoteTouch;   // the last change of others near each task
    QHash<const QUndoCommand *, Stamp> m_stamps;

    QSet<QString> m_touched;
    QSet<QString> m_placed;             // inserted or moved: needs a new `ord`
    bool m_propertiesTouched = false;
    bool m_quiet = false;               // applying others' changes or reverting
    int m_lastIndex = 0;
    bool m_connected = false;
    bool m_readOnly = false;
    bool m_inCatchUp = false;
    QStringList m_others;
    QTimer *m_heartbeat;
    QTimer *m_reconnect;
    std::function<void(qint64, const QStringList &)> m_beforeCommit;
};

} // namespace Workplan
