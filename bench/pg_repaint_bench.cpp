// pg_repaint_bench (issue #22 item 7): from one editor's commit to the other editor's
// repaint, with two real MainWindows in one process on a private PostgreSQL 15 cluster
// (tests/pgcluster.h). Window A renames a task; the clock stops at the first paint of
// window B's canvas viewport after B's document holds the new title, with B's view
// centred on that task's card (so the paint is the card's). Median of EDITS edits.
//
//   QT_QPA_PLATFORM=offscreen build/bin/pg_repaint_bench [TASKS=2000] [EDITS=50]
//
// The path measured: commit in A (version check included), NOTIFY, B's log fetch and
// apply, B's scene update, B's analysis refresh as it is scheduled, and the paint.

#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/storage/postgres/postgresstore.h"
#include "views/graph/carditem.h"
#include "views/graph/graphscene.h"
#include "views/mainwindow.h"
#include "views/teamproject/teamprojectcontroller.h"
#include "../tests/pgcluster.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGraphicsView>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace Workplan;

namespace {

Project generate(int n)
{
    Project p;
    p.name = QStringLiteral("Repaint");
    QList<Task> tasks;
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

// The canvas of a window: the view whose scene is a GraphScene.
QGraphicsView *canvasOf(MainWindow *w)
{
    for (QGraphicsView *v : w->findChildren<QGraphicsView *>()) {
        if (qobject_cast<GraphScene *>(v->scene()))
            return v;
    }
    return nullptr;
}

// Notes the time of the first paint of a widget once armed.
class PaintClock : public QObject
{
public:
    QElapsedTimer *since = nullptr;
    bool armed = false;
    double at = -1;

protected:
    bool eventFilter(QObject *o, QEvent *e) override
    {
        if (armed && e->type() == QEvent::Paint && at < 0)
            at = since->nsecsElapsed() / 1e6;
        return QObject::eventFilter(o, e);
    }
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);   // the windows' settings stay out of the user's
    QCoreApplication::setOrganizationName(QStringLiteral("WorkplanBench"));
    QCoreApplication::setApplicationName(QStringLiteral("pg_repaint_bench"));
    const int tasks = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    const int edits = argc > 2 ? QByteArray(argv[2]).toInt() : 50;
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
    const QString url = cluster.url(QStringLiteral("bench"), QStringLiteral("repaint"));
    if (!PostgresStore::publish(generate(tasks), url, &why)) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 2;
    }
    MainWindow a, b;
    a.team()->setUserName(QStringLiteral("ann"));
    b.team()->setUserName(QStringLiteral("dana"));
    for (MainWindow *w : {&a, &b}) {
        w->resize(1000, 700);
        w->show();
        if (!QTest::qWaitForWindowExposed(w) || !w->openFile(url)) {
            std::fprintf(stderr, "cannot open %s\n", qPrintable(url));
            return 2;
        }
    }
    QGraphicsView *view = canvasOf(&b);
    auto *scene = view ? qobject_cast<GraphScene *>(view->scene()) : nullptr;
    if (!scene) {
        std::fprintf(stderr, "no canvas in the second window\n");
        return 2;
    }
    QTest::qWait(1000);   // both windows' first layout, analysis and paints settle

    QElapsedTimer since;
    PaintClock clock;
    clock.since = &since;
    view->viewport()->installEventFilter(&clock);
    QList<double> repaint;
    int missed = 0;
    for (int i = 0, k = 0; i < edits && k < tasks; ++k) {
        const QString id = QStringLiteral("t%1").arg((k * 7919) % tasks);
        CardItem *card = scene->cardFor(id);
        if (!card || b.document()->isSummary(id))
            continue;
        view->centerOn(card);
        QTest::qWait(50);   // the scroll's own paint is not the one measured
        const QString title = QStringLiteral("Renamed %1").arg(i);
        clock.at = -1;
        clock.armed = false;
        since.start();
        a.document()->edits().setTitle(id, title);
        while (since.elapsed() < 5000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (!clock.armed && b.document()->project().find(id)
                && b.document()->project().find(id)->title() == title) {
                clock.armed = true;   // from here the next paint shows the new title
                clock.at = -1;
            }
            if (clock.armed && clock.at >= 0)
                break;
        }
        if (clock.at < 0)
            ++missed;
        else
            repaint.append(clock.at);
        ++i;
    }
    std::sort(repaint.begin(), repaint.end());
    const double median = repaint.isEmpty() ? 0 : repaint.at(repaint.size() / 2);
    const double worst = repaint.isEmpty() ? 0 : repaint.last();
    std::printf("repaint    median %.2f ms, max %.2f ms (%lld edits, %d tasks; %d not repainted in 5 s)\n",
                median, worst, qlonglong(repaint.size()), tasks, missed);
    a.close();
    b.close();
    cluster.stop();
    return 0;
}
