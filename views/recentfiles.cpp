#include "recentfiles.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace Workplan {

namespace {
const QLatin1String kRecentKey("recentFiles");
constexpr int kMaxRecent = 8;

bool isUrl(const QString &entry)
{
    return entry.contains(QLatin1String("://"));
}
} // namespace

RecentFiles *RecentFiles::instance()
{
    // Parented to nothing and never deleted before the application: windows come and go.
    static RecentFiles *recent = new RecentFiles;
    return recent;
}

QStringList RecentFiles::entries() const
{
    return QSettings().value(kRecentKey).toStringList();
}

void RecentFiles::add(const QString &pathOrUrl)
{
    QStringList list = entries();
    // A team project's URL is kept without its password: QSettings is plain text.
    const QString entry = isUrl(pathOrUrl) ? QUrl(pathOrUrl, QUrl::TolerantMode).toString(QUrl::RemovePassword | QUrl::FullyEncoded)
                                           : QFileInfo(pathOrUrl).absoluteFilePath();
    list.removeAll(entry);
    list.prepend(entry);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings().setValue(kRecentKey, list);
    emit changed();
}

void RecentFiles::clear()
{
    QSettings().remove(kRecentKey);
    emit changed();
}

QString RecentFiles::displayName(const QString &entry)
{
    if (!isUrl(entry))
        return QFileInfo(entry).fileName();
    const QUrl url(entry);
    const QString project = QUrlQuery(url).queryItemValue(QStringLiteral("project"), QUrl::FullyDecoded);
    return project.isEmpty() ? url.toDisplayString(QUrl::RemovePassword)
                             : tr("%1 (team, %2)").arg(project, url.host());
}

void RecentFiles::fillMenu(QMenu *menu, QObject *context, const std::function<void(const QString &)> &open) const
{
    menu->clear();
    const QStringList list = entries();
    for (const QString &entry : list) {
        QAction *action = menu->addAction(displayName(entry));
        action->setToolTip(entry);
        QObject::connect(action, &QAction::triggered, context, [open, entry] { open(entry); });
    }
    menu->setEnabled(!list.isEmpty());
    if (!list.isEmpty()) {
        menu->addSeparator();
        menu->addAction(tr("Clear Menu"), context, [] { RecentFiles::instance()->clear(); });
    }
}

} // namespace Workplan
