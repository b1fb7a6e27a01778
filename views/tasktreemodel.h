#pragma once

#include "model/projectdocument.h"
#include "views/overlaystate.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>
#include <optional>

namespace Workplan {

class AnalysisController;
struct AnalysisResult;
class ProjectDocument;

// The task hierarchy as an item model. It stores no task data: an index's internal id is
// the document's key for the task, and every answer is read back from the document. The
// document's structural signals become begin/end row notifications; edits become commands.
class TaskTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    // The date columns (§6) only say something for a project with a start; the tree widget
    // hides them otherwise (hasDates()).
    enum Column { TitleColumn, TypeColumn, StatusColumn, EffortColumn, EsColumn, EfColumn, SlackColumn,
                  StartColumn, FinishColumn, MarginColumn, ColumnCount };
    enum Role { TaskIdRole = Qt::UserRole + 1, TaskTypeRole, StatusRole };

    explicit TaskTreeModel(ProjectDocument *document, AnalysisController *analysis = nullptr,
                           QObject *parent = nullptr);
    ~TaskTreeModel() override;

    ProjectDocument *document() const { return m_document; }
    // The project has a start (§6), so Start, Finish and the deadline margin mean something.
    bool hasDates() const;
    QString idOf(const QModelIndex &index) const;
    QModelIndex indexOf(const QString &id, int column = 0) const;

    // The analysis overlays the tree shows, switched with the canvas's (View > Overlays):
    // critical tasks bold, blocked tasks red with a mark and their reasons as tooltip,
    // the parallel group and the slack in the tooltip.
    // The window's OverlayState (shared with the canvas, the timeline and printing); the
    // defaults without one.
    void setOverlayState(OverlayState *state);
    OverlayState *overlayState() const { return m_overlayState; }
    OverlayFlags overlayFlags() const { return m_overlayState ? m_overlayState->flags() : OverlayFlags(); }
    bool showCritical() const { return overlayFlags().critical; }
    bool showBlocked() const { return overlayFlags().blocked; }
    bool showParallelGroups() const { return overlayFlags().parallelGroups; }
    bool showSlack() const { return overlayFlags().slack; }

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

signals:
    // A drop that would break the hierarchy rules; the window shows the message.
    void dropRefused(const QString &message);
    // A palette drop made this task; the tree selects it.
    void taskCreated(const QString &id);

private:
    void onAboutToBeInserted(const QString &parentId, int row);
    void onAboutToBeRemoved(const QString &id);
    void onAboutToBeMoved(const QString &id, const QString &newParentId, int newRow);
    void onTasksChanged(const QStringList &ids, ProjectDocument::ChangeFlags flags);
    void onAnalysisUpdated();
    // The tasks whose marks or times differ between two results of the same task list;
    // nullopt when the lists differ.
    static std::optional<QStringList> analysisChanges(const AnalysisResult &before, const AnalysisResult &now);
    void emitColumnsChanged(int firstColumn, int lastColumn, quintptr parentKey = 0);
    bool dropTaskIds(const QStringList &ids, const QString &parentId, const QString &beforeId);
    bool dropTaskType(const QString &type, const QString &parentId, const QString &beforeId);
    QString toolTip(const QString &id, const QString &title) const;

    ProjectDocument *m_document;
    QPointer<AnalysisController> m_analysis;
    // The result the views were last told about: the next one is compared with it.
    std::shared_ptr<const AnalysisResult> m_shownResult;
    bool m_moving = false;     // a beginMoveRows() awaits its endMoveRows()
    QPointer<OverlayState> m_overlayState;   // shared, not owned
};

} // namespace Workplan
