#include "mainwindow.h"

#include "analysiscontroller.h"
#include "analysispanel.h"
#include "autosaver.h"
#include "editablewhen.h"
#include "graph/emptycanvashint.h"
#include "graph/graphscene.h"
#include "graph/graphview.h"
#include "helpmenu.h"
#include "inspector.h"
#include "loadchart.h"
#include "overlaystate.h"
#include "palettewidget.h"
#include "projectpropertiesdialog.h"
#include "riskpanel.h"
#include "timeline/timelinescene.h"
#include "timeline/timelinewidget.h"
#include "timeline/timelineview.h"
#include "viewactions.h"
#include "printing/printcontroller.h"
#include "recentfiles.h"
#include "taskfactory.h"
#include "taskselection.h"
#include "tasktreemodel.h"
#include "tasktreewidget.h"
#include "editactions.h"
#include "teamdialog.h"
#include "templatedialog.h"
#include "welcomepage.h"
#include "teamproject/teamprojectcontroller.h"

#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/storage/filesafety.h"
#include "model/storage/projectfile.h"
#include "model/storage/postgres/postgresstore.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenuBar>
#include <QLocale>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>

#include <algorithm>

namespace Workplan {

namespace {
const int kStatusTimeoutMs = 8000;
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new ProjectDocument(this))
    , m_selection(new TaskSelection(this))
    , m_analysis(new AnalysisController(m_document, this))
    , m_autosaver(new Autosaver(m_document, this))
{
    // [graph] the canvas is the central widget.
    auto *canvas = GraphView::create(m_document, m_selection, m_analysis, this);
    setCentralWidget(canvas);
    new EmptyCanvasHint(m_document, canvas->viewport());   // how to start, while the plan is empty
    // [tree] [inspector] [palette] [undo] docks.
    createDocks();
    QDockWidget *analysisDock = AnalysisPanel::addDock(this, m_analysis, m_selection, m_document);   // [analysis] dock
    // History shares a tab with the analysis, which is the one people look at.
    if (auto *history = findChild<QDockWidget *>(QStringLiteral("HistoryDock"))) {
        tabifyDockWidget(history, analysisDock);
        analysisDock->raise();
    }
    // [risk] dock (§8), a tab beside the analysis; createActions() lists it in View.
    QDockWidget *riskDock = RiskPanel::addDock(this, m_document, m_analysis);
    tabifyDockWidget(analysisDock, riskDock);
    // [team load] (§7) each resource's load over time, a tab beside the risk.
    tabifyDockWidget(riskDock, LoadChart::addDock(this, m_document, m_analysis));
    analysisDock->raise();
    // [timeline] the schedule on a time axis, under the canvas; listed in View like the rest.
    auto *timelineDock = new QDockWidget(tr("Timeline"), this);
    timelineDock->setObjectName(QStringLiteral("TimelineDock"));
    auto *timeline = new TimelineWidget(m_document, m_analysis, m_selection, timelineDock);
    timelineDock->setWidget(timeline);
    addDockWidget(Qt::BottomDockWidgetArea, timelineDock);
    // A summary opened or closed in the tree is opened or closed in the timeline, and back.
    // Neither side reports a change it was told to make, so the pair cannot loop.
    connect(m_tree, &TaskTreeWidget::expandedChanged, timeline->scene(),
            [timeline](const QString &id, bool expanded) { timeline->scene()->setCollapsed(id, !expanded); });
    connect(timeline->scene(), &TimelineScene::collapsedChanged, m_tree,
            [this](const QString &id, bool collapsed) { m_tree->setExpanded(id, !collapsed); });
    // Double-click a row: that task in the inspector, ready to edit.
    connect(timeline->view(), &TimelineView::inspectRequested, this, [this](const QString &id) {
        m_selection->select(id);
        if (auto *dock = findChild<QDockWidget *>(QStringLiteral("InspectorDock"))) {
            dock->show();
            dock->raise();
        }
        m_inspector->titleEdit()->setFocus();
    });
    // Docks take sizes only once the window is laid out (and a saved session may replace
    // them after that: WindowSession).
    QTimer::singleShot(0, this, &MainWindow::applyDefaultLayout);

    createActions();
    setAccessibleNames();
    createPrintActions();
    createOverlayActions();
    connect(m_document, &ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ProjectDocument::projectPropertiesChanged, this, &MainWindow::updateTitle);
    // Read-only: the history stays to read, but no step is undone or redone from it.
    connect(m_document, &ProjectDocument::readOnlyChanged, m_undoView, [this](bool readOnly) { m_undoView->setEnabled(!readOnly); });
    // The selection names only tasks that exist.
    connect(m_document, &ProjectDocument::projectReset, m_selection, &TaskSelection::clear);
    connect(m_document, &ProjectDocument::taskRemoved, m_selection,
            [this](const QString &id) { m_selection->removeIds({id}); });
    connect(m_selection, &TaskSelection::selectionChanged, this, &MainWindow::updateActions);
    updateTitle();
    updateActions();
    statusBar()->showMessage(tr("Ready"));
    resize(1400, 900);
}

MainWindow::~MainWindow()
{
    // The document was created first, so Qt would delete it first; the views refer to it,
    // so they go before it.
    delete centralWidget();
    qDeleteAll(findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly));
}

