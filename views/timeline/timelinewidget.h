#pragma once

#include "timelinelayout.h"
#include "timelinescale.h"

#include <QWidget>

class QAction;
class QActionGroup;
class QSplitter;
class QToolBar;

namespace Workplan {

class AnalysisController;
class ProjectDocument;
class TaskSelection;
class TimelineHeader;
class TimelineNames;
class TimelineScene;
class TimelineView;

// The Timeline (Gantt) panel: a toolbar (zoom levels, Fit, "With the team"), the task
// names on the left and the chart with its time header on the right, in a splitter.
class TimelineWidget : public QWidget
{
    Q_OBJECT
public:
    using Schedule = TimelineSchedule;
    using Level = TimelineScale::Level;

    TimelineWidget(ProjectDocument *document, AnalysisController *analysis,
                   TaskSelection *selection, QWidget *parent = nullptr);
    ~TimelineWidget() override;

    TimelineScene *scene() const { return m_scene; }
    TimelineView *view() const { return m_view; }
    TimelineHeader *header() const { return m_header; }
    TimelineNames *names() const { return m_names; }
    QToolBar *toolBar() const { return m_toolBar; }

    Schedule schedule() const;
    void setSchedule(Schedule schedule);

    QAction *zoomAction(Level level) const;
    QAction *fitAction() const { return m_fit; }
    // Checkable; enabled only while the analysis has a leveled schedule.
    QAction *teamAction() const { return m_team; }

public slots:
    void setZoomLevel(Workplan::TimelineScale::Level level);
    void fitToWindow();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void syncActions();

    TimelineScene *m_scene;
    TimelineView *m_view;
    TimelineHeader *m_header;
    TimelineNames *m_names;
    QToolBar *m_toolBar;
    QSplitter *m_splitter;
    QActionGroup *m_zoomGroup;
    QAction *m_zoom[TimelineScale::LevelCount] = {};
    QAction *m_fit;
    QAction *m_team;
    bool m_fitPending = true;   // the first showing fits the plan into the window
};

} // namespace Workplan
