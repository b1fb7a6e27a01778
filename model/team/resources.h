#pragma once

#include "../validation.h"

#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace Workplan {

class Project;

// A declared resource of §7: a role, a team or a machine, `capacity` units of it at any
// moment. Its other fields stay in the project's "resources" array for the round trip.
struct Resource
{
    QString name;
    int capacity = 1;
};

// Reads project.resources and checks every task's `resources` field against it (§7's
// input errors). Returns the first problem; sets *out (when given) to the declared
// resources in file order.
std::optional<ValidationError> readResources(const Project &project, std::vector<Resource> *out);

// What readResources() read: the declared resources, or the first problem.
struct TeamReading
{
    std::vector<Resource> resources;
    std::optional<ValidationError> problem;
};

// Where a leaf's demand comes from (the inspector says it: "1 tester, from specialist_type").
struct Demand
{
    enum class Source { None, Resources, SpecialistType, AssignedTeam, AssignedDeveloper };
    std::vector<std::pair<int, int>> units;   // (resource index, units), declared order
    Source source = Source::None;
    int from = -1;                            // the task whose field or attribute gave it
};

// §7's demand rule for task `t` of a validated project: the `resources` field of the
// nearest task on its path (itself, its parent, ...) that has one; else one unit of each
// declared resource named by its specialist_type, assigned_team or assigned_developer,
// each attribute taken from the nearest task on the path that has it. The one place that
// rule is written: the engine and the inspector both ask it. (Leaves of duration 0 need
// nothing: that is the engine's to apply, it knows the durations.)
Demand demandOf(const Project &project, const std::vector<Resource> &resources, int t);

QString toString(Demand::Source source);

} // namespace Workplan
