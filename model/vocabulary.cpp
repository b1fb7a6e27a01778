#include "vocabulary.h"

#include <array>

namespace Workplan {

namespace {

constexpr std::array<const char *, 11> kStatusNames = {
    "draft", "pending", "active", "in_progress", "blocked", "review",
    "approved", "completed", "failed", "cancelled", "archived"};

constexpr std::array<const char *, 11> kLifecycleNames = {
    "draft", "created", "planning", "ready", "active", "blocked",
    "review", "completed", "failed", "archived", "superseded"};

constexpr std::array<const char *, 6> kDependencyTypeNames = {
    "completion", "data", "approval", "prerequisite", "blocks", "related"};

template<typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<const char *, N> &names, QStringView s)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (s == QLatin1String(names[i]))
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}

template<std::size_t N>
QStringList toList(const std::array<const char *, N> &names)
{
    QStringList out;
    out.reserve(int(N));
    for (const char *n : names)
        out << QLatin1String(n);
    return out;
}

} // namespace

QString toString(Status s) { return QLatin1String(kStatusNames[std::size_t(s)]); }
QString toString(Lifecycle l) { return QLatin1String(kLifecycleNames[std::size_t(l)]); }
QString toString(DependencyType t) { return QLatin1String(kDependencyTypeNames[std::size_t(t)]); }

std::optional<Status> statusFromString(QStringView s) { return lookup<Status>(kStatusNames, s); }
std::optional<Lifecycle> lifecycleFromString(QStringView s) { return lookup<Lifecycle>(kLifecycleNames, s); }

std::optional<DependencyType> dependencyTypeFromString(QStringView s)
{
    if (s == QLatin1String("information"))
        return DependencyType::Data;
    return lookup<DependencyType>(kDependencyTypeNames, s);
}

QStringList allStatusNames() { return toList(kStatusNames); }
QStringList allLifecycleNames() { return toList(kLifecycleNames); }
QStringList allDependencyTypeNames() { return toList(kDependencyTypeNames); }

bool isAllowedLifecycleTransition(Lifecycle from, Lifecycle to)
{
    using L = Lifecycle;
    if (from == to)
        return true;
    switch (from) {
    case L::Created: return to == L::Planning || to == L::Ready || to == L::Active || to == L::Archived;
    case L::Planning: return to == L::Ready || to == L::Blocked || to == L::Archived;
    case L::Ready: return to == L::Active || to == L::Blocked || to == L::Archived;
    case L::Active:
        return to == L::Blocked || to == L::Review || to == L::Completed || to == L::Failed
            || to == L::Archived;
    case L::Blocked: return to == L::Ready || to == L::Active || to == L::Failed || to == L::Archived;
    case L::Review: return to == L::Active || to == L::Completed || to == L::Failed || to == L::Archived;
    case L::Completed:
    case L::Failed: return to == L::Archived || to == L::Superseded;
    case L::Superseded: return to == L::Archived;
    case L::Draft: return to == L::Ready || to == L::Archived;
    case L::Archived: return false;
    }
    return false;
}

} // namespace Workplan
