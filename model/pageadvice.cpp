#include "pageadvice.h"

#include <cstdint>

#include <sys/mman.h>

namespace Workplan {

void adviseHugePages(void *p, std::size_t n)
{
#ifdef MADV_HUGEPAGE
    constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
    const auto at = reinterpret_cast<std::uintptr_t>(p);
    const auto begin = (at + kHuge - 1) & ~(kHuge - 1);
    const auto end = (at + n) & ~(kHuge - 1);
    // Only whole huge pages inside the buffer: advice on a range it shares with other
    // allocations would change theirs too.
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

void populateForWriting(void *p, std::size_t n)
{
#ifdef MADV_POPULATE_WRITE
    constexpr std::uintptr_t kPage = 4096;
    const auto begin = reinterpret_cast<std::uintptr_t>(p) & ~(kPage - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(p) + n + kPage - 1) & ~(kPage - 1);
    // A kernel before 5.14 says EINVAL: the writer then faults as it always did.
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)n;
#endif
}

} // namespace Workplan
