// RiskPanel: how it is put together (widgets, dock) and what it remembers per project
// file (runs and seed), and the file name Save JSON proposes. Running and showing results
// are in riskpanel.cpp.
#include "riskpanel.h"

#include "model/projectdocument.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

namespace Workplan {

QDockWidget *RiskPanel::addDock(QMainWindow *window, ProjectDocument *document, AnalysisController *analysis)
{
    auto *dock = new QDockWidget(tr("Risk"), window);
    dock->setObjectName(QStringLiteral("riskDock"));
    // Scrolled rather than squeezed: its charts would otherwise set the height of the whole
    // right column (and so the smallest window).
    auto *scroll = new QScrollArea(dock);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(new RiskPanel(document, analysis, scroll));
    dock->setWidget(scroll);
    dock->toggleViewAction()->setObjectName(QStringLiteral("riskPanelAction"));
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    return dock;
}

void RiskPanel::buildUi()
{
    m_runs = new QSpinBox(this);
    m_runs->setObjectName(QStringLiteral("riskRuns"));
    m_runs->setRange(1, 5000000);
    m_runs->setSingleStep(1000);
    m_runs->setGroupSeparatorShown(true);
    m_runs->setValue(kDefaultRuns);
    m_seed = new QSpinBox(this);
    m_seed->setObjectName(QStringLiteral("riskSeed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(kDefaultSeed);
    m_seed->setToolTip(tr("The same plan, runs and seed give the same figures every time."));
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("riskRun"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("riskCancel"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("riskProgress"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("riskStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_staleRow = new QWidget(this);
    m_staleRow->setObjectName(QStringLiteral("riskStaleRow"));
    auto *staleLabel = new QLabel(tr("Results are out of date \u2014 the plan changed after this run."), m_staleRow);
    staleLabel->setObjectName(QStringLiteral("riskStaleLabel"));
    staleLabel->setWordWrap(true);
    staleLabel->setStyleSheet(QStringLiteral("color: #b35c00; font-weight: bold;"));
    auto *rerun = new QPushButton(tr("Run again"), m_staleRow);
    rerun->setObjectName(QStringLiteral("riskRerun"));
    connect(rerun, &QPushButton::clicked, this, &RiskPanel::run);
    auto *staleLayout = new QHBoxLayout(m_staleRow);
    staleLayout->setContentsMargins(0, 0, 0, 0);
    staleLayout->addWidget(staleLabel, 1);
    staleLayout->addWidget(rerun);
    m_staleRow->hide();

    m_table = new QTextBrowser(this);
    m_table->setObjectName(QStringLiteral("riskTable"));
    m_chartTabs = new QTabWidget(this);
    m_chartTabs->setObjectName(QStringLiteral("riskChartTabs"));
    m_chartTabs->setDocumentMode(true);
    m_histogram = new QChartView(new QChart, m_chartTabs);
    m_histogram->setObjectName(QStringLiteral("riskHistogram"));
    m_histogram->setRenderHint(QPainter::Antialiasing);
    m_histogram->setMinimumHeight(220);
    m_sCurve = new QChartView(new QChart, m_chartTabs);
    m_sCurve->setObjectName(QStringLiteral("riskSCurve"));
    m_sCurve->setRenderHint(QPainter::Antialiasing);
    m_sCurve->setMinimumHeight(220);
    m_chartTabs->addTab(m_histogram, tr("Histogram"));
    m_chartTabs->addTab(m_sCurve, tr("S-curve"));
    m_saveJson = new QPushButton(tr("Save JSON\u2026"), this);
    m_saveJson->setObjectName(QStringLiteral("riskSaveJson"));
    m_saveJson->setToolTip(tr("Save the figures as `workplan risk --json` prints them."));
    m_saveMessage = new QLabel(this);
    m_saveMessage->setObjectName(QStringLiteral("riskSaveMessage"));
    m_saveMessage->setWordWrap(true);
    m_saveMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saveMessage->hide();
    m_criticality = new QCheckBox(tr("Criticality (risk)"), this);
    m_criticality->setObjectName(QStringLiteral("riskCriticalityOverlay"));
    m_criticality->setToolTip(tr("Tint each card on the canvas by the share of runs in which it was critical."));
    m_tornado = new QChartView(new QChart, this);
    m_tornado->setObjectName(QStringLiteral("riskTornado"));
    m_tornado->setMinimumHeight(160);
    m_poll = new QTimer(this);
    m_poll->setInterval(50);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Runs"), this));
    controls->addWidget(m_runs, 1);
    controls->addWidget(new QLabel(tr("Seed"), this));
    controls->addWidget(m_seed, 1);
    controls->addWidget(m_run);
    auto *progress = new QHBoxLayout;
    progress->addWidget(m_progress, 1);
    progress->addWidget(m_cancel);
    auto *outputs = new QHBoxLayout;
    outputs->addWidget(m_criticality, 1);
    outputs->addWidget(m_saveJson);
    auto *results = new QSplitter(Qt::Vertical, this);
    results->setObjectName(QStringLiteral("riskResultsSplitter"));   // its sizes are kept between runs
    results->addWidget(m_chartTabs);
    results->addWidget(m_table);
    results->addWidget(m_tornado);
    results->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addLayout(progress);
    layout->addWidget(m_status);
    layout->addWidget(m_staleRow);
    layout->addLayout(outputs);
    layout->addWidget(m_saveMessage);
    layout->addWidget(results, 1);
}

QString RiskPanel::settingsKey() const
{
    const QString path = m_document->filePath();
    if (path.isEmpty())
        return QStringLiteral("riskPanel/untitled");
    // A path is no QSettings key ('/' nests groups, '\' is reserved on some backends); its hash is.
    const QByteArray hash = QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(),
                                                     QCryptographicHash::Sha1).toHex();
    return QStringLiteral("riskPanel/") + QString::fromLatin1(hash);
}

void RiskPanel::loadSettings(bool storeWhenMissing)
{
    const QString key = settingsKey();
    QSettings settings;
    if (!settings.contains(key + QStringLiteral("/runs"))) {
        if (storeWhenMissing)
            saveSettings();
        return;
    }
    m_loadingSettings = true;
    m_runs->setValue(settings.value(key + QStringLiteral("/runs"), kDefaultRuns).toInt());
    m_seed->setValue(settings.value(key + QStringLiteral("/seed"), kDefaultSeed).toInt());
    m_loadingSettings = false;
}

void RiskPanel::saveSettings()
{
    if (m_loadingSettings)
        return;
    const QString key = settingsKey();
    QSettings settings;
    settings.setValue(key + QStringLiteral("/runs"), m_runs->value());
    settings.setValue(key + QStringLiteral("/seed"), m_seed->value());
}

QString RiskPanel::proposedJsonPath() const
{
    const QString file = m_document->filePath();
    if (!file.isEmpty()) {
        const QFileInfo info(file);
        return info.dir().filePath(info.completeBaseName() + QStringLiteral("-risk.json"));
    }
    // No file yet: the project's name, without what a file name cannot hold.
    QString name = m_document->project().name.trimmed();
    static const QString forbidden = QStringLiteral("/\\:*?\"<>|");
    for (QChar &c : name) {
        if (forbidden.contains(c) || c.isSpace())
            c = QLatin1Char('-');
    }
    if (name.isEmpty())
        name = tr("untitled");
    return QDir::home().filePath(name + QStringLiteral("-risk.json"));
}

} // namespace Workplan
