// Printing and exports from the window (issue #7) and the overlay switches (issue #6.2):
// the real File actions with the file dialog replaced, the preview's paint path, the
// View > Overlays actions on the canvas and the task tree.
#include "model/commands/changetaskcommand.h"
#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"
#include "views/analysiscontroller.h"
#include "views/analysispanel.h"
#include "views/graph/carditem.h"
#include "views/graph/graphscene.h"
#include "views/mainwindow.h"
#include "views/riskpanel.h"
#include "views/printing/planprinter.h"
#include "views/printing/printcontroller.h"
#include "views/printing/printoptionsdialog.h"
#include "views/tasktreemodel.h"
#include "views/tasktreewidget.h"

#include "testsupport.h"

#include <QAction>
#include <QApplication>
#include <QBrush>
#include <QFont>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPrintPreviewDialog>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QProcess>
#include <QRegularExpression>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>

using namespace Workplan;
using namespace WorkplanTest;

namespace {

// From tests/data: a missing file stops the run at once, named, instead of leaving an
// error dialog open that no one closes.
const QString kExample = WorkplanTest::testData(QStringLiteral("examples/release-pipeline.json"));
const QString kCritical = QStringLiteral("qa_testing_2.4.0");        // critical, not blocked
const QString kBlocked = QStringLiteral("deploy_staging_2.4.0");     // blocked (and critical)

QStringList titles(const MainWindow &w)
{
    return WorkplanTest::titles(w.document()->project());
}

// Answers the next modal dialog of type D with `act` (which closes it).
template <typename D>
class DialogAnswer : public QObject
{
public:
    explicit DialogAnswer(std::function<void(D *)> act)
        : m_act(std::move(act))
    {
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this, timer] {
            auto *dialog = qobject_cast<D *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            seen = true;
            timer->stop();
            m_act(dialog);
        });
        timer->start(20);
    }
    bool seen = false;

private:
    std::function<void(D *)> m_act;
};

GraphScene *sceneOf(const MainWindow &w)
{
    return w.findChild<GraphScene *>();
}

} // namespace

class TestPrintGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void menuEntries();
    void exportSvgAction();
    void exportPngAction();
    void exportPdfAction();
    void exportErrorNamesTheFile();
    void previewPaintsPageCount();
    void previewPageSetupChangesTiles();
    void overlaysDriveSceneAndTree();
    void riskPageFollowsTheRiskPanel();

private:
    QTemporaryDir m_dir;
};

void TestPrintGui::initTestCase()
{
    WorkplanTest::isolateSettings("tst_printgui");
    QVERIFY(m_dir.isValid());
    // To look at the files: WORKPLAN_KEEP_OUTPUT=1 keeps them and says where.
    if (qEnvironmentVariableIsSet("WORKPLAN_KEEP_OUTPUT")) {
        m_dir.setAutoRemove(false);
        qInfo("output in %s", qPrintable(m_dir.path()));
    }
}

void TestPrintGui::menuEntries()
{
    MainWindow w;
    PrintController *printing = w.printing();
    QVERIFY(printing);
    QCOMPARE(printing->printAction()->shortcut(), QKeySequence(QKeySequence::Print));
    QCOMPARE(printing->printPreviewAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    auto *exportMenu = w.menuBar()->findChild<QMenu *>(QStringLiteral("exportMenu"));
    QVERIFY(exportMenu);
    QVERIFY(exportMenu->actions().contains(printing->exportSvgAction()));
    QVERIFY(exportMenu->actions().contains(printing->exportPngAction()));
    QVERIFY(exportMenu->actions().contains(printing->exportPdfAction()));
    auto *overlays = w.menuBar()->findChild<QMenu *>(QStringLiteral("overlaysMenu"));
    QVERIFY(overlays);
    // The panel's four switches, then (after a separator) the risk criticality tint.
    const QList<QAction *> shared = w.findChild<AnalysisPanel *>()->overlayActions();
    QCOMPARE(overlays->actions().mid(0, shared.size()), shared);
    QVERIFY(overlays->actions().contains(w.findChild<QAction *>(QStringLiteral("criticalityOverlayAction"))));
}

void TestPrintGui::exportSvgAction()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    const QString svg = m_dir.filePath(QStringLiteral("graph"));   // the suffix is added
    w.printing()->setFileChooser([&](const QString &, const QString &) { return svg; });
    w.printing()->exportSvgAction()->trigger();

    QString error;
    const QString all = WorkplanTest::svgText(svg + QLatin1String(".svg"), &error);
    QVERIFY2(!all.isEmpty(), qPrintable(error));
    for (const QString &title : titles(w))
        QVERIFY2(all.contains(simplified(title)), qPrintable(title));
    // The cards cache their pictures again for the screen.
    QCOMPARE(sceneOf(w)->cardFor(kCritical)->cacheMode(), QGraphicsItem::DeviceCoordinateCache);
}

