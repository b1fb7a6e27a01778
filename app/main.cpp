#include "appoptions.h"
#include "commandline.h"
#include "rendercommands.h"
#include "screenshot.h"

#include "model/projectdocument.h"
#include "views/mainwindow.h"
#include "views/windowsession.h"
#include "views/welcomepage.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QIcon>

#include <cstdio>

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

    // The editor opens an existing file (or a team project's URL); anything else is a
    // mistyped command or path, said plainly instead of opening a window on it.
    const QString target = arguments.value(1);
    if (!target.isEmpty() && target != QLatin1String("--screenshot") && !QFileInfo::exists(target)
        && !target.contains(QLatin1String("://"))) {
        const QByteArray text = QStringLiteral("workplan: '%1' is neither a command (analyze, convert, risk, print, "
                                               "export, layout) nor an existing file; see workplan --help\n").arg(target).toLocal8Bit();
        std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
        return 2;
    }
    // Without any display Qt would abort trying to open one: say what to do instead.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fputs("workplan: no display to open the editor on (DISPLAY is not set); the subcommands "
                   "analyze, convert, risk, print, export and layout work without one\n", stderr);
        return 2;
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
    Workplan::WindowSession session(&window);   // geometry, docks, splitters and zoom of the last run
    window.show();
    window.offerRecovery();
    // A recovered project wins over the file named on the command line.
    if (arguments.size() > 1 && !window.document()->isModified())
        window.openFile(arguments.at(1));
    return app.exec();
}
