#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QMenu;

namespace Workplan {

// The projects opened or saved lately, newest first, kept in QSettings: files by their
// absolute path, team projects by their URL. One object per process, so the File menu and
// the welcome page of every window show a change the moment it is made.
class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static RecentFiles *instance();

    QStringList entries() const;
    void add(const QString &pathOrUrl);
    void clear();

    // "payments.workplan", or the project name of a team project's URL.
    static QString displayName(const QString &entry);

    // Fills `menu` with the entries (tool tips give the whole path) and Clear Menu; picking
    // one calls `open` with it. Disabled when empty.
    void fillMenu(QMenu *menu, QObject *context, const std::function<void(const QString &)> &open) const;

signals:
    void changed();

private:
    using QObject::QObject;
};

} // namespace Workplan
