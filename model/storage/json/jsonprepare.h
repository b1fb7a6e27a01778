#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

// The text around simdjson (jsonreader.cpp): the few rewrites that let it read what Qt's
// reader read (it refuses lone surrogate escapes and integers past 64 bits, both valid
// JSON), and the error message of a file it refuses, in the words Workplan always used.
namespace Workplan::JsonFormat {

// simdjson reads up to this many bytes past the end of its input.
constexpr qsizetype kJsonPadding = 64;

// Whether the text holds a \uD800-\uDFFF escape (simdjson refuses a lone one).
bool hasSurrogateEscape(const char *p, qsizetype n);

// The first of 64 blocks of 2048 private-use code points (planes 15 and 16) the text does
// not hold raw, or 0 when it holds a character of every block.
char32_t freeMarkerBlock(const char *p, qsizetype n);

// The text with, when markerBase != 0, every surrogate escape \uD800+k in a string turned
// into the character markerBase+k (DomValues turns it back into the lone UTF-16 unit
// Qt's reader made), and, when `bigIntegers`, every integer past 64 bits spelled with
// ".0" so that it reads as the double Qt's reader made of it. kJsonPadding zero bytes
// follow size().
QByteArray rewriteForSimdjson(const char *p, qsizetype n, char32_t markerBase, bool bigIntegers);

// An integer past 64 bits spelled as a double of the same length and value, as Qt's
// reader took it ("18446744073709551616" -> "184467440737095520e2"); nullopt past a
// double's range (or too short to hold the spelling).
std::optional<QByteArray> sameLengthDouble(std::string_view integer);

// One change respellBigIntegers() made: the text that was at `at`.
struct Respelled
{
    qsizetype at;
    QByteArray original;
};
// Every integer past 64 bits of [p, p + n) spelled in place by sameLengthDouble(): the
// text keeps its length and structure, so simdjson's index of it (`index`, `count`
// positions, from its first stage) stays valid and only its second stage runs again (a
// file with one such number no longer pays a copy and a whole second parse). False when
// one has no such spelling: then nothing is changed. undoRespelling() puts the text back.
bool respellBigIntegers(char *p, qsizetype n, const std::uint32_t *index, std::size_t count, std::vector<Respelled> *undo);
void undoRespelling(char *p, const std::vector<Respelled> &undo);

// Why a file that did not parse is not JSON, as "not UTF-8 (...)" or "not valid JSON: ...
// at line L, column C" (Qt's words, as before); nullopt when Qt's reader takes the file
// and nothing in it breaks RFC 8259's grammar (then it is too deep for simdjson only).
// `data` is the file less its byte order mark.
std::optional<QString> syntaxError(const QByteArray &data);

} // namespace Workplan::JsonFormat
