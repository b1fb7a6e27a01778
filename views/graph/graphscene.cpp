#include "graphscene.h"

#include "bundlelayer.h"
#include "carditem.h"
#include "collapselevels.h"
#include "frameitem.h"
#include "graphstyle.h"
#include "layoutadapter.h"
#include "nodeitem.h"
#include "interactions/graphinteraction.h"

#include "model/layout/framefit.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "views/analysiscontroller.h"
#include "views/taskselection.h"

#include <QEvent>
#include <QGraphicsSceneHelpEvent>
#include <QToolTip>
#include <QTimer>
#include <QUndoStack>

namespace Workplan {

GraphScene::GraphScene(ProjectDocument *document, TaskSelection *selection, AnalysisController *analysis,
                       QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_selection(selection)
    , m_analysis(analysis)
{
    setBackgroundBrush(GraphStyle::canvasColor());
    setBspTreeDepth(kBspTreeDepth);
    connect(document, &ProjectDocument::projectReset, this, &GraphScene::rebuildAll);
    connect(document, &ProjectDocument::taskInserted, this, [this] {
        m_structureDirty = true;
        scheduleFlush();
    });
    // Items go at once so nothing ever paints a task the document no longer has.
    connect(document, &ProjectDocument::taskAboutToBeRemoved, this, [this](const QString &id) {
        deleteNode(id);
        m_structureDirty = true;
        scheduleFlush();
    });
    connect(document, &ProjectDocument::taskMoved, this, [this] {
        m_structureDirty = true;
        scheduleFlush();
    });
    connect(document, &ProjectDocument::tasksChanged, this,
            [this](const QStringList &ids, ProjectDocument::ChangeFlags flags) {
                for (const QString &id : ids)
                    onTaskChanged(id, int(flags));
            });
    connect(document, &ProjectDocument::projectPropertiesChanged, this, [this] { update(); });
    // One undo step (or macro) done: bring the items up to date before anyone looks.
    connect(document->undoStack(), &QUndoStack::indexChanged, this, &GraphScene::flush);

    if (m_selection) {
        connect(m_selection, &TaskSelection::selectionChanged, this, &GraphScene::syncFromTaskSelection);
        connect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::syncToTaskSelection);
    }
    if (m_analysis)
        connect(m_analysis, &AnalysisController::updated, this, &GraphScene::rebuildOverlays);
    if (m_analysis)   // folded cards show figures of the analysis (collapselevels.cpp)
        connect(m_analysis, &AnalysisController::updated, this, &GraphScene::refreshFoldedCards);
    rebuildAll();
}

// A card's tooltip is made for the card under the pointer only (see CardItem::refresh);
// arrows keep their own fixed tooltips, which QGraphicsScene shows.
void GraphScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    const QList<QGraphicsItem *> under = items(event->scenePos(), Qt::IntersectsItemShape, Qt::DescendingOrder);
    for (QGraphicsItem *item : under) {
        if (auto *card = dynamic_cast<CardItem *>(item)) {
            QToolTip::showText(event->screenPos(), card->toolTipText(), event->widget());
            event->setAccepted(true);
            return;
        }
        // A bundle's words are made when asked for too: a folded 100k plan has tens of
        // thousands of bundles.
        if (auto *edge = qgraphicsitem_cast<EdgeItem *>(item); edge && edge->isBundle()) {
            QToolTip::showText(event->screenPos(), edge->bundleToolTip(), event->widget());
            event->setAccepted(true);
            return;
        }
    }
    // The arrows at folded cards are no items of their own (bundlelayer.h). Under a card
    // they would not be seen: asked only where no card is.
    if (const EdgeItem *edge = m_bundleLayer ? m_bundleLayer->edgeAt(event->scenePos()) : nullptr;
        edge && edge->isBundle() && !itemAt(event->scenePos(), QTransform())) {
        QToolTip::showText(event->screenPos(), edge->bundleToolTip(), event->widget());
        event->setAccepted(true);
        return;
    }
    QGraphicsScene::helpEvent(event);
}

bool GraphScene::event(QEvent *event)
{
    // The desktop switched between light and dark: follow it.
    if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
        setBackgroundBrush(GraphStyle::canvasColor());
    return QGraphicsScene::event(event);
}

GraphScene::~GraphScene()
{
    // Deleting selected items emits selectionChanged; by then our members are going, so
    // stop listening to ourselves before anything is torn down. (The document may be gone
    // already: its connections went with it.)
    disconnect(this, nullptr, this, nullptr);
    if (m_selection)
        disconnect(m_selection, nullptr, this, nullptr);
    deleteAllItems();
    // Routes still being made hold their own copies; let them finish before we go.
    if (m_routesComing.isValid())
        m_routesComing.waitForFinished();
}

