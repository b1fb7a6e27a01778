#include "jsondomreader.h"

#include "jsonschema.h"

#include "../../twohalves.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <iterator>
#include <thread>

namespace Workplan::JsonFormat {

namespace {

using simdjson::dom::element;
namespace Field = JsonSchema::Field;

// The known fields of one object, named in alphabetical order (the order Qt's reader met
// them in), each with its last value, found in one pass; the others are copied on demand.
template<std::size_t N>
class Fields
{
public:
    Fields(simdjson::dom::object o, const std::string_view (&names)[N]) : m_o(o), m_names(names)
    {
        for (const auto f : o) {
            const auto at = std::find(std::begin(names), std::end(names), f.key);
            if (at == std::end(names)) {
                m_others = true;
                continue;
            }
            const auto i = std::size_t(at - std::begin(names));
            m_value[i] = f.value;
            m_has[i] = true;
        }
    }

    bool has(std::size_t i) const { return m_has[i]; }
    element operator[](std::size_t i) const { return m_value[i]; }

    // Every other field, for the round trip: into `out`, as they come.
    void collectOthers(std::vector<simdjson::dom::key_value_pair> &out) const
    {
        out.clear();
        if (!m_others)
            return;
        for (const auto f : m_o) {
            if (std::find(std::begin(m_names), std::end(m_names), f.key) == std::end(m_names))
                out.push_back(f);
        }
    }

