#pragma once

#include "panelsections.h"

#include <QHash>
#include <QList>
#include <QWidget>

#include <array>

class QAction;
class QDockWidget;
class QMainWindow;
class QLabel;
class QToolBar;
class QTreeWidget;
class QTreeWidgetItem;

namespace Workplan {

class AnalysisController;
class OverlayState;
class ProjectDocument;
class TaskSelection;

// The analysis dock's content: a summary line, the overlay switches, and one tree with a
// section per finding of AnalysisController::result() (the same engine as `workplan
// analyze`). It keeps no task data of its own; it refreshes on updated() and only rebuilds
// the sections whose contents changed, keeping expansion and scroll position.
class AnalysisPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Section { Cycles, Blocked, WhyBlocked, Ready, CriticalPath, ParallelGroups, Overruns,
                         Deadlines, Team, Warnings };
    static constexpr int SectionCount = 10;

    AnalysisPanel(AnalysisController *analysis, TaskSelection *selection, ProjectDocument *document,
                  QWidget *parent = nullptr);
    ~AnalysisPanel() override;

    // Puts a panel in a dock ("analysisDock") on the right of `window`; the panel is the
    // dock's widget.
    static QDockWidget *addDock(QMainWindow *window, AnalysisController *analysis,
                                TaskSelection *selection, ProjectDocument *document);

    // The overlay switches the panel's toolbar shows: the window's OverlayState once
    // MainWindow hands it over (setOverlayState), until then a state of the panel's own.
    void setOverlayState(OverlayState *state);
    OverlayState *overlayState() const { return m_overlays; }
    // The state's checkable "Critical path", "Blocked", "Parallel groups", "Slack".
    QList<QAction *> overlayActions() const;

    // Entries listed per section before "… and N more" (clicking that lists more).
    void setEntryLimit(int limit);
    int entryLimit() const { return m_defaultLimit; }
    QLabel *hintLabel() const { return m_hint; }

    // --- Read API (tests, other views) ---
    QString summaryText() const;
    QTreeWidget *tree() const { return m_tree; }
    QTreeWidgetItem *sectionItem(Section section) const;
    // The task ids of a section's first-level entries, in order (entries without a task,
    // such as parallel group headers and hints, are skipped).
    QStringList sectionIds(Section section) const;
    // How many times sections were rebuilt (a benchmark and test probe).
    int rebuildCount() const { return m_rebuilds; }

public slots:
    void refresh();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refreshWhy();
    void setSection(Section section, PanelSection content);
    QTreeWidgetItem *makeItem(const PanelEntry &entry);
    void applyExpansion(QTreeWidgetItem *item, const PanelEntry &entry);
    void onItemClicked(QTreeWidgetItem *item);
    void showMore(Section section);
    PanelSection build(Section section) const;

    AnalysisController *m_analysis;
    TaskSelection *m_selection;
    ProjectDocument *m_document;

    QLabel *m_summary;
    QToolBar *m_toolBar;
    QTreeWidget *m_tree;
    QLabel *m_hint;   // a rule users misread, explained while it applies
    OverlayState *m_overlays;   // the window's, or the panel's own child until then

    std::array<QTreeWidgetItem *, SectionCount> m_sections{};
    std::array<PanelSection, SectionCount> m_shown;     // what the items show now
    std::array<bool, SectionCount> m_built{};
    std::array<int, SectionCount> m_limit{};
    QHash<QString, bool> m_expanded;                    // by entry key, as the user left it
    QString m_whyId;                                    // the blocked task being explained
    int m_defaultLimit = 200;
    int m_rebuilds = 0;
    bool m_building = false;
};

} // namespace Workplan
