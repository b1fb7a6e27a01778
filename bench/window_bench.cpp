// The whole main window on a large plan: opening a file (read, lay out, build the tree,
// the canvas and the analysis, paint) and then editing it, each edit timed until its
// analysis is applied and the window has repainted. Run with QT_QPA_PLATFORM=offscreen:
//   window_bench FILE [EDITS [expand]]   (expand: then time View ▸ Collapse ▸ Expand All)
#include "model/commands/changetaskcommand.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QUndoStack>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace Workplan;

namespace {

void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: window_bench FILE [EDITS [expand]]\n");
        return 2;
    }
    const int edits = argc > 2 ? std::max(1, QByteArray(argv[2]).toInt()) : 5;
    MainWindow window;
    window.resize(1500, 940);
    window.show();
    QElapsedTimer clock;
    clock.start();
    if (!window.openFile(QString::fromLocal8Bit(argv[1])))
        return 2;
    window.analysis()->waitForIdle();
    settle();
    std::printf("open: %.0f ms (%d tasks)\n", double(clock.nsecsElapsed()) / 1e6, window.document()->project().taskCount());

    // With `perf record --control fifo:CTL` and WINDOW_BENCH_PERF_CTL=CTL, only the edits
    // are profiled (start perf with -D -1 so that it waits for this "enable").
    if (const char *ctl = std::getenv("WINDOW_BENCH_PERF_CTL")) {
        const int fd = ::open(ctl, O_WRONLY);
        if (fd >= 0) {
            const char cmd[] = "enable\n";
            (void)!::write(fd, cmd, sizeof cmd - 1);
            ::close(fd);
        }
    }

    // Each edit changes the estimate of a leaf near the end of the file.
    std::vector<double> times;
    const Project &p = window.document()->project();
    for (int k = 0, i = p.taskCount() - 1; k < edits && i >= 0; --i) {
        const Task &t = p.task(i);
        if (window.document()->isSummary(t.id))
            continue;
        clock.restart();
        window.document()->undoStack()->push(ChangeTaskCommand::setAttribute(
            window.document(), t.id, QStringLiteral("estimated_effort"), QStringLiteral("%1 hours").arg(3 + k)));
        window.analysis()->waitForIdle();
        settle();
        times.push_back(double(clock.nsecsElapsed()) / 1e6);
        ++k;
    }
    std::sort(times.begin(), times.end());
    std::printf("edit -> analysis applied and repainted: median %.0f ms, min %.0f, max %.0f (%zu edits)\n",
                times[times.size() / 2], times.front(), times.back(), times.size());
    std::fflush(stdout);

    // Then View > Collapse > Expand All, what the status bar offers a plan that opened
    // folded: every card and arrow built, laid out and painted.
    if (auto *expand = window.findChild<QAction *>(QStringLiteral("expandAllAction")); expand && argc > 3) {
        clock.restart();
        expand->trigger();
        window.analysis()->waitForIdle();
        settle();
        std::printf("expand all: %.0f ms\n", double(clock.nsecsElapsed()) / 1e6);
        std::fflush(stdout);
    }
    // Leaving tears the window down; that is not what is measured.
    std::_Exit(0);
}
