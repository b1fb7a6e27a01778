// Times the auto layout (issue #5) on generated plans: epics > features > leaves, every
// leaf depending on up to two recent leaves, some features on earlier features.
// Prints one row per size: median of 3 runs, plus the crossings before and after sweeps.
#include "model/engine/snapshot.h"
#include "model/layout/graphlayout.h"
#include "model/layout/layoutgeometry.h"
#include "model/project.h"
#include "model/storage/json/jsonformat.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

using namespace Workplan;

static Project generate(int leafTarget, quint32 seed)
{
    QRandomGenerator rng(seed);
    const int leavesPerFeature = 20, featuresPerEpic = 10;
    QList<Task> tasks;
    QStringList leafIds, featureIds;
    auto task = [](const QString &id, const QString &type, const QString &parent) {
        Task t;
        t.id = id;
        t.type = type;
        t.parentId = parent;
        return t;
    };
    auto dep = [](const QString &id) {
        Dependency d;
        d.taskId = id;
        return d;
    };
    for (int e = 0; int(tasks.size()) < leafTarget; ++e) {
        const QString epic = QStringLiteral("E%1").arg(e);
        tasks.append(task(epic, QStringLiteral("epic"), QString()));
        for (int f = 0; f < featuresPerEpic && int(tasks.size()) < leafTarget; ++f) {
            const QString feature = QStringLiteral("%1F%2").arg(epic).arg(f);
            Task ft = task(feature, QStringLiteral("feature"), epic);
            if (!featureIds.isEmpty() && rng.bounded(4) == 0)
                ft.dependencies.append(dep(featureIds.at(rng.bounded(int(featureIds.size())))));
            tasks.append(ft);
            featureIds.append(feature);
            for (int l = 0; l < leavesPerFeature; ++l) {
                Task lt = task(QStringLiteral("%1L%2").arg(feature).arg(l), QStringLiteral("task"), feature);
                const int deps = leafIds.isEmpty() ? 0 : int(rng.bounded(3));
                for (int d = 0; d < deps; ++d) {
                    const int window = std::min(int(leafIds.size()), 60);
                    lt.dependencies.append(dep(leafIds.at(int(leafIds.size()) - 1 - int(rng.bounded(window)))));
                }
                leafIds.append(lt.id);
                tasks.append(lt);
            }
        }
    }
    Project p;
    p.setTasks(tasks);
    return p;
}

// `layout_bench FILE [RUNS]`: the canvas layout of one file (positions, routes and curves,
// as `workplan layout --timings` times it) RUNS times in one process: median and minimum,
// for profiling and for A/B runs of two builds (bench/compare-builds.sh).
static int timeFile(const QString &path, int runs)
{
    QString error;
    const std::optional<Project> project = JsonFormat::readFile(path, &error);
    if (!project) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const LayoutGeometry g = layoutGeometry(*project, Polylines::Later);
        ms.push_back(timer.nsecsElapsed() / 1e6);
        if (g.cards.isEmpty() && !project->tasks().isEmpty())
            return 1;
    }
    // The first call pays for cold caches and a heap that has not grown yet, as
    // `workplan layout --timings` does in a fresh process.
    const double first = ms.front();
    std::sort(ms.begin(), ms.end());
    std::printf("%s: %d runs, first %.3f ms, median %.3f ms, min %.3f ms\n", qPrintable(path), runs, first,
                ms[ms.size() / 2], ms.front());
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return timeFile(QString::fromLocal8Bit(argv[1]), argc > 2 ? std::max(1, std::atoi(argv[2])) : 20);
    std::printf("%8s %8s %7s %10s %10s %12s %12s\n", "tasks", "deps", "layers", "cross0",
                "cross", "median ms", "sweeps=0 ms");
    for (int size : {1000, 10000, 50000}) {
        const Snapshot s = Snapshot::fromProject(generate(size, 42));
        auto median = [&](const LayoutOptions &o, LayoutResult *last) {
            qint64 ns[3];
            for (qint64 &t : ns) {
                QElapsedTimer timer;
                timer.start();
                *last = layoutGraph(s, o);
                t = timer.nsecsElapsed();
            }
            std::sort(ns, ns + 3);
            return ns[1] / 1e6;
        };
        LayoutResult r, plain;
        const double ms = median(LayoutOptions(), &r);
        LayoutOptions noSweeps;
        noSweeps.sweeps = 0;
        const double plainMs = median(noSweeps, &plain);
        std::printf("%8d %8d %7d %10lld %10lld %12.1f %12.1f\n", s.taskCount(), s.declaredDependencies(),
                    r.layerCount, r.initialCrossings, r.crossings, ms, plainMs);
    }
    return 0;
}
