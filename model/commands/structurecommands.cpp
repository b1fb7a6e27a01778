#include "structurecommands.h"

#include "model/layout/framefit.h"
#include "model/projectdocument.h"
#include "model/tasklabel.h"

#include <QCoreApplication>

namespace Workplan {

namespace {
constexpr int kSetPositionsId = 1002;
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Workplan", text, disambiguation, n);
}

// "'Design API' → 'Write tests'": prerequisite first, as the canvas draws the arrow.
QString link(ProjectDocument *document, const QString &ownerId, const QString &prereqId)
{
    const TaskLabels &labels = taskLabels(*document);
    return QStringLiteral("%1 \u2192 %2").arg(labels.quoted(prereqId), labels.quoted(ownerId));
}
} // namespace

ReparentTaskCommand::ReparentTaskCommand(ProjectDocument *document, const QString &id,
                                         const QString &newParentId, const QString &beforeId,
                                         QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_id(id)
    , m_oldParent(document->project().find(id)->parentId)
    , m_newParent(newParentId)
    , m_oldIndex(document->project().indexOf(id))
    , m_oldHasParentField(document->project().find(id)->hasParentField)
    , m_beforeId(beforeId)
{
    const QString name = taskLabels(*document).quoted(id);
    setText(m_oldParent == m_newParent ? tr("Reorder %1").arg(name) : tr("Move %1").arg(name));
}

void ReparentTaskCommand::moveTo(const QString &parentId, const QString &beforeId, int fallbackIndex)
{
    const Project &p = m_document->project();
    int index = fallbackIndex;
    if (!beforeId.isEmpty()) {
        index = p.indexOf(beforeId);
    } else if (fallbackIndex < 0) {
        // After the last task of the new parent's subtree, or at the end for top level.
        index = p.taskCount();
        const QStringList &siblings = m_document->childIds(parentId);
        if (!parentId.isEmpty() && !siblings.isEmpty()) {
            int last = -1;
            for (const QString &s : siblings) {
                if (s != m_id)
                    last = qMax(last, p.indexOf(s));
            }
            if (last >= 0)
                index = last + 1;
        }
    }
    m_document->applyMoveTask(m_id, parentId, index);
}

ReparentTaskCommand::~ReparentTaskCommand() = default;

void ReparentTaskCommand::redo()
{
    // A parent that was a card until now opens its frame where the card was.
    std::optional<QPointF> parentSpot;
    if (!m_arranged && !m_newParent.isEmpty() && !m_document->isSummary(m_newParent)) {
        const Task *p = m_document->project().find(m_newParent);
        if (p && p->hasPosition)
            parentSpot = p->position;
    }
    moveTo(m_newParent, m_beforeId, -1);
    if (!m_arranged) {
        // Worked out once, on the document as the move left it; redo repeats the result.
        m_arranged = true;
        if (m_arrange && m_oldParent != m_newParent) {
            const QHash<QString, QPointF> places = arrangeFrames(*m_document, {m_id}, false, parentSpot);
            if (!places.isEmpty())
                m_places = std::make_unique<SetPositionsCommand>(m_document, places);
        }
    }
    if (m_places)
        m_places->redo();
}

void ReparentTaskCommand::undo()
{
    if (m_places)
        m_places->undo();
    // The original file index, counted as if the task were not in the list yet.
    const int current = m_document->project().indexOf(m_id);
    m_document->applyMoveTask(m_id, m_oldParent, m_oldIndex >= current ? m_oldIndex + 1 : m_oldIndex,
                              m_oldHasParentField);
}

SetPositionsCommand::SetPositionsCommand(ProjectDocument *document, const QHash<QString, QPointF> &positions,
                                         const QString &text, bool mergeable, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_mergeable(mergeable)
{
    if (text.isEmpty()) {
        setText(positions.size() == 1 ? tr("Move %1").arg(taskLabels(*document).quoted(positions.constBegin().key()))
                                      : tr("Move %1 tasks").arg(positions.size()));
    }
    for (auto it = positions.constBegin(); it != positions.constEnd(); ++it) {
        const Task *t = document->project().find(it.key());
        if (!t)
            continue;
        m_before.insert(it.key(), {t->position, t->hasPosition});
        m_after.insert(it.key(), {it.value(), true});
    }
}

void SetPositionsCommand::apply(const QHash<QString, Place> &places)
{
    for (auto it = places.constBegin(); it != places.constEnd(); ++it) {
        Task t = *m_document->project().find(it.key());
        t.position = it.value().pos;
        t.hasPosition = it.value().has;
        m_document->applyTask(t, ProjectDocument::PositionChanged);
    }
}

void SetPositionsCommand::redo() { apply(m_after); }
void SetPositionsCommand::undo() { apply(m_before); }
int SetPositionsCommand::id() const { return m_mergeable ? kSetPositionsId : -1; }

bool SetPositionsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetPositionsCommand *>(other);
    if (!o->m_mergeable || o->m_after.keys() != m_after.keys())
        return false;
    m_after = o->m_after;
    return true;
}

DependencyCommand::DependencyCommand(ProjectDocument *document, const QString &ownerId,
                                     const QList<Dependency> &before, const QList<Dependency> &after,
                                     const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_ownerId(ownerId)
    , m_before(before)
    , m_after(after)
{
}

DependencyCommand *DependencyCommand::add(ProjectDocument *document, const QString &ownerId, const Dependency &dep)
{
    const QList<Dependency> before = document->project().find(ownerId)->dependencies;
    QList<Dependency> after = before;
    after.append(dep);
    return new DependencyCommand(document, ownerId, before, after, tr("Link %1").arg(link(document, ownerId, dep.taskId)));
}

DependencyCommand *DependencyCommand::remove(ProjectDocument *document, const DependencyKey &key)
{
    const int index = document->dependencyIndex(key);
    Q_ASSERT(index >= 0);
    const QList<Dependency> before = document->project().find(key.ownerId)->dependencies;
    QList<Dependency> after = before;
    after.removeAt(index);
    return new DependencyCommand(document, key.ownerId, before, after,
                                 tr("Remove link %1").arg(link(document, key.ownerId, key.prerequisiteId)));
}

DependencyCommand *DependencyCommand::change(ProjectDocument *document, const DependencyKey &key,
                                             const Dependency &dep)
{
    const int index = document->dependencyIndex(key);
    Q_ASSERT(index >= 0);
    const QList<Dependency> before = document->project().find(key.ownerId)->dependencies;
    QList<Dependency> after = before;
    after[index] = dep;
    return new DependencyCommand(document, key.ownerId, before, after,
                                 tr("Change link %1").arg(link(document, key.ownerId, dep.taskId)));
}

void DependencyCommand::apply(const QList<Dependency> &deps)
{
    Task t = *m_document->project().find(m_ownerId);
    t.dependencies = deps;
    t.hasDependencies = true;
    m_document->applyTask(t, ProjectDocument::DependenciesChanged);
}

void DependencyCommand::redo() { apply(m_after); }
void DependencyCommand::undo() { apply(m_before); }

ProjectPropertiesCommand::ProjectPropertiesCommand(ProjectDocument *document, const QString &name,
                                                   const Calendar &calendar, QUndoCommand *parent)
    : ProjectPropertiesCommand(document,
                               ProjectProperties{name, calendar, document->project().projectExtra,
                                                 document->project().calendarExtra},
                               parent)
{
}

ProjectPropertiesCommand::ProjectPropertiesCommand(ProjectDocument *document, const ProjectProperties &properties,
                                                   QUndoCommand *parent)
    : QUndoCommand(tr("Change project properties"), parent)
    , m_document(document)
    , m_old(ProjectProperties::of(document->project()))
    , m_new(properties)
{
}

void ProjectPropertiesCommand::redo() { m_document->applyProjectProperties(m_new); }
void ProjectPropertiesCommand::undo() { m_document->applyProjectProperties(m_old); }

} // namespace Workplan