void MainWindow::createDocks()
{
    m_tree = new TaskTreeWidget(m_document, m_selection, m_analysis, this);
    auto *treeDock = new QDockWidget(tr("Tasks"), this);
    treeDock->setObjectName(QStringLiteral("TasksDock"));
    treeDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, treeDock);
    connect(m_tree, &TaskTreeWidget::dropRefused, this, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusTimeoutMs);
    });

    m_palette = new PaletteWidget(this);
    auto *paletteDock = new QDockWidget(tr("Palette"), this);
    paletteDock->setObjectName(QStringLiteral("PaletteDock"));
    paletteDock->setWidget(m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, paletteDock);

    m_inspector = new Inspector(m_document, m_selection, this);
    m_inspector->setAnalysis(m_analysis);   // the computed dates of the selected task
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_inspector);
    auto *inspectorDock = new QDockWidget(tr("Inspector"), this);
    inspectorDock->setObjectName(QStringLiteral("InspectorDock"));
    inspectorDock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock);

    m_undoView = new QUndoView(m_document->undoStack(), this);
    m_undoView->setEmptyLabel(tr("<opened>"));
    auto *undoDock = new QDockWidget(tr("History"), this);
    undoDock->setObjectName(QStringLiteral("HistoryDock"));
    undoDock->setWidget(m_undoView);
    addDockWidget(Qt::RightDockWidgetArea, undoDock);

}

void MainWindow::applyDefaultLayout()
{
    // Shares of the window rather than fixed pixels, so that 1280x800 and 1920x1080 both
    // leave the canvas the centre of the work and no dock squeezed below what it shows:
    // the tree and the inspector a quarter of the width each, the timeline about ten rows,
    // the inspector over the analysis tabs, the palette a short list under the tree.
    auto dock = [this](const char *name) { return findChild<QDockWidget *>(QLatin1String(name)); };
    QDockWidget *tasks = dock("TasksDock"), *palette = dock("PaletteDock"), *inspector = dock("InspectorDock"),
                *analysis = dock("analysisDock"), *timeline = dock("TimelineDock");
    if (!tasks || !palette || !inspector || !analysis || !timeline)
        return;
    const int w = width(), h = height();
    resizeDocks({tasks, inspector}, {std::clamp(w * 24 / 100, 260, 480), std::clamp(w * 25 / 100, 320, 520)},
                Qt::Horizontal);
    const int timelineHeight = std::clamp(h * 28 / 100, 170, 320);
    resizeDocks({timeline}, {timelineHeight}, Qt::Vertical);
    const int column = h - timelineHeight;   // what the side columns share, roughly
    resizeDocks({tasks, palette}, {column * 70 / 100, std::min(column * 30 / 100, 200)}, Qt::Vertical);
    resizeDocks({inspector, analysis}, {column * 55 / 100, column * 45 / 100}, Qt::Vertical);
}

