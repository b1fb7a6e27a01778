#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Workplan {

// The closed vocabularies of the contract (§1). Enum order is the contract's order,
// so the string tables below index straight into it.
enum class Status : quint8 {
    Draft, Pending, Active, InProgress, Blocked, Review,
    Approved, Completed, Failed, Cancelled, Archived
};

enum class Lifecycle : quint8 {
    Draft, Created, Planning, Ready, Active, Blocked,
    Review, Completed, Failed, Archived, Superseded
};

enum class DependencyType : quint8 {
    Completion, Data, Approval, Prerequisite, Blocks, Related
};

// §3: DONE, DEAD, OPEN.
enum class StatusClass : quint8 { Open, Done, Dead };

QString toString(Status s);
QString toString(Lifecycle l);
QString toString(DependencyType t);

std::optional<Status> statusFromString(QStringView s);
std::optional<Lifecycle> lifecycleFromString(QStringView s);
// Accepts the legacy alias `information` for `data`.
std::optional<DependencyType> dependencyTypeFromString(QStringView s);

QStringList allStatusNames();
QStringList allLifecycleNames();
QStringList allDependencyTypeNames();

// Inline: the engine asks it for every task and dependency.
constexpr StatusClass statusClass(Status s)
{
    switch (s) {
    case Status::Completed:
    case Status::Approved:
    case Status::Archived:
        return StatusClass::Done;
    case Status::Cancelled:
    case Status::Failed:
        return StatusClass::Dead;
    default:
        return StatusClass::Open;
    }
}

// Completion, data, approval and blocks hold work back; prerequisite and related never do.
constexpr bool isBlockingType(DependencyType t)
{
    return t == DependencyType::Completion || t == DependencyType::Data
        || t == DependencyType::Approval || t == DependencyType::Blocks;
}

// The inspector only offers these moves (issue #4); the file format accepts any stage.
bool isAllowedLifecycleTransition(Lifecycle from, Lifecycle to);

} // namespace Workplan
