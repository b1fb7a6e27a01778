#pragma once

#include <QWidget>

namespace Workplan {

class TimelineView;

// The task names left of the chart, one per row and scrolled with it: indented by depth,
// with a triangle that collapses or expands a summary. Painted, not a QTreeView, so its
// rows are the chart's rows by construction (same list, same height, same scroll).
class TimelineNames : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineNames(TimelineView *view, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    // Where row `row`'s collapse triangle is, in this widget's coordinates (tests).
    QRect toggleRect(int row) const;
    QRect rowRect(int row) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    int rowAt(int y) const;
    double top() const;

    TimelineView *m_view;
};

} // namespace Workplan
