// Focus mode's fading (views/graph/focusmode.h decides what is focused).
#include "graphscene.h"

#include "bundlelayer.h"
#include "carditem.h"
#include "edgeitem.h"
#include "frameitem.h"

namespace Workplan {

namespace {

// Faint enough that the chain stands out, still there to keep one's bearings.
constexpr qreal FadedOpacity = 0.15;

} // namespace

void GraphScene::setFocusSet(const QSet<QString> &ids)
{
    // Items of an edit made since are built now, so none is left out.
    flush();
    const bool all = ids.isEmpty();
    if (m_focusActive == all) {   // far out, arrows of the chain are drawn only in focus mode
        m_focusActive = !all;
        update();
    }
    auto shown = [&](const QString &id) { return all || ids.contains(id); };
    auto fade = [](QGraphicsItem *item, bool keep) {
        const qreal opacity = keep ? 1.0 : FadedOpacity;
        if (item->opacity() != opacity)   // setOpacity repaints even when unchanged
            item->setOpacity(opacity);
    };
    for (auto it = m_cards.cbegin(); it != m_cards.cend(); ++it)
        fade(it.value(), shown(it.key()));
    for (auto it = m_frames.cbegin(); it != m_frames.cend(); ++it)
        fade(it.value(), shown(it.key()));
    // An arrow belongs to the chain when both of its ends do (its source may be the card
    // of a collapsed ancestor, which is then in the chain too).
    for (const QList<EdgeItem *> &list : std::as_const(m_edges)) {
        for (EdgeItem *e : list)
            fade(e, all || (ids.contains(e->ownerId()) && e->source() && ids.contains(e->source()->taskId())));
    }
    if (m_bundleLayer)   // its arrows are no scene items: their opacity repaints nothing
        m_bundleLayer->update();
}

} // namespace Workplan
