// GraphScene: the edits the canvas makes, each one ProjectEdits call (one undo step).
#include "graphscene.h"

#include "carditem.h"
#include "frameitem.h"
#include "nodeitem.h"

#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/tasklabel.h"

namespace Workplan {

DependencyType GraphScene::typeForModifiers(Qt::KeyboardModifiers modifiers)
{
    if (modifiers & Qt::ShiftModifier)
        return DependencyType::Data;
    if (modifiers & Qt::ControlModifier)
        return DependencyType::Approval;
    return DependencyType::Completion;
}

bool GraphScene::createDependency(const QString &prereqId, const QString &ownerId, DependencyType type)
{
    const EditResult result = m_document->edits().link(ownerId, prereqId, type);
    if (!result) {
        if (result.refused())
            emit message(result.problem);
        return false;
    }
    const TaskLabels &labels = taskLabels(*m_document);
    emit message(tr("%1 now waits for %2 (%3).").arg(labels(ownerId), labels(prereqId), toString(type)));
    return true;
}

void GraphScene::deleteSelection()
{
    QStringList ids;
    QList<DependencyKey> edges;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == EdgeItem::Type) {
            auto *e = static_cast<EdgeItem *>(item);
            edges.append(e->key());
        } else if (item->type() == CardItem::Type || item->type() == FrameItem::Type) {
            // A stand-in card deletes the hidden tasks it was selected for, not its summary.
            const QString id = static_cast<NodeItem *>(item)->taskId();
            ids += item->type() == CardItem::Type ? m_standIns.value(id, {id}) : QStringList{id};
        }
    }
    // Refused (a read-only project): say why rather than ignore the key.
    const EditResult result = m_document->edits().deleteItems(ids, edges);
    if (result.refused())
        emit message(result.problem);
}

} // namespace Workplan
