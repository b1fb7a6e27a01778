// GraphScene: keeping the items in step with the document (nodes, edges, frames).
#include "graphscene.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <functional>

#include "bundlelayer.h"
#include "carditem.h"
#include "edgeitem.h"
#include "frameitem.h"
#include "graphstyle.h"
#include "layoutadapter.h"
#include "nodeitem.h"

#include "model/hierarchyindex.h"
#include "model/layout/framefit.h"
#include "model/projectdocument.h"

namespace Workplan {

QPointF GraphScene::restingPosition(const QString &id) const
{
    return restingPositionAt(m_document->project().indexOf(id));
}

QPointF GraphScene::leafPosition(const QString &id) const
{
    return m_document->project().contains(id) ? restingPosition(id) : QPointF();
}

QPointF GraphScene::restingPositionAt(int i) const
{
    const Project &p = m_document->project();
    const Task &t = p.task(i);
    const QString &id = t.id;
    if (t.hasPosition)
        return t.position;
    const auto placed = m_autoPositions.constFind(id);
    return placed != m_autoPositions.constEnd() ? *placed : fallbackGridPosition(depthOf(id), i);
}

QThreadPool *GraphScene::routesPool()
{
    // A pool of its own at idle priority (SCHED_IDLE on Linux): on a machine of few cores
    // the window being built and the analysis come first. (A shared pool's thread could
    // not be given its priority back: leaving SCHED_IDLE needs a privilege.)
    if (!m_routesPool) {
        m_routesPool = std::make_unique<QThreadPool>();
        m_routesPool->setMaxThreadCount(1);
        m_routesPool->setThreadPriority(QThread::IdlePriority);
    }
    return m_routesPool.get();
}

const EdgeRoutes &GraphScene::routes() const
{
    if (m_routesComing.isValid()) {
        m_routes = m_routesComing.result();   // waits, if they are still being made
        m_routesComing = {};
    }
    return m_routes;
}

std::vector<NodeItem *> GraphScene::syncNodes()
{
    const Project &p = m_document->project();
    m_hierarchy = HierarchyIndex::of(p);
    const HierarchyIndex &h = m_hierarchy;
    const int n = h.size();
    // Tasks the user never placed (a file from another tool, a template) are shown where
    // the auto layout would put them; nothing is written until the user moves them.
    bool anyUnplaced = false;
    for (int i = 0; i < n && !anyUnplaced; ++i)
        anyUnplaced = !p.task(i).hasPosition && !h.summary[std::size_t(i)];
    // The routes stay those of the last layout when every card is placed (after "Auto
    // layout" they still fit every arrow whose ends have not moved since).
    if (anyUnplaced) {
        CanvasPlacement placed = canvasPlacement(p);
        m_autoPositions = std::move(placed.positions);
        m_routesComing = {};
        if (m_collapsed.isEmpty()) {
            m_routes = placed.routes();
        } else {   // the arrows now are bundles: the routes can come later
            m_routes = {};
            m_routesComing = QtConcurrent::run(routesPool(), std::move(placed.routes));
        }
    } else {
        m_autoPositions.clear();
    }

    // Drop what is gone, then create and place what is there.
    const QStringList known = m_cards.keys();
    for (const QString &id : known) {
        if (!p.contains(id))
            deleteNode(id);
    }
    std::vector<char> folded(std::size_t(n), 0);
    for (auto it = m_collapsed.begin(); it != m_collapsed.end();) {
        const int i = p.indexOf(*it);
        if (i < 0 || !h.summary[std::size_t(i)]) {
            it = m_collapsed.erase(it);
        } else {
            folded[std::size_t(i)] = 1;
            ++it;
        }
    }
    // Each task's outermost folded ancestor, -1 when it shows.
    const std::vector<int> foldedBy = h.outermostFolded(folded);
    // The leaves under each summary, for the folded cards' "N tasks".
    std::vector<int> leavesUnder;
    if (!m_collapsed.isEmpty()) {
        leavesUnder.assign(std::size_t(n), 0);
        for (int i = 0; i < n; ++i) {
            if (h.summary[std::size_t(i)])
                continue;
            // At most depth steps up (an invalid parent cycle is cut short there).
            int steps = h.depth[std::size_t(i)];
            for (int a = h.parent[std::size_t(i)]; a >= 0 && steps-- > 0; a = h.parent[std::size_t(a)])
                ++leavesUnder[std::size_t(a)];
        }
    }
    // Only a card that shows has an item: a 100k-task plan folded to its features builds
    // ~8k cards, not 100k hidden ones (and an open summary shows its frame). A hidden
    // task's place is read from the document (childrenRect()).
    auto shows = [&](int i) {
        const bool summary = h.summary[std::size_t(i)];
        return foldedBy[std::size_t(i)] < 0 && (!summary || folded[std::size_t(i)]);
    };
    // The cards that go, before any is made: Qt looks for a deleted item in the scene's
    // lists of items still to be indexed and painted, which the new ones would fill.
    if (!m_cards.isEmpty()) {
        for (int i = 0; i < n; ++i) {
            if (!shows(i) && m_cards.contains(p.task(i).id))
                deleteCard(p.task(i).id);
        }
    }
    // What shows each task (visibleNodeFor()), by index, for the arrows made next.
    std::vector<NodeItem *> shownAt(std::size_t(n), nullptr);
    for (int i = 0; i < n; ++i) {
        const Task &t = p.task(i);
        const bool summary = h.summary[std::size_t(i)];
        const bool hidden = foldedBy[std::size_t(i)] >= 0;
        const bool collapsed = summary && folded[std::size_t(i)];
        const bool shown = shows(i);
        CardItem *card = !shown || m_cards.isEmpty() ? nullptr : m_cards.value(t.id);
        if (shown && !card) {
            card = new CardItem(t.id);
            m_cards.insert(t.id, card);
            addLayered(card, card->zValue());
        }
        FrameItem *frame = m_frames.isEmpty() ? nullptr : m_frames.value(t.id);
        if (summary && !frame) {
            frame = new FrameItem(t.id, h.depth[std::size_t(i)]);
            m_frames.insert(t.id, frame);
            addItem(frame);
        } else if (!summary && frame) {
            // No longer a summary: its arrows now attach to the card; rebuilt below.
            deleteEdgesOf(t.id);
            const QList<EdgeItem *> attached = frame->edges();
            for (EdgeItem *e : attached)
                deleteEdge(e);
            m_frames.remove(t.id);
            delete frame;
            frame = nullptr;
        }
        if (frame) {
            frame->setDepth(h.depth[std::size_t(i)]);
            frame->setVisible(!hidden && !collapsed);
        }
        shownAt[std::size_t(i)] = hidden || collapsed ? nullptr : frame ? static_cast<NodeItem *>(frame) : card;
        if (!card)
            continue;
        if (!summary)
            card->setPos(restingPositionAt(i));
        card->setCollapsedSummary(collapsed, collapsed ? leavesUnder[std::size_t(i)] : 0);
        card->refresh();
        if (collapsed)
            shownAt[std::size_t(i)] = card;
    }
    // A hidden task is shown by its outermost folded ancestor's card.
    for (int i = 0; i < n; ++i) {
        if (const int by = foldedBy[std::size_t(i)]; by >= 0)
            shownAt[std::size_t(i)] = shownAt[std::size_t(by)];
    }
    return shownAt;
}

void GraphScene::deleteWithEdges(NodeItem *node)
{
    if (!node)
        return;
    const QList<EdgeItem *> edges = node->edges();
    for (EdgeItem *e : edges)
        deleteEdge(e);
    delete node;
}

void GraphScene::deleteCard(const QString &id)
{
    deleteWithEdges(m_cards.take(id));
}

void GraphScene::deleteEdge(EdgeItem *edge)
{
    auto it = m_edges.find(edge->ownerId());
    if (it != m_edges.end()) {
        it->removeOne(edge);
        if (it->isEmpty())
            m_edges.erase(it);
    }
    delete edge;
}

void GraphScene::deleteAllEdges()
{
    // The ends forget their arrows first, so no arrow looks itself up in its ends' lists
    // (or the layer's) as it goes: a folded card may hold thousands.
    for (CardItem *c : std::as_const(m_cards))
        c->dropEdges();
    for (FrameItem *f : std::as_const(m_frames))
        f->dropEdges();
    if (m_bundleLayer)
        m_bundleLayer->clear();
    for (auto &list : m_edges)
        qDeleteAll(list);
    m_edges.clear();
}

void GraphScene::deleteEdgesOf(const QString &ownerId)
{
    const QList<EdgeItem *> list = m_edges.take(ownerId);
    qDeleteAll(list);
}

void GraphScene::deleteNode(const QString &id)
{
    deleteWithEdges(m_cards.take(id));
    deleteWithEdges(m_frames.take(id));
    deleteEdgesOf(id);
}

namespace {

// Dependencies whose ends meet at a folded card go into one arrow per ordered pair of
// visible nodes (a 2,000-task plan folded to its features draws ~one arrow per feature
// pair, not thousands on top of each other). Arrows between the tasks' own nodes stay
// one per dependency: they can be selected, edited, retargeted.
using Bundles = QHash<QPair<NodeItem *, NodeItem *>, EdgeItem *>;

bool isFoldedCard(const NodeItem *node)
{
    const auto *card = qgraphicsitem_cast<const CardItem *>(node);
    return card && card->isCollapsedSummary();
}

} // namespace

// The arrows of `ownerId`'s dependencies. `bundles` collects the folded-card pairs of one
// rebuild; a bundle is filed under the owner of its first dependency.
static void addOwnerEdges(GraphScene *scene, const Task &t, NodeItem *target, QList<EdgeItem *> &list,
                          Bundles &bundles, const std::function<NodeItem *(const QString &)> &nodeFor)
{
    const bool targetFolded = isFoldedCard(target);
    for (int i = 0; i < t.dependencies.size(); ++i) {
        NodeItem *source = nodeFor(t.dependencies.at(i).taskId);
        // Both ends inside one collapsed summary: nothing to draw.
        if (!source || source == target)
            continue;
        const bool bundled = targetFolded || isFoldedCard(source);
        if (bundled) {
            if (EdgeItem *b = bundles.value({source, target})) {
                b->addBundled(t.id, i);
                continue;
            }
        }
        auto *e = new EdgeItem(DependencyKey::of(t.id, t.dependencies.at(i)), i, source, target, scene);
        if (bundled) {
            scene->bundleLayer()->add(e);
            bundles.insert({source, target}, e);
        } else {
            scene->addLayered(e, e->zValue());
        }
        list.append(e);
    }
}

void GraphScene::rebuildEdges(const QString &ownerId)
{
    deleteEdgesOf(ownerId);
    const Task *t = m_document->project().find(ownerId);
    if (!t || t->dependencies.isEmpty())
        return;
    NodeItem *target = visibleNodeFor(ownerId);
    if (!target)
        return;
    // Only this owner's arrows end at `target` (the folded-target case is rebuilt whole,
    // see edgesNeedFullRebuild), so its bundles are its own.
    QList<EdgeItem *> list;
    Bundles bundles;
    addOwnerEdges(this, *t, target, list, bundles, [this](const QString &id) { return visibleNodeFor(id); });
    if (!list.isEmpty())
        m_edges.insert(ownerId, list);
}

bool GraphScene::edgesNeedFullRebuild(const QSet<QString> &owners) const
{
    if (m_collapsed.isEmpty())
        return false;
    // An owner inside (or being) a folded summary shares its arrows' target with the other
    // tasks folded there: their bundles mix owners.
    for (const QString &o : owners) {
        if (isFoldedCard(visibleNodeFor(o)))
            return true;
    }
    return false;
}

void GraphScene::rebuildAllEdges(const std::vector<NodeItem *> *shownAt)
{
    deleteAllEdges();
    Bundles bundles;
    const Project &p = m_document->project();
    // Right after syncNodes() each task's node is known by index (one id look-up per
    // arrow end). Otherwise, with frames folded many dependencies end at one card:
    // remember each task's visible node instead of walking its ancestors for every arrow.
    QHash<QString, NodeItem *> nodes;
    const auto nodeFor = [&](const QString &id) -> NodeItem * {
        if (shownAt) {
            const int i = p.indexOf(id);
            return i >= 0 ? (*shownAt)[std::size_t(i)] : nullptr;
        }
        if (m_collapsed.isEmpty())
            return visibleNodeFor(id);
        auto it = nodes.constFind(id);
        if (it == nodes.constEnd())
            it = nodes.insert(id, visibleNodeFor(id));
        return *it;
    };
    for (int i = 0; i < p.taskCount(); ++i) {
        const Task &t = p.task(i);
        if (t.dependencies.isEmpty())
            continue;
        NodeItem *target = shownAt ? (*shownAt)[std::size_t(i)] : nodeFor(t.id);
        if (!target)
            continue;
        QList<EdgeItem *> list;
        addOwnerEdges(this, t, target, list, bundles, nodeFor);
        if (!list.isEmpty())
            m_edges.insert(t.id, list);
    }
}

QStringList GraphScene::descendantLeaves(const QString &id) const
{
    QStringList out;
    QStringList pending{id};
    while (!pending.isEmpty()) {
        const QString cur = pending.takeLast();
        const QStringList &kids = m_document->childIds(cur);
        if (kids.isEmpty() && cur != id)
            out << cur;
        pending += kids;
    }
    return out;
}

QRectF GraphScene::childrenRect(const QString &summaryId) const
{
    using namespace GraphStyle;
    QRectF r;
    for (const QString &c : m_document->childIds(summaryId)) {
        if (FrameItem *f = m_frames.value(c))
            r = r.united(f->nodeSceneRect());
        else if (CardItem *card = m_cards.value(c))
            r = r.united(card->nodeSceneRect());
        else   // a leaf folded away has no card: its place is the document's (syncNodes())
            r = r.united(QRectF(restingPosition(c), QSizeF(CardWidth, CardHeight)));
    }
    return r.adjusted(-FramePadding, -FramePadding - FrameHeader, FramePadding, FramePadding);
}

void GraphScene::updateFrames(const QSet<QString> &summaries)
{
    // Deepest first, so a parent unites its child frames' new rects.
    std::vector<FrameItem *> order;
    order.reserve(std::size_t(summaries.size()));
    for (const QString &id : summaries) {
        if (FrameItem *f = m_frames.value(id))
            order.push_back(f);
    }
    std::stable_sort(order.begin(), order.end(), [](const FrameItem *a, const FrameItem *b) { return a->depth() > b->depth(); });
    for (FrameItem *f : order) {
        const QString id = f->taskId();
        f->setFrameRect(childrenRect(id));
        if (m_collapsed.contains(id)) {
            if (CardItem *c = m_cards.value(id))
                c->setPos(f->nodeSceneRect().topLeft());
        }
    }
}

void GraphScene::updateAllFrames()
{
    const Project &p = m_document->project();
    const HierarchyIndex &h = m_hierarchy;
    if (h.size() != p.taskCount()) {   // not right after syncNodes(): by id
        updateFrames(QSet<QString>(m_frames.keyBegin(), m_frames.keyEnd()));
        return;
    }
    // Every frame in one pass up the tree by index, deepest first, each box united into its
    // parent's: childrenRect() per frame asked two hashes per child, a tenth of opening a
    // 100k-task plan. A leaf's box is its card's place (syncNodes() put it there) whether or
    // not it has a card; a summary's is its frame, header included.
    using namespace GraphStyle;
    const int n = h.size();
    // Deepest first, by a counting sort on depth (a hierarchy may be 100k levels deep).
    int deepest = 0;
    for (int d : h.depth)
        deepest = std::max(deepest, d);
    std::vector<int> start(std::size_t(deepest) + 2, 0);
    for (int d : h.depth)
        ++start[std::size_t(deepest - d) + 1];
    for (std::size_t k = 1; k < start.size(); ++k)
        start[k] += start[k - 1];
    std::vector<int> order(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        order[std::size_t(start[std::size_t(deepest - h.depth[std::size_t(i)])]++)] = i;
    std::vector<QRectF> box(static_cast<std::size_t>(n));
    std::vector<QRectF> inside(static_cast<std::size_t>(n));
    for (int i : order) {
        const Task &t = p.task(i);
        if (!h.summary[std::size_t(i)]) {
            box[std::size_t(i)] = QRectF(restingPositionAt(i), QSizeF(CardWidth, CardHeight));
        } else {
            box[std::size_t(i)] = inside[std::size_t(i)].adjusted(-FramePadding, -FramePadding - FrameHeader, FramePadding, FramePadding);
            if (FrameItem *f = m_frames.value(t.id)) {
                f->setFrameRect(box[std::size_t(i)]);
                if (m_collapsed.contains(t.id)) {
                    if (CardItem *c = m_cards.value(t.id))
                        c->setPos(f->nodeSceneRect().topLeft());
                }
            }
        }
        if (const int parent = h.parent[std::size_t(i)]; parent >= 0)
            inside[std::size_t(parent)] |= box[std::size_t(i)];
    }
}

void GraphScene::markAncestorsDirty(const QString &id)
{
    const Project &p = m_document->project();
    const Task *t = p.find(id);
    for (QString a = t ? t->parentId : QString(); !a.isEmpty();) {
        m_dirtyFrames.insert(a);
        const Task *at = p.find(a);
        a = at ? at->parentId : QString();
    }
}
} // namespace Workplan
