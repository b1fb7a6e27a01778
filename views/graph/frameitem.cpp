#include "frameitem.h"

#include "graphscene.h"
#include "graphstyle.h"

#include "model/task.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace Workplan {

using namespace GraphStyle;

// A frame's title far out (issue #16: frame labels stay readable at every zoom), at one
// screen size above everything else: frames lie below the cards, which would cover it. It
// takes no clicks and has no shape, so picking and rubber bands see only the frame.
class FrameLabelItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 4 };

    explicit FrameLabelItem(FrameItem *frame)
        : m_frame(frame)
    {
        setAcceptedMouseButtons(Qt::NoButton);
        setZValue(1000 + frame->depth());
    }
    ~FrameLabelItem() override
    {
        if (m_frame)   // the scene may delete the label first
            m_frame->m_label = nullptr;
    }

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_frame ? m_frame->nodeSceneRect() : QRectF(); }
    QPainterPath shape() const override { return {}; }
    void geometryChanged() { prepareGeometryChange(); }
    void detach() { m_frame = nullptr; }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
        const Task *t = m_frame ? m_frame->task() : nullptr;
        if (!t || lod >= DetailThreshold || lod <= 0)
            return;
        const QRectF box = m_frame->farLabelRect(lod);
        if (box.isEmpty())
            return;
        const QColor canvas = scene()->backgroundBrush().color();
        const QColor tc = typeColor(t->type);
        const QFont f = font(FrameLabelPixels, true);
        const QFontMetricsF fm(f);
        // In screen pixels from here on.
        painter->translate(box.topLeft());
        painter->scale(1 / lod, 1 / lod);
        const QSizeF room = box.size() * lod;
        const QRectF plate(0, 0, qMin(fm.horizontalAdvance(t->title()) + 8, room.width()), room.height());
        // A plate of canvas behind the words keeps them legible over the blocks of cards.
        QColor back = canvas;
        back.setAlpha(170);   // the blocks under it still show
        painter->setPen(Qt::NoPen);
        painter->setBrush(back);
        painter->drawRect(plate);
        painter->setClipRect(plate, Qt::IntersectClip);
        painter->setPen(isDark(canvas) ? tc.lighter(180) : tc.darker(160));
        painter->setFont(f);
        painter->drawText(plate.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, t->title());
    }

private:
    FrameItem *m_frame;
};

FrameItem::FrameItem(const QString &taskId, int depth)
    : NodeItem(taskId)
    , m_depth(depth)
    , m_label(new FrameLabelItem(this))
{
    setFlag(ItemIsSelectable);
    setDepth(depth);
}

FrameItem::~FrameItem()
{
    if (m_label) {
        m_label->detach();
        delete m_label;
    }
}

QVariant FrameItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (m_label) {
        if (change == ItemSceneHasChanged) {
            if (m_label->scene())
                m_label->scene()->removeItem(m_label);
            if (scene())
                scene()->addItem(m_label);
        } else if (change == ItemVisibleHasChanged) {
            m_label->setVisible(isVisible());
        } else if (change == ItemOpacityHasChanged) {
            m_label->setOpacity(opacity());
        }
    }
    return NodeItem::itemChange(change, value);
}

QRectF FrameItem::farLabelRect(qreal lod) const
{
    if (m_rect.width() * lod < FrameLabelMinPixels)
        return {};
    const qreal height = (FrameLabelPixels + 4) / lod;
    qreal top = m_rect.top();
    // Nested frames begin a few pixels below their parent's top far out: stacked titles.
    const Task *t = task();
    const GraphScene *s = graphScene();
    if (const FrameItem *parent = t && s ? s->frameFor(t->parentId) : nullptr; parent && parent->isVisible()) {
        if (const QRectF above = parent->farLabelRect(lod); !above.isEmpty())
            top = qMax(top, above.bottom());
    }
    const QRectF box = QRectF(m_rect.left(), top, m_rect.width(), height).intersected(m_rect);
    // No room to read it, or it would hide most of what the frame holds.
    if (box.height() * lod < FrameLabelPixels * 0.8 || m_rect.bottom() - box.bottom() < box.height())
        return {};
    return box;
}

void FrameItem::setDepth(int depth)
{
    m_depth = depth;
    // Outer frames below inner ones, all below edges and cards.
    setZValue(-100 + depth);
    if (m_label)
        m_label->setZValue(1000 + depth);
}

void FrameItem::setFrameRect(const QRectF &rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
    if (m_label)
        m_label->geometryChanged();
    m_rect = rect;
    adjustEdges();
}

QRectF FrameItem::boundingRect() const
{
    return m_rect.adjusted(-3, -3, 3, 3);
}

QPainterPath FrameItem::shape() const
{
    // Only the header and the border pick the frame, so a click inside the lane still
    // starts a rubber band instead of grabbing the whole epic.
    QPainterPath p;
    p.addRect(QRectF(m_rect.topLeft(), QSizeF(m_rect.width(), FrameHeader)));
    QPainterPath border;
    border.addRect(m_rect.adjusted(-3, -3, 3, 3));
    QPainterPath inner;
    inner.addRect(m_rect.adjusted(4, 4, -4, -4));
    return p.united(border.subtracted(inner));
}

QRectF FrameItem::toggleRect() const
{
    return QRectF(m_rect.left() + 4, m_rect.top() + 4, FrameHeader - 8, FrameHeader - 8);
}

bool FrameItem::isOnHeader(const QPointF &scenePos) const
{
    return QRectF(m_rect.topLeft(), QSizeF(m_rect.width(), FrameHeader)).contains(scenePos);
}

void FrameItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const Task *t = task();
    if (!t)
        return;
    const QColor tc = typeColor(t->type);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    QColor fill = tc;
    fill.setAlpha(m_depth == 0 ? 22 : 30);
    QPen pen(tc, isSelected() ? 3 : 1.2);
    if (linkHint() == LinkHint::Allowed)
        pen = QPen(QColor(0x2e7d32), 4);
    else if (linkHint() == LinkHint::Refused)
        pen = QPen(QColor(0xc62828), 4);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawRect(m_rect);
    QColor head = tc;
    head.setAlpha(70);
    painter->fillRect(QRectF(m_rect.topLeft(), QSizeF(m_rect.width(), FrameHeader)), head);
    // The header is translucent over the canvas: darker ink on light, lighter on dark.
    const QColor canvas = scene() ? scene()->backgroundBrush().color() : QColor(Qt::white);
    if (lod < DetailThreshold)
        return;   // the title is FrameLabelItem's then
    painter->setPen(isDark(canvas) ? tc.lighter(180) : tc.darker(160));
    painter->setFont(font(12));
    painter->drawText(toggleRect(), Qt::AlignCenter, QStringLiteral("\u25be"));
    const QFont f = font(13, true);
    painter->setFont(f);
    const QRectF label(m_rect.left() + FrameHeader, m_rect.top(), m_rect.width() - FrameHeader - 6, FrameHeader);
    const QString text = QStringLiteral("%1  \u00b7  %2").arg(t->title(), t->type);
    // Clipped rather than elided, so exported SVG and PDF still carry the whole title.
    painter->save();
    painter->setClipRect(label, Qt::IntersectClip);
    painter->drawText(label, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, text);
    painter->restore();
}

} // namespace Workplan
