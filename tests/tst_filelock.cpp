// FileLock (issue #8): the `.<name>.lock` beside an open project file.
#include "model/storage/filelock.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Workplan;

class TestFileLock : public QObject
{
    Q_OBJECT

private slots:
    void lockPath();
    void secondLockSeesTheHolder();
    void staleLockIsTakenOver();
    void breakLock();
    void missingFolderIsAnError();
};

void TestFileLock::lockPath()
{
    QCOMPARE(FileLock::lockPathFor(QStringLiteral("/a/b/plan.json")), QStringLiteral("/a/b/.plan.json.lock"));
    QCOMPARE(FileLock::lockPathFor(QStringLiteral("/a/b/x y.workplan")), QStringLiteral("/a/b/.x y.workplan.lock"));
}

void TestFileLock::secondLockSeesTheHolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("plan.json"));
    {
        FileLock first(file);
        QVERIFY(first.tryLock() == FileLock::Result::Locked);
        QVERIFY(first.isLocked());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral(".plan.json.lock"))));
        QVERIFY(first.tryLock() == FileLock::Result::Locked);   // again: still ours

        FileLock second(file);
        QVERIFY(second.tryLock() == FileLock::Result::HeldElsewhere);
        QVERIFY(!second.isLocked());
        QVERIFY2(second.holder().startsWith(QStringLiteral("pid %1 on ").arg(QCoreApplication::applicationPid())),
                 qPrintable(second.holder()));
        // A live holder's lock is not broken by accident.
        QVERIFY(!second.breakLock());
        QVERIFY(second.tryLock() == FileLock::Result::HeldElsewhere);

        first.unlock();
        QVERIFY(second.tryLock() == FileLock::Result::Locked);
    }
    // Both gone: the lock file went with its holder.
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral(".plan.json.lock"))));
}

// A Workplan that crashed leaves its lock; the process is gone, so the next one takes it.
void TestFileLock::staleLockIsTakenOver()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plan.json"));
    const QString lockPath = FileLock::lockPathFor(file);

    QProcess child;
    child.start(QStringLiteral("true"), {});
    QVERIFY(child.waitForStarted());
    const qint64 deadPid = child.processId();
    QVERIFY(child.waitForFinished());
    QVERIFY(deadPid > 0);

    // Our own lock file with the pid line replaced by that of a process that has ended.
    QByteArray content;
    {
        FileLock mine(file);
        QVERIFY(mine.tryLock() == FileLock::Result::Locked);
        QFile f(lockPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        content = f.readAll();
    }
    const qsizetype eol = content.indexOf('\n');
    QVERIFY(eol > 0);
    content = QByteArray::number(deadPid) + content.mid(eol);
    QFile f(lockPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();

    FileLock next(file);
    QVERIFY(next.tryLock() == FileLock::Result::Locked);
}

void TestFileLock::breakLock()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plan.json"));
    // A lock from another machine: never stale by itself, "open anyway" breaks it.
    QFile f(FileLock::lockPathFor(file));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("4242\nworkplan\nsome-other-host\n");
    f.close();
    FileLock lock(file);
    QVERIFY(lock.tryLock() == FileLock::Result::HeldElsewhere);
    QCOMPARE(lock.holder(), QStringLiteral("pid 4242 on some-other-host (workplan)"));
    QVERIFY(lock.breakLock());
    QVERIFY(lock.tryLock() == FileLock::Result::Locked);
}

void TestFileLock::missingFolderIsAnError()
{
    QTemporaryDir dir;
    FileLock lock(dir.filePath(QStringLiteral("no/such/folder/plan.json")));
    QVERIFY(lock.tryLock() == FileLock::Result::Error);
    QVERIFY2(lock.errorString().contains(QLatin1String(".plan.json.lock")), qPrintable(lock.errorString()));
}

QTEST_GUILESS_MAIN(TestFileLock)
#include "tst_filelock.moc"