void GraphScene::deleteAllItems()
{
    m_interaction.reset();   // a link drag's line and marked card are plan items
    // The layer's arrows are outside the scene: clear() would not delete them.
    deleteAllEdges();
    m_frames.clear();
    m_cards.clear();
    // QGraphicsScene::clear() deletes the items in the order they were added, each from the
    // front of the scene's list. Deleted in any other order (our hashes' order), each item
    // is searched for in that list: minutes for a 100k-task plan. A card detaches its
    // arrows as it goes, so either end of an arrow may go first.
    clear();
    m_layers.forget();
    m_bundleLayer = nullptr;   // clear() deleted it
}

BundleLayer *GraphScene::bundleLayer()
{
    if (!m_bundleLayer) {
        m_bundleLayer = new BundleLayer;
        addItem(m_bundleLayer);
    }
    return m_bundleLayer;
}

NodeItem *GraphScene::visibleNodeFor(const QString &id) const
{
    const Project &p = m_document->project();
    const Task *t = p.find(id);
    if (!t)
        return nullptr;
    if (!m_collapsed.isEmpty()) {
        QString outermost;
        for (QString a = t->parentId; !a.isEmpty();) {
            if (m_collapsed.contains(a))
                outermost = a;
            const Task *at = p.find(a);
            a = at ? at->parentId : QString();
        }
        if (!outermost.isEmpty())
            return m_cards.value(outermost);
        if (m_collapsed.contains(id))
            return m_cards.value(id);
    }
    if (FrameItem *f = m_frames.value(id))
        return f;
    return m_cards.value(id);
}

EdgeItem *GraphScene::edgeFor(const QString &ownerId, int index) const
{
    for (EdgeItem *e : m_edges.value(ownerId)) {
        if (e->index() == index)
            return e;
    }
    return nullptr;
}

EdgeItem *GraphScene::edgeFor(const DependencyKey &key) const
{
    for (EdgeItem *e : m_edges.value(key.ownerId)) {
        if (e->key() == key)
            return e;
    }
    return nullptr;
}

int GraphScene::edgeCount() const
{
    int n = 0;
    for (const auto &list : m_edges)
        n += int(list.size());
    return n;
}

const GraphScene::Overlay *GraphScene::overlay(const QString &id) const
{
    // By the result's own id -> index map (built once per task set, in the worker).
    const int i = m_overlaysOf ? m_overlaysOf->index(id) : -1;
    return i < 0 || std::size_t(i) >= m_overlays.size() ? nullptr : &m_overlays[std::size_t(i)];
}

void GraphScene::scheduleFlush()
{
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    QTimer::singleShot(0, this, &GraphScene::flush);
}

void GraphScene::rebuildAll()
{
    clearSelection();
    deleteAllItems();
    // A large plan opens folded (the tree and the timeline open it the same way); a task
    // folded away has no card item until its frame opens.
    m_collapsed = CollapseLevels::openingFold(m_document->project());
    m_structureDirty = true;
    m_wholeViewComing = true;
    flush();
    rebuildOverlays();
    repaintAll();   // every card is new: its tooltip was made before the marks
    setSceneRect(planRect().adjusted(-300, -300, 300, 300));
    emit planReset();
}

QRectF GraphScene::planRect() const
{
    QRectF r;
    for (const CardItem *c : m_cards) {
        if (c->isVisible())
            r |= c->nodeSceneRect();
    }
    for (const FrameItem *f : m_frames) {
        if (f->isVisible())
            r |= f->nodeSceneRect();
    }
    for (const QList<EdgeItem *> &list : m_edges) {
        for (const EdgeItem *e : list)
            r |= e->sceneBoundingRect();
    }
    return r;
}

