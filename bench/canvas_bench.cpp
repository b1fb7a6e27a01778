// Canvas scale check (issue #5): builds 1k and 10k task plans (and reads any .json plans
// named on the command line) and times, median of 3,
//   load   = ProjectFile::load of a named file (once),
//   open   = scene population (unplaced tasks: the real layout) + fit + first render,
//   layout = GraphScene::autoLayout() (layered placement + one SetPositionsCommand) + render,
//   whole  = zoomed out until every card is in view, render; whole-zoom = one 10 % zoom step
//            and whole-pan = one scroll step there (every card repaints),
//   zoom / pan = a zoom step and a scroll step from the fitted view, detail / detail-pan =
//            at 100 %.
// Run with QT_QPA_PLATFORM=offscreen; a directory argument saves the renders as PNG.
#include "model/projectdocument.h"
#include "model/storage/projectfile.h"
#include "views/analysiscontroller.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/taskselection.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QScrollBar>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <vector>

using namespace Workplan;

namespace {

// Epics of ten features; each leaf waits for the previous one in its feature, some also
// for a leaf of the previous feature. No positions: the fallback grid places everything.
Project makeProject(int n)
{
    Project p;
    p.name = QStringLiteral("bench");
    QList<Task> tasks;
    tasks.reserve(n + n / 50);
    const int epics = std::max(1, n / 1000);
    const int leavesPerFeature = std::max(1, n / (epics * 10) - 1);
    quint32 seed = 12345;
    auto rnd = [&seed] { seed = seed * 1103515245u + 12345u; return (seed >> 16) & 0x7fff; };
    QString previousFeatureLeaf;
    for (int e = 0; e < epics; ++e) {
        Task epic;
        epic.id = QStringLiteral("epic_%1").arg(e);
        epic.type = QStringLiteral("epic");
        epic.attributes.insert(QStringLiteral("title"), QStringLiteral("Epic %1").arg(e));
        tasks << epic;
        for (int f = 0; f < 10; ++f) {
            Task feature;
            feature.id = QStringLiteral("feature_%1_%2").arg(e).arg(f);
            feature.type = QStringLiteral("feature");
            feature.parentId = epic.id;
            tasks << feature;
            QString prev;
            QString lastLeaf;
            for (int l = 0; l < leavesPerFeature; ++l) {
                Task t;
                t.id = QStringLiteral("t_%1_%2_%3").arg(e).arg(f).arg(l);
                t.type = (l % 7 == 3) ? QStringLiteral("approval_gate") : QStringLiteral("specialist_task");
                t.parentId = feature.id;
                t.attributes.insert(QStringLiteral("title"), QStringLiteral("Work item %1").arg(t.id));
                t.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("%1h").arg(1 + rnd() % 16));
                if (!prev.isEmpty() && rnd() % 4 != 0) {
                    Dependency d;
                    d.taskId = prev;
                    t.dependencies << d;
                }
                if (!previousFeatureLeaf.isEmpty() && l % 9 == 0) {
                    Dependency d;
                    d.taskId = previousFeatureLeaf;
                    d.type = DependencyType::Data;
                    t.dependencies << d;
                }
                prev = t.id;
                lastLeaf = t.id;
                tasks << t;
            }
            previousFeatureLeaf = lastLeaf;
        }
    }
    p.setTasks(tasks);
    return p;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double ms(const std::function<void()> &f)
{
    QElapsedTimer t;
    t.start();
    f();
    return t.nsecsElapsed() / 1e6;
}

void render(GraphView &view, QImage &image)
{
    image.fill(Qt::white);
    view.viewport()->render(&image);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    QString shots;
    QList<QPair<QString, std::function<Project()>>> plans;
    for (int n : {1000, 10000})
        plans.append({QStringLiteral("synthetic"), [n] { return makeProject(n); }});
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (!arg.endsWith(QLatin1String(".json"))) {
            shots = arg;
            continue;
        }
        plans.append({QFileInfo(arg).fileName(), [arg] {
            QString error;
            auto p = ProjectFile::load(arg, &error);
            if (!p)
                qFatal("%s", qPrintable(error));
            return std::move(*p);
        }});
    }
    out << "plan                     load  tasks  edges  open  layout  whole  whole-zoom  whole-pan  zoom  pan  detail  detail-pan  (ms)\n";
    for (const auto &[name, make] : plans) {
        Project project;
        const double load = ms([&] { project = make(); });
        const bool fromFile = name != QLatin1String("synthetic");
        std::vector<double> open, layout, whole, wholeZoom, wholePan, zoom, pan, detail, detailPan;
        int tasks = 0, edges = 0;
        for (int run = 0; run < 3; ++run) {
            ProjectDocument doc;
            doc.resetProject(project);
            TaskSelection selection;
            AnalysisController analysis(&doc);
            tasks = doc.project().taskCount();
            QImage image(1600, 1000, QImage::Format_ARGB32_Premultiplied);
            GraphScene *scene = nullptr;
            GraphView *view = nullptr;
            open.push_back(ms([&] {
                scene = new GraphScene(&doc, &selection, &analysis);
                view = new GraphView(scene);
                view->resize(1600 + 2 * view->frameWidth(), 1000 + 2 * view->frameWidth());
                view->show();   // a hidden view never lays out its viewport
                view->fitToWindow();
                render(*view, image);
            }));
            edges = scene->edgeCount();
            const QString tag = QStringLiteral("%1/canvas_bench_%2_%3").arg(shots).arg(name).arg(tasks);
            const bool save = !shots.isEmpty() && run == 0;
            if (save)
                image.save(tag + QLatin1String("_open.png"));
            layout.push_back(ms([&] {
                scene->autoLayout();
                view->fitToWindow();
                render(*view, image);
            }));
            whole.push_back(ms([&] {
                const QRectF r = scene->planRect();
                view->setZoom(qMin(1600 / r.width(), 1000 / r.height()));
                view->centerOn(r.center());
                render(*view, image);
            }));
            if (save)
                image.save(tag + QLatin1String("_whole.png"));
            wholeZoom.push_back(ms([&] {
                view->setZoom(view->zoom() * 1.1);
                render(*view, image);
            }));
            wholePan.push_back(ms([&] {
                view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + 100);
                render(*view, image);
            }));
            view->fitToWindow();
            render(*view, image);
            zoom.push_back(ms([&] {
                view->setZoom(view->zoom() * 1.25);
                render(*view, image);
            }));
            pan.push_back(ms([&] {
                view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->value() + 300);
                view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + 200);
                render(*view, image);
            }));
            detail.push_back(ms([&] {
                view->setZoom(1.0);
                render(*view, image);
            }));
            detailPan.push_back(ms([&] {
                view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->value() + 300);
                render(*view, image);
            }));
            if (save)
                image.save(tag + QLatin1String("_detail.png"));
            delete view;
            delete scene;
        }
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12 %13\n")
                   .arg(name, -23).arg(fromFile ? QString::number(load, 'f', 0) : QStringLiteral("-"), 5)
                   .arg(tasks, 6).arg(edges, 6)
                   .arg(median(open), 5, 'f', 0).arg(median(layout), 7, 'f', 0)
                   .arg(median(whole), 6, 'f', 0).arg(median(wholeZoom), 11, 'f', 0)
                   .arg(median(wholePan), 10, 'f', 0).arg(median(zoom), 5, 'f', 0)
                   .arg(median(pan), 4, 'f', 0).arg(median(detail), 7, 'f', 0)
                   .arg(median(detailPan), 11, 'f', 0);
        out.flush();
    }
    return 0;
}
