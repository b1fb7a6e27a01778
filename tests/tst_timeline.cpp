// The Timeline (Gantt) view, driven through real events on its viewport and name column:
// rows follow the hierarchy, bars follow the schedule (planned or with the team), dates
// label the header of a dated plan, and the selection is shared both ways.
#include "model/commands/changetaskcommand.h"
#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"
#include "views/analysiscontroller.h"
#include "views/analysispanel.h"
#include "views/mainwindow.h"
#include "views/riskpanel.h"
#include "views/taskfilterproxy.h"
#include "views/taskselection.h"
#include "views/tasktreemodel.h"
#include "views/tasktreewidget.h"
#include "views/timeline/timelineheader.h"
#include "views/timeline/timelineitems.h"
#include "views/timeline/timelinenames.h"
#include "views/timeline/timelinescene.h"
#include "views/timeline/timelineview.h"
#include "views/timeline/timelinewidget.h"

#include <QAction>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include "views/inspector.h"
#include <QtTest>

#include "testsupport.h"
#include "timelinefixture.h"

#include <memory>

using namespace Workplan;

namespace {

Project v2Example()
{
    QString error;
    auto p = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json"), &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    return *p;
}

// A document, its analysis, the shared selection and a shown timeline.
struct Fixture : WorkplanTest::TimelineFixture
{
    explicit Fixture(Project project) : TimelineFixture(std::move(project)) {}
    // The viewport point at the middle of a task's bar, scrolled into view first.
    QPoint barPoint(const QString &id) const
    {
        const QRectF bar = scene()->barRect(id);
        view()->ensureVisible(bar, 10, 10);
        return view()->mapFromScene(bar.center());
    }
};

QString id(const char *text) { return QString::fromLatin1(text); }

// The scene's picture of `area`, one pixel per scene unit.
QImage renderScene(TimelineScene *scene, const QRectF &area)
{
    QImage image(area.size().toSize(), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    scene->render(&painter, QRectF(QPointF(0, 0), area.size()), area);
    painter.end();
    return image;
}

// A line 1.5 px wide at a fractional x is blended with the background beside it: close in
// every channel is what "drawn in that colour" means.
bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) < 50 && std::abs(a.green() - b.green()) < 50 && std::abs(a.blue() - b.blue()) < 50;
}

QColor pixelAt(TimelineScene *scene, const QPointF &p)
{
    return renderScene(scene, QRectF(p.x() - 2, p.y() - 2, 5, 5)).pixelColor(2, 2);
}

// The main window on feature-development, shown, with its timeline and tree at hand.
struct WindowFixture
{
    MainWindow window;
    TimelineWidget *timeline = nullptr;
    TaskTreeWidget *tree = nullptr;

    WindowFixture()
    {
        window.document()->resetProject(WorkplanTest::loadExample("feature-development"));
        window.analysis()->refreshNow();
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            qWarning("main window not exposed");
        timeline = window.findChild<QDockWidget *>(QStringLiteral("TimelineDock"))->findChild<TimelineWidget *>();
        tree = window.findChild<TaskTreeWidget *>();
        timeline->scene()->flush();
    }
    TimelineScene *scene() const { return timeline->scene(); }
    QModelIndex treeIndex(const QString &task) const
    {
        return tree->proxy()->mapFromSource(tree->model()->indexOf(task));
    }
    // A click on the switch's button in the analysis panel's toolbar, as a person toggles it.
    void clickOverlay(int which) const
    {
        QAction *a = window.findChild<AnalysisPanel *>()->overlayActions().at(which);
        for (QToolButton *b : window.findChildren<QToolButton *>()) {
            if (b->defaultAction() == a && b->isVisible()) {
                QTest::mouseClick(b, Qt::LeftButton);
                return;
            }
        }
        a->trigger();   // squeezed into the toolbar's overflow menu
    }
};

} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT
private slots:
    void redArrowsAreTheEnginesCriticalArrows();
    void arrowsCarryTheirDependencyType();
    void doubleClickShowsTheTaskInTheInspector();
    void rowsFollowHierarchy();
    void collapseHidesChildren();
    void barsAreScheduleMapped();
    void clickSelectsTask();
    void selectionElsewhereHighlights();
    void keysAndWheel();
    void datedHeaderAndShading();
    void leveledMovesDelayedBars();
    void effortEditResizesBar();
    void editMovesExactlyTheBarsAFullRefreshWould();
    void largePlanOpensQuickly();
    void treeExpansionFollowsBothWays();
    void overlaySwitchesDriveTheChart();
    void quarterZoomLabels();
    void riskP80Marker();

