#pragma once

#include "graphinteraction.h"

#include <QHash>
#include <QPointF>
#include <QSet>
#include <QStringList>

#include <memory>

namespace Workplan {

// Moving the selected cards and frames together. Items move live; the document hears of
// it once, on release, as one step that may also change parents: each dragged task lands
// in the frame it is dropped in (frames mean membership), and the frames around the drop
// move clear of what is not theirs. Esc puts everything back.
class MoveInteraction : public GraphInteraction
{
public:
    // A press at `scenePos` that the scene's items took (a card or frame got selected).
    static std::unique_ptr<MoveInteraction> start(GraphScene *scene, const QPointF &scenePos);

    bool move(QGraphicsSceneMouseEvent *event) override;
    void release(QGraphicsSceneMouseEvent *event) override;
    void cancel() override;

private:
    MoveInteraction(GraphScene *scene, const QPointF &pressPos);
    // The frames a drag carries along: dragged summaries with their subtrees. The others
    // stay put, so the drop target is what the user sees.
    QSet<QString> framesDraggedWhole() const;
    // The innermost open frame at `scenePos` that stays put while `movingId` moves.
    QString dropTargetAt(const QPointF &scenePos, const QString &movingId) const;
    // Moved, reparented into the frame under each dragged task (the grabbed one: under the
    // cursor), frames cleared: one edit, or a refusal that puts everything back.
    void finish(const QPointF &cursor);
    void putBack();

    QPointF m_pressPos;
    bool m_moved = false;
    QHash<QString, QPointF> m_start;   // card (by task id) -> where it was when pressed
    QStringList m_movedLeaves;         // the leaves whose positions the drop writes
    QSet<QString> m_frames;            // framesDraggedWhole()
};

} // namespace Workplan
