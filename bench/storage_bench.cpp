// Times saving and loading a generated 100k-task .workplan project (issue #3 targets:
// open <= 0.5 s, save <= 0.7 s). Usage: storage_bench [TASKS] [RUNS] [KEEP.workplan|KEEP.json]
#include "model/storage/projectfile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <vector>

using namespace Workplan;

namespace {

// Epics > features > 5-20 leaves, 2-3 dependencies per leaf on earlier leaves.
Project generate(int taskCount)
{
    QRandomGenerator rng(42);
    const QString specialists[] = {QStringLiteral("implementer"), QStringLiteral("tester"),
                                   QStringLiteral("architect"), QStringLiteral("reviewer")};
    const QString efforts[] = {QStringLiteral("2 days"), QStringLiteral("1 week"), QStringLiteral("4h"),
                               QStringLiteral("2-3 days"), QStringLiteral("45 minutes")};
    Project p;
    p.name = QStringLiteral("Benchmark");
    QList<Task> tasks;
    tasks.reserve(taskCount);
    std::vector<QString> leaves;
    auto add = [&](const QString &id, const QString &type, const QString &parent) -> Task & {
        Task t;
        t.id = id;
        t.type = type;
        t.parentId = parent;
        t.status = static_cast<Status>(rng.bounded(11));
        t.lifecycle = static_cast<Lifecycle>(rng.bounded(11));
        t.attributes.insert(QStringLiteral("title"), QStringLiteral("Task %1 of the benchmark").arg(id));
        t.attributes.insert(QStringLiteral("priority"), rng.bounded(2) ? QStringLiteral("high") : QStringLiteral("low"));
        t.hasPosition = true;
        t.position = QPointF(rng.bounded(4000), rng.bounded(4000));
        tasks.append(std::move(t));
        return tasks.last();
    };
    for (int e = 0; tasks.size() < taskCount; ++e) {
        const QString epic = QStringLiteral("epic_%1").arg(e);
        add(epic, QStringLiteral("epic"), QString())
            .attributes.insert(QStringLiteral("estimated_duration"), QStringLiteral("12 weeks"));
        const int firstLeafOfEpic = int(leaves.size());
        for (int f = 0; f < 8 && tasks.size() < taskCount; ++f) {
            const QString feature = QStringLiteral("%1_feature_%2").arg(epic).arg(f);
            add(feature, QStringLiteral("feature"), epic);
            const int n = 5 + int(rng.bounded(16));
            for (int l = 0; l < n && tasks.size() < taskCount; ++l) {
                const QString id = QStringLiteral("%1_task_%2").arg(feature).arg(l);
                Task &t = add(id, QStringLiteral("specialist_task"), feature);
                t.attributes.insert(QStringLiteral("estimated_effort"), efforts[rng.bounded(5)]);
                t.attributes.insert(QStringLiteral("specialist_type"), specialists[rng.bounded(4)]);
                t.attributes.insert(QStringLiteral("story_points"), int(rng.bounded(13)));
                t.attributes.insert(QStringLiteral("labels"), QJsonArray{QStringLiteral("bench"), e});
                const int earlier = int(leaves.size()) - firstLeafOfEpic;
                const int deps = std::min(earlier, 2 + int(rng.bounded(2)));
                std::vector<int> picked;
                while (int(picked.size()) < deps) {
                    const int k = firstLeafOfEpic + int(rng.bounded(earlier));
                    if (std::find(picked.begin(), picked.end(), k) != picked.end())
                        continue;
                    picked.push_back(k);
                    Dependency d;
                    d.taskId = leaves[size_t(k)];
                    d.type = rng.bounded(4) ? DependencyType::Completion : DependencyType::Data;
                    d.description = QStringLiteral("needs %1").arg(d.taskId);
                    if (rng.bounded(5) == 0)
                        d.lag = QJsonValue(QStringLiteral("1 day"));
                    t.dependencies.append(d);
                }
                leaves.push_back(id);
            }
        }
    }
    p.setTasks(std::move(tasks));
    return p;
}

// CPU time of this process: on a shared machine it shows the cost without other load.
double cpuMs()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int taskCount = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 3;

    const Project project = generate(taskCount);
    int attributes = 0;
    for (const Task &t : project.tasks())
        attributes += int(t.attributes.size());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.workplan"));
    std::vector<double> saves, loads, saveCpu, loadCpu;
    bool same = true;
    for (int r = 0; r < runs; ++r) {
        QString error;
        QElapsedTimer clock;
        double cpu = cpuMs();
        clock.start();
        if (!ProjectFile::save(project, path, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        saves.push_back(double(clock.nsecsElapsed()) / 1e6);
        saveCpu.push_back(cpuMs() - cpu);
        cpu = cpuMs();
        clock.restart();
        const auto loaded = ProjectFile::load(path, &error);
        loads.push_back(double(clock.nsecsElapsed()) / 1e6);
        loadCpu.push_back(cpuMs() - cpu);
        if (!loaded) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        same = same && *loaded == project;
    }

    std::printf("storage_bench: %d tasks, %d dependencies, %d attributes, file %.1f MB\n",
                project.taskCount(), project.dependencyCount(), attributes,
                double(QFileInfo(path).size()) / 1e6);
    std::printf("%-6s %10s %10s %10s %12s   (%d runs)\n", "", "median ms", "min ms", "max ms", "median cpu ms", runs);
    auto row = [](const char *name, const std::vector<double> &wall, const std::vector<double> &cpu) {
        std::printf("%-6s %10.1f %10.1f %10.1f %12.1f\n", name, median(wall),
                    *std::min_element(wall.begin(), wall.end()), *std::max_element(wall.begin(), wall.end()),
                    median(cpu));
    };
    row("save", saves, saveCpu);
    row("load", loads, loadCpu);
    if (argc > 3) {
        QString error;
        if (!ProjectFile::save(project, QString::fromLocal8Bit(argv[3]), &error))
            std::fprintf(stderr, "%s\n", qPrintable(error));
    }
    std::printf("round trip identical: %s\n", same ? "yes" : "NO");
    return same ? 0 : 1;
}