    void copyOthers(const DomValues &values, QJsonObject &extra) const
    {
        if (!m_others)
            return;
        if (!extra.isEmpty()) {
            for (const auto f : m_o) {
                if (std::find(std::begin(m_names), std::end(m_names), f.key) == std::end(m_names))
                    values.insert(extra, f.key, f.value);
            }
            return;
        }
        // Key by key, each unknown field of each dependency went through QJsonObject's
        // insert: most of loading a plan whose dependencies carry a field of their own.
        thread_local std::vector<simdjson::dom::key_value_pair> others;
        others.clear();
        for (const auto f : m_o) {
            if (std::find(std::begin(m_names), std::end(m_names), f.key) == std::end(m_names))
                others.push_back(f);
        }
        extra = values.objectOf(others);
    }

private:
    simdjson::dom::object m_o;
    const std::string_view (&m_names)[N];
    element m_value[N];
    bool m_has[N] = {};
    bool m_others = false;
};

bool isObject(element e) { return e.type() == simdjson::dom::element_type::OBJECT; }
bool isArray(element e) { return e.type() == simdjson::dom::element_type::ARRAY; }
bool isNull(element e) { return e.type() == simdjson::dom::element_type::NULL_VALUE; }
bool isBool(element e) { return e.type() == simdjson::dom::element_type::BOOL; }
simdjson::dom::object asObject(element e) { return e.get_object().value_unsafe(); }

} // namespace

bool DomReader::fail(const QString &id, const QString &problem)
{
    m_taskId = id;
    m_problem = problem;
    return false;
}

bool DomReader::wrongType(const QString &id, const char *field, element v, const char *expected)
{
    return fail(id, QStringLiteral("%1 must be %2, not %3")
                        .arg(QLatin1String(field), QLatin1String(expected), DomValues::typeName(v)));
}

bool DomReader::read(element root, Project &project, ResolvedIds *hints)
{
    simdjson::dom::array tasks;
    bool hasTasks = false;
    if (isArray(root)) {
        tasks = root.get_array().value_unsafe();
        hasTasks = true;
    } else {
        static const std::string_view names[] = {Field::format, Field::project, Field::tasks, Field::version};
        enum { Format, ProjectField, Tasks, Version };
        const Fields f(asObject(root), names);
        if (f.has(Format) && !DomValues::isString(f[Format]))
            return fail(QString(), QStringLiteral("format must be a string, not %1").arg(DomValues::typeName(f[Format])));
        if (f.has(ProjectField)) {
            if (!isObject(f[ProjectField]))
                return fail(QString(), QStringLiteral("project must be an object, not %1").arg(DomValues::typeName(f[ProjectField])));
            if (!readProject(asObject(f[ProjectField]), project))
                return false;
        }
        if (f.has(Tasks)) {
            if (!isArray(f[Tasks]))
                return fail(QString(), QStringLiteral("tasks must be an array, not %1").arg(DomValues::typeName(f[Tasks])));
            tasks = f[Tasks].get_array().value_unsafe();
            hasTasks = true;
        }
        if (f.has(Version)) {
            if (!DomValues::isNumber(f[Version]))
                return fail(QString(), QStringLiteral("version must be a number, not %1").arg(DomValues::typeName(f[Version])));
            const double version = DomValues::toDouble(f[Version]);
            if (version > JsonSchema::kVersion)
                return fail(QString(), QStringLiteral("format version %1 was made by a newer Workplan (this one reads version %2)")
                                           .arg(version).arg(JsonSchema::kVersion));
        }
        f.copyOthers(m_values, project.extra);
    }

    QList<Task> list;
    std::vector<std::uint64_t> idHashes;
    const bool read = !hasTasks || readTasks(tasks, list, hints, idHashes);
    m_idHashes = nullptr;
    if (!read)
        return false;
    project.setTasks(std::move(list), &idHashes);
    return true;
}

bool DomReader::readTasks(simdjson::dom::array tasks, QList<Task> &list, ResolvedIds *hints, std::vector<std::uint64_t> &idHashes)
{
    std::size_t count = tasks.size();
    if (count >= 0xFFFFFF) {   // simdjson's count stops there
        count = 0;
        for (auto it = tasks.begin(); it != tasks.end(); ++it)
            ++count;
    }
    const int n = int(count);
    list.resize(n);
    Task *out = list.data();
    idHashes.assign(count, 0);
    m_idHashes = &idHashes;
    Hints known;
    if (hints) {
        known.parent.assign(std::size_t(n), -1);
        known.depFrom.assign(std::size_t(n), 0);
        m_hints = &known;
        m_depHints.clear();
        m_readerBit = 0;
    }
    if (n < kTwoHalvesFrom || std::thread::hardware_concurrency() < 2) {
        int i = 0;
        for (const element v : tasks) {
            if (!readTask(i + 1, v, out[i])) {
                m_hints = nullptr;
                return false;
            }
            ++i;
        }
        takeHints(list, known, {&m_depHints, nullptr}, hints);
        return true;
    }

    // Making the tasks from the parsed document is most of a load after simdjson's part:
    // a large file's (kTwoHalvesFrom) are read by two readers at once, this one from the
    // front, a second one, with caches of its own, from the back, a chunk at a time, until
    // they meet. Stepping from task to task is a chain of loads across the whole tape, so
    // the second one first steps through all of them for its own index while this one
    // already reads; meeting wherever they do, neither waits for the other at the end.
    // Chunks of 512: the second reader goes backwards from one chunk to the next, and a
    // task's prerequisites, mostly a few dozen tasks up, are known to it (by its id cache)
    // only when read before in the same chunk; the readers meet within a millisecond.
    constexpr int kChunk = 512;
    std::atomic<std::uint64_t> open{std::uint64_t(n)};   // tasks [front, back) unclaimed
    auto claim = [&open](bool fromFront, int &begin, int &end) {
        std::uint64_t was = open.load(std::memory_order_relaxed);
        for (;;) {
            const int front = int(was >> 32), back = int(was & 0xffffffffu);
            if (front >= back)
                return false;
            begin = fromFront ? front : std::max(front, back - kChunk);
            end = fromFront ? std::min(back, front + kChunk) : back;
            const std::uint64_t now = fromFront ? (std::uint64_t(end) << 32 | std::uint64_t(back))
                                                : (std::uint64_t(front) << 32 | std::uint64_t(begin));
            if (open.compare_exchange_weak(was, now, std::memory_order_relaxed))
                return true;
        }
    };
    const DomValues values(m_values.markerBase());
    DomReader second(values);
    second.m_hints = m_hints;   // each task's entries are written by the reader that reads it
    second.m_readerBit = 1;
    second.m_idHashes = m_idHashes;
    std::atomic<bool> failedHere{false};
    bool failedThere = false;
    std::thread worker([&] {
        std::vector<element> items;
        items.reserve(count);
        for (const element v : tasks)
            items.push_back(v);
        int begin = 0, end = 0;
        while (!failedHere.load(std::memory_order_relaxed) && claim(false, begin, end)) {
            for (int i = begin; i < end; ++i) {
                // Chunks come from the back, tasks in a chunk in file order: the first
                // problem met here is the first in file order of all it read.
                if (!second.readTask(i + 1, items[std::size_t(i)], out[i])) {
                    failedThere = true;
                    return;
                }
            }
        }
    });
    auto item = tasks.begin();
    int begin = 0, end = 0;
    bool fine = true;
    while (fine && claim(true, begin, end)) {
        for (int i = begin; i < end && fine; ++i, ++item)   // this reader's chunks follow on
            fine = readTask(i + 1, *item, out[i]);
    }
    failedHere = !fine;
    worker.join();
    m_hints = nullptr;
    if (!fine)
        return false;   // everything before it was read here: the first in file order
    if (failedThere) {
        m_taskId = second.m_taskId;
        m_problem = second.m_problem;
        return false;
    }
    takeHints(list, known, {&m_depHints, &second.m_depHints}, hints);
    return true;
}

void DomReader::takeHints(const QList<Task> &list, Hints &known, std::array<const std::vector<int> *, 2> depHints,
                          ResolvedIds *hints)
{
    m_hints = nullptr;
    if (!hints)
        return;
    hints->parent = std::move(known.parent);
    std::size_t total = 0;
    for (const Task &t : list)
        total += std::size_t(t.dependencies.size());
    hints->depPrereq.resize(total);
    std::size_t k = 0;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const int from = known.depFrom[std::size_t(i)];
        const std::vector<int> &source = *depHints[std::size_t(from & 1)];
        const std::size_t count = std::size_t(list.at(i).dependencies.size());
        std::copy_n(source.begin() + (from >> 1), count, hints->depPrereq.begin() + std::ptrdiff_t(k));
        k += count;
    }
}