void GraphScene::flush()
{
    m_flushQueued = false;
    if (m_structureDirty) {
        m_structureDirty = false;
        m_dirtyEdgeOwners.clear();
        m_dirtyFrames.clear();
        // A whole new view (a plan opened, Expand All, a collapse level) may bring a
        // hundred thousand items: added to a scene without an index, then indexed at once,
        // they took a third less time than one by one into the BSP tree (Expand All of a
        // 100k-task plan: 6.3-6.9 s -> 4.1 s). An edit's few new items go straight in.
        const bool bulk = std::exchange(m_wholeViewComing, false);
        if (bulk)
            setItemIndexMethod(NoIndex);
        // Every arrow is made again below (rebuildAllEdges()): all go at once first, not
        // one by one with the cards they attach to.
        deleteAllEdges();
        const std::vector<NodeItem *> shownAt = syncNodes();
        // Frames first: a folded card takes its place from its frame, and an arrow made
        // after its ends are placed is shaped once, not again as they move.
        updateAllFrames();
        rebuildAllEdges(&shownAt);
        if (bulk) {
            setItemIndexMethod(BspTreeIndex);
            setBspTreeDepth(kBspTreeDepth);   // a new index: its depth is Qt's guess again
        }
        m_grown = planRect();
    } else {
        QSet<QString> owners = std::exchange(m_dirtyEdgeOwners, {});
        const bool all = edgesNeedFullRebuild(owners);   // a bundle of several owners changed
        if (all) {
            rebuildAllEdges();
            owners = QSet<QString>(m_edges.keyBegin(), m_edges.keyEnd());
        }
        for (const QString &o : owners) {
            if (!all)
                rebuildEdges(o);
            for (const EdgeItem *e : m_edges.value(o))
                m_grown |= e->sceneBoundingRect();
        }
        const QSet<QString> frames = std::exchange(m_dirtyFrames, {});
        updateFrames(frames);
        for (const QString &id : frames) {
            if (const FrameItem *f = m_frames.value(id); f && f->isVisible())
                m_grown |= f->nodeSceneRect();
        }
    }
    // Grow the scroll area with the plan (never shrink under the user's feet). Only what
    // moved or was rebuilt can reach out of it: measuring every item after each edit cost a
    // 100k-task plan a tenth of a second.
    const QRectF grown = std::exchange(m_grown, QRectF());
    const QRectF needed = grown.adjusted(-300, -300, 300, 300);
    if (!grown.isNull() && !sceneRect().contains(needed))
        setSceneRect(sceneRect().united(needed));
}

int GraphScene::depthOf(const QString &id) const
{
    // By index in the task tree of the last rebuild. Until the flush after a structural
    // change it may read a neighbour's depth: only an unplaced card's fallback grid spot
    // (restingPosition()) asks meanwhile, and the flush places it again.
    const int i = m_document->project().indexOf(id);
    return i >= 0 && i < m_hierarchy.size() ? m_hierarchy.depth[std::size_t(i)] : 0;
}

void GraphScene::onTaskChanged(const QString &id, int flags)
{
    if (flags & ProjectDocument::PositionChanged) {
        CardItem *c = m_cards.value(id);
        if (c && !m_document->isSummary(id)) {
            c->setPos(restingPosition(id));
            if (c->isVisible())
                m_grown |= c->nodeSceneRect();
        }
        markAncestorsDirty(id);
    }
    if (flags & ProjectDocument::DependenciesChanged)
        m_dirtyEdgeOwners.insert(id);
    if (flags & ~(ProjectDocument::PositionChanged | ProjectDocument::DependenciesChanged)) {
        if (CardItem *c = m_cards.value(id))
            c->refresh();
        if (FrameItem *f = m_frames.value(id))
            f->update();
        for (EdgeItem *e : m_edges.value(id))
            e->repaint();
    }
    scheduleFlush();
}

void GraphScene::setCollapsed(const QString &summaryId, bool collapsed)
{
    if (collapsed == m_collapsed.contains(summaryId) || (collapsed && !m_document->isSummary(summaryId)))
        return;
    if (collapsed)
        m_collapsed.insert(summaryId);
    else
        m_collapsed.remove(summaryId);
    m_structureDirty = true;
    // Hiding a selected card deselects it; the shared selection must not hear of that:
    // a hidden task stays selected and its collapsed ancestor stands in for it.
    const bool wasSyncing = std::exchange(m_syncingSelection, true);
    flush();
    m_syncingSelection = wasSyncing;
    syncFromTaskSelection();
    emit collapsedChanged(summaryId, collapsed);
}

void GraphScene::autoLayout()
{
    flush();
    CanvasLayout laid = canvasLayout(m_document->project());
    if (laid.positions.isEmpty())
        return;
    // Before the cards move, so their arrows find the routes as they adjust.
    m_routesComing = {};
    m_routes = std::move(laid.routes);
    m_document->edits().applyLayout(laid.positions, tr("Auto layout"));
    setSceneRect(planRect().adjusted(-300, -300, 300, 300));
}

} // namespace Workplan
