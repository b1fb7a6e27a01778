#include "teamconnection.h"

#include "model/storage/postgres/postgresconnection.h"
#include "model/storage/postgres/postgresschema.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

namespace Workplan {

namespace {
const QLatin1String kGroup("teamProject");
}

TeamConnectionForm::TeamConnectionForm(QWidget *parent)
    : QWidget(parent)
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
{
    m_host->setObjectName(QStringLiteral("teamHost"));
    m_port->setObjectName(QStringLiteral("teamPort"));
    m_database->setObjectName(QStringLiteral("teamDatabase"));
    m_user->setObjectName(QStringLiteral("teamUser"));
    m_password->setObjectName(QStringLiteral("teamPassword"));
    m_sslMode->setObjectName(QStringLiteral("teamSslMode"));
    m_port->setRange(1, 65535);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("from PGPASSWORD or ~/.pgpass when empty"));
    m_host->setPlaceholderText(QStringLiteral("db.example.org"));
    // libpq's own names, so what people read in PostgreSQL's documentation applies.
    m_sslMode->addItem(tr("prefer (TLS when the server offers it)"), QStringLiteral("prefer"));
    m_sslMode->addItem(tr("require (always TLS)"), QStringLiteral("require"));
    m_sslMode->addItem(tr("verify-full (TLS, certificate and host checked)"), QStringLiteral("verify-full"));
    m_sslMode->addItem(tr("disable (no TLS)"), QStringLiteral("disable"));

    QSettings settings;
    settings.beginGroup(kGroup);
    m_host->setText(settings.value(QStringLiteral("host"), QStringLiteral("localhost")).toString());
    m_port->setValue(settings.value(QStringLiteral("port"), 5432).toInt());
    m_database->setText(settings.value(QStringLiteral("database")).toString());
    m_user->setText(settings.value(QStringLiteral("user"), qEnvironmentVariable("USER")).toString());
    const int ssl = m_sslMode->findData(settings.value(QStringLiteral("sslmode"), QStringLiteral("prefer")));
    m_sslMode->setCurrentIndex(ssl < 0 ? 0 : ssl);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("&TLS:"), m_sslMode);
    for (QLineEdit *edit : {m_host, m_database, m_user, m_password})
        connect(edit, &QLineEdit::textEdited, this, &TeamConnectionForm::edited);
    connect(m_port, &QSpinBox::valueChanged, this, &TeamConnectionForm::edited);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &TeamConnectionForm::edited);
}

QString TeamConnectionForm::url(const QString &project, bool withPassword) const
{
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    u.setHost(m_host->text().trimmed());
    u.setPort(m_port->value());
    u.setUserName(m_user->text().trimmed());
    if (withPassword && !m_password->text().isEmpty())
        u.setPassword(m_password->text());
    u.setPath(QLatin1Char('/') + m_database->text().trimmed());
    QUrlQuery query;
    // QUrlQuery encodes "&", "=" and "#" in the value itself.
    query.addQueryItem(QStringLiteral("project"), project);
    const QString ssl = m_sslMode->currentData().toString();
    if (ssl != QLatin1String("prefer"))
        query.addQueryItem(QStringLiteral("sslmode"), ssl);
    u.setQuery(query);
    return u.toString(QUrl::FullyEncoded);
}

PostgresStore::Location TeamConnectionForm::location() const
{
    PostgresStore::Location l;
    l.host = m_host->text().trimmed();
    l.port = m_port->value();
    l.database = m_database->text().trimmed();
    l.user = m_user->text().trimmed();
    if (!m_password->text().isEmpty())
        l.password = m_password->text();
    const QString ssl = m_sslMode->currentData().toString();
    if (ssl != QLatin1String("prefer"))
        l.sslMode = ssl;
    l.display = QStringLiteral("postgresql://%1@%2:%3/%4").arg(l.user, l.host).arg(l.port).arg(l.database);
    return l;
}

void TeamConnectionForm::remember() const
{
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.setValue(QStringLiteral("host"), m_host->text().trimmed());
    settings.setValue(QStringLiteral("port"), m_port->value());
    settings.setValue(QStringLiteral("database"), m_database->text().trimmed());
    settings.setValue(QStringLiteral("user"), m_user->text().trimmed());
    settings.setValue(QStringLiteral("sslmode"), m_sslMode->currentData());
    // Never the password: it stays in PGPASSWORD, ~/.pgpass or the user's head.
}

