#include "commandline.h"

#include "model/engine/analysis.h"
#include "model/engine/analysisreport.h"
#include "model/engine/riskinput.h"
#include "model/engine/riskreport.h"
#include "model/engine/snapshot.h"
#include "model/layout/layoutgeometry.h"
#include "model/storage/projectfile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <thread>

#include <unistd.h>

namespace Workplan::CommandLine {

namespace {

void printErr(const QString &text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

void printOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

QString usage()
{
    return QStringLiteral(
        "usage:\n"
        "  workplan [FILE]                         open the editor\n"
        "  workplan analyze FILE [--json] [--timings] [--level-effort N]\n"
        "  workplan convert IN OUT                 .json <-> .workplan, by the endings\n"
        "  workplan risk FILE [--runs N] [--seed S] [--json]\n"
        "  workplan layout FILE --json [--timings]  the canvas's auto layout as JSON");
}

int analyze(const QStringList &args)
{
    QString file;
    bool json = false;
    bool timings = false;
    AnalysisOptions options;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--json"))
            json = true;
        else if (a == QLatin1String("--timings"))
            timings = true;
        else if (a == QLatin1String("--level-effort")) {
            bool ok = false;
            options.levelingEffort = i + 1 < args.size() ? args.at(++i).toInt(&ok) : 0;
            if (!ok || options.levelingEffort < 1) {
                printErr(QStringLiteral("workplan analyze: --level-effort takes a whole number of schedules, at least 1\n%1").arg(usage()));
                return 2;
            }
        }
        else if (a.startsWith(QLatin1String("--")) || !file.isEmpty()) {
            printErr(QStringLiteral("workplan analyze: unexpected argument '%1'\n%2").arg(a, usage()));
            return 2;
        } else
            file = a;
    }
    if (file.isEmpty()) {
        printErr(QStringLiteral("workplan analyze: no file given\n%1").arg(usage()));
        return 2;
    }

    QElapsedTimer clock;
    clock.start();
    QString error;
    auto project = ProjectFile::load(file, &error);
    if (!project) {
        printErr(error);
        return 2;
    }
    // Deliberately never freed: the process ends after printing, and handing a large plan
    // back to the allocator object by object takes longer than analysing it (compilers skip
    // the same work at exit). Measured at 100k leaves: freeing it costs about 130 ms of
    // CPU (median 782 ms against 648 ms per process, 5 runs each, same session). A static pointer keeps it reachable; the OS reclaims it. Only
    // the last run is kept when run() is called in-process again (tests).
    struct Kept { Project project; Snapshot snapshot; Analysis analysis; };
    static Kept *kept = nullptr;
    delete kept;
    kept = new Kept{std::move(*project), {}, {}};
    const Snapshot &snapshot = kept->snapshot = Snapshot::fromProject(kept->project);
    const qint64 loadNs = clock.nsecsElapsed();

    // On this thread. It used to run on a worker thread, whose fresh allocator arena
    // was meant to help while the engine allocated a vector per blocked task; with flat
    // results it no longer measurably does: at 100k leaves, medians of 5 interleaved runs,
    // worker 103 ms vs here 75 ms analysis_ms in one session, 45 vs 49 ms in the next
    // (same process CPU, 615 ms both), i.e. within the noise of the shared machine.
    clock.restart();
    kept->analysis = analyze(snapshot, options);
    const Analysis &analysis = kept->analysis;
    const qint64 analysisNs = clock.nsecsElapsed();

    // A person reads the text by task titles; --json keeps the ids (§5).
    if (json) {   // streamed: a million tasks' report need not be in memory at once
        analysisToJson(snapshot, analysis, [](const char *p, qsizetype n) { std::fwrite(p, 1, size_t(n), stdout); });
        std::fflush(stdout);
    } else {
        printOut(analysisToText(snapshot, analysis, &kept->project).toUtf8());
    }
    if (timings) {
        printErr(QStringLiteral("{\"load_ms\": %1, \"analysis_ms\": %2}")
                     .arg(double(loadNs) / 1e6, 0, 'f', 3)
                     .arg(double(analysisNs) / 1e6, 0, 'f', 3));
    }
    return analysis.hasSchedule() ? 0 : 1;
}

int convert(const QStringList &args)
{
    if (args.size() != 2) {
        printErr(QStringLiteral("workplan convert: needs IN and OUT\n%1").arg(usage()));
        return 2;
    }
    QString error;
    const auto project = ProjectFile::load(args.at(0), &error);
    if (!project) {
        printErr(error);
        return 2;
    }
    if (!ProjectFile::save(*project, args.at(1), &error)) {
        printErr(error);
        return 2;
    }
    return 0;
}

// §8: the Monte Carlo schedule risk. Exit status as analyze.
int risk(const QStringList &args)
{
    QString file;
    bool json = false;
    int runs = 10000;
    quint64 seed = 1;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto number = [&](const char *what) -> std::optional<QString> {
            if (i + 1 >= args.size()) {
                printErr(QStringLiteral("workplan risk: %1 needs a value\n%2").arg(QLatin1String(what), usage()));
                return std::nullopt;
            }
            return args.at(++i);
        };
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--runs")) {
            const auto v = number("--runs");
            bool ok = false;
            runs = v ? v->toInt(&ok) : 0;
            if (!ok || runs < 1) {
                if (v)
                    printErr(QStringLiteral("workplan risk: --runs takes a whole number of at least 1, not '%1'").arg(*v));
                return 2;
            }
        } else if (a == QLatin1String("--seed")) {
            const auto v = number("--seed");
            bool ok = false;
            seed = v ? v->toULongLong(&ok) : 0;
            if (!ok) {
                if (v)
                    printErr(QStringLiteral("workplan risk: --seed takes a whole number of at least 0, not '%1'").arg(*v));
                return 2;
            }
        } else if (a.startsWith(QLatin1String("--")) || !file.isEmpty()) {
            printErr(QStringLiteral("workplan risk: unexpected argument '%1'\n%2").arg(a, usage()));
            return 2;
        } else {
            file = a;
        }
    }
    if (file.isEmpty()) {
        printErr(QStringLiteral("workplan risk: no file given\n%1").arg(usage()));
        return 2;
    }
    QString error;
    const auto project = ProjectFile::load(file, &error);
    if (!project) {
        printErr(error);
        return 2;
    }
    const Snapshot snapshot = Snapshot::fromProject(*project);
    const Analysis analysis = analyze(snapshot);
    if (!analysis.hasSchedule()) {
        printOut(json ? riskCyclesToJson(snapshot, analysis) : analysisToText(snapshot, analysis, &*project).toUtf8());
        return 1;
    }
    const RiskInput input = riskInputOf(*project, snapshot);
    RiskOptions options;
    options.runs = runs;
    options.seed = seed;
    // A progress line for a person watching a long run, never in a pipe or a log.
    QElapsedTimer clock;
    clock.start();
    const bool terminal = isatty(fileno(stderr));
    bool shown = false;
    options.progress = [&](int done) {
        if (terminal && clock.elapsed() > 1000) {
            std::fprintf(stderr, "\rrisk: %d of %d runs", done, runs);
            shown = true;
        }
        return true;
    };
    const RiskResult result = simulateRisk(input.problem, analysis.makespanHours, options);
    if (shown)
        std::fprintf(stderr, "\n");
    if (!result.error.empty()) {
        printErr(QStringLiteral("%1: %2").arg(file, QString::fromStdString(result.error)));
        return 2;
    }
    printOut(json ? riskToJson(snapshot, analysis, input, result, seed)
                  : riskToText(snapshot, analysis, input, result, seed, &*project).toUtf8());
    return 0;
}

