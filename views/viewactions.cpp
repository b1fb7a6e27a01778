#include "viewactions.h"

#include "analysiscontroller.h"
#include "graph/collapselevels.h"
#include "graph/findbar.h"
#include "graph/focusmode.h"
#include "graph/graphscene.h"
#include "graph/graphview.h"
#include "graph/minimap.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QApplication>
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

// Issue #16: Focus on Chain (F), Focus Critical Path, Find… (Ctrl+F), Find Next (F3) and
// Find Previous (Shift+F3). Their keys belong to the canvas (and the find bar on it):
// F in any text field elsewhere must still type an F.
QList<QAction *> addFocusAndFind(QMenu *menu, GraphView *view)
{
    auto *analysis = view->window()->findChild<AnalysisController *>();
    auto *focus = new FocusMode(view, analysis, view);
    auto *find = new FindBar(view);

    QAction *chain = add(menu, tr("Focus on &Chain"), "focusChainAction", {QKeySequence(Qt::Key_F)});
    chain->setCheckable(true);
    chain->setToolTip(tr("Show the selected task's prerequisites and dependents, fade the rest (Esc "
                         "returns). For a blocked task this is the chain of why it is blocked."));
    QAction *critical = add(menu, tr("Focus Critical &Path"), "focusCriticalPathAction", {});
    critical->setToolTip(tr("Show the critical path, fade the rest (Esc returns)"));
    QAction *findAction = add(menu, tr("&Find\u2026"), "findAction", {QKeySequence(QKeySequence::Find)});
    findAction->setToolTip(tr("Find a task on the canvas by title or id"));
    QAction *next = add(menu, tr("Find &Next"), "findNextAction", {QKeySequence(Qt::Key_F3)});
    QAction *previous = add(menu, tr("Find Pre&vious"), "findPreviousAction", {QKeySequence(Qt::SHIFT | Qt::Key_F3)});
    menu->addSeparator();
    const QList<QAction *> actions{chain, critical, findAction, next, previous};
    for (QAction *a : actions) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        view->addAction(a);
    }

    // F toggles: again on the same chain (or with nothing selected) it returns.
    QObject::connect(chain, &QAction::triggered, focus, [focus, chain] {
        focus->toggleChainOfSelection();
        chain->setChecked(focus->isActive());
    });
    QObject::connect(focus, &FocusMode::activeChanged, chain, &QAction::setChecked);
    QObject::connect(critical, &QAction::triggered, focus, &FocusMode::focusCriticalPath);
    QObject::connect(findAction, &QAction::triggered, find, &FindBar::open);
    QObject::connect(next, &QAction::triggered, find, &FindBar::findNext);
    QObject::connect(previous, &QAction::triggered, find, &FindBar::findPrevious);
    return actions;
}

// Issue #16, overview: View ▸ Minimap (Ctrl+M) and View ▸ Collapse ▸ Epics Only, Epics
// and Features, Expand All (graph/minimap.h, graph/collapselevels.h).
QList<QAction *> addOverview(QMenu *menu, GraphView *view)
{
    auto *minimap = new Minimap(view);
    QAction *toggle = add(menu, tr("&Minimap"), "minimapAction", {QKeySequence(Qt::CTRL | Qt::Key_M)});
    toggle->setCheckable(true);
    toggle->setToolTip(tr("Show the whole plan in a small box on the canvas; click or drag in it to move there"));
    QObject::connect(toggle, &QAction::toggled, minimap, &QWidget::setVisible);

    QMenu *collapse = menu->addMenu(tr("&Collapse"));
    collapse->setObjectName(QStringLiteral("collapseMenu"));
    using CollapseLevels::Level;
    const struct { const char *text; const char *name; Level level; const char *tip; } levels[] = {
        {QT_TRANSLATE_NOOP("Workplan::ViewActions", "&Epics Only"), "collapseEpicsAction", Level::EpicsOnly,
         QT_TRANSLATE_NOOP("Workplan::ViewActions", "Fold every top-level frame into one card")},
        {QT_TRANSLATE_NOOP("Workplan::ViewActions", "Epics and &Features"), "collapseFeaturesAction",
         Level::EpicsAndFeatures,
         QT_TRANSLATE_NOOP("Workplan::ViewActions", "Open the top-level frames, fold every frame inside them")},
        {QT_TRANSLATE_NOOP("Workplan::ViewActions", "E&xpand All"), "expandAllAction", Level::ExpandAll,
         QT_TRANSLATE_NOOP("Workplan::ViewActions", "Open every frame")},
    };
    QList<QAction *> actions{toggle};
    for (const auto &l : levels) {
        QAction *a = add(collapse, tr(l.text), l.name, {});
        a->setToolTip(tr(l.tip));
        const Level level = l.level;
        QObject::connect(a, &QAction::triggered, view, [view, level] {
            // Opening every frame of a 100k-task plan builds its cards and arrows (a couple
            // of seconds): the pointer says the window is busy meanwhile.
            QApplication::setOverrideCursor(Qt::WaitCursor);
            CollapseLevels::apply(view->graphScene(), level);
            QApplication::restoreOverrideCursor();
        });
        actions << a;
    }
    menu->addSeparator();
    return actions;
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

    const QList<QAction *> canvas = addFocusAndFind(menu, view) + addOverview(menu, view);

    auto *keys = new TimelineZoomKeys(menu);
    for (TimelineView *timeline : view->window()->findChildren<TimelineView *>())
        timeline->installEventFilter(keys);
    return QList<QAction *>{zoomIn, zoomOut, fit, actual, layout} + canvas;
}

} // namespace Workplan::ViewActions
