// pg_bench (issue #22 item 7): team projects on a local PostgreSQL 15, in a private cluster
// this program starts and stops (tests/pgcluster.h), so nothing of the machine's own
// server is touched. Prints one line per figure:
//
//   publish      a generated N-task project (PostgresStore::publish)
//   open         TeamSync::open of it (fetch + versions, into a ProjectDocument)
//   edit         one accepted rename, push to commit (the version check included), median
//   propagate    from one editor's push to the other editor's document having the change
//                (NOTIFY, log fetch, apply; the signal a view repaints on), median
//
//   build/bench/pg_bench [TASKS=100000] [EDITS=200]

#include "model/commands/changetaskcommand.h"
#include "model/projectdocument.h"
#include "model/storage/postgres/postgresstore.h"
#include "model/storage/postgres/teamsync.h"
#include "../tests/pgcluster.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>

using namespace Workplan;

namespace {

Project generate(int n)
{
    Project p;
    p.name = QStringLiteral("Bench");
    QList<Task> tasks;
    tasks.reserve(n);
    for (int i = 0; i < n; ++i) {
        Task t;
        t.id = QStringLiteral("t%1").arg(i);
        t.type = QStringLiteral("specialist_task");
        if (i % 20 != 0)
            t.parentId = QStringLiteral("t%1").arg(i - i % 20);
        t.attributes.insert(QStringLiteral("title"), QStringLiteral("Task %1").arg(i));
        t.attributes.insert(QStringLiteral("effort"), QStringLiteral("%1 days").arg(1 + i % 7));
        if (i % 20 > 1) {
            Dependency d;
            d.taskId = QStringLiteral("t%1").arg(i - 1);
            t.dependencies.append(d);
        }
        tasks.append(t);
    }
    p.setTasks(tasks);
    return p;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int tasks = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int edits = argc > 2 ? QByteArray(argv[2]).toInt() : 200;
    if (!WorkplanTest::PgCluster::installed()) {
        std::fprintf(stderr, "PostgreSQL 15 is not installed\n");
        return 2;
    }
    WorkplanTest::PgCluster cluster;
    QString why;
    if (!cluster.start(&why) || !cluster.createDatabase(QStringLiteral("bench"), &why)) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 2;
    }
    const QString url = cluster.url(QStringLiteral("bench"), QStringLiteral("big"));
    const Project project = generate(tasks);
    QElapsedTimer clock;

    clock.start();
    if (!PostgresStore::publish(project, url, &why)) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 2;
    }
    std::printf("publish    %d tasks: %lld ms\n", tasks, clock.elapsed());

    ProjectDocument a, b;
    TeamSync syncA(&a), syncB(&b);
    syncA.setUserName(QStringLiteral("ann"));
    syncB.setUserName(QStringLiteral("dana"));
    clock.restart();
    if (!syncA.open(url, &why)) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 2;
    }
    std::printf("open       %d tasks: %lld ms\n", tasks, clock.elapsed());
    syncB.open(url, &why);

    QList<double> commit, propagate;
    QElapsedTimer since;
    double arrived = -1;
    QObject::connect(&b, &ProjectDocument::tasksChanged, [&] { arrived = since.nsecsElapsed() / 1e6; });
    for (int i = 0; i < edits; ++i) {
        const QString id = QStringLiteral("t%1").arg((i * 7919) % tasks);
        arrived = -1;
        since.start();
        a.undoStack()->push(ChangeTaskCommand::setAttribute(&a, id, QStringLiteral("title"), QStringLiteral("Renamed %1").arg(i)));
        commit.append(since.nsecsElapsed() / 1e6);
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (arrived >= 0 || since.elapsed() > 5000)
                loop.quit();
        });
        poll.start(0);
        loop.exec();
        propagate.append(arrived);
    }
    std::printf("edit       median %.2f ms (commit with the version check, %d edits)\n", median(commit), edits);
    std::printf("propagate  median %.2f ms (push -> the other editor's tasksChanged)\n", median(propagate));
    syncA.close();
    syncB.close();
    cluster.stop();
    return 0;
}
