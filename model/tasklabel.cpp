#include "tasklabel.h"

#include "project.h"
#include "projectdocument.h"

#include <optional>

namespace Workplan {

namespace {

QString withId(const QString &title, const QString &id)
{
    return QStringLiteral("%1 (%2)").arg(title, id);
}

QString quote(const QString &label)
{
    return QLatin1Char('\'') + label + QLatin1Char('\'');
}

// One label for `task` against the titles of every other task of `project`: O(n).
QString labelAgainst(const Project &project, const QString &id, const QString &title)
{
    if (title == id)
        return id;   // untitled: the id already is unique
    for (const Task &other : project.tasks()) {
        if (other.id != id && other.title() == title)
            return withId(title, id);
    }
    return title;
}

// Kept as a child of the document: it follows renames, inserts and removals, so the
// labels of a large plan cost O(1) each and one count per project, not one per label.
class LabelCache : public QObject
{
public:
    static constexpr const char *kName = "workplanTaskLabels";

    explicit LabelCache(ProjectDocument *document)
        : QObject(document)
        , m_document(document)
    {
        setObjectName(QLatin1String(kName));
        connect(document, &ProjectDocument::projectReset, this, [this] { m_labels.reset(); });
        connect(document, &ProjectDocument::taskInserted, this, [this](const QString &id) {
            if (m_labels)
                m_labels->recount(id);
        });
        connect(document, &ProjectDocument::taskRemoved, this, [this](const QString &id, const QString &) {
            if (m_labels)
                m_labels->forget(id);
        });
        connect(document, &ProjectDocument::tasksChanged, this,
                [this](const QStringList &ids, ProjectDocument::ChangeFlags flags) {
                    if (!m_labels || !(flags & (ProjectDocument::TitleChanged | ProjectDocument::AttributesChanged)))
                        return;
                    for (const QString &id : ids)
                        m_labels->recount(id);
                });
    }

    const TaskLabels &labels()
    {
        if (!m_labels)
            m_labels.emplace(m_document->project());
        return *m_labels;
    }

private:
    ProjectDocument *m_document;
    std::optional<TaskLabels> m_labels;
};

} // namespace

TaskLabels::TaskLabels(const Project &project)
    : m_project(&project)
{
    m_titleOf.reserve(project.taskCount());
    for (const Task &t : project.tasks()) {
        const QString title = t.title();
        m_titleOf.insert(t.id, title);
        ++m_count[title];
    }
}

QString TaskLabels::labelFor(const QString &id, const QString &title) const
{
    if (title == id)
        return id;
    return m_count.value(title) > 1 ? withId(title, id) : title;
}

QString TaskLabels::operator()(const QString &id) const
{
    // The title counted for it is current: made from the project, and kept so by the
    // document's cache (recount() on every title or attribute change, forget() on removal).
    // Reading it again from the task's attributes was a tenth of an edit of a 10k plan
    // (the analysis panel names its tasks after every analysis).
    if (const auto counted = m_titleOf.constFind(id); counted != m_titleOf.cend())
        return labelFor(id, *counted);
    const Task *t = m_project->find(id);
    if (!t)
        return id;
    recount(id);
    return labelFor(id, t->title());
}

QString TaskLabels::operator()(const Task &task) const
{
    const QString title = task.title();
    if (title == task.id)
        return task.id;
    const auto counted = m_titleOf.constFind(task.id);
    const int self = counted != m_titleOf.cend() && *counted == title ? 1 : 0;
    return m_count.value(title) - self > 0 ? withId(title, task.id) : title;
}

QString TaskLabels::quoted(const QString &id) const
{
    return quote((*this)(id));
}

QString TaskLabels::quoted(const Task &task) const
{
    return quote((*this)(task));
}

QString TaskLabels::chain(const QStringList &ids) const
{
    QStringList labels;
    labels.reserve(ids.size());
    for (const QString &id : ids)
        labels << (*this)(id);
    return labels.join(QStringLiteral(" \u2192 "));
}

void TaskLabels::recount(const QString &id) const
{
    forget(id);
    if (const Task *t = m_project->find(id)) {
        const QString title = t->title();
        m_titleOf.insert(id, title);
        ++m_count[title];
    }
}

void TaskLabels::forget(const QString &id) const
{
    const auto it = m_titleOf.find(id);
    if (it == m_titleOf.end())
        return;
    const auto c = m_count.find(*it);
    if (c != m_count.end() && --*c <= 0)
        m_count.erase(c);
    m_titleOf.erase(it);
}

QString taskLabel(const Project &project, const QString &id)
{
    const Task *t = project.find(id);
    return t ? labelAgainst(project, id, t->title()) : id;
}

QString quotedTaskLabel(const Project &project, const QString &id)
{
    return quote(taskLabel(project, id));
}

const TaskLabels &taskLabels(const ProjectDocument &document)
{
    auto *doc = const_cast<ProjectDocument *>(&document);
    auto *cache = static_cast<LabelCache *>(
        doc->findChild<QObject *>(QLatin1String(LabelCache::kName), Qt::FindDirectChildrenOnly));
    if (!cache)
        cache = new LabelCache(doc);
    return cache->labels();
}

} // namespace Workplan
