// GraphScene: what a drop becomes on the canvas: a palette task type, or a whole template.
#include "graphscene.h"

#include "carditem.h"
#include "frameitem.h"
#include "graphstyle.h"
#include "layoutadapter.h"

#include "model/edits/newtask.h"
#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "model/templates.h"
#include "views/taskfactory.h"
#include "views/taskselection.h"

#include <QFile>
#include <QGraphicsSceneDragDropEvent>
#include <QMimeData>
#include <QSet>

// The templates are compiled into workplan_views, a static library: register them before
// the first read (outside any namespace, as Q_INIT_RESOURCE wants).
static void initCanvasTemplateResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace Workplan {

namespace {

bool isOurDrop(const QMimeData *mime)
{
    return mime->hasFormat(QLatin1String(GraphScene::TaskTypeMime))
        || mime->hasFormat(QLatin1String(GraphScene::TemplateMime));
}

// Only compiled-in templates: a drop from another program must not name a file to read.
QString templateResourcePath(QString name)
{
    name = name.trimmed();
    if (name.startsWith(QLatin1String(":/")))
        return name;
    if (!name.contains(QLatin1Char('/')))
        name.prepend(QLatin1String("templates/"));
    if (!name.endsWith(QLatin1String(".json")))
        name += QLatin1String(".json");
    return QLatin1String(":/") + name;
}

} // namespace

void GraphScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    // Read-only: the drag shows it cannot land here.
    if (isOurDrop(event->mimeData()) && !m_document->isReadOnly())
        event->acceptProposedAction();
    else
        QGraphicsScene::dragEnterEvent(event);
}

void GraphScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    if (isOurDrop(event->mimeData()) && !m_document->isReadOnly())
        event->acceptProposedAction();
    else
        QGraphicsScene::dragMoveEvent(event);
}

void GraphScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (mime->hasFormat(QLatin1String(TemplateMime))) {
        const QString name = QString::fromUtf8(mime->data(QLatin1String(TemplateMime)));
        if (!createTemplateAt(name, event->scenePos()).isEmpty())
            event->acceptProposedAction();
        return;
    }
    if (!mime->hasFormat(QLatin1String(TaskTypeMime))) {
        QGraphicsScene::dropEvent(event);
        return;
    }
    const QString type = QString::fromUtf8(mime->data(QLatin1String(TaskTypeMime))).trimmed();
    if (type.isEmpty())
        return;
    createTaskAt(type, event->scenePos());
    event->acceptProposedAction();
}

QString GraphScene::frameAt(const QPointF &scenePos) const
{
    QString id;
    int depth = -1;
    for (FrameItem *f : std::as_const(m_frames)) {
        if (f->isVisible() && f->nodeSceneRect().contains(scenePos) && f->depth() > depth) {
            depth = f->depth();
            id = f->taskId();
        }
    }
    return id;
}

QString GraphScene::createTaskAt(const QString &type, const QPointF &scenePos)
{
    flush();
    // The innermost open frame under the drop point becomes the parent; the frame grows.
    ProjectEdits::NewTask spec;
    spec.type = type.isEmpty() ? QStringLiteral("specialist_task") : type;
    spec.parentId = frameAt(scenePos);
    spec.position = scenePos - QPointF(GraphStyle::CardWidth / 2, GraphStyle::CardHeight / 2);
    spec.text = tr("Add %1").arg(newTaskTitle(spec.type));
    spec.makeRoom = true;
    const EditResult result = m_document->edits().addNewTask(spec);
    if (result.refused())
        emit message(result.problem);
    const QString id = result.ids.value(0);
    if (m_selection && !id.isEmpty())
        m_selection->select(id);
    return id;
}

QStringList GraphScene::createTemplateAt(const QString &resourceName, const QPointF &scenePos)
{
    flush();
    initCanvasTemplateResources();
    QFile file(templateResourcePath(resourceName));
    QString error;
    std::optional<Templates::Template> tmpl;
    if (file.open(QIODevice::ReadOnly))
        tmpl = Templates::parse(file.readAll(), &error);
    else
        error = tr("There is no template %1.").arg(resourceName);
    std::optional<Project> made = tmpl ? Templates::instantiate(*tmpl, {}, &error) : std::nullopt;
    if (!made || made->taskCount() == 0) {
        emit message(error.isEmpty() ? tr("The template %1 has no tasks.").arg(resourceName) : error);
        return {};
    }

    // Laid out on their own, then centred on the drop point (summaries follow their leaves).
    const QHash<QString, QPointF> laid = computeLayoutPositions(*made);
    QRectF box;
    for (const QPointF &p : laid)
        box = box.united(QRectF(p, QSizeF(GraphStyle::CardWidth, GraphStyle::CardHeight)));
    const QPointF shift = scenePos - box.center();

    // The template's ids may be in the plan already (the same template dropped twice).
    QHash<QString, QString> rename;
    QSet<QString> taken;
    for (const Task &t : made->tasks()) {
        QString id = t.id;
        for (int i = 2; m_document->project().contains(id) || taken.contains(id); ++i)
            id = QStringLiteral("%1_%2").arg(t.id).arg(i);
        taken.insert(id);
        rename.insert(t.id, id);
    }
    const QString parentId = frameAt(scenePos);
    QList<Task> tasks;
    QStringList ids, tops;
    for (Task t : made->tasks()) {
        const auto placed = laid.constFind(t.id);
        t.id = rename.value(t.id);
        if (t.parentId.isEmpty()) {
            t.parentId = parentId;
            t.hasParentField = true;
            tops << t.id;
        } else {
            t.parentId = rename.value(t.parentId, t.parentId);
        }
        for (Dependency &d : t.dependencies)
            d.taskId = rename.value(d.taskId, d.taskId);
        t.hasPosition = placed != laid.constEnd();
        if (t.hasPosition)
            t.position = *placed + shift;
        ids << t.id;
        tasks << t;
    }
    const EditResult result = m_document->edits().addTasks(tasks, -1, tr("Add template %1").arg(tmpl->name), tops);
    if (!result) {
        if (result.refused())
            emit message(result.problem);
        return {};
    }
    if (m_selection)
        m_selection->setSelection(tops, tops.value(0));
    emit message(tr("Added %n task(s) from %1.", nullptr, int(tasks.size())).arg(tmpl->name));
    return ids;
}

} // namespace Workplan
