#include "overlaystate.h"

#include <QAction>

namespace Workplan {

OverlayState::OverlayState(QObject *parent)
    : QObject(parent)
{
    const OverlayFlags defaults;
    m_critical = makeAction(tr("Critical path"), QStringLiteral("overlayCritical"), defaults.critical);
    m_blocked = makeAction(tr("Blocked"), QStringLiteral("overlayBlocked"), defaults.blocked);
    m_parallelGroups = makeAction(tr("Parallel groups"), QStringLiteral("overlayParallelGroups"),
                                  defaults.parallelGroups);
    m_slack = makeAction(tr("Slack"), QStringLiteral("overlaySlack"), defaults.slack);
    // Tool buttons show short names so all four fit a 300 px dock; menus and tool tips
    // keep the whole ones.
    m_critical->setIconText(tr("Critical"));
    m_parallelGroups->setIconText(tr("Groups"));
    for (QAction *a : actions())
        a->setToolTip(tr("Show %1 on the canvas, the tree and the timeline").arg(a->text().toLower()));
}

OverlayState::~OverlayState() = default;

QAction *OverlayState::makeAction(const QString &text, const QString &name, bool on)
{
    auto *a = new QAction(text, this);
    a->setObjectName(name);
    a->setCheckable(true);
    a->setChecked(on);
    connect(a, &QAction::toggled, this, &OverlayState::syncFromActions);
    return a;
}

QList<QAction *> OverlayState::actions() const
{
    return {m_critical, m_blocked, m_parallelGroups, m_slack};
}

void OverlayState::syncFromActions()
{
    if (m_syncing)
        return;
    OverlayFlags f;
    f.critical = m_critical->isChecked();
    f.blocked = m_blocked->isChecked();
    f.parallelGroups = m_parallelGroups->isChecked();
    f.slack = m_slack->isChecked();
    setFlags(f);
}

void OverlayState::setFlags(const OverlayFlags &flags)
{
    if (flags == m_flags)
        return;
    m_flags = flags;
    // Check the actions first, without coming back here, so that whoever reacts to
    // changed() sees the actions and the flags agree.
    m_syncing = true;
    m_critical->setChecked(flags.critical);
    m_blocked->setChecked(flags.blocked);
    m_parallelGroups->setChecked(flags.parallelGroups);
    m_slack->setChecked(flags.slack);
    m_syncing = false;
    emit changed();
}

void OverlayState::setCritical(bool on)
{
    OverlayFlags f = m_flags;
    f.critical = on;
    setFlags(f);
}

void OverlayState::setBlocked(bool on)
{
    OverlayFlags f = m_flags;
    f.blocked = on;
    setFlags(f);
}

void OverlayState::setParallelGroups(bool on)
{
    OverlayFlags f = m_flags;
    f.parallelGroups = on;
    setFlags(f);
}

void OverlayState::setSlack(bool on)
{
    OverlayFlags f = m_flags;
    f.slack = on;
    setFlags(f);
}

} // namespace Workplan
