#include "sqliteformat.h"

#include "../../validation.h"
#include "../atomicfile.h"
#include "sqlitereader.h"
#include "sqliteschema.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>

#include <thread>
#include <vector>

// Opening a .workplan file: the header, the versions, three connections at once (rows,
// attributes, the structural check), and the file's identity before and after.
namespace Workplan::SqliteFormat {

namespace {

// Big-endian integers of the 100-byte SQLite header.
quint32 headerU32(const QByteArray &h, int at)
{
    return qFromBigEndian<quint32>(h.constData() + at);
}

// A helper connection, opened read-only in the calling thread (a connection belongs to the
// thread that made it).
template<typename Work>
void withConnection(const QString &path, QString *openError, Work work)
{
    const ConnectionGuard guard{connectionName("helper")};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), guard.name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open())
            work(db);
        else
            *openError = db.lastError().text();
        db.close();
    }
}

// "ok", or what PRAGMA quick_check (or opening) found wrong.
QString quickCheck(const QString &path)
{
    QString result;
    withConnection(path, &result, [&](const QSqlDatabase &db) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
            result = q.lastError().text();
        else
            result = q.value(0).toString();
    });
    return result;
}

// The attributes of each task, in task order.
std::optional<Refusal> readAttributes(const QString &path, int version, std::vector<Attributes> *attributes)
{
    QString openError;
    std::optional<Refusal> refusal;
    withConnection(path, &openError, [&](QSqlDatabase db) {
        db.transaction();
        refusal = readAttributeRows(db, version, *attributes);
        db.rollback();
    });
    if (!openError.isEmpty())
        return Refusal{QString(), QStringLiteral("cannot open the database: %1").arg(openError)};
    return refusal;
}

} // namespace

std::optional<Project> readFile(const QString &path, QString *error)
{
    auto refuse = [&](const QString &taskId, const QString &problem) -> std::optional<Project> {
        if (error)
            *error = ValidationError{taskId, problem}.message(path);
        return std::nullopt;
    };

    // The header tells foreign and truncated files apart before SQLite is involved.
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
            return std::nullopt;
        }
        const QByteArray header = file.read(100);
        if (!header.startsWith(QByteArray("SQLite format 3\0", 16)))
            return refuse(QString(), QStringLiteral("not a Workplan project file (not an SQLite database)"));
        if (header.size() < 100)
            return refuse(QString(), QStringLiteral("damaged project file: truncated inside the header"));
        quint32 pageSize = qFromBigEndian<quint16>(header.constData() + 16);
        if (pageSize == 1)
            pageSize = 65536;
        const quint32 pageCount = headerU32(header, 28);
        // The page count in the header is only valid when its "version valid for" matches.
        if (pageSize >= 512 && pageCount > 0 && headerU32(header, 92) == headerU32(header, 24)
            && quint64(file.size()) < quint64(pageSize) * pageCount)
            return refuse(QString(), QStringLiteral("damaged project file: truncated (%1 of %2 bytes)")
                                         .arg(file.size()).arg(quint64(pageSize) * pageCount));
    }

    // Several connections read the file; all must have seen the same one.
    const AtomicFile::Identity identity = AtomicFile::Identity::of(path);
    const ConnectionGuard guard{connectionName("load")};
    std::optional<Refusal> refusal;
    std::optional<ValidationError> invalid;
    Project project;
    project.name = QFileInfo(path).completeBaseName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), guard.name);
        db.setDatabaseName(path);
        // Read-only: loading never writes, not even a journal.
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            return refuse(QString(), QStringLiteral("cannot open the database: %1").arg(db.lastError().text()));
        {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            auto pragma = [&](const char *name, qint64 *out) {
                if (!q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))) || !q.next())
                    return false;
                *out = q.value(0).toLongLong();
                q.finish();
                return true;
            };
            qint64 appId = 0, version = 0;
            if (!pragma("application_id", &appId) || !pragma("user_version", &version)) {
                refusal = Refusal{QString(), QStringLiteral("damaged project file: %1").arg(q.lastError().text())};
            } else if (qint32(appId) != kApplicationId) {
                refusal = Refusal{QString(), QStringLiteral("not a Workplan project file (an SQLite database of another application, application_id 0x%1)")
                                                 .arg(quint32(appId), 8, 16, QLatin1Char('0'))};
            } else if (version > kSchemaVersion) {
                refusal = Refusal{QString(), QStringLiteral("made by a newer Workplan (schema version %1; this one reads versions %2 to %3)")
                                                 .arg(version).arg(kOldestSchemaVersion).arg(kSchemaVersion)};
            } else if (version < kOldestSchemaVersion) {
                refusal = Refusal{QString(), QStringLiteral("not a Workplan project file (schema version %1)").arg(version)};
            } else {
                q.finish();
                // Three connections share the work: this one reads the project, tasks and
                // dependencies, one helper reads the attributes, another runs the
                // structural check. A damaged file is refused as such whatever the readers
                // made of it.
                QString check;
                std::vector<Attributes> attributes;
                std::optional<Refusal> attributeRefusal;
                auto resolved = std::make_shared<ResolvedIds>();
                std::thread checker([&] { check = quickCheck(path); });
                std::thread attributeReader([&] {
                    attributeRefusal = readAttributes(path, int(version), &attributes);
                });
                db.transaction();
                refusal = readRows(db, int(version), project);
                db.rollback();
                // The structural rules need no attributes: checked while the helpers run.
                if (!refusal)
                    invalid = validateProject(project, resolved.get());
                checker.join();
                attributeReader.join();
                if (check != QLatin1String("ok")) {
                    refusal = Refusal{QString(), QStringLiteral("damaged project file: %1").arg(check)};
                } else if (!refusal && attributeRefusal) {
                    refusal = attributeRefusal;
                } else if (!refusal && qsizetype(attributes.size()) != project.taskCount()) {
                    refusal = Refusal{QString(), QStringLiteral("damaged project file: the two readers saw different task lists")};
                } else if (!refusal) {
                    for (int i = 0; i < project.taskCount(); ++i) {
                        Task &t = project.task(i);
                        t.attributes = std::move(attributes[size_t(i)]);
                        t.hasAttributes |= !t.attributes.isEmpty();
                    }
                    // After the attributes: task(i) drops what validation resolved.
                    if (!invalid)
                        project.setResolvedIds(std::move(resolved));
                }
            }
        }
        db.close();
    }
    if (!refusal && AtomicFile::Identity::of(path) != identity)
        refusal = Refusal{QString(), QStringLiteral("the file was replaced while it was being read; try again")};
    if (refusal)
        return refuse(refusal->taskId, refusal->problem);
    if (invalid) {
        if (error)
            *error = invalid->message(path);
        return std::nullopt;
    }
    return project;
}

} // namespace Workplan::SqliteFormat
