// Issue #22 items 2–4, the window's side: File ▸ Open Team Project… and Publish… driven
// through their dialogs, two windows on one project in this process (an edit in one shows
// in the other without touching its selection, a conflict's banner, who else is here), a
// lost connection's read-only banner and the recovery, a SELECT-only role, Open Recent
// without the password. A private PostgreSQL cluster (pgcluster.h); no mock database.

#include "pgcluster.h"
#include "testsupport.h"
#include "testwidgets.h"

#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/storage/postgres/postgresstore.h"
#include "model/storage/postgres/teamsync.h"
#include "model/storage/projectfile.h"
#include "views/analysiscontroller.h"
#include "views/graph/carditem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/inspector.h"
#include "views/mainwindow.h"
#include "views/recentfiles.h"
#include "views/taskfilterproxy.h"
#include "views/taskselection.h"
#include "views/tasktreemodel.h"
#include "views/tasktreewidget.h"
#include "views/teamproject/teambanner.h"
#include "views/teamproject/teamconnection.h"
#include "views/teamproject/teamprojectcontroller.h"
#include "views/teamproject/teamprojectdialogs.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QScopeGuard>
#include <QTreeView>
#include <QUndoStack>
#include <QUndoView>
#include <QtTest>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Workplan;
using WorkplanTest::PgCluster;

namespace {

Project sampleProject()
{
    Project p;
    p.name = QStringLiteral("Release");
    QList<Task> tasks;
    const QStringList titles{QStringLiteral("Design"), QStringLiteral("Build"), QStringLiteral("Deploy to Staging"),
                             QStringLiteral("Test"), QStringLiteral("Launch")};
    for (int i = 0; i < titles.size(); ++i) {
        Task t;
        t.id = QStringLiteral("t%1").arg(i + 1);
        t.type = QStringLiteral("specialist_task");
        t.attributes.insert(QStringLiteral("title"), titles.at(i));
        t.attributes.insert(QStringLiteral("effort"), QStringLiteral("2 days"));
        tasks.append(t);
    }
    p.setTasks(tasks);
    return p;
}

QString title(MainWindow *w, const QString &id)
{
    const Task *t = w->document()->project().find(id);
    return t ? t->title() : QString();
}

// Runs `drive` on the modal dialog of type D as soon as it shows (from inside its exec()).
template<typename D>
void whenDialog(const std::function<void(D *)> &drive)
{
    QTimer::singleShot(0, qApp, [drive] {
        auto *dialog = qobject_cast<D *>(QApplication::activeModalWidget());
        if (!dialog) {
            qWarning("no %s showed", D::staticMetaObject.className());
            return;
        }
        drive(dialog);
    });
}

QAction *action(MainWindow *w, const char *name)
{
    return w->findChild<QAction *>(QLatin1String(name));
}

QAction *actionTexted(MainWindow *w, const QString &text)
{
    for (QAction *a : w->findChildren<QAction *>()) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
}

QAction *actionKeyed(MainWindow *w, QKeySequence::StandardKey key)
{
    for (QAction *a : w->findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(key))
            return a;
    }
    return nullptr;
}

// Where a task's card is, in the document and on the canvas.
struct CardPlace
{
    bool hasPosition = false;
    QPointF position;
    QPointF onCanvas;
    bool operator==(const CardPlace &o) const
    {
        return hasPosition == o.hasPosition && position == o.position && onCanvas == o.onCanvas;
    }
};

CardPlace cardPlace(MainWindow *w, const QString &id)
{
    const Task *t = w->document()->project().find(id);
    const CardItem *card = w->findChild<GraphView *>()->graphScene()->cardFor(id);
    return {t && t->hasPosition, t ? t->position : QPointF(), card ? card->pos() : QPointF()};
}

// A hand dragging `id`'s card 120 px right and 60 down on the canvas's viewport; where the
// card was on the canvas just before the button went up.
QPointF dragCard(MainWindow *w, const QString &id)
{
    auto *view = w->findChild<GraphView *>();
    view->graphScene()->flush();
    CardItem *card = view->graphScene()->cardFor(id);
    if (!card)
        return QPointF();
    view->centerOn(card);
    const QPointF from = card->nodeSceneRect().center();
    const QPointF to = from + QPointF(120, 60);
    QWidget *viewport = view->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, view->mapFromScene(from));
    // Qt 6.4's QTest::mouseMove may drop the held button: send the moves ourselves.
    for (int i = 1; i <= 6; ++i) {
        const QPoint p = view->mapFromScene(from + (to - from) * i / 6);
        QMouseEvent move(QEvent::MouseMove, p, viewport->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(viewport, &move);
    }
    const QPointF held = card->pos();
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, view->mapFromScene(to));
    return held;
}

QModelIndex treeIndex(MainWindow *w, const QString &id)
{
    return w->taskTree()->proxy()->mapFromSource(w->taskTree()->model()->indexOf(id));
}

} // namespace

class TestTeamProjectGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void messagesAndUrls();
    void dialogProblems();
    void emptyDatabaseOffersToPublish();
    void passwordNeverStored();
    void publishAndOpenThroughDialogs();
    void editAppearsInOtherWindow();
    void conflictShowsBanner();
    void presenceInStatusBar();
    void lostConnectionIsReadOnly();
    void selectOnlyRoleOpensReadOnly();
    void userGuideGrantsAllowEditing();
    void wrongPasswordAsksAgain();
    void recentRemembersUrlWithoutPassword();
    void openingAFileEndsTheTeamSession();
    void fileHeldElsewhereIsReadOnly();
    void commandLineOpensTeamProject();
    void screenshot();

