#pragma once

#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QMenu;
class QUndoView;

namespace Workplan {

class AnalysisController;
class Autosaver;
class FileAccess;
class Inspector;
class OverlayState;
class PaletteWidget;
class PrintController;
class ProjectDocument;
class TaskSelection;
class TaskTreeWidget;
class TeamProjectController;
class WelcomePage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ProjectDocument *document() const { return m_document; }
    TaskSelection *selection() const { return m_selection; }
    AnalysisController *analysis() const { return m_analysis; }
    TaskTreeWidget *taskTree() const { return m_tree; }
    Inspector *inspector() const { return m_inspector; }
    PaletteWidget *palette() const { return m_palette; }
    Autosaver *autosaver() const { return m_autosaver; }
    // Shown over the canvas until a project is opened or made (desktop integration).
    WelcomePage *welcomePage() const { return m_welcome; }
    // Print, preview and the graph/PDF exports (issue #7).
    PrintController *printing() const { return m_printing; }
    // The overlay switches the panel, canvas, timeline, tree and printing share (#14.5).
    OverlayState *overlays() const { return m_overlays; }
    // The team project side (issue #22): open/publish, its banners, presence.
    TeamProjectController *team() const { return m_team; }

    // Opening a file that cannot be read reports the loader's message and keeps the project.
    bool openFile(const QString &path);
    bool saveTo(const QString &path);
    bool importJson(const QString &path);
    bool exportJson(const QString &path);
    // Offers the recovery copies an earlier run left behind (called once at start).
    void offerRecovery();
    // Save / Discard / Cancel when there are unsaved changes; true when it may go on.
    bool maybeSave();
    // Selects a representative task so the inspector has something to show (screenshots).
    void showScreenshotState();

    // The open file could not be written or is open elsewhere: Save is off, Save As offered.
    bool isReadOnly() const;
    // Where Export JSON / Save As start: the project's file under its name, or its name in
    // Documents (`suffix` without the dot).
    QString proposedPath(const QString &suffix) const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createDocks();
    void applyDefaultLayout();
    void createPrintActions();
    void createOverlayActions();
    void updateTitle();
    void updateActions();
    void addRecentFile(const QString &path);
    void fillRecentMenu();
    void openRecent(const QString &entry);
    void fillTemplateMenu();
    void showMessage(const QString &title, const QString &message);
    // Desktop integration (issue #9): Project menu, welcome page, accessible names.
    void createProjectMenu();
    void createWelcomePage(QAction *newAction, QAction *openAction);
    void setAccessibleNames();
    void editProjectProperties();
    void editTeam();
    void openSample(const QString &resourcePath);

    void newProject();
    void open();
    bool save();
    bool saveAs();
    void import();
    void exportAs();
    void addTask();
    void deleteSelected();

    ProjectDocument *m_document;
    TaskSelection *m_selection;
    AnalysisController *m_analysis;
    Autosaver *m_autosaver;
    TaskTreeWidget *m_tree = nullptr;
    Inspector *m_inspector = nullptr;
    PaletteWidget *m_palette = nullptr;
    QUndoView *m_undoView = nullptr;
    WelcomePage *m_welcome = nullptr;
    PrintController *m_printing = nullptr;
    OverlayState *m_overlays = nullptr;
    TeamProjectController *m_team = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_templateMenu = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_deleteAction = nullptr;
    std::unique_ptr<FileAccess> m_access;   // the open file's lock, or why it is read-only
};

} // namespace Workplan
