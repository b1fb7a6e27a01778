#pragma once

#include <QByteArray>
#include <QString>

// Byte-level checks of an interchange file for the messages of one that does not parse
// (jsonprepare.cpp): kept apart from the field-by-field reading.
namespace Workplan::JsonFormat {

// RFC 3629 UTF-8: the offset of the first invalid byte, or -1. Sets *hasFeff when the text
// holds U+FEFF, so no second pass has to search for it.
qsizetype firstInvalidUtf8(const QByteArray &data, bool *hasFeff);

// "line L, column C" of a byte offset, for messages.
QString lineColumn(const QByteArray &data, qsizetype offset);

} // namespace Workplan::JsonFormat
