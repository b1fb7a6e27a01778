#pragma once

#include "../../task.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Workplan::PostgresRows {

// The task rows of schema versions 2 and 3, written by a publish (all of a project's) and by
// each TeamSync edit (the rows it touched), and read back from the `task_json` view, the
// change log or published_rows, which hold exactly what that view gives.

struct Row
{
    const Task *task;
    double ord;      // the place in the project's order (ties: task id)
};

// Inserts the rows and their dependencies, each row marked as written by change `version`,
// by `who` (null: the session's user). The rows must not be there (a caller deletes what
// it rewrites). By COPY where the driver's libpq allows it (postgresconnection.h), else as
// statements of up to 10,000 rows, each sent as one JSON array (json_to_recordset).
bool insert(const QSqlDatabase &db, qint64 projectId, const QList<Row> &rows, qint64 version,
            const QString &who, QString *problem);

// For tests: false makes insert() take the JSON statements where COPY is available too.
void setCopyAllowed(bool allowed);

// One `task_json` object back into a Task, with the same checks and presence-flag rules as
// a fetch (postgresfetch.cpp). False with *problem naming what is wrong.
bool decode(const QJsonObject &row, Task *task, double *ord, QString *problem);

// The compact JSON text of an object, in QJsonObject's key order.
QString objectText(const QJsonObject &o);

} // namespace Workplan::PostgresRows
