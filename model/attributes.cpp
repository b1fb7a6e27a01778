#include "attributes.h"

#include <QJsonArray>

#include <charconv>
#include <cstring>

namespace Workplan {

namespace {

// Readers of the canonical text. It was written by JsonWriter (compact), so it is valid,
// has no white space, and spells strings with the writer's few escapes; nothing here
// guards against other input.

int hexDigit(char c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

// From the opening quote; leaves p after the closing one.
QString readString(const char *&p)
{
    ++p;
    const char *run = p;
    while (*p != '"' && *p != '\\')
        ++p;
    if (*p == '"') {   // no escapes: most strings
        const QString s = QString::fromUtf8(run, p - run);
        ++p;
        return s;
    }
    QString out = QString::fromUtf8(run, p - run);
    for (;;) {
        if (*p == '"') {
            ++p;
            return out;
        }
        if (*p != '\\') {
            run = p;
            while (*p != '"' && *p != '\\')
                ++p;
            out += QString::fromUtf8(run, p - run);
            continue;
        }
        ++p;
        switch (*p++) {
        case 'n': out += QLatin1Char('\n'); break;
        case 'r': out += QLatin1Char('\r'); break;
        case 't': out += QLatin1Char('\t'); break;
        case 'b': out += QLatin1Char('\b'); break;
        case 'f': out += QLatin1Char('\f'); break;
        case 'u': {
            // One UTF-16 unit, lone surrogates included: the writer escapes exactly those.
            const char16_t u = char16_t((hexDigit(p[0]) << 12) | (hexDigit(p[1]) << 8) | (hexDigit(p[2]) << 4) | hexDigit(p[3]));
            out += QChar(u);
            p += 4;
            break;
        }
        default: out += QLatin1Char(p[-1]); break;   // \" and \\ (and \/)
        }
    }
}

// As the JSON loader keeps a number (Qt's rule): integral values in qint64's range are
// integers, the rest doubles.
QJsonValue readNumber(const char *&p)
{
    const char *start = p;
    bool integral = true;
    while ((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == '.' || *p == 'e' || *p == 'E') {
        integral = integral && *p != '.' && *p != 'e' && *p != 'E';
        ++p;
    }
    if (integral) {
        qint64 i = 0;
        const auto r = std::from_chars(start, p, i);
        if (r.ec == std::errc() && r.ptr == p)
            return QJsonValue(i);
    }
    double d = 0;
    std::from_chars(start, p, d);
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && double(qint64(d)) == d)
        return QJsonValue(qint64(d));
    return QJsonValue(d);
}

QJsonValue readValue(const char *&p);

QJsonObject readObject(const char *&p)
{
    QJsonObject o;
    ++p;
    if (*p == '}') {
        ++p;
        return o;
    }
    for (;;) {
        const QString key = readString(p);
        ++p;   // ':'
        o.insert(key, readValue(p));
        if (*p++ == '}')
            return o;
    }
}

QJsonValue readValue(const char *&p)
{
    switch (*p) {
    case '{': return readObject(p);
    case '[': {
        QJsonArray a;
        ++p;
        if (*p == ']') {
            ++p;
            return a;
        }
        for (;;) {
            a.append(readValue(p));
            if (*p++ == ']')
                return a;
        }
    }
    case '"': return readString(p);
    case 't': p += 4; return true;
    case 'f': p += 5; return false;
    case 'n': p += 4; return QJsonValue::Null;
    default: return readNumber(p);
    }
}

// Past one value without reading it.
void skipValue(const char *&p)
{
    int depth = 0;
    do {
        switch (*p) {
        case '"':
            for (++p; *p != '"'; ++p) {
                if (*p == '\\')
                    ++p;
            }
            ++p;
            break;
        case '{':
        case '[': ++depth; ++p; break;
        case '}':
        case ']': --depth; ++p; break;
        default:
            ++p;
            if (depth == 0) {   // a scalar: to its end
                while (*p != ',' && *p != '}' && *p != ']')
                    ++p;
            }
            break;
        }
    } while (depth > 0);
}

// Whether the key at p (its opening quote) is `key`; p moves past it either way. Key is
// QStringView or QLatin1StringView.
template<typename Key>
bool keyIs(const char *&p, Key key)
{
    const char *q = p + 1;
    qsizetype i = 0;
    // ASCII without escapes, the usual key, compared in place.
    while (*q != '"' && *q != '\\' && static_cast<unsigned char>(*q) < 0x80 && i < key.size()
           && key[i].unicode() == char16_t(static_cast<unsigned char>(*q))) {
        ++q;
        ++i;
    }
    if (*q == '"') {
        p = q + 1;
        return i == key.size();
    }
    if (*q != '\\' && static_cast<unsigned char>(*q) < 0x80) {   // an ASCII difference
        skipValue(p);
        return false;
    }
    return readString(p) == key;
}

} // namespace

Attributes &Attributes::operator=(const QJsonObject &object)
{
    m_object = object;
    m_canonical = QByteArray();
    m_count = 0;
    m_keyBits = ~0u;
    return *this;
}

Attributes Attributes::fromCanonicalJson(QByteArray canonical, qsizetype count, quint32 keyBits)
{
    Attributes a;
    a.m_canonical = std::move(canonical);
    a.m_count = int(count);
    a.m_keyBits = keyBits;
    return a;
}

namespace {

// From a key's length and its first and last characters: keys of one project differ in
// those far more often than not, and it costs no pass over the key.
constexpr quint32 bitFor(qsizetype size, unsigned first, unsigned last)
{
    return 1u << ((std::size_t(size) * 7 + first * 3 + last) & 31);
}

} // namespace

quint32 Attributes::keyBit(QLatin1StringView key)
{
    return keyBitUtf8(key.data(), key.size());   // the same bytes when ASCII; else no bit
}

quint32 Attributes::keyBit(QStringView key)
{
    if (key.isEmpty())
        return 1u;
    // A non-ASCII character changes the length between UTF-16 and UTF-8: no bit.
    for (const QChar c : key) {
        if (c.unicode() >= 0x80)
            return ~0u;
    }
    return bitFor(key.size(), key.front().unicode(), key.back().unicode());
}

quint32 Attributes::keyBitUtf8(const char *key, qsizetype size)
{
    if (size == 0)
        return 1u;
    for (qsizetype i = 0; i < size; ++i) {
        if (static_cast<unsigned char>(key[i]) >= 0x80)
            return ~0u;
    }
    return bitFor(size, static_cast<unsigned char>(key[0]), static_cast<unsigned char>(key[size - 1]));
}

// The value of `key` in the canonical text (p at it), or nullptr.
template<typename Key>
const char *Attributes::find(Key key) const
{
    if (!(m_keyBits & keyBit(key)))
        return nullptr;   // no key of this object has its bit
    const char *p = m_canonical.constData();
    if (p[1] == '}')
        return nullptr;
    ++p;
    for (;;) {
        const bool match = keyIs(p, key);
        ++p;   // ':'
        if (match)
            return p;
        skipValue(p);
        if (*p++ == '}')
            return nullptr;
    }
}

QJsonValue Attributes::value(QStringView key) const
{
    if (m_canonical.isNull())
        return m_object.value(key);
    const char *p = find(key);
    return p ? readValue(p) : QJsonValue(QJsonValue::Undefined);
}

QJsonValue Attributes::value(QLatin1StringView key) const
{
    if (m_canonical.isNull())
        return m_object.value(key);
    const char *p = find(key);
    return p ? readValue(p) : QJsonValue(QJsonValue::Undefined);
}

bool Attributes::contains(QStringView key) const
{
    return m_canonical.isNull() ? m_object.contains(key) : find(key) != nullptr;
}

bool Attributes::contains(QLatin1StringView key) const
{
    return m_canonical.isNull() ? m_object.contains(key) : find(key) != nullptr;
}

Attributes::Scalar Attributes::scalar(QLatin1StringView key, QString &buffer) const
{
    Scalar out;
    if (m_canonical.isNull()) {
        const QJsonValue v = m_object.value(key);
        switch (v.type()) {
        case QJsonValue::Undefined: break;
        case QJsonValue::Null: out.kind = Scalar::Null; break;
        case QJsonValue::Double: out.kind = Scalar::Number; out.number = v.toDouble(); break;
        case QJsonValue::String:
            out.kind = Scalar::String;
            buffer = v.toString();
            out.text = buffer;
            break;
        default: out.kind = Scalar::Other; break;
        }
        return out;
    }
    const char *p = find(key);
    if (!p)
        return out;
    switch (*p) {
    case 'n': out.kind = Scalar::Null; return out;
    case 't':
    case 'f':
    case '{':
    case '[': out.kind = Scalar::Other; return out;
    case '"': {
        out.kind = Scalar::String;
        // Plain ASCII, the usual estimate ("3 days"), widened into the reused buffer.
        const char *q = p + 1;
        while (*q != '"' && *q != '\\' && static_cast<unsigned char>(*q) < 0x80)
            ++q;
        if (*q == '"') {
            const qsizetype n = q - (p + 1);
            buffer.resize(n);
            char16_t *d = reinterpret_cast<char16_t *>(buffer.data());
            for (qsizetype i = 0; i < n; ++i)
                d[i] = char16_t(p[1 + i]);
        } else {
            buffer = readString(p);
        }
        out.text = buffer;
        return out;
    }
    default:
        out.kind = Scalar::Number;
        out.number = readNumber(p).toDouble();
        return out;
    }
}

QStringList Attributes::keys() const
{
    if (m_canonical.isNull())
        return m_object.keys();
    QStringList out;
    out.reserve(m_count);
    const char *p = m_canonical.constData();
    if (p[1] == '}')
        return out;
    ++p;
    for (;;) {
        out.append(readString(p));
        ++p;
        skipValue(p);
        if (*p++ == '}')
            return out;
    }
}

QJsonObject Attributes::toObject() const
{
    if (m_canonical.isNull())
        return m_object;
    const char *p = m_canonical.constData();
    return readObject(p);
}

void Attributes::materialize()
{
    if (m_canonical.isNull())
        return;
    m_object = toObject();
    m_canonical = QByteArray();
    m_count = 0;
}

void Attributes::insert(const QString &key, const QJsonValue &value)
{
    materialize();
    m_object.insert(key, value);
}

void Attributes::remove(const QString &key)
{
    materialize();
    m_object.remove(key);
}

bool Attributes::operator==(const Attributes &o) const
{
    // One canonical text per object, so equal texts are equal objects; different texts can
    // still be equal values (an integer and the same double), which QJsonObject decides.
    if (!m_canonical.isNull() && !o.m_canonical.isNull() && m_canonical == o.m_canonical)
        return true;
    if (size() != o.size())
        return false;
    return toObject() == o.toObject();
}

} // namespace Workplan
