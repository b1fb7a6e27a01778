#pragma once

#include "draglineinteraction.h"

#include "model/dependency.h"
#include "views/graph/edgeitem.h"

#include <memory>

namespace Workplan {

// Dragging one end of a selected arrow onto another task: the tail (the prerequisite) or
// the head (the task that waits). The dependency is held by its key, so it is still the
// same one when the release comes, whatever happened to the owner's list meanwhile.
class RetargetInteraction : public DragLineInteraction
{
public:
    // A press on an end handle of a selected arrow: the gesture; anywhere else: null.
    static std::unique_ptr<RetargetInteraction> start(GraphScene *scene, const QPointF &scenePos);

    void release(QGraphicsSceneMouseEvent *event) override;

protected:
    QString problem(const QString &targetId, Qt::KeyboardModifiers modifiers) const override;

private:
    RetargetInteraction(GraphScene *scene, const DependencyKey &key, EdgeItem::End end, const QPointF &fixedEnd);

    DependencyKey m_key;
    EdgeItem::End m_end;   // the end being dragged
};

} // namespace Workplan
