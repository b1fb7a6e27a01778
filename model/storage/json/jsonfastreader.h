#pragma once

#include "../../project.h"

#include <optional>

namespace Workplan::JsonFormat {

// The fast path of JsonFormat::read for well-formed files of the usual shape: it reads the
// document straight into Tasks (and the project fields into `project`), and gives up with
// nullopt on anything outside its subset. JsonFormat::read then runs Qt's reader on the
// same bytes, so every error message comes from one place.
std::optional<QList<Task>> readFast(const char *begin, const char *end, Project &project);

} // namespace Workplan::JsonFormat
