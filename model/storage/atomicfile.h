#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

#include <sys/stat.h>

namespace Workplan {

// Replacing a file so that the old one survives any failure and any crash: every format's
// save goes through here (sqlite/sqlitewriter.cpp, json/jsonformatwrite.cpp).
namespace AtomicFile {

// Writes a complete file at the temporary path it is given; false with the reason in *why.
using Fill = std::function<bool(const QString &tempPath, QString *why)>;

// Creates a unique temporary `.<name>.XXXXXX.tmp` beside `path` (the rename stays on one
// file system; the old file's permissions, or rw-r--r--), lets `fill` write it, fsyncs it,
// renames it over `path` and fsyncs the folder. On failure the temporary is removed, `path`
// is untouched and *why holds the reason (the caller names the file).
bool replace(const QString &path, const Fill &fill, QString *why);

// The same for bytes already in memory, through QSaveFile (its own temporary, fsync and
// rename); a short write on a full disk is an error, never a truncated file.
bool replaceWith(const QString &path, const QByteArray &bytes, QString *why);

// Whether `entryName` is a temporary that replace() made for a file named `fileName`: a
// crash leaves it beside the file (FileSafety::removeStaleTemporaries clears old ones).
bool isTemporaryOf(const QString &entryName, const QString &fileName);

// What tells one file from another: a save replaces the file (a new inode) by a rename.
// A reader that opens a file several times checks it read one file throughout.
struct Identity
{
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    timespec modified{};

    static Identity of(const QString &path);
    bool operator==(const Identity &o) const;
    bool operator!=(const Identity &o) const { return !(*this == o); }
};

} // namespace AtomicFile
} // namespace Workplan
