#include "jsondom.h"

#include "jsonwriter.h"

#include <charconv>
#include <cmath>

#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace Workplan::JsonFormat {

namespace {

using simdjson::dom::element_type;

// As Qt's reader stores a number it parsed as a double (convertDoubleTo): an integral
// value in qint64's range becomes an integer, so 1.0 and 1e2 are the integers 1 and 100.
QJsonValue fromDouble(double d)
{
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && double(qint64(d)) == d)
        return QJsonValue(qint64(d));
    return QJsonValue(d);
}

bool isAscii(std::string_view s)
{
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

// Whether `s` may hold a marker (jsonprepare.h: a character of planes 15 or 16, whose
// UTF-8 opens with 0xF3 or 0xF4): most strings of a file with markers hold none.
bool mayHoldMarker(std::string_view s)
{
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0xF3)
            return true;
    }
    return false;
}

// The code point of the four-byte UTF-8 sequence at p (valid: simdjson checked it).
char32_t fourByteCodePoint(const char *p)
{
    return (char32_t(static_cast<unsigned char>(p[0]) & 0x07) << 18) | (char32_t(static_cast<unsigned char>(p[1]) & 0x3F) << 12)
         | (char32_t(static_cast<unsigned char>(p[2]) & 0x3F) << 6) | char32_t(static_cast<unsigned char>(p[3]) & 0x3F);
}

} // namespace

QString DomValues::text(std::string_view s) const
{
    QString out;
    // QString::fromUtf8 drops a U+FEFF that opens the text as a byte order mark (the
    // fault of Qt's own reader that tst_hostile pins): here it is text, and kept.
    if (s.size() >= 3 && std::memcmp(s.data(), "\xEF\xBB\xBF", 3) == 0)
        out = QChar(char16_t(0xFEFF)) + QString::fromUtf8(s.data() + 3, qsizetype(s.size() - 3));
    else
        out = QString::fromUtf8(s.data(), qsizetype(s.size()));
    if (!m_markerBase || !mayHoldMarker(s))
        return out;
    // Each marker (a pair of UTF-16 units) back to the lone unit its escape spelled.
    qsizetype to = 0;
    for (qsizetype from = 0; from < out.size(); ++from) {
        const char16_t u = out.at(from).unicode();
        if (u >= 0xDB80 && u <= 0xDBFF && from + 1 < out.size()) {
            const char32_t cp = QChar::surrogateToUcs4(u, out.at(from + 1).unicode());
            if (cp >= m_markerBase && cp < m_markerBase + 2048) {
                out[to++] = QChar(char16_t(0xD800 + (cp - m_markerBase)));
                ++from;
                continue;
            }
        }
        out[to++] = QChar(u);
    }
    out.truncate(to);
    return out;
}

QJsonValue DomValues::value(simdjson::dom::element e) const
{
    switch (e.type()) {
    case element_type::OBJECT: return object(e.get_object().value_unsafe());
    case element_type::ARRAY: return array(e.get_array().value_unsafe());
    case element_type::STRING: {
        const std::string_view s = string(e);
        if (isAscii(s))   // (no marker either)
            return QJsonValue(QLatin1StringView(s.data(), qsizetype(s.size())));
        return QJsonValue(text(s));
    }
    case element_type::INT64: return QJsonValue(qint64(e.get_int64().value_unsafe()));
    // Past qint64 Qt's reader takes the double, at or above 2^63 so never made an integer.
    case element_type::UINT64: return QJsonValue(double(e.get_uint64().value_unsafe()));
    case element_type::DOUBLE: return fromDouble(e.get_double().value_unsafe());
    case element_type::BOOL: return QJsonValue(e.get_bool().value_unsafe());
    case element_type::NULL_VALUE: break;
    }
    return QJsonValue(QJsonValue::Null);
}

void DomValues::insert(QJsonObject &into, std::string_view key, simdjson::dom::element v) const
{
    if (isAscii(key))
        into.insert(QLatin1StringView(key.data(), qsizetype(key.size())), value(v));
    else
        into.insert(text(key), value(v));
}

