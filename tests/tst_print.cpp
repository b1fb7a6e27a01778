// The printed plan and the graph exports: page counts, every task title in the text,
// tiling, valid SVG, and the headless subcommands.
#include "model/storage/json/jsonformat.h"
#include "views/printing/offscreenplan.h"

#include "testsupport.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Workplan;
using namespace WorkplanTest;

namespace {

QStringList exampleFiles()
{
    const QDir dir(QStringLiteral(WORKPLAN_EXAMPLES_DIR));
    QStringList out;
    for (const QString &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (!f.endsWith(QLatin1String(".expected.json")))
            out << dir.filePath(f);
    }
    return out;
}

} // namespace

class TestPrint : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void pdfOfEachExample_data();
    void pdfOfEachExample();
    void tilesGiveNTimesMGraphPages();
    void svgIsValidXmlWithEveryTitle();
    void pngHasTheRequestedScale();
    void exportCoversOnlyVisibleItems();
    void headlessCommands();
    void datesOnTheSummaryAndTable();
    void tasksAreNamedByTitle();

private:
    QTemporaryDir m_dir;
};

void TestPrint::initTestCase()
{
    QVERIFY(m_dir.isValid());
    int code = 0;
    run(QStringLiteral("pdfinfo"), {QStringLiteral("-v")}, &code);
    QVERIFY2(code == 0 || code == 99, "pdfinfo (poppler-utils) is needed");
}

void TestPrint::pdfOfEachExample_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &f : exampleFiles())
        QTest::newRow(qPrintable(QFileInfo(f).baseName())) << f;
}

void TestPrint::pdfOfEachExample()
{
    QFETCH(QString, file);
    QString error;
    const auto project = JsonFormat::readFile(file, &error);
    QVERIFY2(project, qPrintable(error));
    const OffscreenPlan plan(*project);
    const QString pdf = m_dir.filePath(QFileInfo(file).baseName() + QLatin1String(".pdf"));
    QVERIFY2(plan.writePdf(pdf, PrintOptions(), &error), qPrintable(error));

    // Summary, the fitted graph, one table page, and a blocked page when any is blocked.
    const QString text = simplified(run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}));
    const bool anyBlocked = text.contains(QRegularExpression(QStringLiteral("Blocked tasks: [1-9]")));
    QCOMPARE(pdfPages(pdf), 3 + (anyBlocked ? 1 : 0));
    for (const QString &title : titles(*project))
        QVERIFY2(text.contains(simplified(title)), qPrintable(title));
    QVERIFY(text.contains(QStringLiteral("page 1 of")));
    QVERIFY(text.contains(project->name));
    // No start: no dates anywhere on paper.
    QVERIFY(!text.contains(QLatin1String("Start:")));
    QVERIFY(!text.contains(QLatin1String("Deadlines:")));
}

// §6 on paper: the summary gives the start, the finish and each deadline with its margin,
// and the task table gets Start and Finish columns.
void TestPrint::datesOnTheSummaryAndTable()
{
    QString error;
    const auto project = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json"), &error);
    QVERIFY2(project, qPrintable(error));
    const OffscreenPlan plan(*project);
    const QString pdf = m_dir.filePath(QStringLiteral("dated.pdf"));
    QVERIFY2(plan.writePdf(pdf, PrintOptions(), &error), qPrintable(error));
    const QString text = simplified(run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")}));
    QVERIFY2(text.contains(QStringLiteral("Start: 2025-06-23 09:00 \u00b7 Finish: 2025-06-26 14:30")), qPrintable(text.left(800)));
    QVERIFY(text.contains(QLatin1String("Deadlines:")));
    QVERIFY(text.contains(QStringLiteral("Deploy to Production: due 2025-06-30 12:00, finishes 2025-06-26 14:30 \u2014 5.5 h to spare"))
            || text.contains(QStringLiteral("Deploy to Production: due 2025-06-30 12:00, \ufb01nishes 2025-06-26 14:30 \u2014 5.5 h to spare")));
    QVERIFY(text.contains(QLatin1String("With the team: 45.5 h")));
    // The table: its header names the two columns, and a row ends with both dates.
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("Slack\\s+Start\\s+Finish"))));
    QVERIFY(text.contains(QRegularExpression(QStringLiteral("Deploy to Production.*2025-06-26 13:30\\s+2025-06-26 14:30"))));
}

// Issue #15: paper is read by people. The summary's critical path and the blocked page
// name tasks by title; no task id appears anywhere in the printed plan.
void TestPrint::tasksAreNamedByTitle()
{
    const Project project = loadExample("feature-development");
    const OffscreenPlan plan(project);
    const QString pdf = m_dir.filePath(QStringLiteral("titles.pdf"));
    QString error;
    QVERIFY2(plan.writePdf(pdf, PrintOptions(), &error), qPrintable(error));
    const QString summary = simplified(run(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QStringLiteral("1"),
                                                                         QStringLiteral("-l"), QStringLiteral("1"), pdf,
                                                                         QStringLiteral("-")}));
    QVERIFY2(summary.contains(QStringLiteral("Critical path: Design Messaging Architecture \u2192 Implement WebSocket Server "
                                             "\u2192 Test Messaging System")), qPrintable(summary));
    const QString all = simplified(run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}));
    QVERIFY2(all.contains(QLatin1String("waits on Implement WebSocket Server [completion]: not completed")), qPrintable(all));
    for (const Task &t : project.tasks())
        QVERIFY2(!all.contains(t.id), qPrintable(t.id));
}

