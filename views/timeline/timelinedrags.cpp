// TimelineInteraction: what each drag shows while it runs and the one command it pushes.
#include "timelineinteraction.h"

#include "timelineedits.h"
#include "timelinescene.h"
#include "timelineview.h"

#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/tasklabel.h"

#include <QDate>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QLocale>
#include <QPen>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace Workplan {

namespace {
const QColor AllowedColor(0x2e, 0x7d, 0x32);
const QColor RefusedColor(0xd0, 0x3b, 0x3b);
const QLatin1String kNotBefore("not_before");

QString momentText(const Moment &m, int dayStart)
{
    const QString date = QLocale().toString(QDate::fromJulianDay(m.day), QStringLiteral("ddd d MMM yyyy"));
    if (int(m.minute) == dayStart)
        return date;
    const int minute = int(std::lround(m.minute));
    return QStringLiteral("%1 %2:%3").arg(date).arg(minute / 60).arg(minute % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

double TimelineInteraction::snappedHours(double dx) const
{
    const std::optional<TimelineSpan> span = m_scene->spanOf(m_id);
    if (!span)
        return 0;
    const TimelineScale &scale = m_scene->scale();
    const double step = TimelineEdits::effortStep(scale);
    const double hours = TimelineEdits::hoursAtX(scale, m_bar.right() + dx) - span->start;
    // Never down to nothing: a zero estimate would turn the bar into a milestone.
    return std::max(step, std::round(hours / step) * step);
}

void TimelineInteraction::updateMove(double dx)
{
    if (!m_ghost)
        return;   // no project start: said at the start of the drag
    const TimelineScale &scale = m_scene->scale();
    const auto drop = TimelineEdits::notBeforeAt(scale, m_bar.left() + dx);
    if (!drop)
        return;
    const double x = scale.xOfMoment(drop->moment);
    m_ghost->setRect(m_bar.translated(x - m_bar.left(), 0));
    const QString text = tr("Not before %1").arg(momentText(drop->moment, scale.dates()->dayStartMinute()));
    m_lastMessage = text;
    QToolTip::showText(m_view->viewport()->mapToGlobal(m_view->mapFromScene(m_ghost->rect().topLeft())),
                       text, m_view->viewport());
}

void TimelineInteraction::updateResize(double dx)
{
    const std::optional<TimelineSpan> span = m_scene->spanOf(m_id);
    if (!m_ghost || !span)
        return;
    const double hours = snappedHours(dx);
    const double right = m_scene->scale().finishX(span->start + hours);
    m_ghost->setRect(QRectF(m_bar.left(), m_bar.top(), std::max(1.0, right - m_bar.left()), m_bar.height()));
    const Task *task = m_scene->document()->project().find(m_id);
    if (!task)
        return;
    const QString name = TimelineEdits::effortAttribute(task->attributes);
    const QJsonValue value = TimelineEdits::effortValue(task->attributes.value(name), hours,
                                                        m_scene->document()->project().calendar);
    const QString text = value.isDouble() ? formatHours(value.toDouble()) : value.toString();
    m_lastMessage = text;
    QToolTip::showText(m_view->viewport()->mapToGlobal(m_view->mapFromScene(QPointF(right, m_bar.top()))),
                       text, m_view->viewport());
}

QString TimelineInteraction::linkTargetAt(const QPointF &scenePos) const
{
    const int row = int(std::floor(scenePos.y() / TimelineScene::RowHeight));
    if (row < 0 || row >= m_scene->rows().count())
        return QString();
    const QString &id = m_scene->rows().at(row).id;
    const QRectF bar = m_scene->barRect(id);
    // A few pixels of slack: bars can be a pixel wide when zoomed out.
    if (bar.isEmpty() || scenePos.x() < bar.left() - 6 || scenePos.x() > bar.right() + 6)
        return QString();
    return id;
}

void TimelineInteraction::updateLink(const QPointF &scenePos, const QPoint &viewportPos)
{
    const QPointF from(m_bar.right(), m_bar.center().y());
    QPainterPath path(from);
    path.lineTo(scenePos);
    m_line->setPath(path);
    const QString target = linkTargetAt(scenePos);
    // The loop check is O(V + E): only redone when the hovered task changes.
    if (m_hasTarget && target == m_target)
        return;
    m_hasTarget = true;
    m_target = target;
    if (target.isEmpty()) {
        m_targetProblem.clear();
        m_line->setPen(QPen(QColor(0x70, 0x76, 0x80), 1.5, Qt::DashLine));
        QToolTip::hideText();
        return;
    }
    m_targetProblem = m_scene->document()->dependencyProblem(target, m_id, DependencyType::Completion);
    const bool refused = !m_targetProblem.isEmpty();
    m_line->setPen(QPen(refused ? RefusedColor : AllowedColor, 2, refused ? Qt::DashLine : Qt::SolidLine));
    say(refused ? m_targetProblem : tr("%1 will wait for %2.").arg(titleOf(target), titleOf(m_id)), viewportPos);
}

void TimelineInteraction::finishMove(double dx)
{
    const bool dated = m_scene->scale().hasDates();
    const auto drop = TimelineEdits::notBeforeAt(m_scene->scale(), m_bar.left() + dx);
    const QString id = m_id;
    const QPoint at = m_pressPos;
    cancel();
    m_view->viewport()->unsetCursor();
    ProjectDocument *document = m_scene->document();
    const Task *task = document->project().find(id);
    if (!dated) {
        say(tr("Moving a bar sets its \u201cnot before\u201d date, which needs a project start "
               "(Project \u25b8 Properties). Nothing was changed."), at);
        return;
    }
    if (!task || !drop)
        return;
    if (task->attributes.value(kNotBefore).toString() == drop->text) {
        say(tr("%1 already starts no earlier than %2.").arg(titleOf(id), drop->text));
        return;
    }
    const bool waits = !task->dependencies.isEmpty();
    // A step of its own: two drags of the same bar are two steps to undo.
    document->edits().setAttributeStep(id, kNotBefore, drop->text,
                                       tr("Move %1 to %2").arg(taskLabels(*document).quoted(id), drop->text));
    QString text = tr("%1 starts no earlier than %2.").arg(titleOf(id), drop->text);
    if (dx < 0 && waits)
        text += QLatin1Char(' ') + tr("Its dependencies may still keep it later.");
    say(text);
}

void TimelineInteraction::finishResize(double dx)
{
    const double hours = snappedHours(dx);
    const QString id = m_id;
    cancel();
    m_view->viewport()->unsetCursor();
    ProjectDocument *document = m_scene->document();
    const Task *task = document->project().find(id);
    if (!task || hours <= 0)
        return;
    const QString name = TimelineEdits::effortAttribute(task->attributes);
    const QJsonValue old = task->attributes.value(name);
    const QJsonValue value = TimelineEdits::effortValue(old, hours, document->project().calendar);
    if (value == old)
        return;
    const QString text = value.isDouble() ? formatHours(value.toDouble()) : value.toString();
    document->edits().setAttributeStep(id, name, value,
                                       tr("Set %1 of %2 to %3").arg(name, taskLabels(*document).quoted(id), text));
    say(tr("%1: %2 %3.").arg(titleOf(id), name, text));
}

void TimelineInteraction::finishLink(const QPointF &scenePos, const QPoint &viewportPos)
{
    const QString from = m_id;
    const QString target = linkTargetAt(scenePos);
    cancel();
    QToolTip::hideText();
    if (target.isEmpty()) {
        say(tr("No dependency: the drop was not on a task."));
        return;
    }
    ProjectDocument *document = m_scene->document();
    const EditResult result = document->edits().link(target, from, DependencyType::Completion);
    if (!result) {
        say(result.problem, viewportPos);   // refused: nothing is created
        return;
    }
    say(tr("%1 now waits for %2.").arg(titleOf(target), titleOf(from)));
}

} // namespace Workplan
