// Files in the real world (issue #8): read-only folders, a file open in another Workplan,
// saves that fail, leftovers of crashed saves. The tests run as root, where permission bits
// do not bite, so a read-only folder is simulated through FileSafety::setWritableProbe.
#include "model/commands/changetaskcommand.h"
#include "model/projectdocument.h"
#include "model/storage/filelock.h"
#include "model/storage/filesafety.h"
#include "model/storage/projectfile.h"
#include "views/mainwindow.h"

#include "testsupport.h"
#include "testwidgets.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

using namespace Workplan;
using WorkplanTest::MessageBoxAnswer;

namespace {

// From tests/data: a missing file stops the run at once, named, instead of leaving an
// error dialog open that no one closes.
const QString kExample = WorkplanTest::testData(QStringLiteral("examples/feature-development.json"));


// A read-only folder, as a non-root user on a read-only share would see it.
struct SimulatedReadOnly
{
    SimulatedReadOnly()
    {
        FileSafety::setWritableProbe([](const QString &, QString *reason) {
            *reason = QStringLiteral("simulated: Permission denied");
            return false;
        });
    }
    ~SimulatedReadOnly() { FileSafety::setWritableProbe({}); }
};

// Regular files may grow to `bytes` only: a full disk, for root too.
struct FileSizeLimit
{
    explicit FileSizeLimit(rlim_t bytes)
    {
        std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &old);
        rlimit lim = old;
        lim.rlim_cur = bytes;
        ok = setrlimit(RLIMIT_FSIZE, &lim) == 0;
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &old); }
    rlimit old{};
    bool ok = false;
};

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool touch(const QString &path, const QDateTime &time)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write("x");
    f.flush();   // or the write on close would make it new again
    return f.setFileTime(time, QFileDevice::FileModificationTime);
}

QString saveExampleAs(const QTemporaryDir &dir, const QString &name)
{
    QString error;
    const auto project = ProjectFile::load(kExample, &error);
    const QString path = dir.filePath(name);
    if (!project || !ProjectFile::save(*project, path, &error))
        qWarning() << error;
    return path;
}

QAction *saveAction(MainWindow &w)
{
    return w.findChild<QAction *>(QStringLiteral("saveAction"));
}

} // namespace

class TestFileSafety : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void probeIsARealAttempt();
    void staleTemporariesOnly();
    void saveClearsStaleTemporaries();
    void accessReadOnlyFolder();
    void accessTakesOverDeadHoldersLock();
    void windowReadOnlyFolder();
    void windowSecondOpenSeesLock();
    void windowSaveFailureKeepsOriginal_data();
    void windowSaveFailureKeepsOriginal();
};

void TestFileSafety::initTestCase()
{
    WorkplanTest::isolateSettings("tst_filesafety");
}

void TestFileSafety::probeIsARealAttempt()
{
    QTemporaryDir dir;
    QString reason;
    QVERIFY(FileSafety::probeWritable(dir.filePath(QStringLiteral("new.workplan")), &reason));
    const QString existing = saveExampleAs(dir, QStringLiteral("plan.workplan"));
    const QByteArray before = contents(existing);
    QVERIFY(FileSafety::probeWritable(existing, &reason));
    QCOMPARE(contents(existing), before);   // probing writes nothing
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("plan.workplan")});

    QVERIFY(!FileSafety::probeWritable(dir.filePath(QStringLiteral("missing/plan.workplan")), &reason));
    QVERIFY2(reason.contains(QLatin1String("missing")), qPrintable(reason));
}

void TestFileSafety::staleTemporariesOnly()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plan.workplan"));
    const QDateTime old = QDateTime::currentDateTime().addSecs(-3600);
    const QStringList stale{QStringLiteral(".plan.workplan.AbC123.tmp"), QStringLiteral(".plan.workplan.zzzzzz.tmp")};
    const QStringList kept{
        QStringLiteral(".plan.workplan.young1.tmp"),       // a save in progress, perhaps
        QStringLiteral(".plan.workplan.toolong1.tmp"),     // not QTemporaryFile's six
        QStringLiteral(".plan.workplan.AbC123.tmp.keep"),
        QStringLiteral(".other.workplan.AbC123.tmp"),      // another project's
        QStringLiteral("plan.workplan.AbC123.tmp"),
        QStringLiteral(".plan.workplan.lock"),
    };
    for (const QString &name : stale + kept)
        QVERIFY(touch(dir.filePath(name), name.contains(QLatin1String("young")) ? QDateTime::currentDateTime() : old));
    QCOMPARE(FileSafety::removeStaleTemporaries(file), 2);
    for (const QString &name : stale)
        QVERIFY2(!QFile::exists(dir.filePath(name)), qPrintable(name));
    for (const QString &name : kept)
        QVERIFY2(QFile::exists(dir.filePath(name)), qPrintable(name));
}

