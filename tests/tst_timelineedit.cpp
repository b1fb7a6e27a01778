// Editing on the Timeline (issue #18 points 4 and 8), through real mouse events on the
// chart's viewport: a bar dragged sideways sets `not_before`, its right end sets the
// estimate in the task's own unit, a Shift-drag between bars draws a dependency with the
// canvas's refusal of loops, and a tiny drag is only a click. Each edit is one undo step.
// Then `workplan export --timeline`, headless.
#include "model/commands/changetaskcommand.h"
#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"
#include "views/analysiscontroller.h"
#include "views/taskselection.h"
#include "views/timeline/timelineedits.h"
#include "views/timeline/timelineinteraction.h"
#include "views/timeline/timelineitems.h"
#include "views/timeline/timelinescene.h"
#include "views/timeline/timelineview.h"
#include "views/timeline/timelinewidget.h"

#include <QImage>
#include <QMainWindow>
#include <QScrollBar>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QUndoStack>
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

QString id(const char *text) { return QString::fromLatin1(text); }

struct Fixture : WorkplanTest::TimelineFixture
{
    explicit Fixture(Project project) : TimelineFixture(std::move(project), 1400) {}
    QWidget *viewport() const { return widget->view()->viewport(); }
    TimelineInteraction *interaction() const { return widget->view()->interaction(); }
    const Task *task(const QString &taskId) const { return doc.project().find(taskId); }

    void zoom(TimelineScale::Level level)
    {
        widget->setZoomLevel(level);
        view()->horizontalScrollBar()->setValue(view()->horizontalScrollBar()->minimum());
        view()->verticalScrollBar()->setValue(0);
    }
    // The viewport point of a scene point, which must be in sight.
    QPoint at(const QPointF &scenePos) const
    {
        const QPoint p = view()->mapFromScene(scenePos);
        if (!viewport()->rect().contains(p))
            qWarning("point %d,%d is outside the viewport", p.x(), p.y());
        return p;
    }
    // Press, move in a few steps with the button held, release: what a hand does.
    void drag(const QPoint &from, const QPoint &to, Qt::KeyboardModifiers modifiers = {})
    {
        QTest::mousePress(viewport(), Qt::LeftButton, modifiers, from);
        for (int i = 1; i <= 4; ++i)
            QTest::mouseMove(viewport(), from + (to - from) * i / 4);
        QTest::mouseRelease(viewport(), Qt::LeftButton, modifiers, to);
    }
    int dependencyCount() const
    {
        int n = 0;
        for (const Task &t : doc.project().tasks())
            n += int(t.dependencies.size());
        return n;
    }
};

} // namespace

class TestTimelineEdit : public QObject
{
    Q_OBJECT
private slots:
    void effortTexts_data();
    void effortTexts();
    void dragSetsNotBefore();
    void dragAtHourZoomSnapsToHours();
    void dragWithoutStartChangesNothing();
    void resizeKeepsTheUnit();
    void shiftDragCreatesOneDependency();
    void loopIsRefused();
    void tinyDragOnlySelects();
    void readOnlyDragsNothing();
    void messagesReachStatusBar();
    void exportTimelineCli();
};

void TestTimelineEdit::effortTexts_data()
{
    QTest::addColumn<QJsonValue>("old");
    QTest::addColumn<double>("hours");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("days") << QJsonValue(QStringLiteral("3 days")) << 32.0 << QJsonValue(QStringLiteral("4 days"));
    QTest::newRow("one day") << QJsonValue(QStringLiteral("2 days")) << 8.0 << QJsonValue(QStringLiteral("1 day"));
    QTest::newRow("short unit") << QJsonValue(QStringLiteral("2h")) << 3.25 << QJsonValue(QStringLiteral("3.25h"));
    QTest::newRow("minutes") << QJsonValue(QStringLiteral("30 minutes")) << 0.75 << QJsonValue(QStringLiteral("45 minutes"));
    QTest::newRow("weeks") << QJsonValue(QStringLiteral("1 week")) << 60.0 << QJsonValue(QStringLiteral("1.5 weeks"));
    QTest::newRow("range") << QJsonValue(QStringLiteral("2-4 days")) << 32.0 << QJsonValue(QStringLiteral("3-5 days"));
    QTest::newRow("number") << QJsonValue(6) << 7.5 << QJsonValue(7.5);
    QTest::newRow("unreadable") << QJsonValue(QStringLiteral("soon")) << 7.0 << QJsonValue(QStringLiteral("7 hours"));
    QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined) << 2.0 << QJsonValue(QStringLiteral("2 hours"));
}

