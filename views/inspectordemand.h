#pragma once

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QCheckBox;
class QGridLayout;
class QLabel;
class QSpinBox;

namespace Workplan {

class ProjectDocument;

// The inspector's editor for a task's own §7 demand, the task field `resources`.
//
// "Own demand" unticked: the task has no such field and its demand comes from the rule
// (the nearest field up the path, else its role attributes); the spin boxes show that
// demand, read-only. Ticked: the field holds one entry per declared resource whose spin
// box is at least 1; all at zero writes `{}`, "needs no one", which also stops the search
// up the path. Ticking writes the demand shown, so ticking alone changes nothing the
// analysis sees: it only pins it.
//
// Each change (the tick, each settled spin box) is one ChangeTaskCommand::setExtraField
// on the undo stack; the document's changed() signal brings the editor back in step, so
// undo and redo show here as well as edits from elsewhere (the team dialog's renames).
// A summary's own field is what its tasks inherit, and a note says so.
class InspectorDemand : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorDemand(ProjectDocument *document, QWidget *parent = nullptr);
    ~InspectorDemand() override;

    void setTaskId(const QString &id);
    void refresh();

    QCheckBox *ownBox() const { return m_own; }
    // The spin box and the red "needs more than exist" note of a declared resource; null
    // for a name the project does not declare.
    QSpinBox *unitsBox(const QString &resource) const;
    QLabel *capacityNote(const QString &resource) const;
    // The grey line under the boxes: the hint to declare a team, or the summary's note.
    QLabel *hintLabel() const { return m_hint; }

private:
    struct Row
    {
        QString name;
        int capacity = 1;
        QLabel *label = nullptr;
        QSpinBox *units = nullptr;
        QLabel *note = nullptr;
    };

    // Rebuilds the rows when the declared resources differ from the ones shown; keeps
    // them (and a focused spin box) otherwise.
    void syncRows(const QList<QPair<QString, int>> &declared);
    void clearRows();
    void updateNotes();
    QJsonObject shownDemand() const;
    void commitOwn(bool own);
    void commitUnits();

    ProjectDocument *m_document;
    QString m_taskId;
    bool m_updating = false;
    QCheckBox *m_own;
    QWidget *m_rowsWidget;
    QGridLayout *m_grid;
    QLabel *m_hint;
    QList<Row> m_rows;
};

} // namespace Workplan
