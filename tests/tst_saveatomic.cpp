// Saving a .workplan is atomic: `workplan convert big.json target.workplan` killed at
// random moments leaves a target that always opens to the old or the new complete content.
#include "model/storage/json/jsonformat.h"
#include "model/storage/projectfile.h"
#include "model/storage/sqlite/sqliteformat.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace Workplan;

namespace {

Project plan(int taskCount, const QString &prefix)
{
    Project p;
    p.name = prefix;
    QList<Task> tasks;
    QStringList leaves;
    QString epic;
    for (int i = 0; i < taskCount; ++i) {
        Task t;
        t.id = QStringLiteral("%1_%2").arg(prefix).arg(i);
        if (i % 40 == 0) {
            t.type = QStringLiteral("epic");
            epic = t.id;
        } else {
            t.type = QStringLiteral("specialist_task");
            t.parentId = epic;
            t.attributes.insert(QStringLiteral("title"), QStringLiteral("Task %1 ✓").arg(i));
            t.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("%1 h").arg(1 + i % 9));
            t.attributes.insert(QStringLiteral("points"), i % 13);
            for (int back = 1; back <= 2 && back <= leaves.size(); ++back) {
                Dependency d;
                d.taskId = leaves.at(leaves.size() - back);
                d.type = back == 1 ? DependencyType::Completion : DependencyType::Data;
                t.dependencies.append(d);
            }
            leaves.append(t.id);
        }
        tasks.append(t);
    }
    p.setTasks(tasks);
    return p;
}

} // namespace

class TestSaveAtomic : public QObject
{
    Q_OBJECT
private slots:
    void killedConvertLeavesOldOrNew();
};

void TestSaveAtomic::killedConvertLeavesOldOrNew()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bigJson = dir.filePath(QStringLiteral("big.json"));
    const QString oldFile = dir.filePath(QStringLiteral("old.workplan.orig"));
    const QString target = dir.filePath(QStringLiteral("target.workplan"));
    QString error;

    QVERIFY2(JsonFormat::writeFile(plan(12000, QStringLiteral("new")), bigJson, &error), qPrintable(error));
    const auto newContent = JsonFormat::readFile(bigJson, &error);   // what convert will write
    QVERIFY2(newContent, qPrintable(error));
    const Project oldContent = plan(3000, QStringLiteral("old"));
    QVERIFY2(SqliteFormat::writeFile(oldContent, oldFile, &error), qPrintable(error));

    const QString binary = QStringLiteral(WORKPLAN_BINARY);
    const QStringList args{QStringLiteral("convert"), bigJson, target};

    // Undisturbed runs tell how long a conversion takes here, and how much of it comes
    // before the save: starting the process plus reading the JSON.
    auto medianRun = [&](const QStringList &runArgs, int expectedCode) -> qint64 {
        std::vector<qint64> times;
        for (int i = 0; i < 3; ++i) {
            QElapsedTimer clock;
            clock.start();
            QProcess p;
            p.start(binary, runArgs);
            if (!p.waitForFinished(60000) || p.exitCode() != expectedCode)
                return -1;
            times.push_back(clock.elapsed());
        }
        std::sort(times.begin(), times.end());
        return times[1];
    };
    const qint64 duration = medianRun(args, 0);
    const qint64 startup = medianRun({QStringLiteral("convert"), dir.filePath(QStringLiteral("none.json")), target}, 2);
    QElapsedTimer readClock;
    readClock.start();
    QVERIFY(JsonFormat::readFile(bigJson, &error));
    const qint64 beforeSave = startup + readClock.elapsed();
    QVERIFY(duration > 0 && startup > 0);
    {
        const auto loaded = ProjectFile::load(target, &error);
        QVERIFY2(loaded && *loaded == *newContent, qPrintable(error));
    }
    // How long the save itself took when undisturbed: the spread of the kill moments.
    const qint64 saveWindow = std::max<qint64>(duration - beforeSave, 20) * 5 / 4;

    auto tempFiles = [&] {
        return QDir(dir.path()).entryList({QStringLiteral(".target.workplan.*")}, QDir::Files | QDir::Hidden);
    };
    auto resetTarget = [&] {
        for (const QString &f : tempFiles())
            QFile::remove(dir.filePath(f));   // temp files of killed saves
        QFile::remove(target);
        return QFile::copy(oldFile, target);
    };

    // Most kills are timed from the moment the save's temporary file appears, so they land
    // inside the save however slow the machine is today; some land earlier, while the
    // JSON is still being read.
    QRandomGenerator rng(20240603);
    int kills = 0, sawOld = 0, sawNew = 0, finished = 0;
    QElapsedTimer budget;
    budget.start();
    for (int round = 0; kills < 50 && round < 400 && budget.elapsed() < 200000; ++round) {
        QVERIFY(resetTarget());
        const bool duringSave = rng.bounded(5) != 0;
        const qint64 delay = qint64(rng.bounded(double(duringSave ? saveWindow : beforeSave)));
        QProcess p;
        p.start(binary, args);
        QVERIFY(p.waitForStarted());
        QElapsedTimer clock;
        clock.start();
        bool done = false;
        if (duringSave) {
            while (!(done = p.waitForFinished(1)) && tempFiles().isEmpty() && clock.elapsed() < 60000) {
            }
            clock.restart();
        }
        if (!done)
            done = p.waitForFinished(int(std::max<qint64>(delay - clock.elapsed(), 0)) + 1);
        if (done) {
            ++finished;
        } else {
            p.kill();
            QVERIFY(p.waitForFinished(10000));
            ++kills;
        }
        const auto loaded = ProjectFile::load(target, &error);
        QVERIFY2(loaded, qPrintable(QStringLiteral("after a kill at %1 ms: %2").arg(delay).arg(error)));
        if (*loaded == oldContent)
            ++sawOld;
        else if (*loaded == *newContent)
            ++sawNew;
        else
            QFAIL(qPrintable(QStringLiteral("after a kill at %1 ms the target holds neither version").arg(delay)));
    }
    qInfo("conversion %lld ms (save starts after ~%lld ms); %d kills, %d runs finished first; target old %d times, new %d times",
          duration, beforeSave, kills, finished, sawOld, sawNew);
    QVERIFY2(kills >= 50, "too few kills within the time budget");
    QVERIFY(sawOld > 0);
}

QTEST_GUILESS_MAIN(TestSaveAtomic)
#include "tst_saveatomic.moc"