void MainWindow::createActions()
{
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *newAction = m_fileMenu->addAction(tr("&New"), this, &MainWindow::newProject);
    newAction->setShortcut(QKeySequence::New);
    m_templateMenu = m_fileMenu->addMenu(tr("New from &Template"));
    fillTemplateMenu();
    QAction *openAction = m_fileMenu->addAction(tr("&Open\u2026"), this, &MainWindow::open);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = m_fileMenu->addMenu(tr("Open &Recent"));
    // Filled now and again whenever the list changes: a disabled (empty) menu never shows,
    // so refilling it on aboutToShow alone would leave it disabled until a restart.
    connect(RecentFiles::instance(), &RecentFiles::changed, this, &MainWindow::fillRecentMenu);
    fillRecentMenu();
    m_fileMenu->addSeparator();
    m_saveAction = m_fileMenu->addAction(tr("&Save"), this, &MainWindow::save);
    m_saveAction->setObjectName(QStringLiteral("saveAction"));
    m_saveAction->setShortcut(QKeySequence::Save);
    QAction *saveAsAction = m_fileMenu->addAction(tr("Save &As\u2026"), this, &MainWindow::saveAs);
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(tr("&Import JSON\u2026"), this, &MainWindow::import);
    m_fileMenu->addAction(tr("&Export JSON\u2026"), this, &MainWindow::exportAs);
    m_fileMenu->addSeparator();
    QAction *quitAction = m_fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *undoAction = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    QAction *redoAction = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    m_editMenu->addAction(undoAction);
    m_editMenu->addAction(redoAction);
    m_editMenu->addSeparator();
    QAction *addAction = m_editMenu->addAction(tr("&Add Task"), this, &MainWindow::addTask);
    // Insert as in most editors of lists; Ctrl+T from the first version.
    addAction->setShortcuts({QKeySequence(Qt::Key_Insert), QKeySequence(Qt::CTRL | Qt::Key_T)});
    m_deleteAction = m_editMenu->addAction(tr("&Delete"), this, &MainWindow::deleteSelected);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    // Only in the tree: Delete in a text field must keep deleting text.
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_tree->addAction(m_deleteAction);
    new EditActions(m_document, m_selection, m_editMenu, {m_tree, centralWidget()}, this);   // cut, copy, paste (issue #15)
    // Team projects (issue #22): File ▸ Open Team Project… / Publish…, banners, presence.
    m_team = new TeamProjectController(this, m_document, m_fileMenu, m_recentMenu->menuAction(), m_editMenu);
    connect(m_team, &TeamProjectController::stateChanged, this, &MainWindow::updateTitle);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    ViewActions::populate(m_viewMenu, qobject_cast<GraphView *>(centralWidget()));   // zoom, Lay Out Plan
    enableWhileEditable(m_document, {findChild<QAction *>(QStringLiteral("layOutPlanAction"))});
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());

    createProjectMenu();
    HelpMenu::populate(menuBar()->addMenu(tr("&Help")), this);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("MainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addAction(newAction);
    toolBar->addAction(openAction);
    toolBar->addAction(m_saveAction);
    toolBar->addSeparator();
    toolBar->addAction(undoAction);
    toolBar->addAction(redoAction);
    toolBar->addSeparator();
    toolBar->addAction(addAction);
    toolBar->addAction(m_deleteAction);
    toolBar->addAction(findChild<QAction *>(QStringLiteral("focusChainAction")));   // issue #16: the F toggle
    createWelcomePage(newAction, openAction);
}

void MainWindow::createProjectMenu()
{
    QMenu *project = menuBar()->addMenu(tr("&Project"));
    QAction *properties = project->addAction(tr("&Properties\u2026"), this, &MainWindow::editProjectProperties);
    properties->setObjectName(QStringLiteral("projectPropertiesAction"));
    QAction *team = project->addAction(tr("&Team\u2026"), this, &MainWindow::editTeam);
    team->setObjectName(QStringLiteral("projectTeamAction"));
    // Both dialogs exist to change the project: not offered while it is read-only.
    enableWhileEditable(m_document, {properties, team});
}

void MainWindow::editProjectProperties()
{
    ProjectPropertiesDialog dialog(m_document, this);
    if (dialog.exec() == QDialog::Accepted)
        dialog.apply();
}

