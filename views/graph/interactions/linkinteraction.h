#pragma once

#include "draglineinteraction.h"

#include <memory>

namespace Workplan {

// Drawing a new dependency: pressed on a card's port (or right edge), dragged onto the
// card that is to wait for it. Shift makes it a data dependency, Ctrl an approval, Alt
// asks. A click that never became a drag selects the card instead, as a click anywhere
// else on it does.
class LinkInteraction : public DragLineInteraction
{
public:
    // A press at the event's position on a port: the gesture; anywhere else: null.
    static std::unique_ptr<LinkInteraction> start(GraphScene *scene, QGraphicsSceneMouseEvent *event);

    void release(QGraphicsSceneMouseEvent *event) override;

protected:
    QString problem(const QString &targetId, Qt::KeyboardModifiers modifiers) const override;

private:
    LinkInteraction(GraphScene *scene, const QString &prerequisiteId, const QPointF &port);
    void selectSource(Qt::KeyboardModifiers modifiers);
    void finish(const QPointF &scenePos, Qt::KeyboardModifiers modifiers);

    QString m_prerequisiteId;   // the card pressed: the task the target will wait for
};

} // namespace Workplan
