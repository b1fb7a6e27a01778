#include "viewactions.h"

#include "graph/graphscene.h"
#include "graph/graphview.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QMenu>

namespace Workplan::ViewActions {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workplan::ViewActions", text);
}

// A window shortcut is looked up before the focused widget sees the key. The timeline
// zooms its own time axis on Ctrl+plus/minus; accepting the override hands it the key.
class TimelineZoomKeys : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::ShortcutOverride) {
            auto *key = static_cast<QKeyEvent *>(event);
            const bool zoomKey = key->key() == Qt::Key_Plus || key->key() == Qt::Key_Equal
                || key->key() == Qt::Key_Minus;
            if (zoomKey && (key->modifiers() & Qt::ControlModifier)) {
                event->accept();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

QAction *add(QMenu *menu, const QString &text, const char *name, const QList<QKeySequence> &keys)
{
    auto *action = new QAction(text, menu);
    action->setObjectName(QLatin1String(name));
    action->setShortcuts(keys);
    menu->addAction(action);
    return action;
}

} // namespace

QList<QAction *> populate(QMenu *menu, GraphView *view)
{
    if (!menu || !view)
        return {};
    // One key each, as the menus show them. (Ctrl+Shift+= reaches Ctrl++ through the
    // keyboard layout; the canvas itself also takes Ctrl+= while it has the focus.)
    QAction *zoomIn = add(menu, tr("Zoom &In"), "zoomInAction", {QKeySequence(QKeySequence::ZoomIn)});
    QAction *zoomOut = add(menu, tr("Zoom &Out"), "zoomOutAction", {QKeySequence(QKeySequence::ZoomOut)});
    QAction *fit = add(menu, tr("&Fit to Window"), "fitToWindowAction", {QKeySequence(Qt::CTRL | Qt::Key_0)});
    QAction *actual = add(menu, tr("&Actual Size (100 %)"), "actualSizeAction", {QKeySequence(Qt::CTRL | Qt::Key_1)});
    menu->addSeparator();
    QAction *layout = add(menu, tr("&Lay Out Plan"), "layOutPlanAction", {QKeySequence(Qt::CTRL | Qt::Key_L)});
    layout->setToolTip(tr("Place every card by the dependencies (one undo step)"));
    menu->addSeparator();

    QObject::connect(zoomIn, &QAction::triggered, view, &GraphView::zoomIn);
    QObject::connect(zoomOut, &QAction::triggered, view, &GraphView::zoomOut);
    QObject::connect(fit, &QAction::triggered, view, &GraphView::fitToWindow);
    QObject::connect(actual, &QAction::triggered, view, [view] { view->setZoom(1.0); });
    // The new layout is seen whole; the positions are one command, so one undo puts the
    // cards back.
    QObject::connect(layout, &QAction::triggered, view, [view] {
        view->graphScene()->autoLayout();
        view->fitToWindow();
    });

    auto *keys = new TimelineZoomKeys(menu);
    for (TimelineView *timeline : view->window()->findChildren<TimelineView *>())
        timeline->installEventFilter(keys);
    return {zoomIn, zoomOut, fit, actual, layout};
}

} // namespace Workplan::ViewActions
