#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QWidget>

#include <memory>

class QChartView;
class QCheckBox;
class QDockWidget;
class QLabel;
class QMainWindow;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTextBrowser;
class QTimer;

namespace Workplan {

class AnalysisController;
class ProjectDocument;
struct RiskJob;
struct RiskSummary;

// The Risk dock (§8): the same Monte Carlo engine as `workplan risk`, run on demand. The
// simulation runs on a worker with QtConcurrent on a copy of the Project (the snapshot,
// analysis and risk input are built there too), so the window never waits for it; the
// worker only writes atomics, which a timer reads for the progress bar, and Cancel sets a
// flag the engine's progress callback answers with false.
//
// A result belongs to the plan as it was when the run started: any edit afterwards marks
// it out of date (a visible line with a one-click re-run) rather than leaving it to look
// current. Runs and seed are remembered per project file in QSettings.
//
// The charts (riskcharts.h) are a histogram and an S-curve on two tabs, and a tornado. Save
// JSON writes what `workplan risk --json` prints for the same runs and seed. The share of
// runs each task was critical in goes to the canvas (criticalityChanged) while a current
// result is shown and the "Criticality (risk)" switch is on.
class RiskPanel : public QWidget
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Done, Cancelled, Cycles };
    Q_ENUM(State)

    RiskPanel(ProjectDocument *document, AnalysisController *analysis, QWidget *parent = nullptr);
    ~RiskPanel() override;

    // Puts a panel in a dock ("riskDock", its toggle action "riskPanelAction") on the right
    // of `window`; the panel is the dock's widget.
    static QDockWidget *addDock(QMainWindow *window, ProjectDocument *document,
                                AnalysisController *analysis);

    // --- Read API (tests, exports) ---
    State state() const { return m_state; }
    bool isStale() const { return m_stale; }
    QString statusText() const;
    QString tableText() const;            // the results table as plain text
    // The shown result as `workplan risk --json` prints it; empty when no result is shown.
    QByteArray resultJson() const;
    // Where Save JSON proposes to write: "<project>-risk.json" beside the project file (or
    // under the project's name when it has none).
    QString proposedJsonPath() const;
    // The outcome of the last save, shown under the buttons; empty before any.
    QString saveMessage() const;
    bool criticalityShown() const;
    // The shown result for the printed plan's risk page; null when there is none, or it
    // is out of date (cancelled and refused runs show none).
    std::shared_ptr<const RiskSummary> riskSummary() const;
    // The shown result's P80 finish in working hours from the start; NaN when there is no
    // current result (none, cancelled, or out of date after an edit).
    double currentP80() const;

public slots:
    void run();
    void cancel();
    // Writes resultJson() to `path` through QSaveFile (all or nothing). On failure the
    // message names the file and the reason. The button asks for the path, then calls this.
    bool saveJson(const QString &path);
    // The "Criticality (risk)" switch; the View menu's action follows it both ways.
    void setCriticalityShown(bool on);

signals:
    // A run ended (done, cancelled or refused for cycles).
    void finished();
    // Task id -> share of runs (0..1) in which the leaf was critical; empty when there is
    // no current result or the switch is off, which clears the canvas's tint.
    void criticalityChanged(const QHash<QString, double> &shares);
    void criticalityShownChanged(bool on);
    // currentP80() changed: the timeline draws its marker from it, NaN takes it away.
    void p80Changed(double hours);

private:
    void buildUi();
    void onFinished();
    void pollProgress();
    void markStale();
    void onAnalysisUpdated();
    void setState(State state, const QString &status);
    void clearResults();
    void showResults();
    void fillCharts();
    void askSaveJson();
    // Sends the shares (or nothing) after a change of result, staleness or switch.
    void publishCriticality();
    void publishP80();
    // QSettings per project file.
    QString settingsKey() const;
    void loadSettings(bool storeWhenMissing);
    void saveSettings();

    static constexpr int kDefaultRuns = 10000;
    static constexpr int kDefaultSeed = 1;

    ProjectDocument *m_document;
    AnalysisController *m_analysis;

    QSpinBox *m_runs;
    QSpinBox *m_seed;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QWidget *m_staleRow;
    QTextBrowser *m_table;
    QTabWidget *m_chartTabs;
    QChartView *m_histogram;
    QChartView *m_sCurve;
    QChartView *m_tornado;
    QPushButton *m_saveJson;
    QLabel *m_saveMessage;
    QCheckBox *m_criticality;
    QTimer *m_poll;

    QFutureWatcher<void> m_watcher;
    std::shared_ptr<RiskJob> m_job;       // the running or the shown run
    State m_state = State::Idle;
    quint64 m_generation = 0;             // counts document edits
    bool m_stale = false;
    bool m_loadingSettings = false;
    bool m_criticalitySent = false;       // the canvas holds shares from this panel
    double m_p80Sent;                     // what p80Changed last said (NaN: nothing)
};

} // namespace Workplan
