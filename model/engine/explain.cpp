#include "explain.h"

#include "analysisresult.h"

#include <QCoreApplication>

#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace Workplan {

QString markedBlockedText()
{
    return QCoreApplication::translate("Workplan::BlockedReasons", "marked blocked");
}

QString waitingText(const Analysis::Waiting &w, const TaskNamer &name)
{
    const QString via = w.via < 0 ? QString()
                                  : QCoreApplication::translate("Workplan::BlockedReasons", " (via %1)").arg(name(w.via));
    return QCoreApplication::translate("Workplan::BlockedReasons", "waits on %1 [%2]: %3%4")
        .arg(name(w.task), toString(w.type), toString(w.reason), via);
}

QStringList waitingLines(const Analysis &a, const Analysis::Blocked &b, const TaskNamer &name)
{
    QStringList lines;
    for (const Analysis::Waiting &w : a.waitingOf(b))
        lines << waitingText(w, name);
    return lines;
}

namespace {

void leavesUnder(const Snapshot &s, int task, std::vector<int> &out)
{
    if (s.isLeaf(task)) {
        out.push_back(task);
        return;
    }
    for (int c = s.childStart[task]; c < s.childStart[task + 1]; ++c)
        leavesUnder(s, s.children[c], out);
}

struct ChainBuilder
{
    const AnalysisResult &r;
    int maxNodes;
    std::vector<BlockChainNode> out;
    std::unordered_set<int> expanded;

    void visit(int task, int depth, const Analysis::Waiting *waiting, bool inside)
    {
        if (int(out.size()) >= maxNodes)
            return;
        BlockChainNode node;
        node.task = task;
        node.depth = depth;
        node.waiting = waiting;
        node.insideSummary = inside;
        const int b = r.blockedAt[std::size_t(task)];
        const Snapshot &s = r.snapshot;
        const bool followLeaves = !s.isLeaf(task) && depth > 0;
        if (b < 0 && !followLeaves) {
            node.firstCause = depth > 0;
            out.push_back(node);
            return;
        }
        if (!expanded.insert(task).second) {
            node.repeated = true;
            out.push_back(node);
            return;
        }
        const std::size_t self = out.size();
        out.push_back(node);
        if (b >= 0) {
            for (const Analysis::Waiting &w : r.analysis.waitingOf(r.analysis.blocked[std::size_t(b)]))
                visit(w.task, depth + 1, &w, false);
        }
        if (followLeaves) {
            // A summary prerequisite waits on its leaves; the blocked ones explain the wait.
            std::vector<int> leaves;
            leavesUnder(s, task, leaves);
            for (int leaf : leaves) {
                if (r.blockedAt[std::size_t(leaf)] >= 0)
                    visit(leaf, depth + 1, nullptr, true);
            }
            if (b < 0 && out.size() == self + 1)
                out[self].firstCause = true;   // an unfinished summary, nothing blocked in it
        }
    }
};

} // namespace

std::vector<BlockChainNode> blockedChain(const AnalysisResult &result, int task, int maxNodes)
{
    if (task < 0 || task >= result.snapshot.taskCount() || result.blockedAt[std::size_t(task)] < 0)
        return {};
    ChainBuilder b{result, maxNodes, {}, {}};
    b.visit(task, 0, nullptr, false);
    return b.out;
}

std::vector<int> loopOrder(const Snapshot &s, const std::vector<int> &cyclicSet)
{
    if (cyclicSet.empty())
        return {};
    const std::unordered_set<int> members(cyclicSet.begin(), cyclicSet.end());
    // Leaf edges prerequisite -> dependant inside the set, from effective dependencies
    // (own and ancestors'; summary prerequisites stand for their leaves), as in §3.
    std::unordered_map<int, std::vector<int>> next;
    std::vector<int> leaves;
    for (int t : cyclicSet) {
        for (int a = t; a >= 0; a = s.parent[a]) {
            for (int d = s.depStart[a]; d < s.depStart[a + 1]; ++d) {
                const int p = s.depPrereq[d];
                if (!s.depCounts[d] || p < 0)
                    continue;
                leaves.clear();
                leavesUnder(s, p, leaves);
                for (int leaf : leaves) {
                    if (members.count(leaf))
                        next[leaf].push_back(t);
                }
            }
        }
    }
    // Shortest loop through the first leaf: breadth-first back to it.
    const int start = cyclicSet.front();
    std::unordered_map<int, int> from;
    std::deque<int> queue{start};
    while (!queue.empty()) {
        const int u = queue.front();
        queue.pop_front();
        for (int v : next[u]) {
            if (v == start) {
                std::vector<int> loop{u};
                for (int x = u; x != start; x = from[x])
                    loop.push_back(from[x]);
                return std::vector<int>(loop.rbegin(), loop.rend());
            }
            if (!from.count(v)) {
                from[v] = u;
                queue.push_back(v);
            }
        }
    }
    return cyclicSet;   // not expected for a cyclic set; fall back to file order
}

} // namespace Workplan
