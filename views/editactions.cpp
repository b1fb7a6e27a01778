#include "editactions.h"

#include "graph/carditem.h"
#include "graph/graphscene.h"
#include "graph/graphview.h"
#include "taskselection.h"

#include "model/clipboard/taskclipboard.h"
#include "model/projectedits.h"
#include "model/projectdocument.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTextEdit>

namespace Workplan {

namespace {
// How far each paste of one copy lands from the last, so none hides another.
const QPointF kPasteStep(30, 30);
constexpr int kStatusTimeoutMs = 8000;
}

EditActions::EditActions(ProjectDocument *document, TaskSelection *selection, QMenu *menu,
                         const QList<QWidget *> &targets, QMainWindow *window)
    : QObject(window)
    , m_document(document)
    , m_selection(selection)
{
    setObjectName(QStringLiteral("editActions"));
    m_cut = makeAction(tr("Cu&t"), QStringLiteral("cutAction"), QKeySequence::Cut);
    m_copy = makeAction(tr("&Copy"), QStringLiteral("copyAction"), QKeySequence::Copy);
    m_paste = makeAction(tr("&Paste"), QStringLiteral("pasteAction"), QKeySequence::Paste);
    m_duplicate = makeAction(tr("D&uplicate"), QStringLiteral("duplicateAction"), QKeySequence(Qt::CTRL | Qt::Key_D));
    m_selectAll = makeAction(tr("Select &All"), QStringLiteral("selectAllAction"), QKeySequence::SelectAll);
    m_cut->setStatusTip(tr("Remove the selected tasks with their subtrees to the clipboard"));
    m_copy->setStatusTip(tr("Copy the selected tasks, their subtrees and the dependencies among them"));
    m_duplicate->setStatusTip(tr("Copy the selected tasks beside themselves"));
    // A field in the canvas or the tree (the in-place rename, the filter) takes the standard
    // keys itself, but not Ctrl+D: that one must not duplicate tasks while typing.
    auto unlessTyping = [this](auto run) {
        return [this, run] {
            if (!isTyping())
                run();
        };
    };
    connect(m_cut, &QAction::triggered, this, unlessTyping([this] { cut(m_selection->selectedIds()); }));
    connect(m_copy, &QAction::triggered, this, unlessTyping([this] { copy(m_selection->selectedIds()); }));
    connect(m_paste, &QAction::triggered, this, unlessTyping([this] { paste(pasteParent()); }));
    connect(m_duplicate, &QAction::triggered, this, unlessTyping([this] { duplicate(m_selection->selectedIds()); }));
    connect(m_selectAll, &QAction::triggered, this, unlessTyping([this] { selectAll(); }));

    if (menu) {
        menu->addSeparator();
        menu->addActions({m_cut, m_copy, m_paste, m_duplicate});
        menu->addSeparator();
        menu->addAction(m_selectAll);
    }
    for (QWidget *w : targets) {
        m_targets << w;
        w->addActions({m_cut, m_copy, m_paste, m_duplicate, m_selectAll});
        if (auto *view = qobject_cast<GraphView *>(w))
            m_scene = view->graphScene();
    }
    if (window)
        connect(this, &EditActions::message, window,
                [window](const QString &text) { window->statusBar()->showMessage(text, kStatusTimeoutMs); });

    connect(m_selection, &TaskSelection::selectionChanged, this, &EditActions::updateEnabled);
    connect(m_document, &ProjectDocument::changed, this, &EditActions::updateEnabled);
    connect(m_document, &ProjectDocument::projectReset, this, &EditActions::updateEnabled);
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this, [this] {
        m_pastesSinceCopy = 0;
        updateEnabled();
    });
    updateEnabled();
}

QAction *EditActions::makeAction(const QString &text, const QString &name, const QKeySequence &keys)
{
    auto *a = new QAction(text, this);
    a->setObjectName(name);
    a->setShortcut(keys);
    // Only where tasks are selected: in a text field these keys keep editing text.
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    return a;
}

bool EditActions::isTyping() const
{
    QWidget *focus = QApplication::focusWidget();
    if (!qobject_cast<QLineEdit *>(focus) && !qobject_cast<QAbstractSpinBox *>(focus)
        && !qobject_cast<QTextEdit *>(focus) && !qobject_cast<QPlainTextEdit *>(focus))
        return false;
    for (const QWidget *w : m_targets) {
        if (w && w->isAncestorOf(focus))
            return true;
    }
    return false;
}

