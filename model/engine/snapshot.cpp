#include "snapshot.h"

#include "../effort.h"
#include "../jsonwriter.h"
#include "../project.h"

#include <QJsonObject>

#include <algorithm>

namespace Workplan {

namespace {

// Tasks so that every child comes before its parent; iterative, as hierarchies can be deep.
std::vector<int> childrenFirstOrder(const Snapshot &s)
{
    const int n = s.taskCount();
    std::vector<int> order;
    order.reserve(std::size_t(n));
    std::vector<int> stack;
    for (int t = 0; t < n; ++t) {
        if (s.parent[t] < 0)
            stack.push_back(t);
    }
    while (!stack.empty()) {
        const int t = stack.back();
        stack.pop_back();
        order.push_back(t);
        for (int c = s.childStart[t]; c < s.childStart[t + 1]; ++c)
            stack.push_back(s.children[c]);
    }
    std::reverse(order.begin(), order.end());
    return order;
}

} // namespace

Snapshot Snapshot::fromProject(const Project &project)
{
    Snapshot s;
    s.projectName = project.name;
    s.calendar = project.calendar;
    const int n = project.taskCount();

    s.ids.reserve(n);
    s.parent.assign(n, -1);
    s.status.resize(n);
    s.estimate.assign(n, Estimate::None);
    s.estimateHours.assign(n, 0.0);
    s.estimateText.resize(n);
    s.depStart.assign(n + 1, 0);

    std::vector<int> childCount(n + 1, 0);
    int depTotal = 0;
    int lastParent = -1;
    for (int i = 0; i < n; ++i) {
        const Task &t = project.task(i);
        s.ids.push_back(t.id);
        s.status[i] = t.status;
        if (!t.parentId.isEmpty()) {
            // Siblings are mostly adjacent: compare with the last parent before hashing.
            if (lastParent < 0 || t.parentId != project.task(lastParent).id)
                lastParent = project.indexOf(t.parentId);
            s.parent[i] = lastParent;
            if (s.parent[i] >= 0)
                ++childCount[s.parent[i]];
        }
        depTotal += int(t.dependencies.size());

        const QJsonValue est = estimateValue(t.attributes);
        if (!est.isUndefined()) {
            if (const auto hours = parseEffort(est, project.calendar)) {
                s.estimate[i] = Estimate::Readable;
                s.estimateHours[i] = *hours;
            } else {
                s.estimate[i] = Estimate::Unreadable;
                s.estimateText[i] = est.isString() ? est.toString()
                                                   : QString::fromUtf8(compactJson(est));
            }
        }
    }

    // Children CSR, keeping file order inside each parent.
    s.childStart.assign(n + 1, 0);
    for (int i = 0; i < n; ++i)
        s.childStart[i + 1] = s.childStart[i] + childCount[i];
    s.children.resize(s.childStart[n]);
    std::vector<int> fill(s.childStart.begin(), s.childStart.end() - 1);
    for (int i = 0; i < n; ++i) {
        if (s.parent[i] >= 0)
            s.children[fill[s.parent[i]]++] = i;
    }

    s.depPrereq.reserve(depTotal);
    s.depType.reserve(depTotal);
    s.depCounts.reserve(depTotal);
    s.depLag.reserve(depTotal);
    for (int i = 0; i < n; ++i) {
        const Task &t = project.task(i);
        for (const Dependency &d : t.dependencies) {
            s.depPrereq.push_back(project.indexOf(d.taskId));
            s.depType.push_back(d.type);
            s.depCounts.push_back(isBlockingType(d.type) && d.mandatory && !d.waived);
            double lag = 0;
            if (!d.lag.isUndefined() && !d.lag.isNull())
                lag = parseEffort(d.lag, project.calendar).value_or(0.0);
            s.depLag.push_back(lag);
        }
        s.depStart[i + 1] = int(s.depPrereq.size());
    }

    s.childrenFirst = childrenFirstOrder(s);
    for (int t : s.childrenFirst) {
        if (!s.isLeaf(t))
            s.summariesChildrenFirst.push_back(t);
    }
    s.schedule = ScheduleGraph::build(s);
    return s;
}

} // namespace Workplan
