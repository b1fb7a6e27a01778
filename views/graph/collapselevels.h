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

// Folds the scene to `level` in one rebuild; the selection stays (a hidden selected task
// is stood in for by its folded card).
void apply(GraphScene *scene, Level level);

} // namespace CollapseLevels
} // namespace Workplan
