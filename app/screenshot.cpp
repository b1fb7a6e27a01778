#include "screenshot.h"

#include "views/analysiscontroller.h"
#include "views/graph/graphview.h"
#include "views/mainwindow.h"
#include "views/taskselection.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

namespace Workplan::Screenshot {

namespace {

int fail(const char *text)
{
    std::fprintf(stderr, "%s\n", text);
    return 2;
}

// Let layouts settle and the analysis run before grabbing.
void settle()
{
    for (int i = 0; i < 20; ++i) {
        QCoreApplication::processEvents();
        QTimer t;
        t.setSingleShot(true);
        t.start(25);
        while (t.isActive())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 25);
    }
}

// The analysis panel explains most for a blocked task.
void selectBlockedTask(MainWindow &window)
{
    window.analysis()->refreshNow();
    const auto result = window.analysis()->result();
    if (!result || result->analysis.blocked.empty())
        return;
    const int index = result->analysis.blocked.front().task;
    for (auto it = result->indexOf.constBegin(); it != result->indexOf.constEnd(); ++it) {
        if (it.value() == index) {
            window.selection()->select(it.key());
            return;
        }
    }
}

QDockWidget *dock(MainWindow &window, const char *name)
{
    return window.findChild<QDockWidget *>(QLatin1String(name));
}

// Narrower docks leave the canvas room to show the whole graph.
void arrangeForPicture(MainWindow &window, const QString &view)
{
    QDockWidget *tasks = dock(window, "TasksDock");
    QDockWidget *inspector = dock(window, "InspectorDock");
    QDockWidget *analysis = dock(window, "analysisDock");
    if (!tasks || !inspector || !analysis)
        return;
    window.resizeDocks({tasks, inspector}, {460, 470}, Qt::Horizontal);
    if (view == QLatin1String("analysis"))
        window.resizeDocks({inspector, analysis}, {200, 560}, Qt::Vertical);
    else
        window.resizeDocks({inspector, analysis}, {560, 220}, Qt::Vertical);
}

} // namespace

int run(const QStringList &arguments)
{
    static const char kUsage[] =
        "usage: workplan --screenshot OUT.png [FILE] [--view window|welcome|inspector|analysis] [--size WxH]";
    QString out, file, view = QStringLiteral("window");
    QSize size;   // given: the window as a user gets it at that size, docks as they come
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--view") && i + 1 < arguments.size())
            view = arguments.at(++i);
        else if (a == QLatin1String("--size") && i + 1 < arguments.size()) {
            const QStringList wh = arguments.at(++i).split(QLatin1Char('x'));
            size = wh.size() == 2 ? QSize(wh[0].toInt(), wh[1].toInt()) : QSize();
            if (size.isEmpty())
                return fail("workplan --screenshot: --size is WIDTHxHEIGHT, e.g. 1280x800");
        }
        else if (out.isEmpty())
            out = a;
        else if (file.isEmpty())
            file = a;
        else
            return fail(kUsage);
    }
    if (out.isEmpty())
        return fail(kUsage);

    MainWindow window;
    if (!file.isEmpty() && !window.openFile(file))
        return 2;
    window.resize(size.isEmpty() ? QSize(1500, 940) : size);
    window.show();
    settle();
    if (size.isEmpty())
        arrangeForPicture(window, view);
    if (view == QLatin1String("analysis"))
        selectBlockedTask(window);
    else
        window.showScreenshotState();
    settle();
    if (auto *canvas = qobject_cast<GraphView *>(window.centralWidget())) {
        canvas->fitToWindow();
        settle();
    }

    QWidget *target = &window;
    if (view == QLatin1String("inspector"))
        target = dock(window, "InspectorDock");
    else if (view == QLatin1String("analysis"))
        target = dock(window, "analysisDock");
    else if (view != QLatin1String("window") && view != QLatin1String("welcome"))
        return fail("workplan --screenshot: --view is window, welcome, inspector or analysis");
    if (!target)
        return fail("workplan --screenshot: that part of the window does not exist");
    if (!target->grab().save(out)) {
        std::fprintf(stderr, "workplan: cannot write %s\n", qPrintable(out));
        return 2;
    }
    return 0;
}

} // namespace Workplan::Screenshot
