#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Workplan {

class AnalysisController;
class InspectorAttributeTable;
class InspectorDateField;
class InspectorDemand;
class InspectorDependencyTable;
class InspectorEdge;
class InspectorMulti;
class InspectorThreePoint;
class ProjectDocument;
struct TeamReading;
class TaskSelection;

// Edits every field of the selection's current task. It reads the document and writes only
// through commands on the undo stack; taskChanged() signals bring it back in step.
class Inspector : public QWidget
{
    Q_OBJECT
public:
    Inspector(ProjectDocument *document, TaskSelection *selection, QWidget *parent = nullptr);
    ~Inspector() override;

    QString taskId() const { return m_taskId; }
    void setTaskId(const QString &id);

    QLineEdit *titleEdit() const { return m_titleEdit; }
    QPlainTextEdit *descriptionEdit() const { return m_descriptionEdit; }
    QComboBox *typeCombo() const { return m_typeCombo; }
    QComboBox *statusCombo() const { return m_statusCombo; }
    QComboBox *lifecycleCombo() const { return m_lifecycleCombo; }
    QLineEdit *effortEdit() const { return m_effortEdit; }
    QLabel *effortHours() const { return m_effortHours; }
    // §8: optimistic_effort and pessimistic_effort, under Effort.
    InspectorThreePoint *threePoint() const { return m_threePoint; }
    // §7: what the task holds while it runs and where that comes from.
    QLabel *demandLabel() const { return m_demandLabel; }
    static QString demandText(const class Project &project, const TeamReading &team, int task);
    // Under it: the task's own `resources` field, edited.
    InspectorDemand *demandEditor() const { return m_demandEditor; }
    bool isEffortReadable() const { return m_effortReadable; }
    // §6: the task's deadline (or target_date) and not_before, and where the analysis puts it.
    InspectorDateField *deadlineField() const { return m_deadline; }
    InspectorDateField *notBeforeField() const { return m_notBefore; }
    QLabel *scheduledLabel() const { return m_scheduledLabel; }
    // The "Scheduled" line reads the latest analysis; without one it stays empty.
    void setAnalysis(AnalysisController *analysis);
    InspectorAttributeTable *attributeTable() const { return m_attributes; }
    InspectorDependencyTable *dependencyTable() const { return m_dependencies; }
    // Two or more tasks selected: their status and type together (the task page hides).
    InspectorMulti *multiSection() const { return m_multi; }
    // An arrow selected on the canvas: its fields (the task page hides).
    InspectorEdge *edgeSection() const { return m_edge; }
    QWidget *taskPage() const { return m_taskPage; }

private:
    void updatePages();
    void refresh();
    void showProblem(const QString &message);
    QString effortAttribute() const;
    void checkEffort(const QString &text);
    void commitTitle();
    void commitDescription();
    void commitType(const QString &type);
    void commitStatus();
    void commitLifecycle();
    void commitEffort();
    void refreshSchedule();

    ProjectDocument *m_document;
    TaskSelection *m_selection;
    QString m_taskId;
    bool m_updating = false;
    bool m_effortReadable = true;

    QLabel *m_emptyHint = nullptr;   // shown while nothing is selected
    QLabel *m_idLabel;
    QLineEdit *m_titleEdit;
    QPlainTextEdit *m_descriptionEdit;
    QComboBox *m_typeCombo;
    QComboBox *m_statusCombo;
    QComboBox *m_lifecycleCombo;
    QLineEdit *m_effortEdit;
    QLabel *m_effortHours;
    InspectorThreePoint *m_threePoint;
    QLabel *m_problemLabel;
    QLabel *m_demandLabel;
    InspectorDemand *m_demandEditor;
    InspectorDateField *m_deadline;
    InspectorDateField *m_notBefore;
    QLabel *m_scheduledLabel;
    QPointer<AnalysisController> m_analysis;
    InspectorAttributeTable *m_attributes;
    InspectorDependencyTable *m_dependencies;
    QWidget *m_taskPage;
    InspectorMulti *m_multi;
    InspectorEdge *m_edge;
};

} // namespace Workplan
