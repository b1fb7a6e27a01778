#pragma once

// The interchange file's vocabulary (§1), in one place: the reader (jsondomreader.cpp)
// and the writer (jsonformatwrite.cpp) spell every field through these names.
namespace Workplan::JsonSchema {

// The file version this build writes; a file of a higher version is refused.
constexpr int kVersion = 1;
// The value of the top-level "format" field.
constexpr char kFormatName[] = "workplan";

namespace Field {
// Top level.
constexpr char format[] = "format";
constexpr char version[] = "version";
constexpr char project[] = "project";
constexpr char tasks[] = "tasks";
// "project" and its "calendar".
constexpr char name[] = "name";
constexpr char calendar[] = "calendar";
constexpr char hoursPerDay[] = "hours_per_day";
constexpr char daysPerWeek[] = "days_per_week";
// A task.
constexpr char taskId[] = "task_id";
constexpr char taskType[] = "task_type";
constexpr char parentTaskId[] = "parent_task_id";
constexpr char status[] = "status";
constexpr char lifecycleStage[] = "lifecycle_stage";
constexpr char attributes[] = "attributes";
constexpr char dependencies[] = "dependencies";
constexpr char position[] = "position";
constexpr char x[] = "x";
constexpr char y[] = "y";
// A dependency.
constexpr char dependencyTaskId[] = "dependency_task_id";
constexpr char dependencyType[] = "dependency_type";
constexpr char description[] = "description";
constexpr char isMandatory[] = "is_mandatory";
constexpr char waived[] = "waived";
constexpr char lag[] = "lag";
constexpr char conditions[] = "conditions";
} // namespace Field

} // namespace Workplan::JsonSchema
