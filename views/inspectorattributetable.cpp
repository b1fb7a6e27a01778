#include "inspectorattributetable.h"

#include "model/projectdocument.h"
#include "model/projectedits.h"

#include <QComboBox>
#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Workplan {

namespace {
enum { NameColumn, KindColumn, ValueColumn };
}

InspectorAttributeTable::InspectorAttributeTable(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_table(new QTableWidget(0, 3, this))
    , m_addButton(new QPushButton(tr("Add"), this))
    , m_removeButton(new QPushButton(tr("Remove"), this))
{
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Kind"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(buttons);

    connect(m_table, &QTableWidget::cellChanged, this, &InspectorAttributeTable::onItemChanged);
    connect(m_addButton, &QPushButton::clicked, this, &InspectorAttributeTable::addAttribute);
    connect(m_removeButton, &QPushButton::clicked, this, &InspectorAttributeTable::removeSelected);
    setEnabled(false);
}

InspectorAttributeTable::Kind InspectorAttributeTable::kindOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Double: return NumberKind;
    case QJsonValue::Bool: return BooleanKind;
    case QJsonValue::Array: return ListKind;
    case QJsonValue::Object: return ObjectKind;
    case QJsonValue::Null:
    case QJsonValue::Undefined: return NullKind;
    case QJsonValue::String: {
        // A date is a string the contract stores as ISO text; recognise it for editing.
        const QString s = value.toString();
        return s.size() == 10 && QDate::fromString(s, Qt::ISODate).isValid() ? DateKind : StringKind;
    }
    }
    return StringKind;
}

QString InspectorAttributeTable::textOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Double: return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::String: return value.toString();
    default: return QString();
    }
}

std::optional<QJsonValue> InspectorAttributeTable::valueFrom(Kind kind, const QString &text)
{
    const QString t = text.trimmed();
    switch (kind) {
    case StringKind:
        return QJsonValue(text);
    case NumberKind: {
        bool ok = false;
        const double d = t.toDouble(&ok);
        return ok ? std::optional<QJsonValue>(d) : std::nullopt;
    }
    case BooleanKind:
        if (t.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || t == QLatin1String("1"))
            return QJsonValue(true);
        if (t.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0 || t == QLatin1String("0"))
            return QJsonValue(false);
        return std::nullopt;
    case DateKind: {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        return d.isValid() ? std::optional<QJsonValue>(d.toString(Qt::ISODate)) : std::nullopt;
    }
    case ListKind:
    case ObjectKind: {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(t.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            return std::nullopt;
        if (kind == ListKind && doc.isArray())
            return QJsonValue(doc.array());
        if (kind == ObjectKind && doc.isObject())
            return QJsonValue(doc.object());
        return std::nullopt;
    }
    case NullKind:
        return QJsonValue(QJsonValue::Null);
    }
    return std::nullopt;
}

void InspectorAttributeTable::setTaskId(const QString &id)
{
    m_taskId = id;
    refresh();
}

void InspectorAttributeTable::scheduleRefresh()
{
    if (m_refreshPending)
        return;
    m_refreshPending = true;
    QMetaObject::invokeMethod(this, &InspectorAttributeTable::refresh, Qt::QueuedConnection);
}

void InspectorAttributeTable::refresh()
{
    m_refreshPending = false;
    const Task *t = m_document->project().find(m_taskId);
    setEnabled(t != nullptr);
    m_filling = true;
    const QJsonObject attributes = t ? t->attributes.toObject() : QJsonObject();
    m_table->setRowCount(int(attributes.size()));
    int row = 0;
    for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it, ++row) {
        m_table->setItem(row, NameColumn, new QTableWidgetItem(it.key()));
        m_table->setItem(row, ValueColumn, new QTableWidgetItem(textOf(it.value())));
        auto *kind = new QComboBox;
        kind->addItems({tr("string"), tr("number"), tr("boolean"), tr("date"), tr("list"), tr("object"), tr("null")});
        kind->setCurrentIndex(kindOf(it.value()));
        m_table->setCellWidget(row, KindColumn, kind);
        // The row is looked up when the signal comes: rows shift as attributes come and go.
        connect(kind, &QComboBox::activated, this, [this, kind](int k) {
            for (int r = 0; r < m_table->rowCount(); ++r) {
                if (m_table->cellWidget(r, KindColumn) == kind)
                    onKindChanged(r, k);
            }
        });
    }
    m_filling = false;
}

void InspectorAttributeTable::onItemChanged(int row, int column)
{
    const Task *t = m_document->project().find(m_taskId);
    if (m_filling || !t || row >= int(t->attributes.size()))
        return;
    const QString oldName = t->attributes.keys().at(row);
    const QJsonValue oldValue = t->attributes.value(oldName);
    if (column == NameColumn) {
        const QString newName = m_table->item(row, NameColumn)->text().trimmed();
        const EditResult result = m_document->edits().renameAttribute(m_taskId, oldName, newName);
        if (result.refused()) {
            emit problem(result.problem);
            scheduleRefresh();
        }
        return;
    }
    if (column == ValueColumn) {
        const auto *kind = qobject_cast<QComboBox *>(m_table->cellWidget(row, KindColumn));
        const auto value = valueFrom(Kind(kind ? kind->currentIndex() : StringKind),
                                     m_table->item(row, ValueColumn)->text());
        if (!value) {
            emit problem(tr("%1 is not a valid %2.").arg(m_table->item(row, ValueColumn)->text(),
                                                         kind ? kind->currentText() : QString()));
            scheduleRefresh();
            return;
        }
        if (*value != oldValue)
            m_document->edits().setAttribute(m_taskId, oldName, *value);
    }
}

void InspectorAttributeTable::onKindChanged(int row, int kind)
{
    const Task *t = m_document->project().find(m_taskId);
    if (!t || row >= int(t->attributes.size()))
        return;
    const QString name = t->attributes.keys().at(row);
    const QJsonValue old = t->attributes.value(name);
    if (kindOf(old) == kind)
        return;
    // Keep what can be kept; otherwise start from the kind's empty value.
    auto value = valueFrom(Kind(kind), textOf(old));
    if (!value) {
        switch (kind) {
        case NumberKind: value = QJsonValue(0); break;
        case BooleanKind: value = QJsonValue(false); break;
        case DateKind: value = QJsonValue(QDate::currentDate().toString(Qt::ISODate)); break;
        case ListKind: value = QJsonValue(QJsonArray()); break;
        case ObjectKind: value = QJsonValue(QJsonObject()); break;
        default: value = QJsonValue(QString()); break;
        }
    }
    m_document->edits().setAttribute(m_taskId, name, *value);
}

void InspectorAttributeTable::addAttribute()
{
    const Task *t = m_document->project().find(m_taskId);
    if (!t)
        return;
    QString name = QStringLiteral("attribute");
    for (int i = 2; t->attributes.contains(name); ++i)
        name = QStringLiteral("attribute_%1").arg(i);
    m_document->edits().setAttribute(m_taskId, name, QString());
}

void InspectorAttributeTable::removeSelected()
{
    const Task *t = m_document->project().find(m_taskId);
    const int row = m_table->currentRow();
    if (!t || row < 0 || row >= int(t->attributes.size()))
        return;
    const QString name = t->attributes.keys().at(row);
    m_document->edits().removeAttribute(m_taskId, name);
}

} // namespace Workplan