private:
    // Every view of `w` refuses to edit `id` while the project is read-only (real events).
    void checkViewsReadOnly(MainWindow *w, const QString &id);
    std::unique_ptr<MainWindow> newWindow(const QString &user);
    void fill(TeamConnectionForm *form, const QString &database, const QString &user = QStringLiteral("postgres"));
    QString url(const QString &project, const QString &user = QStringLiteral("postgres")) const
    {
        return QStringLiteral("postgresql://%1@127.0.0.1:%2/team?project=%3").arg(user).arg(m_cluster.port()).arg(project);
    }

    PgCluster m_cluster;
    std::unique_ptr<MainWindow> m_a;
    std::unique_ptr<MainWindow> m_b;
};

void TestTeamProjectGui::initTestCase()
{
    WorkplanTest::isolateSettings("tst_teamprojectgui");
    QSettings().clear();
    if (!PgCluster::installed()) {
        qWarning("*** PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin): every team-project GUI test is SKIPPED ***");
        QSKIP("PostgreSQL 15 is not installed: scripts/install-deps.sh installs it");
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        qWarning("*** Qt's QPSQL driver is missing: every team-project GUI test is SKIPPED ***");
        QSKIP("Qt's PostgreSQL driver is not installed: scripts/install-deps.sh installs libqt6sql6-psql");
    }
    QString why;
    QVERIFY2(m_cluster.start(&why), qPrintable(why));
    QVERIFY2(m_cluster.createDatabase(QStringLiteral("team"), &why), qPrintable(why));
    QVERIFY2(m_cluster.createDatabase(QStringLiteral("empty"), &why), qPrintable(why));
    QVERIFY2(m_cluster.createDatabase(QStringLiteral("future"), &why), qPrintable(why));
}

void TestTeamProjectGui::cleanupTestCase()
{
    m_a.reset();
    m_b.reset();
    m_cluster.stop();
}

std::unique_ptr<MainWindow> TestTeamProjectGui::newWindow(const QString &user)
{
    auto w = std::make_unique<MainWindow>();
    w->team()->setUserName(user);
    w->team()->setIntervals(200, 300);
    w->resize(1000, 700);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    return w;
}

void TestTeamProjectGui::fill(TeamConnectionForm *form, const QString &database, const QString &user)
{
    form->hostEdit()->clear();
    QTest::keyClicks(form->hostEdit(), QStringLiteral("127.0.0.1"));
    form->portEdit()->setValue(m_cluster.port());
    form->databaseEdit()->clear();
    QTest::keyClicks(form->databaseEdit(), database);
    form->userEdit()->clear();
    QTest::keyClicks(form->userEdit(), user);
    form->sslModeBox()->setCurrentIndex(form->sslModeBox()->findData(QStringLiteral("disable")));
}

void TestTeamProjectGui::messagesAndUrls()
{
    PostgresStore::Location l;
    l.host = QStringLiteral("db.example.org");
    l.port = 5432;
    l.user = QStringLiteral("dana");
    l.database = QStringLiteral("plans");
    QCOMPARE(TeamProjects::explain(l, QStringLiteral("cannot connect: could not translate host name \"db.example.org\" to address: Name or service not known")),
             QStringLiteral("Cannot find the server \u201Cdb.example.org\u201D: check the host name."));
    QCOMPARE(TeamProjects::explain(l, QStringLiteral("cannot connect: connection to server at \"db.example.org\" failed: FATAL:  password authentication failed for user \"dana\"")),
             QStringLiteral("The server db.example.org:5432 refused the password for user \u201Cdana\u201D."));
    QVERIFY(TeamProjects::needsPassword(QStringLiteral("fe_sendauth: no password supplied")));
    QVERIFY(!TeamProjects::needsPassword(QStringLiteral("Connection refused")));
    QCOMPARE(TeamProjects::withoutPassword(QStringLiteral("postgresql://dana:s3cret@db:5432/plans?project=Release")),
             QStringLiteral("postgresql://dana@db:5432/plans?project=Release"));
    // The form's URL goes through the store's parser and back: spaces, "&" and accents.
    TeamConnectionForm form;
    fill(&form, QStringLiteral("plans"), QStringLiteral("dana"));
    const QString u = form.url(QStringLiteral("Q3 & Q4 Plän"), false);
    QString error;
    const auto parsed = PostgresStore::parseUrl(u, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->project, QStringLiteral("Q3 & Q4 Plän"));
    QCOMPARE(parsed->database, QStringLiteral("plans"));
    QCOMPARE(parsed->user, QStringLiteral("dana"));
    QCOMPARE(parsed->port, m_cluster.port());
    QCOMPARE(parsed->sslMode, QStringLiteral("disable"));
}

