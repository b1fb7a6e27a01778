#pragma once

#include "vocabulary.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace Workplan {

// One declared dependency: the owning task waits for `taskId` (the prerequisite).
struct Dependency
{
    QString taskId;
    DependencyType type = DependencyType::Completion;
    QString description;          // null string = not given in the source
    bool mandatory = true;
    bool waived = false;
    QJsonValue lag{QJsonValue::Undefined}; // as written: undefined (absent), number of hours or effort text
    QJsonObject conditions;       // kept as is
    QJsonObject extra;            // unknown fields, written back on export

    // Presence of optional fields in the source, so a round trip writes back what it read.
    bool hasMandatory = false;
    bool hasWaived = false;
    bool hasConditions = false;

    bool operator==(const Dependency &o) const
    {
        return taskId == o.taskId && type == o.type && description == o.description
            && description.isNull() == o.description.isNull() && mandatory == o.mandatory
            && waived == o.waived && lag == o.lag && conditions == o.conditions
            && extra == o.extra && hasMandatory == o.hasMandatory && hasWaived == o.hasWaived
            && hasConditions == o.hasConditions;
    }
    bool operator!=(const Dependency &o) const { return !(*this == o); }
};

} // namespace Workplan
