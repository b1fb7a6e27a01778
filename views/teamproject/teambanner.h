#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace Workplan {

// One line of news about the team project above the canvas (issue #22 items 3 and 4): a
// refused edit, a lost connection, a read-only role. Not a dialog: work goes on under it.
class TeamBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Warning, Error, Info };

    // `closable`: the user may put it away (a conflict); a state (disconnected,
    // read-only) stays for as long as it lasts.
    explicit TeamBanner(bool closable, QWidget *parent = nullptr);

    void showMessage(const QString &text, Kind kind);
    void clear();
    QString text() const;

signals:
    void visibilityChanged();

private:
    QLabel *m_label;
    QToolButton *m_close = nullptr;
};

} // namespace Workplan
