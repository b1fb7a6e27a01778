#include "jsonprepare.h"

#include "jsontext.h"

#include "../../pageadvice.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace Workplan::JsonFormat {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexDigit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The value of the four hex digits at p, or -1.
int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; ++i) {
        const int h = hexDigit(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

// p is at a backslash: is it \uD800-\uDFFF?
bool isSurrogateEscape(const char *p, const char *end)
{
    if (end - p < 6 || p[1] != 'u')
        return false;
    const int v = hex4(p + 2);
    return v >= 0xD800 && v <= 0xDFFF;
}

void appendUtf8(QByteArray &out, char32_t cp)   // a code point of planes 15-16 (4 bytes)
{
    const char bytes[4] = {char(0xF0 | (cp >> 18)), char(0x80 | ((cp >> 12) & 0x3F)),
                           char(0x80 | ((cp >> 6) & 0x3F)), char(0x80 | (cp & 0x3F))};
    out.append(bytes, 4);
}

bool isNumberChar(char c) { return isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'; }

// Whether the integer [q, r) fits in 64 bits (signed when negative), as simdjson reads it.
bool fitsIn64Bits(const char *q, const char *r)
{
    if (*q == '-') {
        std::int64_t v;
        const auto res = std::from_chars(q, r, v);
        return res.ec == std::errc() && res.ptr == r;
    }
    std::uint64_t v;
    const auto res = std::from_chars(q, r, v);
    return res.ec == std::errc() && res.ptr == r;
}

// The number token that starts at q (before end) ends at *tokenEnd; true when it is an
// integer past 64 bits, the numbers simdjson refuses and Qt's reader took as doubles. One
// rule for both rewrites (copying and in place), which must agree on them.
bool isIntegerPast64Bits(const char *q, const char *end, const char **tokenEnd)
{
    const char *r = q + 1;
    bool integral = true;
    for (; r < end && isNumberChar(*r); ++r)
        integral = integral && isDigit(*r);
    *tokenEnd = r;
    return integral && r - q >= 19 && !fitsIn64Bits(q, r);
}

// The marker standing for the surrogate escape at q (markerBase + its offset from D800).
void appendMarker(QByteArray &out, const char *q, char32_t markerBase)
{
    appendUtf8(out, markerBase + char32_t(hex4(q + 2) - 0xD800));
}

// The first '"' or '\\' in [p, end), or end: sixteen bytes a step.
const char *untilQuoteOrBackslash(const char *p, const char *end)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (; end - p >= 16; p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const int hit = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        if (hit)
            return p + __builtin_ctz(unsigned(hit));
    }
#endif
    while (p < end && *p != '"' && *p != '\\')
        ++p;
    return p;
}

// RFC 8259's number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, all of [b, e).
bool strictNumber(const char *b, const char *e)
{
    if (b < e && *b == '-')
        ++b;
    if (b == e || !isDigit(*b))
        return false;
    if (*b == '0')
        ++b;
    else
        while (b < e && isDigit(*b))
            ++b;
    auto digits = [&] {
        const char *d = b;
        while (b < e && isDigit(*b))
            ++b;
        return b > d;
    };
    if (b < e && *b == '.' && !(++b, digits()))
        return false;
    if (b < e && (*b == 'e' || *b == 'E')) {
        ++b;
        if (b < e && (*b == '+' || *b == '-'))
            ++b;
        if (!digits())
            return false;
    }
    return b == e;
}

struct Violation
{
    qsizetype at;
    const char *problem;
};

// The first thing Qt's reader takes that RFC 8259 does not (simdjson keeps to the RFC): a
// raw control character or an unknown escape in a string, a number such as "1." or "01".
std::optional<Violation> firstNonJson(const char *p, qsizetype n)
{
    const char *end = p + n;
    const char *q = p;
    while (q < end) {
        if (*q == '"') {
            for (++q; q < end && *q != '"';) {
                if (static_cast<unsigned char>(*q) < 0x20)
                    return Violation{q - p, "a control character in a string must be escaped"};
                if (*q != '\\') {
                    ++q;
                    continue;
                }
                if (end - q < 2)
                    break;
                if (q[1] == 'u') {
                    if (end - q < 6 || hex4(q + 2) < 0)
                        return Violation{q - p, "invalid escape in a string"};
                    q += 6;
                } else if (q[1] && std::strchr("\"\\/bfnrt", q[1])) {
                    q += 2;
                } else {
                    return Violation{q - p, "invalid escape in a string"};
                }
            }
            ++q;
        } else if (*q == '-' || *q == '+' || *q == '.' || isDigit(*q)) {   // Qt reads ".5" too
            const char *b = q;
            while (q < end && isNumberChar(*q))
                ++q;
            if (!strictNumber(b, q))
                return Violation{b - p, "invalid number"};
        } else {
            ++q;
        }
    }
    return std::nullopt;
}

} // namespace

bool hasSurrogateEscape(const char *p, qsizetype n)
{
    const char *end = p + n;
    for (const char *q = p; end - q >= 2;) {
        q = static_cast<const char *>(std::memchr(q, '\\', std::size_t(end - q)));
        if (!q)
            return false;
        if (isSurrogateEscape(q, end))
            return true;
        q += 2;   // the escaped character, a backslash too, starts no escape
    }
    return false;
}

char32_t freeMarkerBlock(const char *p, qsizetype n)
{
    quint64 used = 0;
    for (qsizetype i = 0; i + 3 < n; ++i) {
#ifdef __SSE2__
        // Sixteen bytes a step up to one from 0xF3 on (the lead byte of planes 15 and 16).
        const __m128i from = _mm_set1_epi8(char(0xF3));
        while (i + 16 <= n) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
            const int hit = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, from), v));
            if (hit) {
                i += __builtin_ctz(unsigned(hit));
                break;
            }
            i += 16;
        }
        if (i + 3 >= n)
            break;