void TestTimelineEdit::effortTexts()
{
    QFETCH(QJsonValue, old);
    QFETCH(double, hours);
    QFETCH(QJsonValue, expected);
    QCOMPARE(TimelineEdits::effortValue(old, hours, Calendar()), expected);
}

void TestTimelineEdit::dragSetsNotBefore()
{
    Fixture f(v2Example());
    f.zoom(TimelineScale::Level::Day);
    const QString qa = id("qa_testing_2.4.0");   // "3 days", no prerequisites, Mon 23 Jun
    const QRectF bar = f.scene()->barRect(qa);
    QCOMPARE(bar.left(), 0.0);
    const double day = f.scene()->scale().dayWidth();
    const int steps = f.doc.undoStack()->count();
    // Two days to the right, a little off the day boundary: snapped to Wednesday's start.
    const QPoint from = f.at(QPointF(bar.left() + 30, bar.center().y()));
    f.drag(from, from + QPoint(int(2 * day) + 9, 3));
    QCOMPARE(f.task(qa)->attributes.value(QStringLiteral("not_before")).toString(), QStringLiteral("2025-06-25"));
    QCOMPARE(f.doc.undoStack()->count(), steps + 1);
    QVERIFY2(f.interaction()->lastMessage().contains(QLatin1String("2025-06-25")),
             qPrintable(f.interaction()->lastMessage()));
    f.analysis->refreshNow();
    const double wednesday = f.scene()->scale().xOfDay(QDate(2025, 6, 25).toJulianDay());
    QCOMPARE(f.scene()->barRect(qa).left(), wednesday);
    // One undo step takes it back.
    f.doc.undoStack()->undo();
    QVERIFY(!f.task(qa)->attributes.contains(QStringLiteral("not_before")));
    f.analysis->refreshNow();
    QCOMPARE(f.scene()->barRect(qa).left(), 0.0);
}

// A read-only project (a team project offline, a file held elsewhere): a bar dragged
// sideways, its end dragged and a Shift-drag between bars change nothing and push nothing.
void TestTimelineEdit::readOnlyDragsNothing()
{
    Fixture f(v2Example());
    f.zoom(TimelineScale::Level::Day);
    f.doc.setReadOnly(true, QStringLiteral("Offline"));
    const QString qa = id("qa_testing_2.4.0");
    const QRectF bar = f.scene()->barRect(qa);
    const double day = f.scene()->scale().dayWidth();
    const QByteArray before = JsonFormat::write(f.doc.project());
    const int dependencies = f.dependencyCount();
    const QPoint body = f.at(QPointF(bar.left() + 30, bar.center().y()));
    f.drag(body, body + QPoint(int(2 * day) + 9, 3));
    const QPoint end = f.at(QPointF(bar.right() - 2, bar.center().y()));
    f.drag(end, end + QPoint(int(day), 0));
    const QString other = f.doc.project().tasks().last().id;
    f.drag(body, f.at(f.scene()->barRect(other).center()), Qt::ShiftModifier);
    QCOMPARE(f.doc.undoStack()->count(), 0);
    QCOMPARE(f.dependencyCount(), dependencies);
    QCOMPARE(JsonFormat::write(f.doc.project()), before);
    f.analysis->refreshNow();
    QCOMPARE(f.scene()->barRect(qa), bar);

    // Editable again, the same drag moves the bar.
    f.doc.setReadOnly(false);
    f.drag(body, body + QPoint(int(2 * day) + 9, 3));
    QCOMPARE(f.task(qa)->attributes.value(QStringLiteral("not_before")).toString(), QStringLiteral("2025-06-25"));
}

