#include "jsonformat.h"

#include "../jsonwriter.h"

#include <QSaveFile>

namespace Workplan::JsonFormat {

QByteArray write(const Project &project)
{
    JsonWriter w(2);
    w.beginObject();
    w.key("format");
    w.value("workplan");
    w.key("version");
    w.integer(kVersion);
    w.key("project");
    w.beginObject();
    w.key("name");
    w.value(project.name);
    w.key("calendar");
    w.beginObject();
    w.key("hours_per_day");
    w.number(project.calendar.hoursPerDay);
    w.key("days_per_week");
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
    w.key("tasks");
    w.beginArray();
    for (const Task &t : project.tasks()) {
        w.beginObject();
        w.key("task_id");
        w.value(t.id);
        w.key("task_type");
        w.value(t.type);
        if (t.hasParentField || !t.parentId.isEmpty()) {
            w.key("parent_task_id");
            if (t.parentId.isEmpty())
                w.null();
            else
                w.value(t.parentId);
        }
        if (t.hasStatus || t.status != Status::Draft) {
            w.key("status");
            w.value(toString(t.status));
        }
        if (t.hasLifecycle || t.lifecycle != Lifecycle::Created) {
            w.key("lifecycle_stage");
            w.value(toString(t.lifecycle));
        }
        if (t.hasAttributes || !t.attributes.isEmpty()) {
            w.key("attributes");
            w.json(t.attributes);
        }
        if (t.hasDependencies || !t.dependencies.isEmpty()) {
            w.key("dependencies");
            w.beginArray();
            for (const Dependency &d : t.dependencies) {
                w.beginObject();
                w.key("dependency_task_id");
                w.value(d.taskId);
                w.key("dependency_type");
                w.value(toString(d.type));
                if (!d.description.isNull()) {
                    w.key("description");
                    w.value(d.description);
                }
                if (d.hasMandatory || !d.mandatory) {
                    w.key("is_mandatory");
                    w.value(d.mandatory);
                }
                if (d.hasWaived || d.waived) {
                    w.key("waived");
                    w.value(d.waived);
                }
                if (!d.lag.isUndefined() && !d.lag.isNull()) {
                    w.key("lag");
                    w.json(d.lag);
                }
                if (d.hasConditions || !d.conditions.isEmpty()) {
                    w.key("conditions");
                    w.json(d.conditions);
                }
                for (auto it = d.extra.constBegin(); it != d.extra.constEnd(); ++it) {
                    w.key(it.key());
                    w.json(it.value());
                }
                w.endObject();
            }
            w.endArray();
        }
        if (t.hasPosition) {
            w.key("position");
            w.beginObject();
            w.key("x");
            w.number(t.position.x());
            w.key("y");
            w.number(t.position.y());
            w.endObject();
        }
        for (auto it = t.extra.constBegin(); it != t.extra.constEnd(); ++it) {
            w.key(it.key());
            w.json(it.value());
        }
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
    QSaveFile file(path);
    // Unbuffered: a failed write is seen here; commit() ignores a failed final flush.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    // A full disk shows as a short write with no error set (Qt reports errno only when
    // nothing was written), and commit() would then rename the truncated file over the
    // original: write the rest until it is all out or the write fails with the reason.
    const QByteArray bytes = write(project);
    for (qint64 done = 0; done < bytes.size();) {
        const qint64 n = file.write(bytes.constData() + done, bytes.size() - done);
        if (n <= 0) {
            file.cancelWriting();
            if (error)
                *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
            return false;
        }
        done += n;
    }
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace Workplan::JsonFormat
