#include "linkinteraction.h"

#include "views/graph/carditem.h"
#include "views/graph/graphscene.h"
#include "views/taskselection.h"

#include "model/projectdocument.h"

#include <QApplication>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QMenu>
#include <QToolTip>

#include <cmath>

namespace Workplan {

namespace {

// Screen pixels per scene unit in the view whose viewport sent an event (the first view's
// for an event without one).
qreal viewScale(const QWidget *viewport, const QList<QGraphicsView *> &views)
{
    const QGraphicsView *view = viewport ? qobject_cast<const QGraphicsView *>(viewport->parentWidget()) : nullptr;
    if (!view)
        view = views.value(0);
    return view ? std::sqrt(std::abs(view->transform().determinant())) : 1.0;
}

QPoint globalPos(const GraphScene *scene, const QPointF &scenePos)
{
    const QList<QGraphicsView *> vs = scene->views();
    return vs.isEmpty() ? QCursor::pos() : vs.first()->viewport()->mapToGlobal(vs.first()->mapFromScene(scenePos));
}

} // namespace

std::unique_ptr<LinkInteraction> LinkInteraction::start(GraphScene *scene, QGraphicsSceneMouseEvent *event)
{
    // A port (or a card's right edge) wins over the card, the arrows and the frames under
    // it; its area is measured on the screen of the view pressed in.
    CardItem *source = scene->linkSourceAt(event->scenePos(), viewScale(event->widget(), scene->views()));
    if (!source)
        return nullptr;
    std::unique_ptr<LinkInteraction> link(new LinkInteraction(scene, source->taskId(), source->portScenePos()));
    link->updateFeedback(event->scenePos(), event->modifiers());
    return link;
}

LinkInteraction::LinkInteraction(GraphScene *scene, const QString &prerequisiteId, const QPointF &port)
    : DragLineInteraction(scene, port)
    , m_prerequisiteId(prerequisiteId)
{
}

QString LinkInteraction::problem(const QString &targetId, Qt::KeyboardModifiers modifiers) const
{
    return m_scene->document()->dependencyProblem(targetId, m_prerequisiteId, GraphScene::typeForModifiers(modifiers));
}

void LinkInteraction::release(QGraphicsSceneMouseEvent *event)
{
    event->accept();
    clearFeedback();
    if ((event->screenPos() - event->buttonDownScreenPos(Qt::LeftButton)).manhattanLength()
        < QApplication::startDragDistance())
        selectSource(event->modifiers());
    else
        finish(event->scenePos(), event->modifiers());
}

void LinkInteraction::selectSource(Qt::KeyboardModifiers modifiers)
{
    // A click on a port or a right edge, not a drag: it selects the card, as a click
    // anywhere else on it does (and draws nothing).
    CardItem *card = m_scene->cardFor(m_prerequisiteId);
    if (card && (modifiers & Qt::ControlModifier)) {
        card->setSelected(!card->isSelected());
    } else if (TaskSelection *selection = m_scene->taskSelection()) {
        selection->select(m_prerequisiteId);
    } else if (card) {
        m_scene->clearSelection();
        card->setSelected(true);
    }
}

void LinkInteraction::finish(const QPointF &scenePos, Qt::KeyboardModifiers modifiers)
{
    NodeItem *target = m_scene->nodeAt(scenePos);
    if (!target)
        return;
    const QString ownerId = target->taskId();
    DependencyType type = GraphScene::typeForModifiers(modifiers);
    if (modifiers & Qt::AltModifier) {
        QMenu menu;
        for (const QString &name : allDependencyTypeNames())
            menu.addAction(name);
        QAction *chosen = menu.exec(globalPos(m_scene, scenePos));
        if (!chosen)
            return;
        type = dependencyTypeFromString(chosen->text()).value_or(DependencyType::Completion);
    }
    // The edit itself (and its refusal in the status bar) is the scene's, shared with
    // callers that link without a drag.
    if (!m_scene->createDependency(m_prerequisiteId, ownerId, type) && !m_scene->views().isEmpty())
        QToolTip::showText(globalPos(m_scene, scenePos),
                           m_scene->document()->dependencyProblem(ownerId, m_prerequisiteId, type));
}

} // namespace Workplan
