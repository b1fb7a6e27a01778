// GraphScene: keeping the items in step with the document (nodes, edges, frames).
#include "graphscene.h"

#include <algorithm>
#include <functional>

#include "carditem.h"
#include "edgeitem.h"
#include "frameitem.h"
#include "graphstyle.h"
#include "layoutadapter.h"
#include "nodeitem.h"

#include "model/layout/framefit.h"
#include "model/projectdocument.h"

namespace Workplan {

QPointF GraphScene::restingPosition(const QString &id) const
{
    const Project &p = m_document->project();
    const int i = p.indexOf(id);
    const Task &t = p.task(i);
    if (t.hasPosition)
        return t.position;
    const auto placed = m_autoPositions.constFind(id);
    return placed != m_autoPositions.constEnd() ? *placed : fallbackGridPosition(depthOf(id), i);
}

void GraphScene::syncNodes()
{
    const Project &p = m_document->project();
    // Tasks the user never placed (a file from another tool, a template) are shown where
    // the auto layout would put them; nothing is written until the user moves them.
    bool anyUnplaced = false;
    for (int i = 0; i < p.taskCount() && !anyUnplaced; ++i)
        anyUnplaced = !p.task(i).hasPosition && !m_document->isSummaryAt(i);
    // The routes stay those of the last layout when every card is placed (after "Auto
    // layout" they still fit every arrow whose ends have not moved since).
    if (anyUnplaced) {
        CanvasLayout laid = canvasLayout(p);
        m_autoPositions = std::move(laid.positions);
        m_routes = std::move(laid.routes);
    } else {
        m_autoPositions.clear();
    }
    // Depths, memoised over the parent chain (a parent may come after its children).
    m_depth.clear();
    m_depth.reserve(p.taskCount());
    for (const Task &t : p.tasks()) {
        QStringList chain;
        QString cur = t.id;
        int base = 0;
        while (!cur.isEmpty()) {
            const auto it = m_depth.constFind(cur);
            if (it != m_depth.constEnd()) {
                base = *it + 1;
                break;
            }
            chain.prepend(cur);
            const Task *ct = p.find(cur);
            cur = ct ? ct->parentId : QString();
        }
        for (const QString &c : std::as_const(chain))
            m_depth.insert(c, base++);
    }

    // Drop what is gone, then create and place what is there.
    const QStringList known = m_cards.keys();
    for (const QString &id : known) {
        if (!p.contains(id))
            deleteNode(id);
    }
    for (auto it = m_collapsed.begin(); it != m_collapsed.end();) {
        if (!m_document->isSummary(*it))
            it = m_collapsed.erase(it);
        else
            ++it;
    }
    for (int i = 0; i < p.taskCount(); ++i) {
        const Task &t = p.task(i);
        const bool summary = m_document->isSummaryAt(i);
        CardItem *card = m_cards.value(t.id);
        if (!card) {
            card = new CardItem(t.id);
            m_cards.insert(t.id, card);
            addLayered(card, card->zValue());
        }
        FrameItem *frame = m_frames.value(t.id);
        if (summary && !frame) {
            frame = new FrameItem(t.id, depthOf(t.id));
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
        if (frame)
            frame->setDepth(depthOf(t.id));
        const bool hidden = isHiddenByCollapse(t.id);
        const bool collapsed = summary && m_collapsed.contains(t.id);
        if (!summary)
            card->setPos(restingPosition(t.id));
        card->setVisible(!hidden && (!summary || collapsed));
        card->setCollapsedSummary(collapsed, collapsed ? int(descendantLeaves(t.id).size()) : 0);
        if (frame)
            frame->setVisible(!hidden && !collapsed);
        card->refresh();
    }
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

void GraphScene::deleteEdgesOf(const QString &ownerId)
{
    const QList<EdgeItem *> list = m_edges.take(ownerId);
    qDeleteAll(list);
}

void GraphScene::deleteNode(const QString &id)
{
    for (NodeItem *n : {static_cast<NodeItem *>(m_cards.take(id)), static_cast<NodeItem *>(m_frames.take(id))}) {
        if (!n)
            continue;
        const QList<EdgeItem *> edges = n->edges();
        for (EdgeItem *e : edges)
            deleteEdge(e);
        delete n;
    }
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
        scene->addLayered(e, e->zValue());
        list.append(e);
        if (bundled)
            bundles.insert({source, target}, e);
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

void GraphScene::rebuildAllEdges()
{
    for (auto &list : m_edges)
        qDeleteAll(list);
    m_edges.clear();
    Bundles bundles;
    // With frames folded many dependencies end at one card: remember each task's visible
    // node instead of walking its ancestors for every arrow.
    QHash<QString, NodeItem *> nodes;
    const auto nodeFor = [this, &nodes](const QString &id) {
        if (m_collapsed.isEmpty())
            return visibleNodeFor(id);
        auto it = nodes.constFind(id);
        if (it == nodes.constEnd())
            it = nodes.insert(id, visibleNodeFor(id));
        return *it;
    };
    for (const Task &t : m_document->project().tasks()) {
        if (t.dependencies.isEmpty())
            continue;
        NodeItem *target = nodeFor(t.id);
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
    }
    return r.adjusted(-FramePadding, -FramePadding - FrameHeader, FramePadding, FramePadding);
}

void GraphScene::updateFrames(const QSet<QString> &summaries)
{
    // Deepest first, so a parent unites its child frames' new rects.
    QList<QString> order(summaries.cbegin(), summaries.cend());
    std::sort(order.begin(), order.end(), [this](const QString &a, const QString &b) {
        return depthOf(a) > depthOf(b);
    });
    for (const QString &id : std::as_const(order)) {
        FrameItem *f = m_frames.value(id);
        if (!f)
            continue;
        f->setFrameRect(childrenRect(id));
        if (m_collapsed.contains(id)) {
            if (CardItem *c = m_cards.value(id))
                c->setPos(f->nodeSceneRect().topLeft());
        }
    }
}

void GraphScene::updateAllFrames()
{
    updateFrames(QSet<QString>(m_frames.keyBegin(), m_frames.keyEnd()));
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
