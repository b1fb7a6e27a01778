#include "tasktreemodel.h"

#include "analysiscontroller.h"
#include "model/engine/explain.h"
#include "taskfactory.h"

#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/tasklabel.h"

#include <QBrush>
#include <QFont>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QMimeData>
#include <QSet>

#include <cmath>

namespace Workplan {

namespace {

QColor blockedColor()
{
    return QColor(0xc6, 0x28, 0x28);
}

// A red dot beside the status of a blocked task: the mark survives a selected row, whose
// text colour the style may override.
QIcon blockedIcon()
{
    static const QIcon icon = [] {
        QPixmap pixmap(12, 12);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(blockedColor());
        p.drawEllipse(QRectF(1, 1, 10, 10));
        return QIcon(pixmap);
    }();
    return icon;
}

} // namespace

TaskTreeModel::TaskTreeModel(ProjectDocument *document, AnalysisController *analysis, QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(document)
    , m_analysis(analysis)
{
    connect(document, &ProjectDocument::taskAboutToBeInserted, this, &TaskTreeModel::onAboutToBeInserted);
    connect(document, &ProjectDocument::taskInserted, this, [this] { endInsertRows(); });
    connect(document, &ProjectDocument::taskAboutToBeRemoved, this, &TaskTreeModel::onAboutToBeRemoved);
    connect(document, &ProjectDocument::taskRemoved, this, [this] { endRemoveRows(); });
    connect(document, &ProjectDocument::taskAboutToBeMoved, this, &TaskTreeModel::onAboutToBeMoved);
    connect(document, &ProjectDocument::taskMoved, this, [this] {
        if (m_moving)
            endMoveRows();
        m_moving = false;
    });
    connect(document, &ProjectDocument::tasksChanged, this, &TaskTreeModel::onTasksChanged);
    // The document has already swapped its project; nothing may ask in between.
    connect(document, &ProjectDocument::projectReset, this, [this] {
        beginResetModel();
        endResetModel();
    });
    // Every row's flags change; no row moves. A layout change makes the views ask again
    // (an editor open on a title closes) without a dataChanged per parent.
    connect(document, &ProjectDocument::readOnlyChanged, this, [this] {
        emit layoutAboutToBeChanged();
        emit layoutChanged();
    });
    connect(document, &ProjectDocument::projectPropertiesChanged, this, [this] {
        // The calendar changes every effort in hours.
        emitColumnsChanged(EffortColumn, EffortColumn);
    });
    if (analysis)
        connect(analysis, &AnalysisController::updated, this, &TaskTreeModel::onAnalysisUpdated);
}

TaskTreeModel::~TaskTreeModel() = default;

QString TaskTreeModel::idOf(const QModelIndex &index) const
{
    return index.isValid() ? m_document->idOfKey(index.internalId()) : QString();
}

QModelIndex TaskTreeModel::indexOf(const QString &id, int column) const
{
    const int row = id.isEmpty() ? -1 : m_document->rowOf(id);
    return row < 0 ? QModelIndex() : createIndex(row, column, m_document->keyOf(id));
}

QModelIndex TaskTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0))
        return QModelIndex();
    const std::vector<quintptr> &children = m_document->childKeys(parent.isValid() ? parent.internalId() : 0);
    if (std::size_t(row) >= children.size())
        return QModelIndex();
    return createIndex(row, column, children[std::size_t(row)]);
}

// By key alone: the views call index() and parent() for every row they lay out, paint or
// map, and hashing ids there was most of opening a 100k-task plan.
QModelIndex TaskTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    const quintptr parentKey = m_document->parentKeyOf(child.internalId());
    const int row = m_document->rowOfKey(parentKey);
    return row < 0 ? QModelIndex() : createIndex(row, 0, parentKey);
}

int TaskTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(m_document->childKeys(parent.isValid() ? parent.internalId() : 0).size());
}

int TaskTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool TaskTreeModel::hasDates() const
{
    return m_document->project().projectExtra.contains(QLatin1String("start"));
}

