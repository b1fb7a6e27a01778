#pragma once

#include "attributes.h"
#include "vocabulary.h"

#include <QHashFunctions>
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
    Attributes extra;             // unknown fields, written back on export (compact, as a task's)

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

// Which dependency: the contract makes (owner, prerequisite, type) unique, so unlike the
// position in the owner's list it still names the same dependency after others come and
// go (an earlier one deleted, an undo, another editor's change). A change of the type or
// the prerequisite makes it another dependency, with another key.
struct DependencyKey
{
    QString ownerId;          // the task that waits
    QString prerequisiteId;   // the task it waits for
    DependencyType type = DependencyType::Completion;

    static DependencyKey of(const QString &ownerId, const Dependency &dependency)
    {
        return {ownerId, dependency.taskId, dependency.type};
    }
    bool isNull() const { return ownerId.isEmpty(); }
    // Whether `dependency` of `owner` is the one this key names.
    bool names(const QString &owner, const Dependency &dependency) const
    {
        return owner == ownerId && dependency.taskId == prerequisiteId && dependency.type == type;
    }
    bool operator==(const DependencyKey &o) const
    {
        return ownerId == o.ownerId && prerequisiteId == o.prerequisiteId && type == o.type;
    }
    bool operator!=(const DependencyKey &o) const { return !(*this == o); }
};

inline size_t qHash(const DependencyKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.ownerId, key.prerequisiteId, int(key.type));
}

} // namespace Workplan
