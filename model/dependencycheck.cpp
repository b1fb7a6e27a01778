#include "dependencycheck.h"

#include "project.h"
#include "tasklabel.h"

#include <QCoreApplication>

#include <algorithm>

#include <vector>

namespace Workplan {

QStringList dependencyLoop(const Project &project, const QString &ownerId, const QString &prereqId)
{
    const int n = project.taskCount();
    const int owner = project.indexOf(ownerId);
    const int prereq = project.indexOf(prereqId);
    if (owner < 0 || prereq < 0)
        return {};
    if (owner == prereq)
        return {ownerId, ownerId};

    std::vector<int> parent(n, -1);
    std::vector<char> summary(n, 0);
    for (int i = 0; i < n; ++i) {
        parent[i] = project.indexOf(project.task(i).parentId);
        if (parent[i] >= 0)
            summary[parent[i]] = 1;
    }
    // Same node scheme as the engine: node t = leaf t or finish of summary t; node n + t =
    // start of summary t. Edges point from the prerequisite to the waiting side.
    enum Kind : char { Down, Up, Dep };
    struct Edge { int to; Kind kind; int owner; int prereq; };
    std::vector<std::vector<Edge>> out(2 * n);
    auto inNode = [&](int t) { return summary[t] ? n + t : t; };
    for (int t = 0; t < n; ++t) {
        if (parent[t] >= 0) {
            out[n + parent[t]].push_back({inNode(t), Down, -1, -1});
            out[t].push_back({parent[t], Up, -1, -1});
        }
        for (const Dependency &d : project.task(t).dependencies) {
            const int p = project.indexOf(d.taskId);
            if (p >= 0 && isBlockingType(d.type) && d.mandatory && !d.waived)
                out[p].push_back({inNode(t), Dep, t, p});
        }
    }

    // The new edge runs prereq -> owner; a loop exists when owner already reaches prereq.
    const int from = inNode(owner);
    const int goal = prereq;
    std::vector<int> cameFrom(2 * n, -2);
    std::vector<const Edge *> via(2 * n, nullptr);
    std::vector<int> queue{from};
    cameFrom[from] = -1;
    for (std::size_t head = 0; head < queue.size() && cameFrom[goal] == -2; ++head) {
        const int u = queue[head];
        for (const Edge &e : out[u]) {
            if (cameFrom[e.to] != -2)
                continue;
            cameFrom[e.to] = u;
            via[e.to] = &e;
            queue.push_back(e.to);
        }
    }
    if (cameFrom[goal] == -2)
        return {};

    // Walk back from prereq to owner: each dependency edge met is "owner waits for prereq".
    QStringList loop{ownerId, prereqId};
    auto append = [&](int t) {
        if (loop.last() != project.task(t).id)
            loop << project.task(t).id;
    };
    for (int v = goal; cameFrom[v] != -1; v = cameFrom[v]) {
        const Edge *e = via[v];
        if (e->kind == Dep) {
            append(e->owner);
            append(e->prereq);
        }
    }
    if (loop.last() != ownerId)
        loop << ownerId;
    return loop;
}

QString dependencyLoopProblem(const Project &project, const QString &ownerId, const QString &prereqId)
{
    QStringList loop = dependencyLoop(project, ownerId, prereqId);
    if (loop.isEmpty())
        return QString();
    // dependencyLoop() reads "waits for"; the canvas and the panel's Cycles draw the
    // other way, so the message does too. Still owner first and last.
    std::reverse(loop.begin(), loop.end());
    return QCoreApplication::translate("Workplan", "This would close a loop: %1")
        .arg(TaskLabels(project).chain(loop));
}

} // namespace Workplan
