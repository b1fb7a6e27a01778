#pragma once

#include "model/dependency.h"

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

#include <vector>

namespace Workplan {

// Arrows through the channels between cards (issue #16). The auto layout puts cards in
// columns; an arrow whose ends are more than one column apart is given a waypoint in every
// column it crosses: a horizontal run at a height where that column has no card. Between
// the columns there are no cards at all, so the curves joining the runs (edgeShape) pass
// none either. Backward arrows (not counting: they do not order the columns) cross their
// own ends' columns too, above or below the cards, and turn round in the channels.
class ChannelRouter
{
public:
    // `cards`: every card of the columned drawing (the obstacles), all `cardWidth` wide.
    ChannelRouter(const std::vector<QRectF> &cards, qreal cardWidth);

    struct Request
    {
        QRectF from;   // the prerequisite's card or frame (the arrow leaves its right edge)
        QRectF to;     // the dependent's (entered from the left)
    };
    // The waypoints of every request: two per column crossed (where the run enters and
    // leaves it), empty when the arrow crosses no column. Arrows sharing a gap are spread
    // out in it, in the order of where they come from and go, so they do not cross there.
    std::vector<QVector<QPointF>> route(const std::vector<Request> &requests) const;

private:
    struct Column
    {
        qreal left = 0;
        std::vector<qreal> gapLow, gapHigh;   // free intervals, top to bottom
    };
    int columnsLeftOf(qreal x) const;     // columns whose right edge is at or before x
    std::vector<Column> m_columns;        // left to right
    qreal m_width;
};

// The routes of a canvas's last auto layout, so the canvas draws what `workplan layout`
// prints (one source of truth: layoutgeometry.cpp computes both). A plain value: the layout
// call returns it (canvasLayout(), framefit.h) and the canvas that ran the layout keeps it,
// so two windows, or a new plan, never see each other's routes. A route holds while both
// of its ends are where the layout drew them; an end moved by hand makes the arrow a plain
// curve again (edgeShape without waypoints) until the next layout. Keyed by the
// dependency's stable identity, so an unrelated dependency coming or going keeps it.
class EdgeRoutes
{
public:
    struct Route
    {
        QRectF from, to;          // the ends the route was made for
        QVector<QPointF> via;
    };
    void insert(const DependencyKey &key, Route route) { m_routes.insert(key, std::move(route)); }
    // The waypoints of the dependency `key`, when its ends are still at `from`/`to`; empty
    // otherwise (a plain curve).
    QVector<QPointF> lookup(const DependencyKey &key, const QRectF &from, const QRectF &to) const;
    void reserve(qsizetype n) { m_routes.reserve(n); }
    bool isEmpty() const { return m_routes.isEmpty(); }
    qsizetype size() const { return m_routes.size(); }

private:
    QHash<DependencyKey, Route> m_routes;
};

} // namespace Workplan
