#include "snapshot.h"

#include "../effort.h"
#include "../storage/json/jsonwriter.h"
#include "../project.h"
#include "../twohalves.h"

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

// One task's §6 dated attributes: deadline (else target_date) and not_before. Appends to
// `deadlines` and `warnings` (deadline first) and returns its not_before offset (NaN: none).
double readTaskDates(const Project &project, const WorkCalendar &cal, int t,
                     std::vector<Snapshot::Deadline> &deadlines, std::vector<Snapshot::TaskWarning> &warnings)
{
    auto present = [](const QJsonValue &v) { return !v.isUndefined() && !v.isNull(); };
    auto cannotRead = [&](const QJsonValue &v) {
        const QString text = v.isString() ? v.toString() : QString::fromUtf8(compactJson(v));
        warnings.push_back({t, QStringLiteral("cannot read date \"%1\"").arg(text)});
    };
    const Attributes &a = project.task(t).attributes;
    QJsonValue due = a.value(QLatin1String("deadline"));
    if (!present(due))
        due = a.value(QLatin1String("target_date"));
    if (present(due)) {
        const auto d = due.isString() ? parseDateText(due.toString()) : std::nullopt;
        if (d) {
            // A date alone means the end of that day: 00:00 of the next.
            const Moment m = d->dateOnly ? Moment{d->day + 1, 0} : Moment{d->day, double(d->minute)};
            deadlines.push_back({t, cal.offsetOf(m), m});
        } else {
            cannotRead(due);
        }
    }
    const QJsonValue notBefore = a.value(QLatin1String("not_before"));
    if (present(notBefore)) {
        const auto d = notBefore.isString() ? parseDateText(notBefore.toString()) : std::nullopt;
        if (d)
            return std::max(0.0, cal.offsetOf({d->day, double(d->minute)}));
        cannotRead(notBefore);
    }
    return std::nan("");
}

// §6's dated attributes, read only with a start.
void readDates(const Project &project, Snapshot &s)
{
    std::optional<WorkCalendar> calendar;
    WorkCalendar::read(project, &calendar);
    if (!calendar)
        return;
    s.dates = std::make_shared<const WorkCalendar>(*calendar);
    const int n = project.taskCount();
    s.notBefore.assign(std::size_t(n), std::nan(""));
    for (int t = 0; t < n; ++t)
        s.notBefore[std::size_t(t)] = readTaskDates(project, *s.dates, t, s.deadlines, s.dateWarnings);
}

// `entries` (by task, file order) with those of the marked tasks replaced by `fresh`.
template <typename T>
void replaceEntries(std::vector<T> &entries, const std::vector<std::uint8_t> &marked, const std::vector<T> &fresh)
{
    std::vector<T> out;
    out.reserve(entries.size() + fresh.size());
    std::size_t f = 0;
    for (const T &e : entries) {
        while (f < fresh.size() && fresh[f].task < e.task)
            out.push_back(fresh[f++]);
        if (!marked[std::size_t(e.task)])
            out.push_back(e);
    }
    out.insert(out.end(), fresh.begin() + std::ptrdiff_t(f), fresh.end());
    entries = std::move(out);
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

// A task's own estimate, into s.estimate / estimateHours / estimateText.
void readEstimate(const Project &project, int i, Snapshot &s)
{
    s.estimate[i] = Snapshot::Estimate::None;
    s.estimateHours[i] = 0.0;
    s.estimateText[i] = QString();
    // The usual cases, a number or a readable text, without a QJsonValue (estimateValue's
    // order: estimated_effort, else estimated_duration; null is absent); the rest below.
    thread_local QString buffer;
    const Attributes &a = project.task(i).attributes;
    Attributes::Scalar e = a.scalar(QLatin1String("estimated_effort"), buffer);
    if (e.kind == Attributes::Scalar::Absent || e.kind == Attributes::Scalar::Null)
        e = a.scalar(QLatin1String("estimated_duration"), buffer);
    if (e.kind == Attributes::Scalar::Absent || e.kind == Attributes::Scalar::Null)
        return;
    if (e.kind == Attributes::Scalar::Number && e.number >= 0 && std::isfinite(e.number)) {
        s.estimate[i] = Snapshot::Estimate::Readable;
        s.estimateHours[i] = e.number;
        return;
    }
    if (e.kind == Attributes::Scalar::String) {
        if (const auto hours = parseEffortText(e.text, project.calendar)) {
            s.estimate[i] = Snapshot::Estimate::Readable;
            s.estimateHours[i] = *hours;
            return;
        }
    }
    const QJsonValue est = estimateValue(a);
    if (est.isUndefined())
        return;
    if (const auto hours = parseEffort(est, project.calendar)) {
        s.estimate[i] = Snapshot::Estimate::Readable;
        s.estimateHours[i] = *hours;
    } else {
        s.estimate[i] = Snapshot::Estimate::Unreadable;
        s.estimateText[i] = est.isString() ? est.toString() : QString::fromUtf8(compactJson(est));
    }
}

// The declared dependencies of task i as the snapshot holds them; false when they differ.
bool sameDependencies(const Project &project, const Snapshot &s, int i)
{
    const Task &t = project.task(i);
    if (int(t.dependencies.size()) != s.depStart[i + 1] - s.depStart[i])
        return false;
    int d = s.depStart[i];
    for (const Dependency &dep : t.dependencies) {
        double lag = 0;
        if (!dep.lag.isUndefined() && !dep.lag.isNull())
            lag = parseEffort(dep.lag, project.calendar).value_or(0.0);
        const int prereq = s.depPrereq[d];
        if (prereq < 0 || s.ids[prereq] != dep.taskId || s.depType[d] != dep.type
            || s.depCounts[d] != std::uint8_t(isBlockingType(dep.type) && dep.mandatory && !dep.waived)
            || !(s.depLag[d] == lag))
            return false;
        ++d;
    }
    return true;
}

} // namespace

