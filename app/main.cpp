#include "commandline.h"
#include "rendercommands.h"

#include "views/mainwindow.h"

#include <QApplication>
#include <QCoreApplication>

#include <memory>

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

    Workplan::MainWindow window;
    if (arguments.size() > 1)
        window.openFile(arguments.at(1));
    window.show();
    return app.exec();
}