bool TaskTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant TaskTreeModel::data(const QModelIndex &index, int role) const
{
    const QString id = idOf(index);
    const Task *t = m_document->project().find(id);
    if (!t)
        return QVariant();
    switch (role) {
    case TaskIdRole:
        return id;
    case TaskTypeRole:
        return t->type;
    case StatusRole:
        return toString(t->status);
    case Qt::ToolTipRole:
        return toolTip(id, t->title());
    case Qt::TextAlignmentRole:
        return index.column() >= EffortColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        break;
    }

    const auto result = m_analysis ? m_analysis->result() : nullptr;
    const bool blocked = showBlocked() && result && result->isBlocked(id);
    if (role == Qt::DecorationRole) {
        if (index.column() == TitleColumn)
            return TaskFactory::iconForType(t->type);
        if (index.column() == StatusColumn && blocked)
            return blockedIcon();
        return QVariant();
    }
    if (role == Qt::ForegroundRole) {
        if (blocked)
            return QBrush(blockedColor());
        // A late task's margin is red whatever the overlays: it is what the column says.
        if (index.column() == MarginColumn && result && isLate(result->margin(id)))
            return QBrush(blockedColor());
        return QVariant();
    }
    if (role == Qt::FontRole) {
        if (showCritical() && result && result->isCritical(id)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return QVariant();
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return QVariant();

    switch (index.column()) {
    case TitleColumn:
        return role == Qt::EditRole ? t->attributes.value(QLatin1String("title")).toString() : t->title();
    case TypeColumn:
        return t->type;
    case StatusColumn:
        return toString(t->status);
    case EffortColumn: {
        const QJsonValue estimate = estimateValue(t->attributes);
        if (estimate.isUndefined())
            return QVariant();
        const auto hours = parseEffort(estimate, m_document->project().calendar);
        return hours ? formatHours(*hours) : tr("?");
    }
    case EsColumn:
    case EfColumn:
    case SlackColumn: {
        const auto times = result ? result->times(id) : std::nullopt;
        if (!times)
            return QVariant();
        const double v = index.column() == EsColumn ? times->es
                       : index.column() == EfColumn ? times->ef : times->slack;
        return formatHours(v);
    }
    case StartColumn:
    case FinishColumn: {
        const int i = result && result->dates ? result->index(id) : -1;
        if (i < 0)
            return QVariant();
        const ScheduleDates::Task &d = result->dates->tasks[std::size_t(i)];
        return dateTimeText(index.column() == StartColumn ? d.start : d.finish);
    }
    case MarginColumn: {
        const double margin = result ? result->margin(id) : std::nan("");
        return std::isnan(margin) ? QVariant() : QVariant(marginText(margin));
    }
    default:
        return QVariant();
    }
}

bool TaskTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const QString id = idOf(index);
    if (role != Qt::EditRole || index.column() != TitleColumn || !m_document->project().contains(id))
        return false;
    const QString title = value.toString().trimmed();
    const Task *t = m_document->project().find(id);
    if (title.isEmpty() || t->attributes.value(QLatin1String("title")).toString() == title)
        return false;
    // The edit changes the document; the document's signal repaints the row.
    return bool(m_document->edits().setTitle(id, title));
}

QVariant TaskTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case TitleColumn: return tr("Title");
    case TypeColumn: return tr("Type");
    case StatusColumn: return tr("Status");
    case EffortColumn: return tr("Effort");
    case EsColumn: return tr("ES");
    case EfColumn: return tr("EF");
    case SlackColumn: return tr("Slack");
    case StartColumn: return tr("Start");
    case FinishColumn: return tr("Finish");
    case MarginColumn: return tr("Deadline margin");
    default: return QVariant();
    }
}

