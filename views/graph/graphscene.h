#pragma once

#include "edgeitem.h"
#include "itemlayers.h"
#include "model/dependency.h"
#include "model/hierarchyindex.h"
#include "model/layout/edgerouting.h"
#include "model/vocabulary.h"
#include "views/analysiscontroller.h"
#include "views/overlaystate.h"
#include "views/taskselection.h"

#include <QFuture>
#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QThreadPool>
#include <QSet>

#include <memory>
#include <vector>

namespace Workplan {

class AnalysisController;
class BundleLayer;
class CardItem;
class FrameItem;
class GraphInteraction;
class NodeItem;
class ProjectDocument;
class TaskSelection;
struct SummaryFigures;

// The dependency graph of one document. Items hold task ids only and are kept in sync from
// the document's signals; every user action becomes a command on the document's undo stack.
// Collapse state and overlay switches are view state and live here.
class GraphScene : public QGraphicsScene
{
    Q_OBJECT
public:
    // What the analysis says about one task, cached per analysis run so paint stays O(1).
    struct Overlay
    {
        bool critical = false;
        bool blocked = false;
        int wave = -1;          // parallel group, -1 none
        double slack = -1;      // hours, -1 unknown
        int loop = -1;          // index in analysis.cycles of the loop it is in (or holds), -1 none
        double lateBy = 0;      // hours past its deadline (§6), 0: on time or none; the
                                // words are made for its tooltip only (deadlineText())
        // §7: a leaf the team's capacity pushes back (analysis.leveled->delayed) starts at
        // leveledStart instead of earlyStart (ES); -1 when it is not delayed.
        double earlyStart = -1;
        double leveledStart = -1;

        bool delayed() const { return leveledStart >= 0; }
    };

    static constexpr const char *TaskTypeMime = "application/x-workplan-task-type";
    // A built-in template by resource name ("templates/bug-fix-regular.json"), dropped to
    // add its tasks where it lands.
    static constexpr const char *TemplateMime = "application/x-workplan-template";

    // `selection` and `analysis` may be null (tests, printing).
    GraphScene(ProjectDocument *document, TaskSelection *selection, AnalysisController *analysis,
               QObject *parent = nullptr);
    ~GraphScene() override;

    bool event(QEvent *event) override;

    ProjectDocument *document() const { return m_document; }
    TaskSelection *taskSelection() const { return m_selection; }

    // --- Items ---
    CardItem *cardFor(const QString &id) const { return m_cards.value(id); }     // leaves and summaries
    FrameItem *frameFor(const QString &id) const { return m_frames.value(id); }  // summaries only
    // The item that shows `id` now: its card, its frame, or the card of a collapsed ancestor.
    NodeItem *visibleNodeFor(const QString &id) const;
    QList<EdgeItem *> edgesOf(const QString &ownerId) const { return m_edges.value(ownerId); }
    EdgeItem *edgeFor(const QString &ownerId, int index) const;
    EdgeItem *edgeFor(const DependencyKey &key) const;   // null: none, or drawn in a bundle
    int edgeCount() const;
    // The waypoints of `key`'s arrow from this scene's last auto layout, while its ends are
    // still at `from`/`to` (the layout's routes belong to the canvas that ran it).
    QVector<QPointF> routeFor(const DependencyKey &key, const QRectF &from, const QRectF &to) const
    {
        return routes().lookup(key, from, to);
    }

    // --- Collapsed summaries (view state) ---
    bool isCollapsed(const QString &summaryId) const { return m_collapsed.contains(summaryId); }
    void setCollapsed(const QString &summaryId, bool collapsed);
    void toggleCollapsed(const QString &summaryId) { setCollapsed(summaryId, !isCollapsed(summaryId)); }
    // Folds exactly `summaries` and opens every other frame, in one rebuild (View ▸ Collapse,
    // collapselevels.cpp). A folded card's figures: "3 blocked · 0 h – 40 h" (analysis).
    void setCollapsedSet(const QSet<QString> &summaries);
    QSet<QString> collapsedSet() const { return m_collapsed; }
    QString collapsedFiguresText(const QString &summaryId) const;