// The dialog pushes its one undo step itself when accepted.
void MainWindow::editTeam()
{
    TeamDialog dialog(m_document, this);
    dialog.exec();
}

void MainWindow::createWelcomePage(QAction *newAction, QAction *openAction)
{
    m_welcome = new WelcomePage(newAction, openAction, m_templateMenu, centralWidget());
    connect(m_welcome, &WelcomePage::sampleRequested, this, &MainWindow::openSample);
    connect(m_welcome, &WelcomePage::recentRequested, this, &MainWindow::openRecent);
    // Any project (new, opened, from a template, recovered) ends the welcome.
    connect(m_document, &ProjectDocument::projectReset, m_welcome, &QWidget::hide);
}

void MainWindow::openSample(const QString &resourcePath)
{
    if (!maybeSave())
        return;
    QString error;
    auto project = ProjectFile::load(resourcePath, &error);
    if (!project) {
        showMessage(tr("Cannot open the sample"), error);
        return;
    }
    // Untitled, like an import: the sample is read-only, Save asks where the copy goes.
    m_document->resetProject(std::move(*project));
    statusBar()->showMessage(tr("Opened sample %1").arg(QFileInfo(resourcePath).fileName()), kStatusTimeoutMs);
}

void MainWindow::setAccessibleNames()
{
    centralWidget()->setAccessibleName(tr("Dependency graph"));
    m_tree->setAccessibleName(tr("Task tree"));
    m_palette->setAccessibleName(tr("Task palette"));
    m_inspector->setAccessibleName(tr("Inspector"));
    m_undoView->setAccessibleName(tr("Undo history"));
    if (auto *panel = findChild<QWidget *>(QStringLiteral("analysisPanel")))
        panel->setAccessibleName(tr("Analysis"));
}

void MainWindow::createPrintActions()
{
    // Found rather than assumed to be the central widget, which may become a stack.
    auto *view = findChild<GraphView *>();
    if (!view)
        return;
    m_printing = new PrintController(m_document, m_analysis, view->graphScene(), this);
    QAction *quit = nullptr;
    for (QAction *a : m_fileMenu->actions()) {
        if (a->shortcut() == QKeySequence(QKeySequence::Quit))
            quit = a;
    }
    m_printing->addToMenu(m_fileMenu, quit);
    // A current risk result adds its page to the printed plan (Print, Preview, PDF).
    if (auto *risk = findChild<RiskPanel *>())
        m_printing->setRiskSource([risk] { return risk->riskSummary(); });
}

void MainWindow::createOverlayActions()
{
    // One set of overlay switches for the whole window (issue #14.5): the analysis panel's
    // toolbar and the View menu show its actions; the canvas, the timeline, the tree and
    // printing read its flags and repaint on changed(). No view keeps a copy to wire up.
    m_overlays = new OverlayState(this);
    auto *panel = findChild<AnalysisPanel *>();
    auto *view = findChild<GraphView *>();
    if (!panel || !view)
        return;
    panel->setOverlayState(m_overlays);
    GraphScene *scene = view->graphScene();
    scene->setOverlayState(m_overlays);
    auto *timelineDock = findChild<QDockWidget *>(QStringLiteral("TimelineDock"));
    TimelineWidget *timeline = timelineDock ? timelineDock->findChild<TimelineWidget *>() : nullptr;
    if (timeline)
        timeline->scene()->setOverlayState(m_overlays);
    m_tree->model()->setOverlayState(m_overlays);
    if (m_printing)
        m_printing->setOverlayState(m_overlays);
    const QList<QAction *> actions = m_overlays->actions();
    m_viewMenu->addSeparator();
    QMenu *overlays = m_viewMenu->addMenu(tr("&Overlays"));
    overlays->setObjectName(QStringLiteral("overlaysMenu"));
    overlays->addActions(actions);
    // The risk panel's criticality tint (§8 on the canvas). This action and the panel's
    // check box are one switch; the panel sends the shares only while it is on and its
    // result is current, and an empty set when not, which takes the tint away.
    if (auto *risk = findChild<RiskPanel *>()) {
        auto *criticality = new QAction(tr("Criticality (risk)"), this);
        criticality->setObjectName(QStringLiteral("criticalityOverlayAction"));
        criticality->setCheckable(true);
        criticality->setChecked(risk->criticalityShown());
        criticality->setToolTip(tr("Tint each card by the share of risk runs in which it was critical"));
        connect(criticality, &QAction::toggled, risk, &RiskPanel::setCriticalityShown);
        connect(risk, &RiskPanel::criticalityShownChanged, criticality, &QAction::setChecked);
        connect(risk, &RiskPanel::criticalityChanged, scene, &GraphScene::setRiskCriticality);
        // The timeline tints its bars by the same shares, and marks the P80 finish while
        // the result is current.
        if (timeline) {
            connect(risk, &RiskPanel::criticalityChanged, timeline->scene(), &TimelineScene::setRiskCriticality);
            connect(risk, &RiskPanel::p80Changed, timeline->scene(), &TimelineScene::setRiskP80);
            timeline->scene()->setRiskP80(risk->currentP80());
        }
        overlays->addSeparator();
        overlays->addAction(criticality);
    }
}

