#pragma once

#include <QObject>

class QWidget;

namespace Workplan {

class ProjectDocument;

// Keeps the inspector from offering edits while its document is read-only (a team project
// without a connection or write rights, a file held by another Workplan), in one place
// rather than in each of its sections:
//  - text stays selectable and copyable: line edits, text boxes and spin boxes turn
//    read-only;
//  - tables open no editor (no edit triggers) and tick no check box;
//  - combo boxes, check boxes and buttons, which have no read-only mode and whose enabled
//    state the sections set by what the task has, ignore clicks, keys and the wheel.
// It watches the panel's whole subtree, widgets made later included (a table's combo
// boxes, a resource's row), and undoes exactly what it did when the state goes away.
// ProjectEdits refuses any edit that would still get through.
class InspectorReadOnly : public QObject
{
    Q_OBJECT
public:
    InspectorReadOnly(ProjectDocument *document, QWidget *panel);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyAll(bool readOnly);
    void apply(QWidget *widget, bool readOnly);
    bool blocks(QObject *watched, QEvent *event) const;

    ProjectDocument *m_document;
    QWidget *m_panel;
};

} // namespace Workplan
