#pragma once

class QGraphicsSceneMouseEvent;

namespace Workplan {

class GraphScene;

// One mouse gesture on the canvas, from the press that starts it to the release (or Esc)
// that ends it: drawing a link, dragging an arrow's end, moving cards. The scene keeps its
// items and their sync; what a drag has picked up and shows while it lasts lives here,
// so each gesture's state is born with its press and dies with its release (QtNodes'
// NodeConnectionInteraction, Tiled's tools). GraphScene owns at most one at a time and
// hands it the mouse events; each gesture's static start() is its press: it returns the
// gesture when the press begins one, null when it does not.
//
// A gesture holds task ids, never item pointers: the document may delete a card under
// a drag (another editor, an undo by shortcut), and an id simply stops resolving.
class GraphInteraction
{
public:
    explicit GraphInteraction(GraphScene *scene) : m_scene(scene) {}
    virtual ~GraphInteraction() = default;
    GraphInteraction(const GraphInteraction &) = delete;
    GraphInteraction &operator=(const GraphInteraction &) = delete;

    // The mouse moved while the gesture lasts; false: not the gesture's business (the
    // scene passes it on to the items).
    virtual bool move(QGraphicsSceneMouseEvent *event) = 0;
    // The left button went up: the gesture does what it was for (one edit, or a refusal).
    // The scene has already let go of it, so it may start another while this runs.
    virtual void release(QGraphicsSceneMouseEvent *event) = 0;
    // Esc: take back what the drag showed and change nothing.
    virtual void cancel() = 0;

protected:
    GraphScene *m_scene;
};

} // namespace Workplan
