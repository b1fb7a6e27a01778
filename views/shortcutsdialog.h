#pragma once

#include <QDialog>

class QTableWidget;

namespace Workplan {

// Help ▸ Keyboard Shortcuts: every action of `window` that has a shortcut, generated from
// the actions themselves so the list can never drift from the menus.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace Workplan
