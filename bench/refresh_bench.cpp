// How long from an edit to a refreshed analysis panel on a large project (issue #6).
// Usage: refresh_bench [tasks=10000] [edits=20]; runs offscreen unless QT_QPA_PLATFORM says
// otherwise. Prints medians in milliseconds.
#include "model/commands/changetaskcommand.h"
#include "model/engine/analysis.h"
#include "model/engine/snapshot.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/analysispanel.h"
#include "views/taskselection.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Workplan;

namespace {

// Epics > features > 5–20 leaves; each leaf waits on 2–3 earlier leaves, mostly nearby
// (so the graph has depth), sometimes far back; the first third is completed.
Project generate(int target, std::vector<QString> *leaves)
{
    QRandomGenerator rng(42);
    QList<Task> tasks;
    auto make = [&](const QString &id, const QString &parent, const QString &type) {
        Task t;
        t.id = id;
        t.type = type;
        t.parentId = parent;
        t.status = Status::Active;
        t.attributes.insert(QStringLiteral("title"), QStringLiteral("Task %1").arg(id));
        return t;
    };
    for (int e = 0; int(tasks.size()) < target; ++e) {
        const QString epic = QStringLiteral("epic_%1").arg(e);
        tasks << make(epic, QString(), QStringLiteral("epic"));
        for (int f = 0; f < 10 && int(tasks.size()) < target; ++f) {
            const QString feature = QStringLiteral("%1_f%2").arg(epic).arg(f);
            tasks << make(feature, epic, QStringLiteral("feature"));
            const int count = 5 + int(rng.bounded(16));
            for (int l = 0; l < count && int(tasks.size()) < target; ++l) {
                Task t = make(QStringLiteral("%1_t%2").arg(feature).arg(l), feature, QStringLiteral("task"));
                t.attributes.insert(QStringLiteral("estimated_effort"),
                                    QStringLiteral("%1 hours").arg(1 + rng.bounded(40)));
                const int n = int(leaves->size());
                const int deps = n == 0 ? 0 : std::min(n, 2 + int(rng.bounded(2)));
                QStringList used;
                for (int d = 0; d < deps; ++d) {
                    const bool near = rng.bounded(4) != 0;
                    const int back = near ? 1 + int(rng.bounded(std::min(n, 30))) : 1 + int(rng.bounded(n));
                    const QString pre = (*leaves)[std::size_t(n - back)];
                    if (used.contains(pre))
                        continue;
                    used << pre;
                    Dependency dep;
                    dep.taskId = pre;
                    dep.type = DependencyType::Completion;
                    t.dependencies << dep;
                }
                if (int(leaves->size()) < target / 3)
                    t.status = Status::Completed;
                leaves->push_back(t.id);
                tasks << t;
            }
        }
    }
    Project p;
    p.name = QStringLiteral("bench");
    p.setTasks(tasks);
    return p;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

template<typename F>
double timeMs(F &&f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

// Timestamps of one edit: updated() reaches a slot connected before the panel's and one
// connected after it (slots run in connection order).
struct Probe
{
    QElapsedTimer clock;
    double updated = -1;
    double refreshed = -1;
    QEventLoop *loop = nullptr;
};

struct EditTimes { double push; double updated; double refreshed; double panel; };

// Edits a random leaf's status through the undo stack and runs the event loop until the
// panel has refreshed. Returns the medians over `edits`.
EditTimes measureEdits(ProjectDocument &doc, Probe &probe, const std::vector<QString> &leaves,
                       int edits, bool *allRefreshed)
{
    std::vector<double> push, upd, ref, panel;
    QRandomGenerator rng(7);
    for (int i = 0; i < edits; ++i) {
        const QString &id = leaves[rng.bounded(int(leaves.size()))];
        const Status next = doc.project().find(id)->status == Status::Completed ? Status::Active
                                                                                : Status::Completed;
        QEventLoop loop;
        QTimer::singleShot(30000, &loop, [&] { loop.exit(1); });
        probe.loop = &loop;
        probe.updated = probe.refreshed = -1;
        probe.clock.start();
        doc.undoStack()->push(ChangeTaskCommand::setStatus(&doc, id, next));
        push.push_back(double(probe.clock.nsecsElapsed()) / 1e6);   // UI thread busy with the edit
        if (loop.exec() != 0 || probe.refreshed < 0)
            *allRefreshed = false;
        probe.loop = nullptr;
        upd.push_back(probe.updated);
        ref.push_back(probe.refreshed);
        panel.push_back(probe.refreshed - probe.updated);
    }
    return {median(push), median(upd), median(ref), median(panel)};
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int target = argc > 1 ? std::max(10, atoi(argv[1])) : 10000;
    const int edits = argc > 2 ? std::max(1, atoi(argv[2])) : 20;

    std::vector<QString> leaves;
    QElapsedTimer gen;
    gen.start();
    Project project = generate(target, &leaves);
    std::printf("project: %d tasks, %zu leaves, %d dependencies (generated in %.0f ms)\n",
                project.taskCount(), leaves.size(), project.dependencyCount(), double(gen.elapsed()));

    std::vector<double> snap, eng;
    for (int i = 0; i < edits; ++i) {
        Snapshot s;
        snap.push_back(timeMs([&] { s = Snapshot::fromProject(project); }));
        Analysis a;
        eng.push_back(timeMs([&] { a = analyze(s); }));
    }
    std::printf("Snapshot::fromProject        median %7.2f ms\n", median(snap));
    std::printf("analyze()                    median %7.2f ms\n", median(eng));
    std::vector<double> full;
    for (int i = 0; i < edits; ++i)
        full.push_back(timeMs([&] { computeAnalysis(Snapshot::fromProject(project), 1); }));
    std::printf("computeAnalysis (with index) median %7.2f ms\n", median(full));

    ProjectDocument doc;
    doc.resetProject(std::move(project));
    TaskSelection selection;
    AnalysisController analysis(&doc);
    Probe probe;
    QObject::connect(&analysis, &AnalysisController::updated, &app, [&] {
        probe.updated = double(probe.clock.nsecsElapsed()) / 1e6;
    });
    AnalysisPanel *panel = nullptr;
    const double build = timeMs([&] { panel = new AnalysisPanel(&analysis, &selection, &doc); });
    QObject::connect(&analysis, &AnalysisController::updated, &app, [&] {
        probe.refreshed = double(probe.clock.nsecsElapsed()) / 1e6;
        if (probe.loop)
            probe.loop->quit();
    });
    panel->resize(420, 900);
    panel->show();
    app.processEvents();
    std::printf("panel first build            %7.2f ms\n", build);

    bool ok = true;
    for (int mode = 0; mode < 2; ++mode) {
        const bool async = mode == 1;
        analysis.setAsyncThreshold(async ? 0 : 1 << 30);
        const int rebuildsBefore = panel->rebuildCount();
        const EditTimes t = measureEdits(doc, probe, leaves, edits, &ok);
        const char *name = async ? "async" : "sync";
        std::printf("%-5s push (edit itself)        median %7.2f ms\n", name, t.push);
        std::printf("%-5s edit -> updated()         median %7.2f ms\n", name, t.updated);
        std::printf("%-5s edit -> panel refreshed   median %7.2f ms   (%d section rebuilds in %d edits)\n",
                    name, t.refreshed, panel->rebuildCount() - rebuildsBefore, edits);
        std::printf("%-5s panel refresh slot alone  median %7.2f ms\n", name, t.panel);
    }
    delete panel;
    std::printf("%s\n", ok ? "all edits refreshed" : "SOME EDITS DID NOT REFRESH");
    return ok ? 0 : 1;
}
