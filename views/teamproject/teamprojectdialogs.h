#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Workplan {

class TeamConnectionForm;

// File ▸ Open Team Project… (issue #22 item 2): where the database is, "List Projects"
// connects and lists what is in it, Open takes the chosen one. Every problem (no server,
// a refused login, no Workplan schema yet, a newer one) is a sentence in the dialog.
class OpenTeamProjectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit OpenTeamProjectDialog(QWidget *parent = nullptr);

    // exec()'s result when the user took the offer to publish the open project into a
    // database that holds none yet (publishing is what sets up the schema).
    enum { PublishHere = 2 };

    TeamConnectionForm *form() const { return m_form; }
    QPushButton *listButton() const { return m_list; }
    QPushButton *publishHereButton() const { return m_publishHere; }
    QListWidget *projectList() const { return m_projects; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *openButton() const;

    // Connects and fills the list; false with the reason shown in the dialog.
    bool listProjects();
    // The chosen project's URL, with the password when one was typed (for this one use).
    QString url() const;
    QString selectedProject() const;

    void accept() override;

private:
    void updateButtons();

    TeamConnectionForm *m_form;
    QPushButton *m_list;
    QListWidget *m_projects;
    QLabel *m_message;
    QPushButton *m_publishHere;
    QDialogButtonBox *m_buttons;
};

// File ▸ Publish to Team Project…: the same fields and the name the project gets there.
// Publish first looks whether that name is taken and asks before replacing it.
class PublishTeamProjectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PublishTeamProjectDialog(const QString &projectName, QWidget *parent = nullptr);

    TeamConnectionForm *form() const { return m_form; }
    QLineEdit *nameEdit() const { return m_name; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *publishButton() const;
    QString url() const;

    // Shows `text` as why the publish did not happen; the dialog stays open.
    void showProblem(const QString &text);
    void accept() override;

private:
    TeamConnectionForm *m_form;
    QLineEdit *m_name;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace Workplan