void TestFileSafety::saveClearsStaleTemporaries()
{
    QTemporaryDir dir;
    const QString leftover = dir.filePath(QStringLiteral(".plan.workplan.Xy9876.tmp"));
    QVERIFY(touch(leftover, QDateTime::currentDateTime().addDays(-1)));
    saveExampleAs(dir, QStringLiteral("plan.workplan"));
    QVERIFY(!QFile::exists(leftover));

    // And on opening for editing.
    QVERIFY(touch(leftover, QDateTime::currentDateTime().addDays(-1)));
    FileAccess access(dir.filePath(QStringLiteral("plan.workplan")));
    QVERIFY(access.acquire() == FileAccess::Outcome::Editable);
    QVERIFY(!QFile::exists(leftover));
}

void TestFileSafety::accessReadOnlyFolder()
{
    QTemporaryDir dir;
    const QString file = saveExampleAs(dir, QStringLiteral("plan.workplan"));
    SimulatedReadOnly readOnly;
    FileAccess access(file);
    QVERIFY(access.acquire() == FileAccess::Outcome::ReadOnly);
    QVERIFY(access.isReadOnly());
    QVERIFY(!access.isLocked());
    QVERIFY2(access.reason().contains(QLatin1String("Permission denied")), qPrintable(access.reason()));
    QVERIFY(!QFile::exists(FileLock::lockPathFor(file)));
}