void TestPrintGui::exportPngAction()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    const QString png = m_dir.filePath(QStringLiteral("graph.png"));
    w.printing()->setFileChooser([&](const QString &, const QString &) { return png; });
    DialogAnswer<QInputDialog> scale([](QInputDialog *d) {
        d->setTextValue(d->comboBoxItems().at(0));   // 1x
        d->accept();
    });
    w.printing()->exportPngAction()->trigger();
    QVERIFY(scale.seen);
    const QImage one(png);
    QVERIFY(!one.isNull());

    // The seam the action calls: 2x is twice as large.
    const QString png2 = m_dir.filePath(QStringLiteral("graph2.png"));
    QVERIFY(w.printing()->exportGraphPng(png2, 2.0));
    const QImage two(png2);
    QVERIFY(qAbs(two.width() - 2 * one.width()) <= 2);
}

void TestPrintGui::exportPdfAction()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    const QString pdf = m_dir.filePath(QStringLiteral("plan.pdf"));
    w.printing()->setFileChooser([&](const QString &, const QString &) { return pdf; });
    DialogAnswer<PrintOptionsDialog> setup([](PrintOptionsDialog *d) {
        d->findChild<QSpinBox *>(QStringLiteral("tilesAcross"))->setValue(2);
        d->accept();
    });
    w.printing()->exportPdfAction()->trigger();
    QVERIFY(setup.seen);
    QCOMPARE(w.printing()->options().tilesAcross, 2);

    const QString text = simplified(run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}));
    for (const QString &title : titles(w))
        QVERIFY2(text.contains(simplified(title)), qPrintable(title));
    QVERIFY(text.contains(QStringLiteral("graph tile 2 of 2")));
    // Summary, two graph tiles, the table, the blocked tasks.
    QCOMPARE(pdfPages(pdf), 5);
}

void TestPrintGui::exportErrorNamesTheFile()
{
    MainWindow w;
    w.show();
    QVERIFY(w.openFile(kExample));
    const QString bad = m_dir.filePath(QStringLiteral("no/such/dir/graph.svg"));
    for (int kind = 0; kind < 3; ++kind) {
        QString text;
        DialogAnswer<QMessageBox> box([&text](QMessageBox *b) {
            text = b->text();
            b->accept();
        });
        const bool ok = kind == 0 ? w.printing()->exportGraphSvg(bad)
                      : kind == 1 ? w.printing()->exportGraphPng(bad, 1.0)
                                  : w.printing()->exportPlanPdf(bad);
        QVERIFY(!ok);
        QVERIFY(box.seen);
        QVERIFY2(text.contains(bad), qPrintable(text));
        QVERIFY(!QFile::exists(bad));
    }
    QVERIFY(w.statusBar()->currentMessage().contains(bad));
}

void TestPrintGui::previewPaintsPageCount()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    PrintController *printing = w.printing();
    PrintOptions options;
    options.tilesAcross = 2;
    options.tilesDown = 2;
    options.paper = QPageSize::A3;
    options.orientation = QPageLayout::Landscape;
    printing->setOptions(options);

    // The preview's paint function, on a printer writing a PDF.
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    const QString pdf = m_dir.filePath(QStringLiteral("preview.pdf"));
    printer.setOutputFileName(pdf);
    printer.setPageLayout(options.pageLayout());
    printing->paintPlan(&printer);
    const PlanPrinter planPrinter(w.document()->project(), w.analysis()->result(), sceneOf(w), options);
    const int expected = planPrinter.pageCount(&printer);
    QCOMPARE(expected, 1 + 4 + 1 + 1);
    QCOMPARE(pdfPages(pdf), expected);
    QCOMPARE(printing->pageCount(&printer), expected);
    QVERIFY(run(QStringLiteral("pdfinfo"), {pdf}).contains(QStringLiteral("A3")));

    // The preview dialog itself shows as many pages.
    QPrinter previewPrinter(QPrinter::HighResolution);
    std::unique_ptr<QPrintPreviewDialog> dialog(printing->createPreviewDialog(&previewPrinter, &w));
    auto *preview = dialog->findChild<QPrintPreviewWidget *>();
    QVERIFY(preview);
    preview->updatePreview();
    QCOMPARE(preview->pageCount(), expected);
}

