#pragma once

#include <QFlags>
#include <QStringList>

namespace Workplan {

// What one step did to a document, told once when the step ends (ProjectDocument::
// documentChanged). A step is an undo-stack push, undo or redo (a macro of many commands
// included), or a ChangeBatch. Listeners decide from `kinds` what they must redo: the
// analysis ignores a step that only moved cards, the tree ignores positions, the minimap
// wants nothing but positions and structure.
struct DocumentChange
{
    enum Kind {
        Structure = 0x1,      // tasks inserted, removed, reparented or reordered
        Fields = 0x2,         // a task's title, type, status, attributes, dates, ...
        Dependencies = 0x4,   // a task's dependency list
        Positions = 0x8,      // card places on the canvas, nothing else
        Properties = 0x10     // the project's name, calendar, team
    };
    Q_DECLARE_FLAGS(Kinds, Kind)

    Kinds kinds;
    QStringList taskIds;      // every task the step touched, in the order it touched them

    bool isEmpty() const { return !kinds; }
    bool positionsOnly() const { return kinds == Kinds(Positions); }
    // Whether the analysis (anything read from the plan but card places) may differ.
    bool touchesAnalysis() const { return bool(kinds & ~Kinds(Positions)); }
};

} // namespace Workplan

Q_DECLARE_OPERATORS_FOR_FLAGS(Workplan::DocumentChange::Kinds)