// QJsonObject::insert() makes a temporary value of each key and grows the object a key at
// a time, several allocations per key, which at 100k attribute objects is most of a load.
// A copy of an object with the same keys only has its values set: one copy, no key work.
// The shape of a key list (cached; null past kMaxShapes of them).
template<typename Fields>
const DomValues::Shape *DomValues::shapeOf(const Fields &fields) const
{
    constexpr std::size_t kMaxShapes = 512;   // files whose objects share no keys gain nothing
    // The last shape at this depth first, read against its signature in place: objects in
    // a row mostly have the same keys, and spelling and hashing the signature of 30 keys
    // was a tenth of reading big attribute objects.
    if (std::size_t(m_depth) >= m_lastShape.size())
        m_lastShape.resize(std::size_t(m_depth) + 1);
    LastShape &last = m_lastShape[std::size_t(m_depth)];
    if (last.shape) {
        const char *at = last.signature.data();
        const char *const end = at + last.signature.size();
        bool same = true;
        for (const auto field : fields) {
            std::uint32_t n = 0;
            if (end - at < std::ptrdiff_t(sizeof n)) {
                same = false;
                break;
            }
            std::memcpy(&n, at, sizeof n);
            at += sizeof n;
            if (n != field.key.size() || std::size_t(end - at) < n || std::memcmp(at, field.key.data(), n) != 0) {
                same = false;
                break;
            }
            at += n;
        }
        if (same && at == end)
            return last.shape;
    }
    m_shapeKey.clear();
    for (const auto field : fields) {   // sizes first, so no two key lists spell one signature
        const auto n = std::uint32_t(field.key.size());
        m_shapeKey.append(reinterpret_cast<const char *>(&n), sizeof n);
        m_shapeKey.append(field.key);
    }
    auto shape = m_shapes.find(m_shapeKey);
    if (shape == m_shapes.end()) {
        if (m_shapes.size() >= kMaxShapes)
            return nullptr;
        Shape made;
        auto keyOf = [&](std::string_view key) {
            return isAscii(key) ? QString(QLatin1StringView(key.data(), qsizetype(key.size()))) : text(key);
        };
        for (const auto field : fields)
            made.empty.insert(keyOf(field.key), QJsonValue());
        for (const auto field : fields)
            made.slot.push_back(made.empty.constFind(keyOf(field.key)) - made.empty.constBegin());
        // Each slot's key as the compact form spells it, with its colon, written once.
        made.spelled.resize(std::size_t(made.empty.size()));
        std::size_t i = 0;
        for (const auto field : fields) {
            std::string &spelled = made.spelled[std::size_t(made.slot[i++])];
            spelled.clear();
            encodeString(field.key, spelled);
            spelled += ':';
            made.keyBits |= Attributes::keyBitUtf8(field.key.data(), qsizetype(field.key.size()));
        }
        shape = m_shapes.emplace(m_shapeKey, std::move(made)).first;
    }
    last.signature = m_shapeKey;
    last.shape = &shape->second;
    return &shape->second;
}

template<typename Fields>
QJsonObject DomValues::objectFrom(const Fields &fields, std::size_t count) const
{
    const Shape *shape = count < 2 ? nullptr : shapeOf(fields);
    if (!shape) {
        QJsonObject out;
        for (const auto field : fields)
            insert(out, field.key, field.value);
        return out;
    }
    QJsonObject out = shape->empty;
    const QJsonObject::iterator first = out.begin();   // the one copy
    std::size_t i = 0;
    // A repeated key is set twice, the last value staying, as Qt's reader keeps it.
    for (const auto field : fields)
        (first + shape->slot[i++]).value() = value(field.value);
    return out;
}

QJsonObject DomValues::object(simdjson::dom::object o) const
{
    return objectFrom(o, o.size());
}

QJsonObject DomValues::objectOf(const std::vector<simdjson::dom::key_value_pair> &fields) const
{
    return objectFrom(fields, fields.size());
}

Attributes DomValues::attributes(simdjson::dom::object o) const
{
    m_canonical.clear();
    quint32 bits = 0;
    const qsizetype count = encodeObject(o, m_canonical, &bits);
    if (count < 0)
        return Attributes(object(o));
    return compact(count, bits);
}

Attributes DomValues::attributesOf(const std::vector<simdjson::dom::key_value_pair> &fields) const
{
    if (fields.empty())
        return Attributes();
    m_canonical.clear();
    quint32 bits = 0;
    const qsizetype count = encodeFields(fields, m_canonical, &bits);
    if (count >= 0)
        return compact(count, bits);
    QJsonObject o;   // keys in too many orders to sort by shape
    for (const auto &f : fields)
        insert(o, f.key, f.value);
    return Attributes(o);
}

Attributes DomValues::compact(qsizetype count, quint32 keyBits) const
{
    return Attributes::fromCanonicalJson(m_pool.copy(m_canonical.data(), qsizetype(m_canonical.size())), count, keyBits);
}

