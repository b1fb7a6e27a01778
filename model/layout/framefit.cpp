#include "framefit.h"

#include <memory>

#include "layoutgeometry.h"

#include "model/engine/snapshot.h"
#include "model/project.h"
#include "model/projectdocument.h"

#include <QSet>

#include <algorithm>

namespace Workplan {

using namespace CanvasGeometry;

namespace {

// A frame around its children's boxes, as the canvas draws it (GraphScene::childrenRect).
QRectF around(const QRectF &children)
{
    return children.adjusted(-FramePadding, -FramePadding - FrameHeader, FramePadding, FramePadding);
}

} // namespace

LayoutOptions canvasLayoutOptions()
{
    // The canvas draws frames from their children with its own padding and header, so the
    // layout reserves at least that much room around each band.
    LayoutOptions options;
    options.cardSize = QSizeF(CardWidth, CardHeight);
    options.framePadding = FramePadding + 4;
    options.headerHeight = FrameHeader + 8;
    options.layerSpacing = ColumnSpacing - CardWidth;
    return options;
}

CanvasPlacement canvasPlacement(const Project &project)
{
    // One structure snapshot for the layout and the routes (it used to be built twice, and
    // every position hashed by id on the way from one to the other).
    auto structure = std::make_shared<const Snapshot>(Snapshot::fromProject(project, Snapshot::Scope::Structure));
    auto result = std::make_shared<const LayoutResult>(layoutGraph(*structure, canvasLayoutOptions()));
    CanvasPlacement placed;
    placed.positions = leafPositions(*result);
    // A copy of the project: the document may change while the routes are made elsewhere
    // (its task list is shared until then, so the copy costs little).
    placed.routes = [project, structure, result] { return canvasRoutes(project, *structure, *result); };
    return placed;
}

CanvasLayout canvasLayout(const Project &project)
{
    CanvasPlacement placed = canvasPlacement(project);
    CanvasLayout layout;
    layout.positions = std::move(placed.positions);
    layout.routes = placed.routes();
    return layout;
}

QHash<QString, QPointF> autoLayoutPositions(const Project &project)
{
    return leafPositions(layoutProject(project, canvasLayoutOptions()));
}

QHash<QString, QPointF> leafPositions(const LayoutResult &layout)
{
    QHash<QString, QPointF> positions;
    positions.reserve(int(layout.ids.size()));
    for (std::size_t i = 0; i < layout.ids.size(); ++i) {
        if (layout.layer[i] >= 0)   // leaves only: frames follow their children
            positions.insert(layout.ids[i], layout.rects[i].topLeft());
    }
    return positions;
}

FrameFit::FrameFit(Access access)
    : m_access(std::move(access))
{
}

QPointF FrameFit::offsetOf(const QString &id) const
{
    QPointF sum;
    if (m_offset.isEmpty())
        return sum;
    for (QString a = id; !a.isEmpty(); a = m_access.parent(a))
        sum += m_offset.value(a);
    return sum;
}

int FrameFit::depthOf(const QString &id) const
{
    int depth = 0;
    for (QString a = m_access.parent(id); !a.isEmpty(); a = m_access.parent(a))
        ++depth;
    return depth;
}

QRectF FrameFit::rectOf(const QString &id)
{
    const QStringList kids = m_access.children(id);
    if (kids.isEmpty())
        return QRectF(m_access.leafPosition(id) + offsetOf(id), QSizeF(CardWidth, CardHeight));
    if (const auto it = m_frames.constFind(id); it != m_frames.constEnd())
        return *it;
    QRectF r;
    if (const auto known = m_access.knownFrame ? m_access.knownFrame(id) : std::nullopt) {
        r = known->translated(offsetOf(id));
    } else {
        QRectF box;
        for (const QString &k : kids)
            box |= rectOf(k);
        r = around(box);
    }
    m_frames.insert(id, r);
    return r;
}

void FrameFit::translate(const QString &id, const QPointF &by)
{
    m_offset[id] += by;
    // The subtree's memoised frames move along; the ancestors' are recomputed.
    QStringList pending{id};
    while (!pending.isEmpty()) {
        const QString cur = pending.takeLast();
        if (auto it = m_frames.find(cur); it != m_frames.end())
            it->translate(by);
        pending += m_access.children(cur);
    }
    for (QString a = m_access.parent(id); !a.isEmpty(); a = m_access.parent(a))
        m_frames.remove(a);
}

void FrameFit::collectLeaves(const QString &id, QHash<QString, QPointF> &out) const
{
    QStringList pending{id};
    while (!pending.isEmpty()) {
        const QString cur = pending.takeLast();
        const QStringList kids = m_access.children(cur);
        if (kids.isEmpty())
            out.insert(cur, m_access.leafPosition(cur) + offsetOf(cur));
        pending += kids;
    }
}

void FrameFit::placeInside(const QString &id, std::optional<QPointF> emptyParentSpot)
{
    const QString parentId = m_access.parent(id);
    if (parentId.isEmpty())
        return;
    QRectF siblings;
    for (const QString &k : m_access.children(parentId)) {
        if (k != id)
            siblings |= rectOf(k);
    }
    const QRectF mine = rectOf(id);
    QPointF target;
    if (siblings.isNull()) {
        // Its parent was a card until now: open the frame where that card was.
        if (!emptyParentSpot)
            return;
        target = *emptyParentSpot + QPointF(FramePadding, FramePadding + FrameHeader);
    } else {
        if (around(siblings).contains(mine.center()))
            return;
        // A new row under the other children, as the grid spaces rows.
        target = QPointF(siblings.left(), siblings.bottom() + RowSpacing - CardHeight);
    }
    if (target != mine.topLeft())
        translate(id, target - mine.topLeft());
}

QHash<QString, QPointF> FrameFit::clear(const QStringList &changed)
{
    // Only the groups of siblings under the changed tasks' parents can hold a new overlap:
    // those frames grew (or the changed tasks landed there); the old parents only shrank.
    QSet<QString> chain;
    QSet<QString> groups{QString()};
    for (const QString &id : changed) {
        for (QString a = m_access.parent(id); !a.isEmpty() && !chain.contains(a); a = m_access.parent(a)) {
            chain.insert(a);
            groups.insert(a);
        }
    }
    QList<QPair<int, QString>> order;
    for (const QString &g : std::as_const(groups))
        order.append({g.isEmpty() ? -1 : depthOf(g), g});
    // Deepest first: a parent's frame is known once its children are settled.
    std::sort(order.begin(), order.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });

