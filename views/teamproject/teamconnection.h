#pragma once

#include "model/storage/postgres/postgresstore.h"

#include <QStringList>
#include <QWidget>

#include <optional>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace Workplan {

// Where a team database is, as the Open and Publish dialogs ask for it (issue #22 item 2):
// host, port, database, user and TLS mode, remembered in QSettings; the password only for
// this use — never stored. Left empty, libpq finds one in PGPASSWORD or ~/.pgpass.
class TeamConnectionForm : public QWidget
{
    Q_OBJECT
public:
    explicit TeamConnectionForm(QWidget *parent = nullptr);

    // postgresql://user[:password]@host:port/db?project=NAME[&sslmode=MODE]. The password
    // is in it only when `withPassword` and one was typed.
    QString url(const QString &project, bool withPassword = true) const;
    PostgresStore::Location location() const;

    // Remembers host, port, database, user and TLS mode (never the password).
    void remember() const;

    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portEdit() const { return m_port; }
    QLineEdit *databaseEdit() const { return m_database; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QComboBox *sslModeBox() const { return m_sslMode; }

signals:
    void edited();

private:
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QComboBox *m_sslMode;
};

namespace TeamProjects {

// The names of the projects in the database at `location` (its project is ignored),
// sorted; none in a database without the Workplan schema yet. Nullopt with *error a
// sentence for the user: the server cannot be found or refuses the login, or the schema
// is a newer Workplan's.
std::optional<QStringList> listProjects(const PostgresStore::Location &location, QString *error);

// libpq's and the store's wording turned into a sentence for the user; text it does not
// recognise is passed on whole.
QString explain(const PostgresStore::Location &location, const QString &problem);

// True when the login failed for want of the right password: worth asking for one.
bool needsPassword(const QString &problem);

// `url` with `password` in it (for one connection, never to keep).
QString withPassword(const QString &url, const QString &password);

// `url` without any password: what titles, messages and Open Recent show.
QString withoutPassword(const QString &url);

} // namespace TeamProjects

} // namespace Workplan
