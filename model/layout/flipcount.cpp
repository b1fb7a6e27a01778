#include "flipcount.h"

#include <cstring>

namespace Workplan {

// The helpers below take and return vectors but are always inlined into the two clones,
// so no vector crosses a call: GCC's ABI note about it does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"
#define WORKPLAN_INLINE inline __attribute__((always_inline))

namespace {

// GCC's vector extensions: one AVX2 register with the avx2 clone, two SSE registers in the
// default one; comparisons give -1 (all bits) per true lane.
typedef float F8 __attribute__((vector_size(32)));
typedef int I8 __attribute__((vector_size(32)));

WORKPLAN_INLINE F8 load(const float *p)
{
    F8 v;
    std::memcpy(&v, p, sizeof v);   // unaligned: gaps start anywhere in the pass arrays
    return v;
}

WORKPLAN_INLINE I8 lanes(int base)
{
    return I8{0, 1, 2, 3, 4, 5, 6, 7} + base;
}

WORKPLAN_INLINE qint64 sum(I8 v)
{
    qint64 s = 0;
    for (int k = 0; k < 8; ++k)
        s += v[k];
    return s;
}

// One row: adds -1 to `acc`'s lanes for every j in [first, last) that crosses (lv, rv).
WORKPLAN_INLINE void row(F8 lv, F8 rv, const float *l, const float *r, int first, int last, I8 &acc)
{
    int j = first;
    for (; j + 8 <= last; j += 8)
        acc += (lv - load(l + j)) * (rv - load(r + j)) < 0.0f;
    if (j < last)   // the last block reaches past `last`: those lanes do not count
        acc += ((lv - load(l + j)) * (rv - load(r + j)) < 0.0f) & (lanes(j) < last);
}

} // namespace

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
qint64 flipsWithin(const float *l, const float *r, int first, int last)
{
    qint64 total = 0;
    I8 acc = {};
    for (int i = first; i + 1 < last; ++i) {
        row(F8{} + l[i], F8{} + r[i], l, r, i + 1, last, acc);
        // A lane gains at most one per block of a row: emptied often enough that it
        // cannot overflow on the biggest gap.
        if ((i - first) % 1024 == 1023) {
            total -= sum(acc);
            acc = I8{};
        }
    }
    return total - sum(acc);
}

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
qint64 flipsAgainst(float li, float ri, const float *l, const float *r, int first, int last)
{
    I8 acc = {};
    row(F8{} + li, F8{} + ri, l, r, first, last, acc);
    return -sum(acc);
}

} // namespace Workplan
