#pragma once

#include <QFrame>
#include <QPointer>
#include <QStringList>

class QLabel;
class QLineEdit;
class QListWidget;

namespace Workplan {

class GraphView;

// View ▸ Find… on the canvas: a small bar at the top right of the canvas with the search
// text, "3 of 12", the matching tasks as a list and Previous/Next. Matches are tasks whose
// title or id contains the text, ignoring case (model/tasksearch.h), in file order; each
// step selects the task and centres it. Enter/F3 step forward, Shift+Enter/Shift+F3 back,
// Esc closes the bar and gives the canvas its keys back.
//
// A child of the view, not of its viewport: the viewport scrolls its children along with
// the plan.
class FindBar : public QFrame
{
    Q_OBJECT
public:
    explicit FindBar(GraphView *view);

    QLineEdit *lineEdit() const { return m_edit; }
    QListWidget *matchList() const { return m_list; }
    const QStringList &matches() const { return m_matches; }
    int currentIndex() const { return m_current; }   // -1 before the first step
    QString countText() const;

public slots:
    // Shows the bar with the search text selected, ready to type over.
    void open();
    void closeBar();
    void findNext();
    void findPrevious();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void search();              // the text changed: new matches, no step yet
    void refreshMatches();      // the plan changed: same text, the current task kept
    void step(int delta);
    void goTo(int index);
    void fillList();
    void updateCount();
    void place();

    QPointer<GraphView> m_view;
    // The same view as the object whose events are filtered: compared as a QObject, as
    // it still is while its destructor sends the last events (a QPointer<GraphView> would
    // cast a QWidget that is no longer a GraphView).
    QObject *m_watchedView = nullptr;
    QLineEdit *m_edit;
    QLabel *m_count;
    QListWidget *m_list;
    QStringList m_matches;
    int m_current = -1;
    bool m_stale = false;       // the plan changed since the matches were made
};

} // namespace Workplan
