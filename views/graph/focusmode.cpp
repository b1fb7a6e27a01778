#include "focusmode.h"

#include "graphscene.h"
#include "graphview.h"
#include "nodeitem.h"

#include "model/engine/chain.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/taskselection.h"

#include <QKeyEvent>

namespace Workplan {

FocusMode::FocusMode(GraphView *view, AnalysisController *analysis, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_analysis(analysis)
{
    ProjectDocument *document = view->graphScene()->document();
    connect(document, &ProjectDocument::projectReset, this, &FocusMode::clear);
    // An edit may add or rebuild items (an arrow redrawn comes back unfaded).
    connect(document, &ProjectDocument::changed, this, [this] {
        if (isActive() && m_view)
            m_view->graphScene()->setFocusSet(m_ids);
    });
    // Esc reaches the view when nothing on the canvas took it (the viewport passes keys up).
    view->installEventFilter(this);
    m_watchedView = view;
}

void FocusMode::focusChain(const QString &id)
{
    if (id.isEmpty())
        return clear();
    QSet<QString> ids{id};
    const auto result = m_analysis ? m_analysis->result() : nullptr;
    const int index = result ? result->index(id) : -1;
    if (index >= 0) {
        for (int t : dependencyChain(result->snapshot, index))
            ids.insert(result->snapshot.ids[std::size_t(t)]);
    }
    apply(ids);
    m_chainOf = id;
}

void FocusMode::focusChainOfSelection()
{
    const TaskSelection *selection = m_view ? m_view->graphScene()->taskSelection() : nullptr;
    focusChain(selection ? selection->currentId() : QString());
}

void FocusMode::toggleChainOfSelection()
{
    const TaskSelection *selection = m_view ? m_view->graphScene()->taskSelection() : nullptr;
    const QString id = selection ? selection->currentId() : QString();
    if (id.isEmpty() || (isActive() && id == m_chainOf))
        clear();
    else
        focusChain(id);
}

void FocusMode::focusCriticalPath()
{
    const auto result = m_analysis ? m_analysis->result() : nullptr;
    if (!result)
        return;
    QSet<QString> ids;
    for (std::size_t t = 0; t < result->critical.size(); ++t) {
        if (result->critical[t])
            ids.insert(result->snapshot.ids[t]);
    }
    if (!ids.isEmpty()) {
        apply(ids);
        m_chainOf.clear();
    }
}

void FocusMode::clear()
{
    if (!isActive())
        return;
    m_ids.clear();
    m_chainOf.clear();
    if (m_view)
        m_view->graphScene()->setFocusSet({});
    emit activeChanged(false);
}

void FocusMode::apply(const QSet<QString> &ids)
{
    if (!m_view)
        return;
    const bool was = isActive();
    m_ids = ids;
    m_view->graphScene()->setFocusSet(m_ids);
    fitToFocus();
    if (!was)
        emit activeChanged(true);
}

void FocusMode::fitToFocus()
{
    GraphScene *scene = m_view->graphScene();
    QRectF r;
    for (const QString &id : std::as_const(m_ids)) {
        if (NodeItem *n = scene->visibleNodeFor(id))
            r = r.united(n->nodeSceneRect());
    }
    const QSizeF v = m_view->viewport()->size();
    if (r.isEmpty() || v.isEmpty())
        return;
    r.adjust(-30, -30, 30, 30);
    // Never closer than 100 %: a chain of two cards stays at its natural size.
    m_view->setZoom(qMin(qMin(v.width() / r.width(), v.height() / r.height()), 1.0));
    m_view->centerOn(r.center());
}

bool FocusMode::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_watchedView && event->type() == QEvent::KeyPress && isActive()) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier) {
            clear();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Workplan
