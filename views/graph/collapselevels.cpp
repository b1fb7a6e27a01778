// View ▸ Collapse, and the GraphScene side of it: folding many frames at once and the
// figures a folded card shows (model/engine/summaryfigures.h).
#include "collapselevels.h"

#include "carditem.h"
#include "graphscene.h"

#include "model/effort.h"
#include "model/engine/summaryfigures.h"
#include "model/project.h"
#include "model/projectdocument.h"

#include <cmath>

namespace Workplan {

namespace CollapseLevels {

QSet<QString> summariesAtDepth(const Project &project, int depth)
{
    // Depth by walking up with memo: a parent may come after its children in the file.
    QHash<QString, int> depthOf;
    depthOf.reserve(project.taskCount());
    const auto depthFor = [&](const QString &id) {
        QStringList chain;
        int base = 0;
        for (QString cur = id; !cur.isEmpty();) {
            if (const auto it = depthOf.constFind(cur); it != depthOf.constEnd()) {
                base = *it + 1;
                break;
            }
            chain.prepend(cur);
            const Task *t = project.find(cur);
            cur = t ? t->parentId : QString();
        }
        for (const QString &c : std::as_const(chain))
            depthOf.insert(c, base++);
        return depthOf.value(id);
    };
    QSet<QString> out;
    for (const Task &t : project.tasks()) {
        // t's parent is a summary; it sits one level above t.
        if (!t.parentId.isEmpty() && depthFor(t.id) == depth + 1)
            out.insert(t.parentId);
    }
    return out;
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
    // Computed once per analysis for every folded card (O(n)), then O(1) per card.
    if (m_figuresOf.lock() != result || !m_summaryFigures) {
        m_summaryFigures = std::make_shared<const SummaryFigures>(summaryFigures(result->snapshot, result->analysis));
        m_figuresOf = result;
    }
    const int i = result->index(summaryId);
    if (i < 0 || std::size_t(i) >= m_summaryFigures->leaves.size())
        return {};
    QStringList parts;
    parts << tr("%n blocked", nullptr, m_summaryFigures->blocked[std::size_t(i)]);
    const double start = m_summaryFigures->start[std::size_t(i)];
    const double finish = m_summaryFigures->finish[std::size_t(i)];
    if (!std::isnan(start) && !std::isnan(finish))
        parts << tr("span %1").arg(formatHours(finish - start));   // first start to last finish
    return parts.join(QStringLiteral(" \u00b7 "));
}

} // namespace Workplan
