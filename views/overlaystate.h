#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;

namespace Workplan {

// The four analysis overlays as plain values. The defaults are what a new window shows:
// the critical path and the blocked tasks, not the parallel groups or the slack.
struct OverlayFlags
{
    bool critical = true;
    bool blocked = true;
    bool parallelGroups = false;
    bool slack = false;

    bool operator==(const OverlayFlags &o) const
    {
        return critical == o.critical && blocked == o.blocked && parallelGroups == o.parallelGroups
               && slack == o.slack;
    }
    bool operator!=(const OverlayFlags &o) const { return !(*this == o); }
};

// The overlay switches of one window (issue #14.5): one object that the analysis panel's
// toolbar, the View ▸ Overlays menu, the canvas, the timeline, the task tree and printing
// all share. The views hold a pointer to it and read the flags as they paint, so there is
// no per-view copy to keep in step; changed() tells them to repaint.
//
// The state owns four checkable QActions (actions(): critical, blocked, parallel groups,
// slack). An action and its flag are one switch: toggling the action sets the flag and a
// setter checks the action.
class OverlayState : public QObject
{
    Q_OBJECT
public:
    explicit OverlayState(QObject *parent = nullptr);
    ~OverlayState() override;

    OverlayFlags flags() const { return m_flags; }
    bool critical() const { return m_flags.critical; }
    bool blocked() const { return m_flags.blocked; }
    bool parallelGroups() const { return m_flags.parallelGroups; }
    bool slack() const { return m_flags.slack; }

    // Critical path, Blocked, Parallel groups, Slack, in that order; object names
    // overlayCritical, overlayBlocked, overlayParallelGroups, overlaySlack.
    QList<QAction *> actions() const;
    QAction *criticalAction() const { return m_critical; }
    QAction *blockedAction() const { return m_blocked; }
    QAction *parallelGroupsAction() const { return m_parallelGroups; }
    QAction *slackAction() const { return m_slack; }

    // How a view takes a window's state: `slot` (the view's pointer) lets go of the state it
    // had (deleting it when the view made it for itself, `owner`), points at `state`, and
    // `onChange` runs on every change from then on.
    template<typename F>
    static void attach(QObject *owner, QPointer<OverlayState> &slot, OverlayState *state, F onChange)
    {
        if (slot) {
            QObject::disconnect(slot, nullptr, owner, nullptr);
            if (slot->parent() == owner)
                delete slot.data();
        }
        slot = state;
        if (state)
            QObject::connect(state, &OverlayState::changed, owner, onChange);
    }

public slots:
    void setCritical(bool on);
    void setBlocked(bool on);
    void setParallelGroups(bool on);
    void setSlack(bool on);
    void setFlags(const OverlayFlags &flags);

signals:
    // Once per change of any flag, after the new value is readable.
    void changed();

private:
    QAction *makeAction(const QString &text, const QString &name, bool on);
    void syncFromActions();

    OverlayFlags m_flags;
    QAction *m_critical;
    QAction *m_blocked;
    QAction *m_parallelGroups;
    QAction *m_slack;
    bool m_syncing = false;
};

} // namespace Workplan