// As JsonWriter::writeString spells the string: UTF-8 as it is, except `"`, `\`, control
// characters and U+FEFF (which Qt's reader would drop as a byte order mark) as escapes, and
// a marker (a surrogate escape of the file, jsonprepare.h) as the lone unit it stands for:
// an escape, or with the marker of its other half the character of the pair.
void DomValues::encodeString(std::string_view s, std::string &out) const
{
    out += '"';
    std::size_t run = 0;
    std::size_t i = 0;
#ifdef __SSE2__
    // Sixteen bytes at a time up to the first that may need more than copying: a control
    // character, a quote, a backslash, or 0xEF (which may open U+FEFF). Most attribute
    // texts have none, and this loop byte by byte was a fifth of reading big attributes.
    {
        const __m128i below = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
        const __m128i ef = _mm_set1_epi8(char(0xEF)), top = _mm_set1_epi8(char(0x80));
        // With markers, bytes from 0xF3 up (a marker's first) stop it too; else none do.
        const __m128i markerFrom = _mm_set1_epi8(char(m_markerBase ? 0xF3 : 0xFF));
        const __m128i noMarkers = _mm_set1_epi8(char(m_markerBase ? 0 : 0xFF));
        for (; i + 16 <= s.size(); i += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s.data() + i));
            // Below 0x20, as signed bytes after moving 0x00..0x1f to the bottom of the range.
            const __m128i control = _mm_cmplt_epi8(_mm_xor_si128(v, top), _mm_xor_si128(below, top));
            const __m128i marker = _mm_andnot_si128(noMarkers, _mm_cmpeq_epi8(_mm_max_epu8(v, markerFrom), v));
            const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                                 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, ef), control), marker));
            if (_mm_movemask_epi8(special) != 0)
                break;
        }
    }
