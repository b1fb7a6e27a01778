#include "appoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace Workplan::AppOptions {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workplan::AppOptions", text);
}

// The subcommands keep their own argument handling; help only describes them.
QString subcommandHelp()
{
    return tr("Subcommands (run without a display):\n"
              "  analyze FILE [--json] [--timings] [--level-effort N]\n"
              "      Analyse a .json or .workplan project (or a postgresql:// URL): blocked\n"
              "      tasks, critical path, slack, parallel groups; dates with a project start,\n"
              "      the leveled schedule with declared resources (N schedules tried).\n"
              "      --json prints the machine-readable report, --timings adds load/analysis\n"
              "      times on standard error.\n"
              "      Exit status: 0 analysed, 1 cycles found, 2 the file could not be read.\n"
              "  risk FILE [--runs N] [--seed S] [--json]\n"
              "      Monte Carlo schedule risk over range and three-point estimates: P10-P95\n"
              "      finish, on-time chance, criticality, sensitivity. Exit status as analyze.\n"
              "  layout FILE --json [--timings]\n"
              "      The canvas's layout as JSON: cards and frames (x, y, w, h) and each\n"
              "      arrow's polyline (curves flattened); --timings adds the layout time on\n"
              "      standard error. Exit status 2: unreadable file.\n"
              "  convert IN OUT\n"
              "      Convert between .json, .workplan and postgresql:// URLs, by the endings.\n"
              "  print FILE --pdf OUT.pdf [--tiles NxM] [--paper A4|A3|Letter] [--landscape]\n"
              "        [--timeline]\n"
              "      Print the plan (graph, task table, analysis), or the timeline, to PDF.\n"
              "  export FILE (--svg OUT.svg | --png OUT.png [--scale S]) [--timeline [--zoom Z]]\n"
              "      Export the dependency graph, or the timeline, as SVG or PNG.\n"
              "\n"
              "Editor:\n"
              "  workplan [FILE]                      open the editor, optionally on FILE\n"
              "  workplan --screenshot OUT.png [FILE] [--view VIEW]\n"
              "      photograph the window (VIEW: window, welcome, inspector, analysis)");
}

void print(const QString &text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace

bool isInfoRequest(const QStringList &arguments)
{
    static const QStringList options{QStringLiteral("-h"), QStringLiteral("--help"), QStringLiteral("-?"), QStringLiteral("--help-all"),
                                     QStringLiteral("-v"), QStringLiteral("--version")};
    return options.contains(arguments.value(1));
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Design and check task workflows."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addPositionalArgument(tr("FILE"), tr("A project to open (.workplan or .json)."), tr("[FILE]"));
    parser.parse(arguments.mid(0, 2));
    if (parser.isSet(version)) {
        print(QStringLiteral("%1 %2").arg(QCoreApplication::applicationName(),
                                          QCoreApplication::applicationVersion()));
        return 0;
    }
    print(parser.helpText() + QLatin1Char('\n') + subcommandHelp());
    return 0;
}

} // namespace Workplan::AppOptions