public:
    TestTimeline() { QStandardPaths::setTestModeEnabled(true); }
};

void TestTimeline::rowsFollowHierarchy()
{
    Fixture f(WorkplanTest::loadExample("feature-development"));
    const TimelineRows &rows = f.scene()->rows();
    QCOMPARE(rows.count(), f.doc.project().taskCount());
    // Depth first: each row's parent is shown above it, one level less deep.
    for (int r = 0; r < rows.count(); ++r) {
        const Task *t = f.doc.project().find(rows.at(r).id);
        QVERIFY(t);
        if (t->parentId.isEmpty()) {
            QCOMPARE(rows.at(r).depth, 0);
        } else {
            const int parentRow = rows.rowOf(t->parentId);
            QVERIFY(parentRow >= 0 && parentRow < r);
            QCOMPARE(rows.at(r).depth, rows.at(parentRow).depth + 1);
        }
    }
    // The messaging feature's leaves follow it directly, before the next feature.
    const int feature = rows.rowOf(id("feature_message_system"));
    QCOMPARE(rows.at(feature + 1).id, id("arch_messaging_system"));
    QCOMPARE(rows.at(feature + 4).id, id("test_messaging_system"));
    QCOMPARE(rows.at(feature + 5).id, id("feature_user_presence"));
    // One bar item per row.
    for (int r = 0; r < rows.count(); ++r)
        QVERIFY(f.scene()->barFor(rows.at(r).id));
}

void TestTimeline::collapseHidesChildren()
{
    Fixture f(WorkplanTest::loadExample("feature-development"));
    const TimelineRows &rows = f.scene()->rows();
    const int before = rows.count();
    const int feature = rows.rowOf(id("feature_message_system"));
    TimelineNames *names = f.widget->names();
    // A click on the summary's triangle in the name column collapses it.
    QTest::mouseClick(names, Qt::LeftButton, {}, names->toggleRect(feature).center());
    QVERIFY(f.scene()->isCollapsed(id("feature_message_system")));
    QCOMPARE(rows.count(), before - 4);
    QCOMPARE(rows.rowOf(id("impl_websocket_server")), -1);
    QVERIFY(!f.scene()->barFor(id("impl_websocket_server")));
    QCOMPARE(rows.at(feature + 1).id, id("feature_user_presence"));
    // Its hidden leaf stands in through the summary's row.
    QCOMPARE(rows.shownRowOf(id("impl_websocket_server")), feature);
    // A click on the name (not the triangle) selects, and does not expand.
    QTest::mouseClick(names, Qt::LeftButton, {}, names->rowRect(feature).center() + QPoint(60, 0));
    QCOMPARE(f.selection.currentId(), id("feature_message_system"));
    QCOMPARE(rows.count(), before - 4);
    // Expanding brings the rows back in their place.
    QTest::mouseClick(names, Qt::LeftButton, {}, names->toggleRect(feature).center());
    QCOMPARE(rows.count(), before);
    QCOMPARE(rows.rowOf(id("impl_websocket_server")), feature + 2);
}

void TestTimeline::barsAreScheduleMapped()
{
    Fixture f(WorkplanTest::loadExample("feature-development"));
    const AnalysisResult *r = f.scene()->result();
    QVERIFY(r && r->analysis.hasSchedule());
    const TimelineScale &scale = f.scene()->scale();
    QVERIFY(!scale.hasDates());
    int checked = 0;
    for (const Task &t : f.doc.project().tasks()) {
        const auto times = r->times(t.id);
        QVERIFY(times);
        const QRectF bar = f.scene()->barRect(t.id);
        QVERIFY2(!bar.isEmpty(), qPrintable(t.id));
        QCOMPARE(bar.left(), times->es * scale.pixelsPerHour());
        QCOMPARE(bar.right(), std::max(times->ef * scale.pixelsPerHour(), bar.left() + 1));
        ++checked;
    }
    QCOMPARE(checked, 8);
    // The dependencies that count, one arrow each (none inside one row).
    QCOMPARE(int(f.scene()->arrowsItem()->arrows().size()), 4);
    // The summary spans its leaves.
    const QRectF epic = f.scene()->barRect(id("epic_real_time_chat"));
    QCOMPARE(epic.left(), 0.0);
    QCOMPARE(epic.right(), r->analysis.makespanHours * scale.pixelsPerHour());
}

