#include "edgeitem.h"

#include "carditem.h"

#include "graphscene.h"
#include "graphstyle.h"
#include "nodeitem.h"

#include "model/effort.h"
#include "model/layout/layoutgeometry.h"
#include "model/projectdocument.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace Workplan {

using namespace GraphStyle;

static constexpr qreal HandleRadius = 6;

EdgeItem::EdgeItem(const DependencyKey &key, int index, NodeItem *source, NodeItem *target, const GraphScene *scene)
    : m_key(key)
    , m_madeFor(scene)
    , m_ownerId(key.ownerId)
    , m_index(index)
    , m_source(source)
    , m_target(target)
{
    setFlag(ItemIsSelectable);
    setFlag(ItemUsesExtendedStyleOption);   // paint() needs the exposed rect
    setZValue(0);
    setAcceptedMouseButtons(Qt::LeftButton);
    m_source->addEdge(this);
    m_target->addEdge(this);
    adjust();
}

EdgeItem::~EdgeItem()
{
    if (m_source)
        m_source->removeEdge(this);
    if (m_target && m_target != m_source)
        m_target->removeEdge(this);
}

void EdgeItem::detach(NodeItem *node)
{
    if (m_source == node)
        m_source = nullptr;
    if (m_target == node)
        m_target = nullptr;
}

GraphScene *EdgeItem::graphScene() const
{
    if (QGraphicsScene *s = scene())
        return static_cast<GraphScene *>(s);
    return const_cast<GraphScene *>(m_madeFor);
}

const Dependency *EdgeItem::dependency() const
{
    const GraphScene *s = graphScene();
    const Task *t = s ? s->document()->project().find(m_ownerId) : nullptr;
    if (!t || m_index >= t->dependencies.size())
        return nullptr;
    return &t->dependencies.at(m_index);
}

void EdgeItem::addBundled(const QString &ownerId, int index)
{
    m_bundled.append({ownerId, index});
    if (m_bundled.size() > 1)
        return;
    setFlag(ItemIsSelectable, false);
    setSelected(false);
    setAcceptedMouseButtons(Qt::NoButton);   // a press goes to what is under it
}

QString EdgeItem::bundleToolTip() const
{
    return GraphScene::tr("%n dependencies between these tasks", nullptr, weight());
}

qreal EdgeItem::bundleExtraWidth(int weight)
{
    return weight > 1 ? 1.2 * std::log2(qreal(weight)) : 0;
}

void EdgeItem::adjust()
{
    if (!m_source || !m_target)
        return;
    // The shape is the model's (model/layout/layoutgeometry.h), so `workplan layout`
    // reports the arrows drawn here; so are the routes through the channels, which hold
    // while both ends stay where the scene's last auto layout drew them (a bundle has none).
    const QRectF from = m_source->nodeSceneRect(), to = m_target->nodeSceneRect();
    QVector<QPointF> via;
    // An end at a folded card is not where the layout routed it (and asking would wait
    // for the routes a folded canvas has made in the background).
    const auto folded = [](const NodeItem *n) {
        const auto *card = qgraphicsitem_cast<const CardItem *>(n);
        return card && card->isCollapsedSummary();
    };
    const GraphScene *s = graphScene();
    if (s && !isBundle() && !folded(m_source) && !folded(m_target)) {
        if (const Dependency *d = dependency())
            via = s->routeFor(DependencyKey::of(m_ownerId, *d), from, to);
    }
    const EdgeShape shape = edgeShape(from, to, via);
    const QPointF p1 = shape.start;
    const QPointF p2 = shape.end();
    QPainterPath path(p1);
    for (const EdgeShape::Piece &piece : shape.pieces) {
        if (piece.line)
            path.lineTo(piece.end);
        else
            path.cubicTo(piece.c1, piece.c2, piece.end);
    }
    prepareGeometryChange();
    m_p1 = p1;
    m_p2 = p2;
    m_path = path;
    m_polyline.clear();
    m_bounds = path.boundingRect().adjusted(-HandleRadius - 12, -HandleRadius - 12, HandleRadius + 40, HandleRadius + 12);
}