bool DomReader::readProject(simdjson::dom::object o, Project &p)
{
    static const std::string_view names[] = {Field::calendar, Field::name};
    enum { Calendar, Name };
    const Fields f(o, names);
    if (f.has(Calendar)) {
        if (!isObject(f[Calendar]))
            return wrongType(QString(), Field::calendar, f[Calendar], "an object");
        static const std::string_view calendarNames[] = {Field::daysPerWeek, Field::hoursPerDay};
        const Fields c(asObject(f[Calendar]), calendarNames);
        double *const targets[] = {&p.calendar.daysPerWeek, &p.calendar.hoursPerDay};
        for (std::size_t i = 0; i < 2; ++i) {
            if (!c.has(i))
                continue;
            if (!DomValues::isNumber(c[i]) || !(DomValues::toDouble(c[i]) > 0))
                return fail(QString(), QStringLiteral("calendar %1 must be a positive number")
                                           .arg(QLatin1String(calendarNames[i].data(), qsizetype(calendarNames[i].size()))));
            *targets[i] = DomValues::toDouble(c[i]);
        }
        c.copyOthers(m_values, p.calendarExtra);   // §6's fields and unknown ones, kept (§1)
    }
    if (f.has(Name)) {
        if (!DomValues::isString(f[Name]))
            return wrongType(QString(), "project name", f[Name], "a string");
        p.name = m_values.text(DomValues::string(f[Name]));
    }
    f.copyOthers(m_values, p.projectExtra);   // start, resources, unknown fields
    return true;
}

DomReader::Shared &DomReader::slotOf(std::string_view text)
{
    // Eight bytes a step (ids are tens of bytes, and share long prefixes and suffixes);
    // the slot keeps the hash, so a different text of the same length is told apart
    // without reading the earlier text again (most of this cache's time byte by byte).
    std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ text.size();
    const char *p = text.data();
    std::size_t left = text.size();
    for (; left >= 8; left -= 8, p += 8) {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        h = (h ^ v) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
    }
    if (left > 0) {
        std::uint64_t v = 0;
        std::memcpy(&v, p, left);
        h = (h ^ v) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
    }
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 29;
    Shared &slot = m_shared[(h >> 32) % m_shared.size()];
    if (!(slot.hash == h && slot.text.data() && slot.text == text)) {
        slot.text = text;
        slot.hash = h;
        slot.string = m_values.text(text);
        slot.task = -1;
    }
    return slot;
}

QString DomReader::shared(std::string_view text)
{
    return slotOf(text).string;
}

QString DomReader::sharedId(std::string_view text, int index)
{
    Shared &slot = slotOf(text);
    slot.task = index;   // a repeated id: the later task, as the id index keeps it
    return slot.string;
}

