#pragma once

#include <QGraphicsItem>
#include <QList>
#include <QString>

namespace Workplan {

class EdgeItem;
class GraphScene;
struct Task;

// Common base of the things an arrow can attach to: a card or a summary frame. Holds
// only the task id; everything else is read from the document through the scene.
class NodeItem : public QGraphicsItem
{
public:
    enum class LinkHint { None, Allowed, Refused };

    explicit NodeItem(const QString &taskId);
    ~NodeItem() override;

    QString taskId() const { return m_taskId; }
    GraphScene *graphScene() const;
    const Task *task() const;   // nullptr while the document no longer has it

    // The box arrows attach to, in scene coordinates.
    virtual QRectF nodeSceneRect() const = 0;

    void addEdge(EdgeItem *edge) { m_edges.append(edge); }
    void removeEdge(EdgeItem *edge) { m_edges.removeOne(edge); }
    const QList<EdgeItem *> &edges() const { return m_edges; }
    void dropEdges();   // forgets its arrows (detaching them) before they are all deleted
    void adjustEdges();

    // Feedback while the user drags a new link over this node.
    void setLinkHint(LinkHint hint);
    LinkHint linkHint() const { return m_linkHint; }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    QString m_taskId;
    QList<EdgeItem *> m_edges;
    LinkHint m_linkHint = LinkHint::None;
};

} // namespace Workplan
