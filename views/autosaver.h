#pragma once

#include <QObject>
#include <QStringList>

class QTimer;

namespace Workplan {

class ProjectDocument;

// Writes a recovery copy of a modified project every few minutes to
// AppDataLocation/recovery/<hash of the file path>.json (with a .source file naming the
// original), and removes it once the project is saved or closed cleanly.
class Autosaver : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 3 * 60 * 1000;

    explicit Autosaver(ProjectDocument *document, QObject *parent = nullptr);

    void setInterval(int milliseconds);
    int interval() const;

    static QString recoveryDirectory();
    // The recovery file for the document's current path.
    QString recoveryPath() const;
    // Recovery files left by an earlier run, newest first.
    static QStringList pendingRecoveries();
    // The file a recovery copy was made for (empty for an untitled project).
    static QString sourceOf(const QString &recoveryPath);
    static void discard(const QString &recoveryPath);

    // Writes now when the document is modified; returns false on a write error.
    bool saveNow();
    void removeRecovery();

private:
    static QString pathFor(const QString &filePath);

    ProjectDocument *m_document;
    QTimer *m_timer;
    QString m_written;    // the recovery file this session wrote last
};

} // namespace Workplan
