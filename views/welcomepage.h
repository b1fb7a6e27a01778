#pragma once

#include <QWidget>

#include <optional>
#include <utility>

class QAction;
class QLabel;
class QListWidget;
class QMenu;

namespace Workplan {

// The first thing a new user sees while no project is open: New, Open, New from Template
// and the sample projects compiled into the resources (:/samples). It lies over the
// canvas (an overlay rather than a stacked central widget, so the canvas stays the
// window's central widget) and follows its parent's size.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    // `newAction` and `openAction` are the window's own; `templates` its template menu.
    WelcomePage(QAction *newAction, QAction *openAction, QMenu *templates, QWidget *parent);

    // Registers :/samples and :/icons/workplan.svg (compiled into a static library).
    static void initResources();
    // Resource paths of the bundled samples, sorted by name.
    static QStringList samplePaths();
    QListWidget *sampleList() const { return m_samples; }
    // The projects opened lately (RecentFiles), hidden while there are none.
    QListWidget *recentList() const { return m_recent; }

signals:
    void sampleRequested(const QString &resourcePath);
    void recentRequested(const QString &pathOrUrl);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void fillRecent();

    QListWidget *m_samples;
    QListWidget *m_recent;
    QLabel *m_recentLabel;
    std::optional<std::pair<Qt::ScrollBarPolicy, Qt::ScrollBarPolicy>> m_scrollPolicies;
};

} // namespace Workplan
