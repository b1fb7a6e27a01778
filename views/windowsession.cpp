#include "windowsession.h"

#include "graph/graphscene.h"
#include "graph/graphview.h"
#include "mainwindow.h"

#include "model/projectdocument.h"

#include <QEvent>
#include <QFileInfo>
#include <QSettings>
#include <QSplitter>
#include <QTimer>

namespace Workplan {

namespace {
const QLatin1String kGroup("session");
const QLatin1String kGeometry("geometry");
const QLatin1String kState("windowState");
const QLatin1String kSplitters("splitters/");
const QLatin1String kZoom("zoom");
const QLatin1String kZoomFile("zoomFile");
const QLatin1String kCentre("centre");
// Bumped when the docks change so much that an old layout would mislead.
constexpr int kStateVersion = 1;
} // namespace

WindowSession::WindowSession(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    QSettings settings;
    settings.beginGroup(kGroup);
    // The geometry at once, so the window does not jump when it shows.
    m_window->restoreGeometry(settings.value(kGeometry).toByteArray());
    m_zoomFile = settings.value(kZoomFile).toString();
    m_zoom = settings.value(kZoom).toReal();
    m_centre = settings.value(kCentre).toPointF();
    settings.endGroup();
    // The window sizes its docks once the event loop runs (MainWindow's constructor queues
    // it); the saved layout is applied after that, so it wins.
    QTimer::singleShot(0, this, &WindowSession::restoreLayout);
    m_window->installEventFilter(this);
    if (auto *view = m_window->findChild<GraphView *>()) {
        // The view fits every project it is given; the saved zoom goes on top of that fit,
        // only for the project it was saved with.
        connect(view->graphScene(), &GraphScene::planReset, this,
                [this] { QTimer::singleShot(0, this, &WindowSession::restoreZoom); });
    }
}

void WindowSession::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(kGroup);
    m_window->restoreState(settings.value(kState).toByteArray(), kStateVersion);
    for (QSplitter *splitter : m_window->findChildren<QSplitter *>()) {
        const QByteArray state = settings.value(kSplitters + splitter->objectName()).toByteArray();
        if (!splitter->objectName().isEmpty() && !state.isEmpty())
            splitter->restoreState(state);
    }
}

void WindowSession::restoreZoom()
{
    auto *view = m_window->findChild<GraphView *>();
    const QString file = m_window->document()->filePath();
    if (!view || m_zoom <= 0 || file.isEmpty() || QFileInfo(file).absoluteFilePath() != m_zoomFile)
        return;
    view->setZoom(m_zoom);
    view->centerOn(m_centre);
    m_zoom = 0;   // once: the user's own zooming afterwards is theirs
}

void WindowSession::save()
{
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.setValue(kGeometry, m_window->saveGeometry());
    settings.setValue(kState, m_window->saveState(kStateVersion));
    for (QSplitter *splitter : m_window->findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            settings.setValue(kSplitters + splitter->objectName(), splitter->saveState());
    }
    if (auto *view = m_window->findChild<GraphView *>(); view && !m_window->document()->filePath().isEmpty()) {
        settings.setValue(kZoomFile, QFileInfo(m_window->document()->filePath()).absoluteFilePath());
        settings.setValue(kZoom, view->zoom());
        settings.setValue(kCentre, view->mapToScene(view->viewport()->rect().center()));
    }
}

bool WindowSession::eventFilter(QObject *watched, QEvent *event)
{
    // Before the window's own closeEvent, which may still be cancelled: saving the layout
    // of a window that stays open is harmless.
    if (watched == m_window && event->type() == QEvent::Close)
        save();
    return QObject::eventFilter(watched, event);
}

} // namespace Workplan
