#pragma once

#include <QSet>
#include <QString>

namespace Workplan {

class GraphScene;
class Project;

// View ▸ Collapse (issue #16): fold the canvas to a level so a 2,000-task plan reads as
// its ~100 features. Depth 0 is a top-level task (an epic), depth 1 its children (features).
namespace CollapseLevels {

enum class Level {
    EpicsOnly,           // every top-level summary folded
    EpicsAndFeatures,    // top-level frames open, every summary one level down folded
    ExpandAll,           // nothing folded
};

// The summaries (tasks with children) at `depth`; a pure function of the project, O(n).
QSet<QString> summariesAtDepth(const Project &project, int depth);

// What `level` folds in `project`.
QSet<QString> foldedAt(const Project &project, Level level);

// How a plan opens on the canvas, in the tree and on the timeline. Up to `openAbove`
// tasks: everything open. A larger plan opens folded, as a map opens on the country rather
// than the street: to its features when that shows at most `cardLimit` nodes, else to its
// epics. Reading 100k cards at once is of no use to anyone, and building them made opening
// a 100k-task plan take seconds. View ▸ Collapse ▸ Expand All (or a frame's ▸) opens it.
// The tree and the timeline open the same way (their rows mirror each other; the
// timeline builds a bar per row shown).
struct OpeningLimits
{
    int openAbove = 20000;
    int cardLimit = 10000;
};
void setOpeningLimits(OpeningLimits limits);   // for every view that opens a plan next
Level openingLevel(const Project &project);
QSet<QString> openingFold(const Project &project);   // foldedAt(openingLevel()), one pass

// Folds the scene to `level` in one rebuild; the selection stays (a hidden selected task
// is stood in for by its folded card).
void apply(GraphScene *scene, Level level);

} // namespace CollapseLevels
} // namespace Workplan
