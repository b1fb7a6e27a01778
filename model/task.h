#pragma once

#include "attributes.h"
#include "dependency.h"
#include "vocabulary.h"

#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QString>

namespace Workplan {

// A plain value: the document owns every Task, commands change them.
struct Task
{
    QString id;
    QString type;
    QString parentId;             // empty: a top-level task
    Status status = Status::Draft;
    Lifecycle lifecycle = Lifecycle::Created;
    Attributes attributes;        // any JSON values, types kept (attributes.h)
    QList<Dependency> dependencies;
    QPointF position;
    bool hasPosition = false;
    Attributes extra;             // unknown task fields, kept for the round trip (compact)

    // Which optional fields the source spelled out, so export writes back what it read.
    bool hasParentField = true;   // `parent_task_id` present (null or string)
    bool hasStatus = true;
    bool hasLifecycle = true;
    bool hasAttributes = true;
    bool hasDependencies = true;

    QString title() const
    {
        const QString t = attributes.value(QLatin1String("title")).toString();
        return t.isEmpty() ? id : t;
    }

    bool operator==(const Task &o) const
    {
        return id == o.id && type == o.type && parentId == o.parentId && status == o.status
            && lifecycle == o.lifecycle && attributes == o.attributes
            && dependencies == o.dependencies && hasPosition == o.hasPosition
            && (!hasPosition || position == o.position) && extra == o.extra
            && hasParentField == o.hasParentField && hasStatus == o.hasStatus
            && hasLifecycle == o.hasLifecycle && hasAttributes == o.hasAttributes
            && hasDependencies == o.hasDependencies;
    }
    bool operator!=(const Task &o) const { return !(*this == o); }
};

} // namespace Workplan
