#include "carditem.h"

#include "graphscene.h"
#include "graphstyle.h"

#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/tasklabel.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace Workplan {

using namespace GraphStyle;

namespace {

QColor riskColor()
{
    return QColor(0xb7, 0x1c, 0x1c);
}

// Sand brown: apart from the critical orange, the late red and the wave indigo nearby.
QColor delayedColor()
{
    return QColor(0x79, 0x55, 0x48);
}

} // namespace

CardItem::CardItem(const QString &taskId)
    : NodeItem(taskId)
{
    setFlag(ItemIsSelectable);
    setFlag(ItemIsFocusable);
    // Cards are many and their pictures change rarely: cache them in device pixels.
    setCacheMode(DeviceCoordinateCache);
    setZValue(1);
}

QRectF CardItem::boundingRect() const
{
    // Room for the selection outline, the port and the overlay badges.
    return QRectF(-4, -9, CardWidth + PortRadius + 8, CardHeight + 13);
}

QPainterPath CardItem::shape() const
{
    QPainterPath p;
    // Winding: with the default odd-even rule the half of the port that overlaps the card
    // was a hole, and a press there went to the arrows or the rubber band underneath.
    p.setFillRule(Qt::WindingFill);
    p.addRect(0, 0, CardWidth, CardHeight);
    p.addEllipse(QPointF(CardWidth, CardHeight / 2), PortRadius + 2, PortRadius + 2);
    return p;
}

QRectF CardItem::nodeSceneRect() const
{
    return QRectF(scenePos(), QSizeF(CardWidth, CardHeight));
}

QPointF CardItem::portScenePos() const
{
    return scenePos() + QPointF(CardWidth, CardHeight / 2);
}

QRectF CardItem::portHitRect(qreal viewScale) const
{
    // PortHitPixels square on screen, never smaller than the drawn port. Far out, where
    // that square is wider than half the card, it slides outwards: a quarter of the card
    // at most lies under it, so the card can still be moved by its body.
    const qreal half = std::max(PortHitPixels / 2 / std::max(viewScale, 1e-6), PortRadius + 2);
    const qreal inside = std::min(half, CardWidth / 4);
    const QPointF c = portScenePos();
    // At every zoom, however far out (issue #15: never under 14x14 screen pixels). Far out
    // the squares of neighbouring cards may overlap the gaps between them: the press goes to
    // the nearest port (GraphScene::linkSourceAt), and a rubber band starts in what is left
    // of the gaps between columns or outside the plan.
    return QRectF(c.x() - inside, c.y() - half, 2 * half, 2 * half);
}

QRectF CardItem::edgeGripRect(qreal viewScale) const
{
    // yEd and draw.io start a connection anywhere along a node's border; here its right
    // edge, where arrows leave.
    const qreal scale = std::max(viewScale, 1e-6);
    const qreal inside = std::min(EdgeGripPixels / scale, CardWidth / 4);
    const qreal outside = std::min(EdgeGripOutsidePixels / scale, (ColumnSpacing - CardWidth) / 2);
    const QRectF r = nodeSceneRect();
    return QRectF(r.right() - inside, r.top(), inside + outside, r.height());
}

CardItem::Grip CardItem::gripAt(const QPointF &scenePos, qreal viewScale) const
{
    if (portHitRect(viewScale).contains(scenePos))
        return Grip::Port;
    if (edgeGripRect(viewScale).contains(scenePos))
        return Grip::Edge;
    return Grip::None;
}

void CardItem::setCollapsedSummary(bool collapsed, int hiddenCount)
{
    if (m_collapsedSummary == collapsed && m_hiddenCount == hiddenCount)
        return;
    m_collapsedSummary = collapsed;
    m_hiddenCount = hiddenCount;
    update();
}

void CardItem::refresh()
{
    update();
}

