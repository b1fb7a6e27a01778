#pragma once

// The canvas alone on a document, shown at 100 %: what tests of canvas gestures (rename,
// the inspector's arrow page, ...) start from. Widgets: link workplan_views.

#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/taskselection.h"

#include <QtTest>

#include <memory>

namespace WorkplanTest {

struct CanvasFixture
{
    std::unique_ptr<Workplan::ProjectDocument> doc;
    std::unique_ptr<Workplan::TaskSelection> selection;
    std::unique_ptr<Workplan::AnalysisController> analysis;
    std::unique_ptr<Workplan::GraphScene> scene;
    std::unique_ptr<Workplan::GraphView> view;

    // Shows `project` on a canvas of `size`; false when the window never showed.
    bool open(const Workplan::Project &project, QSize size = QSize(1000, 700))
    {
        doc = std::make_unique<Workplan::ProjectDocument>();
        doc->resetProject(project);
        selection = std::make_unique<Workplan::TaskSelection>();
        analysis = std::make_unique<Workplan::AnalysisController>(doc.get());
        scene = std::make_unique<Workplan::GraphScene>(doc.get(), selection.get(), analysis.get());
        view = std::make_unique<Workplan::GraphView>(scene.get());
        view->resize(size);
        view->show();
        if (!QTest::qWaitForWindowExposed(view.get()))
            return false;
        view->setZoom(1.0);
        return true;
    }

    // Views before what they show.
    void close()
    {
        view.reset();
        scene.reset();
        analysis.reset();
        selection.reset();
        doc.reset();
    }
};

} // namespace WorkplanTest
