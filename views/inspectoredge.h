#pragma once

#include "taskselection.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace Workplan {

struct Dependency;
class ProjectDocument;

// The inspector's page for the arrow selected on the canvas: its type, lag, mandatory and
// waived flags and description. Each settled field is one DependencyCommand; the page
// reads the document again whenever the owner changes (an undo included).
class InspectorEdge : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorEdge(ProjectDocument *document, QWidget *parent = nullptr);
    ~InspectorEdge() override;

    void setDependency(const DependencyRef &ref);
    // True while the reference names a dependency the document has.
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

private:
    void showProblem(const QString &message);
    const Dependency *current(int *index = nullptr) const;
    void commit(const Dependency &dep);   // ProjectEdits checks a new prerequisite or type
    void commitType(int type);
    void commitLag(double hours);
    void commitDescription();

    ProjectDocument *m_document;
    DependencyRef m_ref;
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
