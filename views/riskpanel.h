#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QChartView;
class QDockWidget;
class QLabel;
class QMainWindow;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QTimer;

namespace Workplan {

class AnalysisController;
class ProjectDocument;
struct RiskJob;

// The Risk dock (§8): the same Monte Carlo engine as `workplan risk`, run on demand. The
// simulation runs on a worker with QtConcurrent on a copy of the Project (the snapshot,
// analysis and risk input are built there too), so the window never waits for it; the
// worker only writes atomics, which a timer reads for the progress bar, and Cancel sets a
// flag the engine's progress callback answers with false.
//
// A result belongs to the plan as it was when the run started: any edit afterwards marks
// it out of date (a visible line with a one-click re-run) rather than leaving it to look
// current. Runs and seed are remembered per project file in QSettings.
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

public slots:
    void run();
    void cancel();

signals:
    // A run ended (done, cancelled or refused for cycles).
    void finished();

private:
    void buildUi();
    void onFinished();
    void pollProgress();
    void markStale();
    void onAnalysisUpdated();
    void setState(State state, const QString &status);
    void clearResults();
    void showResults();
    void fillTable();
    void fillHistogram();
    void fillTornado();
    // QSettings per project file.
    QString settingsKey() const;
    void loadSettings(bool storeWhenMissing);
    void saveSettings();

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
    QChartView *m_histogram;
    QChartView *m_tornado;
    QTimer *m_poll;

    QFutureWatcher<void> m_watcher;
    std::shared_ptr<RiskJob> m_job;       // the running or the shown run
    State m_state = State::Idle;
    quint64 m_generation = 0;             // counts document edits
    bool m_stale = false;
    bool m_loadingSettings = false;
};

} // namespace Workplan
