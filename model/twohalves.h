#pragma once

#include <thread>

namespace Workplan {

// Per-task passes over a large plan (reading a file's tasks, checking their dependencies,
// reading their estimates) run in two halves at once: every task stands alone, and the
// machine Workplan is measured on has two cores. Below kTwoHalvesFrom tasks a thread costs
// more than it saves.
constexpr int kTwoHalvesFrom = 8192;

// Calls f(0, n), or f(0, n / 2) here and f(n / 2, n) on a thread of its own, returning when
// both are done. A caller telling the halves apart: the first begins at 0.
template<typename F>
void inTwoHalves(int n, F &&f)
{
    if (n < kTwoHalvesFrom || std::thread::hardware_concurrency() < 2) {
        f(0, n);
        return;
    }
    std::thread second([&f, n] { f(n / 2, n); });
    f(0, n / 2);
    second.join();
}

} // namespace Workplan
