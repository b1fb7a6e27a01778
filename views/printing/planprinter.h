#pragma once

#include <QCoreApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QRectF>
#include <QString>
#include <QStringList>

#include "model/tasklabel.h"
#include "views/overlaystate.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QGraphicsScene;
class QPagedPaintDevice;
class QPainter;

namespace Workplan {

class Project;
struct AnalysisResult;
struct RiskSummary;

// Writes a PDF of `options`' paper with `paint` through QSaveFile: a failed write keeps an
// existing file, and the error names the file. Shared by every printer.
bool writePdfFile(const QString &path, const struct PrintOptions &options, const QString &title,
                  const std::function<void(QPagedPaintDevice *)> &paint, QString *error);

struct PrintOptions
{
    QPageSize::PageSizeId paper = QPageSize::A4;
    QPageLayout::Orientation orientation = QPageLayout::Portrait;
    int tilesAcross = 1;     // 1 x 1: the graph fitted to one page
    int tilesDown = 1;
    int resolution = 150;    // dpi of PDF output
    // The analysis overlays the graph and the timeline are printed with. In the window
    // PrintController::options() reads them from the window's OverlayState, so a print
    // shows what the switches show; the offscreen (command-line) plan applies them.
    OverlayFlags overlays;

    QPageLayout pageLayout() const;
    static std::optional<QPageSize::PageSizeId> paperFromName(const QString &name);
    // "3x2" -> (3, 2); nullopt for anything else.
    static std::optional<std::pair<int, int>> tilesFromText(const QString &text);
};

// The printed plan: a summary page, the dependency graph (fitted, or tiled N x M with
// overlap marks), the task table and the blocked tasks. Each page has a header with the
// project name and date and a "page x of y" footer. With a risk summary (setRisk) a
// "Schedule risk" page follows the summary. Sizes are derived from the device's
// resolution, so PDF, printer and preview agree.
class PlanPrinter
{
    Q_DECLARE_TR_FUNCTIONS(PlanPrinter)
public:
    PlanPrinter(const Project &project, std::shared_ptr<const AnalysisResult> analysis,
                QGraphicsScene *graph, const PrintOptions &options);

    // The Risk panel's current result, or null for none (the default: headless printing
    // runs no simulation).
    void setRisk(std::shared_ptr<const RiskSummary> risk) { m_risk = std::move(risk); }

    // Paints every page on a device that already carries its page layout.
    void paint(QPagedPaintDevice *device) const;
    bool writePdf(const QString &path, QString *error) const;
    // Pages for the device's current layout.
    int pageCount(QPagedPaintDevice *device) const;

private:
    enum class Kind { Summary, Risk, Graph, Table, Blocked };
    struct Page { Kind kind; int first; int count; };
    struct Metrics;

    Metrics metrics(QPagedPaintDevice *device) const;
    std::vector<Page> planPages(const Metrics &m) const;
    void paintHeaderFooter(QPainter &p, const Metrics &m, int number, int total) const;
    void paintSummary(QPainter &p, const Metrics &m) const;
    void paintGraphTile(QPainter &p, const Metrics &m, int tile) const;
    void paintTable(QPainter &p, const Metrics &m, int first, int count) const;
    void paintBlocked(QPainter &p, const Metrics &m, int first, int count) const;

    const Project &m_project;
    TaskLabels m_labels;                    // how every printed line names a task
    std::shared_ptr<const AnalysisResult> m_analysis;
    std::shared_ptr<const RiskSummary> m_risk;
    QGraphicsScene *m_graph;
    PrintOptions m_options;
    std::vector<int> m_tableOrder;          // hierarchy pre-order, file order among siblings
    std::vector<int> m_tableDepth;
    QStringList m_blockedLines;             // one line per blocked task and per reason
};

} // namespace Workplan
