#pragma once

#include <QObject>
#include <QPointF>
#include <QString>

namespace Workplan {

class MainWindow;

// What a window looked like when it closed, back at the next start (QSettings group
// "session"): the window's geometry, its dock and toolbar layout, the sizes of its named
// splitters, and the canvas zoom and centre for the project that was open, applied when
// that project is opened again. The application creates one for its window; tests make
// windows without one, so their settings never leak from one test into the next.
class WindowSession : public QObject
{
    Q_OBJECT
public:
    // Restores now (the layout once the window's own first sizing has run) and saves
    // whenever the window is closed.
    explicit WindowSession(MainWindow *window);

    void save();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void restoreLayout();
    void restoreZoom();

    MainWindow *m_window;
    QString m_zoomFile;        // the project the saved zoom belongs to
    qreal m_zoom = 0;
    QPointF m_centre;
};

} // namespace Workplan
