#pragma once

#include "planprinter.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QMainWindow;
class QMenu;
class QPrinter;
class QPrintPreviewDialog;

namespace Workplan {

class AnalysisController;
class GraphScene;
class OverlayState;
class ProjectDocument;

// The window's printing and graph exports (issue #7): Print Preview, Print, Page Setup and
// File > Export. Everything is drawn from the window's own graph scene, so the analysis
// overlays appear as they are switched on, and from the current analysis result.
class PrintController : public QObject
{
    Q_OBJECT
public:
    // Asks for a file to write; an empty string cancels.
    using FileChooser = std::function<QString(const QString &caption, const QString &filter)>;
    // The current risk result for the plan's risk page, or null when there is none.
    using RiskSource = std::function<std::shared_ptr<const RiskSummary>()>;

    PrintController(ProjectDocument *document, AnalysisController *analysis, GraphScene *scene,
                    QMainWindow *window);
    ~PrintController() override;

    QAction *printPreviewAction() const { return m_previewAction; }
    QAction *printAction() const { return m_printAction; }
    QAction *pageSetupAction() const { return m_pageSetupAction; }
    QAction *exportSvgAction() const { return m_svgAction; }
    QAction *exportPngAction() const { return m_pngAction; }
    QAction *exportPdfAction() const { return m_pdfAction; }
    // The print entries and an Export submenu, inserted in `menu` before `before`.
    void addToMenu(QMenu *menu, QAction *before);

    // Paper and tiles as last set; the overlays are the window's switches as they are now.
    PrintOptions options() const;
    // The overlays in `options` are ignored: they follow the window's switches.
    void setOptions(const PrintOptions &options) { m_options = options; }
    // The window's overlay switches (MainWindow); the graph scene reads the same state.
    void setOverlayState(OverlayState *state) { m_overlays = state; }
    OverlayState *overlayState() const { return m_overlays; }
    // Replaces the file dialog (tests).
    void setFileChooser(FileChooser chooser) { m_chooser = std::move(chooser); }
    // Asked at each Print, Preview page and PDF export, so the page follows the panel.
    void setRiskSource(RiskSource source) { m_riskSource = std::move(source); }

    // The actions' work once the file is known; a failure is shown in a message box.
    bool exportGraphSvg(const QString &path);
    bool exportGraphPng(const QString &path, double scale);
    bool exportPlanPdf(const QString &path);
    // Paints the whole plan on `printer` with its current layout: the preview's and the
    // print dialog's paint function.
    void paintPlan(QPrinter *printer);
    int pageCount(QPrinter *printer);
    // A preview of the plan on `printer`, with a Page Setup button in its toolbar.
    QPrintPreviewDialog *createPreviewDialog(QPrinter *printer, QWidget *parent);

public slots:
    void printPreview();
    void print();
    // Shows the options dialog; true when accepted.
    bool pageSetup();
    void exportSvg();
    void exportPng();
    void exportPdf();

private:
    QString chooseFile(const QString &caption, const QString &filter, const QString &suffix);
    bool fail(const QString &error);
    // The plan as it stands, with the risk page when the source has a current result.
    PlanPrinter planPrinter() const;
    void done(const QString &path);

    ProjectDocument *m_document;
    AnalysisController *m_analysis;
    QPointer<GraphScene> m_scene;
    QPointer<OverlayState> m_overlays;
    QMainWindow *m_window;
    PrintOptions m_options;
    FileChooser m_chooser;
    RiskSource m_riskSource;

    QAction *m_previewAction;
    QAction *m_printAction;
    QAction *m_pageSetupAction;
    QAction *m_svgAction;
    QAction *m_pngAction;
    QAction *m_pdfAction;
};

} // namespace Workplan