EditActions *EditActions::of(const QWidget *widget)
{
    const QWidget *window = widget ? widget->window() : nullptr;
    return window ? window->findChild<EditActions *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

void EditActions::updateEnabled()
{
    const bool any = !m_selection->selectedIds().isEmpty();
    m_cut->setEnabled(any);
    m_copy->setEnabled(any);
    m_duplicate->setEnabled(any);
    m_paste->setEnabled(canPaste());
    m_selectAll->setEnabled(m_document->project().taskCount() > 0);
}

QList<Task> EditActions::collectShown(const QStringList &ids) const
{
    QList<Task> tasks = TaskClipboard::collect(m_document->project(), ids);
    if (!m_scene)
        return tasks;
    m_scene->flush();
    for (Task &t : tasks) {
        if (t.hasPosition || m_document->isSummary(t.id))
            continue;
        // Where the canvas shows it; a task folded away has no card but still a place.
        const CardItem *card = m_scene->cardFor(t.id);
        t.position = card ? card->pos() : m_scene->leafPosition(t.id);
        t.hasPosition = true;
    }
    return tasks;
}

bool EditActions::copy(const QStringList &ids)
{
    const QList<Task> tasks = collectShown(ids);
    if (tasks.isEmpty())
        return false;
    const Project &project = m_document->project();
    const QByteArray bytes = TaskClipboard::toJson(tasks, project.name, project.calendar);
    auto *mime = new QMimeData;
    mime->setData(TaskClipboard::mimeType(), bytes);
    mime->setText(QString::fromUtf8(bytes));
    QGuiApplication::clipboard()->setMimeData(mime);
    m_pastesSinceCopy = 0;
    emit message(tr("Copied %n task(s).", nullptr, int(tasks.size())));
    return true;
}

bool EditActions::cut(const QStringList &ids)
{
    if (!copy(ids))
        return false;
    const QList<Task> doomed = TaskClipboard::collect(m_document->project(), ids);
    m_document->edits().removeTasks(ids, doomed.size() == 1 ? tr("Cut %1").arg(doomed.first().title())
                                                            : tr("Cut %n task(s)", nullptr, int(doomed.size())));
    return true;
}

QByteArray EditActions::clipboardBytes() const
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime)
        return {};
    if (mime->hasFormat(TaskClipboard::mimeType()))
        return mime->data(TaskClipboard::mimeType());
    // JSON pasted in from elsewhere (a text editor, a file) is read the same way.
    return mime->hasText() ? mime->text().toUtf8() : QByteArray();
}

bool EditActions::canPaste() const
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime)
        return false;
    if (mime->hasFormat(TaskClipboard::mimeType()))
        return true;
    // Cheap guess; paste() reads it fully and says what is wrong.
    const QString text = mime->hasText() ? mime->text().trimmed() : QString();
    return text.startsWith(QLatin1Char('{')) || text.startsWith(QLatin1Char('['));
}

QString EditActions::pasteParent() const
{
    const Task *current = m_document->project().find(m_selection->currentId());
    if (!current)
        return QString();
    if (m_document->isSummary(current->id)) {
        // Right after copying a frame, Ctrl+V means "another one", not "one inside it".
        const auto copied = TaskClipboard::fromJson(clipboardBytes());
        if (!copied || !TaskClipboard::roots(*copied).contains(current->id))
            return current->id;
    }
    return current->parentId;
}

QStringList EditActions::paste(const QString &parentId, const std::optional<QPointF> &scenePos)
{
    const QByteArray bytes = clipboardBytes();
    QString error;
    const auto copied = bytes.isEmpty() ? std::nullopt : TaskClipboard::fromJson(bytes, &error);
    if (!copied || copied->isEmpty()) {
        emit message(bytes.isEmpty() ? tr("There are no tasks on the clipboard.")
                                     : tr("Cannot paste: %1").arg(error.isEmpty() ? tr("no tasks") : error));
        return {};
    }
    const Project &project = m_document->project();
    TaskClipboard::Placement place;
    place.parentId = project.contains(parentId) ? parentId : QString();
    QRectF placed;
    for (const Task &t : *copied) {
        if (t.hasPosition)
            placed = placed.united(QRectF(t.position, QSizeF(1, 1)));
    }
    if (scenePos && !placed.isEmpty()) {
        place.offset = *scenePos - placed.topLeft();
    } else {
        // Where it was, if it was cut; one step on for every copy already there.
        bool originalsThere = false;
        for (const Task &t : *copied)
            originalsThere = originalsThere || project.contains(t.id);
        place.offset = kPasteStep * (m_pastesSinceCopy + (originalsThere ? 1 : 0));
    }
    const QList<Task> tasks = TaskClipboard::instantiate(*copied, project, place);
    const QStringList tops = TaskClipboard::roots(tasks);
    const EditResult result = m_document->edits().addTasks(
        tasks, -1, tasks.size() == 1 ? tr("Paste %1").arg(tasks.first().title())
                                     : tr("Paste %n task(s)", nullptr, int(tasks.size())));
    if (!result) {
        if (result.refused())
            emit message(tr("Cannot paste: %1").arg(result.problem));
        return {};
    }
    ++m_pastesSinceCopy;
    m_selection->setSelection(tops, tops.value(0));
    emit message(tr("Pasted %n task(s).", nullptr, int(tasks.size())));
    return tops;
}

QStringList EditActions::duplicate(const QStringList &ids)
{
    const QList<Task> originals = collectShown(ids);
    if (originals.isEmpty())
        return {};
    const Project &project = m_document->project();
    TaskClipboard::Placement place;
    place.keepParents = true;
    place.offset = kPasteStep;
    const QList<Task> tasks = TaskClipboard::instantiate(originals, project, place);
    // Right after the last of the originals, so each copy follows its original among its siblings.
    int after = -1;
    for (const Task &t : originals)
        after = qMax(after, project.indexOf(t.id));
    const QStringList tops = TaskClipboard::roots(tasks);
    const EditResult result = m_document->edits().addTasks(
        tasks, after + 1, tops.size() == 1 ? tr("Duplicate %1").arg(originals.first().title())
                                           : tr("Duplicate %n task(s)", nullptr, int(tops.size())));
    if (!result) {
        if (result.refused())
            emit message(result.problem);
        return {};
    }
    m_selection->setSelection(tops, tops.value(0));
    emit message(tr("Duplicated %n task(s).", nullptr, int(tasks.size())));
    return tops;
}

void EditActions::selectAll()
{
    QStringList ids;
    ids.reserve(m_document->project().taskCount());
    for (const Task &t : m_document->project().tasks())
        ids << t.id;
    m_selection->setSelection(ids, m_selection->currentId());
}

} // namespace Workplan
