#include "retargetinteraction.h"

#include "views/graph/graphscene.h"
#include "views/graph/nodeitem.h"

#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QGraphicsSceneMouseEvent>

namespace Workplan {

std::unique_ptr<RetargetInteraction> RetargetInteraction::start(GraphScene *scene, const QPointF &scenePos)
{
    for (QGraphicsItem *item : scene->items(scenePos)) {
        if (item->type() != EdgeItem::Type)
            continue;
        auto *e = static_cast<EdgeItem *>(item);
        const EdgeItem::End end = e->handleAt(scenePos);
        if (end == EdgeItem::End::None)
            continue;
        // The arrow knows its place in the owner's list; the gesture keeps the key.
        const DependencyKey key = e->key();
        const QPointF fixedEnd = end == EdgeItem::End::Target ? e->sourcePoint() : e->targetPoint();
        return std::unique_ptr<RetargetInteraction>(new RetargetInteraction(scene, key, end, fixedEnd));
    }
    return nullptr;
}

RetargetInteraction::RetargetInteraction(GraphScene *scene, const DependencyKey &key, EdgeItem::End end,
                                         const QPointF &fixedEnd)
    : DragLineInteraction(scene, fixedEnd)
    , m_key(key)
    , m_end(end)
{
}

QString RetargetInteraction::problem(const QString &targetId, Qt::KeyboardModifiers) const
{
    const ProjectDocument *document = m_scene->document();
    if (document->dependencyIndex(m_key) < 0)
        return GraphScene::tr("The dependency is gone.");
    // Dropped back where it was: no change, so nothing to refuse.
    if (m_end == EdgeItem::End::Source)
        return targetId == m_key.prerequisiteId ? QString()
                                                : document->dependencyProblem(m_key.ownerId, targetId, m_key.type);
    return targetId == m_key.ownerId ? QString() : document->dependencyProblem(targetId, m_key.prerequisiteId, m_key.type);
}

void RetargetInteraction::release(QGraphicsSceneMouseEvent *event)
{
    event->accept();
    clearFeedback();
    NodeItem *target = m_scene->nodeAt(event->scenePos());
    if (!target || m_key.isNull())
        return;
    const EditResult result = m_scene->document()->edits().retarget(
        m_key, m_end == EdgeItem::End::Source ? ProjectEdits::End::Prerequisite : ProjectEdits::End::Owner,
        target->taskId());
    if (result.refused())
        emit m_scene->message(result.problem);
}

} // namespace Workplan
