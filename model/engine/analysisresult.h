#pragma once

#include "analysis.h"
#include "scheduledates.h"
#include "snapshot.h"

#include <QHash>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace Workplan {

class TaskLabels;

// One finished analysis with the look-ups every view needs, immutable and shared between
// them. Built by computeAnalysis(), off the UI thread for large plans, so that what is
// worked out once here (per-task tables, which arrows are critical or in a loop) costs
// the UI thread nothing; the views only read it.
struct AnalysisResult
{
    // Per snapshot dependency (the CSR arrays' index d): how the canvas draws its arrow.
    enum DependencyFlag : std::uint8_t { CriticalDependency = 1, LoopDependency = 2 };

    Snapshot snapshot;
    Analysis analysis;
    QHash<QString, int> indexOf;          // task id -> snapshot index
    // Per snapshot index, built with the result so per-task look-ups stay O(1) when a
    // view asks for each of 10k tasks.
    std::vector<int> blockedAt;           // index into analysis.blocked, -1: not blocked
    std::vector<bool> critical;
    // The first loop (index in analysis.cycles) a task is in or holds under it, -1: none.
    std::vector<int> loopAt;
    // DependencyFlag bits per declared dependency (see dependencyFlags()).
    std::vector<std::uint8_t> dependencyFlags;
    // §6, per snapshot index: the deadline margin in hours (NaN: none), and the schedule
    // read as dates (null without a project start or a schedule). Made once here so the
    // tree, the canvas and the inspector do not each fold the schedule again.
    std::vector<double> margins;
    std::shared_ptr<const ScheduleDates> dates;
    quint64 revision = 0;

    int index(const QString &id) const { return indexOf.value(id, -1); }
    bool isCritical(const QString &id) const;
    bool isBlocked(const QString &id) const;
    const Analysis::Blocked *blocked(const QString &id) const;
    // What a blocked task waits for, a line each, tasks named by `labels` (taskLabels() of
    // the document), in waitingText()'s one wording:
    // "waits on Design API [completion]: not completed (via Backend)".
    QStringList waitLines(const Analysis::Blocked &b, const TaskLabels &labels) const;
    // The wave (parallel group) of a leaf, -1 for summaries or when there is no schedule.
    int wave(const QString &id) const;
    std::optional<Analysis::Times> times(const QString &id) const;
    // Below 0: late. NaN for a task without a readable deadline (or an unknown id).
    double margin(const QString &id) const;
    // "due 2025-06-30 12:00, finishes 2025-07-01 17:00 — 11 h late" (or "… to spare");
    // empty without a readable deadline. For tooltips: it looks the deadline up.
    QString deadlineText(const QString &id) const;
    // The arrow of snapshot dependency d: on a critical chain / inside a loop.
    bool isCriticalDependency(int d) const { return dependencyFlags[std::size_t(d)] & CriticalDependency; }
    bool isLoopDependency(int d) const { return dependencyFlags[std::size_t(d)] & LoopDependency; }
};

// Runs the engine on `snapshot` and builds the look-ups. Pure: safe on a worker thread.
// `previous` (the result shown so far, may be null) lends its id look-up when the task ids
// are the same: an edit of fields keeps them, and hashing 100k ids was a third of the
// worker's time per edit. The look-up is implicitly shared and never changed after.
std::shared_ptr<AnalysisResult> computeAnalysis(Snapshot snapshot, quint64 revision,
                                                const AnalysisResult *previous = nullptr);

// DependencyFlag bits per declared dependency of `s`:
// - critical: it counts, and it is tight into a critical leaf under its owner (a leaf's
//   effective dependencies are its own and its ancestors', §3): the prerequisite's EF plus
//   the lag meets the leaf's ES within the engine's tolerance, and the prerequisite is a
//   critical leaf or a summary (which waits for its latest leaf, whose EF is its own). So
//   every chain the engine may pick, its criticalPath included, is flagged, whether the
//   arrow joins cards or frames. Only with a schedule.
// - loop: it counts, and some leaf under its owner and some leaf under its prerequisite
//   are in the same cyclic set.
// `loopAt` receives the first loop per task (see AnalysisResult::loopAt).
std::vector<std::uint8_t> dependencyFlags(const Snapshot &s, const Analysis &a,
                                          const std::vector<bool> &critical, std::vector<int> *loopAt = nullptr);

// The tasks of `after` whose analysed facts read differently than in `before`, so that a
// view repaints only those rows, cards or bars: blocked or not and what it waits on,
// critical, times, parallel group, loop, dates, deadline margin, a start the team delays.
// Tasks are matched by id, so adding or deleting one task does not mark the ones after it;
// a task new in `after` is reported. Snapshot indices into `after`, ascending.
std::vector<int> changedTasks(const AnalysisResult &before, const AnalysisResult &after);

} // namespace Workplan
