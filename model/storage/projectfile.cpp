#include "projectfile.h"

#include "filesafety.h"
#include "jsonformat.h"
#include "postgres/postgresstore.h"
#include "sqliteformat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Workplan::ProjectFile {

namespace {

bool looksLikeSqlite(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(16) == QByteArray("SQLite format 3\0", 16);
}

} // namespace

Format formatForWriting(const QString &path)
{
    return path.endsWith(QLatin1String(".workplan"), Qt::CaseInsensitive) ? Format::Workplan
                                                                           : Format::Json;
}

std::optional<Project> load(const QString &path, QString *error)
{
    // A team project: a postgresql:// URL names a project in a database, not a file.
    if (PostgresStore::isUrl(path))
        return PostgresStore::fetch(path, error);
    // By content: a .workplan renamed to .json still opens, and a .workplan that is not
    // SQLite at all gets SqliteFormat's "not a Workplan project file".
    if (looksLikeSqlite(path) || path.endsWith(QLatin1String(".workplan"), Qt::CaseInsensitive))
        return SqliteFormat::readFile(path, error);
    return JsonFormat::readFile(path, error);
}

bool save(const Project &project, const QString &path, QString *error)
{
    if (PostgresStore::isUrl(path))
        return PostgresStore::publish(project, path, error);
    const bool ok = formatForWriting(path) == Format::Workplan ? SqliteFormat::writeFile(project, path, error)
                                                                : JsonFormat::writeFile(project, path, error);
    // Temporaries an earlier, crashed save left beside the file.
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
