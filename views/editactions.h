#pragma once

#include <QList>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QStringList>

#include <optional>

class QAction;
class QKeySequence;
class QMainWindow;
class QMenu;
class QWidget;

namespace Workplan {

class GraphScene;
class ProjectDocument;
class TaskSelection;
struct Task;

// Edit ▸ Cut, Copy, Paste, Duplicate and Select All for tasks (issue #15). A copy is a
// task's whole subtree with the dependencies among the copied tasks, on the system clipboard
// as TaskClipboard::mimeType() and as the same JSON in text/plain. Each edit is one undo step.
//
// The shortcuts live on the canvas and the tree only (Qt::WidgetWithChildrenShortcut), so
// Ctrl+C / Ctrl+V in the inspector's fields and the tree's filter still edit text.
class EditActions : public QObject
{
    Q_OBJECT
public:
    // Adds the actions to `menu` and their shortcuts to each of `targets` (a GraphView among
    // them also lends its card positions to copies); messages go to `window`'s status bar.
    EditActions(ProjectDocument *document, TaskSelection *selection, QMenu *menu,
                const QList<QWidget *> &targets, QMainWindow *window);

    // The window's edit actions, found from any widget in it; null when it has none.
    static EditActions *of(const QWidget *widget);

    QAction *cutAction() const { return m_cut; }
    QAction *copyAction() const { return m_copy; }
    QAction *pasteAction() const { return m_paste; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *selectAllAction() const { return m_selectAll; }

    // The operations behind the actions, also used by the context menus.
    bool copy(const QStringList &ids);
    bool cut(const QStringList &ids);
    // Pastes the clipboard's tasks under `parentId` (empty: top level). With `scenePos`, the
    // copy's top-left card lands there; otherwise it lands beside where it was copied from.
    // Returns the new top-level ids of the paste, which become the selection.
    QStringList paste(const QString &parentId, const std::optional<QPointF> &scenePos = std::nullopt);
    QStringList duplicate(const QStringList &ids);
    void selectAll();

    // Where Ctrl+V puts a copy: into the current task when it is a summary (unless it is what
    // was copied), else beside it, else at the top level.
    QString pasteParent() const;
    bool canPaste() const;

signals:
    // A short report or refusal for the status bar.
    void message(const QString &text);

private:
    QAction *makeAction(const QString &text, const QString &name, const QKeySequence &keys);
    void updateEnabled();
    // The selection's tasks with canvas positions filled in for the cards the auto layout
    // placed, so a paste lands where the copy was seen.
    QList<Task> collectShown(const QStringList &ids) const;
    QByteArray clipboardBytes() const;
    // The keyboard is in a text field inside the canvas or the tree.
    bool isTyping() const;

    ProjectDocument *m_document;
    TaskSelection *m_selection;
    GraphScene *m_scene = nullptr;
    QList<QPointer<QWidget>> m_targets;
    QAction *m_cut;
    QAction *m_copy;
    QAction *m_paste;
    QAction *m_duplicate;
    QAction *m_selectAll;
    int m_pastesSinceCopy = 0;   // each further paste of one copy lands a step further on
};

} // namespace Workplan
