#pragma once

#include <QByteArray>

namespace Workplan {

// Copies of many small texts (the compact attribute objects of a loaded plan's tasks) cut
// from a few large blocks instead of one heap allocation each. Each copy is an ordinary
// QByteArray that shares its block: the block goes when its last copy does, and a copy
// changed later detaches as any shared QByteArray does. At 100k tasks with big attribute
// objects, allocating the copies one by one and faulting in their 130 MB a 4 KiB page at a
// time was a fifth of the load; blocks of a few MiB come in huge pages (pageadvice.h).
// Memory: a block stays while any of its copies lives (a plan loaded, then mostly edited,
// keeps its blocks). One pool per thread; its copies may go to any thread.
class BytePool
{
public:
    BytePool() = default;
    BytePool(const BytePool &) = delete;
    BytePool &operator=(const BytePool &) = delete;

    // A copy of [data, data + size), '\0'-terminated as every QByteArray is.
    QByteArray copy(const char *data, qsizetype size);

    // A text longer than this gets a QByteArray of its own (the rest of a block would go
    // to waste for it).
    static constexpr qsizetype kLargestPooled = 64 * 1024;
    static constexpr qsizetype kFirstBlock = 64 * 1024;
    static constexpr qsizetype kLargestBlock = 8 * 1024 * 1024;

private:
    QByteArray m_block;   // the pool's own share of the block copies are cut from
    qsizetype m_used = 0;
    qsizetype m_nextBlock = kFirstBlock;
};

} // namespace Workplan
