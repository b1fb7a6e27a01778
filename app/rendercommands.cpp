#include "rendercommands.h"

#include "views/printing/offscreenplan.h"
#include "views/printing/timelineexport.h"

#include "model/storage/projectfile.h"

#include <cstdio>

namespace Workplan::RenderCommands {

namespace {

int failWith(const QString &text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    return 2;
}

const char *kUsage =
    "usage:\n"
    "  workplan print FILE --pdf OUT.pdf [--tiles NxM] [--paper A4|A3|Letter] [--landscape] [--timeline]\n"
    "  workplan export FILE (--svg OUT.svg | --png OUT.png [--scale S])\n"
    "  workplan export FILE --timeline (--svg OUT.svg | --png OUT.png [--scale S]) [--zoom hour|day|week|month]";

std::optional<TimelineScale::Level> levelFromName(const QString &name)
{
    using Level = TimelineScale::Level;
    const QString n = name.toLower();
    if (n == QLatin1String("hour"))
        return Level::Hour;
    if (n == QLatin1String("day"))
        return Level::Day;
    if (n == QLatin1String("week"))
        return Level::Week;
    if (n == QLatin1String("month"))
        return Level::Month;
    return std::nullopt;
}

int print(const QStringList &args)
{
    QString file, pdf;
    PrintOptions options;
    bool timeline = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--pdf") && hasValue) {
            pdf = args[++i];
        } else if (a == QLatin1String("--tiles") && hasValue) {
            const auto tiles = PrintOptions::tilesFromText(args[++i]);
            if (!tiles)
                return failWith(QStringLiteral("workplan print: --tiles takes NxM, e.g. 3x2 (1 to 20 each)"));
            options.tilesAcross = tiles->first;
            options.tilesDown = tiles->second;
        } else if (a == QLatin1String("--paper") && hasValue) {
            const auto paper = PrintOptions::paperFromName(args[++i]);
            if (!paper)
                return failWith(QStringLiteral("workplan print: --paper is A4, A3 or Letter"));
            options.paper = *paper;
        } else if (a == QLatin1String("--landscape")) {
            options.orientation = QPageLayout::Landscape;
        } else if (a == QLatin1String("--timeline")) {
            timeline = true;
        } else if (!a.startsWith(QLatin1String("--")) && file.isEmpty()) {
            file = a;
        } else {
            return failWith(QStringLiteral("workplan print: unexpected argument '%1'\n%2").arg(a, QLatin1String(kUsage)));
        }
    }
    if (file.isEmpty() || pdf.isEmpty())
        return failWith(QStringLiteral("workplan print: needs FILE and --pdf OUT.pdf\n%1").arg(QLatin1String(kUsage)));
    QString error;
    const auto project = ProjectFile::load(file, &error);
    if (!project)
        return failWith(error);
    const OffscreenPlan plan(*project);
    if (!(timeline ? plan.writeTimelinePdf(pdf, options, &error) : plan.writePdf(pdf, options, &error)))
        return failWith(error);
    return 0;
}

int exportGraph(const QStringList &args)
{
    QString file, svg, png;
    double scale = 2.0;
    bool timeline = false;
    bool scaleGiven = false;
    std::optional<TimelineScale::Level> level;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--svg") && hasValue) {
            svg = args[++i];
        } else if (a == QLatin1String("--png") && hasValue) {
            png = args[++i];
        } else if (a == QLatin1String("--scale") && hasValue) {
            bool ok = false;
            scale = args[++i].toDouble(&ok);
            if (!ok || scale <= 0 || scale > 16)
                return failWith(QStringLiteral("workplan export: --scale takes a number from 0 to 16"));
            scaleGiven = true;
        } else if (a == QLatin1String("--timeline")) {
            timeline = true;
        } else if (a == QLatin1String("--zoom") && hasValue) {
            level = levelFromName(args[++i]);
            if (!level)
                return failWith(QStringLiteral("workplan export: --zoom is hour, day, week or month"));
        } else if (!a.startsWith(QLatin1String("--")) && file.isEmpty()) {
            file = a;
        } else {
            return failWith(QStringLiteral("workplan export: unexpected argument '%1'\n%2").arg(a, QLatin1String(kUsage)));
        }
    }
    if (file.isEmpty() || (svg.isEmpty() && png.isEmpty()))
        return failWith(QStringLiteral("workplan export: needs FILE and --svg OUT or --png OUT\n%1").arg(QLatin1String(kUsage)));
    QString error;
    const auto project = ProjectFile::load(file, &error);
    if (!project)
        return failWith(error);
    if (level && !timeline)
        return failWith(QStringLiteral("workplan export: --zoom is for --timeline"));
    if (timeline) {
        // A timeline is wide already: one image pixel per screen pixel unless asked.
        const TimelineExport::Request request{svg, png, scaleGiven ? scale : 1.0, level};
        return TimelineExport::exportProject(*project, request, &error) ? 0 : failWith(error);
    }
    const OffscreenPlan plan(*project);
    if (!svg.isEmpty() && !plan.writeSvg(svg, &error))
        return failWith(error);
    if (!png.isEmpty() && !plan.writePng(png, scale, &error))
        return failWith(error);
    return 0;
}

} // namespace

bool isRenderCommand(const QStringList &arguments)
{
    const QString cmd = arguments.value(1);
    return cmd == QLatin1String("print") || cmd == QLatin1String("export");
}

int run(const QStringList &arguments)
{
    const QString cmd = arguments.value(1);
    const QStringList rest = arguments.mid(2);
    return cmd == QLatin1String("print") ? print(rest) : exportGraph(rest);
}

} // namespace Workplan::RenderCommands
