// The engine alone (issue #2 point 8): loads a workflow once, then times analyze() on its
// snapshot RUNS times and prints the best and the median, wall and thread CPU, and what
// building the snapshot and (of that) its schedule graph took. Small
// enough to run under callgrind:
//   valgrind --tool=callgrind build/bin/engine_bench FILE 3
//   engine_bench FILE [RUNS]
#include "model/engine/analysis.h"
#include "model/engine/snapshot.h"
#include "model/storage/projectfile.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <vector>

using namespace Workplan;

namespace {

double cpuMs()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: engine_bench FILE [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, QByteArray(argv[2]).toInt()) : 15;
    QString error;
    const auto project = ProjectFile::load(QString::fromLocal8Bit(argv[1]), &error);
    if (!project) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    // The snapshot (with its schedule graph) once more, timed: the part of load_ms that
    // prepares the flat arrays every analysis reads.
    QElapsedTimer snapshotClock;
    snapshotClock.start();
    const Snapshot snapshot = Snapshot::fromProject(*project);
    const double snapshotMs = double(snapshotClock.nsecsElapsed()) / 1e6;
    // Of which the schedule graph (built again here on its own).
    snapshotClock.restart();
    const auto graph = ScheduleGraph::build(snapshot);
    const double graphMs = double(snapshotClock.nsecsElapsed()) / 1e6;
    std::vector<double> wall, cpu;
    double makespan = 0;
    rusage before{}, after{};
    getrusage(RUSAGE_SELF, &before);
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer clock;
        const double c0 = cpuMs();
        clock.start();
        const Analysis a = analyze(snapshot);
        wall.push_back(double(clock.nsecsElapsed()) / 1e6);
        cpu.push_back(cpuMs() - c0);
        makespan = a.makespanHours;
    }
    getrusage(RUSAGE_SELF, &after);
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("{\"tasks\": %d, \"runs\": %d, \"best_ms\": %.3f, \"median_ms\": %.3f, "
                "\"best_cpu_ms\": %.3f, \"median_cpu_ms\": %.3f, \"page_faults_per_run\": %ld, "
                "\"snapshot_ms\": %.3f, \"graph_ms\": %.3f, \"makespan_hours\": %.6f}\n",
                snapshot.taskCount(), runs, wall.front(), wall[wall.size() / 2], cpu.front(),
                cpu[cpu.size() / 2], (after.ru_minflt - before.ru_minflt) / runs, snapshotMs, graphMs, makespan);
    return 0;
}
