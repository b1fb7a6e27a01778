#pragma once

#include "planprinter.h"

#include <QString>

#include <memory>

namespace Workplan {

class AnalysisController;
class GraphScene;
class Project;
class ProjectDocument;

// A project drawn without a window: the same document, analysis and graph scene as the
// editor, so `workplan print` and `workplan export` show what the GUI shows.
class OffscreenPlan
{
public:
    explicit OffscreenPlan(const Project &project);
    ~OffscreenPlan();

    GraphScene *scene() const { return m_scene.get(); }

    bool writePdf(const QString &path, const PrintOptions &options, QString *error) const;
    // The timeline (Gantt) pages alone, tiled over the paper (TimelinePrinter).
    bool writeTimelinePdf(const QString &path, const PrintOptions &options, QString *error) const;
    bool writeSvg(const QString &path, QString *error) const;
    bool writePng(const QString &path, double scale, QString *error) const;

private:
    std::unique_ptr<ProjectDocument> m_document;
    std::unique_ptr<AnalysisController> m_analysis;
    std::unique_ptr<GraphScene> m_scene;
};

} // namespace Workplan
