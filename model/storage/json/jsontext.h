#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// Byte-level checks of an interchange file that Qt's JSON parser does not make or does not
// explain, for jsonreader.cpp's messages: kept apart from the field-by-field reading.
namespace Workplan::JsonFormat {

// RFC 3629 UTF-8: the offset of the first invalid byte, or -1. Sets *hasFeff when the text
// holds U+FEFF, so no second pass has to search for it.
qsizetype firstInvalidUtf8(const QByteArray &data, bool *hasFeff);

// "line L, column C" of a byte offset, for messages.
QString lineColumn(const QByteArray &data, qsizetype offset);

// Qt's parser refuses documents nested deeper than this (QJsonParseError::DeepNesting).
constexpr int kQtJsonNestingLimit = 1024;

// Deepest [ or { nesting of a document Qt has parsed; strings are skipped.
int maxNesting(const QByteArray &data);

// "a string", "an object", ... for "X must be Y, not Z" messages.
QString jsonTypeName(const QJsonValue &v);

} // namespace Workplan::JsonFormat
