#pragma once

#include <QJsonValue>
#include <QWidget>

#include <optional>

class QTableWidget;
class QPushButton;

namespace Workplan {

class ProjectDocument;

// The inspector's table of a task's attributes: name, kind and value. The kind decides how
// the text is read back (number, boolean, ISO date, JSON list or object); every edit is a
// ChangeTaskCommand on the document's undo stack.
class InspectorAttributeTable : public QWidget
{
    Q_OBJECT
public:
    enum Kind { StringKind, NumberKind, BooleanKind, DateKind, ListKind, ObjectKind, NullKind };

    explicit InspectorAttributeTable(ProjectDocument *document, QWidget *parent = nullptr);

    void setTaskId(const QString &id);
    void refresh();
    // Rebuilds after control returns to the event loop: an edit's own cell may be on the stack.
    void scheduleRefresh();
    QTableWidget *table() const { return m_table; }

    static Kind kindOf(const QJsonValue &value);
    static QString textOf(const QJsonValue &value);
    // Reads `text` as a value of `kind`; nullopt when it cannot.
    static std::optional<QJsonValue> valueFrom(Kind kind, const QString &text);

signals:
    void problem(const QString &message);

private:
    void onItemChanged(int row, int column);
    void onKindChanged(int row, int kind);
    void addAttribute();
    void removeSelected();

    ProjectDocument *m_document;
    QString m_taskId;
    QTableWidget *m_table;
    QPushButton *m_addButton;
    QPushButton *m_removeButton;
    bool m_filling = false;
    bool m_refreshPending = false;
};

} // namespace Workplan
