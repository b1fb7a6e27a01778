#pragma once

#include <QRectF>

class QPainter;

namespace Workplan {

struct RiskSummary;

// The printed plan's "Schedule risk" page (§8): a histogram of the simulated finishes with
// the P50/P80/P90 lines and the deterministic finish, the table of percentiles (with dates
// for a dated project), the deadlines' chances and the tasks that drive the finish. Drawn
// with QPainter alone in device pixels (`px` per point), like the other pages, so print,
// preview and PDF agree; Qt Charts would need a scene and a widget style on the printer.
namespace RiskPage {

void paint(QPainter &p, const RiskSummary &r, const QRectF &body, double px);

} // namespace RiskPage
} // namespace Workplan
