#pragma once

#include <QHash>
#include <QSet>
#include <QtCore/qnamespace.h>
#include <QString>
#include <QVariant>

#include <optional>
#include <vector>

#include "model/tasklabel.h"

namespace Workplan {

struct AnalysisResult;
class Project;

// Item data roles of the panel's tree (tests and the panel read them back).
enum PanelRole : int {
    TaskIdRole = Qt::UserRole + 1,  // QString: the task an entry stands for
    KeyRole,                        // QString: stable key of the entry
    ReasonRole,                     // QString: "not completed", "not approved", ...
    ViaRole,                        // QString: ancestor id, empty for the task's own
    DependencyTypeRole,             // QString: "completion", ...
    MarkedRole,                     // bool: blocked because its status says so
    CountRole,                      // int: tasks in a parallel group
    HoursRole,                      // double: parallel group total, scheduled span of an overrun
    EstimateRole,                   // double: overrun estimate
    MembersRole,                    // QStringList: a cyclic set, file order
    MessageRole,                    // QString: warning text
    MoreRole,                       // bool: the "… and N more" entry
    MarginRole,                     // double: a deadline's margin in hours (below 0: late)
    LazyRole                        // bool: children are listed once it is expanded
};

// What the analysis panel shows, as plain values. The panel compares a freshly built
// section with the one on screen and only rebuilds tree items when they differ, so an
// edit that changes nothing in a section costs no item churn.
struct PanelEntry
{
    QString text;
    QString taskId;                 // empty: not a task (a header, a hint, "… and N more")
    QString key;                    // stable across refreshes, for the expansion state
    QHash<int, QVariant> data;      // extra item roles (AnalysisPanel::Role)
    bool expandedByDefault = false;
    bool lazy = false;              // has children, withheld until expanded
    std::vector<PanelEntry> children;

    bool operator==(const PanelEntry &o) const
    {
        return text == o.text && taskId == o.taskId && key == o.key && data == o.data
            && expandedByDefault == o.expandedByDefault && lazy == o.lazy && children == o.children;
    }
    bool operator!=(const PanelEntry &o) const { return !(*this == o); }
};

struct PanelSection
{
    QString title;                  // with the count
    bool hiddenWhenEmpty = false;
    std::vector<PanelEntry> entries;

    bool operator==(const PanelSection &o) const
    {
        return title == o.title && hiddenWhenEmpty == o.hiddenWhenEmpty && entries == o.entries;
    }
    bool operator!=(const PanelSection &o) const { return !(*this == o); }
};

// Builds each section from one analysis result. Tasks are named as a person reads them
// (taskLabel: the title, the id only without one or where two tasks share a title) from
// `project`, the live document; `labels` saves counting its titles again (taskLabels() of
// the document). Without a project, ids. Long lists stop after `limit` entries with a
// "… and N more" entry carrying MoreRole.
class PanelSectionBuilder
{
public:
    PanelSectionBuilder(const AnalysisResult &result, const Project *project,
                        const TaskLabels *labels = nullptr);

    QString summary() const;
    PanelSection cycles(int limit) const;
    PanelSection blocked(int limit) const;
    PanelSection whyBlocked(const QString &taskId, int limit) const;
    PanelSection ready(int limit) const;
    PanelSection criticalPath(int limit) const;
    // Parallel groups list their tasks only when there are few leaves in all or the group's key is in
    // `expanded`; otherwise they are lazy, so 10k leaves do not become 10k items.
    PanelSection parallelGroups(int limit, const QSet<QString> &expanded) const;
    PanelSection overruns(int limit) const;
    // §6: each deadline with its margin, late ones first (hidden without a project start).
    PanelSection deadlines(int limit) const;
    // §7: the finish with the team against the unlimited one, the delayed tasks, the busiest
    // resource (hidden without declared resources).
    PanelSection team(int limit) const;
    PanelSection warnings(int limit) const;

    QString label(int task) const;  // the task's title (taskLabel), by snapshot index

private:
    PanelEntry taskEntry(int task) const;

    const AnalysisResult &m_result;
    const Project *m_project;
    mutable const TaskLabels *m_labels;
    mutable std::optional<TaskLabels> m_ownLabels;   // counted on first use without `labels`
};

QString hoursText(double hours);   // "29.5 h"

} // namespace Workplan