void TestTimelineEdit::dragAtHourZoomSnapsToHours()
{
    Fixture f(v2Example());
    f.zoom(TimelineScale::Level::Hour);
    const QString qa = id("qa_testing_2.4.0");
    const double hour = f.scene()->scale().pixelsPerHour();
    const QRectF bar = f.scene()->barRect(qa);
    const QPoint from = f.at(QPointF(bar.left() + 20, bar.center().y()));
    f.drag(from, from + QPoint(int(2 * hour) + 10, 0));
    // Two hours into Monday (day start 09:00) and a bit: 11:00, with its time.
    QCOMPARE(f.task(qa)->attributes.value(QStringLiteral("not_before")).toString(), QStringLiteral("2025-06-23T11:00"));
    f.doc.undoStack()->undo();
    QVERIFY(!f.task(qa)->attributes.contains(QStringLiteral("not_before")));
}

void TestTimelineEdit::dragWithoutStartChangesNothing()
{
    Fixture f(WorkplanTest::loadExample("feature-development"));
    QVERIFY(!f.scene()->scale().hasDates());
    const QString task = id("impl_message_storage");
    const Task before = *f.task(task);
    const int steps = f.doc.undoStack()->count();
    QSignalSpy said(f.interaction(), &TimelineInteraction::message);
    const QRectF bar = f.scene()->barRect(task);
    f.view()->ensureVisible(bar, 10, 10);
    const QPoint from = f.at(QPointF(bar.left() + std::min(10.0, bar.width() / 3), bar.center().y()));
    f.drag(from, from + QPoint(60, 0));
    QCOMPARE(*f.task(task), before);
    QCOMPARE(f.doc.undoStack()->count(), steps);
    QVERIFY(said.count() >= 1);
    QVERIFY2(f.interaction()->lastMessage().contains(QLatin1String("project start")),
             qPrintable(f.interaction()->lastMessage()));
}

void TestTimelineEdit::resizeKeepsTheUnit()
{
    Fixture f(v2Example());
    f.zoom(TimelineScale::Level::Day);
    const QString qa = id("qa_testing_2.4.0");
    const double day = f.scene()->scale().dayWidth();
    QRectF bar = f.scene()->barRect(qa);
    QCOMPARE(bar.width(), 3 * day);
    // Hovering the right end offers a resize.
    const QPoint end = f.at(QPointF(bar.right() - 1, bar.center().y()));
    QTest::mouseMove(f.viewport(), end);
    QCOMPARE(f.viewport()->cursor().shape(), Qt::SizeHorCursor);
    const int steps = f.doc.undoStack()->count();
    f.drag(end, end + QPoint(int(day) + 5, 0));
    QCOMPARE(f.task(qa)->attributes.value(QStringLiteral("estimated_effort")).toString(), QStringLiteral("4 days"));
    QCOMPARE(f.doc.undoStack()->count(), steps + 1);
    f.analysis->refreshNow();
    QCOMPARE(f.scene()->barRect(qa).width(), 4 * day);
    f.doc.undoStack()->undo();
    QCOMPARE(f.task(qa)->attributes.value(QStringLiteral("estimated_effort")).toString(), QStringLiteral("3 days"));
    f.analysis->refreshNow();

    // A number is hours and stays a number: 6 h and one day (8 h) more is 14.
    f.doc.undoStack()->push(ChangeTaskCommand::setAttribute(&f.doc, qa, QStringLiteral("estimated_effort"), 6));
    f.analysis->refreshNow();
    bar = f.scene()->barRect(qa);
    const QPoint numberEnd = f.at(QPointF(bar.right() - 1, bar.center().y()));
    f.drag(numberEnd, numberEnd + QPoint(int(day), 0));
    const QJsonValue value = f.task(qa)->attributes.value(QStringLiteral("estimated_effort"));
    QVERIFY(value.isDouble());
    QCOMPARE(value.toDouble(), 14.0);
    f.doc.undoStack()->undo();
    QCOMPARE(f.task(qa)->attributes.value(QStringLiteral("estimated_effort")).toDouble(), 6.0);
}

