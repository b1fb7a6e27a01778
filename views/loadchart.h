#pragma once

#include "model/team/loadprofile.h"

#include <QWidget>

#include <memory>
#include <vector>

class QAreaSeries;
class QChart;
class QChartView;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineSeries;
class QListWidget;
class QMainWindow;

namespace Workplan {

class AnalysisController;
class ProjectDocument;
struct AnalysisResult;

// The "Team load" dock (§7): for the resource chosen in the combo, the units in use over
// time in the unlimited schedule (each leaf over ES..EF) and in the leveled one, as step
// lines, with the capacity as a horizontal line and the unlimited load above it in red.
// A click on the chart lists the tasks holding the resource at that moment in the
// unlimited schedule. The profiles come from model/team/loadprofile.h; this only draws.
class LoadChart : public QWidget
{
    Q_OBJECT
public:
    LoadChart(ProjectDocument *document, AnalysisController *analysis, QWidget *parent = nullptr);

    // The dock, added to `window`'s right area (the caller tabifies it).
    static QDockWidget *addDock(QMainWindow *window, ProjectDocument *document, AnalysisController *analysis);

    QComboBox *resourceBox() const { return m_resource; }
    QChartView *chartView() const { return m_view; }
    QListWidget *taskList() const { return m_tasks; }
    QLabel *hintLabel() const { return m_hint; }
    QLabel *atLabel() const { return m_at; }
    const std::vector<LoadStep> &unlimitedProfile() const { return m_unlimitedProfile; }
    const std::vector<LoadStep> &leveledProfile() const { return m_leveledProfile; }
    int capacity() const { return m_capacity; }
    // Where (in the chart view's viewport) the point (hours, units) is drawn: tests click there.
    QPoint viewportPoint(double hours, double units) const;

public slots:
    // Re-reads the latest analysis (AnalysisController::updated).
    void refresh();
    // What a click at `hours` does: the unlimited schedule's holders of the resource, listed.
    void showTasksAt(double hours);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void fillResources();
    void drawChart();
    void showHint(const QString &text);
    QString timeText(double hours) const;

    ProjectDocument *m_document;
    AnalysisController *m_analysis;
    std::shared_ptr<const AnalysisResult> m_result;
    // The unlimited schedule per task (ES, EF for leaves; NaN elsewhere), and the leveled.
    std::vector<double> m_start, m_finish;
    std::vector<LoadStep> m_unlimitedProfile, m_leveledProfile;
    int m_capacity = 0;
    double m_endHours = 0;

    QWidget *m_chooser = nullptr;               // "Resource:" and the combo
    QWidget *m_body = nullptr;                  // the chart and the list, hidden with a hint
    QComboBox *m_resource = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_legend = nullptr;
    QChartView *m_view = nullptr;
    QLineSeries *m_unlimitedSeries = nullptr;   // owned by the view's chart
    QLineSeries *m_marker = nullptr;
    QLabel *m_at = nullptr;
    QListWidget *m_tasks = nullptr;
};

} // namespace Workplan
