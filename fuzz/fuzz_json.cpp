// fuzz_json: JsonFormat::read on any bytes; whatever loads must analyse, lay out, write and
// read back to an equal project.
#include "model/engine/analysis.h"
#include "model/engine/analysisreport.h"
#include "model/engine/snapshot.h"
#include "model/layout/graphlayout.h"
#include "model/storage/json/jsonformat.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Workplan;

namespace {

[[noreturn]] void die(const char *what, const QString &detail = QString())
{
    std::fprintf(stderr, "fuzz_json: %s %s\n", what, detail.toUtf8().constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data),
                                                     qsizetype(size));
    const QString fileName = QStringLiteral("fuzz.json");
    QString error;
    const auto project = JsonFormat::read(bytes, fileName, &error);
    if (!project) {
        if (error.isEmpty())
            die("refused without a message");
        return 0;
    }

    const Snapshot snapshot = Snapshot::fromProject(*project);
    const Analysis analysis = analyze(snapshot);
    if (analysis.tasks != snapshot.taskCount())
        die("task count");
    (void)analysisToJson(snapshot, analysis, 2);
    (void)analysisToText(snapshot, analysis);
    if (project->taskCount() <= 200)   // layout is the slow part; keep execs fast
        (void)layoutGraph(snapshot);

    const QByteArray written = JsonFormat::write(*project);
    QString error2;
    const auto again = JsonFormat::read(written, fileName, &error2);
    if (!again)
        die("written file does not read back:", error2);
    if (*again != *project) {
        // Name the first field that changed, to make a report readable.
        QString what = QStringLiteral("project fields");
        for (int i = 0; i < project->taskCount() && i < again->taskCount(); ++i) {
            const Task &a = project->task(i), &b = again->task(i);
            if (a != b) {
                what = QStringLiteral("task ") + a.id;
                if (a.attributes != b.attributes) what += QStringLiteral(" attributes");
                if (a.extra != b.extra) what += QStringLiteral(" extra");
                if (a.dependencies != b.dependencies) what += QStringLiteral(" dependencies");
                if (a.position != b.position) what += QStringLiteral(" position");
                break;
            }
        }
        die("round trip changed the project:", what);
    }
    if (JsonFormat::write(*again) != written)
        die("second write differs");
    return 0;
}
