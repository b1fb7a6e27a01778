#include "cardrenamer.h"

#include "carditem.h"
#include "graphscene.h"
#include "graphstyle.h"

#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QFocusEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QLineEdit>

namespace Workplan {

using namespace GraphStyle;

QRectF CardRenamer::titleRect()
{
    // Right of the type stripe, the title's two lines (carditem.cpp paints them there).
    return QRectF(28, 0, CardWidth - 28, 38);
}

CardRenamer *CardRenamer::active(const GraphScene *scene)
{
    return scene ? scene->findChild<CardRenamer *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

bool CardRenamer::start(GraphScene *scene, CardItem *card, const QPointF &scenePos, QWidget *viewport)
{
    auto *view = viewport ? qobject_cast<QGraphicsView *>(viewport->parentWidget()) : nullptr;
    if (!scene || !card || !view || card->isCollapsedSummary() || !card->task()
        || !titleRect().contains(card->mapFromScene(scenePos)))
        return false;
    if (CardRenamer *other = active(scene))
        other->commit();
    auto *renamer = new CardRenamer(scene, card->taskId(), view);
    return renamer->m_edit != nullptr;
}

CardRenamer::CardRenamer(GraphScene *scene, const QString &taskId, QGraphicsView *view)
    : QObject(scene)
    , m_scene(scene)
    , m_taskId(taskId)
    , m_view(view)
    , m_edit(new QLineEdit(view->viewport()))
{
    m_edit->setObjectName(QStringLiteral("cardRenameEdit"));
    m_edit->setAccessibleName(tr("Task title"));
    m_edit->setText(scene->document()->project().find(taskId)->title());
    m_edit->selectAll();
    m_edit->installEventFilter(this);
    // Placed once: a scroll moves the viewport's children with its picture.
    place();
    m_edit->show();
    m_edit->setFocus(Qt::MouseFocusReason);

    connect(m_edit, &QLineEdit::returnPressed, this, &CardRenamer::commit);
    ProjectDocument *document = scene->document();
    connect(document, &ProjectDocument::projectReset, this, &CardRenamer::cancel);
    connect(document, &ProjectDocument::taskRemoved, this, [this](const QString &id) {
        if (id == m_taskId)
            cancel();
    });
}

CardRenamer::~CardRenamer()
{
    // The scene went while the field was open: the field goes with it, renaming nothing.
    if (m_edit && !m_done) {
        m_edit->removeEventFilter(this);
        delete m_edit;
    }
}

// Over the title at the view's zoom, in a font that matches it, never too small to type in.
void CardRenamer::place()
{
    CardItem *card = m_scene->cardFor(m_taskId);
    if (!m_view || !m_edit || !card)
        return;
    const qreal zoom = m_view->transform().m11();
    QFont f = font(qBound(9, qRound(11 * zoom), 48), true);
    m_edit->setFont(f);
    const QRect r = m_view->mapFromScene(card->mapToScene(QRectF(28, 1, CardWidth - 34, 20))).boundingRect();
    const int height = qMax(r.height(), QFontMetrics(f).height() + 8);
    m_edit->setGeometry(r.left(), r.top(), qMax(r.width(), 140), height);
}

bool CardRenamer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit) {
        // A line edit ignores Esc; passed on, it would reach the canvas instead.
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            cancel();
            return true;
        }
        // Clicking elsewhere, or another window: the name typed so far stands. A popup
        // (the field's own context menu) is part of the editing.
        if (event->type() == QEvent::FocusOut
            && static_cast<QFocusEvent *>(event)->reason() != Qt::PopupFocusReason) {
            commit();
        }
    }
    return QObject::eventFilter(watched, event);
}

void CardRenamer::commit()
{
    if (m_done)
        return;
    const QString title = m_edit ? m_edit->text().trimmed() : QString();
    finish();
    ProjectDocument *document = m_scene->document();
    const Task *t = document->project().find(m_taskId);
    if (!t || title.isEmpty() || title == t->attributes.value(QLatin1String("title")).toString())
        return;
    // Its own undo text: each rename on the canvas is a step of its own.
    document->edits().setTitle(m_taskId, title, tr("Rename to %1").arg(title));
}

void CardRenamer::cancel()
{
    finish();
}

// Closes the field first, so nothing it does while going (losing focus) renames again.
void CardRenamer::finish()
{
    if (m_done)
        return;
    m_done = true;
    if (m_edit) {
        m_edit->removeEventFilter(this);
        const bool hadFocus = m_edit->hasFocus();
        m_edit->hide();
        m_edit->deleteLater();
        if (hadFocus && m_view)
            m_view->setFocus(Qt::OtherFocusReason);   // back to the canvas, for its keys
    }
    setParent(nullptr);   // no longer active() for the scene
    deleteLater();
}

} // namespace Workplan
