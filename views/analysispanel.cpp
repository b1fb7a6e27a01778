#include "analysispanel.h"

#include "model/engine/analysishints.h"

#include "analysiscontroller.h"
#include "overlaystate.h"
#include "taskselection.h"

#include "model/projectdocument.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QScrollBar>
#include <QToolBar>
#include <QHeaderView>
#include <QResizeEvent>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Workplan {

namespace {

QString sectionKey(int section)
{
    return QStringLiteral("section/%1").arg(section);
}

} // namespace

namespace {

// QTreeView measures a wrapped row at the whole column's width, but paints it indented by
// its depth: a reason that fits the column yet not the indented room is cut to "…". Measure
// at the width the text really gets.
class WrappingDelegate : public QStyledItemDelegate
{
public:
    explicit WrappingDelegate(QTreeView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    {
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt(option);
        int depth = m_view->rootIsDecorated() ? 1 : 0;
        for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
            ++depth;
        // The style wraps only for a valid rectangle: a height is needed too.
        opt.rect = QRect(0, 0, std::max(40, m_view->viewport()->width() - depth * m_view->indentation()),
                         std::max(1, option.rect.height()));
        return QStyledItemDelegate::sizeHint(opt, index);
    }

private:
    QTreeView *m_view;
};

} // namespace

AnalysisPanel::AnalysisPanel(AnalysisController *analysis, TaskSelection *selection,
                             ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_analysis(analysis)
    , m_selection(selection)
    , m_document(document)
    , m_summary(new QLabel(this))
    , m_toolBar(new QToolBar(this))
    , m_tree(new QTreeWidget(this))
    , m_hint(new QLabel(this))
    , m_overlays(new OverlayState(this))
{
    setObjectName(QStringLiteral("analysisPanel"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // On or off at a glance: a switched-on overlay is filled with the selection colour,
    // not just drawn sunken (which most styles make hard to tell from raised).
    m_toolBar->setStyleSheet(QStringLiteral(
        "QToolButton { border: 1px solid palette(mid); border-radius: 3px; padding: 2px 5px; margin: 1px; }"
        "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
        " border-color: palette(highlight); }"));
    m_toolBar->addActions(m_overlays->actions());

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setObjectName(QStringLiteral("analysisSummary"));

    m_tree->setHeaderHidden(true);
    m_tree->setColumnCount(1);
    // Reasons wrap to the panel's width instead of ending in "…". Rows differ in height
    // then; each section shows a limited number of entries ("Show more"), so laying
    // them out stays cheap.
    m_tree->setWordWrap(true);
    m_tree->setItemDelegate(new WrappingDelegate(m_tree));
    m_tree->setTextElideMode(Qt::ElideNone);
    m_tree->setUniformRowHeights(false);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_tree->header()->setStretchLastSection(true);
    // Row heights are measured at one width; when the column narrows, measure again, or
    // the second line would be cut to "…".
    m_tree->viewport()->installEventFilter(this);
    m_tree->setObjectName(QStringLiteral("analysisTree"));

    static const char *const titles[SectionCount] = {
        QT_TR_NOOP("Cycles"), QT_TR_NOOP("Blocked"), QT_TR_NOOP("Why blocked?"), QT_TR_NOOP("Ready"),
        QT_TR_NOOP("Critical path"), QT_TR_NOOP("Parallel groups"), QT_TR_NOOP("Overruns"),
        QT_TR_NOOP("Deadlines"), QT_TR_NOOP("Team"), QT_TR_NOOP("Warnings")};
    QFont bold = m_tree->font();
    bold.setBold(true);
    for (int i = 0; i < SectionCount; ++i) {
        auto *item = new QTreeWidgetItem(m_tree, {tr(titles[i])});
        item->setFont(0, bold);
        item->setData(0, KeyRole, sectionKey(i));
        item->setFirstColumnSpanned(true);
        item->setExpanded(true);
        m_sections[std::size_t(i)] = item;
    }
    m_limit.fill(m_defaultLimit);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    // One line under the figures, only while it applies to them (analysisHints()).
    m_hint->setObjectName(QStringLiteral("analysisHint"));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->hide();
    layout->addWidget(m_hint);

    auto remember = [this](QTreeWidgetItem *item, bool expanded) {
        if (m_building)
            return;
        m_expanded.insert(item->data(0, KeyRole).toString(), expanded);
        if (expanded && item->data(0, LazyRole).toBool()) {
            // Lists the parallel group's tasks now; deferred, as it replaces the item being expanded.
            QTreeWidgetItem *top = item;
            while (top->parent())
                top = top->parent();
            const int section = m_tree->indexOfTopLevelItem(top);
            QMetaObject::invokeMethod(this, [this, section] {
                setSection(Section(section), build(Section(section)));
            }, Qt::QueuedConnection);
        }
    };
    connect(m_tree, &QTreeWidget::itemExpanded, this, [remember](QTreeWidgetItem *i) { remember(i, true); });
    connect(m_tree, &QTreeWidget::itemCollapsed, this, [remember](QTreeWidgetItem *i) { remember(i, false); });
    connect(m_tree, &QTreeWidget::itemClicked, this, &AnalysisPanel::onItemClicked);
    connect(m_tree, &QTreeWidget::itemActivated, this, &AnalysisPanel::onItemClicked);
    connect(m_analysis, &AnalysisController::updated, this, &AnalysisPanel::refresh);
    // Queued: a click in the panel changes the selection from inside the tree's own
    // mouse handler, and the "why" section must not delete that item under it.
    connect(m_selection, &TaskSelection::selectionChanged, this, &AnalysisPanel::refreshWhy,
            Qt::QueuedConnection);
    refresh();
}

AnalysisPanel::~AnalysisPanel() = default;

QDockWidget *AnalysisPanel::addDock(QMainWindow *window, AnalysisController *analysis,
                                    TaskSelection *selection, ProjectDocument *document)
{
    auto *dock = new QDockWidget(tr("Analysis"), window);
    dock->setObjectName(QStringLiteral("analysisDock"));
    dock->setWidget(new AnalysisPanel(analysis, selection, document, dock));
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    return dock;
}

void AnalysisPanel::setOverlayState(OverlayState *state)
{
    if (!state || state == m_overlays)
        return;
    for (QAction *a : m_overlays->actions())
        m_toolBar->removeAction(a);
    if (m_overlays->parent() == this)
        delete m_overlays;
    m_overlays = state;
    m_toolBar->addActions(state->actions());
}

QList<QAction *> AnalysisPanel::overlayActions() const
{
    return m_overlays->actions();
}

void AnalysisPanel::setEntryLimit(int limit)
{
    m_defaultLimit = std::max(1, limit);
    m_limit.fill(m_defaultLimit);
    refresh();
}

QString AnalysisPanel::summaryText() const
{
    return m_summary->text();
}

QTreeWidgetItem *AnalysisPanel::sectionItem(Section section) const
{
    return m_sections[std::size_t(section)];
}

QStringList AnalysisPanel::sectionIds(Section section) const
{
    QStringList ids;
    const QTreeWidgetItem *top = sectionItem(section);
    for (int i = 0; i < top->childCount(); ++i) {
        const QString id = top->child(i)->data(0, TaskIdRole).toString();
        if (!id.isEmpty())
            ids << id;
    }
    return ids;
}

PanelSection AnalysisPanel::build(Section section) const
{
    const auto result = m_analysis->result();
    const PanelSectionBuilder b(*result, &m_document->project(), &taskLabels(*m_document));
    const int limit = m_limit[std::size_t(section)];
    switch (section) {
    case Section::Cycles: return b.cycles(limit);
    case Section::Blocked: return b.blocked(limit);
    case Section::WhyBlocked: return b.whyBlocked(m_whyId, std::max(limit, 500));
    case Section::Ready: return b.ready(limit);
    case Section::CriticalPath: return b.criticalPath(limit);
    case Section::ParallelGroups: {
        QSet<QString> expanded;
        for (auto it = m_expanded.cbegin(); it != m_expanded.cend(); ++it) {
            if (it.value())
                expanded.insert(it.key());
        }
        return b.parallelGroups(limit, expanded);
    }
    case Section::Overruns: return b.overruns(limit);
    case Section::Deadlines: return b.deadlines(limit);
    case Section::Team: return b.team(limit);
    case Section::Warnings: return b.warnings(limit);
    }
    return {};
}

void AnalysisPanel::refresh()
{
    const auto result = m_analysis->result();
    if (!result)
        return;
    m_summary->setText(PanelSectionBuilder(*result, &m_document->project(), &taskLabels(*m_document)).summary());
    QStringList hints;
    const AnalysisHints applies = analysisHints(result->snapshot, result->analysis);
    if (applies.completedOnCriticalPath)
        hints << tr("Completed tasks stay on the critical path: it is the plan's longest chain, "
                    "done work included.");
    if (applies.approvalWaitsOnCompleted)
        hints << tr("An approval dependency is met when its prerequisite is \u201capproved\u201d; "
                    "\u201ccompleted\u201d is not enough.");
    m_hint->setText(hints.join(QLatin1Char('\n')));
    m_hint->setVisible(!hints.isEmpty());
    for (int i = 0; i < SectionCount; ++i) {
        if (Section(i) != Section::WhyBlocked)
            setSection(Section(i), build(Section(i)));
    }
    refreshWhy();
}

void AnalysisPanel::refreshWhy()
{
    const auto result = m_analysis->result();
    if (!result)
        return;
    // Follow the selection to a blocked task; while the user walks down the chain to
    // tasks that are not blocked, keep explaining the last blocked one.
    const QString current = m_selection->currentId();
    if (result->isBlocked(current))
        m_whyId = current;
    else if (!result->isBlocked(m_whyId))
        m_whyId.clear();
    setSection(Section::WhyBlocked, build(Section::WhyBlocked));
}

void AnalysisPanel::setSection(Section section, PanelSection content)
{
    const std::size_t i = std::size_t(section);
    if (m_built[i] && m_shown[i] == content)
        return;
    ++m_rebuilds;
    m_building = true;
    const int scroll = m_tree->verticalScrollBar()->value();
    QTreeWidgetItem *top = m_sections[i];
    top->setText(0, content.title);
    qDeleteAll(top->takeChildren());
    QList<QTreeWidgetItem *> items;
    items.reserve(int(content.entries.size()));
    for (const PanelEntry &e : content.entries)
        items << makeItem(e);
    top->addChildren(items);
    // Expansion only takes once the items are in the tree.
    for (std::size_t c = 0; c < content.entries.size(); ++c)
        applyExpansion(top->child(int(c)), content.entries[c]);
    top->setHidden(content.hiddenWhenEmpty && content.entries.empty());
    m_shown[i] = std::move(content);
    m_built[i] = true;
    m_tree->verticalScrollBar()->setValue(scroll);
    m_building = false;
}

bool AnalysisPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Wrapped rows are measured at one width; at another the second line would be cut
    // off: lay the rows out again once the width settles.
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize
        && static_cast<QResizeEvent *>(event)->oldSize().width() != m_tree->viewport()->width())
        QTimer::singleShot(0, m_tree, [this] { m_tree->doItemsLayout(); });
    return QWidget::eventFilter(watched, event);
}

QTreeWidgetItem *AnalysisPanel::makeItem(const PanelEntry &entry)
{
    auto *item = new QTreeWidgetItem(QStringList{entry.text});
    item->setToolTip(0, entry.text);
    item->setData(0, KeyRole, entry.key);
    if (!entry.taskId.isEmpty())
        item->setData(0, TaskIdRole, entry.taskId);
    for (auto it = entry.data.cbegin(); it != entry.data.cend(); ++it)
        item->setData(0, it.key(), it.value());
    if (entry.lazy)
        item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
    if (entry.data.value(MoreRole).toBool()) {
        QFont f = item->font(0);
        f.setItalic(true);
        item->setFont(0, f);
    }
    if (!entry.children.empty()) {
        QList<QTreeWidgetItem *> children;
        children.reserve(int(entry.children.size()));
        for (const PanelEntry &c : entry.children)
            children << makeItem(c);
        item->addChildren(children);
    }
    return item;
}

void AnalysisPanel::applyExpansion(QTreeWidgetItem *item, const PanelEntry &entry)
{
    if (entry.children.empty())
        return;   // lazy entries stay collapsed until their children are listed
    item->setExpanded(m_expanded.value(entry.key, entry.expandedByDefault));
    for (std::size_t c = 0; c < entry.children.size(); ++c)
        applyExpansion(item->child(int(c)), entry.children[c]);
}

void AnalysisPanel::onItemClicked(QTreeWidgetItem *item)
{
    if (!item)
        return;
    if (item->data(0, MoreRole).toBool()) {
        QTreeWidgetItem *top = item;
        while (top->parent())
            top = top->parent();
        const int section = m_tree->indexOfTopLevelItem(top);
        // Deferred: rebuilding deletes the clicked item.
        QMetaObject::invokeMethod(this, [this, section] { showMore(Section(section)); }, Qt::QueuedConnection);
        return;
    }
    const QString id = item->data(0, TaskIdRole).toString();
    if (id.isEmpty())
        return;
    m_selection->select(id);
    emit m_selection->focusRequested(id);
}

void AnalysisPanel::showMore(Section section)
{
    if (section == Section::WhyBlocked)
        return;   // the chain is cut on purpose; select a task further down instead
    m_limit[std::size_t(section)] += std::max(m_defaultLimit, 500);
    setSection(section, build(section));
}

} // namespace Workplan