Qt::ItemFlags TaskTreeModel::flags(const QModelIndex &index) const
{
    // Read-only: rows are still selected and copied, never renamed, dragged or dropped on.
    const bool editable = !m_document->isReadOnly();
    if (!index.isValid())
        return editable ? Qt::ItemIsDropEnabled : Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (editable)
        f |= Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    if (editable && index.column() == TitleColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QStringList TaskTreeModel::mimeTypes() const
{
    return {TaskFactory::taskIdsMimeType(), TaskFactory::taskTypeMimeType()};
}

QMimeData *TaskTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList ids;
    for (const QModelIndex &i : indexes) {
        const QString id = idOf(i);
        if (!id.isEmpty() && !ids.contains(id))
            ids << id;
    }
    if (ids.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(TaskFactory::taskIdsMimeType(), ids.join(QLatin1Char('\n')).toUtf8());
    return data;
}

Qt::DropActions TaskTreeModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions TaskTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

bool TaskTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction, int, int,
                                    const QModelIndex &parent) const
{
    if (!data || m_document->isReadOnly() || (parent.isValid() && idOf(parent).isEmpty()))
        return false;
    return data->hasFormat(TaskFactory::taskIdsMimeType()) || data->hasFormat(TaskFactory::taskTypeMimeType());
}

bool TaskTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                                 const QModelIndex &parent)
{
    if (action == Qt::IgnoreAction || !canDropMimeData(data, action, row, 0, parent))
        return false;
    // Drops land in column 0 of the parent; a row of -1 means "onto the parent": last child.
    const QString parentId = idOf(parent.sibling(parent.row(), 0));
    const QStringList &siblings = m_document->childIds(parentId);
    const QString beforeId = row >= 0 && row < siblings.size() ? siblings.at(row) : QString();

    if (data->hasFormat(TaskFactory::taskIdsMimeType())) {
        const QStringList ids = QString::fromUtf8(data->data(TaskFactory::taskIdsMimeType()))
                                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        return dropTaskIds(ids, parentId, beforeId);
    }
    return dropTaskType(QString::fromUtf8(data->data(TaskFactory::taskTypeMimeType())).trimmed(),
                        parentId, beforeId);
}

bool TaskTreeModel::dropTaskIds(const QStringList &ids, const QString &parentId, const QString &beforeId)
{
    // Only the top of each dragged subtree moves; the rest comes along.
    const EditResult result = m_document->edits().moveTasks(ids, parentId, beforeId);
    if (result.refused())
        emit dropRefused(result.problem);
    return bool(result);
}

bool TaskTreeModel::dropTaskType(const QString &type, const QString &parentId, const QString &beforeId)
{
    if (type.isEmpty())
        return false;
    ProjectEdits::NewTask spec;
    spec.type = type;
    spec.parentId = parentId;
    spec.fileIndex = m_document->edits().childInsertIndex(parentId, beforeId);
    const EditResult result = m_document->edits().addNewTask(spec);
    if (!result)
        return false;
    emit taskCreated(result.ids.value(0));
    return true;
}

void TaskTreeModel::onAboutToBeInserted(const QString &parentId, int row)
{
    beginInsertRows(indexOf(parentId), row, row);
}

void TaskTreeModel::onAboutToBeRemoved(const QString &id)
{
    const int row = m_document->rowOf(id);
    beginRemoveRows(parent(indexOf(id)), row, row);
}

void TaskTreeModel::onAboutToBeMoved(const QString &id, const QString &newParentId, int newRow)
{
    const QModelIndex from = indexOf(id);
    const QModelIndex oldParent = parent(from);
    const QModelIndex newParent = indexOf(newParentId);
    const bool sameParent = m_document->project().find(id)->parentId == newParentId;
    if (sameParent && newRow == from.row()) {
        m_moving = false;       // only the file order changes, not the tree
        return;
    }
    // Qt counts the destination before the row leaves: moving down a parent is one further.
    const int destination = sameParent && newRow > from.row() ? newRow + 1 : newRow;
    m_moving = beginMoveRows(oldParent, from.row(), from.row(), newParent, destination);
}

void TaskTreeModel::onTasksChanged(const QStringList &ids, ProjectDocument::ChangeFlags flags)
{
    // Card places are not in the tree: moving cards repaints no row.
    if (!(flags & ~ProjectDocument::ChangeFlags(ProjectDocument::PositionChanged)))
        return;
    for (const QString &id : ids) {
        const QModelIndex first = indexOf(id, 0);
        if (first.isValid())
            emit dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
    }
}

