#pragma once

#include <QObject>
#include <QPointer>
#include <QSet>

namespace Workplan {

class AnalysisController;
class GraphView;

// View ▸ Focus on Chain / Focus Critical Path: one set of task ids shown at full strength
// while everything else on the canvas fades (GraphScene::setFocusSet), the view fitted to
// it. Esc on the canvas, or focusing the same again, ends it. The set is view state: edits
// keep it (new items fade or not by it), a new plan ends it.
class FocusMode : public QObject
{
    Q_OBJECT
public:
    // `analysis` (may be null) gives the chain and the critical path from its latest result.
    FocusMode(GraphView *view, AnalysisController *analysis, QObject *parent = nullptr);

    bool isActive() const { return !m_ids.isEmpty(); }
    const QSet<QString> &focusedIds() const { return m_ids; }

    // The upstream and downstream chain of `id` (model/engine/chain.h); the task alone when
    // the analysis does not know it yet.
    void focusChain(const QString &id);
    // The current task of the selection; clears focus when nothing is selected.
    void focusChainOfSelection();
    // F: the chain of the current task, or back to everything when that chain (or nothing)
    // is what is focused now.
    void toggleChainOfSelection();
    // The tasks on the critical path; nothing happens when there is none.
    void focusCriticalPath();
    void clear();

signals:
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply(const QSet<QString> &ids);
    void fitToFocus();

    QPointer<GraphView> m_view;
    // The view the filter watches, only compared: its destructor still sends events (focus
    // out) when it is a QWidget no longer, and QPointer<GraphView> would cast it as one.
    QObject *m_watchedView = nullptr;
    QPointer<AnalysisController> m_analysis;
    QSet<QString> m_ids;
    QString m_chainOf;   // the task whose chain is focused; empty for the critical path
};

} // namespace Workplan
