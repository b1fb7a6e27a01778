#include "idindex.h"

#include <QHashFunctions>

#include <cstring>

namespace Workplan {

std::uint64_t IdIndex::hashOf(QStringView id)
{
    // Eight bytes (four UTF-16 units) a step, each step a multiply and a shift, from the
    // process's random seed (a file cannot be made to collide on purpose), then splitmix64's
    // finaliser so ids that differ in their last characters spread over the low bits a
    // power-of-two table uses. Qt's qHash (SipHash here) was a third of a look-up, and
    // validation looks up every parent and prerequisite.
    static const std::uint64_t seed = std::uint64_t(QHashSeed::globalSeed()) * 0x9e3779b97f4a7c15ULL;
    auto mix = [](std::uint64_t x) {
        x *= 0xbf58476d1ce4e5b9ULL;
        return x ^ (x >> 29);
    };
    const char *p = reinterpret_cast<const char *>(id.utf16());
    std::size_t bytes = std::size_t(id.size()) * 2;
    std::uint64_t h = seed ^ bytes;
    for (; bytes >= 8; bytes -= 8, p += 8) {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        h = mix(h ^ v);
    }
    if (bytes) {
        std::uint64_t v = 0;
        std::memcpy(&v, p, bytes);
        h = mix(h ^ v ^ 0xff);
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

void IdIndex::rebuild(const QList<Task> &tasks, const std::vector<std::uint64_t> *hashes)
{
    if (hashes && hashes->size() != std::size_t(tasks.size()))
        hashes = nullptr;
    std::size_t capacity = 16;
    while (capacity < std::size_t(tasks.size()) * 2)
        capacity *= 2;
    m_slots.assign(capacity, Slot{0, -1});
    m_count = 0;
    for (int i = 0; i < tasks.size(); ++i)
        place(tasks, i, hashes ? (*hashes)[std::size_t(i)] : hashOf(tasks.at(i).id));
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
        if (s.tag == tag && s.index < tasks.size()) {
            // The loader shares a parent's or prerequisite's id with the task's own string:
            // then the same characters need no comparing (nor reading, a cache miss each).
            const QString &candidate = tasks.at(s.index).id;
            if ((candidate.constData() == id.data() && candidate.size() == id.size()) || candidate == id)
                return s.index;
        }
    }
}

} // namespace Workplan