void TestPrintGui::previewPageSetupChangesTiles()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    QPrinter printer(QPrinter::HighResolution);
    std::unique_ptr<QPrintPreviewDialog> dialog(w.printing()->createPreviewDialog(&printer, &w));
    auto *preview = dialog->findChild<QPrintPreviewWidget *>();
    preview->updatePreview();
    const int before = preview->pageCount();
    auto *setup = dialog->findChild<QAction *>(QStringLiteral("previewPageSetup"));
    QVERIFY(setup);
    DialogAnswer<PrintOptionsDialog> answer([](PrintOptionsDialog *d) {
        d->findChild<QSpinBox *>(QStringLiteral("tilesAcross"))->setValue(3);
        d->findChild<QSpinBox *>(QStringLiteral("tilesDown"))->setValue(2);
        d->accept();
    });
    setup->trigger();
    QVERIFY(answer.seen);
    QCOMPARE(preview->pageCount(), before + 5);
}

// §8 in print: with a current result from the Risk panel the plan has one more page,
// "Schedule risk", after the summary (PDF export and the print/preview paint path alike);
// without one, or once an edit makes it stale, there is no such page.
void TestPrintGui::riskPageFollowsTheRiskPanel()
{
    const QByteArray json = R"({"format": "workplan", "version": 1, "project": {"name": "Risky launch", "start": "2025-06-02"},
     "tasks": [
      {"task_id": "spec", "task_type": "t", "attributes": {"title": "Write the spec", "estimated_effort": "8-24 h"}},
      {"task_id": "build", "task_type": "t", "attributes": {"title": "Build", "estimated_effort": "40 h",
       "optimistic_effort": "24 h", "pessimistic_effort": "80 h"}, "dependencies": [{"dependency_task_id": "spec"}]},
      {"task_id": "docs", "task_type": "t", "attributes": {"title": "Docs", "estimated_effort": "8-40 h"},
       "dependencies": [{"dependency_task_id": "spec"}]},
      {"task_id": "ship", "task_type": "t", "attributes": {"title": "Ship", "estimated_effort": "2 h", "deadline": "2025-06-25"},
       "dependencies": [{"dependency_task_id": "build"}, {"dependency_task_id": "docs"}]}]})";
    QString error;
    auto project = JsonFormat::read(json, QStringLiteral("risky.json"), &error);
    QVERIFY2(project, qPrintable(error));
    MainWindow w;
    w.show();
    w.document()->resetProject(std::move(*project));
    PrintController *printing = w.printing();
    const QString plain = m_dir.filePath(QStringLiteral("risk-none.pdf"));
    QVERIFY(printing->exportPlanPdf(plain));
    const int pages = pdfPages(plain);
    QVERIFY(pages >= 3);
    QVERIFY(!run(QStringLiteral("pdftotext"), {plain, QStringLiteral("-")}).contains(QStringLiteral("Schedule risk")));

    auto *panel = w.findChild<RiskPanel *>();
    QVERIFY(panel);
    QVERIFY(!panel->riskSummary());
    const int runs = 3000;
    panel->findChild<QSpinBox *>(QStringLiteral("riskRuns"))->setValue(runs);
    auto *runButton = panel->findChild<QPushButton *>(QStringLiteral("riskRun"));
    QTRY_VERIFY(runButton->isVisible());
    QTest::mouseClick(runButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), RiskPanel::State::Done, 10000);
    QVERIFY(panel->riskSummary());

    // File > Export > Plan as PDF, its page setup accepted as it is.
    const QString withRisk = m_dir.filePath(QStringLiteral("risk-page.pdf"));
    printing->setFileChooser([&](const QString &, const QString &) { return withRisk; });
    DialogAnswer<PrintOptionsDialog> setup([](PrintOptionsDialog *d) { d->accept(); });
    printing->exportPdfAction()->trigger();
    QVERIFY(setup.seen);
    QCOMPARE(pdfPages(withRisk), pages + 1);
    // The risk page is page 2, right after the summary.
    const QString page2 = simplified(run(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QStringLiteral("2"), QStringLiteral("-l"),
                                                                       QStringLiteral("2"), withRisk, QStringLiteral("-")}));
    QVERIFY2(page2.contains(QStringLiteral("Schedule risk")), qPrintable(page2));
    QVERIFY(page2.contains(QStringLiteral("P80")));
    QVERIFY(page2.contains(QStringLiteral("P50")) && page2.contains(QStringLiteral("P90")));
    QVERIFY2(page2.contains(QLocale().toString(runs) + QStringLiteral(" simulated runs, seed 1")), qPrintable(page2));
    QVERIFY(page2.contains(QStringLiteral("Deterministic")));
    QVERIFY(page2.contains(QStringLiteral("Most critical")));
    QVERIFY(page2.contains(QStringLiteral("Ship")) && !page2.contains(QStringLiteral("(ship)")));
    QVERIFY(page2.contains(QStringLiteral("Most sensitive")));
    QVERIFY(page2.contains(QStringLiteral("2025-06")));   // finish dates of a dated plan

    // The Print and Preview paint path counts and paints the same page.
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    const QString printed = m_dir.filePath(QStringLiteral("risk-printed.pdf"));
    printer.setOutputFileName(printed);
    printer.setPageLayout(printing->options().pageLayout());
    QCOMPARE(printing->pageCount(&printer), pages + 1);
    printing->paintPlan(&printer);
    QCOMPARE(pdfPages(printed), pages + 1);
    QVERIFY(run(QStringLiteral("pdftotext"), {printed, QStringLiteral("-")}).contains(QStringLiteral("Schedule risk")));

    // An edit makes the result stale: no risk page until it is run again.
    w.document()->undoStack()->push(ChangeTaskCommand::setAttribute(w.document(), QStringLiteral("docs"),
                                                                    QStringLiteral("estimated_effort"), QStringLiteral("8-48 h")));
    QVERIFY(panel->isStale());
    QVERIFY(!panel->riskSummary());
    const QString stale = m_dir.filePath(QStringLiteral("risk-stale.pdf"));
    QVERIFY(printing->exportPlanPdf(stale));
    QCOMPARE(pdfPages(stale), pages);
    QVERIFY(!run(QStringLiteral("pdftotext"), {stale, QStringLiteral("-")}).contains(QStringLiteral("Schedule risk")));
}