void TaskTreeModel::emitColumnsChanged(int firstColumn, int lastColumn, quintptr parentKey)
{
    const std::vector<quintptr> &children = m_document->childKeys(parentKey);
    if (children.empty())
        return;
    emit dataChanged(createIndex(0, firstColumn, children.front()),
                     createIndex(int(children.size()) - 1, lastColumn, children.back()));
    for (quintptr child : children)
        emitColumnsChanged(firstColumn, lastColumn, child);
}

void TaskTreeModel::setOverlayState(OverlayState *state)
{
    if (state == m_overlayState)
        return;
    const OverlayFlags before = overlayFlags();
    if (m_overlayState)
        disconnect(m_overlayState, nullptr, this, nullptr);
    m_overlayState = state;
    // Fonts, colours, marks and tooltips of every row follow the switches.
    if (state)
        connect(state, &OverlayState::changed, this,
                [this] { emitColumnsChanged(TitleColumn, ColumnCount - 1); });
    if (overlayFlags() != before)
        emitColumnsChanged(TitleColumn, ColumnCount - 1);
}

QString TaskTreeModel::toolTip(const QString &id, const QString & /*title*/) const
{
    QStringList lines{taskLabels(*m_document)(id)};   // the id only where two titles match
    const auto result = m_analysis ? m_analysis->result() : nullptr;
    if (!result)
        return lines.constFirst();
    if (showCritical() && result->isCritical(id))
        lines << tr("On the critical path");
    if (showBlocked()) {
        if (const Analysis::Blocked *b = result->blocked(id)) {
            lines << tr("Blocked:");
            if (b->marked)
                lines << QStringLiteral("  ") + markedBlockedText();
            for (const QString &line : result->waitLines(*b, taskLabels(*m_document)))
                lines << QStringLiteral("  ") + line;
        }
    }
    // Lateness is always said: a deadline is the user's own, not an overlay to switch.
    if (const QString due = result->deadlineText(id); !due.isEmpty())
        lines << tr("Deadline: %1").arg(due);
    if (showParallelGroups()) {
        const int wave = result->wave(id);
        if (wave >= 0)
            lines << tr("Parallel group %1").arg(wave + 1);
    }
    if (showSlack()) {
        if (const auto times = result->times(id))
            lines << tr("Slack: %1").arg(formatHours(times->slack));
    }
    return lines.join(QLatin1Char('\n'));
}

std::optional<QStringList> TaskTreeModel::analysisChanges(const AnalysisResult &before, const AnalysisResult &now)
{
    // A changed task list refreshes every row; otherwise the engine says which tasks read
    // differently (model/engine/analysisresult.h).
    if (before.snapshot.taskCount() != now.snapshot.taskCount())
        return std::nullopt;
    QStringList changed;
    for (int i : changedTasks(before, now))
        changed << now.snapshot.ids[std::size_t(i)];
    return changed;
}

void TaskTreeModel::onAnalysisUpdated()
{
    const auto now = m_analysis ? m_analysis->result() : nullptr;
    const auto before = std::exchange(m_shownResult, now);
    // Only the rows whose marks or times moved: one dataChanged per summary for every
    // analysis made each edit of a 100k-task plan cost the views most of a second.
    std::optional<QStringList> changed;
    if (before && now && before->snapshot.taskCount() == now->snapshot.taskCount()) {
        // `now` is the controller's result: it worked the changes out once for every view.
        QStringList ids;
        for (int i : m_analysis->changedTasksSince(*before))
            ids << now->snapshot.ids[std::size_t(i)];
        changed = std::move(ids);
    }
    constexpr int kRowByRow = 2000;   // beyond, one signal per summary is fewer
    if (!changed || changed->size() > kRowByRow) {
        // Critical and blocked marks live on every column, the times and dates on the last six.
        emitColumnsChanged(TitleColumn, ColumnCount - 1);
        return;
    }
    for (const QString &id : *changed) {
        const QModelIndex first = indexOf(id, TitleColumn);
        if (first.isValid())
            emit dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
    }
}

} // namespace Workplan
