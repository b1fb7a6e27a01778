// The Timeline (Gantt) panel on large plans: how long it takes to open (build the widget
// on a loaded, analysed document and paint it once) and how long a frame takes after
// scrolling and after zooming, at Day and Month zoom. Run with QT_QPA_PLATFORM=offscreen:
//   timeline_bench FILE... [--frames N]
// e.g. bench/data/workflow-10k-seed1.json (python3 bench/generate.py --leaves 10000
// --seed 1 -o FILE) and its 100k sibling.
#include "model/projectdocument.h"
#include "model/storage/projectfile.h"
#include "views/analysiscontroller.h"
#include "views/taskselection.h"
#include "views/timeline/timelineheader.h"
#include "views/timeline/timelinenames.h"
#include "views/timeline/timelinescene.h"
#include "views/timeline/timelineview.h"
#include "views/timeline/timelinewidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Workplan;

namespace {

double ms(const QElapsedTimer &clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

// What the user sees change after a scroll or zoom: the chart, its header and the names.
void repaint(TimelineWidget &widget)
{
    widget.view()->viewport()->grab();
    widget.header()->grab();
    widget.names()->grab();
}

struct Stats
{
    double median = 0;
    double max = 0;
    double stepMedian = 0;   // the scroll or zoom itself, before any painting
};

Stats frames(TimelineWidget &widget, int count, const std::function<void(int)> &step)
{
    std::vector<double> times;
    std::vector<double> steps;
    QElapsedTimer clock;
    for (int i = 0; i < count; ++i) {
        clock.start();
        step(i);
        steps.push_back(ms(clock));
        repaint(widget);
        times.push_back(ms(clock));
    }
    std::sort(times.begin(), times.end());
    std::sort(steps.begin(), steps.end());
    return {times[times.size() / 2], times.back(), steps[steps.size() / 2]};
}

int bench(const QString &path, int count)
{
    QString error;
    QElapsedTimer clock;
    clock.start();
    const auto project = ProjectFile::load(path, &error);
    if (!project) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    const double loaded = ms(clock);
    ProjectDocument document;
    document.resetProject(*project);
    AnalysisController analysis(&document);
    clock.restart();
    analysis.refreshNow();
    const double analysed = ms(clock);
    TaskSelection selection;

    clock.restart();
    TimelineWidget widget(&document, &analysis, &selection);
    widget.resize(1500, 900);
    widget.show();
    widget.grab();   // the first paint
    const double opened = ms(clock);
    std::printf("%s: %d tasks; load %.0f ms, analysis %.0f ms, timeline open + first paint %.0f ms\n",
                qPrintable(path), project->taskCount(), loaded, analysed, opened);

    using Level = TimelineScale::Level;
    for (Level level : {Level::Day, Level::Month}) {
        widget.setZoomLevel(level);
        TimelineView *view = widget.view();
        QScrollBar *v = view->verticalScrollBar();
        QScrollBar *h = view->horizontalScrollBar();
        v->setValue(0);
        h->setValue(0);
        repaint(widget);
        // Scrolling: a page down and a bit to the right each frame, wrapping at the ends.
        const int pageV = view->viewport()->height();
        const int pageH = view->viewport()->width() / 3;
        const Stats scroll = frames(widget, count, [&](int i) {
            v->setValue((v->value() + pageV) % std::max(1, v->maximum() + 1));
            if (i % 3 == 0)
                h->setValue((h->value() + pageH) % std::max(1, h->maximum() + 1));
        });
        // Zooming around the level: in and out by a wheel step, alternately.
        const Stats zoom = frames(widget, count, [&](int i) { view->zoomBy(i % 2 ? 0.8 : 1.25); });
        widget.setZoomLevel(level);
        std::printf("  %-5s scroll frame: median %.1f ms, max %.1f ms; zoom frame: median %.1f ms, max %.1f ms "
                    "(of which the zoom's scene update: median %.1f ms; %d frames each)\n",
                    level == Level::Day ? "Day" : "Month", scroll.median, scroll.max, zoom.median, zoom.max,
                    zoom.stepMedian, count);
        std::fflush(stdout);
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStringList files;
    int count = 30;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--frames") && i + 1 < args.size())
            count = std::max(1, args[++i].toInt());
        else
            files << args[i];
    }
    if (files.isEmpty()) {
        std::fprintf(stderr, "usage: timeline_bench FILE... [--frames N]\n");
        return 2;
    }
    for (const QString &file : std::as_const(files)) {
        if (const int rc = bench(file, count))
            return rc;
    }
    std::fflush(stdout);
    // Tearing 100k items down is not what is measured.
    std::_Exit(0);
}
