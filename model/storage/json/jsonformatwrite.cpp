#include "jsonformat.h"

#include "../atomicfile.h"
#include "jsonschema.h"
#include "jsonwriter.h"

namespace Workplan::JsonFormat {

namespace {

// Unknown fields, kept compact on a task or a dependency, written back as members of the
// object being written, in the order Qt's reader would give them.
void writeExtra(JsonWriter &w, const Attributes &extra)
{
    const QJsonObject members = extra.toObject();
    for (auto it = members.constBegin(); it != members.constEnd(); ++it) {
        w.key(it.key());
        w.json(it.value());
    }
}

} // namespace

QByteArray write(const Project &project)
{
    JsonWriter w(2);
    w.beginObject();
    w.key(JsonSchema::Field::format);
    w.value(JsonSchema::kFormatName);
    w.key(JsonSchema::Field::version);
    w.integer(JsonSchema::kVersion);
    w.key(JsonSchema::Field::project);
    w.beginObject();
    w.key(JsonSchema::Field::name);
    w.value(project.name);
    w.key(JsonSchema::Field::calendar);
    w.beginObject();
    w.key(JsonSchema::Field::hoursPerDay);
    w.number(project.calendar.hoursPerDay);
    w.key(JsonSchema::Field::daysPerWeek);
    w.number(project.calendar.daysPerWeek);
    for (auto it = project.calendarExtra.constBegin(); it != project.calendarExtra.constEnd(); ++it) {
        w.key(it.key());
        w.json(it.value());
    }
    w.endObject();
    for (auto it = project.projectExtra.constBegin(); it != project.projectExtra.constEnd(); ++it) {
        w.key(it.key());
        w.json(it.value());
    }
    w.endObject();
    for (auto it = project.extra.constBegin(); it != project.extra.constEnd(); ++it) {
        w.key(it.key());
        w.json(it.value());
    }
    w.key(JsonSchema::Field::tasks);
    w.beginArray();
    for (const Task &t : project.tasks()) {
        w.beginObject();
        w.key(JsonSchema::Field::taskId);
        w.value(t.id);
        w.key(JsonSchema::Field::taskType);
        w.value(t.type);
        if (t.hasParentField || !t.parentId.isEmpty()) {
            w.key(JsonSchema::Field::parentTaskId);
            if (t.parentId.isEmpty())
                w.null();
            else
                w.value(t.parentId);
        }
        if (t.hasStatus || t.status != Status::Draft) {
            w.key(JsonSchema::Field::status);
            w.value(toString(t.status));
        }
        if (t.hasLifecycle || t.lifecycle != Lifecycle::Created) {
            w.key(JsonSchema::Field::lifecycleStage);
            w.value(toString(t.lifecycle));
        }
        if (t.hasAttributes || !t.attributes.isEmpty()) {
            w.key(JsonSchema::Field::attributes);
            w.json(t.attributes);
        }
        if (t.hasDependencies || !t.dependencies.isEmpty()) {
            w.key(JsonSchema::Field::dependencies);
            w.beginArray();
            for (const Dependency &d : t.dependencies) {
                w.beginObject();
                w.key(JsonSchema::Field::dependencyTaskId);
                w.value(d.taskId);
                w.key(JsonSchema::Field::dependencyType);
                w.value(toString(d.type));
                if (!d.description.isNull()) {
                    w.key(JsonSchema::Field::description);
                    w.value(d.description);
                }
                if (d.hasMandatory || !d.mandatory) {
                    w.key(JsonSchema::Field::isMandatory);
                    w.value(d.mandatory);
                }
                if (d.hasWaived || d.waived) {
                    w.key(JsonSchema::Field::waived);
                    w.value(d.waived);
                }
                if (!d.lag.isUndefined() && !d.lag.isNull()) {
                    w.key(JsonSchema::Field::lag);
                    w.json(d.lag);
                }
                if (d.hasConditions || !d.conditions.isEmpty()) {
                    w.key(JsonSchema::Field::conditions);
                    w.json(d.conditions);
                }
                writeExtra(w, d.extra);
                w.endObject();
            }
            w.endArray();
        }
        if (t.hasPosition) {
            w.key(JsonSchema::Field::position);
            w.beginObject();
            w.key(JsonSchema::Field::x);
            w.number(t.position.x());
            w.key(JsonSchema::Field::y);
            w.number(t.position.y());
            w.endObject();
        }
        writeExtra(w, t.extra);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    QByteArray out = w.take();
    out += '\n';
    return out;
}

bool writeFile(const Project &project, const QString &path, QString *error)
{
    QString why;
    if (AtomicFile::replaceWith(path, write(project), &why))
        return true;
    if (error)
        *error = QStringLiteral("%1: cannot write: %2").arg(path, why);
    return false;
}

} // namespace Workplan::JsonFormat
