// fuzz_workplan: the bytes as a .workplan file on disk, through ProjectFile::load (the
// SQLite loader once it is there). Whatever loads must analyse, save to another .workplan
// file that loads back equal, and survive the JSON round trip unchanged; whatever does not
// load must say why.
#include "model/engine/analysis.h"
#include "model/engine/snapshot.h"
#include "model/storage/json/jsonformat.h"
#include "model/storage/projectfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
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
    // Saved by this build and loaded again: the same project.
    const QString copy = tempDir->filePath(QStringLiteral("copy.workplan"));
    QString saveError;
    if (!ProjectFile::save(*project, copy, &saveError))
        die("loaded project does not save:", saveError);
    QString reloadError;
    const auto reloaded = ProjectFile::load(copy, &reloadError);
    QFile::remove(copy);
    if (!reloaded)
        die("saved project does not load again:", reloadError);
    if (!(*reloaded == *project))
        die("save and load changed the project");
    QString error2;
    const auto again = JsonFormat::read(JsonFormat::write(*project), QStringLiteral("again.json"), &error2);
    if (!again)
        die("loaded project does not read back from JSON:", error2);
    if (again->tasks() != project->tasks()) {
        // Name the first field that changed, to make a report readable.
        QString what;
        for (int i = 0; i < project->taskCount() && i < again->taskCount(); ++i) {
            const Task &a = project->task(i), &b = again->task(i);
            if (a != b) {
                what = QStringLiteral("task ") + a.id;
                if (a.attributes != b.attributes) {
                    what += QStringLiteral(" attributes");
                    for (auto it = a.attributes.constBegin(); it != a.attributes.constEnd(); ++it) {
                        if (b.attributes.value(it.key()) != it.value()) {
                            auto text = [](const QJsonValue &v) {
                                return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
                            };
                            what += QStringLiteral(" %1: %2 -> %3").arg(it.key(), text(it.value()),
                                                                        text(b.attributes.value(it.key())));
                            break;
                        }
                    }
                }
                if (a.extra != b.extra) what += QStringLiteral(" extra");
                if (a.dependencies != b.dependencies) what += QStringLiteral(" dependencies");
                if (a.position != b.position || a.hasPosition != b.hasPosition) what += QStringLiteral(" position");
                if (a.type != b.type) what += QStringLiteral(" type");
                if (a.parentId != b.parentId || a.hasParentField != b.hasParentField) what += QStringLiteral(" parent");
                if (a.status != b.status || a.hasStatus != b.hasStatus) what += QStringLiteral(" status");
                if (a.lifecycle != b.lifecycle || a.hasLifecycle != b.hasLifecycle) what += QStringLiteral(" lifecycle");
                if (a.hasAttributes != b.hasAttributes || a.hasDependencies != b.hasDependencies) what += QStringLiteral(" presence");
                break;
            }
        }
        die("JSON round trip changed the tasks:", what);
    }
    return 0;
}