QString DomReader::sharedRef(std::string_view text, int *index)
{
    const Shared &slot = slotOf(text);
    *index = slot.task;
    return slot.string;
}

bool DomReader::readTask(int number, element value, Task &t)
{
    if (!isObject(value))
        return fail(QString(), QStringLiteral("task #%1 must be an object, not %2").arg(number).arg(DomValues::typeName(value)));
    static const std::string_view names[] = {Field::attributes, Field::dependencies, Field::lifecycleStage,
                                             Field::parentTaskId, Field::position, Field::status,
                                             Field::taskId, Field::taskType};
    enum { Attributes, Dependencies, LifecycleStage, ParentTaskId, Position, StatusField, TaskId, TaskType };
    const Fields f(asObject(value), names);
    if (!f.has(TaskId))
        return fail(QString(), QStringLiteral("task #%1 has no task_id").arg(number));
    if (!DomValues::isString(f[TaskId]))
        return fail(QString(), QStringLiteral("task #%1: task_id must be a string, not %2")
                                   .arg(number).arg(DomValues::typeName(f[TaskId])));
    t.id = sharedId(DomValues::string(f[TaskId]), number - 1);
    if (t.id.isEmpty())
        return fail(QString(), QStringLiteral("task #%1 has an empty task_id").arg(number));
    if (m_idHashes)
        (*m_idHashes)[std::size_t(number - 1)] = IdIndex::hashOf(t.id);

    t.hasParentField = t.hasStatus = t.hasLifecycle = t.hasAttributes = t.hasDependencies = false;
    if (f.has(Attributes)) {
        if (!isObject(f[Attributes]))
            return wrongType(t.id, Field::attributes, f[Attributes], "an object");
        t.attributes = m_values.attributes(asObject(f[Attributes]));
        t.hasAttributes = true;
    }
    if (f.has(Dependencies)) {
        if (!isArray(f[Dependencies]))
            return wrongType(t.id, Field::dependencies, f[Dependencies], "an array");
        const auto deps = f[Dependencies].get_array().value_unsafe();
        t.dependencies.reserve(qsizetype(deps.size()));
        if (m_hints)
            m_hints->depFrom[std::size_t(number - 1)] = int(m_depHints.size()) << 1 | m_readerBit;
        int i = 0;
        for (const element dv : deps) {
            Dependency d;
            if (!readDependency(t.id, ++i, dv, d))
                return false;
            t.dependencies.append(std::move(d));
        }
        t.hasDependencies = true;
    }
    if (f.has(LifecycleStage)) {
        const element v = f[LifecycleStage];
        if (!DomValues::isString(v))
            return wrongType(t.id, Field::lifecycleStage, v, "a string");
        const auto l = m_values.withView(DomValues::string(v), [](QStringView s) { return lifecycleFromString(s); });
        if (!l)
            return fail(t.id, QStringLiteral("unknown lifecycle_stage '%1'").arg(m_values.text(DomValues::string(v))));
        t.lifecycle = *l;
        t.hasLifecycle = true;
    }
    if (f.has(ParentTaskId)) {
        const element v = f[ParentTaskId];
        if (!DomValues::isString(v) && !isNull(v))
            return wrongType(t.id, Field::parentTaskId, v, "a string or null");
        t.hasParentField = true;
        if (DomValues::isString(v)) {
            int known = -1;
            t.parentId = sharedRef(DomValues::string(v), &known);
            if (m_hints)
                m_hints->parent[std::size_t(number - 1)] = known;
            if (t.parentId.isEmpty())
                return fail(t.id, QStringLiteral("parent_task_id is empty"));
        }
    }
    if (f.has(Position)) {
        static const std::string_view xy[] = {Field::x, Field::y};
        auto refused = [&] { return fail(t.id, QStringLiteral("position must be an object with numbers x and y")); };
        if (!isObject(f[Position]))
            return refused();
        const Fields p(asObject(f[Position]), xy);
        if (!p.has(0) || !p.has(1) || !DomValues::isNumber(p[0]) || !DomValues::isNumber(p[1]))
            return refused();
        t.position = QPointF(DomValues::toDouble(p[0]), DomValues::toDouble(p[1]));
        t.hasPosition = true;
    }
    if (f.has(StatusField)) {
        const element v = f[StatusField];
        if (!DomValues::isString(v))
            return wrongType(t.id, Field::status, v, "a string");
        const auto st = m_values.withView(DomValues::string(v), [](QStringView s) { return statusFromString(s); });
        if (!st)
            return fail(t.id, QStringLiteral("unknown status '%1'").arg(m_values.text(DomValues::string(v))));
        t.status = *st;
        t.hasStatus = true;
    }
    if (f.has(TaskType)) {
        if (!DomValues::isString(f[TaskType]))
            return wrongType(t.id, Field::taskType, f[TaskType], "a string");
        t.type = shared(DomValues::string(f[TaskType]));
        if (t.type.isEmpty())
            return fail(t.id, QStringLiteral("task_type is empty"));
    }
    f.collectOthers(m_others);   // §7's resources, unknown fields: kept compact
    t.extra = m_values.attributesOf(m_others);
    if (!f.has(TaskType))
        return fail(t.id, QStringLiteral("has no task_type"));
    return true;
}