Snapshot Snapshot::fromProject(const Project &project, Scope scope)
{
    const bool everything = scope == Scope::Everything;
    Snapshot s;
    s.projectName = project.name;
    s.calendar = project.calendar;
    const int n = project.taskCount();

    std::vector<QString> ids(static_cast<std::size_t>(n));
    s.parent.assign(n, -1);
    s.status.resize(n);
    s.estimate.assign(n, Estimate::None);
    s.estimateHours.assign(n, 0.0);
    s.estimateText.resize(n);
    s.depStart.assign(n + 1, 0);

    // What validation resolved right after a load, when the project still holds it: no
    // id hashed a second time (a tenth of `analyze` on a 100k-task file).
    const ResolvedIds *resolved = project.resolvedIds();
    if (resolved && (int(resolved->parent.size()) != n || int(resolved->depPrereq.size()) != project.dependencyCount()))
        resolved = nullptr;

    // What each task holds stands alone: its id, status, dependency count and estimate are
    // read in two halves at once. Each task is a few cache misses away (its id's text, its
    // dependency list, its attributes), which made these loops most of this function.
    inTwoHalves(n, [&](int begin, int end) {
        for (int i = begin; i < end; ++i) {
            const Task &t = project.task(i);
            ids[std::size_t(i)] = t.id;
            s.status[i] = t.status;
            s.depStart[i + 1] = int(t.dependencies.size());
            if (everything)
                readEstimate(project, i, s);
        }
    });
    s.ids = SharedIds(std::move(ids));
    for (int i = 0; i < n; ++i)
        s.depStart[i + 1] += s.depStart[i];
    const int depTotal = s.depStart[n];

    std::vector<int> childCount(n + 1, 0);
    if (resolved) {
        std::copy(resolved->parent.begin(), resolved->parent.end(), s.parent.begin());
    } else {
        int lastParent = -1;
        for (int i = 0; i < n; ++i) {
            const Task &t = project.task(i);
            if (t.parentId.isEmpty())
                continue;
            // Siblings are mostly adjacent: compare with the last parent before hashing.
            if (lastParent < 0 || t.parentId != project.task(lastParent).id)
                lastParent = project.indexOf(t.parentId);
            s.parent[i] = lastParent;
        }
    }
    for (int i = 0; i < n; ++i) {
        if (s.parent[i] >= 0)
            ++childCount[s.parent[i]];
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

    // Each task's dependencies have their places (depStart): filled in two halves too.
    s.depPrereq.resize(std::size_t(depTotal));
    s.depType.resize(std::size_t(depTotal));
    s.depCounts.resize(std::size_t(depTotal));
    s.depLag.resize(std::size_t(depTotal));
    inTwoHalves(n, [&](int begin, int end) {
        for (int i = begin; i < end; ++i) {
            std::size_t k = std::size_t(s.depStart[i]);
            for (const Dependency &d : project.task(i).dependencies) {
                s.depPrereq[k] = resolved ? resolved->depPrereq[k] : project.indexOf(d.taskId);
                s.depType[k] = d.type;
                s.depCounts[k] = isBlockingType(d.type) && d.mandatory && !d.waived;
                double lag = 0;
                if (everything && !d.lag.isUndefined() && !d.lag.isNull())
                    lag = parseEffort(d.lag, project.calendar).value_or(0.0);
                s.depLag[k] = lag;
                ++k;
            }
        }
    });
    if (!everything)
        return s;

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

bool Snapshot::sameTasks(const Snapshot &o) const
{
    if (ids.size() != o.ids.size() || parent != o.parent)
        return false;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (ids[i].constData() != o.ids[i].constData() && ids[i] != o.ids[i])
            return false;
    }
    return true;
}

std::optional<Snapshot> Snapshot::withTaskFields(const Snapshot &previous, const Project &project,
                                                 const std::vector<int> &tasks)
{
    const int n = project.taskCount();
    if (n != previous.taskCount() || !previous.schedule || previous.projectName != project.name
        || !(previous.calendar == project.calendar))
        return std::nullopt;
    std::vector<std::uint8_t> marked(std::size_t(n), 0);
    std::vector<int> touched;
    for (int t : tasks) {
        if (t < 0 || t >= n)
            return std::nullopt;
        if (!marked[std::size_t(t)])
            touched.push_back(t);
        marked[std::size_t(t)] = 1;
    }
    std::sort(touched.begin(), touched.end());
    for (int t : touched) {
        const Task &task = project.task(t);
        const int parent = previous.parent[t];
        if (previous.ids[t] != task.id
            || (parent < 0 ? !task.parentId.isEmpty() : previous.ids[parent] != task.parentId)
            || !sameDependencies(project, previous, t))
            return std::nullopt;
        // Leaves inherit the team's resources field from their ancestors (demandOf).
        if (!previous.resources.empty() && !previous.isLeaf(t))
            return std::nullopt;
    }

    Snapshot s = previous;
    for (int t : touched) {
        s.status[t] = project.task(t).status;
        readEstimate(project, t, s);
    }

    if (s.dates) {
        std::vector<Deadline> deadlines;
        std::vector<TaskWarning> warnings;
        for (int t : touched)
            s.notBefore[std::size_t(t)] = readTaskDates(project, *s.dates, t, deadlines, warnings);
        replaceEntries(s.deadlines, marked, deadlines);
        replaceEntries(s.dateWarnings, marked, warnings);
    }

    if (!s.resources.empty()) {
        std::vector<int> start(std::size_t(n) + 1, 0);
        std::vector<int> resource, units;
        resource.reserve(previous.demandResource.size() + 8);
        units.reserve(previous.demandUnits.size() + 8);
        for (int t = 0; t < n; ++t) {
            if (marked[std::size_t(t)]) {
                if (s.isLeaf(t)) {
                    for (const auto &[r, u] : demandOf(project, s.resources, t).units) {
                        resource.push_back(r);
                        units.push_back(u);
                    }
                }
            } else {
                for (int k = previous.demandStart[std::size_t(t)]; k < previous.demandStart[std::size_t(t) + 1]; ++k) {
                    resource.push_back(previous.demandResource[std::size_t(k)]);
                    units.push_back(previous.demandUnits[std::size_t(k)]);
                }
            }
            start[std::size_t(t) + 1] = int(resource.size());
        }
        s.demandStart = std::move(start);
        s.demandResource = std::move(resource);
        s.demandUnits = std::move(units);
    }

    // The schedule graph reads durations and releases only from the fields; rebuilding it
    // is cheaper than re-reading every task but still O(n), so patch it.
    auto graph = std::make_shared<ScheduleGraph>(*previous.schedule);
    for (int t : touched) {
        if (s.isLeaf(t)) {
            graph->duration[std::size_t(t)] = s.estimate[t] == Estimate::Readable && s.status[t] != Status::Cancelled
                                                  ? s.estimateHours[t] : 0.0;
        }
        if (!s.notBefore.empty()) {
            const double at = s.notBefore[std::size_t(t)];
            if (at == at && graph->release.empty())
                graph->release.assign(std::size_t(graph->nodeCount()), 0.0);
            if (!graph->release.empty())
                graph->release[std::size_t(graph->inNode(t))] = at == at ? at : 0.0;
        }
    }
    if (!graph->release.empty()
        && std::none_of(s.notBefore.begin(), s.notBefore.end(), [](double at) { return at == at; }))
        graph->release.clear();   // as build() leaves it when no task has one
    s.schedule = std::move(graph);
    return s;
}

} // namespace Workplan
