#include "emptycanvashint.h"

#include "model/projectdocument.h"

#include <QEvent>

namespace Workplan {

EmptyCanvasHint::EmptyCanvasHint(ProjectDocument *document, QWidget *viewport)
    : QLabel(text(), viewport)
    , m_document(document)
{
    setObjectName(QStringLiteral("emptyCanvasHint"));
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setForegroundRole(QPalette::PlaceholderText);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    setFont(f);
    viewport->installEventFilter(this);
    setGeometry(viewport->rect());
    // Any change of the task list may empty or fill the plan.
    for (auto signal : {&ProjectDocument::projectReset, &ProjectDocument::changed})
        connect(document, signal, this, &EmptyCanvasHint::refresh);
    refresh();
}

QString EmptyCanvasHint::text()
{
    return tr("This plan has no tasks yet.\n"
              "Drag a task type from the palette onto the canvas, or press Insert to add one.\n"
              "Then drag from a card's right edge to another card to make a dependency.");
}

void EmptyCanvasHint::refresh()
{
    setVisible(m_document->project().taskCount() == 0);
}

bool EmptyCanvasHint::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QLabel::eventFilter(watched, event);
}

} // namespace Workplan
