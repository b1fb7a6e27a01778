#pragma once

#include <QString>

#include <optional>

namespace Workplan {

class Project;
struct ResolvedIds;

struct ValidationError
{
    QString taskId;     // empty when the problem is not about one task
    QString problem;

    // "FILE: task 'ID': PROBLEM", the form every loader reports.
    QString message(const QString &fileName) const;
};

// The contract's structural rules (§1) that any source must meet: unique non-empty ids
// and types, known parents without loops, dependencies on known tasks that are neither
// the task itself, nor an ancestor or descendant, no duplicate (prerequisite, type) pair,
// and readable non-negative lags. Runs in O(V + E). When the project passes and `resolved`
// is given, it receives the parents and prerequisites it looked up (for
// Project::setResolvedIds). `known`: parents and prerequisites a reader already knows
// (-1 where it does not), trusted only while the project's ids are unique, so looked up
// only where unknown.
std::optional<ValidationError> validateProject(const Project &project, ResolvedIds *resolved = nullptr,
                                               const ResolvedIds *known = nullptr);

} // namespace Workplan
