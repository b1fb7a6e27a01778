// GraphScene: what the analysis says, cached for painting (critical, blocked, waves).
#include "graphscene.h"

#include "carditem.h"
#include "frameitem.h"
#include "nodeitem.h"

#include "views/analysiscontroller.h"

namespace Workplan {

void GraphScene::setItemCaching(bool on)
{
    for (CardItem *c : std::as_const(m_cards))
        c->setCacheMode(on ? QGraphicsItem::DeviceCoordinateCache : QGraphicsItem::NoCache);
}

void GraphScene::setShowCritical(bool on)
{
    m_showCritical = on;
    rebuildOverlays();
}

void GraphScene::setShowBlocked(bool on)
{
    m_showBlocked = on;
    rebuildOverlays();
}

void GraphScene::setShowWaves(bool on)
{
    m_showWaves = on;
    rebuildOverlays();
}

void GraphScene::setShowSlack(bool on)
{
    m_showSlack = on;
    rebuildOverlays();
}

void GraphScene::rebuildOverlays()
{
    m_overlays.clear();
    m_criticalEdges.clear();
    const auto result = m_analysis ? m_analysis->result() : nullptr;
    if (result) {
        const Snapshot &s = result->snapshot;
        const Analysis &a = result->analysis;
        const int n = s.taskCount();
        m_overlays.reserve(n);
        const bool schedule = a.hasSchedule() && int(a.times.size()) == n;
        std::vector<bool> critical(n, false);
        if (schedule) {
            for (int i : a.criticalTasks)
                critical[i] = true;
        }
        for (int i = 0; i < n; ++i) {
            Overlay o;
            if (schedule) {
                o.critical = critical[i];
                o.slack = a.times[i].slack;
                o.wave = i < int(a.generation.size()) ? a.generation[i] : -1;
            }
            m_overlays.insert(s.ids[i], o);
        }
        for (const Analysis::Blocked &b : a.blocked) {
            Overlay &o = m_overlays[s.ids[b.task]];
            o.blocked = true;
            QStringList lines;
            if (b.marked)
                lines << tr("Marked as blocked");
            for (const Analysis::Waiting &w : b.waitingOn) {
                QString line = tr("Waiting on %1 (%2): %3").arg(s.ids[w.task], toString(w.type), toString(w.reason));
                if (w.via >= 0)
                    line += tr(" via %1").arg(s.ids[w.via]);
                lines << line;
            }
            o.blockedText = lines.join(QLatin1Char('\n'));
        }
        // Critical arrows: a direct dependency between two critical leaves that is tight.
        if (schedule) {
            for (int i = 0; i < n; ++i) {
                if (!critical[i])
                    continue;
                for (int d = s.depStart[i]; d < s.depStart[i + 1]; ++d) {
                    const int p = s.depPrereq[d];
                    if (critical[p] && s.depCounts[d]
                        && qAbs(a.times[p].ef + s.depLag[d] - a.times[i].es) < 1e-6)
                        m_criticalEdges.insert(s.ids[i] + QLatin1Char('\n') + s.ids[p]);
                }
            }
        }
    }
    for (CardItem *c : std::as_const(m_cards))
        c->refresh();
    update();
}

} // namespace Workplan