QString CardItem::toolTipText() const
{
    const GraphScene *s = graphScene();
    const Task *t = task();
    if (!s || !t)
        return QString();
    const GraphScene::Overlay *o = s->overlay(taskId());
    // The title a person knows the task by; its id only when another task has that title.
    QString tip = taskLabels(*s->document())(t->id);
    if (o && o->blocked) {
        if (const QString why = s->blockedText(taskId()); !why.isEmpty())
            tip += QLatin1Char('\n') + why;
    }
    // A deadline is the user's own promise, not an overlay to switch off.
    if (o && o->lateBy > 0)
        tip += QLatin1Char('\n') + s->lateText(taskId());
    if (o && o->delayed())
        tip += QLatin1Char('\n') + s->delayedText(taskId());
    if (const double share = s->riskCriticality(taskId()); share >= 0)
        tip += QLatin1Char('\n') + GraphScene::tr("Critical in %1 % of runs").arg(qRound(share * 100));
    if (o && o->loop >= 0)
        tip += QLatin1Char('\n') + GraphScene::tr("In dependency loop %1: no schedule until it is broken").arg(o->loop + 1);
    if (m_collapsedSummary) {   // folded: what is inside, in figures (issue #16)
        tip += QLatin1Char('\n') + GraphScene::tr("%n task(s)", nullptr, m_hiddenCount);
        if (const QString figures = s->collapsedFiguresText(taskId()); !figures.isEmpty())
            tip += GraphScene::tr(" \u00b7 %1").arg(figures);
    }
    return tip;
}

void CardItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const Task *t = task();
    if (!t)
        return;
    const GraphScene *s = graphScene();
    const GraphScene::Overlay *o = s->overlay(taskId());
    const QRectF r(0, 0, CardWidth, CardHeight);
    const QColor tc = typeColor(t->type);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());

    const bool critical = s->showCritical() && o && o->critical;
    // The risk tint: white (never critical in a run) to deep red (critical in every run),
    // at most half way so the title stays readable.
    const double share = s->riskCriticality(taskId());
    auto tinted = [share](QColor base) {
        if (share <= 0)
            return base;
        const double k = 0.5 * std::min(share, 1.0);
        const QColor red = riskColor();
        return QColor::fromRgbF(float(base.redF() + (red.redF() - base.redF()) * k),
                                float(base.greenF() + (red.greenF() - base.greenF()) * k),
                                float(base.blueF() + (red.blueF() - base.blueF()) * k));
    };
    const bool inLoop = o && o->loop >= 0;
    QPen border(QColor(0x90a4ae), 1);
    if (critical)
        border = QPen(criticalColor(), 3);
    if (inLoop)
        border = QPen(loopColor(), 3, Qt::DashLine);
    if (isSelected())
        border = QPen(QColor(0x1565c0), 3);
    if (linkHint() == LinkHint::Allowed)
        border = QPen(QColor(0x2e7d32), 4);
    else if (linkHint() == LinkHint::Refused)
        border = QPen(QColor(0xc62828), 4);

    if (lod < DetailThreshold) {
        // Far away no title can be read (issue #16): a block in the type's colour, with the
        // status as a stripe along its foot, and no text at all.
        painter->setPen(border.color() == QColor(0x90a4ae) ? Qt::NoPen : border);
        painter->setBrush(tinted(m_collapsedSummary ? tc.lighter(130) : tc));
        painter->drawRect(r);
        painter->setPen(Qt::NoPen);
        painter->setBrush(statusColor(t->status));
        painter->drawRect(QRectF(0, CardHeight - StatusStripe, CardWidth, StatusStripe));
        return;
    }

    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(border);
    painter->setBrush(tinted(m_collapsedSummary ? QColor(0xeceff1) : QColor(Qt::white)));
    painter->drawRoundedRect(r, 6, 6);
    if (m_collapsedSummary) {   // a stack look: there is more inside
        painter->setPen(QPen(QColor(0x90a4ae), 1));
        painter->drawLine(QPointF(4, CardHeight + 3), QPointF(CardWidth - 4, CardHeight + 3));
    }
    paintDetail(painter, *t);

    // Output port.
    painter->setPen(QPen(QColor(0x37474f), 1.2));
    painter->setBrush(QColor(0xffffff));
    painter->drawEllipse(QPointF(CardWidth, CardHeight / 2), PortRadius, PortRadius);

    if (!o)
        return;
    if (s->showBlocked() && o->blocked) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(blockedColor());
        painter->drawEllipse(QPointF(0, 0), 8, 8);
        painter->setPen(Qt::white);
        painter->setFont(font(11, true));
        painter->drawText(QRectF(-8, -8, 16, 16), Qt::AlignCenter, QStringLiteral("!"));
    }
    if (o->lateBy > 0)
        paintLateFlag(painter);
    if (o->delayed())
        paintDelayedBadge(painter);
    if (inLoop) {
        // Which loop: a plan can hold several, and each needs its own fix.
        const QRectF b(CardWidth - 64, -8, 60, 15);
        painter->setPen(Qt::NoPen);
        painter->setBrush(loopColor());
        painter->drawRoundedRect(b, 7, 7);
        painter->setPen(Qt::white);
        painter->setFont(font(10, true));
        painter->drawText(b, Qt::AlignCenter, GraphScene::tr("\u21bb loop %1").arg(o->loop + 1));
    }
    if (s->showParallelGroups() && o->wave >= 0) {
        const QRectF b(CardWidth - 34, -8, 30, 15);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0x5c6bc0));
        painter->drawRoundedRect(b, 7, 7);
        painter->setPen(Qt::white);
        painter->setFont(font(10, true));
        // "G": the parallel group's number, the word the panel and tooltips use.
        painter->drawText(b, Qt::AlignCenter, QStringLiteral("G%1").arg(o->wave + 1));
    }
}

