#pragma once

#include <QWidget>

namespace Workplan {

class TimelineView;

// The time scale above the chart: two tiers of labels (month over days, year over months,
// day over hours... as the zoom suits), scrolled with the view. It paints the scale's ticks
// for the visible x range only.
class TimelineHeader : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineHeader(TimelineView *view, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    // The labels of one tier (0 top, 1 bottom) as shown now, left to right (tests).
    QStringList labels(int tier) const;
    // The risk P80 marker's label while its line is in the visible range, else empty.
    QString markerLabel() const;

    static int tierHeight();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    // Where the P80 line is in header coordinates; NaN when there is none to show.
    double markerX() const;

    TimelineView *m_view;
};

} // namespace Workplan