void MainWindow::fillTemplateMenu()
{
    m_templateMenu->clear();
    for (const Templates::Template &t : builtInTemplates()) {
        m_templateMenu->addAction(t.name, this, [this, t] {
            if (!maybeSave())
                return;
            TemplateDialog dialog(t, this);
            if (dialog.exec() != QDialog::Accepted)
                return;
            QString error;
            auto project = Templates::instantiate(t, dialog.values(), &error);
            if (!project) {
                showMessage(tr("Cannot use the template"), error);
                return;
            }
            m_document->resetProject(std::move(*project));
            statusBar()->showMessage(tr("New project from template %1").arg(t.name), kStatusTimeoutMs);
        });
    }
}

void MainWindow::showMessage(const QString &title, const QString &message)
{
    statusBar()->showMessage(message, kStatusTimeoutMs);
    QMessageBox::warning(this, title, message);
}

bool MainWindow::openFile(const QString &path)
{
    if (PostgresStore::isUrl(path))   // a team project: the command line and Open Recent
        return m_team->openUrl(path);
    QString error;
    auto project = ProjectFile::load(path, &error);
    if (!project) {
        showMessage(tr("Cannot open project"), error);
        return false;
    }
    // Reopening our own file: give its lock back first, or we would be "another Workplan".
    if (m_access && m_access->path() == QFileInfo(path).absoluteFilePath())
        m_access.reset();
    auto access = std::make_unique<FileAccess>(path);
    if (access->acquire() == FileAccess::Outcome::HeldElsewhere) {
        QMessageBox box(QMessageBox::Warning, tr("Project already open"),
                        tr("%1 is already open in another Workplan (%2). Open it read-only?")
                            .arg(QFileInfo(path).fileName(), access->holder()),
                        QMessageBox::Open | QMessageBox::Cancel, this);
        box.button(QMessageBox::Open)->setText(tr("Open Read-Only"));
        if (box.exec() != QMessageBox::Open)
            return false;
    }
    m_access = std::move(access);   // lets go of the previous file's lock
    m_document->resetProject(std::move(*project), path);
    updateTitle();
    addRecentFile(path);
    const QString name = QFileInfo(path).fileName();
    QString opened = isReadOnly() ? tr("Opened %1 read-only: %2").arg(name, m_access->reason()) : tr("Opened %1").arg(name);
    // A large plan opens folded (CollapseLevels::openingFold()): say so, and how to open it.
    if (const auto *view = findChild<GraphView *>(); view && !view->graphScene()->collapsedSet().isEmpty()) {
        opened += QStringLiteral(" \u2014 ")
                  + tr("%Ln tasks, shown folded to %1 summaries (View \u25b8 Collapse \u25b8 Expand All opens them)", nullptr,
                       m_document->project().taskCount())
                        .arg(QLocale().toString(view->graphScene()->collapsedSet().size()));
    }
    statusBar()->showMessage(opened, kStatusTimeoutMs);
    return true;
}

