#include "jsonwriter.h"

#include "model/attributes.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cmath>
#include <limits>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace Workplan {

namespace {

// Shortest round-trip text of d into buf; returns the length. Shared by formatDouble and
// the writer, which appends it without a temporary QByteArray.
int formatDoubleInto(char *buf, int size, double d, bool forceFraction)
{
    if (!std::isfinite(d)) {
        std::memcpy(buf, "null", 4);        // JSON has no inf/nan
        return 4;
    }
    if (d == 0)
        d = 0;                              // no "-0"
    const auto res = std::to_chars(buf, buf + size - 2, d);
    int len = int(res.ptr - buf);
    if (forceFraction && !std::memchr(buf, '.', len) && !std::memchr(buf, 'e', len)) {
        buf[len++] = '.';
        buf[len++] = '0';
    }
    return len;
}

} // namespace

QByteArray formatDouble(double d, bool forceFraction)
{
    char buf[64];
    return QByteArray(buf, formatDoubleInto(buf, sizeof buf, d, forceFraction));
}

void JsonWriter::setSink(Sink sink, qsizetype chunk)
{
    m_sink = std::move(sink);
    m_chunk = chunk;
}

void JsonWriter::flush()
{
    if (m_sink && m_size > 0)
        m_sink(m_out.constData(), m_size);
    m_size = 0;
}

void JsonWriter::grow(qsizetype n)
{
    if (m_sink) {
        // Hand over what is written and reuse the buffer; only a single piece larger than
        // the buffer makes it grow.
        flush();
        if (m_out.size() < std::max(n, m_chunk))
            m_out.resize(std::max(n, m_chunk));
        return;
    }
    // Doubling, in place: the bytes past m_size are room, cut off by take().
    m_out.resize(std::max(m_size + n, 2 * m_out.size() + 4096));
}

QByteArray JsonWriter::take()
{
    m_out.truncate(m_size);
    m_size = 0;
    return std::move(m_out);
}

void JsonWriter::newline()
{
    if (m_indent <= 0)
        return;
    const qsizetype spaces = qsizetype(m_stack.size()) * m_indent;
    char *p = room(1 + spaces);
    *p = '\n';
    std::memset(p + 1, ' ', size_t(spaces));
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_stack.empty())
        return;
    Level &l = m_stack.back();
    if (!l.first)
        put(',');
    l.first = false;
    newline();
}

void JsonWriter::beginObject()
{
    beforeValue();
    put('{');
    m_stack.push_back({true, true});
}

void JsonWriter::endObject()
{
    const bool empty = m_stack.back().first;
    m_stack.pop_back();
    if (!empty)
        newline();
    put('}');
}

void JsonWriter::beginArray()
{
    beforeValue();
    put('[');
    m_stack.push_back({true, false});
}

void JsonWriter::endArray()
{
    const bool empty = m_stack.back().first;
    m_stack.pop_back();
    if (!empty)
        newline();
    put(']');
}

void JsonWriter::key(QStringView name)
{
    beforeValue();
    writeString(name);
    afterKey();
}

void JsonWriter::key(const char *latin1Name)
{
    beforeValue();
    writeLatin1String(latin1Name);
    afterKey();
}

void JsonWriter::spelledKey(QByteArrayView quoted)
{
    beforeValue();
    put(quoted.data(), quoted.size());
    afterKey();
}

void JsonWriter::afterKey()
{
    if (m_indent > 0)
        put(": ");
    else
        put(':');
    m_afterKey = true;
}

void JsonWriter::spelledValue(QByteArrayView quoted)
{
    beforeValue();
    put(quoted.data(), quoted.size());
}

