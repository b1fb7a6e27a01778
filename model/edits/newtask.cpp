#include "newtask.h"

#include "model/projectdocument.h"

#include <QCoreApplication>

namespace Workplan {

QString typeDisplayName(const QString &type)
{
    QStringList words = type.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    for (QString &w : words)
        w[0] = w.at(0).toUpper();
    return words.join(QLatin1Char(' '));
}

QString newTaskTitle(const QString &type)
{
    return QCoreApplication::translate("Workplan", "New %1").arg(typeDisplayName(type));
}

Task newTask(const ProjectDocument &document, const QString &type, const QString &parentId)
{
    Task t;
    t.type = type.isEmpty() ? QStringLiteral("specialist_task") : type;
    t.id = document.uniqueTaskId(t.type);
    t.parentId = parentId;
    t.attributes.insert(QStringLiteral("title"), newTaskTitle(t.type));
    return t;
}

} // namespace Workplan
