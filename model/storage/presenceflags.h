#pragma once

#include "../task.h"

#include <QList>

namespace Workplan {

// The database formats (.workplan, PostgreSQL) store each "was this field spelled out"
// flag beside its value. A flag only records that JSON spelled out a default; a row that
// says "absent" next to a value (damaged, hand-edited) means present, as JSON would. This
// settles the flags after the rows are read. `withAttributes`: settle hasAttributes too (the
// .workplan reader does it when it joins the attributes in).
void settlePresenceFlags(QList<Task> &tasks, bool withAttributes);

} // namespace Workplan