bool DomReader::readDependency(const QString &owner, int number, element value, Dependency &d)
{
    if (!isObject(value))
        return fail(owner, QStringLiteral("dependency #%1 must be an object, not %2").arg(number).arg(DomValues::typeName(value)));
    static const std::string_view names[] = {Field::conditions, Field::dependencyTaskId, Field::dependencyType,
                                             Field::description, Field::isMandatory, Field::lag, Field::waived};
    enum { Conditions, TaskId, Type, Description, IsMandatory, Lag, Waived };
    const Fields f(asObject(value), names);
    if (f.has(Conditions)) {
        if (!isObject(f[Conditions]))
            return wrongType(owner, Field::conditions, f[Conditions], "an object");
        d.conditions = m_values.object(asObject(f[Conditions]));
        d.hasConditions = true;
    }
    if (f.has(TaskId)) {
        if (!DomValues::isString(f[TaskId]))
            return wrongType(owner, Field::dependencyTaskId, f[TaskId], "a string");
        int known = -1;
        d.taskId = sharedRef(DomValues::string(f[TaskId]), &known);
        if (m_hints)
            m_depHints.push_back(known);   // one per dependency read (a missing id fails the load)
    }
    if (f.has(Type)) {
        const element v = f[Type];
        if (!DomValues::isString(v))
            return wrongType(owner, Field::dependencyType, v, "a string");
        const auto type = m_values.withView(DomValues::string(v), [](QStringView s) { return dependencyTypeFromString(s); });
        if (!type)
            return fail(owner, QStringLiteral("unknown dependency_type '%1'").arg(m_values.text(DomValues::string(v))));
        d.type = *type;
    }
    if (f.has(Description)) {
        if (!DomValues::isString(f[Description]))
            return wrongType(owner, Field::description, f[Description], "a string");
        d.description = m_values.text(DomValues::string(f[Description]));
        if (d.description.isNull())   // given, though empty: not the null of "absent"
            d.description = QLatin1String("");
    }
    if (f.has(IsMandatory)) {
        if (!isBool(f[IsMandatory]))
            return wrongType(owner, Field::isMandatory, f[IsMandatory], "a boolean");
        d.mandatory = f[IsMandatory].get_bool().value_unsafe();
        d.hasMandatory = true;
    }
    if (f.has(Lag)) {
        if (!DomValues::isString(f[Lag]) && !DomValues::isNumber(f[Lag]))
            return wrongType(owner, Field::lag, f[Lag], "an effort text or a number of hours");
        d.lag = m_values.value(f[Lag]);
    }
    if (f.has(Waived)) {
        if (!isBool(f[Waived]))
            return wrongType(owner, Field::waived, f[Waived], "a boolean");
        d.waived = f[Waived].get_bool().value_unsafe();
        d.hasWaived = true;
    }
    // Kept compact as a task's unknown fields are: one field of its own on each of 100k
    // dependencies, made a QJsonObject key by key, was most of loading such a plan.
    f.collectOthers(m_others);
    d.extra = m_values.attributesOf(m_others);
    if (!f.has(TaskId))
        return fail(owner, QStringLiteral("dependency #%1 has no dependency_task_id").arg(number));
    return true;
}

} // namespace Workplan::JsonFormat
