#pragma once

// One timeline on its own document, shown and exposed: the fixture tst_timeline and
// tst_timelineedit share.

#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/taskselection.h"
#include "views/timeline/timelinescene.h"
#include "views/timeline/timelineview.h"
#include "views/timeline/timelinewidget.h"

#include <QtTest>

#include <memory>

namespace WorkplanTest {

struct TimelineFixture
{
    Workplan::ProjectDocument doc;
    Workplan::AnalysisController *analysis = nullptr;
    Workplan::TaskSelection selection;
    std::unique_ptr<Workplan::TimelineWidget> widget;

    explicit TimelineFixture(Workplan::Project project, int width = 1200)
    {
        doc.resetProject(std::move(project));
        analysis = new Workplan::AnalysisController(&doc, &doc);
        widget = std::make_unique<Workplan::TimelineWidget>(&doc, analysis, &selection);
        widget->resize(width, 420);
        widget->show();
        if (!QTest::qWaitForWindowExposed(widget.get()))
            qWarning("timeline window not exposed");
    }
    Workplan::TimelineScene *scene() const { return widget->scene(); }
    Workplan::TimelineView *view() const { return widget->view(); }
};

} // namespace WorkplanTest
