#pragma once

#include "graphinteraction.h"

#include <QPointF>
#include <QString>
#include <Qt>

class QGraphicsPathItem;

namespace Workplan {

class NodeItem;

// What a link drag and an arrow-end drag share: the dashed line from the fixed end to the
// cursor, and the node under the cursor marked as a target that would be taken (green)
// or refused (red) with the reason the release would give (problem()).
class DragLineInteraction : public GraphInteraction
{
public:
    DragLineInteraction(GraphScene *scene, const QPointF &anchor);
    ~DragLineInteraction() override;   // the line and the mark go with the gesture

    bool move(QGraphicsSceneMouseEvent *event) override;
    void cancel() override;

protected:
    // Why a release on `targetId` with `modifiers` would be refused; empty when it would not.
    virtual QString problem(const QString &targetId, Qt::KeyboardModifiers modifiers) const = 0;
    void updateFeedback(const QPointF &scenePos, Qt::KeyboardModifiers modifiers);
    // Takes the line and the mark away (before the edit, so they never paint over it).
    void clearFeedback();

private:
    NodeItem *hintedNode() const;

    QGraphicsPathItem *m_line = nullptr;   // a scene item: deleted with the gesture
    QPointF m_anchor;
    QString m_hintedId;          // the node marked as a target, by id (see GraphInteraction)
    bool m_hintedFrame = false;  // ... its frame rather than its card
    QString m_hintKey;           // target and modifiers the mark was worked out for
};

} // namespace Workplan