void TestTimelineEdit::shiftDragCreatesOneDependency()
{
    Fixture f(v2Example());
    f.zoom(TimelineScale::Level::Day);
    const QString qa = id("qa_testing_2.4.0");
    const QString security = id("security_review_2.4.0");
    QVERIFY(f.task(security)->dependencies.isEmpty());
    const int deps = f.dependencyCount();
    const int steps = f.doc.undoStack()->count();
    const QRectF from = f.scene()->barRect(qa);
    const QRectF to = f.scene()->barRect(security);
    f.drag(f.at(QPointF(from.right() - 1, from.center().y())), f.at(to.center()), Qt::ShiftModifier);
    QCOMPARE(f.dependencyCount(), deps + 1);
    QCOMPARE(f.doc.undoStack()->count(), steps + 1);
    QCOMPARE(f.task(security)->dependencies.size(), 1);
    QCOMPARE(f.task(security)->dependencies.first().taskId, qa);
    QVERIFY(f.task(security)->dependencies.first().type == DependencyType::Completion);
    // The press at the end did not resize: the estimate is as it was.
    QCOMPARE(f.task(qa)->attributes.value(QStringLiteral("estimated_effort")).toString(), QStringLiteral("3 days"));
    f.doc.undoStack()->undo();
    QCOMPARE(f.dependencyCount(), deps);
}

void TestTimelineEdit::loopIsRefused()
{
    Fixture f(WorkplanTest::loadExample("feature-development"));
    f.zoom(TimelineScale::Level::Week);
    // arch -> impl_* -> test: "arch waits for test" would close a loop.
    const QString test = id("test_messaging_system");
    const QString arch = id("arch_messaging_system");
    const int deps = f.dependencyCount();
    const int steps = f.doc.undoStack()->count();
    const QRectF from = f.scene()->barRect(test);
    const QRectF to = f.scene()->barRect(arch);
    const QPoint start = f.at(QPointF(from.center().x(), from.center().y()));
    const QPoint target = f.at(to.center());
    QTest::mousePress(f.viewport(), Qt::LeftButton, Qt::ShiftModifier, start);
    QTest::mouseMove(f.viewport(), start + QPoint(10, 0));
    QTest::mouseMove(f.viewport(), target);
    QCOMPARE(f.interaction()->mode(), TimelineInteraction::Mode::Link);
    // Refused while hovering, naming the loop.
    const QString hovering = f.interaction()->lastMessage();
    QVERIFY2(hovering.contains(QLatin1String("loop")) && hovering.contains(QLatin1String("Design Messaging Architecture"))
                 && hovering.contains(QLatin1String("Test Messaging System")) && !hovering.contains(arch),
             qPrintable(hovering));
    QTest::mouseRelease(f.viewport(), Qt::LeftButton, Qt::ShiftModifier, target);
    QCOMPARE(f.dependencyCount(), deps);
    QCOMPARE(f.doc.undoStack()->count(), steps);
    QVERIFY(f.interaction()->lastMessage().contains(QLatin1String("loop")));
    QCOMPARE(f.interaction()->mode(), TimelineInteraction::Mode::None);
}

void TestTimelineEdit::tinyDragOnlySelects()
{
    Fixture f(v2Example());
    f.zoom(TimelineScale::Level::Day);
    const QString security = id("security_review_2.4.0");
    const Task before = *f.task(security);
    const int steps = f.doc.undoStack()->count();
    const QRectF bar = f.scene()->barRect(security);
    const QPoint p = f.at(QPointF(bar.left() + 20, bar.center().y()));
    f.drag(p, p + QPoint(2, 1));
    QCOMPARE(f.selection.currentId(), security);
    QCOMPARE(*f.task(security), before);
    QCOMPARE(f.doc.undoStack()->count(), steps);
    // The same at the resize end.
    const QPoint end = f.at(QPointF(bar.right() - 1, bar.center().y()));
    f.drag(end, end + QPoint(-2, 0));
    QCOMPARE(*f.task(security), before);
    QCOMPARE(f.doc.undoStack()->count(), steps);
}