    // --- Analysis overlays ---
    // The window's overlay switches (MainWindow hands every view the same OverlayState);
    // items read them as they paint. A scene given none makes its own on the first
    // setShow*() call and shows the defaults until then.
    void setOverlayState(OverlayState *state);
    OverlayState *overlayState();
    OverlayFlags overlayFlags() const { return m_overlayState ? m_overlayState->flags() : OverlayFlags(); }
    bool showCritical() const { return overlayFlags().critical; }
    bool showBlocked() const { return overlayFlags().blocked; }
    bool showParallelGroups() const { return overlayFlags().parallelGroups; }
    bool showSlack() const { return overlayFlags().slack; }
    const Overlay *overlay(const QString &id) const;
    // A counting dependency on a critical chain: a critical leaf (owner or under it) waits
    // exactly EF(prerequisite) + lag, so dependencies declared on summaries count too.
    // Why a task is blocked, for its tooltip; empty when it is not.
    QString blockedText(const QString &id) const;
    // "Late: due …, finishes … — N h late" for a task past its deadline; empty otherwise.
    QString lateText(const QString &id) const;
    // "Starts N h later with the team (X h → Y h)" for a delayed leaf; empty otherwise.
    QString delayedText(const QString &id) const;
    // The share of risk runs (0..1) in which the task was critical, from the Risk panel's
    // latest current result while its switch is on; -1 when there is none.
    double riskCriticality(const QString &id) const { return m_riskCriticality.value(id, -1); }
    // What edgeMarks() answers: bits of the dependencies from `prereqId` in `ownerId`'s list.
    enum EdgeMark { CriticalMark = 1, LoopMark = 2 };
    int edgeMarks(const QString &ownerId, const QString &prereqId) const;
    // Changes whenever the marks edgeMarks() answers may have (a new analysis shown), so
    // an arrow can keep its own until then.
    quint32 marksGeneration() const { return m_marksGeneration; }
    bool isCriticalEdge(const QString &ownerId, const QString &prereqId) const { return edgeMarks(ownerId, prereqId) & CriticalMark; }
    // A counting dependency joining two leaves of one cyclic set (the loop colour).
    bool isLoopEdge(const QString &ownerId, const QString &prereqId) const { return edgeMarks(ownerId, prereqId) & LoopMark; }

    // The card whose port or right edge a press at `scenePos` takes hold of, in a view at
    // `viewScale` (graphinteraction.cpp); null when a press there draws no dependency.
    CardItem *linkSourceAt(const QPointF &scenePos, qreal viewScale) const;
    // The card at `scenePos`, else the frame whose header or border is there (a frame lies
    // under its cards); visible items only.
    NodeItem *nodeAt(const QPointF &scenePos) const;

    // --- Edits (each one undoable command or macro; refusals emit message()) ---
    bool createDependency(const QString &prereqId, const QString &ownerId, DependencyType type);
    void deleteSelection();
    // Creates a task of `type` centred at `scenePos`, inside the innermost frame there.
    QString createTaskAt(const QString &type, const QPointF &scenePos);
    // Adds the tasks of a built-in template (default parameters, fresh ids) laid out around
    // `scenePos`, under the innermost frame there; one undo step. Returns the new ids.
    QStringList createTemplateAt(const QString &resourceName, const QPointF &scenePos);
    static DependencyType typeForModifiers(Qt::KeyboardModifiers modifiers);

    // A selected task hidden inside a collapsed summary selects the card of its outermost
    // collapsed ancestor instead (that card stands in for it: the shared selection keeps
    // the hidden id, Delete acts on it). Collapse is the user's choice, so nothing expands;
    // expanding selects the task's own card again.
    bool isStandIn(const QString &cardId) const { return m_standIns.contains(cardId); }

    // Moves the selection to the nearest card in the direction (dx, dy).
    void selectNeighbour(int dx, int dy);

