#include "tasksearch.h"

#include "project.h"

namespace Workplan {

QStringList findTasks(const Project &project, const QString &text)
{
    const QString needle = text.trimmed();
    QStringList ids;
    if (needle.isEmpty())
        return ids;
    for (int i = 0; i < project.taskCount(); ++i) {
        const Task &t = project.task(i);
        // title() falls back to the id, so the id is tested on its own.
        if (t.id.contains(needle, Qt::CaseInsensitive) || t.title().contains(needle, Qt::CaseInsensitive))
            ids.append(t.id);
    }
    return ids;
}

} // namespace Workplan
