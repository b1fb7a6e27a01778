#include "inspectorreadonly.h"

#include "model/projectdocument.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QChildEvent>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace Workplan {

namespace {

// Marks what this guard changed, so that leaving read-only undoes only that.
const char kMadeReadOnly[] = "workplanMadeReadOnly";
const char kEditTriggers[] = "workplanEditTriggers";

template<typename Field>
bool guardText(QWidget *widget, bool readOnly)
{
    auto *field = qobject_cast<Field *>(widget);
    if (!field)
        return false;
    if (readOnly && !field->isReadOnly()) {
        field->setReadOnly(true);
        field->setProperty(kMadeReadOnly, true);
    } else if (!readOnly && field->property(kMadeReadOnly).toBool()) {
        field->setReadOnly(false);
        field->setProperty(kMadeReadOnly, QVariant());
    }
    return true;
}

bool isChoice(QObject *object)
{
    return qobject_cast<QComboBox *>(object) || qobject_cast<QAbstractButton *>(object);
}

bool isCheckable(const QModelIndex &index)
{
    return index.isValid() && (index.flags() & Qt::ItemIsUserCheckable);
}

} // namespace

InspectorReadOnly::InspectorReadOnly(ProjectDocument *document, QWidget *panel)
    : QObject(panel)
    , m_document(document)
    , m_panel(panel)
{
    panel->installEventFilter(this);
    const QList<QWidget *> children = panel->findChildren<QWidget *>();
    for (QWidget *child : children)
        child->installEventFilter(this);
    connect(document, &ProjectDocument::readOnlyChanged, this, &InspectorReadOnly::applyAll);
    if (document->isReadOnly())
        applyAll(true);
}

void InspectorReadOnly::applyAll(bool readOnly)
{
    apply(m_panel, readOnly);
    const QList<QWidget *> children = m_panel->findChildren<QWidget *>();
    for (QWidget *child : children)
        apply(child, readOnly);
}

void InspectorReadOnly::apply(QWidget *widget, bool readOnly)
{
    if (guardText<QLineEdit>(widget, readOnly) || guardText<QPlainTextEdit>(widget, readOnly)
        || guardText<QTextEdit>(widget, readOnly) || guardText<QAbstractSpinBox>(widget, readOnly))
        return;
    if (auto *view = qobject_cast<QAbstractItemView *>(widget)) {
        if (readOnly && !view->property(kEditTriggers).isValid()) {
            view->setProperty(kEditTriggers, int(view->editTriggers()));
            view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        } else if (!readOnly && view->property(kEditTriggers).isValid()) {
            view->setEditTriggers(QAbstractItemView::EditTriggers(view->property(kEditTriggers).toInt()));
            view->setProperty(kEditTriggers, QVariant());
        }
    }
}

bool InspectorReadOnly::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::ChildAdded: {
        // Only QWidget's part of the child is built yet: watch it now, look at it when it
        // is polished (before it first shows).
        QObject *child = static_cast<QChildEvent *>(event)->child();
        if (child->isWidgetType())
            child->installEventFilter(this);
        return false;
    }
    case QEvent::Polish:
        if (m_document->isReadOnly() && watched->isWidgetType())
            apply(static_cast<QWidget *>(watched), true);
        return false;
    default:
        return m_document->isReadOnly() && blocks(watched, event);
    }
}

// The input that would change a choice, a button or a table's check box.
bool InspectorReadOnly::blocks(QObject *watched, QEvent *event) const
{
    const QEvent::Type type = event->type();
    const bool mouse = type == QEvent::MouseButtonPress || type == QEvent::MouseButtonRelease
        || type == QEvent::MouseButtonDblClick;
    const bool key = type == QEvent::KeyPress || type == QEvent::KeyRelease;
    if (isChoice(watched)) {
        if (key) {
            // Tab still moves on.
            const int k = static_cast<QKeyEvent *>(event)->key();
            return k != Qt::Key_Tab && k != Qt::Key_Backtab;
        }
        return mouse || type == QEvent::Wheel;
    }
    // A table's check box toggles on the release over it, or on Space / Select; a press
    // still selects the row. (A combo box's popup is a window of its own: not ours.)
    auto *view = qobject_cast<QAbstractItemView *>(watched ? watched->parent() : nullptr);
    if (view && view->viewport() == watched && view->window() == m_panel->window()) {
        if (type == QEvent::MouseButtonRelease || type == QEvent::MouseButtonDblClick)
            return isCheckable(view->indexAt(static_cast<QMouseEvent *>(event)->position().toPoint()));
        return false;
    }
    view = qobject_cast<QAbstractItemView *>(watched);
    if (view && type == QEvent::KeyPress) {
        const int k = static_cast<QKeyEvent *>(event)->key();
        return (k == Qt::Key_Space || k == Qt::Key_Select) && isCheckable(view->currentIndex());
    }
    return false;
}

} // namespace Workplan
