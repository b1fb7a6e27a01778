// fuzz_workplan: the bytes as a .workplan file on disk, through ProjectFile::load (the
// SQLite loader once it is there). Whatever loads must analyse and survive the JSON round
// trip unchanged; whatever does not must say why.
#include "model/engine/analysis.h"
#include "model/engine/snapshot.h"
#include "model/storage/jsonformat.h"
#include "model/storage/projectfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Workplan;

namespace {

QTemporaryDir *tempDir;

[[noreturn]] void die(const char *what, const QString &detail = QString())
{
    std::fprintf(stderr, "fuzz_workplan: %s %s\n", what, detail.toUtf8().constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // The SQL driver is a plugin: give Qt an application to find it from.
    static QCoreApplication app(*argc, *argv);
    tempDir = new QTemporaryDir;
    if (!tempDir->isValid())
        die("no temporary folder");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString path = tempDir->filePath(QStringLiteral("fuzz.workplan"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            die("cannot write", path);
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    QString error;
    const auto project = ProjectFile::load(path, &error);
    QFile::remove(path);
    if (!project) {
        if (error.isEmpty())
            die("refused without a message");
        return 0;
    }
    const Snapshot snapshot = Snapshot::fromProject(*project);
    (void)analyze(snapshot);
    QString error2;
    const auto again = JsonFormat::read(JsonFormat::write(*project), QStringLiteral("again.json"), &error2);
    if (!again)
        die("loaded project does not read back from JSON:", error2);
    if (again->tasks() != project->tasks())
        die("JSON round trip changed the tasks");
    return 0;
}
