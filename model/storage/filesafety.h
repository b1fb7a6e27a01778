#pragma once

#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace Workplan {

class FileLock;

// Files in the real world (issue #8), decided without any GUI: may this project file be
// edited and saved, or does it open read-only?
namespace FileSafety {

// Whether a save could replace `path`, by a real attempt: a temporary file created in its
// folder, and the file itself opened for appending (nothing written). Permission bits say
// nothing for root or on network shares. False with the OS reason in *reason.
bool probeWritable(const QString &path, QString *reason);

// What isWritable() asks; tests put in a probe that simulates a read-only folder.
// An empty function restores probeWritable.
using WritableProbe = std::function<bool(const QString &path, QString *reason)>;
void setWritableProbe(WritableProbe probe);
bool isWritable(const QString &path, QString *reason);

// An atomic save (AtomicFile::replace) interrupted by a crash leaves its temporary
// `.<name>.XXXXXX.tmp` beside the file. Younger ones may belong to a save in progress.
constexpr std::chrono::minutes kStaleTemporaryAge{15};
// Removes such leftovers of `path` older than `minAge`; returns how many went.
int removeStaleTemporaries(const QString &path, std::chrono::seconds minAge = kStaleTemporaryAge);

} // namespace FileSafety

// The rights a window has on its open project file: editable (and locked through
// FileLock, so a second Workplan is warned) or read-only, with the reason.
class FileAccess
{
public:
    enum class Outcome { Editable, ReadOnly, HeldElsewhere };

    explicit FileAccess(const QString &path);
    ~FileAccess();                // releases the lock
    FileAccess(const FileAccess &) = delete;
    FileAccess &operator=(const FileAccess &) = delete;

    // Probes the folder and the file, clears stale temporaries, takes the lock (a dead
    // holder's lock is taken over). ReadOnly and HeldElsewhere leave isReadOnly() true.
    Outcome acquire();
    void release();

    QString path() const { return m_path; }   // absolute
    bool isReadOnly() const { return m_readOnly; }
    bool isLocked() const;
    // Why it is read-only: the OS reason, or who holds the lock.
    QString reason() const { return m_reason; }
    QString holder() const { return m_holder; }

private:
    QString m_path;
    QString m_reason;
    QString m_holder;
    bool m_readOnly = false;
    std::unique_ptr<FileLock> m_lock;
};

} // namespace Workplan