void JsonWriter::writeEscaped(const char *begin, const char *end)
{
    // Runs of plain characters go in with one append.
    const char *run = begin;
    for (const char *p = begin; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(run, p - run);
        run = p + 1;
        switch (c) {
        case '"': put("\\\""); break;
        case '\\': put("\\\\"); break;
        case '\n': put("\\n"); break;
        case '\r': put("\\r"); break;
        case '\t': put("\\t"); break;
        case '\b': put("\\b"); break;
        case '\f': put("\\f"); break;
        default: {
            static const char hex[] = "0123456789abcdef";
            const char esc[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
            put(esc, sizeof esc);
        }
        }
    }
    put(run, end - run);
}

void JsonWriter::writeString(QStringView s)
{
    // Ids and most texts are plain ASCII: narrowed straight into the output in one pass.
    // At the first character that needs more, the plain prefix stays and the rest goes
    // character by character.
    const qsizetype n = s.size();
    const char16_t *u = s.utf16();
    char *out = room(n + 2);
    const qsizetype start = m_size - (n + 2);   // room() may have handed the text over
    *out++ = '"';
    qsizetype i = 0;
#ifdef __SSE2__
    // Eight units at a time: a report is mostly ids, and this loop was a tenth of
    // `analyze --json` on a 100k-task plan one unit at a time.
    const __m128i space = _mm_set1_epi16(0x20), span = _mm_set1_epi16(0x7f - 0x20);
    const __m128i quote = _mm_set1_epi16('"'), backslash = _mm_set1_epi16('\\');
    for (; i + 8 <= n; i += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(u + i));
        // Outside 0x20..0x7f (unsigned: below 0x20 wraps round), or a quote or backslash.
        const __m128i outside = _mm_subs_epu16(_mm_sub_epi16(v, space), span);
        const __m128i special = _mm_or_si128(_mm_cmpeq_epi16(v, quote), _mm_cmpeq_epi16(v, backslash));
        const __m128i plain = _mm_cmpeq_epi16(_mm_or_si128(outside, special), _mm_setzero_si128());
        if (_mm_movemask_epi8(plain) != 0xffff)
            break;
        _mm_storel_epi64(reinterpret_cast<__m128i *>(out + i), _mm_packus_epi16(v, v));
    }
#endif
    for (; i < n; ++i) {
        const char16_t c = u[i];
        if (c >= 0x80 || c < 0x20 || c == u'"' || c == u'\\')
            break;
        out[i] = char(c);
    }
    if (i == n) {
        out[n] = '"';
        return;
    }
    m_size = start + 1 + i;
    static const char hex[] = "0123456789abcdef";
    auto escape = [this](char16_t unit) {
        const char e[6] = {'\\', 'u', hex[(unit >> 12) & 0xf], hex[(unit >> 8) & 0xf], hex[(unit >> 4) & 0xf], hex[unit & 0xf]};
        put(e, 6);
    };
    for (; i < n; ++i) {
        const char16_t c = s[i].unicode();
        if (c < 0x80) {
            const char ch = char(c);
            writeEscaped(&ch, &ch + 1);
        } else if (c < 0x800) {
            put(char(0xC0 | (c >> 6)));
            put(char(0x80 | (c & 0x3F)));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && s[i + 1].isLowSurrogate()) {
            const char32_t cp = QChar::surrogateToUcs4(c, s[i + 1].unicode());
            ++i;
            put(char(0xF0 | (cp >> 18)));
            put(char(0x80 | ((cp >> 12) & 0x3F)));
            put(char(0x80 | ((cp >> 6) & 0x3F)));
            put(char(0x80 | (cp & 0x3F)));
        } else if (QChar::isSurrogate(c) || c == 0xFEFF) {
            // A lone surrogate (JSON allows "\ud800") has no UTF-8 form; toUtf8() would turn
            // it into U+FFFD. A raw U+FEFF opening a string is dropped by Qt's parser as a
            // byte order mark. Both stay escapes so the value reads back unchanged.
            escape(c);
        } else {
            put(char(0xE0 | (c >> 12)));
            put(char(0x80 | ((c >> 6) & 0x3F)));
            put(char(0x80 | (c & 0x3F)));
        }
    }
    put('"');
}

void JsonWriter::writeLatin1String(const char *latin1)
{
    // The report's keys and words: plain ASCII, copied and checked in one pass.
    const std::size_t n = std::strlen(latin1);
    char *out = room(qsizetype(n) + 2);
    const qsizetype start = m_size - (qsizetype(n) + 2);   // room() may have handed over
    *out++ = '"';
    std::size_t i = 0;
    for (; i < n; ++i) {
        const auto c = static_cast<unsigned char>(latin1[i]);
        if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\')
            break;
        out[i] = char(c);
    }
    if (i == n) {
        out[n] = '"';
        return;
    }
    m_size = start;   // something to escape or widen: the careful way
    bool ascii = true;
    for (std::size_t k = 0; ascii && k < n; ++k)
        ascii = static_cast<unsigned char>(latin1[k]) < 0x80;
    if (!ascii) {
        writeString(QString::fromLatin1(latin1, qsizetype(n)));
        return;
    }
    put('"');
    writeEscaped(latin1, latin1 + n);
    put('"');
}