QVariant EdgeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    // Made before it joins the scene, the arrow could not ask for its route yet (unless it
    // was made for this scene).
    if (change == ItemSceneHasChanged && scene() && scene() != m_madeFor)
        adjust();
    return QGraphicsItem::itemChange(change, value);
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    QPainterPath s = stroker.createStroke(m_path);
    if (isSelected()) {
        s.addEllipse(m_p1, HandleRadius + 2, HandleRadius + 2);
        s.addEllipse(m_p2, HandleRadius + 2, HandleRadius + 2);
    }
    return s;
}

EdgeItem::End EdgeItem::handleAt(const QPointF &scenePos) const
{
    if (!isSelected())
        return End::None;
    if (QLineF(scenePos, m_p2).length() <= HandleRadius + 3)
        return End::Target;
    if (QLineF(scenePos, m_p1).length() <= HandleRadius + 3)
        return End::Source;
    return End::None;
}

// The pieces of the arrow inside `area`. A long arrow seen close up crosses the window
// with most of its length off screen, and Qt dashes a whole path before clipping it:
// thousands of such arrows made one repaint at 100 % take seconds on a 10k plan.
const QPolygonF &EdgeItem::polyline() const
{
    if (m_polyline.isEmpty())
        m_polyline = m_path.toSubpathPolygons().value(0);
    return m_polyline;
}

QPainterPath EdgeItem::visiblePart(const QRectF &area) const
{
    QPainterPath out;
    bool open = false;
    const QPolygonF &line = polyline();
    for (int i = 1; i < line.size(); ++i) {
        const QPointF a = line.at(i - 1), b = line.at(i);
        const bool in = qMax(a.x(), b.x()) >= area.left() && qMin(a.x(), b.x()) <= area.right()
            && qMax(a.y(), b.y()) >= area.top() && qMin(a.y(), b.y()) <= area.bottom();
        if (in && !open)
            out.moveTo(a);
        if (in)
            out.lineTo(b);
        open = in;
    }
    return out;
}