void TestTimelineEdit::messagesReachStatusBar()
{
    // In the editor the timeline sits in a dock: what it says shows in the status bar.
    ProjectDocument doc;
    doc.resetProject(WorkplanTest::loadExample("feature-development"));
    AnalysisController analysis(&doc);
    TaskSelection selection;
    QMainWindow window;
    auto *timeline = new TimelineWidget(&doc, &analysis, &selection);
    window.setCentralWidget(timeline);
    window.statusBar();
    window.resize(1200, 420);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString task = id("impl_message_storage");
    const QRectF bar = timeline->scene()->barRect(task);
    timeline->view()->ensureVisible(bar, 10, 10);
    QWidget *viewport = timeline->view()->viewport();
    const QPoint from = timeline->view()->mapFromScene(QPointF(bar.left() + std::min(10.0, bar.width() / 3), bar.center().y()));
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    QTest::mouseMove(viewport, from + QPoint(30, 0));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, from + QPoint(30, 0));
    QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("project start")),
             qPrintable(window.statusBar()->currentMessage()));
}

void TestTimelineEdit::exportTimelineCli()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bin = QStringLiteral(WORKPLAN_BINARY);
    for (const QString &file : {WorkplanTest::testData(QStringLiteral("examples/feature-development.json")),
                                WorkplanTest::testData(QStringLiteral("examples-v2/release-pipeline-team.json"))}) {
        QString error;
        const auto project = JsonFormat::readFile(file, &error);
        QVERIFY2(project, qPrintable(error));
        const QString svg = dir.filePath(QStringLiteral("timeline.svg"));
        const QString png = dir.filePath(QStringLiteral("timeline.png"));
        int code = -1;
        WorkplanTest::run(bin, {QStringLiteral("export"), file, QStringLiteral("--timeline"), QStringLiteral("--svg"), svg}, &code);
        QCOMPARE(code, 0);
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QLatin1String("DejaVu Sans")));
        for (const QString &title : WorkplanTest::titles(*project))
            QVERIFY2(text.contains(title.toHtmlEscaped()) || text.contains(title), qPrintable(title));

        WorkplanTest::run(bin, {QStringLiteral("export"), file, QStringLiteral("--timeline"), QStringLiteral("--png"), png,
                                QStringLiteral("--scale"), QStringLiteral("1")}, &code);
        QCOMPARE(code, 0);
        const QImage image(png);
        QVERIFY(!image.isNull());
        // The name column and some chart across; a header and every row down.
        QVERIFY2(image.width() > 400 && image.width() < 20000, qPrintable(QString::number(image.width())));
        const int rows = project->taskCount();
        QVERIFY2(image.height() >= 40 + rows * 24 && image.height() < 40 + rows * 24 + 200,
                 qPrintable(QString::number(image.height())));
        // Not blank: some pixels are the bars' blue or red.
        int coloured = 0;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3) {
                const QColor c = image.pixelColor(x, y);
                coloured += c.saturation() > 100 ? 1 : 0;
            }
        }
        QVERIFY(coloured > 50);
    }
    // A bad zoom is a usage error.
    int code = -1;
    WorkplanTest::run(bin, {QStringLiteral("export"), WorkplanTest::testData(QStringLiteral("examples/feature-development.json")),
                            QStringLiteral("--timeline"), QStringLiteral("--zoom"), QStringLiteral("decade"),
                            QStringLiteral("--svg"), dir.filePath(QStringLiteral("x.svg"))}, &code);
    QCOMPARE(code, 2);
}

QTEST_MAIN(TestTimelineEdit)
#include "tst_timelineedit.moc"
