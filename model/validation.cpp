#include "validation.h"

#include "calendar/workcalendar.h"
#include "effort.h"
#include "team/resources.h"
#include "project.h"
#include "twohalves.h"

#include <QHash>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace Workplan {

QString ValidationError::message(const QString &fileName) const
{
    if (taskId.isNull())
        return QStringLiteral("%1: %2").arg(fileName, problem);
    return QStringLiteral("%1: task '%2': %3").arg(fileName, taskId, problem);
}

std::optional<ValidationError> validateProject(const Project &project, ResolvedIds *resolved, const ResolvedIds *known)
{
    const int n = project.taskCount();
    // The project's own id index serves when it is exact, which is the usual case; otherwise
    // (a duplicate id, an id edited in place) a fresh index finds the first repeat.
    const bool reuse = project.indexIsExact();
    QHash<QString, int> index;
    if (!reuse)
        index.reserve(n);
    for (int i = 0; i < n; ++i) {
        const Task &t = project.task(i);
        if (t.id.isEmpty())
            return ValidationError{QString(), QStringLiteral("task #%1 has an empty task_id").arg(i + 1)};
        if (t.type.isEmpty())
            return ValidationError{t.id, QStringLiteral("task_type is empty")};
        if (reuse)
            continue;
        if (index.contains(t.id))
            return ValidationError{t.id, QStringLiteral("duplicate task_id")};
        index.insert(t.id, i);
    }
    auto indexOf = [&](const QString &id) { return reuse ? project.indexOf(id) : index.value(id, -1); };
    // What a reader knew stands for a look-up while the ids are unique (the index is exact).
    if (known && (!reuse || known->parent.size() != std::size_t(n) || known->depPrereq.size() != std::size_t(project.dependencyCount())))
        known = nullptr;

    std::vector<int> parent(n, -1);
    std::vector<int> childCount(n + 1, 0);
    int lastParent = -1;
    for (int i = 0; i < n; ++i) {
        const Task &t = project.task(i);
        if (t.parentId.isEmpty())
            continue;
        // Siblings are mostly adjacent: compare with the last parent before hashing.
        if (known && known->parent[std::size_t(i)] >= 0)
            lastParent = known->parent[std::size_t(i)];
        else if (lastParent < 0 || t.parentId != project.task(lastParent).id)
            lastParent = indexOf(t.parentId);
        parent[i] = lastParent;
        if (parent[i] < 0)
            return ValidationError{t.id, QStringLiteral("unknown parent_task_id '%1'").arg(t.parentId)};
    }

    // Parent loops: walk up with colours; 1 = on the current walk, 2 = reaches a root.
    std::vector<char> colour(n, 0);
    std::vector<int> walk;
    for (int i = 0; i < n; ++i) {
        walk.clear();
        int v = i;
        while (v >= 0 && colour[v] == 0) {
            colour[v] = 1;
            walk.push_back(v);
            v = parent[v];
        }
        if (v >= 0 && colour[v] == 1) {
            // The loop is the part of this walk from v on.
            QStringList loop;
            bool in = false;
            for (int w : walk) {
                in = in || w == v;
                if (in)
                    loop << project.task(w).id;
            }
            loop << project.task(v).id;
            return ValidationError{project.task(v).id,
                                   QStringLiteral("parent loop: %1").arg(loop.join(QLatin1String(" -> ")))};
        }
        for (int w : walk)
            colour[w] = 2;
    }

    // Pre/post numbers over the hierarchy make "is ancestor" O(1).
    std::vector<int> childStart(n + 1, 0), children;
    for (int i = 0; i < n; ++i) {
        if (parent[i] >= 0)
            ++childCount[parent[i]];
    }
    for (int i = 0; i < n; ++i)
        childStart[i + 1] = childStart[i] + childCount[i];
    children.resize(childStart[n]);
    {
        std::vector<int> fill(childStart.begin(), childStart.end() - 1);
        for (int i = 0; i < n; ++i) {
            if (parent[i] >= 0)
                children[fill[parent[i]]++] = i;
        }
    }
    std::vector<int> pre(n, 0), post(n, 0);
    int clock = 0;
    std::vector<std::pair<int, int>> stack;
    for (int r = 0; r < n; ++r) {
        if (parent[r] >= 0)
            continue;
        stack.push_back({r, childStart[r]});
        pre[r] = clock++;
        while (!stack.empty()) {
            auto &[v, next] = stack.back();
            if (next < childStart[v + 1]) {
                const int c = children[next++];
                pre[c] = clock++;
                stack.push_back({c, childStart[c]});
            } else {
                post[v] = clock++;
                stack.pop_back();
            }
        }
    }
    auto isAncestor = [&](int a, int d) { return pre[a] < pre[d] && post[d] < post[a]; };

    // Each dependency's prerequisite, at its place in the file's order of dependencies.
    std::vector<int> prereqs;
    std::vector<int> depStart(std::size_t(n) + 1, 0);
    for (int i = 0; i < n; ++i)
        depStart[std::size_t(i) + 1] = depStart[std::size_t(i)] + int(project.task(i).dependencies.size());
    if (resolved)
        prereqs.assign(std::size_t(depStart[std::size_t(n)]), -1);
    // The dependencies of tasks [begin, end): the first problem among them, in file order.
    auto checkDependencies = [&](int begin, int end) -> std::optional<ValidationError> {
        // (prerequisite, type) pairs of the current task; tasks hold a handful, so a scan
        // beats hashing.
        std::vector<std::pair<int, DependencyType>> seen;
        for (int i = begin; i < end; ++i) {
            const Task &t = project.task(i);
            seen.clear();
            int slot = depStart[std::size_t(i)];
            for (const Dependency &d : t.dependencies) {
                const int hint = known ? known->depPrereq[std::size_t(slot)] : -1;
                const int p = hint >= 0 ? hint : indexOf(d.taskId);
                if (resolved)
                    prereqs[std::size_t(slot)] = p;
                ++slot;
                if (p < 0)
                    return ValidationError{t.id, QStringLiteral("dependency on unknown task '%1'").arg(d.taskId)};
                if (p == i)
                    return ValidationError{t.id, QStringLiteral("depends on itself")};
                if (isAncestor(p, i))
                    return ValidationError{t.id, QStringLiteral("depends on its own ancestor '%1'").arg(d.taskId)};
                if (isAncestor(i, p))
                    return ValidationError{t.id, QStringLiteral("depends on its own descendant '%1'").arg(d.taskId)};
                const std::pair<int, DependencyType> key(p, d.type);
                if (std::find(seen.begin(), seen.end(), key) != seen.end())
                    return ValidationError{t.id, QStringLiteral("a second %1 dependency on '%2'")
                                                     .arg(toString(d.type), d.taskId)};
                seen.push_back(key);
                if (!d.lag.isUndefined() && !d.lag.isNull()) {
                    if (!parseEffort(d.lag, project.calendar)) {
                        const QString text = d.lag.isString() ? d.lag.toString()
                                                              : QString::number(d.lag.toDouble());
                        return ValidationError{t.id, QStringLiteral("lag '%1' on the dependency on '%2' is negative or unreadable")
                                                         .arg(text, d.taskId)};
                    }
                }
            }
        }
        return std::nullopt;
    };
    // A large plan's halves at once: looking up every prerequisite's id is most of
    // validating, and the look-ups only read. The first half's problem comes first.
    std::optional<ValidationError> problems[2];
    inTwoHalves(n, [&](int begin, int end) { problems[begin == 0 ? 0 : 1] = checkDependencies(begin, end); });
    for (const std::optional<ValidationError> &p : problems) {
        if (p)
            return p;
    }
    // §6 and §7: the calendar's date fields and the team, checked whenever present.
    if (auto e = WorkCalendar::read(project, nullptr))
        return e;
    if (auto e = readResources(project, nullptr))
        return e;
    if (resolved) {
        resolved->parent = std::move(parent);
        resolved->depPrereq = std::move(prereqs);
    }
    return std::nullopt;
}

} // namespace Workplan
