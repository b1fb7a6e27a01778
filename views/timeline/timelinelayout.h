#pragma once

#include <QHash>
#include <QSet>
#include <QString>

#include <vector>

namespace Workplan {

struct AnalysisResult;
class ProjectDocument;

// Which schedule the bars show. The drawing code takes the spans below whatever their
// source, so a new source is one more case in scheduleSpans(), not a copy of the chart.
enum class TimelineSchedule { Planned, Leveled };

// One task's bar in working hours from the project start.
struct TimelineSpan
{
    double start = 0;
    double finish = 0;
    bool valid = false;
};

// Per snapshot index: Planned gives ES/EF; Leveled gives analysis.leveled's start/finish for
// leaves and, for a summary, the hull of its leaves (the leveled schedule has no summaries).
// All spans are invalid when the analysis has no schedule (a loop), or when Leveled is
// asked of a result without a leveled schedule.
std::vector<TimelineSpan> scheduleSpans(const AnalysisResult &result, TimelineSchedule source);
bool hasLeveledSchedule(const AnalysisResult *result);

// The rows of the chart: every task in file order, depth first (parents before children,
// as the task tree shows them), minus the descendants of collapsed summaries.
class TimelineRows
{
public:
    struct Row
    {
        QString id;
        int depth = 0;
        bool summary = false;
    };

    void rebuild(const ProjectDocument &document, const QSet<QString> &collapsed);

    int count() const { return int(m_rows.size()); }
    const Row &at(int row) const { return m_rows[std::size_t(row)]; }
    // -1 when the task is hidden inside a collapsed summary (or unknown).
    int rowOf(const QString &id) const { return m_rowOf.value(id, -1); }
    // The row that stands for `id`: its own, else that of its nearest shown ancestor.
    int shownRowOf(const QString &id) const;

private:
    const ProjectDocument *m_document = nullptr;
    std::vector<Row> m_rows;
    QHash<QString, int> m_rowOf;
};

} // namespace Workplan