// A small red flag on the top edge, left of the loop and wave badges: past its deadline.
void CardItem::paintLateFlag(QPainter *painter)
{
    const QRectF b(CardWidth - 86, -8, 18, 15);
    painter->setPen(Qt::NoPen);
    painter->setBrush(blockedColor());
    painter->drawRoundedRect(b, 4, 4);
    painter->setPen(QPen(Qt::white, 1.4));
    const QPointF foot(b.left() + 6, b.bottom() - 2.5);
    painter->drawLine(foot, QPointF(foot.x(), b.top() + 2.5));
    painter->setPen(Qt::NoPen);
    painter->setBrush(Qt::white);
    const QPointF flag[] = {{foot.x(), b.top() + 2.5}, {b.right() - 3, b.top() + 5}, {foot.x(), b.top() + 7.5}};
    painter->drawPolygon(flag, 3);
}

// An hourglass on a sand-brown tab, left of the late flag: the team starts this task later than
// the plan alone would (§7). Drawn as shapes: an emoji font is not on every machine.
void CardItem::paintDelayedBadge(QPainter *painter)
{
    const QRectF b = delayedBadgeRect();
    painter->setPen(Qt::NoPen);
    painter->setBrush(delayedColor());
    painter->drawRoundedRect(b, 4, 4);
    const qreal l = b.left() + 5, r = b.right() - 5, t = b.top() + 3, m = b.center().y(), bottom = b.bottom() - 3;
    const qreal c = b.center().x();
    painter->setPen(QPen(Qt::white, 1.2));
    painter->drawLine(QPointF(l - 1, t), QPointF(r + 1, t));
    painter->drawLine(QPointF(l - 1, bottom), QPointF(r + 1, bottom));
    painter->setBrush(Qt::white);
    const QPointF top[] = {{l, t}, {r, t}, {c, m}};
    const QPointF low[] = {{c, m}, {l, bottom}, {r, bottom}};
    painter->drawPolygon(top, 3);
    painter->drawPolygon(low, 3);
}

QRectF CardItem::delayedBadgeRect()
{
    return QRectF(CardWidth - 108, -8, 18, 15);
}

