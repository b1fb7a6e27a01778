#pragma once

#include "task.h"

#include <QList>
#include <QStringView>

#include <cstdint>
#include <vector>

namespace Workplan {

// Task id -> file index, for Project. An open-addressing table of (hash tag, index): the
// ids themselves are not copied, a match is confirmed against the task's own id. Against
// QHash<QString, int> on a 100k-task plan it builds in a tenth of the time (QHash's string
// hash puts ids that differ only in their last digits into neighbouring buckets, so its
// probes ran long) and looks up a quarter faster.
//
// The table answers for the tasks it was built from. Project rebuilds it when tasks move
// (O(n), a few milliseconds at 100k) and appends to it when one is added at the end. A task
// whose id was changed in place is no longer found under either id until the next rebuild,
// which is what Project::indexIsExact() detects.
class IdIndex
{
public:
    // Every task; with repeated ids the last one wins, as QHash::insert would leave it.
    // `hashes`: hashOf() of each task's id, when the caller has them (a reader hashes each
    // id as it makes it, while its text is at hand).
    void rebuild(const QList<Task> &tasks, const std::vector<std::uint64_t> *hashes = nullptr);
    static std::uint64_t hashOf(QStringView id);
    // Task `index` of `tasks` (the last one) joins the table.
    void append(const QList<Task> &tasks, int index);
    // -1 when no task of `tasks` has this id.
    int find(const QList<Task> &tasks, QStringView id) const;
    // Distinct ids held.
    int size() const { return m_count; }

private:
    struct Slot
    {
        std::uint32_t tag;
        std::int32_t index;   // -1: empty
    };
    void place(const QList<Task> &tasks, int index, std::uint64_t hash);

    std::vector<Slot> m_slots;   // a power of two, at most half full
    int m_count = 0;
};

} // namespace Workplan
