#include "inspectormulti.h"

#include "taskfactory.h"

#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSet>

namespace Workplan {

InspectorMulti::InspectorMulti(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_count(new QLabel(this))
    , m_status(new QComboBox(this))
    , m_type(new QComboBox(this))
{
    setObjectName(QStringLiteral("inspectorMulti"));
    m_count->setObjectName(QStringLiteral("selectionCount"));
    m_status->setAccessibleName(tr("Status of the selected tasks"));
    m_type->setAccessibleName(tr("Type of the selected tasks"));
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(m_count);
    form->addRow(tr("Status"), m_status);
    form->addRow(tr("Type"), m_type);

    // activated: only what the user picks writes; filling the combos never does.
    connect(m_status, &QComboBox::activated, this, &InspectorMulti::applyStatus);
    connect(m_type, &QComboBox::activated, this, &InspectorMulti::applyType);
    connect(document, &ProjectDocument::tasksChanged, this, [this](const QStringList &ids) {
        for (const QString &id : ids) {
            if (m_ids.contains(id))
                return scheduleRefresh();
        }
    });
    connect(document, &ProjectDocument::projectReset, this, &InspectorMulti::scheduleRefresh);
}

QString InspectorMulti::mixedText()
{
    return tr("\u2014 (mixed)");
}

void InspectorMulti::setTaskIds(const QStringList &ids)
{
    m_ids = ids;
    refresh();
}

// Queued: a change arrives while a combo is still inside its activated() signal, and
// refilling it there would pull the items from under it.
void InspectorMulti::scheduleRefresh()
{
    if (m_refreshPending)
        return;
    m_refreshPending = true;
    QMetaObject::invokeMethod(this, &InspectorMulti::refresh, Qt::QueuedConnection);
}

void InspectorMulti::refresh()
{
    m_refreshPending = false;
    const Project &project = m_document->project();
    QList<const Task *> tasks;
    for (const QString &id : std::as_const(m_ids)) {
        if (const Task *t = project.find(id))
            tasks << t;
    }
    m_count->setText(tasks.size() == 1 ? tr("1 task selected") : tr("%1 tasks selected").arg(tasks.size()));
    setEnabled(!tasks.isEmpty());

    QSet<int> statuses;
    QStringList types = TaskFactory::wellKnownTypes();
    QSet<QString> used;
    for (const Task *t : std::as_const(tasks)) {
        statuses.insert(int(t->status));
        used.insert(t->type);
        if (!types.contains(t->type))
            types << t->type;
    }

    const QSignalBlocker statusBlocker(m_status);
    m_status->clear();
    if (statuses.size() != 1)
        m_status->addItem(mixedText());
    const QStringList names = allStatusNames();
    for (int i = 0; i < names.size(); ++i)
        m_status->addItem(names.at(i), i);
    m_status->setCurrentIndex(statuses.size() == 1 ? m_status->findData(*statuses.cbegin()) : 0);

    const QSignalBlocker typeBlocker(m_type);
    m_type->clear();
    if (used.size() != 1)
        m_type->addItem(mixedText());
    for (const QString &type : std::as_const(types))
        m_type->addItem(TaskFactory::iconForType(type), type, type);
    m_type->setCurrentIndex(used.size() == 1 ? m_type->findData(*used.cbegin()) : 0);
}

void InspectorMulti::applyStatus(int index)
{
    const QVariant data = m_status->itemData(index);
    if (!data.isValid())
        return;   // the "mixed" placeholder
    const Status status = Status(data.toInt());
    m_document->edits().setStatus(m_ids, status);
}

void InspectorMulti::applyType(int index)
{
    const QString type = m_type->itemData(index).toString();
    if (type.isEmpty())
        return;
    m_document->edits().setType(m_ids, type);
}

} // namespace Workplan