void TestTimeline::clickSelectsTask()
{
    Fixture f(WorkplanTest::loadExample("feature-development"));
    for (const char *task : {"impl_message_storage", "test_messaging_system", "arch_messaging_system"}) {
        const QPoint p = f.barPoint(id(task));
        QTest::mouseClick(f.view()->viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(f.selection.currentId(), id(task));
        QVERIFY(f.scene()->isHighlighted(id(task)));
    }
}

void TestTimeline::selectionElsewhereHighlights()
{
    Fixture f(WorkplanTest::loadExample("feature-development"));
    f.widget->resize(500, 150);   // small, so the bar needs scrolling to
    f.view()->horizontalScrollBar()->setValue(0);
    f.view()->verticalScrollBar()->setValue(0);
    QSignalSpy rowsSpy(f.scene(), &TimelineScene::rowsChanged);
    f.selection.select(id("feature_chat_ui"));
    QVERIFY(f.scene()->isHighlighted(id("feature_chat_ui")));
    QVERIFY(!f.scene()->isHighlighted(id("epic_real_time_chat")));
    QVERIFY(rowsSpy.count() >= 1);   // the name column repaints its mark
    // Scrolled so the bar's start is in sight.
    const QRectF bar = f.scene()->barRect(id("feature_chat_ui"));
    const QPoint start = f.view()->mapFromScene(QPointF(bar.left() + 1, bar.center().y()));
    QVERIFY2(f.view()->viewport()->rect().contains(start),
             qPrintable(QStringLiteral("%1,%2").arg(start.x()).arg(start.y())));
}

void TestTimeline::keysAndWheel()
{
    Fixture f(WorkplanTest::loadExample("feature-development"));
    const TimelineRows &rows = f.scene()->rows();
    f.selection.select(rows.at(1).id);
    f.view()->setFocus();
    QTest::keyClick(f.view()->viewport(), Qt::Key_Down);
    QCOMPARE(f.selection.currentId(), rows.at(2).id);
    QTest::keyClick(f.view()->viewport(), Qt::Key_Up);
    QTest::keyClick(f.view()->viewport(), Qt::Key_Up);
    QCOMPARE(f.selection.currentId(), rows.at(0).id);
    QTest::keyClick(f.view()->viewport(), Qt::Key_Up);   // stays at the top
    QCOMPARE(f.selection.currentId(), rows.at(0).id);

    // Ctrl+wheel zooms in; the bars follow.
    const double before = f.scene()->scale().pixelsPerHour();
    const QPoint at = f.view()->viewport()->rect().center();
    QWheelEvent wheel(at, f.view()->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(f.view()->viewport(), &wheel);
    const double after = f.scene()->scale().pixelsPerHour();
    QVERIFY(after > before);
    const auto times = f.scene()->result()->times(id("test_messaging_system"));
    QCOMPARE(f.scene()->barRect(id("test_messaging_system")).left(), times->es * after);

    // The toolbar's levels set the zoom; Month hides the titles.
    f.widget->zoomAction(TimelineScale::Level::Month)->trigger();
    QCOMPARE(f.scene()->scale().level(), TimelineScale::Level::Month);
    QVERIFY(!f.scene()->showTexts());
    f.widget->fitAction()->trigger();
    QVERIFY(f.scene()->planWidth() <= f.view()->viewport()->width());
}

void TestTimeline::datedHeaderAndShading()
{
    Fixture f(v2Example());
    const TimelineScale &scale = f.scene()->scale();
    QVERIFY(scale.hasDates());
    f.widget->setZoomLevel(TimelineScale::Level::Day);
    f.view()->horizontalScrollBar()->setValue(f.view()->horizontalScrollBar()->minimum());
    const QStringList labels = f.widget->header()->labels(0) + f.widget->header()->labels(1);
    bool dated = false;
    for (const QString &l : labels)
        dated = dated || l.contains(QLatin1String("Jun")) || l.contains(QLatin1String("2025-06"));
    QVERIFY2(dated, qPrintable(labels.join(QLatin1Char('|'))));
    // The weekend and the holiday (Friday 2025-06-27) are shaded; Thursday is not.
    const QRectF all = f.scene()->sceneRect();
    const QVector<qint64> off = scale.nonWorkingDays(all.left(), all.right());
    QVERIFY(off.contains(QDate(2025, 6, 27).toJulianDay()));
    QVERIFY(off.contains(QDate(2025, 6, 28).toJulianDay()));
    QVERIFY(off.contains(QDate(2025, 6, 29).toJulianDay()));
    QVERIFY(!off.contains(QDate(2025, 6, 26).toJulianDay()));
    // ...and that shows in the picture: a row gap on the holiday is not white.
    const QImage image = f.view()->viewport()->grab().toImage();
    const double holidayX = scale.xOfDay(QDate(2025, 6, 27).toJulianDay()) + scale.dayWidth() / 2;
    const QPoint holiday = f.view()->mapFromScene(QPointF(holidayX, 0.5 * TimelineScene::RowHeight));
    const QPoint workday = f.view()->mapFromScene(QPointF(holidayX - scale.dayWidth(), 0.5 * TimelineScene::RowHeight));
    QVERIFY(f.view()->viewport()->rect().contains(holiday));
    QVERIFY(image.pixelColor(holiday) != image.pixelColor(workday));
    // Bars start at the calendar's readings: QA starts Monday 09:00 at x 0.
    QCOMPARE(f.scene()->barRect(id("qa_testing_2.4.0")).left(), 0.0);
    // A deadline is drawn in the plan: the scene reaches past 2025-07-02.
    QVERIFY(f.scene()->planWidth() >= scale.xOfDay(QDate(2025, 7, 2).toJulianDay()) - 1);

    f.widget->resize(1400, 380);
    f.widget->fitToWindow();
    f.selection.select(id("deploy_staging_2.4.0"));
    QVERIFY(f.widget->grab().save(QStringLiteral("/tmp/timeline.png")));
}

void TestTimeline::leveledMovesDelayedBars()
{
    Fixture f(v2Example());
    QAction *team = f.widget->teamAction();
    QVERIFY(team->isEnabled());
    QVERIFY(!team->isChecked());
    const TimelineScale &scale = f.scene()->scale();
    const QString perf = id("performance_validation_2.4.0");
    QCOMPARE(f.scene()->spanOf(perf)->start, 8.0);
    QCOMPARE(f.scene()->barRect(perf).left(), scale.startX(8));
    team->trigger();
    QCOMPARE(f.widget->schedule(), TimelineWidget::Schedule::Leveled);
    QCOMPARE(f.scene()->spanOf(perf)->start, 24.0);
    QCOMPARE(f.scene()->barRect(perf).left(), scale.startX(24));
    QVERIFY(scale.startX(24) > scale.startX(8));
    // The summary brackets the leveled leaves.
    const QRectF summary = f.scene()->barRect(id("release_2.4.0"));
    for (const Task &t : f.doc.project().tasks()) {
        if (!t.parentId.isEmpty()) {
            QVERIFY(summary.right() >= f.scene()->barRect(t.id).right() - 1e-9);
        }
    }
    f.widget->setSchedule(TimelineWidget::Schedule::Planned);
    QVERIFY(!team->isChecked());
    QCOMPARE(f.scene()->barRect(perf).left(), scale.startX(8));

    // Without a team there is no leveled schedule: the toggle is off and refuses.
    Fixture plain(WorkplanTest::loadExample("feature-development"));
    QVERIFY(!plain.widget->teamAction()->isEnabled());
    plain.widget->setSchedule(TimelineWidget::Schedule::Leveled);
    QCOMPARE(plain.widget->schedule(), TimelineWidget::Schedule::Planned);
}

void TestTimeline::effortEditResizesBar()
{
    Fixture f(WorkplanTest::loadExample("feature-development"));
    const QString task = id("impl_message_storage");
    TimelineBarItem *const item = f.scene()->barFor(task);
    const double before = f.scene()->barRect(task).width();
    f.doc.undoStack()->push(ChangeTaskCommand::setAttribute(&f.doc, task, QStringLiteral("estimated_effort"),
                                                            QStringLiteral("10 days")));
    f.analysis->refreshNow();
    const auto times = f.scene()->result()->times(task);
    QCOMPARE(times->ef - times->es, 80.0);
    const double after = f.scene()->barRect(task).width();
    QVERIFY(after > before);
    QCOMPARE(after, 80.0 * f.scene()->scale().pixelsPerHour());
    QCOMPARE(f.scene()->barFor(task), item);   // refreshed, not rebuilt
    f.doc.undoStack()->undo();
    f.analysis->refreshNow();
    QCOMPARE(f.scene()->barRect(task).width(), before);
}

// An edit refreshes only the bars of the tasks the analysis says changed: what it shows
// must be what refreshing every bar shows (a zoom step refreshes every bar), for the edited
// task, the tasks after it and their summaries alike.
void TestTimeline::editMovesExactlyTheBarsAFullRefreshWould()
{
    Fixture f(WorkplanTest::loadExample("feature-development"));
    const QString task = id("impl_message_storage");
    const double pph = f.scene()->scale().pixelsPerHour();
    auto allRects = [&f] {
        QList<QRectF> rects;
        for (const Task &t : f.doc.project().tasks())
            rects << f.scene()->barRect(t.id);
        return rects;
    };
    const QList<QRectF> before = allRects();
    f.doc.undoStack()->push(ChangeTaskCommand::setAttribute(&f.doc, task, QStringLiteral("estimated_effort"),
                                                            QStringLiteral("10 days")));
    f.analysis->refreshNow();
    const QList<QRectF> partial = allRects();
    QVERIFY(partial != before);
    int moved = 0;
    for (int i = 0; i < partial.size(); ++i)
        moved += partial.at(i) != before.at(i) ? 1 : 0;
    QVERIFY2(moved > 1, "the tasks after the edited one move too");
    f.scene()->setPixelsPerHour(pph * 2);
    f.scene()->setPixelsPerHour(pph);
    QCOMPARE(allRects(), partial);
}

void TestTimeline::largePlanOpensQuickly()
{
    // 10k tasks: 1000 summaries of 9 leaves, each leaf after the one before it.
    QList<Task> tasks;
    for (int s = 0; s < 1000; ++s) {
        Task summary;
        summary.id = QStringLiteral("s%1").arg(s);
        summary.type = QStringLiteral("epic");
        tasks << summary;
        for (int l = 0; l < 9; ++l) {
            Task t;
            t.id = QStringLiteral("s%1_%2").arg(s).arg(l);
            t.type = QStringLiteral("specialist_task");
            t.parentId = summary.id;
            t.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("%1 hours").arg(1 + l % 5));
            if (l > 0) {
                Dependency d;
                d.taskId = QStringLiteral("s%1_%2").arg(s).arg(l - 1);
                t.dependencies << d;
            }
            tasks << t;
        }
    }
    Project p;
    p.name = QStringLiteral("big");
    p.setTasks(tasks);
    ProjectDocument doc;
    doc.resetProject(p);
    AnalysisController analysis(&doc);
    TaskSelection selection;
    QElapsedTimer timer;
    timer.start();
    TimelineWidget widget(&doc, &analysis, &selection);
    widget.resize(1200, 600);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    widget.grab();   // the first paint
    const qint64 opened = timer.elapsed();
    qInfo("10k tasks: timeline open and painted in %lld ms", opened);
    QCOMPARE(widget.scene()->rows().count(), 10000);
    // Times are bench/timeline_bench's to measure, not asserted here (a loaded CI machine
    // must not fail a test); this checks that a large plan opens and the last row is reached.
    selection.select(QStringLiteral("s999_8"));
    widget.grab();
    QVERIFY(widget.scene()->isHighlighted(QStringLiteral("s999_8")));
}

// Issue #18.1: a summary closed in the task tree closes in the timeline and back, each
// side told once (no echo).
void TestTimeline::treeExpansionFollowsBothWays()
{
    WindowFixture f;
    const QString feature = id("feature_message_system");
    const int all = f.scene()->rows().count();
    QSignalSpy fromTree(f.tree, &TaskTreeWidget::expandedChanged);
    QSignalSpy fromTimeline(f.scene(), &TimelineScene::collapsedChanged);
    QTreeView *view = f.tree->view();
    const QModelIndex index = f.treeIndex(feature);
    QVERIFY(view->isExpanded(index));

    // In the tree: click the summary's row, then Left closes it.
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QCOMPARE(view->currentIndex(), index);
    QTest::keyClick(view, Qt::Key_Left);
    QVERIFY(!view->isExpanded(index));
    QCOMPARE(fromTree.count(), 1);
    QVERIFY(f.scene()->isCollapsed(feature));
    QCOMPARE(f.scene()->rows().count(), all - 4);
    QCOMPARE(fromTimeline.count(), 1);
    QVERIFY(!f.tree->isExpanded(feature));   // the echo changed nothing
    QCOMPARE(fromTree.count(), 1);

    // In the timeline: the triangle in the name column opens it in both.
    TimelineNames *names = f.timeline->names();
    const int row = f.scene()->rows().rowOf(feature);
    QTest::mouseClick(names, Qt::LeftButton, {}, names->toggleRect(row).center());
    QVERIFY(!f.scene()->isCollapsed(feature));
    QCOMPARE(f.scene()->rows().count(), all);
    QVERIFY(f.tree->isExpanded(feature));
    QCOMPARE(fromTimeline.count(), 2);
    QCOMPARE(fromTree.count(), 1);   // the tree was told, it did not tell back

    // ...and closes it in both; Right in the tree opens it again.
    QTest::mouseClick(names, Qt::LeftButton, {}, names->toggleRect(row).center());
    QVERIFY(!f.tree->isExpanded(feature));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Right);
    QVERIFY(f.tree->isExpanded(feature));
    QVERIFY(!f.scene()->isCollapsed(feature));
    QCOMPARE(f.scene()->rows().count(), all);
    QCOMPARE(fromTree.count(), 2);
    QCOMPARE(fromTimeline.count(), 4);
}

