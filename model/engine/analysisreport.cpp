#include "analysisreport.h"

#include "../storage/json/jsonwriter.h"
#include "../tasklabel.h"
#include "explain.h"
#include "analysis.h"
#include "leveledschedule.h"
#include "scheduledates.h"
#include "snapshot.h"
#include "../twohalves.h"

#include <QStringList>

#include <optional>
#include <thread>

namespace Workplan {

namespace {

// Every task's id as the report spells it, in one buffer. A 100k-task report writes ~800k
// ids, most in the blocked tasks' lists; each read its QString's characters from wherever
// the load left them in a few hundred megabytes, a cache miss nearly every time (most of
// the writing). Spelled once, in task order, they are a few megabytes read again and again.
class SpelledIds
{
public:
    explicit SpelledIds(const SharedIds &ids)
        : m_at(ids.size() + 1, 0)
    {
        const int n = int(ids.size());
        QByteArray text[2];
        int split = n;
        inTwoHalves(n, [&](int begin, int end) {
            JsonWriter w;
            for (int t = begin; t < end; ++t) {
                w.value(ids[std::size_t(t)]);   // at the top level: no comma, no indent
                m_at[std::size_t(t) + 1] = w.size();
            }
            if (begin > 0)
                split = begin;
            text[begin == 0 ? 0 : 1] = w.take();
        });
        // The second half counted from its own start: it follows the first.
        for (int t = split; t < n; ++t)
            m_at[std::size_t(t) + 1] += text[0].size();
        m_text = text[0] + text[1];
    }

    QByteArrayView operator[](std::size_t t) const { return QByteArrayView(m_text.constData() + m_at[t], m_at[t + 1] - m_at[t]); }

private:
    QByteArray m_text;
    std::vector<qsizetype> m_at;   // task t's text is [m_at[t], m_at[t + 1])
};

template<typename Tasks>
void writeIdList(JsonWriter &w, const SpelledIds &ids, const Tasks &tasks)
{
    w.beginArray();
    for (int t : tasks)
        w.spelledValue(ids[std::size_t(t)]);
    w.endArray();
}

QString hoursText(double h)
{
    return QString::fromLatin1(formatDouble(h, false)) + QLatin1String(" h");
}

template<typename Name, typename Tasks>
QString nameList(const Name &name, const Tasks &tasks)
{
    QStringList out;
    out.reserve(int(tasks.size()));
    for (int t : tasks)
        out << name(t);
    return out.join(QLatin1String(", "));
}

} // namespace

namespace {

// The report in its two parts (written one after the other, or at once), and what both
// read: the schedule's §6 dates are worked out once, the ids spelled once.
struct ReportContext
{
    const Snapshot &s;
    const Analysis &a;
    bool ok = false;
    bool dated = false;
    ScheduleDates dates;
    SpelledIds ids;

    ReportContext(const Snapshot &snapshot, const Analysis &analysis)
        : s(snapshot), a(analysis), ok(analysis.hasSchedule()), dated(snapshot.dates != nullptr), ids(snapshot.ids)
    {
        // §6's dates, only for a project with a start.
        if (dated && ok)
            dates = ScheduleDates::of(s, a);
    }

    // The report's object from its opening brace to the schedule.
    void writeHead(JsonWriter &w) const;
    // The rest of its members, from "blocked" on (the closing brace is the caller's).
    void writeTail(JsonWriter &w) const;