// The words of `title` that fit on the first line, and the rest.
static std::pair<QString, QString> splitTitle(const QString &title, const QFontMetricsF &fm, qreal width)
{
    if (fm.horizontalAdvance(title) <= width)
        return {title, QString()};
    const QStringList words = title.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString first;
    int used = 0;
    for (const QString &w : words) {
        const QString candidate = first.isEmpty() ? w : first + QLatin1Char(' ') + w;
        if (!first.isEmpty() && fm.horizontalAdvance(candidate) > width)
            break;
        first = candidate;
        ++used;
    }
    if (fm.horizontalAdvance(first) > width)   // one long word: break it where it must
        return {fm.elidedText(first, Qt::ElideRight, width), QString()};
    return {first, words.mid(used).join(QLatin1Char(' '))};
}

void CardItem::paintDetail(QPainter *painter, const Task &t)
{
    const GraphScene *s = graphScene();
    const GraphScene::Overlay *o = s->overlay(taskId());
    const QColor tc = typeColor(t.type);

    // Type stripe with its glyph.
    painter->setPen(Qt::NoPen);
    painter->setBrush(tc);
    painter->drawRoundedRect(QRectF(0, 0, 26, CardHeight), 6, 6);
    painter->drawRect(QRectF(14, 0, 12, CardHeight));
    painter->setPen(Qt::white);
    painter->setFont(font(11, true));
    painter->drawText(QRectF(0, 0, 26, 26), Qt::AlignCenter, typeGlyph(t.type));

    // Title on up to two lines, so exports and prints carry it whole; only a title too
    // long for both lines is elided.
    painter->setPen(QColor(0x212121));
    const QFont titleFont = font(11, true);
    painter->setFont(titleFont);
    const QFontMetricsF fm(titleFont);
    const qreal width = CardWidth - 40;
    const auto [first, rest] = splitTitle(t.title(), fm, width);
    const QString figures = m_collapsedSummary ? s->collapsedFiguresText(taskId()) : QString();
    if (!figures.isEmpty()) {
        // A folded summary gives its second line to the figures of what it holds.
        painter->drawText(QRectF(32, 3, width, 16), Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(t.title(), Qt::ElideRight, width));
        painter->setFont(font(10));
        painter->setPen(QColor(0x546e7a));
        painter->drawText(QRectF(32, 19, width, 16), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(font(10)).elidedText(figures, Qt::ElideRight, width));
    } else {
        painter->drawText(QRectF(32, 3, width, 16), Qt::AlignLeft | Qt::AlignVCenter, first);
        if (!rest.isEmpty())
            painter->drawText(QRectF(32, 19, width, 16), Qt::AlignLeft | Qt::AlignVCenter,
                              fm.elidedText(rest, Qt::ElideRight, width));
    }

    // Effort (leaves) or the hidden count (collapsed summaries), and the slack, on the
    // bottom row beside the status badge.
    painter->setFont(font(10));
    painter->setPen(QColor(0x546e7a));
    QString line;
    if (m_collapsedSummary) {
        line = GraphScene::tr("\u25b8 %n task(s)", nullptr, m_hiddenCount);
    } else {
        const QJsonValue est = estimateValue(t.attributes);
        const auto hours = est.isUndefined() ? std::nullopt : parseEffort(est, s->document()->project().calendar);
        line = hours ? formatHours(*hours) : GraphScene::tr("no estimate");
    }
    if (s->showSlack() && o && o->slack >= 0) {
        line += GraphScene::tr(" \u00b7 slack %1").arg(formatHours(o->slack));
        if (o->slack < 1e-6)
            painter->setPen(criticalColor().darker(120));
    }
    painter->drawText(QRectF(32, CardHeight - 22, CardWidth - 44, 16), Qt::AlignRight | Qt::AlignVCenter, line);

    // Status badge.
    const QString status = toString(t.status);
    const QFont badgeFont = font(9, true);
    const qreal w = QFontMetricsF(badgeFont).horizontalAdvance(status) + 12;
    const QRectF badge(32, CardHeight - 21, w, 15);
    painter->setPen(Qt::NoPen);
    painter->setBrush(statusColor(t.status));
    painter->drawRoundedRect(badge, 7, 7);
    painter->setPen(Qt::white);
    painter->setFont(badgeFont);
    painter->drawText(badge, Qt::AlignCenter, status);
}

} // namespace Workplan
