#pragma once

#include "taskselection.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace Workplan {

class ProjectDocument;

// The inspector's page for the arrow selected on the canvas: its type, lag, mandatory and
// waived flags and description. Each settled field is one ProjectEdits call; the page
// reads the document again whenever the owner changes (an undo included). It shows the
// dependency the selection's key names (followDependency: through a change of its type).
class InspectorEdge : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorEdge(ProjectDocument *document, QWidget *parent = nullptr);
    ~InspectorEdge() override;

    void setDependency(const DependencyKey &key);
    DependencyKey dependency() const { return m_key; }
    // True while the key names a dependency the document has.
    bool hasDependency() const;
    void refresh();

    QLabel *headerLabel() const { return m_header; }
    QComboBox *typeCombo() const { return m_type; }
    QDoubleSpinBox *lagSpin() const { return m_lag; }
    QCheckBox *mandatoryCheck() const { return m_mandatory; }
    QCheckBox *waivedCheck() const { return m_waived; }
    QLineEdit *descriptionEdit() const { return m_description; }

    // Why the last edit was refused; hidden until one is.
    QLabel *problemLabel() const { return m_problem; }

signals:
    // An edit of the page gave the dependency another key (its type): the selection
    // should name it by that key now (Inspector selects it).
    void dependencyKeyChanged(const Workplan::DependencyKey &key);

private:
    void showProblem(const QString &message);
    const Dependency *current() const;
    void commit(const Dependency &dep);   // ProjectEdits checks a new prerequisite or type
    void commitType(int type);
    void commitLag(double hours);
    void commitDescription();

    ProjectDocument *m_document;
    DependencyKey m_key;
    bool m_updating = false;

    QLabel *m_header;
    QComboBox *m_type;
    QDoubleSpinBox *m_lag;
    QCheckBox *m_mandatory;
    QCheckBox *m_waived;
    QLineEdit *m_description;
    QLabel *m_problem;
};

} // namespace Workplan
