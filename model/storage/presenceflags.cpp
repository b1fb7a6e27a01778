#include "presenceflags.h"

namespace Workplan {

void settlePresenceFlags(QList<Task> &tasks, bool withAttributes)
{
    for (Task &t : tasks) {
        t.hasParentField |= !t.parentId.isEmpty();
        t.hasStatus |= t.status != Status::Draft;
        t.hasLifecycle |= t.lifecycle != Lifecycle::Created;
        if (withAttributes)
            t.hasAttributes |= !t.attributes.isEmpty();
        t.hasDependencies |= !t.dependencies.isEmpty();
        for (Dependency &d : t.dependencies) {
            d.hasMandatory |= !d.mandatory;
            d.hasWaived |= d.waived;
            d.hasConditions |= !d.conditions.isEmpty();
        }
    }
}

} // namespace Workplan
