#include "offscreenplan.h"

#include "graphexport.h"
#include "timelineprinter.h"

#include "views/analysiscontroller.h"
#include "views/graph/graphscene.h"
#include "views/timeline/timelinescene.h"

#include "model/projectdocument.h"

namespace Workplan {

OffscreenPlan::OffscreenPlan(const Project &project)
    : m_document(std::make_unique<ProjectDocument>())
{
    m_document->resetProject(project);
    m_analysis = std::make_unique<AnalysisController>(m_document.get());
    m_analysis->refreshNow();
    m_scene = std::make_unique<GraphScene>(m_document.get(), nullptr, m_analysis.get());
    // Paper is white whatever the desktop's theme.
    m_scene->setBackgroundBrush(Qt::white);
    // Vector output: no bitmap caches in the way.
    m_scene->setItemCaching(false);
    m_scene->flush();
}

OffscreenPlan::~OffscreenPlan()
{
    // The scene refers to the analysis and the document; take it down first.
    m_scene.reset();
    m_analysis.reset();
}

bool OffscreenPlan::writePdf(const QString &path, const PrintOptions &options, QString *error) const
{
    m_scene->overlayState()->setFlags(options.overlays);
    const PlanPrinter printer(m_document->project(), m_analysis->result(), m_scene.get(), options);
    return printer.writePdf(path, error);
}

bool OffscreenPlan::writeTimelinePdf(const QString &path, const PrintOptions &options, QString *error) const
{
    TimelineScene scene(m_document.get(), m_analysis.get(), nullptr);
    scene.setBackgroundBrush(Qt::white);
    scene.overlayState()->setFlags(options.overlays);
    return TimelinePrinter(m_document->project().name, &scene, options).writePdf(path, error);
}

bool OffscreenPlan::writeSvg(const QString &path, QString *error) const
{
    return GraphExport::writeSvg(m_scene.get(), path, m_document->project().name, error);
}

bool OffscreenPlan::writePng(const QString &path, double scale, QString *error) const
{
    return GraphExport::writePng(m_scene.get(), path, scale, error);
}

} // namespace Workplan
