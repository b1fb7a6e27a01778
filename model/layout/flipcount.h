#pragma once

#include <QtGlobal>

namespace Workplan {

// The ordering's inner loop (issue #16): two arrows in a gap cross when their heights are
// in opposite order on its two sides, (l[i] - l[j]) * (r[i] - r[j]) < 0. Equal heights
// (arrows sharing a card) do not cross. Most of what ordering a plan costs is this count,
// so it runs eight floats at a time in whole vector blocks, with the counts kept in a
// vector register until the end instead of summed per row.
//
// Both functions read l and r up to 8 floats past the last index they count (rounded up to
// a block); the caller's buffers must extend that far (FlipPadding). What is read there
// never counts.
constexpr int FlipPadding = 8;

// Pairs i < j in [first, last) that cross.
qint64 flipsWithin(const float *l, const float *r, int first, int last);
// Indices j in [first, last) that cross (li, ri).
qint64 flipsAgainst(float li, float ri, const float *l, const float *r, int first, int last);

} // namespace Workplan