void TestPrint::tilesGiveNTimesMGraphPages()
{
    QString error;
    const auto project = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/release-pipeline.json"), &error);
    QVERIFY(project);
    const OffscreenPlan plan(*project);
    PrintOptions fitted;
    const QString one = m_dir.filePath(QStringLiteral("one.pdf"));
    QVERIFY(plan.writePdf(one, fitted, &error));
    PrintOptions tiled;
    tiled.tilesAcross = 3;
    tiled.tilesDown = 2;
    tiled.orientation = QPageLayout::Landscape;
    tiled.paper = QPageSize::A3;
    const QString six = m_dir.filePath(QStringLiteral("six.pdf"));
    QVERIFY(plan.writePdf(six, tiled, &error));
    QCOMPARE(pdfPages(six), pdfPages(one) + 5);
    const QString text = run(QStringLiteral("pdftotext"), {six, QStringLiteral("-")});
    QVERIFY(text.contains(QStringLiteral("graph tile 6 of 6")));
    QVERIFY(run(QStringLiteral("pdfinfo"), {six}).contains(QStringLiteral("A3")));
}

void TestPrint::svgIsValidXmlWithEveryTitle()
{
    for (const QString &file : exampleFiles()) {
        QString error;
        const auto project = JsonFormat::readFile(file, &error);
        QVERIFY(project);
        const OffscreenPlan plan(*project);
        const QString svg = m_dir.filePath(QStringLiteral("graph.svg"));
        QVERIFY2(plan.writeSvg(svg, &error), qPrintable(error));
        const QString all = WorkplanTest::svgText(svg, &error);
        QVERIFY2(!all.isEmpty(), qPrintable(error));
        for (const QString &title : titles(*project))
            QVERIFY2(all.contains(simplified(title)), qPrintable(QStringLiteral("%1: %2").arg(file, title)));
    }
}

void TestPrint::pngHasTheRequestedScale()
{
    QString error;
    const auto project = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/bug-fix-regular.json"), &error);
    QVERIFY(project);
    const OffscreenPlan plan(*project);
    const QString a = m_dir.filePath(QStringLiteral("a.png")), b = m_dir.filePath(QStringLiteral("b.png"));
    QVERIFY(plan.writePng(a, 1.0, &error));
    QVERIFY(plan.writePng(b, 2.0, &error));
    const QImage one(a), two(b);
    QVERIFY(!one.isNull());
    QVERIFY(qAbs(two.width() - 2 * one.width()) <= 2);
    QVERIFY(qAbs(two.height() - 2 * one.height()) <= 2);
}

// The card of an open summary is hidden at the origin; a plan placed far away must not
// be exported with the empty stretch in between.
void TestPrint::exportCoversOnlyVisibleItems()
{
    Project p;
    p.name = QStringLiteral("far");
    Task epic;
    epic.id = QStringLiteral("E");
    epic.type = QStringLiteral("epic");
    Task a;
    a.id = QStringLiteral("a");
    a.type = QStringLiteral("specialist_task");
    a.parentId = epic.id;
    a.position = QPointF(4000, 4000);
    a.hasPosition = true;
    Task b = a;
    b.id = QStringLiteral("b");
    b.position = QPointF(4300, 4000);
    p.setTasks({epic, a, b});
    const OffscreenPlan plan(p);
    QString error;
    const QString png = m_dir.filePath(QStringLiteral("far.png"));
    QVERIFY2(plan.writePng(png, 1.0, &error), qPrintable(error));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY2(image.width() < 1000 && image.height() < 600,
             qPrintable(QStringLiteral("%1 x %2").arg(image.width()).arg(image.height())));
}

void TestPrint::headlessCommands()
{
    const QString bin = QStringLiteral(WORKPLAN_BINARY);
    const QString example = QStringLiteral(WORKPLAN_EXAMPLES_DIR "/feature-development.json");
    const QString pdf = m_dir.filePath(QStringLiteral("cli.pdf"));
    int code = -1;
    run(bin, {QStringLiteral("print"), example, QStringLiteral("--pdf"), pdf, QStringLiteral("--tiles"),
              QStringLiteral("2x2"), QStringLiteral("--paper"), QStringLiteral("Letter"), QStringLiteral("--landscape")}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(pdfPages(pdf), 1 + 4 + 1 + 1);
    QVERIFY(run(QStringLiteral("pdfinfo"), {pdf}).contains(QStringLiteral("letter")));

    run(bin, {QStringLiteral("print"), example, QStringLiteral("--pdf"), pdf, QStringLiteral("--tiles"), QStringLiteral("0x9")}, &code);
    QCOMPARE(code, 2);
    run(bin, {QStringLiteral("print"), m_dir.filePath(QStringLiteral("missing.json")), QStringLiteral("--pdf"), pdf}, &code);
    QCOMPARE(code, 2);

    const QString svg = m_dir.filePath(QStringLiteral("cli.svg")), png = m_dir.filePath(QStringLiteral("cli.png"));
    run(bin, {QStringLiteral("export"), example, QStringLiteral("--svg"), svg, QStringLiteral("--png"), png}, &code);
    QCOMPARE(code, 0);
    QVERIFY(QFileInfo(svg).size() > 0);
    QVERIFY(!QImage(png).isNull());
}

QTEST_MAIN(TestPrint)
#include "tst_print.moc"