void TestPrintGui::overlaysDriveSceneAndTree()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    w.analysis()->refreshNow();
    const QList<QAction *> actions = w.findChild<AnalysisPanel *>()->overlayActions();
    QCOMPARE(actions.size(), 4);
    QAction *critical = actions[0], *blocked = actions[1], *groups = actions[2], *slack = actions[3];
    GraphScene *scene = sceneOf(w);
    TaskTreeModel *model = w.taskTree()->model();
    const QModelIndex crit = model->indexOf(kCritical);
    const QModelIndex block = model->indexOf(kBlocked);
    QVERIFY(crit.isValid() && block.isValid());
    QVERIFY(w.analysis()->result()->isCritical(kCritical));
    QVERIFY(!w.analysis()->result()->isBlocked(kCritical));
    QVERIFY(w.analysis()->result()->isBlocked(kBlocked));

    // Defaults: critical and blocked shown.
    QVERIFY(scene->showCritical() && scene->showBlocked());
    QVERIFY(model->data(crit, Qt::FontRole).value<QFont>().bold());
    QVERIFY(!model->data(crit, Qt::ForegroundRole).isValid());
    QCOMPARE(model->data(block, Qt::ForegroundRole).value<QBrush>().color(), QColor(0xc6, 0x28, 0x28));
    QVERIFY(model->data(block.siblingAtColumn(TaskTreeModel::StatusColumn), Qt::DecorationRole).isValid());
    const QString tip = model->data(block, Qt::ToolTipRole).toString();
    // By title (issue #15): "waits on Security Review [approval]: …".
    QVERIFY2(tip.contains(QLatin1String("waits on Security Review")) && !tip.contains(QLatin1String("security_review_2.4.0")),
             qPrintable(tip));

    critical->trigger();   // off
    QVERIFY(!scene->showCritical());
    QVERIFY(!model->showCritical());
    QVERIFY(!model->data(crit, Qt::FontRole).value<QFont>().bold());

    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    blocked->trigger();    // off
    QVERIFY(!scene->showBlocked());
    QVERIFY(changed.count() > 0);
    QVERIFY(!model->data(block, Qt::ForegroundRole).isValid());
    QVERIFY(!model->data(block.siblingAtColumn(TaskTreeModel::StatusColumn), Qt::DecorationRole).isValid());
    QVERIFY(!model->data(block, Qt::ToolTipRole).toString().contains(QLatin1String("waits on")));

    QVERIFY(!model->data(crit, Qt::ToolTipRole).toString().contains(QLatin1String("Parallel group")));
    groups->trigger();     // on
    slack->trigger();      // on
    QVERIFY(scene->showParallelGroups() && scene->showSlack());
    const QString critTip = model->data(crit, Qt::ToolTipRole).toString();
    QVERIFY2(critTip.contains(QLatin1String("Parallel group")) && critTip.contains(QLatin1String("Slack")), qPrintable(critTip));

    critical->trigger();   // on again
    blocked->trigger();
    QVERIFY(scene->showCritical() && scene->showBlocked());
    QVERIFY(model->data(crit, Qt::FontRole).value<QFont>().bold());
    QVERIFY(model->data(block, Qt::ForegroundRole).isValid());
}

QTEST_MAIN(TestPrintGui)
#include "tst_printgui.moc"
