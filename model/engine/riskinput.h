#pragma once

#include "risk.h"
#include "snapshot.h"

#include <vector>

namespace Workplan {

class Project;

// What §8 draws, read from a validated project and its snapshot: the schedule graph's
// nodes with each leaf's distribution (triangular from optimistic/pessimistic_effort, else
// uniform over a range estimate, else fixed), a topological order, not_before releases and
// the deadlines. Only for a snapshot whose analysis found no cycle.
struct RiskInput
{
    RiskProblem problem;
    std::vector<Snapshot::TaskWarning> threePointWarnings;   // file order
};

RiskInput riskInputOf(const Project &project, const Snapshot &snapshot);

} // namespace Workplan