void TestTeamProjectGui::dialogProblems()
{
    OpenTeamProjectDialog dialog;
    // A database without the schema: say how to start.
    fill(dialog.form(), QStringLiteral("empty"));
    QTest::mouseClick(dialog.listButton(), Qt::LeftButton);
    QVERIFY2(dialog.messageLabel()->text().startsWith(QStringLiteral("This database has no Workplan projects yet")),
             qPrintable(dialog.messageLabel()->text()));
    QVERIFY(!dialog.openButton()->isEnabled());
    QVERIFY(dialog.publishHereButton()->isVisibleTo(&dialog));
    // Another database typed in the fields: the offer was for the listed one.
    QTest::keyClick(dialog.form()->databaseEdit(), Qt::Key_Backspace);
    QVERIFY(!dialog.publishHereButton()->isVisibleTo(&dialog));
    // Nobody listening on the port.
    dialog.form()->portEdit()->setValue(PgCluster::freePort());
    QTest::mouseClick(dialog.listButton(), Qt::LeftButton);
    QVERIFY2(dialog.messageLabel()->text().startsWith(QStringLiteral("No PostgreSQL server answers at 127.0.0.1:")),
             qPrintable(dialog.messageLabel()->text()));
    // No such database.
    fill(dialog.form(), QStringLiteral("nosuch"));
    QTest::mouseClick(dialog.listButton(), Qt::LeftButton);
    QVERIFY2(dialog.messageLabel()->text().contains(QStringLiteral("has no database \u201Cnosuch\u201D")),
             qPrintable(dialog.messageLabel()->text()));
    // A schema from a newer Workplan: refused, nothing changed.
    QString why;
    QVERIFY2(PostgresStore::publish(sampleProject(), QStringLiteral("postgresql://postgres@127.0.0.1:%1/future?project=X")
                                                         .arg(m_cluster.port()), &why), qPrintable(why));
    QVERIFY2(m_cluster.exec(QStringLiteral("future"), QStringLiteral("UPDATE workplan_meta SET schema_version = 99"), &why), qPrintable(why));
    fill(dialog.form(), QStringLiteral("future"));
    QTest::mouseClick(dialog.listButton(), Qt::LeftButton);
    QVERIFY2(dialog.messageLabel()->text().startsWith(QStringLiteral("This database was set up by a newer Workplan")),
             qPrintable(dialog.messageLabel()->text()));
    QCOMPARE(m_cluster.scalar(QStringLiteral("future"), QStringLiteral("SELECT schema_version FROM workplan_meta")).toInt(), 99);
}

// A database without the schema: the Open dialog offers to publish the open project
// there, which sets the database up; the publish dialog comes with the same fields.
void TestTeamProjectGui::emptyDatabaseOffersToPublish()
{
    QString why;
    QVERIFY2(m_cluster.createDatabase(QStringLiteral("fresh"), &why), qPrintable(why));
    auto w = newWindow(QStringLiteral("erin"));
    w->document()->resetProject(sampleProject());
    bool offered = false;
    whenDialog<OpenTeamProjectDialog>([this, &offered](OpenTeamProjectDialog *d) {
        fill(d->form(), QStringLiteral("fresh"));
        QTest::mouseClick(d->listButton(), Qt::LeftButton);
        offered = d->publishHereButton()->isVisible();
        if (!offered) {
            d->reject();
            return;
        }
        whenDialog<PublishTeamProjectDialog>([](PublishTeamProjectDialog *p) {
            QCOMPARE(p->form()->databaseEdit()->text(), QStringLiteral("fresh"));
            p->nameEdit()->setText(QStringLiteral("First"));
            QTest::mouseClick(p->publishButton(), Qt::LeftButton);
        });
        QTest::mouseClick(d->publishHereButton(), Qt::LeftButton);
    });
    action(w.get(), "openTeamProjectAction")->trigger();
    QVERIFY(offered);
    QVERIFY(w->team()->isActive());
    QCOMPARE(m_cluster.scalar(QStringLiteral("fresh"), QStringLiteral("SELECT count(*) FROM projects WHERE name = 'First'")).toInt(), 1);
    QVERIFY2(w->windowTitle().startsWith(QStringLiteral("First (team: fresh on 127.0.0.1)")), qPrintable(w->windowTitle()));
    w->team()->close();
}

void TestTeamProjectGui::passwordNeverStored()
{
    {
        OpenTeamProjectDialog dialog;
        fill(dialog.form(), QStringLiteral("empty"));
        QTest::keyClicks(dialog.form()->passwordEdit(), QStringLiteral("Hunter2xyz"));
        QCOMPARE(dialog.form()->passwordEdit()->echoMode(), QLineEdit::Password);
        dialog.form()->remember();
    }
    QSettings settings;
    settings.sync();
    QCOMPARE(settings.value(QStringLiteral("teamProject/database")).toString(), QStringLiteral("empty"));
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("Hunter2xyz"));
    // The fields come back in the next dialog; the password does not.
    OpenTeamProjectDialog again;
    QCOMPARE(again.form()->portEdit()->value(), m_cluster.port());
    QCOMPARE(again.form()->databaseEdit()->text(), QStringLiteral("empty"));
    QVERIFY(again.form()->passwordEdit()->text().isEmpty());
}

