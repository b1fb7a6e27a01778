#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace Workplan {

// The tasks whose risk criticality would read differently between two sets of shares (to
// a tenth of a percent, what a tint or a tooltip shows), so that a view repaints only those:
// a new run over 10k tasks should not repaint every card or bar.
inline QStringList changedRiskShares(const QHash<QString, double> &before, const QHash<QString, double> &after)
{
    auto shown = [](const QHash<QString, double> &h, const QString &id) {
        const auto it = h.constFind(id);
        return it == h.cend() ? -1 : qRound(*it * 1000);
    };
    QStringList changed;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (shown(before, it.key()) != shown(after, it.key()))
            changed << it.key();
    }
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key()))
            changed << it.key();
    }
    return changed;
}

} // namespace Workplan
