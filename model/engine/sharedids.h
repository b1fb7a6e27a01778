#pragma once

#include <QString>

#include <initializer_list>
#include <memory>
#include <vector>

namespace Workplan {

// The task ids of a Snapshot, shared between copies. An edit's snapshot is a copy of the
// last one with a few fields read again (Snapshot::withTaskFields): copying 100k QStrings
// (an atomic increment each, and a decrement when the old result goes) was a tenth of an
// edit at 100k tasks; the ids do not change in such an edit, so the copies share them.
// Reads as a const std::vector<QString>; the building calls detach first.
class SharedIds
{
public:
    SharedIds() = default;
    SharedIds(std::initializer_list<QString> ids)
        : m_ids(std::make_shared<std::vector<QString>>(ids))
    {
    }
    explicit SharedIds(std::vector<QString> &&ids)
        : m_ids(std::make_shared<std::vector<QString>>(std::move(ids)))
    {
    }

    const std::vector<QString> &vector() const { return m_ids ? *m_ids : none(); }
    operator const std::vector<QString> &() const { return vector(); }

    const QString &operator[](std::size_t i) const { return (*m_ids)[i]; }
    const QString &at(std::size_t i) const { return vector().at(i); }
    std::size_t size() const { return m_ids ? m_ids->size() : 0; }
    bool empty() const { return size() == 0; }
    std::vector<QString>::const_iterator begin() const { return vector().begin(); }
    std::vector<QString>::const_iterator end() const { return vector().end(); }
    std::vector<QString>::const_iterator cbegin() const { return begin(); }
    std::vector<QString>::const_iterator cend() const { return end(); }

    void reserve(std::size_t n) { mutableIds().reserve(n); }
    void push_back(QString id) { mutableIds().push_back(std::move(id)); }

    // Equal ids; the same shared array answers without comparing.
    bool operator==(const SharedIds &o) const { return m_ids == o.m_ids || vector() == o.vector(); }
    bool operator!=(const SharedIds &o) const { return !(*this == o); }

private:
    static const std::vector<QString> &none()
    {
        static const std::vector<QString> none;
        return none;
    }
    std::vector<QString> &mutableIds()
    {
        if (!m_ids)
            m_ids = std::make_shared<std::vector<QString>>();
        else if (m_ids.use_count() > 1)
            m_ids = std::make_shared<std::vector<QString>>(*m_ids);
        return *m_ids;
    }

    std::shared_ptr<std::vector<QString>> m_ids;
};

} // namespace Workplan