void TestTeamProjectGui::publishAndOpenThroughDialogs()
{
    m_a = newWindow(QStringLiteral("dana"));
    QVERIFY(m_a);
    m_a->document()->resetProject(sampleProject());
    whenDialog<PublishTeamProjectDialog>([this](PublishTeamProjectDialog *d) {
        fill(d->form(), QStringLiteral("team"));
        d->nameEdit()->setText(QStringLiteral("Release"));
        QTest::mouseClick(d->publishButton(), Qt::LeftButton);
    });
    action(m_a.get(), "publishTeamProjectAction")->trigger();
    QVERIFY(m_a->team()->isActive());
    QVERIFY2(m_a->windowTitle().startsWith(QStringLiteral("Release (team: team on 127.0.0.1)")), qPrintable(m_a->windowTitle()));
    QVERIFY(!m_a->findChild<QAction *>(QStringLiteral("saveAction"))->isEnabled());
    QCOMPARE(m_cluster.scalar(QStringLiteral("team"), QStringLiteral("SELECT count(*) FROM tasks")).toInt(), 5);

    // Publishing again under the same name asks first; No leaves the database alone.
    bool asked = false;
    whenDialog<PublishTeamProjectDialog>([this, &asked](PublishTeamProjectDialog *d) {
        fill(d->form(), QStringLiteral("team"));
        d->nameEdit()->setText(QStringLiteral("Release"));
        QTimer::singleShot(0, qApp, [&asked] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                asked = box->text().contains(QStringLiteral("already has a project \u201CRelease\u201D"));
                box->button(QMessageBox::No)->click();
            }
        });
        QTest::mouseClick(d->publishButton(), Qt::LeftButton);
        QVERIFY(d->isVisible());
        d->reject();
    });
    action(m_a.get(), "publishTeamProjectAction")->trigger();
    QVERIFY(asked);

    // B opens it: list, pick, Open.
    m_b = newWindow(QStringLiteral("lee"));
    QVERIFY(m_b);
    QStringList listed;
    whenDialog<OpenTeamProjectDialog>([this, &listed](OpenTeamProjectDialog *d) {
        fill(d->form(), QStringLiteral("team"));
        QTest::mouseClick(d->listButton(), Qt::LeftButton);
        for (int i = 0; i < d->projectList()->count(); ++i)
            listed << d->projectList()->item(i)->text();
        d->projectList()->setCurrentRow(int(listed.indexOf(QStringLiteral("Release"))));
        QTest::mouseClick(d->openButton(), Qt::LeftButton);
    });
    action(m_b.get(), "openTeamProjectAction")->trigger();
    QCOMPARE(listed, QStringList{QStringLiteral("Release")});
    QVERIFY(m_b->team()->isActive());
    QCOMPARE(m_b->document()->project().taskCount(), 5);
    QCOMPARE(title(m_b.get(), QStringLiteral("t3")), QStringLiteral("Deploy to Staging"));
}

void TestTeamProjectGui::editAppearsInOtherWindow()
{
    QVERIFY(m_a && m_b && m_a->team()->isActive() && m_b->team()->isActive());
    m_b->selection()->select(QStringLiteral("t4"));
    QVERIFY(m_a->document()->edits().setTitle(QStringLiteral("t1"), QStringLiteral("Design review")));
    QTRY_COMPARE_WITH_TIMEOUT(title(m_b.get(), QStringLiteral("t1")), QStringLiteral("Design review"), 10000);
    QCOMPARE(m_b->selection()->currentId(), QStringLiteral("t4"));
    QCOMPARE(m_b->selection()->selectedIds(), QStringList{QStringLiteral("t4")});
    QVERIFY(!m_a->document()->isModified());   // committed: nothing for Save
}

void TestTeamProjectGui::conflictShowsBanner()
{
    QVERIFY(m_a && m_b);
    // A commits; B edits the same task before it heard of A's change.
    QVERIFY(m_a->document()->edits().setTitle(QStringLiteral("t3"), QStringLiteral("Deploy to Staging (A)")));
    m_b->document()->edits().setTitle(QStringLiteral("t3"), QStringLiteral("Deploy to Staging (B)"));
    TeamBanner *banner = m_b->team()->conflictBanner();
    QVERIFY(!banner->isHidden());
    QVERIFY2(banner->isVisible(), "the banner shows above the canvas");
    const QRegularExpression sentence(QStringLiteral("^Deploy to Staging.* was changed by dana at \\d\\d:\\d\\d \u2014 your edit was not applied"));
    QVERIFY2(sentence.match(banner->text()).hasMatch(), qPrintable(banner->text()));
    QCOMPARE(m_b->statusBar()->currentMessage(), banner->text());
    QTRY_COMPARE_WITH_TIMEOUT(title(m_b.get(), QStringLiteral("t3")), QStringLiteral("Deploy to Staging (A)"), 10000);
    // Not modal: it goes when dismissed.
    banner->clear();
    QVERIFY(banner->isHidden());
}

