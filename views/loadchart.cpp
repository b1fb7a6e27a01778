#include "loadchart.h"

#include "analysiscontroller.h"

#include "model/tasklabel.h"
#include "model/calendar/workcalendar.h"
#include "model/engine/leveledschedule.h"
#include "model/project.h"
#include "model/projectdocument.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QMainWindow>
#include <QMouseEvent>
#include <QSplitter>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Workplan {

namespace {

const QColor kUnlimitedColor(0x1f, 0x5f, 0xbf);
const QColor kLeveledColor(0x2e, 0x8b, 0x3e);
const QColor kCapacityColor(0x30, 0x30, 0x30);
const QColor kOverColor(0xd6, 0x27, 0x28, 170);

// A step function as a polyline from 0 to `end`: a vertical pair of points at every step,
// so Qt Charts draws the steps rather than slopes. `floor` lifts every level to at least
// it (the upper edge of the over-capacity area).
void appendSteps(QLineSeries *series, const std::vector<LoadStep> &profile, double end, int floor = 0)
{
    int units = floor;
    series->append(0, units);
    for (const LoadStep &step : profile) {
        const int next = std::max(step.units, floor);
        series->append(step.time, units);
        series->append(step.time, next);
        units = next;
    }
    series->append(end, units);
}

QLineSeries *lineSeries(const QString &name, const QColor &color, qreal width, Qt::PenStyle style,
                        QObject *parent)
{
    auto *series = new QLineSeries(parent);
    series->setName(name);
    QPen pen(color, width, style);
    pen.setCapStyle(Qt::FlatCap);
    series->setPen(pen);
    return series;
}

} // namespace

LoadChart::LoadChart(ProjectDocument *document, AnalysisController *analysis, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_analysis(analysis)
{
    buildUi();
    connect(m_analysis, &AnalysisController::updated, this, &LoadChart::refresh);
    connect(m_resource, &QComboBox::currentIndexChanged, this, [this] {
        drawChart();
        m_tasks->clear();
        m_at->setText(tr("Click the chart to list the tasks using the resource at that moment."));
    });
    refresh();
}

QDockWidget *LoadChart::addDock(QMainWindow *window, ProjectDocument *document, AnalysisController *analysis)
{
    auto *dock = new QDockWidget(tr("Team load"), window);
    dock->setObjectName(QStringLiteral("teamLoadDock"));
    dock->setWidget(new LoadChart(document, analysis, dock));
    dock->toggleViewAction()->setObjectName(QStringLiteral("teamLoadAction"));
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    return dock;
}

void LoadChart::buildUi()
{
    m_resource = new QComboBox(this);
    m_resource->setObjectName(QStringLiteral("loadResource"));
    m_resource->setAccessibleName(tr("Resource"));
    m_resource->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("loadHint"));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignCenter);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("loadNote"));
    m_note->setWordWrap(true);
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("loadLegend"));
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    m_view = new QChartView(new QChart, this);
    m_view->setObjectName(QStringLiteral("loadChartView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    m_view->setAccessibleName(tr("Load of the chosen resource over time"));
    m_view->viewport()->installEventFilter(this);
    m_view->viewport()->setCursor(Qt::CrossCursor);
    m_at = new QLabel(tr("Click the chart to list the tasks using the resource at that moment."), this);
    m_at->setObjectName(QStringLiteral("loadAt"));
    m_at->setWordWrap(true);
    m_tasks = new QListWidget(this);
    m_tasks->setObjectName(QStringLiteral("loadTasks"));
    m_tasks->setAccessibleName(tr("Tasks using the resource at the chosen moment"));

    m_chooser = new QWidget(this);
    auto *top = new QHBoxLayout(m_chooser);
    top->setContentsMargins(0, 0, 0, 0);
    auto *resourceLabel = new QLabel(tr("&Resource:"), m_chooser);
    resourceLabel->setBuddy(m_resource);
    top->addWidget(resourceLabel);
    top->addWidget(m_resource);
    top->addStretch();
    auto *below = new QWidget(this);
    auto *belowLayout = new QVBoxLayout(below);
    belowLayout->setContentsMargins(0, 0, 0, 0);
    belowLayout->addWidget(m_at);
    belowLayout->addWidget(m_tasks);
    // The chart takes the room; the list can be dragged taller when it is long.
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("loadChartSplitter"));   // its sizes are kept between runs
    m_body = split;
    auto *above = new QWidget(this);
    auto *aboveLayout = new QVBoxLayout(above);
    aboveLayout->setContentsMargins(0, 0, 0, 0);
    aboveLayout->addWidget(m_view, 1);
    aboveLayout->addWidget(m_legend);
    split->addWidget(above);
    split->addWidget(below);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_chooser);
    layout->addWidget(m_note);
    layout->addWidget(m_hint, 1);
    layout->addWidget(split, 1);
}

