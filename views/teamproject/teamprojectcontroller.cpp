#include "teamprojectcontroller.h"

#include "teambanner.h"
#include "teamconnection.h"
#include "teamprojectdialogs.h"

#include "../mainwindow.h"
#include "../recentfiles.h"

#include "model/projectdocument.h"
#include "model/storage/postgres/postgresstore.h"
#include "model/storage/postgres/teamsync.h"

#include <QActionGroup>
#include <QInputDialog>
#include <QLineEdit>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QDockWidget>
#include <QVBoxLayout>

namespace Workplan {

namespace {
const int kStatusTimeoutMs = 10000;
}

TeamProjectController::TeamProjectController(QMainWindow *window, ProjectDocument *document, QMenu *fileMenu,
                                             QAction *before, QMenu *editMenu)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_editMenu(editMenu)
    , m_editGroup(new QActionGroup(this))
{
    m_editGroup->setExclusionPolicy(QActionGroup::ExclusionPolicy::None);
    auto *open = new QAction(tr("Open &Team Project\u2026"), this);
    open->setObjectName(QStringLiteral("openTeamProjectAction"));
    connect(open, &QAction::triggered, this, &TeamProjectController::openDialog);
    auto *publish = new QAction(tr("P&ublish to Team Project\u2026"), this);
    publish->setObjectName(QStringLiteral("publishTeamProjectAction"));
    connect(publish, &QAction::triggered, this, [this] { publishDialog(); });
    fileMenu->insertActions(before, {open, publish});

    // The banners live in a dock of their own at the top: above the canvas, taking room
    // only while one shows. It is made on the first banner, after the window's saved
    // layout was restored (which must not bring back an empty one).
    auto *banners = new QWidget(window);
    auto *layout = new QVBoxLayout(banners);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_stateBanner = new TeamBanner(false, banners);
    m_stateBanner->setObjectName(QStringLiteral("teamStateBanner"));
    m_conflictBanner = new TeamBanner(true, banners);
    m_conflictBanner->setObjectName(QStringLiteral("teamConflictBanner"));
    layout->addWidget(m_stateBanner);
    layout->addWidget(m_conflictBanner);
    banners->hide();
    auto showBar = [this, banners] {
        const bool any = !m_stateBanner->isHidden() || !m_conflictBanner->isHidden();
        if (any && !m_bar) {
            // A dock with no title or handles in the top area: it takes its room from
            // the canvas and the side docks rather than covering the plan.
            m_bar = new QDockWidget(tr("Team project messages"), m_window);
            m_bar->setObjectName(QStringLiteral("TeamBannerDock"));
            m_bar->setFeatures(QDockWidget::NoDockWidgetFeatures);
            m_bar->setTitleBarWidget(new QWidget(m_bar));
            m_bar->toggleViewAction()->setVisible(false);
            m_bar->setWidget(banners);
            banners->show();
            m_window->addDockWidget(Qt::TopDockWidgetArea, m_bar);
        }
        if (!m_bar)
            return;
        m_bar->setVisible(any);
        // The dock area sizes by sizeHint, which a word-wrapped label computes for a
        // narrow width: give it the height the text needs across the window instead.
        if (any) {
            QTimer::singleShot(0, m_bar, [this, banners] {
                const int height = banners->layout()->totalHeightForWidth(m_bar->width());
                if (height > 0)
                    m_window->resizeDocks({m_bar}, {height}, Qt::Vertical);
            });
        }
    };
    connect(m_stateBanner, &TeamBanner::visibilityChanged, this, showBar);
    connect(m_conflictBanner, &TeamBanner::visibilityChanged, this, showBar);

    m_presence = new QLabel(window);
    m_presence->setObjectName(QStringLiteral("teamPresenceLabel"));
    m_presence->hide();
    window->statusBar()->addPermanentWidget(m_presence);

    connect(document, &ProjectDocument::filePathChanged, this, &TeamProjectController::onFilePathChanged);
    // One state for every way a project is read-only (this controller's, a locked file's):
    // the document's. The Edit menu follows it.
    connect(document, &ProjectDocument::readOnlyChanged, this,
            [this](bool readOnly) { setEditingEnabled(!readOnly); });
    setEditingEnabled(!document->isReadOnly());
}

TeamProjectController::~TeamProjectController()
{
    if (m_sync)
        m_sync->close();   // its presence row goes now, not three heartbeats later
}

bool TeamProjectController::isActive() const
{
    return m_sync && m_sync->isOpen();
}

bool TeamProjectController::isReadOnly() const
{
    return isActive() && (!m_sync->isConnected() || m_sync->isReadOnly());
}

QString TeamProjectController::title() const
{
    return tr("%1 (team: %2 on %3)").arg(m_project, m_database, m_host.isEmpty() ? tr("local server") : m_host);
}

void TeamProjectController::setIntervals(int heartbeatMs, int reconnectMs)
{
    m_heartbeatMs = heartbeatMs;
    m_reconnectMs = reconnectMs;
}

bool TeamProjectController::openUrl(const QString &url, QString *error)
{
    QString problem;
    if (tryOpen(url, &problem))
        return true;
    const auto location = PostgresStore::parseUrl(url, nullptr);
    // libpq found no password (or the wrong one) in the URL, PGPASSWORD or ~/.pgpass:
    // ask, for this connection only, and again after each refused one until the server
    // takes it or the user cancels. A failed try changes nothing in the window.
    while (location && TeamProjects::needsPassword(problem) && m_window->isVisible()) {
        const QString password = askPassword(*location, problem);
        if (password.isEmpty())
            break;
        if (tryOpen(TeamProjects::withPassword(url, password), &problem))
            return true;
    }
    const QString text = location ? TeamProjects::explain(*location, problem) : problem;
    if (error)
        *error = text;
    showMessage(tr("Cannot open team project"), text);
    return false;
}

// Empty when cancelled. After a refused password the prompt says so first (naming the
// server and user) and asks again; the password is never kept.
QString TeamProjectController::askPassword(const PostgresStore::Location &location, const QString &problem)
{
    const QString host = location.host.isEmpty() ? tr("the local server") : location.host;
    QString label = tr("Password for %1 on %2:").arg(location.user, host);
    if (problem.contains(QLatin1String("password authentication failed")))
        label = tr("%1 Try again.\n\n%2").arg(TeamProjects::explain(location, problem), label);
    QInputDialog prompt(m_window);
    prompt.setObjectName(QStringLiteral("teamPasswordPrompt"));
    prompt.setWindowTitle(tr("Password"));
    prompt.setLabelText(label);
    prompt.setTextEchoMode(QLineEdit::Password);
    if (prompt.exec() != QDialog::Accepted)
        return QString();
    return prompt.textValue();
}

// The sync opens while the previous one is still attached: a failure leaves the window
// as it was. On success the document's new path ends the previous one (onFilePathChanged).
bool TeamProjectController::tryOpen(const QString &url, QString *problem)
{
    auto *sync = new TeamSync(m_document, this);
    sync->setUserName(m_userName);
    if (m_heartbeatMs > 0)
        sync->setHeartbeatInterval(m_heartbeatMs);
    if (m_reconnectMs > 0)
        sync->setReconnectInterval(m_reconnectMs);
    if (!sync->open(url, problem)) {
        delete sync;
        return false;
    }
    if (m_sync && m_sync != sync) {
        m_sync->close();
        m_sync->deleteLater();
    }
    m_sync = sync;
    m_display = TeamProjects::withoutPassword(url);
    const auto location = PostgresStore::parseUrl(url, nullptr);
    m_host = location ? location->host : QString();
    m_database = location ? location->database : QString();
    m_project = location ? location->project : QString();
    connect(sync, &TeamSync::conflict, this, &TeamProjectController::onConflict);
    connect(sync, &TeamSync::connectedChanged, this, &TeamProjectController::onConnectedChanged);
    connect(sync, &TeamSync::othersChanged, this, &TeamProjectController::onOthersChanged);
    // Every accepted step is in the database: nothing for Save or the recovery copies.
    connect(sync, &TeamSync::committed, m_document, &ProjectDocument::markSaved);
    m_document->setFilePath(m_display);   // the password stays out of titles, Recent and recovery
    m_document->markSaved();
    m_conflictBanner->clear();
    updateReadOnly();
    onOthersChanged(sync->others());
    m_window->statusBar()->showMessage(tr("Opened team project %1").arg(title()), kStatusTimeoutMs);
    RecentFiles::instance()->add(m_display);
    emit stateChanged();
    emit opened(m_display);
    return true;
}

bool TeamProjectController::publishTo(const QString &url, QString *error)
{
    QString problem;
    if (!PostgresStore::publish(m_document->project(), url, &problem)) {
        const auto location = PostgresStore::parseUrl(url, nullptr);
        const QString text = location ? TeamProjects::explain(*location, problem) : problem;
        if (error)
            *error = text;
        showMessage(tr("Cannot publish"), text);
        return false;
    }
    return openUrl(url, error);
}

void TeamProjectController::openDialog()
{
    auto *window = qobject_cast<MainWindow *>(m_window);
    if (window && !window->maybeSave())
        return;
    OpenTeamProjectDialog dialog(m_window);
    const int result = dialog.exec();
    if (result == QDialog::Accepted)
        openUrl(dialog.url());
    else if (result == OpenTeamProjectDialog::PublishHere)
        publishDialog(dialog.form()->passwordEdit()->text());
}

void TeamProjectController::publishDialog(const QString &password)
{
    // The fields come from the last dialog (remembered); a password typed there, for
    // this one use, is passed on rather than asked for again.
    PublishTeamProjectDialog dialog(m_document->project().name, m_window);
    dialog.form()->passwordEdit()->setText(password);
    while (dialog.exec() == QDialog::Accepted) {
        QString problem;
        if (PostgresStore::publish(m_document->project(), dialog.url(), &problem)) {
            openUrl(dialog.url());
            return;
        }
        dialog.showProblem(TeamProjects::explain(dialog.form()->location(), problem));
    }
}

void TeamProjectController::close()
{
    if (!m_sync)
        return;
    m_sync->close();
    m_sync->deleteLater();
    m_sync = nullptr;
    m_display.clear();
    m_stateBanner->clear();
    m_conflictBanner->clear();
    m_presence->hide();
    // Ours no more; the window sets its file's state again if it has one (stateChanged).
    m_document->setReadOnly(false);
    emit stateChanged();
}

// A path that is not this project's (a file opened, New, Save As, an import): the team
// session ends. The sync's own reload keeps the URL; only its password is taken out.
void TeamProjectController::onFilePathChanged()
{
    if (!m_sync)
        return;
    const QString path = m_document->filePath();
    if (PostgresStore::isUrl(path) && TeamProjects::withoutPassword(path) == m_display) {
        if (path != m_display)
            m_document->setFilePath(m_display);
        return;
    }
    close();
}

void TeamProjectController::onConnectedChanged(bool connected)
{
    updateReadOnly();
    m_window->statusBar()->showMessage(connected ? tr("Reconnected to %1").arg(m_host)
                                                 : tr("Connection to %1 lost").arg(m_host),
                                       kStatusTimeoutMs);
    emit stateChanged();
}

// The banner says why, and the document refuses every edit with the same sentence (every
// view stops offering them), until the connection is back.
void TeamProjectController::updateReadOnly()
{
    if (!isActive()) {
        m_stateBanner->clear();
        return;
    }
    QString reason;
    if (!m_sync->isConnected()) {
        reason = tr("Connection to %1 lost \u2014 reconnecting\u2026 (read-only until then)")
                     .arg(m_host.isEmpty() ? tr("the database server") : m_host);
        m_stateBanner->showMessage(reason, TeamBanner::Kind::Error);
    } else if (m_sync->isReadOnly()) {
        reason = tr("Read-only: your database role may read this team project but not change it.");
        m_stateBanner->showMessage(reason, TeamBanner::Kind::Info);
    } else {
        m_stateBanner->clear();
    }
    m_document->setReadOnly(!reason.isEmpty(), reason);
}

void TeamProjectController::onConflict(const QString &message)
{
    m_conflictBanner->showMessage(message, TeamBanner::Kind::Warning);
    m_window->statusBar()->showMessage(message, kStatusTimeoutMs);
    m_document->markSaved();
}

void TeamProjectController::onOthersChanged(const QStringList &others)
{
    m_presence->setText(tr("Also here: %1").arg(others.join(QLatin1String(", "))));
    m_presence->setVisible(isActive() && !others.isEmpty());
}

// The Edit menu's changing actions (Undo and Redo too) go grey while the document is
// read-only; Copy, Find and Select All stay. Through an action group: a disabled group
// keeps its actions off whatever their owners enable meanwhile (a new selection), and
// gives each back its own state when enabled again. ProjectEdits refuses any edit that
// still gets through; the undo history is kept as it is.
void TeamProjectController::setEditingEnabled(bool enabled)
{
    if (!enabled && m_editMenu) {
        const QList<QAction *> actions = m_editMenu->actions();
        for (QAction *action : actions) {
            const QKeySequence key = action->shortcut();
            if (action->isSeparator() || action->menu() || action->actionGroup() || key == QKeySequence(QKeySequence::Copy)
                || key == QKeySequence(QKeySequence::Find) || key == QKeySequence(QKeySequence::SelectAll))
                continue;
            m_editGroup->addAction(action);
        }
    }
    m_editGroup->setEnabled(enabled);
}

void TeamProjectController::showMessage(const QString &title, const QString &text)
{
    m_window->statusBar()->showMessage(text, kStatusTimeoutMs);
    // Window-modal and not waited for: the reconnect timers and other windows go on.
    if (m_window->isVisible()) {
        auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("teamProjectMessage"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowModality(Qt::WindowModal);
        box->open();
    }
}

} // namespace Workplan
