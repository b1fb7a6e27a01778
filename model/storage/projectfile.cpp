#include "projectfile.h"

#include "filesafety.h"
#include "formatregistry.h"

#include <QDir>
#include <QFileInfo>

namespace Workplan::ProjectFile {

Format formatForWriting(const QString &path)
{
    return FormatRegistry::forSaving(path).name == QLatin1String("workplan") ? Format::Workplan : Format::Json;
}

std::optional<Project> load(const QString &path, QString *error)
{
    // By content before the name (formatregistry.cpp): a SQLite header means a .workplan.
    return FormatRegistry::forLoading(path).load(path, error);
}

bool save(const Project &project, const QString &path, QString *error)
{
    const StorageFormat &format = FormatRegistry::forSaving(path);
    const bool ok = format.save(project, path, error);
    // Temporaries an earlier, crashed save left beside the file.
    if (format.isFile)
        FileSafety::removeStaleTemporaries(path);
    return ok;
}

QString proposedPath(const QString &filePath, const QString &projectName, const QString &suffix,
                     const QString &fallbackFolder)
{
    const bool isFile = !filePath.isEmpty() && !filePath.contains(QLatin1String("://"));
    QString base = isFile ? QFileInfo(filePath).completeBaseName() : projectName.trimmed();
    // A name is not a path: characters a file name cannot hold become '-'.
    static const QString kForbidden = QStringLiteral("/\\:*?\"<>|");
    for (QChar &c : base) {
        if (kForbidden.contains(c) || c.unicode() < 32)
            c = QLatin1Char('-');
    }
    if (base.isEmpty())
        base = QStringLiteral("plan");
    const QString folder = isFile ? QFileInfo(filePath).absolutePath() : fallbackFolder;
    return QDir(folder).filePath(base + QLatin1Char('.') + suffix);
}

} // namespace Workplan::ProjectFile