void TestTeamProjectGui::presenceInStatusBar()
{
    QVERIFY(m_a && m_b);
    QLabel *a = m_a->team()->presenceLabel();
    QTRY_COMPARE_WITH_TIMEOUT(a->text(), QStringLiteral("Also here: lee"), 10000);
    QVERIFY(a->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(m_b->team()->presenceLabel()->text(), QStringLiteral("Also here: dana"), 10000);
}

void TestTeamProjectGui::lostConnectionIsReadOnly()
{
    QVERIFY(m_a && m_b);
    QString why;
    // No new connections to the database, then every session in it ended: the windows
    // notice at their next heartbeat and cannot reconnect until it is allowed again.
    QVERIFY2(m_cluster.exec(QStringLiteral("postgres"), QStringLiteral("ALTER DATABASE team ALLOW_CONNECTIONS false"), &why), qPrintable(why));
    const auto allow = qScopeGuard([this] {
        QString ignored;
        m_cluster.exec(QStringLiteral("postgres"), QStringLiteral("ALTER DATABASE team ALLOW_CONNECTIONS true"), &ignored);
    });
    QVERIFY2(m_cluster.exec(QStringLiteral("postgres"),
                            QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'team'"), &why),
             qPrintable(why));
    TeamBanner *state = m_a->team()->stateBanner();
    QTRY_VERIFY_WITH_TIMEOUT(state->isVisible(), 10000);
    QCOMPARE(state->text(), QStringLiteral("Connection to 127.0.0.1 lost \u2014 reconnecting\u2026 (read-only until then)"));
    QVERIFY(m_a->windowTitle().contains(QStringLiteral("[read-only]")));
    QAction *add = nullptr;
    for (QAction *a : m_a->findChildren<QAction *>()) {
        if (a->text() == QStringLiteral("&Add Task"))
            add = a;
    }
    QVERIFY(add);
    QVERIFY(!add->isEnabled());
    // The document is read-only with the banner's sentence: an edit that still gets
    // through is refused with it, and nothing is applied or pushed.
    QVERIFY(m_a->document()->isReadOnly());
    QCOMPARE(m_a->document()->readOnlyReason(), state->text());
    const QString before = title(m_a.get(), QStringLiteral("t5"));
    const int steps = m_a->document()->undoStack()->count();
    const EditResult refused = m_a->document()->edits().setTitle(QStringLiteral("t5"), QStringLiteral("Offline edit"));
    QCOMPARE(refused.problem, state->text());
    QCOMPARE(title(m_a.get(), QStringLiteral("t5")), before);
    QCOMPARE(m_a->document()->undoStack()->count(), steps);
    checkViewsReadOnly(m_a.get(), QStringLiteral("t5"));
    if (QTest::currentTestFailed())
        return;

    QVERIFY2(m_cluster.exec(QStringLiteral("postgres"), QStringLiteral("ALTER DATABASE team ALLOW_CONNECTIONS true"), &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(state->isHidden(), 15000);
    QVERIFY(add->isEnabled());
    QVERIFY(!m_a->windowTitle().contains(QStringLiteral("[read-only]")));
    // The state goes away with the reconnect, in every view.
    QVERIFY(!m_a->document()->isReadOnly());
    QVERIFY(!m_a->inspector()->titleEdit()->isReadOnly());
    QVERIFY(treeIndex(m_a.get(), QStringLiteral("t5")).flags() & Qt::ItemIsEditable);
    QVERIFY(m_a->findChild<QUndoView *>()->isEnabled());
    const CardPlace placed = cardPlace(m_a.get(), QStringLiteral("t5"));
    dragCard(m_a.get(), QStringLiteral("t5"));
    QVERIFY(!(cardPlace(m_a.get(), QStringLiteral("t5")) == placed));
    QVERIFY(cardPlace(m_a.get(), QStringLiteral("t5")).hasPosition);
    QVERIFY(m_a->document()->edits().setTitle(QStringLiteral("t5"), QStringLiteral("Launch day")));
    QTRY_COMPARE_WITH_TIMEOUT(title(m_b.get(), QStringLiteral("t5")), QStringLiteral("Launch day"), 15000);
}

void TestTeamProjectGui::selectOnlyRoleOpensReadOnly()
{
    QString why;
    for (const char *sql : {"CREATE ROLE reader LOGIN", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader"})
        QVERIFY2(m_cluster.exec(QStringLiteral("team"), QLatin1String(sql), &why), qPrintable(why));
    auto c = newWindow(QString());
    QVERIFY(c);
    QVERIFY(c->openFile(url(QStringLiteral("Release"), QStringLiteral("reader"))));
    QVERIFY(c->team()->isReadOnly());
    QVERIFY(c->team()->stateBanner()->isVisible());
    QVERIFY2(c->team()->stateBanner()->text().startsWith(QStringLiteral("Read-only:")), qPrintable(c->team()->stateBanner()->text()));
    QVERIFY(c->windowTitle().contains(QStringLiteral("[read-only]")));
    QVERIFY(c->document()->isReadOnly());
    const EditResult refused = c->document()->edits().setTitle(QStringLiteral("t2"), QStringLiteral("Not mine to change"));
    QCOMPARE(refused.problem, c->team()->stateBanner()->text());
    QCOMPARE(title(c.get(), QStringLiteral("t2")), QStringLiteral("Build"));
    QVERIFY(c->team()->conflictBanner()->isHidden());   // refused before the sync heard of it
    checkViewsReadOnly(c.get(), QStringLiteral("t2"));
}

void TestTeamProjectGui::checkViewsReadOnly(MainWindow *w, const QString &id)
{
    QUndoStack *stack = w->document()->undoStack();
    const int steps = stack->count();
    const Task before = *w->document()->project().find(id);
    // Undo and Redo are off and the history cannot be clicked; it is still there.
    QAction *undo = actionKeyed(w, QKeySequence::Undo), *redo = actionKeyed(w, QKeySequence::Redo);
    QAction *remove = actionTexted(w, QStringLiteral("&Delete"));
    QVERIFY(undo && redo && remove);
    QVERIFY(!undo->isEnabled());
    QVERIFY(!redo->isEnabled());
    QVERIFY(!w->findChild<QUndoView *>()->isEnabled());
    // A new selection does not bring Delete back.
    w->selection()->select(id);
    QVERIFY(!remove->isEnabled());

    // Canvas: dragging the card does not move it, not even while the button is held.
    const CardPlace placed = cardPlace(w, id);
    QCOMPARE(dragCard(w, id), placed.onCanvas);
    QVERIFY(cardPlace(w, id) == placed);

    // Inspector: typing into the title changes neither the field nor the task; the text
    // can still be selected; the status box does not change.
    Inspector *inspector = w->inspector();
    QCOMPARE(inspector->taskId(), id);
    QLineEdit *titleEdit = inspector->titleEdit();
    QVERIFY(titleEdit->isReadOnly());
    QTest::mouseClick(titleEdit, Qt::LeftButton);
    QTest::keyClick(titleEdit, Qt::Key_End);
    QTest::keyClicks(titleEdit, QStringLiteral(" offline"));
    QTest::keyClick(titleEdit, Qt::Key_Return);
    QCOMPARE(titleEdit->text(), before.title());
    titleEdit->selectAll();
    QCOMPARE(titleEdit->selectedText(), before.title());
    QComboBox *status = inspector->statusCombo();
    const int statusIndex = status->currentIndex();
    QTest::keyClick(status, Qt::Key_Down);
    QTest::mouseClick(status, Qt::LeftButton);
    QCOMPARE(status->currentIndex(), statusIndex);
    QVERIFY(!status->view()->isVisible());

    // Tree: no rename by double click or F2, no drag.
    QTreeView *tree = w->taskTree()->view();
    const QModelIndex row = treeIndex(w, id);
    QVERIFY(row.isValid());
    QVERIFY(!(row.flags() & Qt::ItemIsEditable));
    QVERIFY(!(row.flags() & Qt::ItemIsDragEnabled));
    QVERIFY(!(row.flags() & Qt::ItemIsDropEnabled));
    const auto editorOpen = [tree] {
        const QList<QLineEdit *> editors = tree->viewport()->findChildren<QLineEdit *>();
        return std::any_of(editors.cbegin(), editors.cend(), [](QLineEdit *e) { return e->isVisible(); });
    };
    tree->scrollTo(row);
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(row).center());
    QVERIFY(!editorOpen());
    tree->setCurrentIndex(row);
    QTest::keyClick(tree, Qt::Key_F2);
    QVERIFY(!editorOpen());
    QVERIFY(!tree->model()->setData(row, QStringLiteral("Renamed offline")));

    QVERIFY(*w->document()->project().find(id) == before);
    QCOMPARE(stack->count(), steps);
}

// The user guide's recipe for a second editor ("Working as a team") is enough to edit.
void TestTeamProjectGui::userGuideGrantsAllowEditing()
{
    QString why;
    for (const char *sql : {"CREATE ROLE lee LOGIN",
                            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lee",
                            "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO lee"})
        QVERIFY2(m_cluster.exec(QStringLiteral("team"), QLatin1String(sql), &why), qPrintable(why));
    auto c = newWindow(QString());
    QVERIFY(c);
    QVERIFY(c->openFile(url(QStringLiteral("Release"), QStringLiteral("lee"))));
    QVERIFY(!c->team()->isReadOnly());
    QVERIFY(c->team()->stateBanner()->isHidden());
    QVERIFY(c->document()->edits().setTitle(QStringLiteral("t4"), QStringLiteral("Test with lee")));
    QVERIFY2(c->team()->conflictBanner()->isHidden(), qPrintable(c->team()->conflictBanner()->text()));
    QCOMPARE(m_cluster.scalar(QStringLiteral("team"), QStringLiteral("SELECT who FROM change_log ORDER BY change_id DESC LIMIT 1")).toString(),
             QStringLiteral("lee"));
}

// A server that checks passwords: a wrong one is refused with a sentence naming the server
// and the user and the prompt comes again, the window unchanged; the right one opens the
// project; neither is kept anywhere.
void TestTeamProjectGui::wrongPasswordAsksAgain()
{
    QString why;
    const QString good = QStringLiteral("Corr3ct-h0rse");
    QVERIFY2(m_cluster.requirePassword(QStringLiteral("pat"), good, &why), qPrintable(why));
    QVERIFY2(m_cluster.exec(QStringLiteral("team"), QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
                                                                   "public TO pat; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO pat"),
                            &why), qPrintable(why));
    auto c = newWindow(QString());
    QVERIFY(c);
    const Project empty = c->document()->project();
    // Answers each prompt in turn by typing into it and pressing OK (cancel when none is left).
    QStringList answers{QStringLiteral("wrong-pw-1"), good};
    QStringList labels;
    bool unchanged = true, hidden = true;
    QTimer prompter;
    connect(&prompter, &QTimer::timeout, this, [&] {
        auto *prompt = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!prompt || prompt->property("answered").toBool())
            return;
        prompt->setProperty("answered", true);
        labels << prompt->labelText();
        unchanged = unchanged && !c->team()->isActive() && c->document()->project() == empty
            && c->document()->filePath().isEmpty();
        auto *edit = prompt->findChild<QLineEdit *>();
        hidden = hidden && edit && edit->echoMode() == QLineEdit::Password;
        if (answers.isEmpty() || !edit) {
            prompt->reject();
            return;
        }
        QTest::keyClicks(edit, answers.takeFirst());
        QTest::mouseClick(prompt->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    prompter.start(20);
    const QString refusal = QStringLiteral("The server 127.0.0.1:%1 refused the password for user \u201Cpat\u201D. Try again.")
                                .arg(m_cluster.port());

    // Wrong, then cancelled: nothing opened, the reason said.
    answers = {QStringLiteral("wrong-pw-0")};
    QString error;
    QVERIFY(!c->team()->openUrl(url(QStringLiteral("Release"), QStringLiteral("pat")), &error));
    QCOMPARE(labels.size(), 2);
    QCOMPARE(labels.at(0), QStringLiteral("Password for pat on 127.0.0.1:"));
    QVERIFY2(labels.at(1).startsWith(refusal), qPrintable(labels.at(1)));
    QCOMPARE(error, QStringLiteral("The server 127.0.0.1:%1 refused the password for user \u201Cpat\u201D.").arg(m_cluster.port()));
    QVERIFY(!c->team()->isActive());
    QVERIFY(c->document()->project() == empty);
    for (QMessageBox *box : c->findChildren<QMessageBox *>())
        box->close();

    // Wrong, then right: the project opens.
    labels.clear();
    answers = {QStringLiteral("wrong-pw-1"), good};
    QVERIFY(c->openFile(url(QStringLiteral("Release"), QStringLiteral("pat"))));
    prompter.stop();
    QCOMPARE(labels.size(), 2);
    QVERIFY2(labels.at(1).startsWith(refusal), qPrintable(labels.at(1)));
    QVERIFY2(labels.at(1).endsWith(QStringLiteral("Password for pat on 127.0.0.1:")), qPrintable(labels.at(1)));
    QVERIFY(unchanged);
    QVERIFY(hidden);
    QVERIFY(c->team()->isActive());
    QVERIFY(!c->team()->isReadOnly());
    QCOMPARE(c->document()->project().taskCount(), 5);

    // Kept nowhere: not in the settings, Open Recent, the title or the document's path.
    QVERIFY(!c->document()->filePath().contains(good));
    QVERIFY(!c->windowTitle().contains(good));
    for (const QString &entry : RecentFiles::instance()->entries())
        QVERIFY2(!entry.contains(good), qPrintable(entry));
    QSettings().sync();
    QFile file(QSettings().fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray settings = file.readAll();
    QVERIFY(!settings.contains(good.toUtf8()));
    QVERIFY(!settings.contains("wrong-pw-"));
}

void TestTeamProjectGui::recentRemembersUrlWithoutPassword()
{
    auto c = newWindow(QStringLiteral("kim"));
    QVERIFY(c);
    // Trust authentication accepts any password: enough to see where it goes (nowhere).
    const QString withPassword = QStringLiteral("postgresql://postgres:Sw0rdfish@127.0.0.1:%1/team?project=Release").arg(m_cluster.port());
    QVERIFY(c->openFile(withPassword));
    const QString plain = url(QStringLiteral("Release"));
    QCOMPARE(RecentFiles::instance()->entries().value(0), plain);
    QCOMPARE(c->document()->filePath(), plain);
    QVERIFY(!c->windowTitle().contains(QStringLiteral("Sw0rdfish")));
    QSettings().sync();
    QFile file(QSettings().fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("Sw0rdfish"));
    // Whoever adds a URL, the list keeps it without the password.
    RecentFiles::instance()->add(withPassword);
    QCOMPARE(RecentFiles::instance()->entries().value(0), plain);
    // The File menu's Open Recent lists it by name and reopens it.
    c.reset();
    auto d = newWindow(QStringLiteral("kim"));
    QVERIFY(d);
    QMenu *recent = nullptr;
    for (QMenu *m : d->findChildren<QMenu *>()) {
        if (m->title() == QStringLiteral("Open &Recent"))
            recent = m;
    }
    QVERIFY(recent);
    QAction *entry = recent->actions().value(0);
    QVERIFY(entry);
    QCOMPARE(entry->text(), QStringLiteral("Release (team, 127.0.0.1)"));
    QCOMPARE(entry->toolTip(), plain);
    entry->trigger();
    QVERIFY(d->team()->isActive());
    QCOMPARE(d->document()->project().taskCount(), 5);
}

void TestTeamProjectGui::openingAFileEndsTheTeamSession()
{
    QTemporaryDir dir;   // outlives the window, which holds the file's lock
    auto c = newWindow(QStringLiteral("kim"));
    QVERIFY(c);
    QVERIFY(c->openFile(url(QStringLiteral("Release"))));
    QVERIFY(c->team()->isActive());
    const QString changes = QStringLiteral("SELECT count(*) FROM change_log");
    const int before = m_cluster.scalar(QStringLiteral("team"), changes).toInt();
    const QString path = dir.filePath(QStringLiteral("local.workplan"));
    QVERIFY(c->saveTo(path));   // Save As: a local copy, and the window follows the file
    QVERIFY(!c->team()->isActive());
    QVERIFY(c->windowTitle().startsWith(QStringLiteral("local.workplan")));
    // Edits now go to the file only: the database keeps its title.
    QVERIFY(c->document()->edits().setTitle(QStringLiteral("t2"), QStringLiteral("Local only")));
    QTest::qWait(300);
    QCOMPARE(m_cluster.scalar(QStringLiteral("team"), changes).toInt(), before);
    QVERIFY(title(m_a.get(), QStringLiteral("t2")) != QStringLiteral("Local only"));
}

// The same one state for a file another Workplan holds: every edit refused with the
// reason, the Edit menu off; Save As somewhere else makes it editable again.
void TestTeamProjectGui::fileHeldElsewhereIsReadOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("held.json"));
    QString error;
    QVERIFY2(ProjectFile::save(sampleProject(), path, &error), qPrintable(error));
    auto holder = newWindow(QStringLiteral("kim"));
    auto reader = newWindow(QStringLiteral("kim"));
    QVERIFY(holder && reader);
    QVERIFY(holder->openFile(path));
    {
        WorkplanTest::MessageBoxAnswer openReadOnly(QMessageBox::Open);
        QVERIFY(reader->openFile(path));
        QVERIFY(openReadOnly.seen);
    }
    QVERIFY(reader->isReadOnly());
    ProjectDocument *doc = reader->document();
    QVERIFY(doc->isReadOnly());
    QVERIFY2(doc->readOnlyReason().startsWith(QStringLiteral("held.json is read-only: it is open in another Workplan")),
             qPrintable(doc->readOnlyReason()));
    QCOMPARE(doc->edits().setTitle(QStringLiteral("t1"), QStringLiteral("Mine")).problem, doc->readOnlyReason());
    QVERIFY(!holder->document()->isReadOnly());
    checkViewsReadOnly(reader.get(), QStringLiteral("t1"));
    QVERIFY(!actionTexted(reader.get(), QStringLiteral("&Add Task"))->isEnabled());

    QVERIFY(reader->saveTo(dir.filePath(QStringLiteral("mine.json"))));
    QVERIFY(!doc->isReadOnly());
    QVERIFY(actionTexted(reader.get(), QStringLiteral("&Add Task"))->isEnabled());
    QVERIFY(doc->edits().setTitle(QStringLiteral("t1"), QStringLiteral("Mine")));
    reader->document()->markSaved();
}

// `workplan postgresql://…?project=NAME` opens the editor on the team project: the new
// window announces itself in the presence table, as the user the URL names.
void TestTeamProjectGui::commandLineOpensTeamProject()
{
    QString why;
    QVERIFY2(m_cluster.exec(QStringLiteral("team"), QStringLiteral("CREATE ROLE cli LOGIN; GRANT SELECT, INSERT, UPDATE, DELETE "
                                                                   "ON ALL TABLES IN SCHEMA public TO cli; GRANT USAGE ON ALL "
                                                                   "SEQUENCES IN SCHEMA public TO cli"), &why), qPrintable(why));
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    QProcess editor;
    editor.setProcessEnvironment(env);
    editor.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    editor.start(QStringLiteral(WORKPLAN_BINARY), {url(QStringLiteral("Release"), QStringLiteral("cli"))});
    const auto stop = qScopeGuard([&editor] {
        editor.kill();
        editor.waitForFinished(5000);
    });
    QVERIFY(editor.waitForStarted(10000));
    const QString here = QStringLiteral("SELECT count(*) FROM presence p JOIN projects j ON j.id = p.project_id "
                                        "WHERE j.name = 'Release' AND p.user_name = 'cli'");
    QTRY_VERIFY_WITH_TIMEOUT(m_cluster.scalar(QStringLiteral("team"), here).toInt() == 1, 20000);
    QCOMPARE(editor.state(), QProcess::Running);
}

// docs/images/team-two-windows.png (scripts/team-screenshot.sh runs this under Xvfb):
// two editors side by side on one project, each seeing the other, one with a conflict.
void TestTeamProjectGui::screenshot()
{
    const QString out = qEnvironmentVariable("WORKPLAN_TEAM_SCREENSHOT");
    if (out.isEmpty())
        QSKIP("set WORKPLAN_TEAM_SCREENSHOT=FILE.png to photograph two windows on one team project");
    m_a.reset();
    m_b.reset();
    QString error;
    auto project = ProjectFile::load(QStringLiteral(WORKPLAN_SOURCE_DIR "/samples/feature-development.json"), &error);
    QVERIFY2(project, qPrintable(error));
    const QString u = url(QStringLiteral("Feature Development"));
    QVERIFY2(PostgresStore::publish(*project, u, &error), qPrintable(error));
    const QSize screen = QGuiApplication::primaryScreen()->size();
    const int w = screen.width() / 2;
    auto left = newWindow(QStringLiteral("dana"));
    auto right = newWindow(QStringLiteral("lee"));
    QVERIFY(left && right);
    left->setGeometry(0, 0, w, screen.height());
    right->setGeometry(w, 0, w, screen.height());
    QVERIFY(left->openFile(u) && right->openFile(u));
    const QList<Task> tasks = left->document()->project().tasks();
    QString leaf;
    for (const Task &t : tasks) {
        if (!left->document()->isSummary(t.id) && !t.dependencies.isEmpty()) {
            leaf = t.id;
            break;
        }
    }
    QVERIFY(!leaf.isEmpty());
    left->selection()->select(leaf);
    right->selection()->select(leaf);
    const QString old = title(left.get(), leaf);
    QVERIFY(left->document()->edits().setTitle(leaf, old + QStringLiteral(" (v2)")));
    right->document()->edits().setTitle(leaf, old + QStringLiteral(" — reviewed"));
    QTRY_VERIFY_WITH_TIMEOUT(left->team()->presenceLabel()->isVisible() && right->team()->presenceLabel()->isVisible(), 10000);
    for (MainWindow *m : {left.get(), right.get()})
        m->analysis()->refreshNow();
    QTest::qWait(1500);   // layouts and repaints settle
    const QPixmap shot = QGuiApplication::primaryScreen()->grabWindow(0);
    QVERIFY(!shot.isNull());
    QVERIFY(shot.save(out));
}

QTEST_MAIN(TestTeamProjectGui)
#include "tst_teamprojectgui.moc"
