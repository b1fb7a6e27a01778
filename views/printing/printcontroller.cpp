#include "printcontroller.h"

#include "graphexport.h"
#include "printoptionsdialog.h"

#include "views/analysiscontroller.h"
#include "views/graph/graphscene.h"

#include "model/projectdocument.h"
#include "model/storage/projectfile.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>

#include <memory>

namespace Workplan {

namespace {

const int kStatusTimeoutMs = 8000;

// While drawing for output: the analysis is current (a run may still be queued after the
// last edit), the cards paint as vectors instead of from their device caches, and the user
// sees that a long export is busy. Undone on every way out.
class OutputScope
{
public:
    OutputScope(GraphScene *scene, AnalysisController *analysis)
        : m_scene(scene)
    {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        analysis->refreshNow();
        if (m_scene) {
            m_scene->flush();
            m_scene->setItemCaching(false);
        }
    }
    ~OutputScope()
    {
        if (m_scene)
            m_scene->setItemCaching(true);
        QApplication::restoreOverrideCursor();
    }
    OutputScope(const OutputScope &) = delete;
    OutputScope &operator=(const OutputScope &) = delete;

private:
    GraphScene *m_scene;
};

} // namespace

PrintController::PrintController(ProjectDocument *document, AnalysisController *analysis, GraphScene *scene,
                                 QMainWindow *window)
    : QObject(window)
    , m_document(document)
    , m_analysis(analysis)
    , m_scene(scene)
    , m_window(window)
{
    auto make = [this](const QString &text, const QString &name, void (PrintController::*slot)()) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_previewAction = make(tr("Print Pre&view\u2026"), QStringLiteral("printPreviewAction"), &PrintController::printPreview);
    m_previewAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_printAction = make(tr("&Print\u2026"), QStringLiteral("printAction"), &PrintController::print);
    m_printAction->setShortcut(QKeySequence::Print);
    m_pageSetupAction = new QAction(tr("Page Set&up\u2026"), this);
    m_pageSetupAction->setObjectName(QStringLiteral("pageSetupAction"));
    connect(m_pageSetupAction, &QAction::triggered, this, [this] { pageSetup(); });
    m_svgAction = make(tr("Graph as &SVG\u2026"), QStringLiteral("exportSvgAction"), &PrintController::exportSvg);
    m_pngAction = make(tr("Graph as P&NG\u2026"), QStringLiteral("exportPngAction"), &PrintController::exportPng);
    m_pdfAction = make(tr("Plan as P&DF\u2026"), QStringLiteral("exportPdfAction"), &PrintController::exportPdf);
}

PrintController::~PrintController() = default;

void PrintController::addToMenu(QMenu *menu, QAction *before)
{
    menu->insertAction(before, m_pageSetupAction);
    menu->insertAction(before, m_previewAction);
    menu->insertAction(before, m_printAction);
    auto *exportMenu = new QMenu(tr("E&xport"), menu);
    exportMenu->setObjectName(QStringLiteral("exportMenu"));
    exportMenu->addAction(m_svgAction);
    exportMenu->addAction(m_pngAction);
    exportMenu->addAction(m_pdfAction);
    menu->insertMenu(before, exportMenu);
    menu->insertSeparator(before);
}

bool PrintController::exportGraphSvg(const QString &path)
{
    OutputScope scope(m_scene, m_analysis);
    QString error;
    if (!GraphExport::writeSvg(m_scene, path, m_document->project().name, &error))
        return fail(error);
    done(path);
    return true;
}

bool PrintController::exportGraphPng(const QString &path, double scale)
{
    OutputScope scope(m_scene, m_analysis);
    QString error;
    if (!GraphExport::writePng(m_scene, path, scale, &error))
        return fail(error);
    done(path);
    return true;
}

bool PrintController::exportPlanPdf(const QString &path)
{
    OutputScope scope(m_scene, m_analysis);
    const PlanPrinter printer = planPrinter();
    QString error;
    if (!printer.writePdf(path, &error))
        return fail(error);
    done(path);
    return true;
}

void PrintController::paintPlan(QPrinter *printer)
{
    OutputScope scope(m_scene, m_analysis);
    planPrinter().paint(printer);
}

int PrintController::pageCount(QPrinter *printer)
{
    m_analysis->refreshNow();
    return planPrinter().pageCount(printer);
}

PrintOptions PrintController::options() const
{
    PrintOptions options = m_options;
    options.overlays = m_overlays ? m_overlays->flags() : OverlayFlags();
    return options;
}

PlanPrinter PrintController::planPrinter() const
{
    PlanPrinter printer(m_document->project(), m_analysis->result(), m_scene, options());
    if (m_riskSource)
        printer.setRisk(m_riskSource());
    return printer;
}

QPrintPreviewDialog *PrintController::createPreviewDialog(QPrinter *printer, QWidget *parent)
{
    printer->setPageLayout(m_options.pageLayout());
    printer->setDocName(m_document->project().name);
    auto *dialog = new QPrintPreviewDialog(printer, parent);
    dialog->setWindowTitle(tr("Print Preview"));
    connect(dialog, &QPrintPreviewDialog::paintRequested, this, &PrintController::paintPlan);
    // The preview's own page setup knows paper and margins, not graph tiles: ours is added.
    if (auto *bar = dialog->findChild<QToolBar *>()) {
        bar->addSeparator();
        QAction *setup = bar->addAction(tr("Tiles && Paper\u2026"));
        setup->setObjectName(QStringLiteral("previewPageSetup"));
        setup->setToolTip(tr("Paper, orientation and the number of pages for the graph"));
        connect(setup, &QAction::triggered, dialog, [this, dialog, printer] {
            // Start from what the preview's own page setup may have changed.
            const QPageLayout current = printer->pageLayout();
            m_options.orientation = current.orientation();
            if (const auto paper = PrintOptions::paperFromName(current.pageSize().key()))
                m_options.paper = *paper;
            if (!pageSetup())
                return;
            printer->setPageLayout(m_options.pageLayout());
            if (auto *preview = dialog->findChild<QPrintPreviewWidget *>())
                preview->updatePreview();
        });
    }
    return dialog;
}

void PrintController::printPreview()
{
    QPrinter printer(QPrinter::HighResolution);
    const std::unique_ptr<QPrintPreviewDialog> dialog(createPreviewDialog(&printer, m_window));
    dialog->exec();
}

void PrintController::print()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageLayout(m_options.pageLayout());
    printer.setDocName(m_document->project().name);
    QPrintDialog dialog(&printer, m_window);
    // The plan is printed whole; page ranges and selections are not offered.
    dialog.setOptions(QAbstractPrintDialog::PrintToFile | QAbstractPrintDialog::PrintShowPageSize
                      | QAbstractPrintDialog::PrintCollateCopies);
    if (dialog.exec() != QDialog::Accepted)
        return;
    paintPlan(&printer);
    if (printer.printerState() == QPrinter::Error) {
        const QString target = printer.outputFileName().isEmpty() ? printer.printerName() : printer.outputFileName();
        QMessageBox::warning(m_window, tr("Cannot print"), tr("%1: printing failed").arg(target));
        return;
    }
    m_window->statusBar()->showMessage(tr("Printed %1").arg(m_document->project().name), kStatusTimeoutMs);
}

