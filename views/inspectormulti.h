#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;

namespace Workplan {

class ProjectDocument;

// The inspector's page for two or more selected tasks: their status and type, shown as
// "—" where they differ, and set for all of them as one undo step.
class InspectorMulti : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorMulti(ProjectDocument *document, QWidget *parent = nullptr);

    void setTaskIds(const QStringList &ids);
    void refresh();

    // The placeholder shown while the tasks differ.
    static QString mixedText();

    QLabel *countLabel() const { return m_count; }
    QComboBox *statusCombo() const { return m_status; }
    QComboBox *typeCombo() const { return m_type; }

private:
    void scheduleRefresh();
    void applyStatus(int index);
    void applyType(int index);

    ProjectDocument *m_document;
    QStringList m_ids;
    bool m_refreshPending = false;

    QLabel *m_count;
    QComboBox *m_status;
    QComboBox *m_type;
};

} // namespace Workplan