// Issue #16: the picture the canvas would draw, as numbers, for the layout-quality
// benchmark and for tools. Only JSON: a text form would have no reader.
int layout(const QStringList &args)
{
    QString file;
    bool json = false;
    bool timings = false;
    for (const QString &a : args) {
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--timings")) {
            timings = true;
        } else if (a.startsWith(QLatin1String("--")) || !file.isEmpty()) {
            printErr(QStringLiteral("workplan layout: unexpected argument '%1'\n%2").arg(a, usage()));
            return 2;
        } else {
            file = a;
        }
    }
    if (file.isEmpty() || !json) {
        printErr(QStringLiteral("workplan layout: needs FILE and --json\n%1").arg(usage()));
        return 2;
    }
    QString error;
    const auto project = ProjectFile::load(file, &error);
    if (!project) {
        printErr(error);
        return 2;
    }
    // --timings: the layout alone (positions, routes, the arrows' curves), without process
    // start-up, file reading, or flattening the curves for output: what the benchmark
    // holds against dot's time, whose output is the curves' control points.
    QElapsedTimer clock;
    clock.start();
    LayoutGeometry geometry = layoutGeometry(*project, Polylines::Later);
    const qint64 layoutNs = clock.nsecsElapsed();
    addPolylines(geometry);
    printOut(layoutGeometryToJson(geometry));
    if (timings)
        printErr(QStringLiteral("{\"layout_ms\": %1}").arg(double(layoutNs) / 1e6, 0, 'f', 3));
    return 0;
}

} // namespace

bool isSubcommand(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &cmd = arguments.at(1);
    return cmd == QLatin1String("analyze") || cmd == QLatin1String("convert") || cmd == QLatin1String("risk")
        || cmd == QLatin1String("layout");
}

int run(const QStringList &arguments)
{
    const QString cmd = arguments.value(1);
    const QStringList rest = arguments.mid(2);
    if (cmd == QLatin1String("analyze"))
        return analyze(rest);
    if (cmd == QLatin1String("convert"))
        return convert(rest);
    if (cmd == QLatin1String("risk"))
        return risk(rest);
    if (cmd == QLatin1String("layout"))
        return layout(rest);
    printErr(usage());
    return 2;
}

} // namespace Workplan::CommandLine
