#include "commandline.h"
#include "rendercommands.h"

#include "model/projectdocument.h"
#include "views/mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

// `workplan --screenshot OUT.png FILE`: the documentation's picture of the real window.
int takeScreenshot(const QString &out, const QString &file)
{
    Workplan::MainWindow window;
    if (!file.isEmpty() && !window.openFile(file))
        return 2;
    window.resize(1400, 900);
    window.show();
    window.showScreenshotState();
    // Let layouts settle and the analysis run before grabbing.
    for (int i = 0; i < 20; ++i) {
        QCoreApplication::processEvents();
        QTimer t;
        t.setSingleShot(true);
        t.start(25);
        while (t.isActive())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 25);
    }
    if (!window.grab().save(out)) {
        std::fprintf(stderr, "workplan: cannot write %s\n", qPrintable(out));
        return 2;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    // Subcommands run without a display: no QApplication, no platform plugin.
    if (Workplan::CommandLine::isSubcommand(arguments)) {
        QCoreApplication app(argc, argv);
        return Workplan::CommandLine::run(arguments);
    }

    // print and export draw, but never need a screen: offscreen unless told otherwise.
    if (Workplan::RenderCommands::isRenderCommand(arguments)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return Workplan::RenderCommands::run(arguments);
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Workplan"));
    QApplication::setOrganizationName(QStringLiteral("Workplan"));
    QApplication::setApplicationVersion(QStringLiteral(WORKPLAN_VERSION));

    if (arguments.value(1) == QLatin1String("--screenshot")) {
        if (arguments.size() < 3) {
            std::fprintf(stderr, "usage: workplan --screenshot OUT.png [FILE]\n");
            return 2;
        }
        return takeScreenshot(arguments.at(2), arguments.value(3));
    }

    Workplan::MainWindow window;
    window.show();
    window.offerRecovery();
    // A recovered project wins over the file named on the command line.
    if (arguments.size() > 1 && !window.document()->isModified())
        window.openFile(arguments.at(1));
    return app.exec();
}