    static void moment(JsonWriter &w, const char *key, const Moment &m)
    {
        w.key(key);
        w.value(formatMoment(m));
    }
};

void ReportContext::writeHead(JsonWriter &w) const
{
    w.beginObject();
    w.key("project");
    w.value(s.projectName);
    w.key("tasks");
    w.integer(a.tasks);
    w.key("leaf_tasks");
    w.integer(a.leafTasks);
    w.key("dependencies");
    w.integer(a.dependencies);

    w.key("cycles");
    w.beginArray();
    for (const auto &cycle : a.cycles)
        writeIdList(w, ids, cycle);
    w.endArray();

    auto hoursOrNull = [&](const char *key, double h) {
        w.key(key);
        if (ok)
            w.hours(h);
        else
            w.null();
    };
    hoursOrNull("makespan_hours", a.makespanHours);
    hoursOrNull("sequential_hours", a.sequentialHours);
    hoursOrNull("estimated_time_savings_hours", a.timeSavingsHours);

    w.key("critical_path");
    if (ok)
        writeIdList(w, ids, a.criticalPath);
    else
        w.null();
    w.key("critical_tasks");
    if (ok)
        writeIdList(w, ids, a.criticalTasks);
    else
        w.null();
    w.key("parallel_groups");
    if (ok) {
        w.beginArray();
        for (std::size_t g = 0; g < a.parallelGroupCount(); ++g)
            writeIdList(w, ids, a.parallelGroup(g));
        w.endArray();
    } else {
        w.null();
    }

    w.key("schedule");
    if (ok) {
        w.beginObject();
        // Leaves first, then summaries, each in file order.
        for (int pass = 0; pass < 2; ++pass) {
            for (int t = 0; t < s.taskCount(); ++t) {
                if (s.isLeaf(t) != (pass == 0))
                    continue;
                const Analysis::Times x = a.times(t);
                w.spelledKey(ids[std::size_t(t)]);
                w.beginObject();
                w.key("es"); w.hours(x.es);
                w.key("ef"); w.hours(x.ef);
                w.key("ls"); w.hours(x.ls);
                w.key("lf"); w.hours(x.lf);
                w.key("slack"); w.hours(x.slack);
                if (dated) {
                    const ScheduleDates::Task &d = dates.tasks[std::size_t(t)];
                    moment(w, "start", d.start);
                    moment(w, "finish", d.finish);
                    moment(w, "late_start", d.lateStart);
                    moment(w, "late_finish", d.lateFinish);
                }
                w.endObject();
            }
        }
        w.endObject();
    } else {
        w.null();
    }

}

void ReportContext::writeTail(JsonWriter &w) const
{
    w.key("blocked");
    w.beginArray();
    for (const Analysis::Blocked &b : a.blocked) {
        w.beginObject();
        w.key("task_id"); w.spelledValue(ids[std::size_t(b.task)]);
        w.key("marked"); w.value(b.marked);
        w.key("waiting_on");
        w.beginArray();
        for (const Analysis::Waiting &x : a.waitingOf(b)) {
            w.beginObject();
            w.key("task_id"); w.spelledValue(ids[std::size_t(x.task)]);
            w.key("dependency_type"); w.value(toString(x.type));
            w.key("reason"); w.value(toString(x.reason));
            w.key("via");
            if (x.via < 0)
                w.null();
            else
                w.spelledValue(ids[std::size_t(x.via)]);
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();

    w.key("ready");
    writeIdList(w, ids, a.ready);

    w.key("overruns");
    w.beginArray();
    for (const Analysis::Overrun &o : a.overruns) {
        w.beginObject();
        w.key("task_id"); w.spelledValue(ids[std::size_t(o.task)]);
        w.key("estimate_hours"); w.hours(o.estimateHours);
        w.key("scheduled_hours"); w.hours(o.scheduledHours);
        w.endObject();
    }
    w.endArray();

    w.key("warnings");
    w.beginArray();
    for (const Analysis::Warning &x : a.warnings) {
        w.beginObject();
        w.key("task_id"); w.spelledValue(ids[std::size_t(x.task)]);
        w.key("message"); w.value(x.message);
        w.endObject();
    }
    w.endArray();

    if (dated) {
        moment(w, "start", s.dates->startMoment());
        w.key("finish");
        if (ok)
            w.value(formatMoment(dates.finish));
        else
            w.null();
        w.key("deadlines");
        w.beginArray();
        for (const Snapshot::Deadline &d : ok ? s.deadlines : std::vector<Snapshot::Deadline>()) {
            w.beginObject();
            w.key("task_id"); w.spelledValue(ids[std::size_t(d.task)]);
            moment(w, "deadline", d.moment);
            moment(w, "finish", dates.tasks[std::size_t(d.task)].finish);
            w.key("margin_hours"); w.hours(d.offset - a.times(d.task).ef);
            w.endObject();
        }
        w.endArray();
    }

    // §7, for a project with at least one declared resource.
    if (!s.resources.empty()) {
        w.key("leveled");
        if (const LeveledSchedule *l = a.leveled.get()) {
            w.beginObject();
            w.key("makespan_hours"); w.hours(l->makespanHours);
            w.key("schedule");
            w.beginObject();
            for (int t = 0; t < s.taskCount(); ++t) {
                if (!s.isLeaf(t))
                    continue;
                w.spelledKey(ids[std::size_t(t)]);
                w.beginObject();
                w.key("start"); w.hours(l->start[std::size_t(t)]);
                w.key("finish"); w.hours(l->finish[std::size_t(t)]);
                if (dated) {
                    // A leaf of duration 0 takes the finish reading for both.
                    const bool instant = l->finish[std::size_t(t)] == l->start[std::size_t(t)];
                    const double start = l->start[std::size_t(t)];
                    moment(w, "start_date", instant ? s.dates->finishReading(start) : s.dates->startReading(start));
                    moment(w, "finish_date", s.dates->finishReading(l->finish[std::size_t(t)]));
                }
                w.endObject();
            }
            w.endObject();
            w.key("delayed");
            writeIdList(w, ids, l->delayed);
            w.endObject();
        } else {
            w.null();
        }
    }
}

} // namespace

void writeAnalysisJson(JsonWriter &w, const Snapshot &s, const Analysis &a)
{
    const ReportContext c(s, a);
    c.writeHead(w);
    c.writeTail(w);
    w.endObject();
    w.newlineAtEnd();
}

QByteArray analysisToJson(const Snapshot &s, const Analysis &a, int indent)
{
    JsonWriter w(indent);
    writeAnalysisJson(w, s, a);
    return w.take();
}

void analysisToJson(const Snapshot &s, const Analysis &a, const std::function<void(const char *, qsizetype)> &sink)
{
    JsonWriter w;
    w.setSink(sink);
    // A large plan's report is written in two parts at once: the blocked tasks and what
    // follows them (most of the bytes) into a buffer on a thread of their own, while the
    // schedule streams out; then the buffer. Writing was a sixth of `analyze --json` on a
    // 100k-task plan. A million tasks' report stays streamed: its second part would hold
    // a few hundred megabytes at the peak of memory.
    constexpr int kTwoPartsFrom = 20000, kTwoPartsUpTo = 400000;
    const int n = s.taskCount();
    if (n < kTwoPartsFrom || n > kTwoPartsUpTo || std::thread::hardware_concurrency() < 2) {
        writeAnalysisJson(w, s, a);
        w.flush();
        return;
    }
    const ReportContext c(s, a);
    JsonWriter tail;
    tail.continueObject();
    std::thread worker([&] { c.writeTail(tail); });
    c.writeHead(w);
    worker.join();
    w.appendWritten(tail.take());
    w.endObject();
    w.newlineAtEnd();
    w.flush();
}

QString analysisToText(const Snapshot &s, const Analysis &a, const Project *project)
{
    std::optional<TaskLabels> labels;
    if (project)
        labels.emplace(*project);
    auto name = [&](int t) {
        const QString &id = s.ids[std::size_t(t)];
        return labels ? (*labels)(id) : id;
    };
    QString out;
    auto line = [&](const QString &l) { out += l + QLatin1Char('\n'); };
    line(QStringLiteral("Project: %1").arg(s.projectName));
    line(QStringLiteral("Tasks: %1 (%2 leaf tasks), dependencies: %3")
             .arg(a.tasks).arg(a.leafTasks).arg(a.dependencies));
    if (!a.hasSchedule()) {
        line(QStringLiteral("Cycles: %1 — no schedule is possible").arg(a.cycles.size()));
        for (const auto &c : a.cycles)
            line(QStringLiteral("  loop: %1").arg(nameList(name, c)));
    } else {
        line(QStringLiteral("Makespan: %1").arg(hoursText(a.makespanHours)));
        if (const LeveledSchedule *l = a.leveled.get())
            line(QStringLiteral("With the team: %1 (+%2, %3 %4 delayed)")
                     .arg(hoursText(l->makespanHours), hoursText(l->makespanHours - a.makespanHours))
                     .arg(l->delayed.size())
                     .arg(l->delayed.size() == 1 ? QStringLiteral("task") : QStringLiteral("tasks")));
        else if (!s.resources.empty())
            line(QStringLiteral("With the team: no schedule (a task needs more of a resource than exists)"));
        line(QStringLiteral("Sequential work: %1, saved by parallel work: %2")
                 .arg(hoursText(a.sequentialHours), hoursText(a.timeSavingsHours)));
        QStringList path;
        for (int t : a.criticalPath)
            path << name(t);
        line(QStringLiteral("Critical path: %1").arg(path.join(QLatin1String(" -> "))));
        line(QStringLiteral("Parallel groups: %1").arg(a.parallelGroupCount()));
        for (std::size_t g = 0; g < a.parallelGroupCount(); ++g)
            line(QStringLiteral("  wave %1 (%2 tasks): %3")
                     .arg(g + 1).arg(a.parallelGroup(g).size()).arg(nameList(name, a.parallelGroup(g))));
    }
    line(QStringLiteral("Blocked: %1").arg(a.blocked.size()));
    for (const Analysis::Blocked &b : a.blocked) {
        line(QStringLiteral("  %1%2").arg(name(b.task), b.marked ? QStringLiteral(" (%1)").arg(markedBlockedText()) : QString()));
        for (const QString &wait : waitingLines(a, b, name))
            line(QStringLiteral("    ") + wait);
    }
    line(QStringLiteral("Ready: %1").arg(a.ready.empty() ? QStringLiteral("none") : nameList(name, a.ready)));
    for (const Analysis::Overrun &o : a.overruns)
        line(QStringLiteral("Overrun: %1 estimated %2, scheduled %3")
                 .arg(name(o.task), hoursText(o.estimateHours), hoursText(o.scheduledHours)));
    if (s.dates) {
        // §6 for a person: "2025-07-01 17:00", margins in hours, late ones said so.
        auto shown = [](const Moment &m) { return formatMoment(m).replace(QLatin1Char('T'), QLatin1Char(' ')); };
        line(QStringLiteral("Start: %1").arg(shown(s.dates->startMoment())));
        if (a.hasSchedule()) {
            const ScheduleDates dates = ScheduleDates::of(s, a);
            line(QStringLiteral("Finish: %1").arg(shown(dates.finish)));
            for (const Snapshot::Deadline &d : s.deadlines) {
                const double margin = d.offset - a.times(d.task).ef;
                const QString verdict = margin < -1e-6 ? QStringLiteral("%1 late").arg(hoursText(-margin))
                                                       : QStringLiteral("%1 to spare").arg(hoursText(margin));
                line(QStringLiteral("Deadline: %1: due %2, finishes %3 — %4")
                         .arg(name(d.task), shown(d.moment),
                              shown(dates.tasks[std::size_t(d.task)].finish), verdict));
            }
        }
    }
    for (const Analysis::Warning &x : a.warnings)
        line(QStringLiteral("Warning: %1: %2").arg(name(x.task), x.message));
    return out;
}

} // namespace Workplan
