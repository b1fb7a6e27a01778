#include "formatregistry.h"

#include "json/jsonformat.h"
#include "postgres/postgresstore.h"
#include "sqlite/sqliteformat.h"

#include <QFile>

namespace Workplan::FormatRegistry {

namespace {

bool hasSuffix(const QString &path, QLatin1String suffix)
{
    return path.endsWith(suffix, Qt::CaseInsensitive);
}

bool looksLikeSqlite(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(16) == QByteArray("SQLite format 3\0", 16);
}

// A new format is one folder under model/storage/ and one entry here. URLs come first (a
// URL is never a file to sniff), JSON last: any other name is read and written as JSON.
std::vector<StorageFormat> makeFormats()
{
    std::vector<StorageFormat> formats;
    // Team projects on PostgreSQL: postgresql:// or postgres:// URLs (postgres/).
    formats.push_back({QStringLiteral("postgresql"), &PostgresStore::isUrl, {},
                       &PostgresStore::fetch, &PostgresStore::publish, false});
    // The .workplan file, one SQLite database (sqlite/). By content too: a .workplan
    // renamed to .json still opens, and a .workplan that is not SQLite at all gets
    // SqliteFormat's "not a Workplan project file".
    formats.push_back({QStringLiteral("workplan"),
                       [](const QString &path) { return hasSuffix(path, QLatin1String(".workplan")); },
                       &looksLikeSqlite, &SqliteFormat::readFile, &SqliteFormat::writeFile, true});
    // The interchange file of the contract (json/): .json and any name nobody else claims.
    formats.push_back({QStringLiteral("json"), [](const QString &) { return true; }, {},
                       &JsonFormat::readFile, &JsonFormat::writeFile, true});
    return formats;
}

} // namespace

const std::vector<StorageFormat> &formats()
{
    static const std::vector<StorageFormat> list = makeFormats();
    return list;
}

const StorageFormat &forLoading(const QString &path)
{
    for (const StorageFormat &f : formats()) {
        if ((f.sniff && f.sniff(path)) || f.matches(path))
            return f;
    }
    return formats().back();
}

const StorageFormat &forSaving(const QString &path)
{
    for (const StorageFormat &f : formats()) {
        if (f.matches(path))
            return f;
    }
    return formats().back();
}

} // namespace Workplan::FormatRegistry
