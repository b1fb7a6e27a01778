#pragma once

#include <cstddef>

namespace Workplan {

// Advice to the kernel about large buffers that are written once, front to back (a parse's
// tape, a pool of texts). Both are only advice: where the kernel does not know it (before
// Linux 5.14, or huge pages turned off), memory works as it always did.

// Asks for huge pages (2 MiB) for the 2 MiB-aligned middle of [p, p + n). A 100k-task file
// with big attribute objects took 190k page faults to load, a fifth of its load time on a
// virtual machine, and most were the first touch of buffers like these.
void adviseHugePages(void *p, std::size_t n);

// Makes the pages of [p, p + n) present and writable in one call, so the writer that comes
// next finds them ready instead of faulting on each.
void populateForWriting(void *p, std::size_t n);

} // namespace Workplan
