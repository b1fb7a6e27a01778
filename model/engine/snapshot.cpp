#include "snapshot.h"

#include "../effort.h"
#include "../storage/json/jsonwriter.h"
#include "../project.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>

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

// §6's dated attributes: deadline (else target_date) and not_before, read only with a start.
void readDates(const Project &project, Snapshot &s)
{
    std::optional<WorkCalendar> calendar;
    WorkCalendar::read(project, &calendar);
    if (!calendar)
        return;
    s.dates = std::make_shared<const WorkCalendar>(*calendar);
    const WorkCalendar &cal = *s.dates;
    const int n = project.taskCount();
    s.notBefore.assign(std::size_t(n), std::nan(""));
    auto present = [](const QJsonValue &v) { return !v.isUndefined() && !v.isNull(); };
    auto cannotRead = [&](int t, const QJsonValue &v) {
        const QString text = v.isString() ? v.toString() : QString::fromUtf8(compactJson(v));
        s.dateWarnings.push_back({t, QStringLiteral("cannot read date \"%1\"").arg(text)});
    };
    for (int t = 0; t < n; ++t) {
        const QJsonObject &a = project.task(t).attributes;
        QJsonValue due = a.value(QLatin1String("deadline"));
        if (!present(due))
            due = a.value(QLatin1String("target_date"));
        if (present(due)) {
            const auto d = due.isString() ? parseDateText(due.toString()) : std::nullopt;
            if (d) {
                // A date alone means the end of that day: 00:00 of the next.
                const Moment m = d->dateOnly ? Moment{d->day + 1, 0} : Moment{d->day, double(d->minute)};
                s.deadlines.push_back({t, cal.offsetOf(m), m});
            } else {
                cannotRead(t, due);
            }
        }
        const QJsonValue notBefore = a.value(QLatin1String("not_before"));
        if (present(notBefore)) {
            const auto d = notBefore.isString() ? parseDateText(notBefore.toString()) : std::nullopt;
            if (d)
                s.notBefore[std::size_t(t)] = std::max(0.0, cal.offsetOf({d->day, double(d->minute)}));
            else
                cannotRead(t, notBefore);
        }
    }
}

void readDemands(const Project &project, Snapshot &s)
{
    readResources(project, &s.resources);
    if (s.resources.empty())
        return;
    const int n = project.taskCount();
    s.demandStart.assign(std::size_t(n) + 1, 0);
    for (int t = 0; t < n; ++t) {
        if (s.isLeaf(t)) {
            for (const auto &[r, units] : demandOf(project, s.resources, t).units) {
                s.demandResource.push_back(r);
                s.demandUnits.push_back(units);
            }
        }
        s.demandStart[std::size_t(t) + 1] = int(s.demandResource.size());
    }
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

    readDates(project, s);
    readDemands(project, s);

    s.childrenFirst = childrenFirstOrder(s);
    for (int t : s.childrenFirst) {
        if (!s.isLeaf(t))
            s.summariesChildrenFirst.push_back(t);
    }
    s.schedule = ScheduleGraph::build(s);
    return s;
}

} // namespace Workplan
