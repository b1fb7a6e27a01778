#include "timelinewidget.h"

#include "timelineheader.h"
#include "timelinenames.h"
#include "timelinescene.h"
#include "timelineview.h"

#include <QAction>
#include <QActionGroup>
#include <QLabel>
#include <QSplitter>
#include <QToolBar>
#include <QVBoxLayout>

namespace Workplan {

TimelineWidget::TimelineWidget(ProjectDocument *document, AnalysisController *analysis,
                               TaskSelection *selection, QWidget *parent)
    : QWidget(parent)
{
    m_scene = new TimelineScene(document, analysis, selection, this);
    m_view = new TimelineView(m_scene);
    m_header = new TimelineHeader(m_view);
    m_names = new TimelineNames(m_view);

    m_toolBar = new QToolBar(tr("Timeline"));
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_zoomGroup = new QActionGroup(this);
    const std::pair<Level, QString> levels[] = {
        {Level::Hour, tr("Hour")}, {Level::Day, tr("Day")}, {Level::Week, tr("Week")}, {Level::Month, tr("Month")},
        {Level::Quarter, tr("Quarter")}};
    for (const auto &[level, text] : levels) {
        QAction *a = m_toolBar->addAction(text);
        a->setCheckable(true);
        a->setToolTip(tr("Zoom: one %1 per column").arg(text.toLower()));
        m_zoomGroup->addAction(a);
        m_zoom[int(level)] = a;
        connect(a, &QAction::triggered, this, [this, level = level] { setZoomLevel(level); });
    }
    m_fit = m_toolBar->addAction(tr("Fit"));
    m_fit->setToolTip(tr("Show the whole plan across the window"));
    connect(m_fit, &QAction::triggered, this, &TimelineWidget::fitToWindow);
    m_toolBar->addSeparator();
    m_team = m_toolBar->addAction(tr("With the team"));
    m_team->setCheckable(true);
    m_team->setToolTip(tr("Draw the schedule that respects the team's capacity (leveled)"));
    connect(m_team, &QAction::toggled, this,
            [this](bool on) { setSchedule(on ? Schedule::Leveled : Schedule::Planned); });

    // Left: a caption as tall as the time header, then the names; right: header, chart.
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    auto *caption = new QLabel(tr("Task"));
    caption->setFixedHeight(2 * TimelineHeader::tierHeight());
    caption->setIndent(8);
    caption->setStyleSheet(QStringLiteral("font-weight: bold"));
    leftLayout->addWidget(caption);
    leftLayout->addWidget(m_names, 1);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    rightLayout->addWidget(m_header);
    rightLayout->addWidget(m_view, 1);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("timelineSplitter"));   // its sizes are kept between runs
    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({240, 760});
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_splitter, 1);

    connect(m_scene, &TimelineScene::resultApplied, this, &TimelineWidget::syncActions);
    connect(m_scene, &TimelineScene::scaleChanged, this, &TimelineWidget::syncActions);
    connect(m_scene, &TimelineScene::scheduleChanged, this, &TimelineWidget::syncActions);
    syncActions();
}

TimelineWidget::~TimelineWidget() = default;

TimelineWidget::Schedule TimelineWidget::schedule() const
{
    return m_scene->schedule();
}

void TimelineWidget::setSchedule(Schedule schedule)
{
    m_scene->setSchedule(schedule);
    syncActions();
}

QAction *TimelineWidget::zoomAction(Level level) const
{
    return m_zoom[int(level)];
}

void TimelineWidget::setZoomLevel(TimelineScale::Level level)
{
    m_fitPending = false;
    m_view->setPixelsPerHour(TimelineScale::pixelsPerHour(level));
    syncActions();
}

void TimelineWidget::fitToWindow()
{
    m_fitPending = false;
    m_view->fitToWindow();
    syncActions();
}

void TimelineWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Only now has the viewport its width. A plan that would be squeezed below the month
    // level keeps the day level and scrolls instead.
    if (m_fitPending) {
        m_fitPending = false;
        m_view->fitToWindow();
        if (m_scene->scale().pixelsPerHour() < TimelineScale::pixelsPerHour(Level::Month))
            m_view->setPixelsPerHour(TimelineScale::pixelsPerHour(Level::Day));
        else if (m_scene->scale().pixelsPerHour() > TimelineScale::pixelsPerHour(Level::Hour))
            m_view->setPixelsPerHour(TimelineScale::pixelsPerHour(Level::Hour));
    }
}

void TimelineWidget::syncActions()
{
    // The checked zoom button names the header's level, however the zoom was reached.
    m_zoom[int(m_scene->scale().level())]->setChecked(true);
    const bool leveled = m_scene->hasLeveled();
    m_team->setEnabled(leveled);
    const QSignalBlocker block(m_team);
    m_team->setChecked(m_scene->schedule() == Schedule::Leveled);
}

} // namespace Workplan
