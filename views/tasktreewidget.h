#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTreeView;

namespace Workplan {

class AnalysisController;
class ProjectDocument;
class TaskFilterProxy;
class TaskSelection;
class TaskTreeModel;

// The tree dock: a filter bar over a tree view of the task model. The view's selection and
// the shared TaskSelection follow each other; a guard keeps the round trip from looping.
class TaskTreeWidget : public QWidget
{
    Q_OBJECT
public:
    TaskTreeWidget(ProjectDocument *document, TaskSelection *selection, AnalysisController *analysis,
                   QWidget *parent = nullptr);

    TaskTreeModel *model() const { return m_model; }
    TaskFilterProxy *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    // Empties the text, type and status filters (done when another project opens).
    void clearFilter();
    QComboBox *typeFilter() const { return m_typeCombo; }
    QComboBox *statusFilter() const { return m_statusCombo; }

    // Whether the summary `id` shows its children (false also for a task the filter
    // hides or that is unknown).
    bool isExpanded(const QString &id) const;

public slots:
    // Opens or closes the summary's row, as a click on its arrow would; expandedChanged()
    // is not sent back for it, so mirroring another view cannot loop.
    void setExpanded(const QString &id, bool expanded);

signals:
    void dropRefused(const QString &message);
    // A person opened or closed the summary `id` (its arrow, a key, a double click).
    void expandedChanged(const QString &id, bool expanded);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void expandAsOpened();
    void fillTypeFilter();
    // Fits the figure columns to what the view's rows show now.
    void fitColumns();
    // Start, Finish and the deadline margin show exactly when the project has a start.
    void updateDateColumns();
    void selectionFromView();
    void selectionToView();

    ProjectDocument *m_document;
    TaskSelection *m_selection;
    TaskTreeModel *m_model;
    bool m_fittedShown = false;
    TaskFilterProxy *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filterEdit;
    QComboBox *m_typeCombo;
    QComboBox *m_statusCombo;
    bool m_syncing = false;
    bool m_settingExpanded = false;   // setExpanded() at work: not a person's change
    bool m_fitAfterChange = true;   // the first change after a reset fits the columns again
    bool m_datesShown = true;       // the header starts with every column shown
};

} // namespace Workplan
