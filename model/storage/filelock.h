#pragma once

#include <QString>

#include <memory>

class QLockFile;

namespace Workplan {

// Marks a project file as open for editing: a QLockFile `.<name>.lock` beside the file
// (issue #8), so a second Workplan, here or on a shared folder, can warn before two people
// overwrite each other. A lock left by a crashed Workplan on this machine is taken over.
class FileLock
{
public:
    enum class Result { Locked, HeldElsewhere, Error };

    explicit FileLock(const QString &filePath);
    ~FileLock();                  // unlocks
    FileLock(const FileLock &) = delete;
    FileLock &operator=(const FileLock &) = delete;

    // `/dir/plan.json` -> `/dir/.plan.json.lock`.
    static QString lockPathFor(const QString &filePath);

    // Never waits. On HeldElsewhere, holder() names who has it; on Error, errorString().
    Result tryLock();
    void unlock();
    bool isLocked() const;

    // "pid 1234 on host (workplan)", or empty when unknown.
    QString holder() const { return m_holder; }
    QString errorString() const { return m_error; }
    QString lockPath() const { return m_lockPath; }

    // Removes a lock another process left behind, for "open anyway". False on failure.
    bool breakLock();

private:
    QString m_lockPath;
    QString m_holder;
    QString m_error;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace Workplan
