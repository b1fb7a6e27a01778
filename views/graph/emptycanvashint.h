#pragma once

#include <QLabel>

namespace Workplan {

class ProjectDocument;

// Over an empty canvas, how to start: a centred line of text that stays out of the way of
// drops and clicks (transparent for the mouse) and goes as soon as the plan has a task.
class EmptyCanvasHint : public QLabel
{
    Q_OBJECT
public:
    // `viewport` is the canvas view's viewport; the hint follows its size.
    EmptyCanvasHint(ProjectDocument *document, QWidget *viewport);

    static QString text();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();

    ProjectDocument *m_document;
};

} // namespace Workplan
