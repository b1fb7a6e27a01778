#pragma once

#include <QtGlobal>

namespace Workplan {

struct Bands;
struct BandGeometry;
struct LayerEdges;
struct LayoutOptions;
struct Snapshot;

// Transposition of sibling bands (issue #16): the barycenter sweeps order cards well but
// move whole frames coarsely, and a frame's place decides most crossings of a large plan
// (most arrows join tasks of different features). This tries every two neighbouring
// sibling items of every container (frames and leaf blocks; the top level too) swapped,
// counts the crossings exactly (LayerEdges) in the gaps the moved arrows pass, and keeps a
// swap that lowers them; rounds until none does or `budget` passes have been counted.
// Deterministic: the budget counts work, not time. Leaves `geo` placed for `b`'s order.
void transposeBands(const Snapshot &s, Bands &b, BandGeometry &geo, const LayoutOptions &o,
                    const LayerEdges &edges, qint64 budget);

} // namespace Workplan
