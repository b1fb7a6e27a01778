#pragma once

// An independent check of a leveled schedule against §7's rules, written from the
// contract's words over the snapshot's declared data (not the engine's schedule graph):
// every counting dependency with its lag, on or of summaries, own or inherited; the
// latest not_before on a leaf's path; each leaf unbroken for its duration; no resource
// beyond its capacity at any moment.

#include "model/engine/snapshot.h"

#include <QString>

#include <algorithm>
#include <cmath>
#include <vector>

namespace WorkplanTest {

inline QString checkLeveled(const Workplan::Snapshot &s, const std::vector<double> &start,
                            const std::vector<double> &finish)
{
    using namespace Workplan;
    const int n = s.taskCount();
    const ScheduleGraph &g = *s.schedule;
    constexpr double eps = 1e-6;
    auto leavesUnder = [&](int t, auto &&self, std::vector<int> &out) -> void {
        if (s.isLeaf(t)) {
            out.push_back(t);
            return;
        }
        for (int c = s.childStart[t]; c < s.childStart[t + 1]; ++c)
            self(s.children[c], self, out);
    };
    for (int t = 0; t < n; ++t) {
        if (!s.isLeaf(t))
            continue;
        const QString id = s.ids[std::size_t(t)];
        if (start[std::size_t(t)] < -eps)
            return QStringLiteral("%1 starts before 0").arg(id);
        if (std::fabs(finish[std::size_t(t)] - start[std::size_t(t)] - g.duration[std::size_t(t)]) > eps)
            return QStringLiteral("%1 does not run unbroken for its duration").arg(id);
        for (int a = t; a >= 0; a = s.parent[std::size_t(a)]) {
            if (!s.notBefore.empty() && s.notBefore[std::size_t(a)] == s.notBefore[std::size_t(a)]
                && start[std::size_t(t)] < s.notBefore[std::size_t(a)] - eps)
                return QStringLiteral("%1 starts before the not_before of %2").arg(id, s.ids[std::size_t(a)]);
            for (int d = s.depStart[std::size_t(a)]; d < s.depStart[std::size_t(a) + 1]; ++d) {
                if (!s.depCounts[std::size_t(d)])
                    continue;
                std::vector<int> prereqs;
                leavesUnder(s.depPrereq[std::size_t(d)], leavesUnder, prereqs);
                for (int p : prereqs) {
                    if (start[std::size_t(t)] < finish[std::size_t(p)] + s.depLag[std::size_t(d)] - eps)
                        return QStringLiteral("%1 starts before %2 finishes (plus lag)").arg(id, s.ids[std::size_t(p)]);
                }
            }
        }
    }
    // Capacity: at every start, the units held by the leaves running then.
    for (std::size_t r = 0; r < s.resources.size(); ++r) {
        for (int t = 0; t < n; ++t) {
            if (!s.isLeaf(t) || g.duration[std::size_t(t)] <= 0)
                continue;
            const double at = start[std::size_t(t)];
            long long used = 0;
            for (int u = 0; u < n; ++u) {
                if (!s.isLeaf(u) || g.duration[std::size_t(u)] <= 0 || s.demandStart.empty())
                    continue;
                if (!(start[std::size_t(u)] <= at + eps && at < finish[std::size_t(u)] - eps))
                    continue;
                for (int k = s.demandStart[std::size_t(u)]; k < s.demandStart[std::size_t(u) + 1]; ++k) {
                    if (s.demandResource[std::size_t(k)] == int(r))
                        used += s.demandUnits[std::size_t(k)];
                }
            }
            if (used > s.resources[r].capacity)
                return QStringLiteral("%1 in use %2 times at %3 h (capacity %4)")
                    .arg(s.resources[r].name).arg(used).arg(at).arg(s.resources[r].capacity);
        }
    }
    return QString();
}

} // namespace WorkplanTest