void JsonWriter::value(QStringView s)
{
    beforeValue();
    writeString(s);
}

void JsonWriter::value(const char *latin1)
{
    beforeValue();
    writeLatin1String(latin1);
}

void JsonWriter::value(bool b)
{
    beforeValue();
    if (b)
        put("true");
    else
        put("false");
}

void JsonWriter::null()
{
    beforeValue();
    put("null");
}

void JsonWriter::number(double d)
{
    beforeValue();
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0) {
        appendInteger(qint64(d));
    } else {
        char buf[64];
        put(buf, formatDoubleInto(buf, sizeof buf, d, false));
    }
}

void JsonWriter::hours(double d)
{
    beforeValue();
    // Sums and differences of hours pick up float noise (LS - ES = 2.8e-17); a nanohour
    // grid is far below any figure a plan can mean and prints them as people expect.
    if (std::fabs(d) < 1e6)
        d = std::round(d * 1e9) / 1e9;
    // Most hours are whole or a few decimals: printed from an integer count of millionths
    // when that is exactly the value. Between 0.001 and 65536 that text is the unique
    // shortest one that reads back as d (two texts with at most six decimals differ by more
    // than d's spacing there), and std::to_chars would print it in fixed notation too, so
    // the output is the same; elsewhere std::to_chars decides.
    const double a = std::fabs(d);
    if (a < 65536.0 && (a >= 0.001 || d == 0)) {
        const long long millionths = std::llround(d * 1e6);
        if (double(millionths) / 1e6 == d) {
            char buf[32];
            char *p = buf;
            const unsigned long long m = millionths < 0 ? 0ULL - (unsigned long long)millionths : (unsigned long long)millionths;
            if (millionths < 0)
                *p++ = '-';
            p = std::to_chars(p, buf + sizeof buf, m / 1000000).ptr;
            *p++ = '.';
            unsigned long long frac = m % 1000000;
            if (frac == 0) {
                *p++ = '0';
            } else {
                int digits = 6;
                while (frac % 10 == 0) {
                    frac /= 10;
                    --digits;
                }
                for (int k = digits - 1; k >= 0; --k) {
                    p[k] = char('0' + frac % 10);
                    frac /= 10;
                }
                p += digits;
            }
            put(buf, p - buf);
            return;
        }
    }
    char buf[64];
    put(buf, formatDoubleInto(buf, sizeof buf, d, true));
}

void JsonWriter::integer(long long i)
{
    beforeValue();
    appendInteger(i);
}

void JsonWriter::appendInteger(long long i)
{
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, i);
    put(buf, res.ptr - buf);
}

void JsonWriter::json(const Attributes &a)
{
    const QByteArray &text = a.canonicalJson();
    if (text.isNull() || m_indent > 0) {
        json(QJsonValue(a.toObject()));
        return;
    }
    // The canonical text is what json(QJsonValue) writes for the object here.
    beforeValue();
    put(text.constData(), text.size());
}

void JsonWriter::json(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        null();
        break;
    case QJsonValue::Bool:
        value(v.toBool());
        break;
    case QJsonValue::Double: {
        // Qt keeps integers as qint64; write them back exactly, even past 2^53.
        constexpr qint64 notIntegral = std::numeric_limits<qint64>::min();
        const qint64 i = v.toInteger(notIntegral);
        if (i != notIntegral)
            integer(i);
        else
            number(v.toDouble());
        break;
    }
    case QJsonValue::String:
        value(v.toString());
        break;
    case QJsonValue::Array: {
        beginArray();
        const QJsonArray a = v.toArray();
        for (const QJsonValue &e : a)
            json(e);
        endArray();
        break;
    }
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            key(it.key());
            json(it.value());
        }
        endObject();
        break;
    }
    }
}

QByteArray compactJson(const QJsonValue &v)
{
    JsonWriter w;
    w.json(v);
    return w.take();
}

} // namespace Workplan
