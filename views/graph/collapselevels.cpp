// View ▸ Collapse, and the GraphScene side of it: folding many frames at once and the
// figures a folded card shows (model/engine/summaryfigures.h).
#include "collapselevels.h"

#include "carditem.h"
#include "graphscene.h"

#include "model/effort.h"
#include "model/engine/summaryfigures.h"
#include "model/hierarchyindex.h"
#include "model/project.h"
#include "model/projectdocument.h"

#include <cmath>

namespace Workplan {

namespace CollapseLevels {

namespace {

QSet<QString> summariesAt(const Project &project, const HierarchyIndex &h, int depth)
{
    QSet<QString> out;
    for (int i = 0; i < h.size(); ++i) {
        if (h.summary[std::size_t(i)] && h.depth[std::size_t(i)] == depth)
            out.insert(project.task(i).id);
    }
    return out;
}

} // namespace

QSet<QString> summariesAtDepth(const Project &project, int depth)
{
    return summariesAt(project, HierarchyIndex::of(project), depth);
}

QSet<QString> foldedAt(const Project &project, Level level)
{
    switch (level) {
    case Level::EpicsOnly:
        return summariesAtDepth(project, 0);
    case Level::EpicsAndFeatures:
        return summariesAtDepth(project, 1);
    case Level::ExpandAll:
        break;
    }
    return {};
}

namespace {

OpeningLimits s_openingLimits;   // GUI thread only, like the views that read it

Level openingLevelOf(const HierarchyIndex &h)
{
    // Folded to its features, a plan shows a node per task down to that level: the
    // features' cards and what sits above them (epics, a leaf straight under an epic).
    qsizetype nodes = 0;
    bool anyFeature = false;
    for (int i = 0; i < h.size(); ++i) {
        const int d = h.depth[std::size_t(i)];
        nodes += d <= 1 ? 1 : 0;
        anyFeature = anyFeature || (d == 1 && h.summary[std::size_t(i)]);
    }
    return anyFeature && nodes <= s_openingLimits.cardLimit ? Level::EpicsAndFeatures : Level::EpicsOnly;
}

} // namespace

void setOpeningLimits(OpeningLimits limits)
{
    s_openingLimits = limits;
}

Level openingLevel(const Project &project)
{
    if (project.taskCount() <= s_openingLimits.openAbove)
        return Level::ExpandAll;
    return openingLevelOf(HierarchyIndex::of(project));
}

QSet<QString> openingFold(const Project &project)
{
    if (project.taskCount() <= s_openingLimits.openAbove)
        return {};
    // One pass over the tree for both the level and the summaries at it.
    const HierarchyIndex h = HierarchyIndex::of(project);
    return summariesAt(project, h, openingLevelOf(h) == Level::EpicsAndFeatures ? 1 : 0);
}

void apply(GraphScene *scene, Level level)
{
    if (scene)
        scene->setCollapsedSet(foldedAt(scene->document()->project(), level));
}

} // namespace CollapseLevels

void GraphScene::setCollapsedSet(const QSet<QString> &summaries)
{
    QSet<QString> wanted;
    for (const QString &id : summaries) {
        if (m_document->isSummary(id))
            wanted.insert(id);
    }
    if (wanted == m_collapsed)
        return;
    const QSet<QString> before = std::exchange(m_collapsed, wanted);
    // One rebuild for all of them: setCollapsed() per frame would rebuild the items
    // once per frame.
    m_structureDirty = true;
    m_wholeViewComing = true;
    const bool wasSyncing = std::exchange(m_syncingSelection, true);   // see setCollapsed()
    flush();
    m_syncingSelection = wasSyncing;
    syncFromTaskSelection();
    for (const QString &id : before - wanted)
        emit collapsedChanged(id, false);
    for (const QString &id : wanted - before)
        emit collapsedChanged(id, true);
}

QString GraphScene::collapsedFiguresText(const QString &summaryId) const
{
    const std::shared_ptr<const AnalysisResult> result = m_analysis ? m_analysis->result() : nullptr;
    if (!result)
        return {};
    const SummaryFigures &figures = figuresOf(result);
    const int i = result->index(summaryId);
    if (i < 0 || std::size_t(i) >= figures.leaves.size())
        return {};
    QStringList parts;
    parts << tr("%n blocked", nullptr, figures.blocked[std::size_t(i)]);
    const double start = figures.start[std::size_t(i)];
    const double finish = figures.finish[std::size_t(i)];
    if (!std::isnan(start) && !std::isnan(finish))
        parts << tr("span %1").arg(formatHours(finish - start));   // first start to last finish
    return parts.join(QStringLiteral(" \u00b7 "));
}

const SummaryFigures &GraphScene::figuresOf(const std::shared_ptr<const AnalysisResult> &result) const
{
    // Computed once per analysis for every folded card (O(n)), then O(1) per card.
    if (m_figuresOf.lock() != result || !m_summaryFigures) {
        m_summaryFigures = std::make_shared<const SummaryFigures>(summaryFigures(result->snapshot, result->analysis));
        m_figuresOf = result;
    }
    return *m_summaryFigures;
}

void GraphScene::refreshFoldedCards()
{
    const std::shared_ptr<const AnalysisResult> result = m_analysis ? m_analysis->result() : nullptr;
    const std::shared_ptr<const AnalysisResult> before = std::exchange(m_foldedOf, result);
    if (m_collapsed.isEmpty() || !result || result == before)
        return;
    // A folded card's figures sum up the leaves under it: only the cards above a task the
    // engine says reads differently repaint. Repainting all 8k of a 100k plan folded to its
    // features after every edit redrew the whole view.
    if (before && before->snapshot.sameTasks(result->snapshot)) {
        const Project &p = m_document->project();
        for (int i : m_analysis->changedTasksSince(*before)) {
            const Task *t = p.find(result->snapshot.ids[std::size_t(i)]);
            for (int depth = 0; t && !t->parentId.isEmpty() && depth < 64; ++depth) {
                if (m_collapsed.contains(t->parentId)) {
                    if (CardItem *c = m_cards.value(t->parentId))
                        c->refresh();
                }
                t = p.find(t->parentId);
            }
        }
        return;
    }
    for (const QString &id : std::as_const(m_collapsed)) {
        if (CardItem *c = m_cards.value(id))
            c->refresh();
    }
}

} // namespace Workplan