bool MainWindow::isReadOnly() const
{
    return m_access && m_access->isReadOnly();
}

bool MainWindow::saveTo(const QString &path)
{
    // Another file, or ours again after a read-only open: never over someone else's work.
    std::unique_ptr<FileAccess> access;
    if (!m_access || isReadOnly() || m_access->path() != QFileInfo(path).absoluteFilePath()) {
        access = std::make_unique<FileAccess>(path);
        if (access->acquire() == FileAccess::Outcome::HeldElsewhere) {
            showMessage(tr("Cannot save project"), tr("%1: cannot save: %2").arg(path, access->reason()));
            return false;
        }
    }
    // A new project the user never named takes the file's name ("payments.workplan" ->
    // "payments"), as one undo step before the save, so the file, the title bar, printouts
    // and exports agree.
    if (m_document->filePath().isEmpty() && m_document->project().name == tr("Untitled")) {
        ProjectProperties named = ProjectProperties::of(m_document->project());
        named.name = QFileInfo(path).completeBaseName();
        if (!named.name.isEmpty())
            m_document->edits().setProjectProperties(named);
    }
    QString error;
    if (!ProjectFile::save(m_document->project(), path, &error)) {
        showMessage(tr("Cannot save project"), error);
        return false;
    }
    if (access) {
        if (access->isReadOnly())   // the probe said no, yet the save went through
            access->acquire();
        m_access = std::move(access);
    }
    m_document->setFilePath(path);
    m_document->markSaved();
    updateTitle();
    m_autosaver->removeRecovery();
    addRecentFile(path);
    statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), kStatusTimeoutMs);
    return true;
}

bool MainWindow::importJson(const QString &path)
{
    QString error;
    auto project = ProjectFile::load(path, &error);
    if (!project) {
        showMessage(tr("Cannot import"), error);
        return false;
    }
    // An import is a new, untitled project: Save asks where it goes.
    m_access.reset();
    m_document->resetProject(std::move(*project));
    statusBar()->showMessage(tr("Imported %1").arg(QFileInfo(path).fileName()), kStatusTimeoutMs);
    return true;
}

bool MainWindow::exportJson(const QString &path)
{
    QString error;
    if (!ProjectFile::save(m_document->project(), path, &error)) {
        showMessage(tr("Cannot export"), error);
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), kStatusTimeoutMs);
    return true;
}

void MainWindow::newProject()
{
    if (!maybeSave())
        return;
    Project project;
    project.name = tr("Untitled");
    m_access.reset();
    m_document->resetProject(std::move(project));
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(),
                                                      tr("Workplan projects (*.workplan *.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::save()
{
    const QString path = m_document->filePath();
    return path.isEmpty() || isReadOnly() ? saveAs() : saveTo(path);
}

bool MainWindow::saveAs()
{
    QString selected;
    const QString current = m_document->filePath();
    QString path = QFileDialog::getSaveFileName(this, tr("Save Project As"),
                                                current.isEmpty() ? proposedPath(QStringLiteral("workplan")) : current,
                                                tr("Workplan project (*.workplan);;JSON interchange (*.json)"),
                                                &selected);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected.contains(QLatin1String("*.json")) ? QLatin1String(".json") : QLatin1String(".workplan");
    return saveTo(path);
}

void MainWindow::import()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Import JSON"), QString(),
                                                      tr("JSON interchange (*.json)"));
    if (!path.isEmpty())
        importJson(path);
}

void MainWindow::exportAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export JSON"), proposedPath(QStringLiteral("json")),
                                                tr("JSON interchange (*.json)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1String(".json");
    exportJson(path);
}

