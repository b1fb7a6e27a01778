#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "../../project.h"
#include "jsondom.h"

#include <QString>

namespace Workplan::JsonFormat {

// Reads a parsed interchange file (§1) into `project`, checking each field's JSON type.
// Fields are checked in the order Qt's reader met them (alphabetical, as QJsonObject keeps
// them), a repeated key counts with its last value, so the first error is the one
// Workplan always reported. On an error returns false with the task and the problem.
class DomReader
{
public:
    explicit DomReader(const DomValues &values) : m_values(values) {}

    bool read(simdjson::dom::element root, Project &project);

    const QString &taskId() const { return m_taskId; }
    const QString &problem() const { return m_problem; }

private:
    bool fail(const QString &id, const QString &problem);
    bool wrongType(const QString &id, const char *field, simdjson::dom::element v, const char *expected);
    bool readProject(simdjson::dom::object o, Project &p);
    bool readTasks(simdjson::dom::array tasks, QList<Task> &list);
    bool readTask(int number, simdjson::dom::element value, Task &t);
    bool readDependency(const QString &owner, int number, simdjson::dom::element value, Dependency &d);

    // Ids and types as QStrings shared with an earlier use of the same text: siblings name
    // one parent, a dependency mostly names a task a few lines up, and a plan has a handful
    // of task types. A direct-mapped cache over the parsed text (alive while reading): on a
    // million-task file, a million fewer strings at the load's peak of memory.
    QString shared(std::string_view text);
    struct Shared
    {
        std::string_view text;
        QString string;
    };
    std::array<Shared, 1024> m_shared;
    std::vector<simdjson::dom::key_value_pair> m_others;   // a task's or a dependency's unknown fields

    const DomValues &m_values;
    QString m_taskId;
    QString m_problem;
};

} // namespace Workplan::JsonFormat
