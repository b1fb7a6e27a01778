#pragma once

#include <QGraphicsView>
#include <QLineEdit>
#include <QObject>
#include <QPointer>
#include <QRectF>

namespace Workplan {

class CardItem;
class GraphScene;

// Renames a task in place: a line edit over the card's title in the view that was
// double-clicked. Enter, or leaving the field, renames the task as one undo step; Esc (or
// an empty title) leaves it as it was. One at a time per scene; a child of the scene that
// deletes itself when done.
class CardRenamer : public QObject
{
    Q_OBJECT
public:
    // Starts when `scenePos` is on the title of a task's card in `viewport` (a collapsed
    // summary's card keeps double-click for opening it). Returns whether it started.
    static bool start(GraphScene *scene, CardItem *card, const QPointF &scenePos, QWidget *viewport);
    // Where the title sits on a card, in the card's coordinates.
    static QRectF titleRect();
    // The rename under way in `scene`, or null.
    static CardRenamer *active(const GraphScene *scene);
    ~CardRenamer() override;

    QString taskId() const { return m_taskId; }
    QLineEdit *editor() const { return m_edit; }

    void commit();
    void cancel();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    CardRenamer(GraphScene *scene, const QString &taskId, QGraphicsView *view);
    void place();
    void finish();

    GraphScene *m_scene;
    QString m_taskId;
    QPointer<QGraphicsView> m_view;
    QPointer<QLineEdit> m_edit;
    bool m_done = false;
};

} // namespace Workplan
