#include "timelinelayout.h"

#include "model/engine/leveledschedule.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"

#include <algorithm>

namespace Workplan {

bool hasLeveledSchedule(const AnalysisResult *result)
{
    return result && result->analysis.hasSchedule() && result->analysis.leveled
        && result->analysis.leveled->start.size() == std::size_t(result->snapshot.taskCount());
}

std::vector<TimelineSpan> scheduleSpans(const AnalysisResult &result, TimelineSchedule source)
{
    const Snapshot &s = result.snapshot;
    const Analysis &a = result.analysis;
    const std::size_t n = std::size_t(s.taskCount());
    std::vector<TimelineSpan> spans(n);
    if (!a.hasSchedule() || !a.graph)
        return spans;

    if (source == TimelineSchedule::Planned || !hasLeveledSchedule(&result)) {
        if (source == TimelineSchedule::Leveled)
            return spans;   // asked for the team's schedule and there is none: draw nothing
        for (std::size_t t = 0; t < n; ++t) {
            const Analysis::Times times = a.times(int(t));
            spans[t] = {times.es, times.ef, true};
        }
        return spans;
    }

    // Leveled: leaves from the leveled schedule, summaries as the hull of their leaves.
    // childrenFirst lists every task after its children, so each summary is complete by
    // the time it passes its hull on to its own parent.
    const LeveledSchedule &l = *a.leveled;
    for (int t : s.childrenFirst) {
        TimelineSpan &span = spans[std::size_t(t)];
        if (s.isLeaf(t))
            span = {l.start[std::size_t(t)], l.finish[std::size_t(t)], true};
        const int p = s.parent[std::size_t(t)];
        if (p < 0 || !span.valid)
            continue;
        TimelineSpan &up = spans[std::size_t(p)];
        if (!up.valid)
            up = span;
        else
            up = {std::min(up.start, span.start), std::max(up.finish, span.finish), true};
    }
    return spans;
}

void TimelineRows::rebuild(const ProjectDocument &document, const QSet<QString> &collapsed)
{
    m_document = &document;
    m_rows.clear();
    m_rowOf.clear();
    m_rows.reserve(std::size_t(document.project().taskCount()));
    m_rowOf.reserve(document.project().taskCount());

    // An explicit stack, not recursion: a 10k-deep chain of summaries is valid input.
    struct Frame { const QStringList *children; int next; int depth; };
    std::vector<Frame> stack;
    stack.push_back({&document.childIds(QString()), 0, 0});
    while (!stack.empty()) {
        Frame &f = stack.back();
        if (f.next >= f.children->size()) {
            stack.pop_back();
            continue;
        }
        const QString &id = f.children->at(f.next++);
        const int depth = f.depth;
        const QStringList &children = document.childIds(id);
        m_rowOf.insert(id, int(m_rows.size()));
        m_rows.push_back({id, depth, !children.isEmpty()});
        if (!children.isEmpty() && !collapsed.contains(id))
            stack.push_back({&children, 0, depth + 1});   // invalidates f; not used after
    }
}

int TimelineRows::shownRowOf(const QString &id) const
{
    if (!m_document)
        return -1;
    QString current = id;
    // Bounded by the depth of the hierarchy, which validation keeps free of loops.
    for (int guard = 0; guard < 100000 && !current.isEmpty(); ++guard) {
        const int row = m_rowOf.value(current, -1);
        if (row >= 0)
            return row;
        const Task *task = m_document->project().find(current);
        if (!task)
            return -1;
        current = task->parentId;
    }
    return -1;
}

} // namespace Workplan
