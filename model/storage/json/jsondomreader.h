#pragma once

#include <array>
#include <cstdint>
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

    // With `hints`, also what the reader already knows of each parent's and prerequisite's
    // index (-1: look it up), in ResolvedIds' order, for validateProject() to start from:
    // an id read from the text of a task's own id names that task without any look-up.
    bool read(simdjson::dom::element root, Project &project, ResolvedIds *hints = nullptr);

    const QString &taskId() const { return m_taskId; }
    const QString &problem() const { return m_problem; }

private:
    bool fail(const QString &id, const QString &problem);
    bool wrongType(const QString &id, const char *field, simdjson::dom::element v, const char *expected);
    bool readProject(simdjson::dom::object o, Project &p);
    bool readTasks(simdjson::dom::array tasks, QList<Task> &list, ResolvedIds *hints, std::vector<std::uint64_t> &idHashes);
    bool readTask(int number, simdjson::dom::element value, Task &t);
    bool readDependency(const QString &owner, int number, simdjson::dom::element value, Dependency &d);

    // Ids and types as QStrings shared with an earlier use of the same text: siblings name
    // one parent, a dependency mostly names a task a few lines up, and a plan has a handful
    // of task types. A direct-mapped cache over the parsed text (alive while reading): on a
    // million-task file, a million fewer strings at the load's peak of memory.
    QString shared(std::string_view text);
    // The same for a task's own id (task `index` is known by it from now on), and for a
    // reference to one: `index` is then the task's when it is known, else -1.
    QString sharedId(std::string_view text, int index);
    QString sharedRef(std::string_view text, int *index);
    struct Shared
    {
        std::string_view text;
        std::uint64_t hash = 0;
        QString string;
        int task = -1;   // the index of the task this text is the id of, if read here
    };
    Shared &slotOf(std::string_view text);
    std::array<Shared, 1024> m_shared;

    // What the two readers know of the ids (read(..., hints)): per task its parent's index
    // and where its prerequisites' indices start in its reader's list (offset << 1 | reader).
    struct Hints
    {
        std::vector<int> parent;
        std::vector<int> depFrom;
    };
    // Each task's IdIndex::hashOf(id), made as the id is (its text at hand): the project's
    // index is then placed, not hashed again over ids scattered by then.
    std::vector<std::uint64_t> *m_idHashes = nullptr;
    Hints *m_hints = nullptr;
    // `known` and the readers' lists into `hints`, in ResolvedIds' order.
    void takeHints(const QList<Task> &list, Hints &known, std::array<const std::vector<int> *, 2> depHints, ResolvedIds *hints);
    int m_readerBit = 0;
    std::vector<int> m_depHints;   // this reader's, in its reading order
    std::vector<simdjson::dom::key_value_pair> m_others;   // a task's or a dependency's unknown fields

    const DomValues &m_values;
    QString m_taskId;
    QString m_problem;
};

} // namespace Workplan::JsonFormat
