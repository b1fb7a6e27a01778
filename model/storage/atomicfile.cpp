#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace Workplan::AtomicFile {

namespace {

QString systemError(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool syncPath(const QString &path, bool directory, QString *why)
{
    const int fd = ::open(QFile::encodeName(path).constData(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) {
        *why = systemError(errno);
        return false;
    }
    const bool ok = ::fsync(fd) == 0;
    if (!ok)
        *why = systemError(errno);
    ::close(fd);
    return ok;
}

} // namespace

bool replace(const QString &path, const Fill &fill, QString *why)
{
    const QFileInfo target(path);
    if (target.isDir()) {
        *why = QStringLiteral("it is a folder");
        return false;
    }
    const QDir dir = target.absoluteDir();
    if (!dir.exists()) {
        *why = QStringLiteral("the folder %1 does not exist").arg(dir.path());
        return false;
    }

    // A unique temporary name beside the target: the rename stays on one file system.
    QString temp;
    {
        QTemporaryFile file(dir.filePath(QStringLiteral(".%1.XXXXXX.tmp").arg(target.fileName())));
        file.setAutoRemove(false);
        if (!file.open()) {
            *why = QStringLiteral("cannot create a temporary file in %1: %2").arg(dir.path(), file.errorString());
            return false;
        }
        temp = file.fileName();
        // Keep the old file's permissions; a new one gets the usual rw-r--r--.
        file.setPermissions(target.exists() ? QFile::permissions(path)
                                            : QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }

    bool ok = fill(temp, why);
    if (ok && !syncPath(temp, false, why))
        ok = false;
    if (ok && std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(target.absoluteFilePath()).constData()) != 0) {
        *why = systemError(errno);
        ok = false;
    }
    if (!ok) {
        QFile::remove(temp);
        return false;
    }
    // Makes the rename itself durable; the content is already on disk either way.
    QString ignored;
    syncPath(dir.path(), true, &ignored);
    return true;
}

bool replaceWith(const QString &path, const QByteArray &bytes, QString *why)
{
    QSaveFile file(path);
    // Unbuffered: a failed write is seen here; commit() ignores a failed final flush.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        *why = file.errorString();
        return false;
    }
    // A full disk shows as a short write with no error set (Qt reports errno only when
    // nothing was written), and commit() would then rename the truncated file over the
    // original: write the rest until it is all out or the write fails with the reason.
    for (qint64 done = 0; done < bytes.size();) {
        const qint64 n = file.write(bytes.constData() + done, bytes.size() - done);
        if (n <= 0) {
            file.cancelWriting();
            *why = file.errorString();
            return false;
        }
        done += n;
    }
    if (!file.commit()) {
        *why = file.errorString();
        return false;
    }
    return true;
}

// `.<name>.XXXXXX.tmp` exactly: QTemporaryFile fills the six X with letters and digits.
bool isTemporaryOf(const QString &entryName, const QString &fileName)
{
    const QString prefix = QLatin1Char('.') + fileName + QLatin1Char('.');
    const QLatin1String suffix(".tmp");
    if (entryName.size() != prefix.size() + 6 + suffix.size() || !entryName.startsWith(prefix)
        || !entryName.endsWith(suffix))
        return false;
    for (qsizetype i = prefix.size(); i < prefix.size() + 6; ++i) {
        const QChar c = entryName.at(i);
        if (c.unicode() > 0x7f || !c.isLetterOrNumber())
            return false;
    }
    return true;
}

Identity Identity::of(const QString &path)
{
    Identity id;
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) == 0) {
        id.device = st.st_dev;
        id.inode = st.st_ino;
        id.size = st.st_size;
        id.modified = st.st_mtim;
    }
    return id;
}

bool Identity::operator==(const Identity &o) const
{
    return device == o.device && inode == o.inode && size == o.size
        && modified.tv_sec == o.modified.tv_sec && modified.tv_nsec == o.modified.tv_nsec;
}

} // namespace Workplan::AtomicFile