QString MainWindow::proposedPath(const QString &suffix) const
{
    return ProjectFile::proposedPath(m_document->filePath(), m_document->project().name, suffix,
                                     QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
}

void MainWindow::addTask()
{
    // A sibling after the current task, or a new top-level task.
    const Project &project = m_document->project();
    const Task *current = project.find(m_selection->currentId());
    ProjectEdits::NewTask spec;
    spec.parentId = current ? current->parentId : QString();
    spec.fileIndex = current ? project.indexOf(current->id) + 1 : -1;
    const EditResult result = m_document->edits().addNewTask(spec);
    if (result)
        m_selection->select(result.ids.value(0));
}

void MainWindow::deleteSelected()
{
    const QStringList ids = m_selection->selectedIds();
    if (ids.isEmpty())
        return;
    m_document->edits().removeTasks(ids);
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("The project has unsaved changes. Save them first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_autosaver->removeRecovery();
    m_access.reset();
    event->accept();
}

void MainWindow::offerRecovery()
{
    const QStringList pending = Autosaver::pendingRecoveries();
    if (pending.isEmpty())
        return;
    const QString recovery = pending.first();
    const QString source = Autosaver::sourceOf(recovery);
    const auto answer = QMessageBox::question(
        this, tr("Recover unsaved work"),
        tr("Workplan found unsaved changes to %1 from a session that did not close cleanly. Recover them?")
            .arg(source.isEmpty() ? tr("an untitled project") : QFileInfo(source).fileName()),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Yes) {
        QString error;
        auto project = ProjectFile::load(recovery, &error);
        if (!project) {
            showMessage(tr("Cannot recover"), error);
        } else {
            // The recovered project stands for its file from now on: lock the file as
            // an open would, so that a second Workplan is warned before the first save.
            // Held elsewhere or not writable, the work still comes back, read-only.
            std::unique_ptr<FileAccess> access;
            if (!source.isEmpty() && QFileInfo::exists(source)) {
                access = std::make_unique<FileAccess>(source);
                access->acquire();
            }
            m_access = std::move(access);
            // Recovered work is unsaved work: keep the path, leave the project modified.
            m_document->resetProject(std::move(*project), source);
            m_document->undoStack()->resetClean();
            updateTitle();
            statusBar()->showMessage(isReadOnly() ? tr("Recovered unsaved changes, read-only: %1; Save As keeps them")
                                                        .arg(m_access->reason())
                                                  : tr("Recovered unsaved changes"),
                                     kStatusTimeoutMs);
        }
    }
    for (const QString &p : pending)
        Autosaver::discard(p);
}

void MainWindow::showScreenshotState()
{
    m_analysis->refreshNow();
    // The first leaf with dependencies shows the most of the inspector.
    for (const Task &t : m_document->project().tasks()) {
        if (!t.dependencies.isEmpty() && !m_document->isSummary(t.id)) {
            m_selection->select(t.id);
            return;
        }
    }
    if (m_document->project().taskCount() > 0)
        m_selection->select(m_document->project().task(0).id);
}

void MainWindow::addRecentFile(const QString &path)
{
    RecentFiles::instance()->add(path);   // the menu and the welcome page follow its signal
}

void MainWindow::fillRecentMenu()
{
    RecentFiles::instance()->fillMenu(m_recentMenu, this, [this](const QString &entry) { openRecent(entry); });
}

void MainWindow::openRecent(const QString &entry)
{
    if (maybeSave())
        openFile(entry);
}

void MainWindow::updateActions()
{
    if (m_deleteAction)
        m_deleteAction->setEnabled(!m_selection->selectedIds().isEmpty());
}

void MainWindow::updateTitle()
{
    if (m_team && m_team->isActive()) {   // every edit is committed: nothing to save
        setWindowTitle(tr("%1%2 \u2014 Workplan").arg(m_team->title(), m_team->isReadOnly() ? tr(" [read-only]") : QString()));
        m_saveAction->setEnabled(false);
        return;
    }
    const QString path = m_document->filePath();
    const QString name = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    // A file held elsewhere or not writable: the document refuses every edit (the team
    // controller sets the state while a team project is open).
    m_document->setReadOnly(isReadOnly(), isReadOnly() ? tr("%1 is read-only: %2. Save As makes a copy you can edit.")
                                                             .arg(name, m_access->reason())
                                                       : QString());
    setWindowTitle(isReadOnly() ? tr("%1[*] [read-only] \u2014 Workplan").arg(name)
                                : tr("%1[*] \u2014 Workplan").arg(name));
    setWindowModified(m_document->isModified());
    m_saveAction->setEnabled(!isReadOnly());
}

} // namespace Workplan
