#pragma once

#include "canvasgeometry.h"
#include "edgerouting.h"
#include "graphlayout.h"

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QStringList>

#include <functional>
#include <optional>

namespace Workplan {

class Project;
class ProjectDocument;

// The auto layout sized for the canvas: top-left card positions of the leaf tasks.
LayoutOptions canvasLayoutOptions();
QHash<QString, QPointF> autoLayoutPositions(const Project &project);
// The leaf cards' top-left corners of a layout, by id.
QHash<QString, QPointF> leafPositions(const LayoutResult &layout);
// The same for the canvas to show, with the arrows' routes through the channels
// (layoutgeometry.h), which the canvas keeps and its arrows then follow.
struct CanvasLayout
{
    QHash<QString, QPointF> positions;
    EdgeRoutes routes;
};
CanvasLayout canvasLayout(const Project &project);
// The same in two steps: the positions now, the routes when `routes` is called, on any
// thread (it holds its own copies of what it reads). A canvas opened folded draws bundles,
// which follow no route, so it has the routes made in the background.
struct CanvasPlacement
{
    QHash<QString, QPointF> positions;
    std::function<EdgeRoutes()> routes;
};
CanvasPlacement canvasPlacement(const Project &project);

// Frames mean membership (issue #15 item 2): a summary's frame is the box around its
// children's cards and frames, and no frame may cover a task that is not its descendant.
// FrameFit answers on any view of the tree through accessors, so the canvas can ask about
// a drop before it is a command and a command can ask about the document.
//
// Only siblings are compared: when no two children of one parent overlap where one of them
// is a frame, no frame overlaps a non-descendant anywhere (both lie inside the two sibling
// blocks under their lowest common ancestor).
class FrameFit
{
public:
    struct Access
    {
        std::function<QStringList(const QString &)> children;   // file order; "" = top level
        std::function<QString(const QString &)> parent;         // "" for top level
        std::function<QPointF(const QString &)> leafPosition;   // a leaf card's top-left as drawn
        // A summary's frame when the caller knows it is current (may be empty: computed).
        std::function<std::optional<QRectF>(const QString &)> knownFrame;
    };

    explicit FrameFit(Access access);

    // A leaf's card or a summary's frame, header included, after the moves made so far.
    QRectF rectOf(const QString &id);

    // Puts `id` (a task just moved under a new parent) inside that parent's frame: below
    // the other children, at their left edge. Nothing moves when its centre is inside the
    // frame already. `emptyParentSpot`: where the parent's card was, when `id` is its only
    // child (the frame then opens there).
    void placeInside(const QString &id, std::optional<QPointF> emptyParentSpot = std::nullopt);

    // After `changed` tasks moved or changed parent: moves every task that a frame on their
    // ancestor chains now covers (and whatever that pushes) down or right, by the shorter
    // way, until no frame covers a non-member. The frames on those chains stay where they
    // are. Returns the new top-left of every leaf that moves (placeInside included).
    QHash<QString, QPointF> clear(const QStringList &changed);

private:
    QPointF offsetOf(const QString &id) const;   // translations on id and its ancestors
    void translate(const QString &id, const QPointF &by);
    void collectLeaves(const QString &id, QHash<QString, QPointF> &out) const;
    int depthOf(const QString &id) const;

    Access m_access;
    QHash<QString, QRectF> m_frames;    // memo: summaries' rects
    QHash<QString, QPointF> m_offset;   // block -> translation of its whole subtree
};

// The document's side of FrameFit, for a command that has just changed `changed`'s parent
// (or added them): their new place (inside the new parent unless `keepPlace`) and the
// tasks moved clear, as new top-left positions. Tasks without a stored position count
// where the canvas shows them (the auto layout). Empty when no leaf has a stored position:
// the auto layout then draws everything and keeps frames apart by itself.
QHash<QString, QPointF> arrangeFrames(const ProjectDocument &document, const QStringList &changed, bool keepPlace,
                                      std::optional<QPointF> emptyParentSpot = std::nullopt);

} // namespace Workplan