// Issue #14.4: which arrows are red on the planned schedule is the engine's word
// (AnalysisResult::isCriticalDependency), not worked out again by the timeline.
void TestTimeline::redArrowsAreTheEnginesCriticalArrows()
{
    WindowFixture f;
    TimelineScene *scene = f.scene();
    const AnalysisResult *r = scene->result();
    QVERIFY(r);
    int flagged = 0;
    for (int d = 0; d < int(r->snapshot.depPrereq.size()); ++d)
        flagged += r->snapshot.depCounts[std::size_t(d)] && r->isCriticalDependency(d);
    int red = 0;
    for (const TimelineArrowsItem::Arrow &a : scene->arrowsItem()->arrows())
        red += a.critical;
    QVERIFY(flagged > 0);
    QCOMPARE(red, flagged);
}

// Issue #18.2: the analysis panel's four switches decide what the timeline draws.
void TestTimeline::overlaySwitchesDriveTheChart()
{
    WindowFixture f;
    TimelineScene *scene = f.scene();
    const AnalysisResult *r = scene->result();
    QVERIFY(r);
    QVERIFY(scene->showCritical() && scene->showBlocked() && !scene->showParallelGroups() && !scene->showSlack());
    auto isRed = [](const QColor &c) { return c.red() > c.blue() + 40; };
    auto isBlue = [](const QColor &c) { return c.blue() > c.red() + 40; };

    // Critical: a critical bar is red while the switch is on, the plain blue when off, and
    // so are the arrows along the chain.
    QString critical;
    for (const Task &t : f.window.document()->project().tasks()) {
        TimelineBarItem *bar = scene->barFor(t.id);
        if (bar && bar->barShape() == TimelineBarItem::Shape::Bar && bar->isCritical() && !bar->isBlocked())
            critical = t.id;
    }
    QVERIFY(!critical.isEmpty());
    const QPointF middle = scene->barRect(critical).center();
    QVERIFY(isRed(pixelAt(scene, middle)));
    const auto redArrow = [&] {
        for (const TimelineArrowsItem::Arrow &a : scene->arrowsItem()->arrows()) {
            if (a.critical)
                return a;
        }
        return TimelineArrowsItem::Arrow();
    }();
    QVERIFY(redArrow.critical);
    // The arrow's vertical run, halfway between the rows.
    const QPointF arrowPoint(redArrow.to.x() - 3, redArrow.to.y());
    QVERIFY(isRed(pixelAt(scene, arrowPoint)));
    f.clickOverlay(0);
    QVERIFY(!scene->showCritical());
    QVERIFY(isBlue(pixelAt(scene, middle)));
    QVERIFY(!isRed(pixelAt(scene, arrowPoint)));
    f.clickOverlay(0);
    QVERIFY(isRed(pixelAt(scene, middle)));

    // Blocked: the blocked bar is hatched (two colours inside) only while on.
    const QString blocked = id("test_messaging_system");
    QVERIFY(scene->barFor(blocked)->isBlocked());
    auto colours = [&] {
        const QRectF inner = scene->barRect(blocked).adjusted(2, 2, -2, -2);
        const QImage image = renderScene(scene, inner);
        QSet<QRgb> seen;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                seen.insert(image.pixel(x, y));
        return seen.size();
    };
    QVERIFY(colours() >= 2);
    f.clickOverlay(1);
    QVERIFY(!scene->showBlocked());
    QCOMPARE(colours(), 1);
    f.clickOverlay(1);
    QVERIFY(colours() >= 2);

    // Parallel groups: a stripe in the group's colour under each leaf's bar, and the tooltip.
    TimelineBarItem *leaf = scene->barFor(critical);
    QVERIFY(leaf->wave() >= 0);
    const QRectF bar = scene->barRect(critical);
    const QPointF stripe(bar.center().x(), leaf->row() * TimelineScene::RowHeight + TimelineScene::RowHeight - 2.5);
    QVERIFY(pixelAt(scene, stripe).rgb() != TimelineBarItem::waveColor(leaf->wave()).rgb());
    f.clickOverlay(2);
    QVERIFY(scene->showParallelGroups());
    QCOMPARE(pixelAt(scene, stripe).rgb(), TimelineBarItem::waveColor(leaf->wave()).rgb());
    QVERIFY(scene->toolTipFor(critical).contains(QStringLiteral("Parallel group %1").arg(leaf->wave() + 1)));
    // Tooltips name tasks by title, the bar's own and what it waits on (issue #15).
    const Project &plan = f.window.document()->project();
    QVERIFY(scene->toolTipFor(critical).startsWith(QStringLiteral("<b>%1</b><br>").arg(plan.find(critical)->title().toHtmlEscaped())));
    int blockedTips = 0;
    for (const Task &t : plan.tasks()) {
        const QString tip = scene->toolTipFor(t.id);
        blockedTips += tip.contains(QLatin1String("waits on ")) ? 1 : 0;
        for (const Task &other : plan.tasks())
            QVERIFY2(!other.id.contains(QLatin1Char('_')) || !tip.contains(other.id), qPrintable(tip));
    }
    QVERIFY(blockedTips > 0);
    f.clickOverlay(2);
    QVERIFY(pixelAt(scene, stripe).rgb() != TimelineBarItem::waveColor(leaf->wave()).rgb());

    // Slack: a thin green tail from EF to LF of a task that may slip.
    QString slackTask;
    for (const Task &t : f.window.document()->project().tasks()) {
        const auto times = r->times(t.id);
        TimelineBarItem *item = scene->barFor(t.id);
        if (times && item && item->barShape() == TimelineBarItem::Shape::Bar
            && item->lateFinishX() > scene->barRect(t.id).right() + 8)
            slackTask = t.id;
    }
    QVERIFY(!slackTask.isEmpty());
    const QRectF slackBar = scene->barRect(slackTask);
    const QPointF tail((slackBar.right() + scene->barFor(slackTask)->lateFinishX()) / 2, slackBar.center().y());
    QCOMPARE(scene->barFor(slackTask)->lateFinishX(), scene->scale().finishX(r->times(slackTask)->lf));
    auto isGreen = [](const QColor &c) { return c.green() > c.red() + 40 && c.green() > c.blue() + 20; };
    QVERIFY(!isGreen(pixelAt(scene, tail)));
    f.clickOverlay(3);
    QVERIFY(scene->showSlack());
    QVERIFY(isGreen(pixelAt(scene, tail)));
    f.clickOverlay(3);
    QVERIFY(!isGreen(pixelAt(scene, tail)));
}

