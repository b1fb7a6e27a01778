#include "edgeitem.h"

#include "bundlelayer.h"
#include "carditem.h"

#include "graphscene.h"
#include "graphstyle.h"
#include "nodeitem.h"

#include "model/effort.h"
#include "model/layout/layoutgeometry.h"
#include "model/projectdocument.h"

#include <QPainter>
#include <QPaintEngine>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

#include <algorithm>
#include <cmath>

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
    if (m_layer)
        m_layer->remove(this);
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

void EdgeItem::joinLayer(BundleLayer *layer, int slot)
{
    m_layer = layer;
    m_layerSlot = slot;
    // Out of the scene it is no one arrow to pick: an overview (see addBundled()).
    setFlag(ItemIsSelectable, false);
}

void EdgeItem::leaveLayer()
{
    m_layer = nullptr;
    m_layerSlot = -1;
}

void EdgeItem::repaint()
{
    if (m_layer)
        m_layer->repaint(m_bounds);
    else
        update();
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
    const QRectF before = m_bounds;
    if (!m_layer)
        prepareGeometryChange();
    m_p1 = p1;
    m_p2 = p2;
    m_path = path;
    m_polyline.clear();
    m_bounds = path.boundingRect().adjusted(-HandleRadius - 12, -HandleRadius - 12, HandleRadius + 40, HandleRadius + 12);
    if (m_layer)
        m_layer->moved(this, before);
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

// m_path flattened, for drawing a far-out arrow as one polyline (its curve is then a few
// pixels across).
const QPolygonF &EdgeItem::polyline() const
{
    if (m_polyline.isEmpty())
        m_polyline = m_path.toSubpathPolygons().value(0);
    return m_polyline;
}

namespace {

// Collects the visible runs of a path as line segments.
struct Clipper
{
    QRectF area;
    qreal tolerance;   // scene units a flattened curve may stray from the true one
    QPainterPath out;
    bool open = false;
    QPointF last;

    bool touches(const QRectF &r) const
    {
        return r.right() >= area.left() && r.left() <= area.right() && r.bottom() >= area.top()
            && r.top() <= area.bottom();
    }
    void segment(const QPointF &a, const QPointF &b)
    {
        if (!touches(QRectF(a, b).normalized())) {
            open = false;
            return;
        }
        if (!open || last != a)
            out.moveTo(a);
        out.lineTo(b);
        open = true;
        last = b;
    }
    // A cubic split in halves until each half is out of view (skipped whole) or flat
    // enough to be a line. A long arrow seen close up is mostly off screen: only the part
    // in view is ever flattened.
    void curve(const QPointF &p0, const QPointF &p1, const QPointF &p2, const QPointF &p3, int depth)
    {
        const qreal left = std::min({p0.x(), p1.x(), p2.x(), p3.x()});
        const qreal right = std::max({p0.x(), p1.x(), p2.x(), p3.x()});
        const qreal top = std::min({p0.y(), p1.y(), p2.y(), p3.y()});
        const qreal bottom = std::max({p0.y(), p1.y(), p2.y(), p3.y()});
        if (!touches(QRectF(QPointF(left, top), QPointF(right, bottom)))) {
            open = false;
            return;
        }
        // Flat: both inner control points within tolerance of the chord's thirds.
        const QPointF d1 = p1 - (2 * p0 + p3) / 3, d2 = p2 - (p0 + 2 * p3) / 3;
        const qreal flat = std::max(std::abs(d1.x()) + std::abs(d1.y()), std::abs(d2.x()) + std::abs(d2.y()));
        if (flat <= tolerance || depth >= 24) {
            segment(p0, p3);
            return;
        }
        const QPointF a = (p0 + p1) / 2, b = (p1 + p2) / 2, c = (p2 + p3) / 2;
        const QPointF ab = (a + b) / 2, bc = (b + c) / 2, mid = (ab + bc) / 2;
        curve(p0, a, ab, mid, depth + 1);
        curve(mid, bc, c, p3, depth + 1);
    }
};

} // namespace

// The pieces of the arrow inside `area`. A long arrow seen close up crosses the window
// with most of its length off screen, and Qt dashes (and flattens) a whole path before
// clipping it: thousands of such arrows made one repaint at 100 % take seconds on a 10k
// plan, and flattening the whole of each was most of a step at 100 % over a folded 100k
// plan. `lod` is the scale of the view: curves are flattened to a third of a pixel.
QPainterPath EdgeItem::visiblePart(const QRectF &area, qreal lod) const
{
    Clipper clip{area, 0.33 / std::max<qreal>(lod, 1e-3), QPainterPath(), false, QPointF()};
    QPointF at;
    for (int i = 0; i < m_path.elementCount(); ++i) {
        const QPainterPath::Element e = m_path.elementAt(i);
        switch (e.type) {
        case QPainterPath::MoveToElement:
            clip.open = false;
            at = e;
            break;
        case QPainterPath::LineToElement:
            clip.segment(at, e);
            at = e;
            break;
        case QPainterPath::CurveToElement: {
            const QPointF c2 = m_path.elementAt(i + 1), end = m_path.elementAt(i + 2);
            clip.curve(at, e, c2, end, 0);
            at = end;
            i += 2;
            break;
        }
        case QPainterPath::CurveToDataElement:
            break;
        }
    }
    return clip.out;
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

int EdgeItem::marks(const GraphScene &s) const
{
    // Asked on every repaint of every arrow in view; the answer changes only with the
    // analysis shown (a new generation), and an edit of the dependencies makes new arrows.
    if (m_marksOf == s.marksGeneration())
        return m_marks;
    int marks = 0;
    if (const Dependency *d = dependency())
        marks = s.edgeMarks(m_ownerId, d->taskId);
    // A bundle is on a loop or the critical path when any dependency in it is.
    if (!m_bundled.isEmpty()) {
        const Project &p = s.document()->project();
        for (const auto &[owner, index] : m_bundled) {
            const Task *t = p.find(owner);
            if (t && index < t->dependencies.size())
                marks |= s.edgeMarks(owner, t->dependencies.at(index).taskId);
        }
    }
    m_marks = marks;
    m_marksOf = s.marksGeneration();
    return marks;
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const GraphScene *s = graphScene();
    if (!s)
        return;
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const int marks = this->marks(*s);
    const bool loop = marks & GraphScene::LoopMark;
    const bool critical = !loop && s->showCritical() && (marks & GraphScene::CriticalMark);
    // Far out only the arrows that matter are drawn (shape() still picks the others): asked
    // first, as most arrows of a large plan in view are not.
    if (lod < DetailThreshold && !mattersFarOut(critical || loop))
        return;
    const Dependency *d = dependency();
    if (!d)
        return;
    const bool faded = d->waived || !d->mandatory;
    QPen pen = dependencyPen(d->type, faded);
    // Edges and their labels lie on the canvas itself, which may be dark.
    const QColor canvas = s->backgroundBrush().color();
    if (isDark(canvas))
        pen.setColor(pen.color().lighter(220));
    pen.setWidthF(pen.widthF() + bundleExtraWidth(weight()));
    if (loop) {   // no schedule then: nothing is critical
        pen.setColor(loopColor());
        pen.setWidthF(pen.widthF() + 1.5);
    } else if (critical) {
        pen.setColor(criticalColor());
        pen.setWidthF(pen.widthF() + 1.5);
    }
    if (isSelected())
        pen.setColor(QColor(0x1565c0));
    // An overview arrow of one dependency (at a folded card) is a hairline: Qt draws those
    // on its fast path, dashes included, where a stroke of 1.6 px is outlined and filled.
    // A folded 100k plan seen at 100 % has a hundred arrows across the window; stroked,
    // they took twice as long as the rest of a repaint. Bundles keep their weight's width,
    // an approval its doubled stroke (a hairline under the canvas-coloured core would
    // vanish close up). On screen only: a printer's or a PDF's device pixel is far finer.
    const bool onScreen = painter->paintEngine() && painter->paintEngine()->type() == QPaintEngine::Raster;
    if (m_layer && onScreen && !isBundle() && !critical && !loop && lod >= DetailThreshold
        && d->type != DependencyType::Approval) {
        pen.setCosmetic(true);
        pen.setWidthF(1);
    }
    if (lod >= DetailThreshold)
        painter->setRenderHint(QPainter::Antialiasing);
    painter->setBrush(Qt::NoBrush);
    const QRectF area = option->exposedRect.adjusted(-12, -12, 12, 12);
    const bool whole = area.contains(m_path.controlPointRect());
    const QPainterPath path = whole ? m_path : visiblePart(area, lod);
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