    // Cards cache their picture in device pixels; printing and PDF export turn that off
    // so the output stays vector.
    void setItemCaching(bool on);

    // Where the canvas puts a leaf's card (its saved place, else the auto layout's),
    // whether or not it has one now (a task folded away has none).
    QPointF leafPosition(const QString &id) const;

    // What is drawn: the visible cards, frames and arrows. (itemsBoundingRect() would also
    // count the hidden cards of open summaries, which sit at the origin.)
    QRectF planRect() const;

    // Brings pending document changes into the items now (normally done after each
    // undo-stack step and on the next event loop turn).
    void flush();
    // Focus mode (graphfocus.cpp): cards, frames and arrows outside `ids` fade; empty: none do.
    void setFocusSet(const QSet<QString> &ids);
    bool hasFocusSet() const { return m_focusActive; }

public slots:
    void autoLayout();
    // Set the flag in the scene's OverlayState (so in every view sharing it).
    void setShowCritical(bool on);
    void setShowBlocked(bool on);
    void setShowParallelGroups(bool on);
    void setShowSlack(bool on);
    // Task id -> share of runs critical; an empty hash takes the tint away. Repaints only
    // the cards whose tint changes.
    void setRiskCriticality(const QHash<QString, double> &shares);

    // Cards and arrows go under layer containers (itemlayers.h), not to the top level.
    void addLayered(QGraphicsItem *item, qreal z) { m_layers.add(item, z); }
    const ItemLayers &layers() const { return m_layers; }
    // The arrows that end at a folded card are drawn by one item (bundlelayer.h); made
    // with the first.
    BundleLayer *bundleLayer();
    const BundleLayer *bundleLayerIfAny() const { return m_bundleLayer; }

signals:
    // A refusal or a short report for the status bar.
    void message(const QString &text);
    void collapsedChanged(const QString &summaryId, bool collapsed);
    // A new plan was loaded (the views fit it).
    void planReset();
    // Keyboard navigation asks the views to show this item.
    void ensureVisibleRequested(const QRectF &sceneRect);

protected:
    void helpEvent(QGraphicsSceneHelpEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;

private:
    // The gestures are the scene's own parts (views/graph/interactions/): they read the
    // items and frames as the scene does.
    friend class MoveInteraction;

    // Sync (graphscene.cpp, graphsync.cpp)
    void rebuildAll();
    void deleteAllItems();
    // Qt picks the BSP depth from the item count; with 10k cards and 25k arrows (long
    // ones span much of the plan and get filed in many leaves) building that tree in the
    // first paint took ~1 s. A shallow tree builds in a few ms and still keeps a pan at
    // 100 % around 10 ms; no index at all made that pan 40 ms.
    static constexpr int kBspTreeDepth = 8;
    // Returns what shows each task now, by index (visibleNodeFor()), valid until the
    // next structural change.
    std::vector<NodeItem *> syncNodes();
    void deleteNode(const QString &id);
    void deleteCard(const QString &id);   // and its arrows; the frame stays
    void deleteWithEdges(NodeItem *node);   // null: nothing
    void deleteEdgesOf(const QString &ownerId);
    void deleteAllEdges();
    void deleteEdge(EdgeItem *edge);
    void rebuildEdges(const QString &ownerId);
    void rebuildAllEdges(const std::vector<NodeItem *> *shownAt = nullptr);
    void updateAllFrames();
    void updateFrames(const QSet<QString> &summaries);
    QRectF childrenRect(const QString &summaryId) const;
    void markAncestorsDirty(const QString &id);
    int depthOf(const QString &id) const;
    QPointF restingPosition(const QString &id) const;
    QPointF restingPositionAt(int taskIndex) const;
    void scheduleFlush();
    void onTaskChanged(const QString &id, int flags);
    QStringList descendantLeaves(const QString &id) const;
    QString frameAt(const QPointF &scenePos) const;   // innermost visible frame, or empty
    // Arrows into a folded card are bundled across owners (graphsync.cpp).
    bool edgesNeedFullRebuild(const QSet<QString> &owners) const;

    // Overlays (graphoverlays.cpp) and selection (graphselection.cpp)
    // The marks of a new analysis; repaints only what it marks differently.
    void rebuildOverlays();
    // Whether a card with overlay `a` is painted as one with `b`, under the shown switches.
    bool drawnAlike(const Overlay &a, const Overlay &b) const;
    // An overlay switch changed how everything looks, cached cards included.
    void repaintAll();
    void syncFromTaskSelection();
    void syncToTaskSelection();

    // Interaction (graphinteraction.cpp): the mouse goes to the active gesture, if any.
    // A gesture that must let the items see its release first (a move) passes it here.
    void releaseToItems(QGraphicsSceneMouseEvent *event);
    // Ends the active gesture without an edit (Esc, or the plan going away).
    void cancelInteraction();

    ProjectDocument *m_document;
    QPointer<TaskSelection> m_selection;
    QPointer<AnalysisController> m_analysis;

    QHash<QString, CardItem *> m_cards;
    QRectF m_grown;   // what moved or was rebuilt since the last flush(), for the scene rect
    QHash<QString, FrameItem *> m_frames;
    QHash<QString, QList<EdgeItem *>> m_edges;   // by owner
    BundleLayer *m_bundleLayer = nullptr;   // in the scene; draws the arrows at folded cards
    quint32 m_marksGeneration = 1;          // marksGeneration()
    HierarchyIndex m_hierarchy;   // of the last syncNodes()
    QHash<QString, QPointF> m_autoPositions;   // for tasks without a saved position
    // Of the last auto layout (autoLayout(), syncNodes()); a plan opened folded has them
    // made in the background (m_routesComing) until an arrow first asks (routes()).
    mutable EdgeRoutes m_routes;
    mutable QFuture<EdgeRoutes> m_routesComing;
    const EdgeRoutes &routes() const;
    std::unique_ptr<QThreadPool> m_routesPool;   // made on first use (routesPool())
    QThreadPool *routesPool();
    QSet<QString> m_collapsed;
    mutable std::shared_ptr<const SummaryFigures> m_summaryFigures;   // of m_figuresOf
    mutable std::weak_ptr<const AnalysisResult> m_figuresOf;
    const SummaryFigures &figuresOf(const std::shared_ptr<const AnalysisResult> &result) const;
    // The result the folded cards last showed: a new one repaints those whose figures
    // may have moved (collapselevels.cpp).
    std::shared_ptr<const AnalysisResult> m_foldedOf;
    void refreshFoldedCards();

    bool m_structureDirty = false;
    bool m_wholeViewComing = false;   // the next rebuild makes the whole view anew (flush())
    QSet<QString> m_dirtyEdgeOwners;
    QSet<QString> m_dirtyFrames;
    bool m_flushQueued = false;
    bool m_syncingSelection = false;
    bool m_focusActive = false;   // setFocusSet() with a non-empty set

    // EdgeMark bits of dependency d of `r` (critical only when `schedule`).
    static int dependencyMarks(const AnalysisResult &r, int d, bool schedule);
    QList<EdgeItem *> edgesMarkedOtherwise(const AnalysisResult *before, bool scheduleBefore) const;

    // By task index in m_overlaysOf's snapshot (its indexOf map says which).
    std::vector<Overlay> m_overlays;
    std::shared_ptr<const AnalysisResult> m_overlaysOf;   // the result m_overlays were read from
    bool m_overlaySchedule = false;   // m_overlaysOf has a schedule of all its tasks
    QHash<QString, double> m_riskCriticality;   // leaves with a risk share, see riskCriticality()
    QHash<QString, QStringList> m_standIns;   // collapsed card -> the hidden selected ids
    QPointer<OverlayState> m_overlayState;   // shared, not owned (unless made by overlayState())

    // The gesture under way (views/graph/interactions/): at most one, from press to release.
    std::unique_ptr<GraphInteraction> m_interaction;
    ItemLayers m_layers{this};
};

} // namespace Workplan