void LoadChart::showHint(const QString &text)
{
    m_hint->setText(text);
    m_hint->setVisible(!text.isEmpty());
    m_body->setVisible(text.isEmpty());
    m_chooser->setVisible(text.isEmpty());
    if (!text.isEmpty()) {
        m_note->clear();
        m_note->hide();
        m_tasks->clear();
    }
}

void LoadChart::refresh()
{
    m_result = m_analysis->result();
    m_start.clear();
    m_finish.clear();
    if (!m_result || m_result->snapshot.resources.empty()) {
        m_resource->clear();
        showHint(tr("Declare the team in Project \u25b8 Team\u2026 to see each resource's load."));
        return;
    }
    const Snapshot &s = m_result->snapshot;
    const Analysis &a = m_result->analysis;
    if (!a.hasSchedule()) {
        fillResources();
        showHint(tr("The plan has a dependency loop, so it has no schedule whose load could be "
                    "drawn. Break the loop to see each resource's load."));
        return;
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    m_start.assign(std::size_t(s.taskCount()), nan);
    m_finish.assign(std::size_t(s.taskCount()), nan);
    for (int t = 0; t < s.taskCount(); ++t) {
        if (!s.isLeaf(t))
            continue;
        const Analysis::Times times = a.times(t);
        m_start[std::size_t(t)] = times.es;
        m_finish[std::size_t(t)] = times.ef;
    }
    showHint(QString());
    fillResources();
    drawChart();
    // The moment listed may not mean the same after an edit: ask again.
    m_tasks->clear();
    m_at->setText(tr("Click the chart to list the tasks using the resource at that moment."));
}

void LoadChart::fillResources()
{
    // Keep the chosen resource across edits, by name.
    const QString chosen = m_resource->currentText();
    const QSignalBlocker block(m_resource);
    m_resource->clear();
    for (const Resource &r : m_result->snapshot.resources)
        m_resource->addItem(r.name);
    m_resource->setCurrentIndex(std::max(0, m_resource->findText(chosen)));
}

void LoadChart::drawChart()
{
    const int r = m_resource->currentIndex();
    if (!m_result || r < 0 || m_start.empty())
        return;
    const Snapshot &s = m_result->snapshot;
    const Analysis &a = m_result->analysis;
    const LeveledSchedule *leveled = a.leveled.get();
    m_capacity = s.resources[std::size_t(r)].capacity;
    m_unlimitedProfile = loadProfile(s, r, m_start, m_finish);
    m_leveledProfile = leveled ? loadProfile(s, r, leveled->start, leveled->finish) : std::vector<LoadStep>();
    m_endHours = std::max({a.makespanHours, leveled ? leveled->makespanHours : 0.0, 1.0});
    const int peak = peakUnits(m_unlimitedProfile);

    auto *chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    // The legend is m_legend, a wrapping label: a dock is narrow, and Qt Charts' own
    // legend cuts its names short ("Ove...") there.
    chart->legend()->hide();

    // The red first, so the lines draw over it: between the capacity and the unlimited load.
    auto *overUpper = new QLineSeries(chart);
    auto *overLower = new QLineSeries(chart);
    appendSteps(overUpper, m_unlimitedProfile, m_endHours, m_capacity);
    overLower->append(0, m_capacity);
    overLower->append(m_endHours, m_capacity);
    auto *over = new QAreaSeries(overUpper, overLower);
    over->setName(tr("Over capacity"));
    over->setPen(Qt::NoPen);
    over->setBrush(kOverColor);
    auto *capacity = lineSeries(tr("Capacity"), kCapacityColor, 1.5, Qt::SolidLine, chart);
    capacity->append(0, m_capacity);
    capacity->append(m_endHours, m_capacity);
    m_unlimitedSeries = lineSeries(tr("Unlimited"), kUnlimitedColor, 2.5, Qt::SolidLine, chart);
    appendSteps(m_unlimitedSeries, m_unlimitedProfile, m_endHours);
    QLineSeries *level = nullptr;
    if (leveled) {
        // Dashed, so where both schedules agree the unlimited line still shows through.
        level = lineSeries(tr("Leveled"), kLeveledColor, 2, Qt::DashLine, chart);
        appendSteps(level, m_leveledProfile, m_endHours);
    }
    m_marker = lineSeries(QString(), QColor(0x80, 0x80, 0x80), 1, Qt::DotLine, chart);

    auto *x = new QValueAxis(chart);
    x->setRange(0, m_endHours);
    x->applyNiceNumbers();
    x->setLabelFormat(QStringLiteral("%g"));
    x->setTitleText(tr("hours from the start"));
    auto *y = new QValueAxis(chart);
    // Whole units, one tick each, with a unit of headroom above the highest line.
    const int top = std::max({peak, peakUnits(m_leveledProfile), m_capacity}) + 1;
    y->setRange(0, top);
    y->setTickCount(top <= 10 ? top + 1 : 6);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(tr("units"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    QList<QAbstractSeries *> all{over, capacity, m_unlimitedSeries};
    if (level)
        all << level;
    all << m_marker;
    for (QAbstractSeries *series : all) {
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    const auto swatch = [](const QColor &color, const QString &glyph, const QString &name) {
        return QStringLiteral("<span style=\"color:%1\"><b>%2</b></span>&nbsp;%3")
            .arg(QColor(color.rgb()).name(), glyph, name.toHtmlEscaped());
    };
    QStringList legend{swatch(kUnlimitedColor, QStringLiteral("\u2501\u2501"), tr("unlimited")),
                       swatch(kCapacityColor, QStringLiteral("\u2500\u2500"), tr("capacity %1").arg(m_capacity)),
                       swatch(kOverColor, QStringLiteral("\u2588\u2588"), tr("over capacity"))};
    if (level)
        legend.insert(1, swatch(kLeveledColor, QStringLiteral("\u254d\u254d"), tr("leveled")));
    m_legend->setText(legend.join(QStringLiteral(" &nbsp; ")));

    QChart *old = m_view->chart();
    m_view->setChart(chart);
    delete old;

    QStringList notes;
    if (peak > m_capacity)
        notes << tr("Without leveling the plan needs %1 units of %2 at once; the capacity is %3.")
                     .arg(peak).arg(s.resources[std::size_t(r)].name).arg(m_capacity);
    if (!leveled)
        notes << (a.overCapacity ? tr("No leveled schedule: a task needs more of a resource than exists.")
                                 : tr("No leveled schedule."));
    m_note->setText(notes.join(QLatin1Char(' ')));
    m_note->setVisible(!notes.isEmpty());
}

QString LoadChart::timeText(double hours) const
{
    const QString h = tr("%1 h").arg(QString::number(hours, 'f', hours == std::floor(hours) ? 0 : 1));
    if (m_result && m_result->snapshot.dates)
        return tr("%1 (%2)").arg(h, formatMoment(m_result->snapshot.dates->startReading(hours)));
    return h;
}

void LoadChart::showTasksAt(double hours)
{
    m_tasks->clear();
    const int r = m_resource->currentIndex();
    if (!m_result || r < 0 || m_start.empty())
        return;
    const Snapshot &s = m_result->snapshot;
    const std::vector<int> holders = tasksAt(s, r, m_start, m_finish, hours);
    const QString name = s.resources[std::size_t(r)].name;
    // Spelled out per count: the project ships no translations to pick a plural form.
    if (holders.empty())
        m_at->setText(tr("At %1 no task uses %2 (unlimited schedule).").arg(timeText(hours), name));
    else if (holders.size() == 1)
        m_at->setText(tr("At %1, 1 task uses %2 (unlimited schedule):").arg(timeText(hours), name));
    else
        m_at->setText(tr("At %1, %2 tasks use %3 (unlimited schedule):")
                          .arg(timeText(hours)).arg(holders.size()).arg(name));
    const Project &project = m_document->project();
    const TaskLabels &labels = taskLabels(*m_document);
    for (int t : holders) {
        const QString &id = s.ids[std::size_t(t)];
        const Task *task = project.find(id);
        const QString title = task ? labels(id) : id;
        // Two lines, so a narrow dock wraps nothing away.
        const int units = demandUnitsOf(s, r, t);
        auto *item = new QListWidgetItem(tr("%1\n    %2, %3\u2013%4 h")
                                             .arg(title, units == 1 ? tr("1 unit") : tr("%1 units").arg(units))
                                             .arg(m_start[std::size_t(t)]).arg(m_finish[std::size_t(t)]),
                                         m_tasks);
        item->setToolTip(item->text());
        item->setData(Qt::UserRole, id);
    }
    if (!m_marker)
        return;
    m_marker->clear();
    m_marker->append(hours, 0);
    m_marker->append(hours, std::max(peakUnits(m_unlimitedProfile), m_capacity) + 1);
}

QPoint LoadChart::viewportPoint(double hours, double units) const
{
    QChart *chart = m_view->chart();
    const QPointF inChart = chart->mapToPosition(QPointF(hours, units), m_unlimitedSeries);
    return m_view->mapFromScene(chart->mapToScene(inChart));
}

bool LoadChart::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonPress && m_unlimitedSeries
        && !m_start.empty()) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        QChart *chart = m_view->chart();
        const QPointF inChart = chart->mapFromScene(m_view->mapToScene(mouse->position().toPoint()));
        if (mouse->button() == Qt::LeftButton && chart->plotArea().contains(inChart)) {
            showTasksAt(std::max(0.0, chart->mapToValue(inChart, m_unlimitedSeries).x()));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Workplan
