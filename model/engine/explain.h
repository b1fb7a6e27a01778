#pragma once

#include "analysis.h"

#include <QStringList>

#include <functional>
#include <vector>

namespace Workplan {

struct AnalysisResult;
struct Snapshot;

// How a task is named in a line meant for a person, by snapshot index (a TaskLabels look-up
// in the app, the id where there is no project).
using TaskNamer = std::function<QString(int task)>;

// The one wording of what a blocked task waits for, wherever it is shown: the text report
// of `workplan analyze`, the analysis panel, the tooltips of the tree, canvas and timeline,
// the printed plan. "waits on Design API [completion]: not completed (via Backend)"; the
// "(via …)" names the ancestor that declared the dependency.
QString waitingText(const Analysis::Waiting &waiting, const TaskNamer &name);
// Every wait of `blocked`, a line each, in the engine's order (its own dependencies in
// declared order, then its parent's...).
QStringList waitingLines(const Analysis &analysis, const Analysis::Blocked &blocked, const TaskNamer &name);

// The words for a task a person marked blocked (status "blocked"), the same in every view
// and in the text report: "marked blocked".
QString markedBlockedText();

// One line of the "why is this blocked?" tree, in pre-order.
struct BlockChainNode
{
    int task = -1;                            // snapshot index
    int depth = 0;                            // 0: the task asked about
    const Analysis::Waiting *waiting = nullptr; // how the line above waits on it; null for
                                              // the root and for blocked leaves inside a summary
    bool insideSummary = false;               // a blocked leaf under the summary above it
    bool repeated = false;                    // already explained above, not followed again
    bool firstCause = false;                  // not blocked and nothing blocked under it:
                                              // the wait ends here (it is simply unfinished)
};

// Follows `task`'s unsatisfied dependencies back to the first unfinished causes: a
// prerequisite that is itself blocked is followed through its own reasons (and a summary
// prerequisite through its blocked leaves) until tasks that are not blocked. Every task is
// expanded once, so loops end; at most `maxNodes` lines. Empty when `task` is not blocked.
std::vector<BlockChainNode> blockedChain(const AnalysisResult &result, int task, int maxNodes = 500);

// The leaves of one cyclic strongly connected set in the order of one loop through its
// first leaf (prerequisite before dependant). It may cover only part of the set.
std::vector<int> loopOrder(const Snapshot &snapshot, const std::vector<int> &cyclicSet);

} // namespace Workplan