bool EdgeItem::mattersFarOut(bool highlighted) const
{
    // Zoomed out, thousands of arrows make a grey felt over the plan: only those a person
    // is following stay (issue #16). Loops count with the critical path: both are marked.
    if (highlighted || isSelected())
        return true;
    if ((m_source && m_source->isSelected()) || (m_target && m_target->isSelected()))
        return true;
    // Focus mode fades every arrow outside the chain (GraphScene::setFocusSet); the ones it
    // leaves at full strength are the chain's.
    const GraphScene *s = graphScene();
    return s && s->hasFocusSet() && opacity() > 0.99;
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const Dependency *d = dependency();
    const GraphScene *s = graphScene();
    if (!d || !s)
        return;
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const bool faded = d->waived || !d->mandatory;
    QPen pen = dependencyPen(d->type, faded);
    // Edges and their labels lie on the canvas itself, which may be dark.
    const QColor canvas = s->backgroundBrush().color();
    if (isDark(canvas))
        pen.setColor(pen.color().lighter(220));
    // A bundle is on a loop or the critical path when any dependency in it is. The marks
    // of each member are looked up once for both questions (they were asked apart, which
    // doubled the id look-ups of repainting every arrow after an edit).
    int marks = s->edgeMarks(m_ownerId, d->taskId);
    if (!m_bundled.isEmpty()) {
        const Project &p = s->document()->project();
        for (const auto &[owner, index] : m_bundled) {
            const Task *t = p.find(owner);
            if (t && index < t->dependencies.size())
                marks |= s->edgeMarks(owner, t->dependencies.at(index).taskId);
        }
    }
    pen.setWidthF(pen.widthF() + bundleExtraWidth(weight()));
    const bool loop = marks & GraphScene::LoopMark;
    const bool critical = !loop && s->showCritical() && (marks & GraphScene::CriticalMark);
    if (loop) {   // no schedule then: nothing is critical
        pen.setColor(loopColor());
        pen.setWidthF(pen.widthF() + 1.5);
    } else if (critical) {
        pen.setColor(criticalColor());
        pen.setWidthF(pen.widthF() + 1.5);
    }
    if (isSelected())
        pen.setColor(QColor(0x1565c0));
    if (lod < DetailThreshold && !mattersFarOut(critical || loop))
        return;   // far out only the arrows that matter are drawn; shape() still picks it
    if (lod >= DetailThreshold)
        painter->setRenderHint(QPainter::Antialiasing);
    painter->setBrush(Qt::NoBrush);
    const QRectF area = option->exposedRect.adjusted(-12, -12, 12, 12);
    const bool whole = area.contains(m_path.controlPointRect());
    const QPainterPath path = whole ? m_path : visiblePart(area);
    if (path.isEmpty() && !area.contains(m_p2))
        return;
    if (d->type == DependencyType::Approval && lod >= DetailThreshold) {
        // Approval: two thin parallel strokes.
        QPen outer = pen;
        outer.setStyle(Qt::SolidLine);
        outer.setWidthF(pen.widthF() * 3);
        painter->setPen(outer);
        painter->drawPath(path);
        QPen inner(canvas, pen.widthF());
        painter->setPen(inner);
        painter->drawPath(path);
    } else if (lod < DetailThreshold) {
        // Far away a dash pattern is not seen, and the curve is already flattened: a plain
        // one-pixel polyline is all the overview of 25k arrows needs.
        pen.setStyle(Qt::SolidLine);
        pen.setCosmetic(true);
        const bool highlighted = pen.widthF() - bundleExtraWidth(weight()) > 2.5;   // critical, loop: stay bold
        pen.setWidthF((highlighted ? 2 : 1) + (isBundle() ? qMax<qreal>(1, bundleExtraWidth(weight()) / 2) : 0));
        if (!highlighted) {
            // A full pixel is darker than the thin stroke it stands for: lighten it, but
            // keep it opaque (Qt's fast path for cosmetic lines; blending was 2x slower).
            const QColor c = pen.color();
            // The further out, the more arrows share a pixel: lighter still.
            const qreal k = qMin(c.alphaF(), 0.45) * qBound<qreal>(0.3, lod / DetailThreshold, 1);
            const QColor bg(0xfafafa);
            pen.setColor(QColor::fromRgbF(c.redF() * k + bg.redF() * (1 - k), c.greenF() * k + bg.greenF() * (1 - k),
                                          c.blueF() * k + bg.blueF() * (1 - k)));
        }
        painter->setPen(pen);
        if (whole)
            painter->drawPolyline(polyline());
        else
            painter->drawPath(path);
    } else {
        painter->setPen(pen);
        painter->drawPath(path);
    }
    if (lod < DetailThreshold / 4)
        return;   // an arrow head would be under a pixel

    // Arrow head at the dependent.
    const qreal size = 9;
    QPolygonF head;
    head << m_p2 << m_p2 + QPointF(-size, -size / 2) << m_p2 + QPointF(-size, size / 2);
    painter->setPen(Qt::NoPen);
    painter->setBrush(pen.color());
    painter->drawPolygon(head);

    if (isBundle()) {
        // The weight, half way (where arrows into one card part): "×12" stand behind it.
        painter->setPen(inkColor(canvas));
        painter->setFont(font(lod >= DetailThreshold ? 10 : 14, true));
        const QPointF mid = m_path.pointAtPercent(0.5);
        painter->drawText(QRectF(mid.x() - 40, mid.y() - 20, 80, 16), Qt::AlignCenter,
                          GraphScene::tr("\u00d7%1").arg(weight()));
    } else if (lod >= DetailThreshold) {
        const QJsonValue lag = d->lag;
        const auto hours = lag.isUndefined() ? std::nullopt : parseEffort(lag, s->document()->project().calendar);
        if (hours && *hours > 0) {
            painter->setPen(inkColor(canvas));
            painter->setFont(font(10));
            const QPointF mid = m_path.pointAtPercent(0.5);   // off screen: clipped, cheap
            painter->drawText(QRectF(mid.x() - 40, mid.y() - 18, 80, 14), Qt::AlignCenter,
                              GraphScene::tr("lag %1").arg(formatHours(*hours)));
        }
    }
    if (isSelected()) {
        painter->setPen(QPen(QColor(0x1565c0), 1.5));
        painter->setBrush(Qt::white);
        painter->drawEllipse(m_p1, HandleRadius, HandleRadius);
        painter->drawEllipse(m_p2, HandleRadius, HandleRadius);
    }
}

} // namespace Workplan
