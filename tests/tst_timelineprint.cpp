// Issue #18: the timeline on paper. `workplan print --timeline` headless; every task title
// on the pages (pdftotext); the page count equals the printer's grid (across x down) for
// each paper and orientation; a plan taller than a page repeats the names and the header,
// labelled "page r/c".
#include "model/project.h"
#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"
#include "views/analysiscontroller.h"
#include "views/printing/timelineprinter.h"
#include "views/timeline/timelinescene.h"

#include <QPdfWriter>
#include <QTemporaryDir>
#include <QtTest>

#include "testsupport.h"

using namespace Workplan;

namespace {

// A chain of `n` tasks a day each under one epic: tall and wide.
Project longPlan(int n)
{
    Project p;
    p.name = QStringLiteral("Long plan");
    p.projectExtra.insert(QStringLiteral("start"), QStringLiteral("2025-06-02"));
    QList<Task> tasks;
    Task epic;
    epic.id = QStringLiteral("epic");
    epic.type = QStringLiteral("epic");
    tasks.append(epic);
    for (int i = 0; i < n; ++i) {
        Task t;
        t.id = QStringLiteral("step_%1").arg(i);
        t.type = QStringLiteral("specialist_task");
        t.parentId = epic.id;
        t.attributes.insert(QStringLiteral("title"), QStringLiteral("Step number %1").arg(i));
        t.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("1 day"));
        if (i > 0) {
            Dependency d;
            d.taskId = QStringLiteral("step_%1").arg(i - 1);
            t.dependencies.append(d);
        }
        tasks.append(t);
    }
    p.setTasks(tasks);
    return p;
}

QString pdfText(const QString &pdf)
{
    return WorkplanTest::run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
}

} // namespace

class TestTimelinePrint : public QObject
{
    Q_OBJECT
private slots:
    void commandLineHasEveryTitle();
    void pagesFollowTheGrid_data();
    void pagesFollowTheGrid();

private:
    QTemporaryDir m_dir;
};

void TestTimelinePrint::commandLineHasEveryTitle()
{
    const QString source = QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json");
    const QString pdf = m_dir.filePath(QStringLiteral("timeline.pdf"));
    int code = -1;
    WorkplanTest::run(QStringLiteral(WORKPLAN_BINARY),
                      {QStringLiteral("print"), source, QStringLiteral("--pdf"), pdf, QStringLiteral("--timeline")}, &code);
    QCOMPARE(code, 0);
    QVERIFY(WorkplanTest::pdfPages(pdf) >= 1);
    const QString text = pdfText(pdf);
    QString error;
    const auto project = JsonFormat::readFile(source, &error);
    QVERIFY2(project, qPrintable(error));
    for (const Task &t : project->tasks())
        QVERIFY2(text.contains(t.title()), qPrintable(t.title()));
    QVERIFY(text.contains(QLatin1String("June 2025")));
    QVERIFY(text.contains(QLatin1String("page 1/1")));
}

void TestTimelinePrint::pagesFollowTheGrid_data()
{
    QTest::addColumn<int>("paper");
    QTest::addColumn<bool>("landscape");
    QTest::newRow("A4 portrait") << int(QPageSize::A4) << false;
    QTest::newRow("A4 landscape") << int(QPageSize::A4) << true;
    QTest::newRow("A3 landscape") << int(QPageSize::A3) << true;
    QTest::newRow("Letter portrait") << int(QPageSize::Letter) << false;
}

void TestTimelinePrint::pagesFollowTheGrid()
{
    QFETCH(int, paper);
    QFETCH(bool, landscape);
    ProjectDocument document;
    document.resetProject(longPlan(90));
    AnalysisController analysis(&document);
    analysis.refreshNow();
    TimelineScene scene(&document, &analysis, nullptr);
    PrintOptions options;
    options.paper = QPageSize::PageSizeId(paper);
    options.orientation = landscape ? QPageLayout::Landscape : QPageLayout::Portrait;
    const TimelinePrinter printer(document.project().name, &scene, options);

    const QString pdf = m_dir.filePath(QStringLiteral("grid-%1-%2.pdf").arg(paper).arg(landscape));
    QString error;
    QVERIFY2(printer.writePdf(pdf, &error), qPrintable(error));
    QPdfWriter probe(m_dir.filePath(QStringLiteral("probe.pdf")));
    probe.setResolution(options.resolution);
    probe.setPageLayout(options.pageLayout());
    const TimelinePrinter::Grid grid = printer.grid(&probe);
    QVERIFY2(grid.across >= 2, "90 working days do not fit across one page");
    QVERIFY2(grid.down >= 2 || landscape, "91 rows do not fit down one portrait page");
    QCOMPARE(WorkplanTest::pdfPages(pdf), grid.across * grid.down);

    // Every title is printed (once per time column), the last page is labelled with its
    // place in the grid, and each page repeats the header.
    const QString text = pdfText(pdf);
    for (const Task &t : document.project().tasks())
        QVERIFY2(text.contains(t.title()), qPrintable(t.title()));
    QVERIFY(text.contains(QStringLiteral("page %1/%2").arg(grid.down).arg(grid.across)));
    QCOMPARE(text.count(QStringLiteral("Long plan \u2014 Timeline")), grid.across * grid.down);
}

QTEST_MAIN(TestTimelinePrint)
#include "tst_timelineprint.moc"
