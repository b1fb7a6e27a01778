#include "moveinteraction.h"

#include "views/graph/carditem.h"
#include "views/graph/frameitem.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphstyle.h"

#include "model/layout/framefit.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/tasklabel.h"

#include <QGraphicsSceneMouseEvent>

#include <algorithm>

namespace Workplan {

std::unique_ptr<MoveInteraction> MoveInteraction::start(GraphScene *scene, const QPointF &scenePos)
{
    std::unique_ptr<MoveInteraction> move(new MoveInteraction(scene, scenePos));
    QSet<QString> leaves;
    for (QGraphicsItem *item : scene->selectedItems()) {
        if (item->type() != CardItem::Type && item->type() != FrameItem::Type)
            continue;
        const QString id = static_cast<NodeItem *>(item)->taskId();
        if (scene->document()->isSummary(id)) {
            // A frame or a collapsed card drags its whole subtree.
            const QStringList under = scene->descendantLeaves(id);
            leaves.unite(QSet<QString>(under.cbegin(), under.cend()));
            if (item->type() == CardItem::Type)
                move->m_start.insert(id, item->pos());
        } else {
            leaves.insert(id);
        }
    }
    for (const QString &id : std::as_const(leaves)) {
        if (CardItem *c = scene->cardFor(id)) {
            move->m_start.insert(id, c->pos());
            move->m_movedLeaves << id;
        }
    }
    move->m_frames = move->framesDraggedWhole();
    return move;
}

MoveInteraction::MoveInteraction(GraphScene *scene, const QPointF &pressPos)
    : GraphInteraction(scene)
    , m_pressPos(pressPos)
{
}

bool MoveInteraction::move(QGraphicsSceneMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return false;
    const QPointF delta = event->scenePos() - m_pressPos;
    // Items move live; the document hears of it once, on release.
    for (auto it = m_start.constBegin(); it != m_start.constEnd(); ++it) {
        if (CardItem *c = m_scene->cardFor(it.key()))
            c->setPos(it.value() + delta);
    }
    m_scene->updateFrames(m_frames);
    m_moved = m_moved || !delta.isNull();
    return true;
}

void MoveInteraction::release(QGraphicsSceneMouseEvent *event)
{
    // The items hear of the release first (a click without a drag narrows the selection
    // to the card clicked), then the drop reads the selection as it is now.
    m_scene->releaseToItems(event);
    if (m_moved && !m_movedLeaves.isEmpty())
        finish(event->scenePos());
}

void MoveInteraction::cancel()
{
    if (m_moved)
        putBack();
}

void MoveInteraction::putBack()
{
    for (auto it = m_start.constBegin(); it != m_start.constEnd(); ++it) {
        if (CardItem *c = m_scene->cardFor(it.key()))
            c->setPos(it.value());
    }
    m_scene->updateFrames(m_frames);
}

QSet<QString> MoveInteraction::framesDraggedWhole() const
{
    // A dragged frame (or collapsed card) carries its subtree, frames included. The frames
    // around a dragged card stay where they are until the drop: a card dragged out of its
    // frame is seen to leave it, and the drop goes by what the user sees.
    QSet<QString> whole;
    for (QGraphicsItem *item : m_scene->selectedItems()) {
        if (item->type() != CardItem::Type && item->type() != FrameItem::Type)
            continue;
        QStringList pending{static_cast<NodeItem *>(item)->taskId()};
        while (!pending.isEmpty()) {
            const QString id = pending.takeLast();
            const QStringList &kids = m_scene->document()->childIds(id);
            if (!kids.isEmpty() && !whole.contains(id)) {
                whole.insert(id);
                pending += kids;
            }
        }
    }
    return whole;
}

QString MoveInteraction::dropTargetAt(const QPointF &scenePos, const QString &movingId) const
{
    // The innermost open frame there that stays put: not the dragged task's own frame nor
    // any that moves with the drag.
    QString id;
    int depth = -1;
    for (FrameItem *f : std::as_const(m_scene->m_frames)) {
        if (!f->isVisible() || f->depth() <= depth || !f->nodeSceneRect().contains(scenePos))
            continue;
        const QString fid = f->taskId();
        if (fid == movingId || m_frames.contains(fid) || m_scene->document()->project().isAncestor(movingId, fid))
            continue;
        depth = f->depth();
        id = fid;
    }
    return id;
}

void MoveInteraction::finish(const QPointF &cursor)
{
    ProjectDocument *document = m_scene->document();
    const Project &p = document->project();
    // The dragged tasks: each selected card or frame that is not inside another one.
    QStringList picked;
    for (QGraphicsItem *item : m_scene->selectedItems()) {
        if (item->type() == CardItem::Type || item->type() == FrameItem::Type)
            picked << static_cast<NodeItem *>(item)->taskId();
    }
    QStringList roots;
    for (const QString &id : std::as_const(picked)) {
        const bool inner = std::any_of(picked.cbegin(), picked.cend(),
                                       [&](const QString &o) { return o != id && p.isAncestor(o, id); });
        if (!inner && !roots.contains(id) && p.contains(id))
            roots << id;
    }
    // The task held by the mouse lands in the frame under the cursor, as any drop does; the
    // others that came along in the frame under their card's centre (a frame: under the
    // start of its title).
    QList<QPair<QString, QString>> reparents;   // task, new parent ("" top level)
    bool held = false;
    for (const QString &id : std::as_const(roots)) {
        QRectF rect;
        QPointF point;
        if (FrameItem *f = m_scene->frameFor(id); f && f->isVisible()) {
            rect = f->nodeSceneRect();
            point = rect.topLeft() + QPointF(GraphStyle::FrameHeader, GraphStyle::FrameHeader / 2);
        } else if (CardItem *c = m_scene->cardFor(id)) {
            rect = c->nodeSceneRect();
            point = rect.center();
        } else {
            continue;
        }
        if (!held && rect.contains(cursor)) {
            held = true;
            point = cursor;
        }
        const QString target = dropTargetAt(point, id);
        if (target != p.find(id)->parentId)
            reparents.append({id, target});
    }
    QHash<QString, QPointF> moved;
    for (const QString &id : std::as_const(m_movedLeaves)) {
        if (CardItem *c = m_scene->cardFor(id))
            moved.insert(id, c->pos());
    }
    QHash<QString, QString> newParent;
    QHash<QString, int> leaving;
    for (const auto &[id, target] : std::as_const(reparents)) {
        newParent.insert(id, target);
        ++leaving[p.find(id)->parentId];
    }
    QSet<QString> arriving;
    for (const auto &r : std::as_const(reparents))
        arriving.insert(r.second);
    // A summary all of whose children leave is a card again, shown where its frame was.
    QHash<QString, QPointF> positions = moved;
    for (auto it = leaving.cbegin(); it != leaving.cend(); ++it) {
        if (!it.key().isEmpty() && !arriving.contains(it.key()) && it.value() == document->childIds(it.key()).size()) {
            if (FrameItem *f = m_scene->frameFor(it.key()))
                positions.insert(it.key(), f->nodeSceneRect().topLeft());
        }
    }

    // Frames around the drop, as they will be: moved clear of everything that is not theirs.
    QSet<QString> stale;   // frames that still show the dragged tasks where they were
    for (const QString &id : std::as_const(roots)) {
        for (QString a = p.find(id)->parentId; !a.isEmpty() && !stale.contains(a); a = p.find(a)->parentId)
            stale.insert(a);
    }
    FrameFit::Access access;
    access.children = [&](const QString &id) {
        QStringList kids = document->childIds(id);
        if (!reparents.isEmpty()) {
            kids.removeIf([&](const QString &k) { return newParent.contains(k); });
            for (const auto &[task, target] : std::as_const(reparents)) {
                if (target == id)
                    kids << task;
            }
        }
        return kids;
    };
    access.parent = [&](const QString &id) {
        if (const auto it = newParent.constFind(id); it != newParent.constEnd())
            return *it;
        const Task *t = p.find(id);
        return t ? t->parentId : QString();
    };
    access.leafPosition = [&](const QString &id) {
        if (const auto it = positions.constFind(id); it != positions.constEnd())
            return *it;
        const CardItem *c = m_scene->cardFor(id);
        return c ? c->pos() : QPointF();
    };
    access.knownFrame = [&](const QString &id) -> std::optional<QRectF> {
        const FrameItem *f = stale.contains(id) ? nullptr : m_scene->frameFor(id);
        return f ? std::optional<QRectF>(f->nodeSceneRect()) : std::nullopt;
    };
    FrameFit fit(access);
    const QHash<QString, QPointF> cleared = fit.clear(roots);
    const TaskLabels &labels = taskLabels(*document);
    ProjectEdits::CardDrop drop;
    drop.positions = positions;
    drop.cleared = cleared;
    drop.reparents = reparents;
    if (reparents.size() == 1) {
        const auto &[id, target] = reparents.constFirst();
        drop.text = target.isEmpty()
            ? GraphScene::tr("Move %1 out of %2").arg(labels.quoted(id), labels.quoted(p.find(id)->parentId))
            : GraphScene::tr("Move %1 into %2").arg(labels.quoted(id), labels.quoted(target));
    } else if (!reparents.isEmpty()) {
        drop.text = GraphScene::tr("Move %1 tasks").arg(roots.size());
    }
    const EditResult result = document->edits().dropCards(drop);
    if (result.refused()) {
        // The tree's refusals, word for word; a refused drop puts everything back.
        putBack();
        emit m_scene->message(result.problem);
        return;
    }
    if (reparents.size() == 1) {
        const auto &[id, target] = reparents.constFirst();
        emit m_scene->message(target.isEmpty() ? GraphScene::tr("%1 is now a top-level task.").arg(labels(id))
                                               : GraphScene::tr("%1 is now in %2.").arg(labels(id), labels(target)));
    }
}

} // namespace Workplan
