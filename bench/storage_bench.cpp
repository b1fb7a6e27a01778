// Times saving and loading a generated 100k-task .workplan project (issue #21 targets,
// from a fresh process: open <= 0.35 s, save <= 0.4 s).
// Usage: storage_bench [TASKS] [RUNS] [KEEP.workplan|KEEP.json]   in one process
//        storage_bench --fresh [TASKS] [RUNS]   each open and save in a process of its own
//        storage_bench --open FILE | --save FILE OUT   one timed call, then exit
#include "model/storage/projectfile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdlib>
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

// --open FILE / --save FILE OUT: the first load or save of a fresh process, which pays
// for loading the SQL plugin, opening connections and cold allocator pools like a user's
// `workplan` does. Prints "ms cpu_ms" on stdout.
int timeOne(const QStringList &args)
{
    QString error;
    if (args.at(1) == QLatin1String("--open")) {
        const double cpu = cpuMs();
        QElapsedTimer clock;
        clock.start();
        const auto loaded = ProjectFile::load(args.at(2), &error);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        if (!loaded) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        std::printf("%.1f %.1f\n", ms, cpuMs() - cpu);
        std::fflush(stdout);
        std::_Exit(0);   // like a user's process, whose exit is not part of opening
    }
    const auto project = ProjectFile::load(args.at(2), &error);
    if (!project) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const double cpu = cpuMs();
    QElapsedTimer clock;
    clock.start();
    if (!ProjectFile::save(*project, args.at(3), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("%.1f %.1f\n", double(clock.nsecsElapsed()) / 1e6, cpuMs() - cpu);
    std::fflush(stdout);
    std::_Exit(0);
}

// --fresh: RUNS child processes each for open and for save; medians of what they print,
// and of the whole child's wall time for open (process start and Qt included).
int fresh(const Project &project, int runs)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.workplan"));
    const QString out = dir.filePath(QStringLiteral("saved.workplan"));
    QString error;
    if (!ProjectFile::save(project, path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::vector<double> opens, openCpu, openProcess, saves, saveCpu;
    auto child = [&](const QStringList &args, std::vector<double> &wall, std::vector<double> &cpu,
                     std::vector<double> *process) {
        QProcess p;
        QElapsedTimer clock;
        clock.start();
        p.start(QCoreApplication::applicationFilePath(), args);
        if (!p.waitForFinished(120000) || p.exitCode() != 0) {
            std::fprintf(stderr, "child %s failed: %s\n", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
            return false;
        }
        if (process)
            process->push_back(double(clock.nsecsElapsed()) / 1e6);
        const QList<QByteArray> f = p.readAllStandardOutput().trimmed().split(' ');
        wall.push_back(f.value(0).toDouble());
        cpu.push_back(f.value(1).toDouble());
        return true;
    };
    for (int r = 0; r < runs; ++r) {
        if (!child({QStringLiteral("--open"), path}, opens, openCpu, &openProcess)
            || !child({QStringLiteral("--save"), path, out}, saves, saveCpu, nullptr))
            return 1;
    }
    QString loadError;
    const auto again = ProjectFile::load(out, &loadError);
    const bool same = again && *again == project;
    std::printf("storage_bench --fresh: %d tasks, file %.1f MB, %d fresh processes each\n",
                project.taskCount(), double(QFileInfo(path).size()) / 1e6, runs);
    std::printf("%-14s %10s %10s %10s %12s\n", "", "median ms", "min ms", "max ms", "median cpu ms");
    auto row = [](const char *name, const std::vector<double> &wall, const std::vector<double> &cpu) {
        std::printf("%-14s %10.1f %10.1f %10.1f %12s\n", name, median(wall),
                    *std::min_element(wall.begin(), wall.end()), *std::max_element(wall.begin(), wall.end()),
                    cpu.empty() ? "" : qPrintable(QString::number(median(cpu), 'f', 1)));
    };
    row("save", saves, saveCpu);
    row("open", opens, openCpu);
    row("open process", openProcess, {});
    std::printf("round trip identical: %s\n", same ? "yes" : "NO");
    return same ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args.at(1) == QLatin1String("--open"))
        return timeOne(args);
    if (args.size() >= 4 && args.at(1) == QLatin1String("--save"))
        return timeOne(args);
    if (args.size() >= 2 && args.at(1) == QLatin1String("--fresh")) {
        const int tasks = args.size() > 2 ? args.at(2).toInt() : 100000;
        const int runs = args.size() > 3 ? args.at(3).toInt() : 5;
        return fresh(generate(tasks), runs);
    }
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
