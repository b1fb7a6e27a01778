#pragma once

#include <QGraphicsItem>
#include <QHash>

#include <vector>

class QGraphicsScene;

namespace Workplan {

// Puts a scene's many items under a few invisible container items, one stack per z layer,
// at most kBucketSize items each.
//
// Why: QGraphicsScene walks every top-level item each time it processes updates (its
// "dirty items" pass), changed or not. With 100k cards and 200k arrows at the top level,
// that walk cost tens of milliseconds after every edit, more than the edit itself. Under
// containers it visits the containers and only descends into those holding a changed item.
// Items keep their own positions (a container sits at the origin, untransformed); their
// z orders them within a layer, the layer's z orders the layers.
class ItemLayers
{
public:
    static constexpr int kBucketSize = 1024;

    explicit ItemLayers(QGraphicsScene *scene) : m_scene(scene) {}

    // Adds `item` to the scene in the layer at `z` (the item's own z is set to it as well).
    void add(QGraphicsItem *item, qreal z);
    // After the scene deleted its items (QGraphicsScene::clear()): the containers went too.
    void forget();
    // Containers in the scene now, for tests.
    int containerCount() const;

private:
    struct Layer
    {
        QGraphicsItem *open = nullptr;   // the container new items go to
        int filled = 0;                  // items ever put into `open`
        int containers = 0;
    };
    QGraphicsScene *m_scene;
    QHash<qreal, Layer> m_layers;
};

} // namespace Workplan