// A Workplan that crashed left its lock; its process is gone, so the next one edits.
void TestFileSafety::accessTakesOverDeadHoldersLock()
{
    QTemporaryDir dir;
    const QString file = saveExampleAs(dir, QStringLiteral("plan.workplan"));
    const QString lockPath = FileLock::lockPathFor(file);
    QProcess child;
    child.start(QStringLiteral("true"), {});
    QVERIFY(child.waitForStarted());
    const qint64 deadPid = child.processId();
    QVERIFY(child.waitForFinished());
    QByteArray content;
    {
        FileLock mine(file);
        QVERIFY(mine.tryLock() == FileLock::Result::Locked);
        content = contents(lockPath);
    }
    content = QByteArray::number(deadPid) + content.mid(content.indexOf('\n'));
    QFile f(lockPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();

    FileAccess access(file);
    QVERIFY(access.acquire() == FileAccess::Outcome::Editable);
    QVERIFY(access.isLocked());
    QVERIFY(!access.isReadOnly());
}

void TestFileSafety::windowReadOnlyFolder()
{
    QTemporaryDir dir;
    const QString file = saveExampleAs(dir, QStringLiteral("plan.workplan"));
    MainWindow w;
    w.show();
    {
        SimulatedReadOnly readOnly;
        QVERIFY(w.openFile(file));
    }
    QVERIFY(w.isReadOnly());
    QVERIFY2(w.windowTitle().contains(QLatin1String("[read-only]")), qPrintable(w.windowTitle()));
    QVERIFY(saveAction(w));
    QVERIFY(!saveAction(w)->isEnabled());
    const QString status = w.statusBar()->currentMessage();
    QVERIFY2(status.contains(QLatin1String("read-only")) && status.contains(QLatin1String("Permission denied")),
             qPrintable(status));
    QVERIFY(!QFile::exists(FileLock::lockPathFor(file)));

    // Save As somewhere writable: an ordinary, editable project again.
    const QString copy = dir.filePath(QStringLiteral("copy.workplan"));
    QVERIFY(w.saveTo(copy));
    QVERIFY(!w.isReadOnly());
    QVERIFY(saveAction(w)->isEnabled());
    QVERIFY(!w.windowTitle().contains(QLatin1String("[read-only]")));
    QVERIFY(QFile::exists(FileLock::lockPathFor(copy)));
}

void TestFileSafety::windowSecondOpenSeesLock()
{
    QTemporaryDir dir;
    const QString file = saveExampleAs(dir, QStringLiteral("plan.workplan"));
    const QString other = saveExampleAs(dir, QStringLiteral("other.workplan"));
    const QString lockPath = FileLock::lockPathFor(file);

    MainWindow first;
    first.show();
    QVERIFY(first.openFile(file));
    QVERIFY(!first.isReadOnly());
    QVERIFY(QFile::exists(lockPath));
    // Reopening our own file is no conflict.
    QVERIFY(first.openFile(file));
    QVERIFY(!first.isReadOnly());

    {
        MainWindow declined;
        MessageBoxAnswer cancel(QMessageBox::Cancel);
        QVERIFY(!declined.openFile(file));
        QVERIFY(cancel.seen);
        QVERIFY(declined.document()->filePath().isEmpty());
    }

    MainWindow second;
    second.show();
    {
        MessageBoxAnswer open(QMessageBox::Open);
        QVERIFY(second.openFile(file));
        QVERIFY(open.seen);
        QVERIFY2(open.text.contains(QLatin1String("plan.workplan"))
                     && open.text.contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())),
                 qPrintable(open.text));
    }
    QVERIFY(second.isReadOnly());
    QVERIFY(second.windowTitle().contains(QLatin1String("[read-only]")));
    QVERIFY(!saveAction(second)->isEnabled());
    // Saving over the holder's file is refused, and the file is left alone.
    const QByteArray before = contents(file);
    {
        MessageBoxAnswer ok(QMessageBox::Ok);
        QVERIFY(!second.saveTo(file));
        QVERIFY(ok.seen);
        QVERIFY2(ok.text.contains(QLatin1String("another Workplan")), qPrintable(ok.text));
    }
    QCOMPARE(contents(file), before);
    QVERIFY(QFile::exists(lockPath));

    // Opening another file lets go of the first one's lock; closing lets go of the other's.
    QVERIFY(first.openFile(other));
    QVERIFY(!QFile::exists(lockPath));
    QVERIFY(QFile::exists(FileLock::lockPathFor(other)));
    QVERIFY(first.close());
    QVERIFY(!QFile::exists(FileLock::lockPathFor(other)));

    // Free again: a third window edits it.
    MainWindow third;
    QVERIFY(third.openFile(file));
    QVERIFY(!third.isReadOnly());
}

void TestFileSafety::windowSaveFailureKeepsOriginal_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("workplan") << QStringLiteral("plan.workplan");
    QTest::newRow("json") << QStringLiteral("plan.json");
}

void TestFileSafety::windowSaveFailureKeepsOriginal()
{
    QFETCH(QString, name);
    QTemporaryDir dir;
    const QString file = saveExampleAs(dir, name);
    const QByteArray before = contents(file);
    QVERIFY(before.size() > 4096);

    MainWindow w;
    w.show();
    QVERIFY(w.openFile(file));
    w.document()->undoStack()->push(ChangeTaskCommand::setAttribute(
        w.document(), QStringLiteral("feature_chat_ui"), QStringLiteral("title"), QStringLiteral("Not saved")));
    {
        MessageBoxAnswer ok(QMessageBox::Ok);
        FileSizeLimit diskFull(512);
        QVERIFY(diskFull.ok);
        // The JSON writer once took Qt's silent short write for success and renamed a
        // truncated file over the original.
        QVERIFY(!w.saveTo(file));
        QVERIFY(ok.seen);
        QVERIFY2(ok.text.contains(file), qPrintable(ok.text));
        QVERIFY2(w.statusBar()->currentMessage().contains(name), qPrintable(w.statusBar()->currentMessage()));
    }
    QCOMPARE(contents(file), before);
    QVERIFY(w.isWindowModified());
    // No temporary left beside it.
    const QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left, (QStringList{QStringLiteral(".") + name + QStringLiteral(".lock"), name}));
    w.document()->undoStack()->clear();
    w.document()->markSaved();
}

QTEST_MAIN(TestFileSafety)
#include "tst_filesafety.moc"
