// Files and session (issue #15.5): Open Recent and the welcome page follow every open and
// save at once, Export JSON proposes a name, another project clears the tree filter, and a
// window comes back as it was closed (geometry, docks, splitters, zoom).
#include "model/projectdocument.h"
#include "model/storage/projectfile.h"
#include "views/graph/graphview.h"
#include "views/mainwindow.h"
#include "views/recentfiles.h"
#include "views/taskfilterproxy.h"
#include "views/tasktreemodel.h"
#include "views/tasktreewidget.h"
#include "views/welcomepage.h"
#include "views/windowsession.h"

#include "testsupport.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Workplan;

class TestSession : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void recentMenuFollowsAtOnce();
    void welcomeListsRecent();
    void exportProposesAName();
    void filterClearedByAnotherProject();
    void windowComesBackAsClosed();

private:
    QString copyOf(const QString &example);
    QTemporaryDir m_dir;
};

void TestSession::initTestCase()
{
    WorkplanTest::isolateSettings("tst_session");
}

void TestSession::init()
{
    QSettings().clear();
    RecentFiles::instance()->clear();
}

// A writable copy: opening takes a lock file beside the project.
QString TestSession::copyOf(const QString &example)
{
    const QString path = m_dir.filePath(example);
    QFile::remove(path);
    if (!QFile::copy(WorkplanTest::testData(QStringLiteral("examples/") + example), path))
        return QString();
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

static QMenu *recentMenu(MainWindow &w)
{
    for (QMenu *m : w.menuBar()->findChildren<QMenu *>()) {
        if (m->title().remove(QLatin1Char('&')) == QLatin1String("Open Recent"))
            return m;
    }
    return nullptr;
}

// The menu starts disabled (nothing recent) and must not wait for a restart.
void TestSession::recentMenuFollowsAtOnce()
{
    MainWindow w;
    QMenu *menu = recentMenu(w);
    QVERIFY(menu);
    QVERIFY(!menu->isEnabled());
    const QString path = copyOf(QStringLiteral("feature-development.json"));
    QVERIFY(w.openFile(path));
    QVERIFY(menu->isEnabled());
    QCOMPARE(menu->actions().first()->text(), QStringLiteral("feature-development.json"));
    const QString saved = m_dir.filePath(QStringLiteral("saved-copy.json"));
    QVERIFY(w.saveTo(saved));
    QCOMPARE(menu->actions().first()->text(), QStringLiteral("saved-copy.json"));
    QCOMPARE(menu->actions().first()->toolTip(), QFileInfo(saved).absoluteFilePath());
    // Clear Menu empties and disables it, also at once.
    menu->actions().last()->trigger();
    QVERIFY(!menu->isEnabled());
}

void TestSession::welcomeListsRecent()
{
    const QString path = copyOf(QStringLiteral("bug-fix-regular.json"));
    RecentFiles::instance()->add(path);
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QListWidget *recent = w.welcomePage()->recentList();
    QVERIFY(recent->isVisible());
    QCOMPARE(recent->count(), 1);
    QCOMPARE(recent->item(0)->text(), QStringLiteral("bug-fix-regular.json"));
    // Double-click opens it.
    const QRect r = recent->visualItemRect(recent->item(0));
    // A double-click is a press, a release, then the double-click event.
    QTest::mouseClick(recent->viewport(), Qt::LeftButton, {}, r.center());
    QTest::mouseDClick(recent->viewport(), Qt::LeftButton, {}, r.center());
    QTRY_COMPARE(w.document()->filePath(), path);
    QVERIFY(!w.welcomePage()->isVisible());
    // Empty: the list and its label are gone, the samples stay.
    RecentFiles::instance()->clear();
    QCOMPARE(recent->count(), 0);
    QVERIFY(recent->isHidden());
}

void TestSession::exportProposesAName()
{
    MainWindow w;
    const QString path = copyOf(QStringLiteral("feature-development.json"));
    QVERIFY(w.openFile(path));
    QCOMPARE(w.proposedPath(QStringLiteral("json")), QFileInfo(path).absoluteFilePath());
    QCOMPARE(w.proposedPath(QStringLiteral("pdf")), m_dir.filePath(QStringLiteral("feature-development.pdf")));
    // No file yet: the project's name, in the fallback folder, with nothing a file name
    // cannot hold.
    QCOMPARE(ProjectFile::proposedPath(QString(), QStringLiteral("Q3: Payments/Refunds"), QStringLiteral("json"),
                                       QStringLiteral("/docs")),
             QStringLiteral("/docs/Q3- Payments-Refunds.json"));
    QCOMPARE(ProjectFile::proposedPath(QString(), QString(), QStringLiteral("json"), QStringLiteral("/docs")),
             QStringLiteral("/docs/plan.json"));
    // A team project's URL is not a folder.
    QCOMPARE(ProjectFile::proposedPath(QStringLiteral("postgresql://u@h/db?project=x"), QStringLiteral("Payments"),
                                       QStringLiteral("json"), QStringLiteral("/docs")),
             QStringLiteral("/docs/Payments.json"));
}

void TestSession::filterClearedByAnotherProject()
{
    MainWindow w;
    w.show();
    QVERIFY(w.openFile(copyOf(QStringLiteral("feature-development.json"))));
    TaskTreeWidget *tree = w.taskTree();
    QTest::keyClicks(tree->filterEdit(), QStringLiteral("storage"));
    tree->statusFilter()->setCurrentIndex(1);
    QVERIFY(tree->proxy()->rowCount() <= 1);
    QVERIFY(w.openFile(copyOf(QStringLiteral("release-pipeline.json"))));
    QVERIFY(tree->filterEdit()->text().isEmpty());
    QCOMPARE(tree->statusFilter()->currentIndex(), 0);
    QCOMPARE(tree->typeFilter()->currentIndex(), 0);
    QVERIFY(tree->proxy()->rowCount() >= 1);
    QCOMPARE(tree->proxy()->rowCount(), tree->model()->rowCount());
}

void TestSession::windowComesBackAsClosed()
{
    const QString path = copyOf(QStringLiteral("feature-development.json"));
    QList<int> timelineSizes;
    QRect geometry;
    {
        MainWindow w;
        WindowSession session(&w);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(20);
        w.resize(1100, 760);
        QVERIFY(w.openFile(path));
        QTest::qWait(20);
        auto *view = w.findChild<GraphView *>();
        view->setZoom(1.75);
        w.findChild<QDockWidget *>(QStringLiteral("PaletteDock"))->hide();
        auto *splitter = w.findChild<QSplitter *>(QStringLiteral("timelineSplitter"));
        QVERIFY(splitter);
        splitter->setSizes({150, 500});
        timelineSizes = splitter->sizes();
        geometry = w.geometry();
        QVERIFY(w.close());
    }
    MainWindow again;
    WindowSession session(&again);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QTest::qWait(20);
    QCOMPARE(again.size(), geometry.size());
    QVERIFY(again.findChild<QDockWidget *>(QStringLiteral("PaletteDock"))->isHidden());
    QVERIFY(!again.findChild<QDockWidget *>(QStringLiteral("InspectorDock"))->isHidden());
    QCOMPARE(again.findChild<QSplitter *>(QStringLiteral("timelineSplitter"))->sizes(), timelineSizes);
    // The zoom comes back with the project it was saved for, not with another one.
    QVERIFY(again.openFile(copyOf(QStringLiteral("release-pipeline.json"))));
    QTest::qWait(20);
    auto *view = again.findChild<GraphView *>();
    QVERIFY(!qFuzzyCompare(view->zoom(), 1.75));
    QVERIFY(again.openFile(path));
    QTRY_VERIFY(qFuzzyCompare(view->zoom(), 1.75));
    QVERIFY(again.close());
}

QTEST_MAIN(TestSession)
#include "tst_session.moc"
