#include "filesafety.h"

#include "atomicfile.h"
#include "filelock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

namespace Workplan {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workplan::FileSafety", text);
}

FileSafety::WritableProbe &probeHook()
{
    static FileSafety::WritableProbe probe;
    return probe;
}

} // namespace

namespace FileSafety {

bool probeWritable(const QString &path, QString *reason)
{
    const QFileInfo info(path);
    const QDir dir = info.absoluteDir();
    {
        // Not the .tmp pattern, so removeStaleTemporaries never sees a probe; removed at once.
        QTemporaryFile probe(dir.filePath(QStringLiteral(".%1.XXXXXX.probe").arg(info.fileName())));
        if (!probe.open()) {
            if (reason)
                *reason = tr("the folder %1 cannot be written: %2")
                              .arg(QDir::toNativeSeparators(dir.path()), probe.errorString());
            return false;
        }
    }
    if (info.exists()) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
            if (reason)
                *reason = tr("%1 cannot be written: %2").arg(QDir::toNativeSeparators(path), file.errorString());
            return false;
        }
    }
    return true;
}

void setWritableProbe(WritableProbe probe)
{
    probeHook() = std::move(probe);
}

bool isWritable(const QString &path, QString *reason)
{
    return probeHook() ? probeHook()(path, reason) : probeWritable(path, reason);
}

int removeStaleTemporaries(const QString &path, std::chrono::seconds minAge)
{
    const QFileInfo info(path);
    const QDir dir = info.absoluteDir();
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-qint64(minAge.count()));
    int removed = 0;
    const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::Hidden | QDir::NoSymLinks);
    for (const QFileInfo &entry : entries) {
        if (!AtomicFile::isTemporaryOf(entry.fileName(), info.fileName()))
            continue;
        if (entry.lastModified().toUTC() < cutoff && QFile::remove(entry.absoluteFilePath()))
            ++removed;
    }
    return removed;
}

} // namespace FileSafety

FileAccess::FileAccess(const QString &path)
    : m_path(QFileInfo(path).absoluteFilePath())
{
}

FileAccess::~FileAccess() = default;

FileAccess::Outcome FileAccess::acquire()
{
    release();
    m_reason.clear();
    m_holder.clear();
    QString why;
    if (!FileSafety::isWritable(m_path, &why)) {
        m_readOnly = true;
        m_reason = why;
        return Outcome::ReadOnly;
    }
    FileSafety::removeStaleTemporaries(m_path);
    m_lock = std::make_unique<FileLock>(m_path);
    switch (m_lock->tryLock()) {
    case FileLock::Result::Locked:
        m_readOnly = false;
        return Outcome::Editable;
    case FileLock::Result::HeldElsewhere:
        m_holder = m_lock->holder().isEmpty() ? tr("unknown") : m_lock->holder();
        m_reason = tr("it is open in another Workplan (%1)").arg(m_holder);
        m_lock.reset();
        m_readOnly = true;
        return Outcome::HeldElsewhere;
    case FileLock::Result::Error:
        break;
    }
    // The folder took a temporary file but not the lock file: editing needs no lock, a
    // second Workplan just will not be warned.
    m_reason = m_lock->errorString();
    m_lock.reset();
    m_readOnly = false;
    return Outcome::Editable;
}

void FileAccess::release()
{
    m_lock.reset();
}

bool FileAccess::isLocked() const
{
    return m_lock && m_lock->isLocked();
}

} // namespace Workplan
