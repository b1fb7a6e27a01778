#include "frameitem.h"

#include "graphscene.h"
#include "graphstyle.h"

#include "model/task.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace Workplan {

using namespace GraphStyle;

FrameItem::FrameItem(const QString &taskId, int depth)
    : NodeItem(taskId)
    , m_depth(depth)
{
    setFlag(ItemIsSelectable);
    setDepth(depth);
}

void FrameItem::setDepth(int depth)
{
    m_depth = depth;
    // Outer frames below inner ones, all below edges and cards.
    setZValue(-100 + depth);
}

void FrameItem::setFrameRect(const QRectF &rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
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
    if (lod < DetailThreshold)
        return;
    // The header is translucent over the canvas: darker ink on light, lighter on dark.
    const QColor canvas = scene() ? scene()->backgroundBrush().color() : QColor(Qt::white);
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
