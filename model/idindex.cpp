#include "idindex.h"

#include <QHashFunctions>

namespace Workplan {

std::uint64_t IdIndex::hashOf(QStringView id)
{
    // Qt's string hash with the process's random seed (a file cannot be made to collide
    // on purpose), then a 64-bit finaliser (splitmix64's): Qt's value alone spreads ids that
    // differ in their last characters poorly over the low bits a power-of-two table uses.
    std::uint64_t h = qHash(id, QHashSeed::globalSeed());
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

void IdIndex::rebuild(const QList<Task> &tasks)
{
    std::size_t capacity = 16;
    while (capacity < std::size_t(tasks.size()) * 2)
        capacity *= 2;
    m_slots.assign(capacity, Slot{0, -1});
    m_count = 0;
    for (int i = 0; i < tasks.size(); ++i)
        place(tasks, i, hashOf(tasks.at(i).id));
}

void IdIndex::append(const QList<Task> &tasks, int index)
{
    if (std::size_t(m_count + 1) * 2 > m_slots.size()) {
        rebuild(tasks);   // twice the room, and it placed this one too
        return;
    }
    place(tasks, index, hashOf(tasks.at(index).id));
}

void IdIndex::place(const QList<Task> &tasks, int index, std::uint64_t hash)
{
    const std::size_t mask = m_slots.size() - 1;
    const auto tag = std::uint32_t(hash >> 32);
    const QString &id = tasks.at(index).id;
    for (std::size_t b = hash & mask;; b = (b + 1) & mask) {
        Slot &s = m_slots[b];
        if (s.index < 0) {
            s = {tag, index};
            ++m_count;
            return;
        }
        if (s.tag == tag && s.index < tasks.size() && tasks.at(s.index).id == id) {
            s.index = index;   // a repeated id: the later task wins
            return;
        }
    }
}

int IdIndex::find(const QList<Task> &tasks, QStringView id) const
{
    if (m_slots.empty())
        return -1;
    const std::uint64_t hash = hashOf(id);
    const std::size_t mask = m_slots.size() - 1;
    const auto tag = std::uint32_t(hash >> 32);
    for (std::size_t b = hash & mask;; b = (b + 1) & mask) {
        const Slot &s = m_slots[b];
        if (s.index < 0)
            return -1;
        if (s.tag == tag && s.index < tasks.size() && tasks.at(s.index).id == id)
            return s.index;
    }
}

} // namespace Workplan
