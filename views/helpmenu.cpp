#include "helpmenu.h"

#include "shortcutsdialog.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QMenu>
#include <QMessageBox>

namespace Workplan::HelpMenu {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workplan::HelpMenu", text);
}

} // namespace

void populate(QMenu *menu, QWidget *window)
{
    QAction *shortcuts = menu->addAction(tr("&Keyboard Shortcuts"), window, [window] {
        ShortcutsDialog dialog(window, window);
        dialog.exec();
    });
    shortcuts->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    menu->addSeparator();
    QAction *about = menu->addAction(tr("&About Workplan"), window, [window] {
        QMessageBox box(window);
        box.setWindowTitle(tr("About Workplan"));
        box.setIconPixmap(QIcon(QStringLiteral(":/icons/workplan.svg")).pixmap(QSize(64, 64), box.devicePixelRatioF()));
        box.setText(tr("<b>Workplan %1</b><p>Plan work as tasks, dependencies and lifecycle stages.</p>"
                       "<p>Built with Qt %2, running on Qt %3.</p>")
                        .arg(QApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR),
                             QString::fromLatin1(qVersion())));
        box.exec();
    });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    menu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

} // namespace Workplan::HelpMenu
