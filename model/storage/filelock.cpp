#include "filelock.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>

namespace Workplan {

FileLock::FileLock(const QString &filePath)
    : m_lockPath(lockPathFor(filePath))
    , m_lock(std::make_unique<QLockFile>(m_lockPath))
{
    // A plan stays open for hours: age alone never makes the lock stale, only a holder
    // process that no longer runs on this host (QLockFile checks that itself).
    m_lock->setStaleLockTime(0);
}

FileLock::~FileLock() = default;   // QLockFile unlocks on destruction

QString FileLock::lockPathFor(const QString &filePath)
{
    const QFileInfo info(filePath);
    return info.absoluteDir().filePath(QLatin1Char('.') + info.fileName() + QLatin1String(".lock"));
}

FileLock::Result FileLock::tryLock()
{
    m_holder.clear();
    m_error.clear();
    if (m_lock->isLocked())
        return Result::Locked;
    if (m_lock->tryLock(0))
        return Result::Locked;
    switch (m_lock->error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString host, app;
        if (m_lock->getLockInfo(&pid, &host, &app)) {
            m_holder = QStringLiteral("pid %1 on %2").arg(pid).arg(host);
            if (!app.isEmpty())
                m_holder += QStringLiteral(" (%1)").arg(app);
        }
        return Result::HeldElsewhere;
    }
    case QLockFile::PermissionError:
        m_error = QStringLiteral("%1: cannot create the lock file (permission denied)").arg(m_lockPath);
        return Result::Error;
    case QLockFile::NoError:
    case QLockFile::UnknownError:
        break;
    }
    m_error = QStringLiteral("%1: cannot create the lock file").arg(m_lockPath);
    return Result::Error;
}

void FileLock::unlock()
{
    m_lock->unlock();
}

bool FileLock::isLocked() const
{
    return m_lock->isLocked();
}

bool FileLock::breakLock()
{
    if (m_lock->isLocked())
        return true;
    return m_lock->removeStaleLockFile() || !QFileInfo::exists(m_lockPath);
}

} // namespace Workplan
