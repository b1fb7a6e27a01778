#include "findbar.h"

#include "graphscene.h"
#include "graphview.h"

#include "model/projectdocument.h"
#include "model/tasksearch.h"
#include "views/taskselection.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Workplan {

namespace {

constexpr int BarWidth = 380;
constexpr int Margin = 8;
constexpr int ListRows = 8;   // the list grows to this many rows, then scrolls

} // namespace

FindBar::FindBar(GraphView *view)
    : QFrame(view)
    , m_view(view)
    , m_edit(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("findBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_edit->setObjectName(QStringLiteral("findText"));
    m_edit->setPlaceholderText(tr("Find a task by title or id"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    m_count->setObjectName(QStringLiteral("findCount"));
    m_list->setObjectName(QStringLiteral("findMatches"));
    m_list->installEventFilter(this);

    auto button = [this](const QString &text, const QString &tip, void (FindBar::*slot)()) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        return b;
    };
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_count);
    row->addWidget(button(QStringLiteral("\u25b2"), tr("Previous match (Shift+F3)"), &FindBar::findPrevious));
    row->addWidget(button(QStringLiteral("\u25bc"), tr("Next match (F3)"), &FindBar::findNext));
    row->addWidget(button(QStringLiteral("\u2715"), tr("Close (Esc)"), &FindBar::closeBar));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(row);
    layout->addWidget(m_list);

    connect(m_edit, &QLineEdit::textChanged, this, &FindBar::search);
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { goTo(m_list->row(item)); });
    connect(m_list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { goTo(m_list->row(item)); });
    ProjectDocument *document = view->graphScene()->document();
    connect(document, &ProjectDocument::changed, this, [this] { m_stale = true; });
    connect(document, &ProjectDocument::projectReset, this, [this] { m_stale = true; });
    view->installEventFilter(this);   // to follow its size
    m_watchedView = view;
    hide();
}

QString FindBar::countText() const
{
    if (m_edit->text().trimmed().isEmpty())
        return QString();
    if (m_matches.isEmpty())
        return tr("No matches");
    if (m_current < 0)
        return m_matches.size() == 1 ? tr("1 match") : tr("%1 matches").arg(m_matches.size());
    return tr("%1 of %2").arg(m_current + 1).arg(m_matches.size());
}

void FindBar::open()
{
    if (m_stale)
        refreshMatches();
    show();
    raise();
    place();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FindBar::closeBar()
{
    const bool hadFocus = isAncestorOf(QApplication::focusWidget());
    hide();
    if (hadFocus && m_view)
        m_view->setFocus(Qt::OtherFocusReason);
}

void FindBar::findNext()
{
    step(1);
}

void FindBar::findPrevious()
{
    step(-1);
}

void FindBar::search()
{
    m_matches = m_view ? findTasks(m_view->graphScene()->document()->project(), m_edit->text()) : QStringList();
    m_current = -1;
    m_stale = false;
    fillList();
    updateCount();
}

void FindBar::refreshMatches()
{
    const QString current = m_current >= 0 ? m_matches.value(m_current) : QString();
    search();
    m_current = int(m_matches.indexOf(current));
    if (m_current >= 0)
        m_list->setCurrentRow(m_current);
    updateCount();
}

void FindBar::step(int delta)
{
    // F3 with the bar closed steps through the last search (or opens the bar to ask).
    if (isHidden()) {
        show();
        raise();
        place();
        if (m_edit->text().trimmed().isEmpty())
            return open();
    }
    if (m_stale)
        refreshMatches();
    if (m_matches.isEmpty())
        return;
    const int n = int(m_matches.size());
    // The first step forward goes to the first match, the first back to the last.
    const int from = m_current < 0 ? (delta > 0 ? -1 : 0) : m_current;
    goTo(((from + delta) % n + n) % n);
}

void FindBar::goTo(int index)
{
    if (!m_view || index < 0 || index >= m_matches.size())
        return;
    m_current = index;
    m_list->setCurrentRow(index);
    updateCount();
    const QString id = m_matches.at(index);
    if (TaskSelection *selection = m_view->graphScene()->taskSelection()) {
        selection->select(id);
        emit selection->focusRequested(id);   // the canvas centres it, as for the panels
    } else {
        m_view->centerOnTask(id);
    }
}

void FindBar::fillList()
{
    m_list->clear();
    const Project &project = m_view->graphScene()->document()->project();
    for (const QString &id : std::as_const(m_matches)) {
        const Task *t = project.find(id);
        const QString title = t ? t->title() : id;
        m_list->addItem(title == id ? id : QStringLiteral("%1 \u2014 %2").arg(title, id));
    }
    m_list->setVisible(!m_matches.isEmpty());
    const int rows = qMin(int(m_matches.size()), ListRows);
    m_list->setFixedHeight(rows * m_list->sizeHintForRow(0) + 2 * m_list->frameWidth() + 2);
    place();
}

void FindBar::updateCount()
{
    m_count->setText(countText());
}

void FindBar::place()
{
    if (!m_view)
        return;
    const QRect area = m_view->viewport()->geometry();
    const int width = qMin(BarWidth, area.width() - 2 * Margin);
    resize(width, layout()->sizeHint().height());
    move(area.right() - width - Margin + 1, area.top() + Margin);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_watchedView) {
        if (event->type() == QEvent::Resize && isVisible())
            place();
        return QFrame::eventFilter(watched, event);
    }
    if (event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    switch (key->key()) {
    case Qt::Key_Escape:
        closeBar();
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (watched == m_list)
            return QFrame::eventFilter(watched, event);   // activates the row
        step(key->modifiers() & Qt::ShiftModifier ? -1 : 1);
        return true;
    case Qt::Key_Down:
        if (watched == m_edit && !m_matches.isEmpty()) {
            m_list->setFocus(Qt::OtherFocusReason);
            if (m_list->currentRow() < 0)
                m_list->setCurrentRow(0);
            return true;
        }
        break;
    default:
        break;
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace Workplan
