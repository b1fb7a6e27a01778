#pragma once

// The whole main window on a project, shown (and, when asked, active so that shortcuts
// reach it), with the analysis applied and the canvas in step: what tests of window-level
// gestures start from. Widgets: link workplan_views.

#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/mainwindow.h"

#include <QtTest>

#include <memory>

namespace WorkplanTest {

struct WindowFixture
{
    std::unique_ptr<Workplan::MainWindow> window;
    Workplan::GraphView *view = nullptr;

    // False when the window never showed (or never became active with `activate`).
    bool open(const Workplan::Project &project, QSize size = QSize(1200, 800), bool activate = true)
    {
        window = std::make_unique<Workplan::MainWindow>();
        window->resize(size);
        window->document()->resetProject(project);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return false;
        if (activate) {
            window->activateWindow();
            if (!QTest::qWaitForWindowActive(window.get()))
                return false;
        }
        view = window->findChild<Workplan::GraphView *>();
        if (!view)
            return false;
        window->findChild<Workplan::AnalysisController *>()->refreshNow();
        view->graphScene()->flush();
        return true;
    }

    void close()
    {
        view = nullptr;
        window.reset();
    }
};

} // namespace WorkplanTest