// Issue #18.3: Quarter shows quarters over months, dated ("Q2 2025" / "Jun") or not.
void TestTimeline::quarterZoomLabels()
{
    Fixture f(v2Example());
    QAction *quarter = f.widget->zoomAction(TimelineScale::Level::Quarter);
    QVERIFY(quarter);
    QCOMPARE(quarter->text(), QStringLiteral("Quarter"));
    quarter->trigger();
    QCOMPARE(f.scene()->scale().level(), TimelineScale::Level::Quarter);
    QVERIFY(quarter->isChecked());
    QVERIFY(!f.scene()->showTexts());
    f.view()->horizontalScrollBar()->setValue(f.view()->horizontalScrollBar()->minimum());
    const QStringList top = f.widget->header()->labels(0);
    const QStringList months = f.widget->header()->labels(1);
    QVERIFY2(top.contains(QStringLiteral("Q2 2025")) && top.contains(QStringLiteral("Q3 2025")),
             qPrintable(top.join(QLatin1Char('|'))));
    const QLocale locale;
    for (int m : {6, 7, 8})
        QVERIFY2(months.contains(locale.monthName(m, QLocale::ShortFormat)), qPrintable(months.join(QLatin1Char('|'))));
    // A quarter is three of the months below it.
    const QVector<TimelineScale::Tick> q = f.scene()->scale().ticks(0, 1, 0);
    const QVector<TimelineScale::Tick> m = f.scene()->scale().ticks(q.first().x, q.first().x + q.first().width - 1, 1);
    QCOMPARE(m.size(), 3);
    QCOMPARE(m.first().x, q.first().x);
    // Ctrl+wheel out of Month lands on Quarter too, and the toolbar follows.
    f.widget->zoomAction(TimelineScale::Level::Month)->trigger();
    const QPoint at = f.view()->viewport()->rect().center();
    for (int i = 0; i < 6 && f.scene()->scale().level() != TimelineScale::Level::Quarter; ++i) {
        QWheelEvent wheel(at, f.view()->viewport()->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(f.view()->viewport(), &wheel);
    }
    QCOMPARE(f.scene()->scale().level(), TimelineScale::Level::Quarter);
    QVERIFY(quarter->isChecked());

    // Without dates: "Quarter 1" over "M1".
    Fixture plain(WorkplanTest::loadExample("feature-development"));
    plain.widget->zoomAction(TimelineScale::Level::Quarter)->trigger();
    QCOMPARE(plain.scene()->scale().ticks(0, 1, 0).first().text, QStringLiteral("Quarter 1"));
    QCOMPARE(plain.scene()->scale().ticks(0, 1, 1).first().text, QStringLiteral("M1"));
}

// Issue #18.4: the risk panel's P80 finish is a dashed line on the timeline while the
// result is current; an edit makes it stale and takes the line away, a re-run brings it.
void TestTimeline::riskP80Marker()
{
    WindowFixture f;
    TimelineScene *scene = f.scene();
    QVERIFY(std::isnan(scene->riskP80()));
    QVERIFY(f.timeline->header()->markerLabel().isEmpty());
    f.window.findChild<QDockWidget *>(QStringLiteral("riskDock"))->raise();
    auto *panel = f.window.findChild<RiskPanel *>();
    panel->findChild<QSpinBox *>(QStringLiteral("riskRuns"))->setValue(500);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("riskRun")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), RiskPanel::State::Done, 30000);
    const double p80 = panel->currentP80();
    QVERIFY(!std::isnan(p80));
    QCOMPARE(scene->riskP80(), p80);
    double x = scene->riskP80X();
    QCOMPARE(x, scene->scale().finishX(p80));
    QVERIFY(scene->planWidth() >= x);
    // Drawn: the line's colour down the chart, and its label over the header. Fitting
    // changes the scale, so the line's x is read again after it.
    f.timeline->fitToWindow();
    x = scene->riskP80X();
    QCOMPARE(x, scene->scale().finishX(p80));
    bool marked = false;
    for (double y = 0; y < 4 * TimelineScene::RowHeight && !marked; y += 2)
        marked = near(pixelAt(scene, QPointF(x, y)), TimelineScene::P80Color);
    QVERIFY(marked);
    QVERIFY2(f.timeline->header()->markerLabel().startsWith(QStringLiteral("P80 ")),
             qPrintable(f.timeline->header()->markerLabel()));
    const QImage header = f.timeline->header()->grab().toImage();
    bool labelled = false;
    for (int hx = 0; hx < header.width() && !labelled; ++hx)
        labelled = header.pixelColor(hx, header.height() * 3 / 4).rgb() == TimelineScene::P80Color.rgb();
    QVERIFY(labelled);

    // An edit: the result is out of date, the marker goes.
    f.window.document()->undoStack()->push(ChangeTaskCommand::setAttribute(
        f.window.document(), id("impl_message_storage"), QStringLiteral("estimated_effort"), QStringLiteral("9 days")));
    QVERIFY(panel->isStale());
    QVERIFY(std::isnan(scene->riskP80()));
    QVERIFY(std::isnan(scene->riskP80X()));
    QVERIFY(f.timeline->header()->markerLabel().isEmpty());
    bool still = false;
    for (double y = 0; y < 4 * TimelineScene::RowHeight && !still; y += 2)
        still = pixelAt(scene, QPointF(x, y)).rgb() == TimelineScene::P80Color.rgb();
    QVERIFY(!still);
    // Run again: current, marked again.
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("riskRun")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), RiskPanel::State::Done, 30000);
    QVERIFY(!panel->isStale());
    QCOMPARE(scene->riskP80(), panel->currentP80());
}

