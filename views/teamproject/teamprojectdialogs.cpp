#include "teamprojectdialogs.h"

#include "teamconnection.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Workplan {

namespace {
QLabel *makeMessageLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("teamDialogMessage"));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}
void showText(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}
} // namespace

OpenTeamProjectDialog::OpenTeamProjectDialog(QWidget *parent)
    : QDialog(parent)
    , m_form(new TeamConnectionForm(this))
    , m_list(new QPushButton(tr("&List Projects"), this))
    , m_projects(new QListWidget(this))
    , m_message(makeMessageLabel(this))
    , m_publishHere(new QPushButton(tr("&Publish the Open Project Here\u2026"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Open Team Project"));
    // Offered once a listing found nothing to open: publishing sets the database up.
    m_publishHere->setObjectName(QStringLiteral("publishHereButton"));
    m_publishHere->hide();
    m_buttons->addButton(m_publishHere, QDialogButtonBox::ActionRole);
    connect(m_publishHere, &QPushButton::clicked, this, [this] {
        m_form->remember();
        done(PublishHere);
    });
    m_list->setObjectName(QStringLiteral("listProjectsButton"));
    m_projects->setObjectName(QStringLiteral("teamProjectList"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(m_list, 0, Qt::AlignRight);
    layout->addWidget(new QLabel(tr("Projects in this database:"), this));
    layout->addWidget(m_projects, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_list, &QPushButton::clicked, this, &OpenTeamProjectDialog::listProjects);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OpenTeamProjectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_projects, &QListWidget::itemSelectionChanged, this, &OpenTeamProjectDialog::updateButtons);
    connect(m_projects, &QListWidget::itemActivated, this, &OpenTeamProjectDialog::accept);
    // A list made for other connection fields would open the wrong project.
    connect(m_form, &TeamConnectionForm::edited, this, [this] {
        m_projects->clear();
        m_publishHere->hide();
        updateButtons();
    });
    updateButtons();
    resize(460, 520);
}

QPushButton *OpenTeamProjectDialog::openButton() const
{
    return m_buttons->button(QDialogButtonBox::Open);
}

bool OpenTeamProjectDialog::listProjects()
{
    m_projects->clear();
    m_publishHere->hide();
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto names = TeamProjects::listProjects(m_form->location(), &error);
    QApplication::restoreOverrideCursor();
    if (!names) {
        showText(m_message, error);
        updateButtons();
        return false;
    }
    m_form->remember();
    m_projects->addItems(*names);
    const bool empty = names->isEmpty();
    showText(m_message, empty ? tr("This database has no Workplan projects yet \u2014 publish the open project here "
                                   "to set it up, or with File \u25B8 Publish to Team Project\u2026 later.")
                              : QString());
    m_publishHere->setVisible(empty);
    if (!empty)
        m_projects->setCurrentRow(0);
    updateButtons();
    return true;
}

QString OpenTeamProjectDialog::selectedProject() const
{
    const QListWidgetItem *item = m_projects->currentItem();
    return item && item->isSelected() ? item->text() : QString();
}

QString OpenTeamProjectDialog::url() const
{
    return m_form->url(selectedProject());
}

void OpenTeamProjectDialog::accept()
{
    if (selectedProject().isEmpty())
        return;
    m_form->remember();
    QDialog::accept();
}

void OpenTeamProjectDialog::updateButtons()
{
    openButton()->setEnabled(!selectedProject().isEmpty());
}

PublishTeamProjectDialog::PublishTeamProjectDialog(const QString &projectName, QWidget *parent)
    : QDialog(parent)
    , m_form(new TeamConnectionForm(this))
    , m_name(new QLineEdit(projectName, this))
    , m_message(makeMessageLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Publish to Team Project"));
    m_name->setObjectName(QStringLiteral("teamProjectName"));
    m_buttons->addButton(tr("&Publish"), QDialogButtonBox::AcceptRole)->setObjectName(QStringLiteral("publishButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    auto *name = new QFormLayout;
    name->addRow(tr("Project &name:"), m_name);
    layout->addLayout(name);
    layout->addWidget(new QLabel(tr("Everyone who opens it there edits it with you, live; "
                                    "this window switches to the team project."), this));
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PublishTeamProjectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this,
            [this](const QString &text) { publishButton()->setEnabled(!text.trimmed().isEmpty()); });
    publishButton()->setEnabled(!projectName.trimmed().isEmpty());
    resize(460, 360);
}

QPushButton *PublishTeamProjectDialog::publishButton() const
{
    return findChild<QPushButton *>(QStringLiteral("publishButton"));
}

QString PublishTeamProjectDialog::url() const
{
    return m_form->url(m_name->text().trimmed());
}

void PublishTeamProjectDialog::showProblem(const QString &text)
{
    showText(m_message, text);
}

void PublishTeamProjectDialog::accept()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return;
    // Taken names are asked about before anything is written; a database without the
    // schema yet has no names, and the publish creates the schema.
    QString error;
    PostgresStore::Location location = m_form->location();
    const auto names = TeamProjects::listProjects(location, &error);
    if (!names) {
        showProblem(error);
        return;
    }
    if (names->contains(name)) {
        const auto answer = QMessageBox::question(
            this, tr("Replace team project?"),
            tr("The database %1 already has a project \u201C%2\u201D. Replace it with this one? "
               "Everyone who has it open sees the replacement.").arg(location.database, name),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
    }
    m_form->remember();
    QDialog::accept();
}

} // namespace Workplan