#endif
    static const char hex[] = "0123456789abcdef";
    // The unit a marker at i stands for, or 0 (no marker there).
    auto markerAt = [&](std::size_t at) -> char16_t {
        if (!m_markerBase || at + 3 >= s.size() || static_cast<unsigned char>(s[at]) < 0xF3)
            return 0;
        const char32_t cp = fourByteCodePoint(s.data() + at);
        return cp >= m_markerBase && cp < m_markerBase + 2048 ? char16_t(0xD800 + (cp - m_markerBase)) : 0;
    };
    for (; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (const char16_t unit = markerAt(i)) {
            out.append(s.data() + run, i - run);
            const char16_t next = QChar::isHighSurrogate(unit) ? markerAt(i + 4) : 0;
            if (next && QChar::isLowSurrogate(next)) {   // a pair, spelled as the character
                const char32_t cp = QChar::surrogateToUcs4(unit, next);
                const char bytes[4] = {char(0xF0 | (cp >> 18)), char(0x80 | ((cp >> 12) & 0x3F)),
                                       char(0x80 | ((cp >> 6) & 0x3F)), char(0x80 | (cp & 0x3F))};
                out.append(bytes, 4);
                i += 7;
            } else {
                const char esc[] = {'\\', 'u', hex[(unit >> 12) & 0xf], hex[(unit >> 8) & 0xf], hex[(unit >> 4) & 0xf], hex[unit & 0xf]};
                out.append(esc, sizeof esc);
                i += 3;
            }
            run = i + 1;
            continue;
        }
        const bool bom = c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB
                      && static_cast<unsigned char>(s[i + 2]) == 0xBF;
        if (c >= 0x20 && c != '"' && c != '\\' && !bom)
            continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case 0xEF: out += "\\ufeff"; run = i + 3; i += 2; break;
        default: {
            const char esc[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
            out.append(esc, sizeof esc);
        }
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void DomValues::encode(simdjson::dom::element e, std::string &out) const
{
    char buf[64];
    switch (e.type()) {
    case element_type::OBJECT: {
        if (encodeObject(e.get_object().value_unsafe(), out) < 0) {
            JsonWriter w;   // keys in too many orders: sorted by Qt, written by the writer
            w.json(QJsonValue(object(e.get_object().value_unsafe())));
            const QByteArray text = w.take();
            out.append(text.constData(), std::size_t(text.size()));
        }
        return;
    }
    case element_type::ARRAY: {
        out += '[';
        bool first = true;
        const simdjson::dom::array items = e.get_array().value_unsafe();   // not a temporary's
        for (const simdjson::dom::element v : items) {
            if (!first)
                out += ',';
            first = false;
            encode(v, out);
        }
        out += ']';
        return;
    }
    case element_type::STRING: encodeString(string(e), out); return;
    case element_type::INT64: {
        const auto r = std::to_chars(buf, buf + sizeof buf, e.get_int64().value_unsafe());
        out.append(buf, std::size_t(r.ptr - buf));
        return;
    }
    case element_type::UINT64:
    case element_type::DOUBLE: {
        // As value() keeps it (fromDouble: an integral value in qint64's range is an
        // integer) and JsonWriter::json writes it (the shortest text of the double).
        const double d = toDouble(e);
        const bool integral = d >= -9223372036854775808.0 && d < 9223372036854775808.0 && double(qint64(d)) == d;
        const auto r = integral ? std::to_chars(buf, buf + sizeof buf, qint64(d)) : std::to_chars(buf, buf + sizeof buf, d);
        out.append(buf, std::size_t(r.ptr - buf));
        return;
    }
    case element_type::BOOL: out += e.get_bool().value_unsafe() ? "true" : "false"; return;
    case element_type::NULL_VALUE: break;
    }
    out += "null";
}

// QJsonObject's key order comes from the object's shape (its keys sorted once by Qt); a
// repeated key keeps its last value. -1: no shape (too many key orders in the file).
qsizetype DomValues::encodeObject(simdjson::dom::object o, std::string &out, quint32 *keyBits) const
{
    // The fields in scratch kept per nesting depth (a value may be an object too).
    if (std::size_t(m_depth) >= m_scratch.size())
        m_scratch.push_back(std::make_unique<Scratch>());
    Scratch &sc = *m_scratch[std::size_t(m_depth)];
    sc.fields.clear();
    for (const auto field : o)
        sc.fields.push_back(field);
    return encodeFields(sc.fields, out, keyBits);
}

qsizetype DomValues::encodeFields(const std::vector<simdjson::dom::key_value_pair> &fields, std::string &out,
                                  quint32 *keyBits) const
{
    const std::size_t n = fields.size();
    if (n < 2) {
        out += '{';
        for (const auto &field : fields) {
            if (keyBits)
                *keyBits |= Attributes::keyBitUtf8(field.key.data(), qsizetype(field.key.size()));
            encodeString(field.key, out);
            out += ':';
            encode(field.value, out);
        }
        out += '}';
        return qsizetype(n);
    }
    const Shape *shape = shapeOf(fields);
    if (!shape)
        return -1;
    if (keyBits)
        *keyBits |= shape->keyBits;
    if (std::size_t(m_depth) >= m_scratch.size())
        m_scratch.push_back(std::make_unique<Scratch>());
    std::vector<int> &fieldAt = m_scratch[std::size_t(m_depth)]->fieldAt;
    const qsizetype slotCount = shape->empty.size();
    fieldAt.assign(std::size_t(slotCount), 0);
    for (std::size_t i = 0; i < n; ++i)
        fieldAt[std::size_t(shape->slot[i])] = int(i);
    ++m_depth;
    out += '{';
    for (qsizetype k = 0; k < slotCount; ++k) {
        if (k > 0)
            out += ',';
        const auto &field = fields[std::size_t(fieldAt[std::size_t(k)])];
        out += shape->spelled[std::size_t(k)];
        encode(field.value, out);
    }
    out += '}';
    --m_depth;
    return slotCount;
}

QJsonArray DomValues::array(simdjson::dom::array a) const
{
    QJsonArray out;
    for (const simdjson::dom::element e : a)
        out.append(value(e));
    return out;
}

bool DomValues::isNumber(simdjson::dom::element e)
{
    const auto t = e.type();
    return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
}

double DomValues::toDouble(simdjson::dom::element e)
{
    switch (e.type()) {
    case element_type::INT64: return double(e.get_int64().value_unsafe());
    case element_type::UINT64: return double(e.get_uint64().value_unsafe());
    case element_type::DOUBLE: return e.get_double().value_unsafe();
    default: break;
    }
    return 0;
}

QString DomValues::typeName(simdjson::dom::element e)
{
    switch (e.type()) {
    case element_type::NULL_VALUE: return QStringLiteral("null");
    case element_type::BOOL: return QStringLiteral("a boolean");
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return QStringLiteral("a number");
    case element_type::STRING: return QStringLiteral("a string");
    case element_type::ARRAY: return QStringLiteral("an array");
    case element_type::OBJECT: return QStringLiteral("an object");
    }
    return QStringLiteral("missing");
}

} // namespace Workplan::JsonFormat
