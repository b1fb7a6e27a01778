#include "autosaver.h"

#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

namespace Workplan {

Autosaver::Autosaver(ProjectDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(kDefaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &Autosaver::saveNow);
    m_timer->start();
    // Saved (clean again) or another file: the old copy is of no use any more.
    connect(document, &ProjectDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            removeRecovery();
    });
    connect(document, &ProjectDocument::filePathChanged, this, &Autosaver::removeRecovery);
}

void Autosaver::setInterval(int milliseconds)
{
    m_timer->start(milliseconds);
}

int Autosaver::interval() const
{
    return m_timer->interval();
}

QString Autosaver::recoveryDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1String("/recovery");
}

QString Autosaver::pathFor(const QString &filePath)
{
    // Untitled projects share one slot; a file gets its own, so two windows do not collide.
    const QByteArray key = filePath.isEmpty() ? QByteArrayLiteral("untitled")
                                              : QFileInfo(filePath).absoluteFilePath().toUtf8();
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(16));
    return recoveryDirectory() + QLatin1Char('/') + hash + QLatin1String(".json");
}

QString Autosaver::recoveryPath() const
{
    return pathFor(m_document->filePath());
}

QStringList Autosaver::pendingRecoveries()
{
    QStringList out;
    const QDir dir(recoveryDirectory());
    for (const QFileInfo &fi : dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Time))
        out << fi.absoluteFilePath();
    return out;
}

QString Autosaver::sourceOf(const QString &recoveryPath)
{
    QFile f(recoveryPath.chopped(5) + QLatin1String(".source"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void Autosaver::discard(const QString &recoveryPath)
{
    QFile::remove(recoveryPath);
    QFile::remove(recoveryPath.chopped(5) + QLatin1String(".source"));
}

bool Autosaver::saveNow()
{
    if (!m_document->isModified())
        return true;
    const QString path = recoveryPath();
    QDir().mkpath(recoveryDirectory());
    QString error;
    if (!JsonFormat::writeFile(m_document->project(), path, &error))
        return false;
    QFile source(path.chopped(5) + QLatin1String(".source"));
    if (source.open(QIODevice::WriteOnly | QIODevice::Truncate))
        source.write(m_document->filePath().toUtf8());
    m_written = path;
    return true;
}

void Autosaver::removeRecovery()
{
    if (m_written.isEmpty())
        return;
    discard(m_written);
    m_written.clear();
}

} // namespace Workplan
