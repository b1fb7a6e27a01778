#include "welcomepage.h"

#include "recentfiles.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

// Q_INIT_RESOURCE must be called outside any namespace.
static void initSamplesResource()
{
    Q_INIT_RESOURCE(samples);
}

namespace Workplan {

namespace {

// "feature-development.json" -> "Feature development"
QString sampleTitle(const QString &path)
{
    QString name = QFileInfo(path).completeBaseName();
    name.replace(QLatin1Char('-'), QLatin1Char(' '));
    if (!name.isEmpty())
        name[0] = name.at(0).toUpper();
    return name;
}

QPushButton *actionButton(QAction *action, const QString &text, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setToolTip(action->toolTip());
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
    return button;
}

} // namespace

WelcomePage::WelcomePage(QAction *newAction, QAction *openAction, QMenu *templates, QWidget *parent)
    : QWidget(parent)
    , m_samples(new QListWidget(this))
    , m_recent(new QListWidget(this))
    , m_recentLabel(new QLabel(tr("Recent projects (double-click to open):"), this))
{
    initResources();
    setObjectName(QStringLiteral("welcomePage"));
    setAccessibleName(tr("Welcome"));
    // Opaque: it hides the empty canvas beneath.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);

    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/workplan.svg")).pixmap(QSize(64, 64), devicePixelRatioF()));
    auto *title = new QLabel(tr("<h2>Welcome to Workplan</h2>"), this);
    title->setWordWrap(true);
    auto *intro = new QLabel(tr("Design a workflow as tasks joined by dependencies; Workplan shows "
                                "the blocked tasks, the critical path, slack and parallel groups as "
                                "you edit."), this);
    intro->setWordWrap(true);

    auto *newButton = actionButton(newAction, tr("New Project"), this);
    auto *openButton = actionButton(openAction, tr("Open\u2026"), this);
    auto *templateButton = new QPushButton(tr("New from Template"), this);
    templateButton->setMenu(templates);
    // Stacked, not side by side: the canvas between the docks may be narrow.
    auto *buttons = new QVBoxLayout;
    for (QPushButton *b : {newButton, openButton, templateButton}) {
        b->setMinimumWidth(200);
        buttons->addWidget(b, 0, Qt::AlignLeft);
    }

    m_recent->setObjectName(QStringLiteral("recentProjects"));
    m_recent->setAccessibleName(tr("Recent projects"));
    m_recentLabel->setBuddy(m_recent);
    m_recentLabel->setWordWrap(true);
    m_recent->setMaximumHeight(150);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit recentRequested(item->data(Qt::UserRole).toString()); });
    connect(RecentFiles::instance(), &RecentFiles::changed, this, &WelcomePage::fillRecent);
    fillRecent();

    auto *samplesLabel = new QLabel(tr("Or explore a sample project (double-click to open):"), this);
    samplesLabel->setWordWrap(true);
    m_samples->setAccessibleName(tr("Sample projects"));
    samplesLabel->setBuddy(m_samples);
    for (const QString &path : samplePaths()) {
        auto *item = new QListWidgetItem(sampleTitle(path), m_samples);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QFileInfo(path).fileName());
    }
    m_samples->setMaximumHeight(180);
    connect(m_samples, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit sampleRequested(item->data(Qt::UserRole).toString()); });

    auto *column = new QWidget(this);
    column->setMaximumWidth(560);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(logo);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addSpacing(12);
    layout->addWidget(m_recentLabel);
    layout->addWidget(m_recent);
    layout->addWidget(samplesLabel);
    layout->addWidget(m_samples);
    layout->addStretch();

    // A readable column, centred in however wide the canvas is.
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(24, 24, 24, 24);
    outer->addWidget(column, 1, Qt::AlignHCenter);

    if (parent) {
        parent->installEventFilter(this);
        setGeometry(parent->rect());
        raise();
    }
}

// The canvas's scroll bars would show through (the scroll area keeps raising them):
// off while the welcome page covers it, back when it goes.
void WelcomePage::showEvent(QShowEvent *event)
{
    if (auto *area = qobject_cast<QAbstractScrollArea *>(parentWidget())) {
        m_scrollPolicies = {area->horizontalScrollBarPolicy(), area->verticalScrollBarPolicy()};
        area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        area->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    }
    QWidget::showEvent(event);
}

void WelcomePage::hideEvent(QHideEvent *event)
{
    if (auto *area = qobject_cast<QAbstractScrollArea *>(parentWidget()); area && m_scrollPolicies) {
        area->setHorizontalScrollBarPolicy(m_scrollPolicies->first);
        area->setVerticalScrollBarPolicy(m_scrollPolicies->second);
        m_scrollPolicies.reset();
    }
    QWidget::hideEvent(event);
}

void WelcomePage::fillRecent()
{
    m_recent->clear();
    for (const QString &entry : RecentFiles::instance()->entries()) {
        auto *item = new QListWidgetItem(RecentFiles::displayName(entry), m_recent);
        item->setData(Qt::UserRole, entry);
        item->setToolTip(entry);
    }
    m_recent->setVisible(m_recent->count() > 0);
    m_recentLabel->setVisible(m_recent->count() > 0);
}

void WelcomePage::initResources()
{
    initSamplesResource();
}

QStringList WelcomePage::samplePaths()
{
    initResources();
    QStringList paths;
    const QDir dir(QStringLiteral(":/samples"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

bool WelcomePage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget()
        && (event->type() == QEvent::Resize || event->type() == QEvent::Show
            || event->type() == QEvent::LayoutRequest)) {
        setGeometry(parentWidget()->rect());
        raise();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Workplan
