#include "projectfile.h"

#include "jsonformat.h"

#include <QFile>

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
    if (looksLikeSqlite(path) || path.endsWith(QLatin1String(".workplan"), Qt::CaseInsensitive)) {
        if (error)
            *error = QStringLiteral("%1: .workplan files are not supported yet").arg(path);
        return std::nullopt;
    }
    return JsonFormat::readFile(path, error);
}

bool save(const Project &project, const QString &path, QString *error)
{
    if (formatForWriting(path) == Format::Workplan) {
        if (error)
            *error = QStringLiteral("%1: .workplan files are not supported yet").arg(path);
        return false;
    }
    return JsonFormat::writeFile(project, path, error);
}

} // namespace Workplan::ProjectFile