#endif
        const auto c = static_cast<unsigned char>(p[i]);
        if (c != 0xF3 && c != 0xF4)
            continue;
        const char32_t cp = (char32_t(c & 0x07) << 18) | (char32_t(p[i + 1] & 0x3F) << 12)
            | (char32_t(p[i + 2] & 0x3F) << 6) | char32_t(p[i + 3] & 0x3F);
        if (cp >= 0xF0000 && cp <= 0x10FFFF)
            used |= quint64(1) << ((cp - 0xF0000) >> 11);
    }
    for (int b = 0; b < 64; ++b) {
        if (!(used & (quint64(1) << b)))
            return char32_t(0xF0000 + b * 2048);
    }
    return 0;
}

QByteArray rewriteForSimdjson(const char *p, qsizetype n, char32_t markerBase, bool bigIntegers)
{
    QByteArray out;
    out.reserve(n + n / 16 + kJsonPadding);
    adviseHugePages(out.data(), std::size_t(out.capacity()));
    const char *end = p + n;
    if (!bigIntegers) {
        // Only the surrogate escapes change: the text between them is copied whole (walked
        // byte by byte, string by string, this was most of loading a file with one lone
        // surrogate). A backslash only ever stands in a string (elsewhere the text is not
        // JSON, and stays not JSON), and escapes itself: "\\ud800" is no surrogate.
        const char *run = p;
        for (const char *q = p; end - q >= 2;) {
            q = static_cast<const char *>(std::memchr(q, '\\', std::size_t(end - q)));
            if (!q)
                break;
            if (markerBase && isSurrogateEscape(q, end)) {
                out.append(run, q - run);
                appendMarker(out, q, markerBase);
                q += 6;
                run = q;
            } else {
                q += 2;
            }
        }
        out.append(run, end - run);
        out.append(kJsonPadding, '\0');
        out.resize(out.size() - kJsonPadding);
        return out;
    }
    // Integers past 64 bits as well: they get a fraction (Qt's reader took them as doubles).
    // Only the changed places break the copy into runs; strings are crossed sixteen bytes a
    // step.
    const char *run = p;
    const char *q = p;
    bool inString = false;
    while (q < end) {
        if (inString) {
            q = untilQuoteOrBackslash(q, end);
            if (q == end)
                break;
            if (*q == '"') {
                ++q;
                inString = false;
            } else if (markerBase && isSurrogateEscape(q, end)) {
                out.append(run, q - run);
                appendMarker(out, q, markerBase);
                q += 6;
                run = q;
            } else {
                q += std::min<qsizetype>(2, end - q);
            }
            continue;
        }
        const char c = *q;
        if (c == '-' || isDigit(c)) {
            const char *r = nullptr;
            if (isIntegerPast64Bits(q, end, &r)) {
                out.append(run, r - run);
                out += ".0";
                run = r;
            }
            q = r;
            continue;
        }
        inString = c == '"';
        ++q;
    }
    out.append(run, end - run);
    // Zeros past the end for simdjson; a shrinking resize keeps the allocation.
    out.append(kJsonPadding, '\0');
    out.resize(out.size() - kJsonPadding);
    return out;
}

std::optional<QByteArray> sameLengthDouble(std::string_view integer)
{
    const char *b = integer.data(), *e = b + integer.size();
    double d = 0;
    const auto parsed = std::from_chars(b, e, d);
    if (parsed.ec != std::errc() || parsed.ptr != e || !std::isfinite(d))
        return std::nullopt;
    const bool negative = *b == '-';
    const qsizetype length = qsizetype(integer.size()) - (negative ? 1 : 0);
    // The shortest digits that read back as d, and their exponent: d = digits x 10^E.
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(d), std::chars_format::scientific);
    const std::string_view sci(buf, std::size_t(r.ptr - buf));
    const std::size_t ePos = sci.find('e');
    if (ePos == std::string_view::npos)
        return std::nullopt;
    std::string digits;
    for (const char c : sci.substr(0, ePos)) {
        if (c != '.')
            digits += c;
    }
    int exponent10 = 0;
    std::from_chars(sci.data() + ePos + 1 + (sci[ePos + 1] == '+' ? 1 : 0), sci.data() + sci.size(), exponent10);
    const qsizetype k = qsizetype(digits.size());
    const qsizetype E = exponent10 - (k - 1);
    // m digits (the shortest ones, then zeros), 'e', X: m + 1 + digits of X = length.
    for (qsizetype xl = 1; xl <= 3; ++xl) {
        const qsizetype m = length - 1 - xl;
        const qsizetype X = E - (m - k);
        if (m < k || X < 0 || QByteArray::number(X).size() != xl)
            continue;
        QByteArray out;
        if (negative)
            out += '-';
        out += QByteArray(digits.data(), k);
        out += QByteArray(m - k, '0');
        out += 'e';
        out += QByteArray::number(X);
        return out;
    }
    return std::nullopt;
}

