// GraphScene: what a drop from the palette (a task type) becomes on the canvas.
#include "graphscene.h"

#include "carditem.h"
#include "frameitem.h"
#include "graphstyle.h"

#include "model/commands/taskcommands.h"
#include "model/projectdocument.h"
#include "views/taskfactory.h"
#include "views/taskselection.h"

#include <QGraphicsSceneDragDropEvent>
#include <QMimeData>
#include <QUndoStack>

namespace Workplan {

void GraphScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(TaskTypeMime)))
        event->acceptProposedAction();
    else
        QGraphicsScene::dragEnterEvent(event);
}

void GraphScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(TaskTypeMime)))
        event->acceptProposedAction();
    else
        QGraphicsScene::dragMoveEvent(event);
}

void GraphScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    if (!event->mimeData()->hasFormat(QLatin1String(TaskTypeMime))) {
        QGraphicsScene::dropEvent(event);
        return;
    }
    const QString type = QString::fromUtf8(event->mimeData()->data(QLatin1String(TaskTypeMime))).trimmed();
    if (type.isEmpty())
        return;
    createTaskAt(type, event->scenePos());
    event->acceptProposedAction();
}

QString GraphScene::createTaskAt(const QString &type, const QPointF &scenePos)
{
    flush();
    // The innermost open frame under the drop point becomes the parent.
    QString parentId;
    int depth = -1;
    for (FrameItem *f : std::as_const(m_frames)) {
        if (f->isVisible() && f->nodeSceneRect().contains(scenePos) && f->depth() > depth) {
            depth = f->depth();
            parentId = f->taskId();
        }
    }
    Task t = makeNewTask(*m_document, type, parentId);
    t.position = scenePos - QPointF(GraphStyle::CardWidth / 2, GraphStyle::CardHeight / 2);
    t.hasPosition = true;
    auto *cmd = new AddTasksCommand(m_document, {t});
    cmd->setText(tr("Add %1").arg(t.title()));
    m_document->undoStack()->push(cmd);
    if (m_selection)
        m_selection->select(t.id);
    return t.id;
}

} // namespace Workplan