bool PrintController::pageSetup()
{
    PrintOptionsDialog dialog(m_options, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    m_options = dialog.options();
    return true;
}

void PrintController::exportSvg()
{
    const QString path = chooseFile(tr("Export Graph as SVG"), tr("SVG image (*.svg)"), QStringLiteral("svg"));
    if (!path.isEmpty())
        exportGraphSvg(path);
}

void PrintController::exportPng()
{
    static const double scales[] = {1.0, 2.0, 4.0};
    const QStringList choices{tr("1\u00d7 (screen)"), tr("2\u00d7 (sharp)"), tr("4\u00d7 (print)")};
    bool ok = false;
    const QString choice = QInputDialog::getItem(m_window, tr("Export Graph as PNG"), tr("Resolution:"),
                                                 choices, 1, false, &ok);
    if (!ok || !choices.contains(choice))
        return;
    const QString path = chooseFile(tr("Export Graph as PNG"), tr("PNG image (*.png)"), QStringLiteral("png"));
    if (!path.isEmpty())
        exportGraphPng(path, scales[choices.indexOf(choice)]);
}

void PrintController::exportPdf()
{
    if (!pageSetup())
        return;
    const QString path = chooseFile(tr("Export Plan as PDF"), tr("PDF document (*.pdf)"), QStringLiteral("pdf"));
    if (!path.isEmpty())
        exportPlanPdf(path);
}

QString PrintController::chooseFile(const QString &caption, const QString &filter, const QString &suffix)
{
    QString path;
    if (m_chooser) {
        path = m_chooser(caption, filter);
    } else {
        // Suggest the project's own name beside its file (or in Documents when it has none).
        const QString proposed = ProjectFile::proposedPath(m_document->filePath(), m_document->project().name, suffix,
                                                           QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
        path = QFileDialog::getSaveFileName(m_window, caption, proposed, filter);
    }
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    return path;
}

bool PrintController::fail(const QString &error)
{
    m_window->statusBar()->showMessage(error, kStatusTimeoutMs);
    QMessageBox::warning(m_window, tr("Cannot export"), error);
    return false;
}

void PrintController::done(const QString &path)
{
    m_window->statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), kStatusTimeoutMs);
}

} // namespace Workplan
