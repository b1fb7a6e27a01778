#include "taskclipboard.h"

#include "model/storage/json/jsonformat.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Workplan::TaskClipboard {

namespace {

const QLatin1String kTaskId("task_id");
const QLatin1String kParent("parent_task_id");
const QLatin1String kDependencies("dependencies");
const QLatin1String kPrerequisite("dependency_task_id");

// Drops what names a task the array does not hold. Returns false when nothing had to go,
// so the caller reads the bytes exactly as given.
bool trimOutside(QJsonArray &tasks)
{
    QSet<QString> ids;
    for (const QJsonValue &v : std::as_const(tasks)) {
        const QJsonValue id = v.toObject().value(kTaskId);
        if (id.isString())
            ids.insert(id.toString());
    }
    bool trimmed = false;
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        if (!tasks.at(i).isObject())
            continue;   // the reader names what is wrong with it
        QJsonObject task = tasks.at(i).toObject();
        bool changed = false;
        const QJsonValue parent = task.value(kParent);
        if (parent.isString() && !parent.toString().isEmpty() && !ids.contains(parent.toString())) {
            task.insert(kParent, QJsonValue::Null);
            changed = true;
        }
        const QJsonValue deps = task.value(kDependencies);
        if (deps.isArray()) {
            QJsonArray kept;
            for (const QJsonValue &d : deps.toArray()) {
                const QJsonValue prereq = d.toObject().value(kPrerequisite);
                if (d.isObject() && prereq.isString() && !ids.contains(prereq.toString()))
                    continue;
                kept.append(d);
            }
            if (kept.size() != deps.toArray().size()) {
                task.insert(kDependencies, kept);
                changed = true;
            }
        }
        if (changed) {
            tasks.replace(i, task);
            trimmed = true;
        }
    }
    return trimmed;
}

} // namespace

QList<Task> collect(const Project &project, const QStringList &ids)
{
    const QSet<QString> chosen(ids.cbegin(), ids.cend());
    // Whether a task is chosen or under a chosen one, memoised up the parent chains so a
    // whole-plan copy stays linear.
    QHash<QString, bool> inside;
    auto isInside = [&](const QString &id) {
        QStringList chain;
        bool answer = false;
        QString cur = id;
        for (int steps = 0; !cur.isEmpty() && steps <= project.taskCount(); ++steps) {
            const auto known = inside.constFind(cur);
            if (known != inside.constEnd()) {
                answer = *known;
                break;
            }
            if (chosen.contains(cur)) {
                answer = true;
                break;
            }
            chain << cur;
            const Task *t = project.find(cur);
            cur = t ? t->parentId : QString();
        }
        for (const QString &c : std::as_const(chain))
            inside.insert(c, answer);
        inside.insert(id, answer);
        return answer;
    };
    QList<Task> out;
    for (const Task &t : project.tasks()) {
        if (isInside(t.id))
            out << t;
    }
    for (Task &t : out) {
        t.dependencies.removeIf([&](const Dependency &d) { return !inside.value(d.taskId, false); });
    }
    return out;
}

QStringList roots(const QList<Task> &tasks)
{
    QSet<QString> ids;
    for (const Task &t : tasks)
        ids.insert(t.id);
    QStringList out;
    for (const Task &t : tasks) {
        if (!ids.contains(t.parentId))
            out << t.id;
    }
    return out;
}

QByteArray toJson(const QList<Task> &tasks, const QString &projectName, const Calendar &calendar)
{
    const QStringList tops = roots(tasks);
    QList<Task> copy = tasks;
    for (Task &t : copy) {
        if (tops.contains(t.id))
            t.parentId.clear();
    }
    Project plan;
    plan.name = projectName;
    plan.calendar = calendar;
    plan.setTasks(std::move(copy));
    return JsonFormat::write(plan);
}

std::optional<QList<Task>> fromJson(const QByteArray &bytes, QString *error)
{
    const QString source = QStringLiteral("clipboard");
    QByteArray text = bytes;
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error == QJsonParseError::NoError) {
        if (doc.isArray()) {
            QJsonArray tasks = doc.array();
            if (trimOutside(tasks))
                text = QJsonDocument(tasks).toJson(QJsonDocument::Compact);
        } else if (doc.isObject() && doc.object().value(QLatin1String("tasks")).isArray()) {
            QJsonObject root = doc.object();
            QJsonArray tasks = root.value(QLatin1String("tasks")).toArray();
            if (trimOutside(tasks)) {
                root.insert(QLatin1String("tasks"), tasks);
                text = QJsonDocument(root).toJson(QJsonDocument::Compact);
            }
        }
    }
    // Otherwise the file reader says what is wrong, as it would for a file.
    std::optional<Project> plan = JsonFormat::read(text, source, error);
    if (!plan)
        return std::nullopt;
    return plan->tasks();
}

QString freshId(const QString &id, const Project &target, const QSet<QString> &taken)
{
    auto free = [&](const QString &candidate) { return !target.contains(candidate) && !taken.contains(candidate); };
    if (free(id))
        return id;
    static const QRegularExpression copySuffix(QStringLiteral("_copy\\d*$"));
    QString stem = id;
    stem.remove(copySuffix);
    if (stem.isEmpty())
        stem = id;
    const QString first = stem + QLatin1String("_copy");
    if (free(first))
        return first;
    for (int n = 2;; ++n) {
        const QString candidate = first + QString::number(n);
        if (free(candidate))
            return candidate;
    }
}

QList<Task> instantiate(const QList<Task> &tasks, const Project &target, const Placement &placement)
{
    QHash<QString, QString> rename;
    QSet<QString> taken;
    for (const Task &t : tasks) {
        const QString id = freshId(t.id, target, taken);
        taken.insert(id);
        rename.insert(t.id, id);
    }
    QList<Task> out;
    out.reserve(tasks.size());
    for (Task t : tasks) {
        t.id = rename.value(t.id);
        const auto parent = rename.constFind(t.parentId);
        if (parent != rename.constEnd()) {
            t.parentId = *parent;
        } else if (!placement.keepParents) {
            t.parentId = placement.parentId;
            t.hasParentField = true;
        }
        t.dependencies.removeIf([&](const Dependency &d) { return !rename.contains(d.taskId); });
        for (Dependency &d : t.dependencies)
            d.taskId = rename.value(d.taskId);
        if (t.hasPosition)
            t.position += placement.offset;
        out << t;
    }
    return out;
}

} // namespace Workplan::TaskClipboard