namespace TeamProjects {

std::optional<QStringList> listProjects(const PostgresStore::Location &location, QString *error)
{
    QString problem;
    PostgresStore::Connection connection;
    if (!connection.open(location, &problem)) {
        *error = explain(location, problem);
        return std::nullopt;
    }
    QSqlDatabase &db = connection.db();
    QSqlQuery q(db);
    if (!db.transaction() || !q.exec(QStringLiteral("SET TRANSACTION READ ONLY"))) {
        *error = explain(location, q.lastError().text().simplified());
        return std::nullopt;
    }
    const auto state = PostgresSchema::inspect(db, &problem);
    if (!state) {
        db.rollback();
        *error = explain(location, problem);
        return std::nullopt;
    }
    if (*state == PostgresSchema::State::Missing) {   // no projects yet: a publish sets it up
        db.rollback();
        return QStringList();
    }
    QStringList names;
    if (!q.exec(QStringLiteral("SELECT name FROM projects ORDER BY name"))) {
        *error = explain(location, q.lastError().text().simplified());
        db.rollback();
        return std::nullopt;
    }
    while (q.next())
        names.append(q.value(0).toString());
    db.rollback();
    return names;
}

QString explain(const PostgresStore::Location &location, const QString &problem)
{
    auto has = [&](const char *text) { return problem.contains(QLatin1String(text), Qt::CaseInsensitive); };
    const QString host = location.host.isEmpty() ? QObject::tr("the local server") : location.host;
    const QString where = location.port > 0 ? QStringLiteral("%1:%2").arg(host).arg(location.port) : host;
    if (has("has no Workplan schema"))
        return QObject::tr("This database has no Workplan projects yet \u2014 publish one with File \u25B8 Publish to Team Project\u2026");
    if (has("is newer than this Workplan"))
        return QObject::tr("This database was set up by a newer Workplan (%1). Update Workplan to open its projects; "
                           "nothing was changed.").arg(problem.section(QLatin1String(": "), -1));
    if (has("could not translate host name") || has("Name or service not known"))
        return QObject::tr("Cannot find the server \u201C%1\u201D: check the host name.").arg(host);
    if (has("Connection refused"))
        return QObject::tr("No PostgreSQL server answers at %1: check the host and port, and that the server runs.").arg(where);
    if (has("timeout expired") || has("timed out"))
        return QObject::tr("The server %1 did not answer in time.").arg(where);
    if (has("password authentication failed"))
        return QObject::tr("The server %1 refused the password for user \u201C%2\u201D.").arg(where, location.user);
    if (has("no password supplied"))
        return QObject::tr("The server %1 asks for a password for user \u201C%2\u201D: type it, or put it in "
                           "PGPASSWORD or ~/.pgpass.").arg(where, location.user);
    if (has("database \"") && has("does not exist"))
        return QObject::tr("The server %1 has no database \u201C%2\u201D.").arg(where, location.database);
    if (has("role \"") && has("does not exist"))
        return QObject::tr("The server %1 has no user \u201C%2\u201D.").arg(where, location.user);
    if (has("SSL"))
        return QObject::tr("The TLS connection to %1 failed: %2").arg(where, problem);
    if (has("does not exist") && has("project"))
        return QObject::tr("The database has no project \u201C%1\u201D.").arg(location.project);
    return problem;
}

bool needsPassword(const QString &problem)
{
    return problem.contains(QLatin1String("password authentication failed"))
        || problem.contains(QLatin1String("no password supplied"));
}

QString withPassword(const QString &url, const QString &password)
{
    QUrl u(url, QUrl::TolerantMode);
    u.setPassword(password);
    return u.toString(QUrl::FullyEncoded);
}

QString withoutPassword(const QString &url)
{
    QUrl u(url, QUrl::TolerantMode);
    if (!u.isValid())
        return url.section(QLatin1Char('@'), -1).prepend(url.section(QLatin1String("://"), 0, 0) + QLatin1String("://"));
    return u.toString(QUrl::RemovePassword | QUrl::FullyEncoded);
}

} // namespace TeamProjects

} // namespace Workplan
