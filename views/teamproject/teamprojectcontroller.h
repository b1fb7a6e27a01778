#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QActionGroup;
class QLabel;
class QMainWindow;
class QMenu;
class QDockWidget;

namespace Workplan {

namespace PostgresStore {
struct Location;
}
class ProjectDocument;
class TeamBanner;
class TeamSync;

// A window's side of team projects (issue #22 items 2–4): File ▸ Open Team Project… and
// Publish to Team Project…, the TeamSync attached to the window's document while a team
// project is open, and what the user sees of it — the title, the banners above the canvas
// (a refused edit, a lost connection, a read-only role), "Also here: …" in the status
// bar, and the document read-only (ProjectDocument::setReadOnly) while the project cannot
// be changed; the Edit menu's changing actions follow the document's state, whoever set it.
//
// The document's file path is the project's URL without its password. Anything that
// gives the document another path (open a file, New, Save As, an import) ends the team
// session first: the sync never sees a project that is not its own.
class TeamProjectController : public QObject
{
    Q_OBJECT
public:
    // Adds the two File menu entries before `before`; `editMenu`'s actions (but Copy, Find
    // and Select All) are turned off while the document is read-only.
    TeamProjectController(QMainWindow *window, ProjectDocument *document, QMenu *fileMenu, QAction *before,
                          QMenu *editMenu);
    ~TeamProjectController() override;

    // Opens the team project at `url` in the window. Asks for a password when the server
    // wants one libpq could not find. False with the reason shown (and in *error).
    bool openUrl(const QString &url, QString *error = nullptr);
    // Publishes the open project at `url` (replacing one of that name) and opens it.
    bool publishTo(const QString &url, QString *error = nullptr);
    void openDialog();
    void publishDialog(const QString &password = QString());
    void close();

    bool isActive() const;
    bool isReadOnly() const;
    // "Release Plan (team: plans on db.example.org)".
    QString title() const;
    QString url() const { return m_display; }
    TeamSync *sync() const { return m_sync; }

    // What presence and the change log call this editor (empty: the database user); for
    // projects opened from now on.
    void setUserName(const QString &name) { m_userName = name; }
    // For tests: heartbeat and reconnect intervals of the syncs made from now on.
    void setIntervals(int heartbeatMs, int reconnectMs);

    TeamBanner *stateBanner() const { return m_stateBanner; }
    TeamBanner *conflictBanner() const { return m_conflictBanner; }
    QLabel *presenceLabel() const { return m_presence; }

signals:
    // Opened, closed, connected, disconnected: the title and Save follow.
    void stateChanged();
    // A team project was opened at this URL (without password): Open Recent keeps it.
    void opened(const QString &url);

private:
    void onFilePathChanged();
    void onConnectedChanged(bool connected);
    void onConflict(const QString &message);
    void onOthersChanged(const QStringList &others);
    void updateReadOnly();
    void setEditingEnabled(bool enabled);
    void showMessage(const QString &title, const QString &text);
    bool tryOpen(const QString &url, QString *problem);
    QString askPassword(const PostgresStore::Location &location, const QString &problem);

    QMainWindow *m_window;
    ProjectDocument *m_document;
    QMenu *m_editMenu;
    TeamSync *m_sync = nullptr;   // ours (a child); replaced or deleted only here
    QString m_display;          // the open project's URL without its password
    QString m_host;
    QString m_database;
    QString m_project;
    QString m_userName;
    int m_heartbeatMs = 0;
    int m_reconnectMs = 0;
    QDockWidget *m_bar = nullptr;
    TeamBanner *m_stateBanner = nullptr;
    TeamBanner *m_conflictBanner = nullptr;
    QLabel *m_presence = nullptr;
    QActionGroup *m_editGroup;   // the Edit menu's changing actions, off while read-only
};

} // namespace Workplan
