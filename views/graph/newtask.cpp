#include "newtask.h"

#include "model/projectdocument.h"

namespace Workplan {

Task makeNewTask(const ProjectDocument &document, const QString &type, const QString &parentId)
{
    Task t;
    t.type = type.isEmpty() ? QStringLiteral("specialist_task") : type;
    t.id = document.uniqueTaskId(t.type);
    t.parentId = parentId;
    QStringList words = t.type.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    if (!words.isEmpty())
        words[0][0] = words[0][0].toUpper();
    t.attributes.insert(QStringLiteral("title"), QObject::tr("New %1").arg(words.join(QLatin1Char(' '))));
    return t;
}

} // namespace Workplan