bool respellBigIntegers(char *p, qsizetype n, const std::uint32_t *index, std::size_t count, std::vector<Respelled> *undo)
{
    const char *end = p + n;
    // One run of digits [first, last): a number past 64 bits when it starts a value the
    // first stage indexed (digits inside a string never do), respelled in place.
    auto run = [&](qsizetype first, qsizetype last) {
        if (last - first < 18)   // (with a sign, 19 characters)
            return true;
        const qsizetype start = first > 0 && p[first - 1] == '-' ? first - 1 : first;
        if (!std::binary_search(index, index + count, std::uint32_t(start)))
            return true;
        const char *q = p + start;
        const char *r = nullptr;
        if (!isIntegerPast64Bits(q, end, &r))
            return true;
        const auto spelled = sameLengthDouble(std::string_view(q, std::size_t(r - q)));
        if (!spelled || spelled->size() != r - q)
            return false;
        undo->push_back({start, QByteArray(q, r - q)});
        std::memcpy(p + start, spelled->constData(), std::size_t(spelled->size()));
        return true;
    };
    // Runs of 18 digits or more, found sixteen bytes a step: a run is carried from block
    // to block; one that begins and ends inside a block is shorter than 16.
    qsizetype i = 0, runStart = -1;
#ifdef __SSE2__
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8('9');
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        const unsigned notDigit = unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, zero), _mm_cmpgt_epi8(v, nine))));
        if (notDigit == 0) {
            if (runStart < 0)
                runStart = i;
            continue;
        }
        if (runStart >= 0) {
            if (!run(runStart, i + __builtin_ctz(notDigit))) {
                undoRespelling(p, *undo);
                return false;
            }
            runStart = -1;
        }
        // Digits at the top of the block may open a run that goes on.
        const unsigned top = notDigit & 0xFFFFu;
        const int trailing = __builtin_clz(top) - 16;   // digits after the last non-digit
        if (trailing > 0)
            runStart = i + 16 - trailing;
    }
#endif
    for (; i < n; ++i) {
        if (p[i] >= '0' && p[i] <= '9') {
            if (runStart < 0)
                runStart = i;
            continue;
        }
        if (runStart >= 0 && !run(runStart, i)) {
            undoRespelling(p, *undo);
            return false;
        }
        runStart = -1;
    }
    if (runStart >= 0 && !run(runStart, n)) {
        undoRespelling(p, *undo);
        return false;
    }
    return !undo->empty();
}

void undoRespelling(char *p, const std::vector<Respelled> &undo)
{
    for (const Respelled &r : undo)
        std::memcpy(p + r.at, r.original.constData(), std::size_t(r.original.size()));
}

std::optional<QString> syntaxError(const QByteArray &data)
{
    bool hasFeff = false;
    const qsizetype bad = firstInvalidUtf8(data, &hasFeff);
    if (bad >= 0)
        return QStringLiteral("not UTF-8 (invalid byte at %1)").arg(lineColumn(data, bad));

    // Qt's parser drops a raw U+FEFF that opens a string as if it were a byte order mark;
    // spelled as an escape it is kept, so its message is about the text as written.
    QByteArray escaped = data;
    std::vector<qsizetype> escapedBoms;   // where each escape starts in `escaped`
    if (hasFeff) {
        escaped.clear();
        escaped.reserve(data.size() + 64);
        qsizetype from = 0;
        for (qsizetype at; (at = data.indexOf("\xEF\xBB\xBF", from)) >= 0; from = at + 3) {
            escaped.append(data.constData() + from, at - from);
            escapedBoms.push_back(escaped.size());
            escaped.append("\\ufeff");
        }
        escaped.append(data.constData() + from, data.size() - from);
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(escaped, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // The offset in the file as written, before the escapes.
        qsizetype offset = parseError.offset;
        for (const qsizetype at : escapedBoms) {
            if (at >= parseError.offset)
                break;
            offset -= std::min<qsizetype>(3, parseError.offset - at);
        }
        return QStringLiteral("not valid JSON: %1 at %2").arg(parseError.errorString(), lineColumn(data, offset));
    }
    if (!doc.isArray() && !doc.isObject())
        return QStringLiteral("the top level must be an object or an array of tasks");
    if (const auto v = firstNonJson(data.constData(), data.size()))
        return QStringLiteral("not valid JSON: %1 at %2").arg(QLatin1String(v->problem), lineColumn(data, v->at));
    return std::nullopt;
}

} // namespace Workplan::JsonFormat