    struct Block
    {
        QString id;
        QRectF rect;
        int index;
        bool frame;
        bool anchor;   // on a changed task's ancestor chain: stays, the others make room
        bool pushed = false;
    };
    for (const auto &[depth, g] : std::as_const(order)) {
        Q_UNUSED(depth)
        const QStringList kids = m_access.children(g);
        QList<Block> blocks;
        blocks.reserve(kids.size());
        for (int i = 0; i < kids.size(); ++i) {
            const QString &k = kids.at(i);
            blocks.append({k, rectOf(k), i, !m_access.children(k).isEmpty(), chain.contains(k)});
        }
        // The anchors first, then top to bottom: the upper of two stays, the lower moves.
        std::sort(blocks.begin(), blocks.end(), [](const Block &a, const Block &b) {
            if (a.anchor != b.anchor)
                return a.anchor;
            if (a.rect.top() != b.rect.top())
                return a.rect.top() < b.rect.top();
            if (a.rect.left() != b.rect.left())
                return a.rect.left() < b.rect.left();
            return a.index < b.index;
        });
        // Two cards may overlap where the user put them; a frame may not cover anything,
        // and a task moved here may not land on anything either.
        QList<int> done, framedOrPushed;
        for (int i = 0; i < blocks.size(); ++i) {
            Block &b = blocks[i];
            for (int guard = 0; guard <= done.size(); ++guard) {
                const QList<int> &against = b.frame || b.pushed ? done : framedOrPushed;
                const Block *hit = nullptr;
                for (int j : against) {
                    if (blocks.at(j).rect.intersects(b.rect)) {
                        hit = &blocks.at(j);
                        break;
                    }
                }
                if (!hit)
                    break;
                const qreal dy = hit->rect.bottom() + Gap - b.rect.top();
                const qreal dx = hit->rect.right() + Gap - b.rect.left();
                const QPointF by = dx < dy ? QPointF(dx, 0) : QPointF(0, dy);
                b.rect.translate(by);
                b.pushed = true;
                translate(b.id, by);
            }
            done.append(i);
            if (b.frame || b.pushed)
                framedOrPushed.append(i);
        }
        if (!g.isEmpty()) {
            QRectF box;
            for (const Block &b : std::as_const(blocks))
                box |= b.rect;
            m_frames.insert(g, around(box));
        }
    }

    QHash<QString, QPointF> out;
    for (auto it = m_offset.cbegin(); it != m_offset.cend(); ++it) {
        if (!it.value().isNull())
            collectLeaves(it.key(), out);
    }
    return out;
}

QHash<QString, QPointF> arrangeFrames(const ProjectDocument &document, const QStringList &changed, bool keepPlace,
                                      std::optional<QPointF> emptyParentSpot)
{
    const Project &project = document.project();
    bool anyPlaced = false;
    bool anyUnplaced = false;
    for (const Task &t : project.tasks()) {
        if (!document.isSummary(t.id))
            (t.hasPosition ? anyPlaced : anyUnplaced) = true;
    }
    if (!anyPlaced)
        return {};
    // Where the canvas shows the tasks the user never placed (GraphScene::restingPosition).
    const QHash<QString, QPointF> laid = anyUnplaced ? autoLayoutPositions(project) : QHash<QString, QPointF>();
    FrameFit::Access access;
    access.children = [&document](const QString &id) { return document.childIds(id); };
    access.parent = [&project](const QString &id) {
        const Task *t = project.find(id);
        return t ? t->parentId : QString();
    };
    access.leafPosition = [&project, &laid](const QString &id) {
        const Task *t = project.find(id);
        return t && t->hasPosition ? t->position : laid.value(id);
    };
    FrameFit fit(access);
    if (!keepPlace) {
        for (const QString &id : changed)
            fit.placeInside(id, emptyParentSpot);
    }
    return fit.clear(changed);
}

} // namespace Workplan
