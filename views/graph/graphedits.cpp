// GraphScene: the edits the canvas makes, each one ProjectEdits call (one undo step).
#include "graphscene.h"

#include "carditem.h"
#include "frameitem.h"
#include "nodeitem.h"

#include "graphstyle.h"

#include "model/layout/framefit.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/tasklabel.h"

#include <algorithm>

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

bool GraphScene::retargetEdge(const QString &ownerId, int index, EdgeItem::End end, const QString &newTaskId)
{
    if (end != EdgeItem::End::Source && end != EdgeItem::End::Target)
        return false;
    const DependencyKey key = m_document->dependencyKey(ownerId, index);
    if (key.isNull())
        return false;
    const EditResult result = m_document->edits().retarget(
        key, end == EdgeItem::End::Source ? ProjectEdits::End::Prerequisite : ProjectEdits::End::Owner,
        newTaskId);
    if (result.refused())
        emit message(result.problem);
    return bool(result);
}

void GraphScene::deleteSelection()
{
    QStringList ids;
    QList<DependencyKey> edges;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == EdgeItem::Type) {
            auto *e = static_cast<EdgeItem *>(item);
            edges.append(m_document->dependencyKey(e->ownerId(), e->index()));
        } else if (item->type() == CardItem::Type || item->type() == FrameItem::Type) {
            // A stand-in card deletes the hidden tasks it was selected for, not its summary.
            const QString id = static_cast<NodeItem *>(item)->taskId();
            ids += item->type() == CardItem::Type ? m_standIns.value(id, {id}) : QStringList{id};
        }
    }
    m_document->edits().deleteItems(ids, edges);
}


// --- Frames mean membership (issue #15 item 2) ---

QSet<QString> GraphScene::framesDraggedWhole() const
{
    // A dragged frame (or collapsed card) carries its subtree, frames included. The frames
    // around a dragged card stay where they are until the drop: a card dragged out of its
    // frame is seen to leave it, and the drop goes by what the user sees.
    QSet<QString> whole;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() != CardItem::Type && item->type() != FrameItem::Type)
            continue;
        QStringList pending{static_cast<NodeItem *>(item)->taskId()};
        while (!pending.isEmpty()) {
            const QString id = pending.takeLast();
            const QStringList &kids = m_document->childIds(id);
            if (!kids.isEmpty() && !whole.contains(id)) {
                whole.insert(id);
                pending += kids;
            }
        }
    }
    return whole;
}

QString GraphScene::dropTargetAt(const QPointF &scenePos, const QString &movingId) const
{
    // The innermost open frame there that stays put: not the dragged task's own frame nor
    // any that moves with the drag.
    QString id;
    int depth = -1;
    for (FrameItem *f : std::as_const(m_frames)) {
        if (!f->isVisible() || f->depth() <= depth || !f->nodeSceneRect().contains(scenePos))
            continue;
        const QString fid = f->taskId();
        if (fid == movingId || m_moveFrames.contains(fid) || m_document->project().isAncestor(movingId, fid))
            continue;
        depth = f->depth();
        id = fid;
    }
    return id;
}

void GraphScene::finishMove(const QPointF &cursor)
{
    const Project &p = m_document->project();
    // The dragged tasks: each selected card or frame that is not inside another one.
    QStringList picked;
    for (QGraphicsItem *item : selectedItems()) {
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
        if (FrameItem *f = m_frames.value(id); f && f->isVisible()) {
            rect = f->nodeSceneRect();
            point = rect.topLeft() + QPointF(GraphStyle::FrameHeader, GraphStyle::FrameHeader / 2);
        } else if (CardItem *c = m_cards.value(id)) {
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
        if (CardItem *c = m_cards.value(id))
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
        if (!it.key().isEmpty() && !arriving.contains(it.key()) && it.value() == m_document->childIds(it.key()).size()) {
            if (FrameItem *f = m_frames.value(it.key()))
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
        QStringList kids = m_document->childIds(id);
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
        const CardItem *c = m_cards.value(id);
        return c ? c->pos() : QPointF();
    };
    access.knownFrame = [&](const QString &id) -> std::optional<QRectF> {
        const FrameItem *f = stale.contains(id) ? nullptr : m_frames.value(id);
        return f ? std::optional<QRectF>(f->nodeSceneRect()) : std::nullopt;
    };
    FrameFit fit(access);
    const QHash<QString, QPointF> cleared = fit.clear(roots);
    const TaskLabels &labels = taskLabels(*m_document);
    ProjectEdits::CardDrop drop;
    drop.positions = positions;
    drop.cleared = cleared;
    drop.reparents = reparents;
    if (reparents.size() == 1) {
        const auto &[id, target] = reparents.constFirst();
        drop.text = target.isEmpty() ? tr("Move %1 out of %2").arg(labels.quoted(id), labels.quoted(p.find(id)->parentId))
                                     : tr("Move %1 into %2").arg(labels.quoted(id), labels.quoted(target));
    } else if (!reparents.isEmpty()) {
        drop.text = tr("Move %1 tasks").arg(roots.size());
    }
    const EditResult result = m_document->edits().dropCards(drop);
    if (result.refused()) {
        // The tree's refusals, word for word; a refused drop puts everything back.
        for (auto it = m_moveStart.constBegin(); it != m_moveStart.constEnd(); ++it)
            it.key()->setPos(it.value());
        updateFrames(m_moveFrames);
        m_moveStart.clear();
        emit message(result.problem);
        return;
    }
    m_moveStart.clear();
    if (reparents.size() == 1) {
        const auto &[id, target] = reparents.constFirst();
        emit message(target.isEmpty() ? tr("%1 is now a top-level task.").arg(labels(id))
                                      : tr("%1 is now in %2.").arg(labels(id), labels(target)));
    }
}

} // namespace Workplan
