#include "bytepool.h"

#include "pageadvice.h"

#include <cstring>

namespace Workplan {

QByteArray BytePool::copy(const char *data, qsizetype size)
{
    if (size > kLargestPooled)
        return QByteArray(data, size);
    if (m_block.isNull() || m_block.size() - m_used < size + 1) {
        // Blocks grow from small to large: a small plan takes a small block, a large one
        // soon gets blocks whose middle comes in huge pages.
        m_block = QByteArray(m_nextBlock, Qt::Uninitialized);
        m_used = 0;
        if (m_nextBlock >= 2 * 1024 * 1024)
            adviseHugePages(m_block.data(), std::size_t(m_block.size()));
        m_nextBlock = qMin(2 * m_nextBlock, kLargestBlock);
    }
    QByteArray::DataPointer &block = m_block.data_ptr();
    char *at = block.data() + m_used;
    std::memcpy(at, data, std::size_t(size));
    at[size] = '\0';
    m_used += size + 1;
    // Another reference to the block, seen through [at, at + size): the copy's own
    // header is the block's, so it frees the block when it is the last to go.
    block.d_ptr()->ref();
    return QByteArray(QByteArray::DataPointer(block.d_ptr(), at, size));
}

} // namespace Workplan
