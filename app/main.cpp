#include "appoptions.h"
#include "commandline.h"
#include "rendercommands.h"
#include "screenshot.h"

#include "model/projectdocument.h"
#include "views/mainwindow.h"
#include "views/welcomepage.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    // --help and --version answer without a display, like the subcommands.
    if (Workplan::AppOptions::isInfoRequest(arguments)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("workplan"));
        QCoreApplication::setApplicationVersion(QStringLiteral(WORKPLAN_VERSION));
        return Workplan::AppOptions::run(arguments);
    }

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
    // The desktop matches windows to workplan.desktop; the icon scales from the SVG.
    QGuiApplication::setDesktopFileName(QStringLiteral("workplan"));
    Workplan::WelcomePage::initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/workplan.svg")));

    if (arguments.value(1) == QLatin1String("--screenshot"))
        return Workplan::Screenshot::run(arguments.mid(2));

    Workplan::MainWindow window;
    window.show();
    window.offerRecovery();
    // A recovered project wins over the file named on the command line.
    if (arguments.size() > 1 && !window.document()->isModified())
        window.openFile(arguments.at(1));
    return app.exec();
}