// Arrows are drawn by dependency type as on the canvas (approval dashed, data dotted...):
// each drawn arrow knows its type.
void TestTimeline::arrowsCarryTheirDependencyType()
{
    Fixture f(WorkplanTest::loadExample("release-pipeline"));
    f.analysis->refreshNow();
    QApplication::processEvents();
    int approval = 0, completion = 0;
    for (const TimelineArrowsItem::Arrow &a : f.scene()->arrowsItem()->arrows()) {
        approval += a.type == DependencyType::Approval;
        completion += a.type == DependencyType::Completion;
    }
    QVERIFY(approval >= 1);
    QVERIFY(completion >= 1);
}

// A double-click on a task's row selects it and puts the inspector in front, its title
// field ready to type in.
void TestTimeline::doubleClickShowsTheTaskInTheInspector()
{
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openFile(WorkplanTest::testData(QStringLiteral("examples/feature-development.json"))));
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("InspectorDock"));
    QVERIFY(dock);
    dock->hide();
    auto *timeline = w.findChild<TimelineWidget *>();
    QVERIFY(timeline);
    w.analysis()->refreshNow();
    QApplication::processEvents();
    const QString id = timeline->scene()->rows().at(2).id;
    const QRectF bar = timeline->scene()->barRect(id);
    QVERIFY(!bar.isEmpty());
    const QPoint at = timeline->view()->mapFromScene(bar.center());
    QTest::mouseDClick(timeline->view()->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(w.findChild<TaskSelection *>()->currentId(), id);
    QVERIFY(dock->isVisible());
    QCOMPARE(w.findChild<Inspector *>()->taskId(), id);
}

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
