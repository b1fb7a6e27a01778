#pragma once

#include "model/dependency.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

namespace Workplan {

class BundleLayer;
class GraphScene;
class NodeItem;

// One declared dependency, drawn from the prerequisite's node to the dependent's node.
// Identified by its DependencyKey (owner, prerequisite, type: unique by the contract);
// the index in the owner's list is kept too, for reading the dependency without a search
// (the scene rebuilds an owner's edges whenever its dependencies change).
class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };
    enum class End { None, Source, Target };

    // `scene`: the scene it is made for, so its route and shape are known before it joins
    // (placed once, not again on joining: at 200k arrows the second pass was a tenth of
    // opening a plan). Null: shaped when it joins a scene.
    EdgeItem(const DependencyKey &key, int index, NodeItem *source, NodeItem *target,
             const GraphScene *scene = nullptr);
    ~EdgeItem() override;

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const DependencyKey &key() const { return m_key; }
    QString ownerId() const { return m_ownerId; }
    int index() const { return m_index; }
    const Dependency *dependency() const;
    NodeItem *source() const { return m_source; }
    NodeItem *target() const { return m_target; }

    // Arrows into or out of a folded card are bundled: one item per ordered pair of visible
    // nodes stands for weight() dependencies, the first being (ownerId(), index()). A bundle
    // is an overview, not one dependency: it cannot be selected, deleted or retargeted.
    void addBundled(const QString &ownerId, int index);
    int weight() const { return 1 + int(m_bundled.size()); }
    // The members after the first, as (owner, index in its list).
    const QList<QPair<QString, int>> &bundled() const { return m_bundled; }
    QString bundleToolTip() const;   // "12 dependencies between these tasks"
    bool isBundle() const { return !m_bundled.isEmpty(); }
    // The pen grows with the log of the weight, so ×200 is bold but not a wall.
    static qreal bundleExtraWidth(int weight);

    void adjust();
    void detach(NodeItem *node);   // the node is going away
    // Its picture changed: repaints it where it is drawn (the scene, or its layer).
    void repaint();

    // An arrow ending at a folded card is drawn by the scene's BundleLayer, outside the
    // scene's items (bundlelayer.h). Called by the layer.
    void joinLayer(BundleLayer *layer, int slot);
    void leaveLayer();
    BundleLayer *layer() const { return m_layer; }
    int layerSlot() const { return m_layerSlot; }

    const QPainterPath &path() const { return m_path; }   // the arrow's line, in scene coordinates
    QPointF sourcePoint() const { return m_p1; }
    QPointF targetPoint() const { return m_p2; }
    // Which end handle (shown while selected) is at `scenePos`.
    End handleAt(const QPointF &scenePos) const;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    GraphScene *graphScene() const;
    QPainterPath visiblePart(const QRectF &area, qreal lod) const;
    // Drawn below the detail threshold: critical or loop (`highlighted`), selected, an end
    // selected, or in the focused chain.
    bool mattersFarOut(bool highlighted) const;
    const QPolygonF &polyline() const;
    // Its critical and loop marks (GraphScene::EdgeMark bits) in the analysis shown.
    int marks(const GraphScene &scene) const;

    DependencyKey m_key;
    const GraphScene *m_madeFor;
    QString m_ownerId;
    int m_index;
    QList<QPair<QString, int>> m_bundled;   // the other dependencies of a bundle
    NodeItem *m_source;
    NodeItem *m_target;
    QPointF m_p1, m_p2;
    QPainterPath m_path;
    // m_path flattened, for clipping; made when first painted (most arrows of a large plan
    // never are, and flattening 225k of them up front took seconds and ~200 MB).
    mutable QPolygonF m_polyline;
    QRectF m_bounds;
    mutable int m_marks = 0;
    mutable quint32 m_marksOf = 0;   // the GraphScene::marksGeneration() of m_marks
    BundleLayer *m_layer = nullptr;
    int m_layerSlot = -1;   // index in m_layer's list
};

} // namespace Workplan
