#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <cstring>

namespace Workplan::JsonFormat {

// The byte-level half of the fast path (jsonfastreader.cpp): JSON tokens read in place from
// a buffer, strictly, giving up (false) on anything outside the fast path's subset. All
// inline: these run once per byte of a large file.
class JsonScanner
{
protected:
    JsonScanner(const char *begin, const char *end) : m_p(begin), m_end(end) {}

    static constexpr int kMaxDepth = 200;
    // The bit members() takes for a field kept as it is (an unknown field, or §6/§7's
    // optional ones): any number of them, each key at most once (checked where kept).
    static constexpr unsigned kOther = 1u << 31;

    bool eat(char c)
    {
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    // A key without escapes, and the colon after it.
    bool rawKey(const char *&b, const char *&e)
    {
        if (!eat('"'))
            return false;
        b = m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\' || static_cast<unsigned char>(*m_p) < 0x20)
                return false;
            ++m_p;
        }
        e = m_p;
        if (!eat('"'))
            return false;
        space();
        if (!eat(':'))
            return false;
        space();
        return true;
    }

    // An object of known members: `member(key)` reads the value after the key and returns
    // the key's bit (one per known key), or 0 when the key is outside the fast path's
    // subset or its value does not read. A repeated key fails too; *seen gets the bits met.
    template<typename Member>
    bool members(unsigned *seen, Member member)
    {
        *seen = 0;
        if (!eat('{'))
            return false;
        space();
        if (eat('}'))
            return true;
        do {
            space();
            const char *kb, *ke;
            if (!rawKey(kb, ke))
                return false;
            const unsigned bit = member(QByteArrayView(kb, ke - kb));
            if (!bit || (*seen & bit & ~kOther))
                return false;
            *seen |= bit;
            space();
        } while (eat(','));
        return eat('}');
    }

    // An array whose every element `element()` reads.
    template<typename Element>
    bool elements(Element element)
    {
        if (!eat('['))
            return false;
        space();
        if (eat(']'))
            return true;
        do {
            space();
            if (!element())
                return false;
            space();
        } while (eat(','));
        return eat(']');
    }

    static int hexDigit(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    // The four hex digits after "\u". Surrogates and U+FEFF are left to Qt's reader.
    bool unicodeEscape(unsigned *cp)
    {
        if (m_end - m_p < 4)
            return false;
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexDigit(m_p[i]);
            if (h < 0)
                return false;
            v = v * 16 + unsigned(h);
        }
        m_p += 4;
        *cp = v;
        return !((v >= 0xD800 && v <= 0xDFFF) || v == 0xFEFF);
    }

    // A string value. The file is valid UTF-8 without U+FEFF (checked before).
    bool string(QString &out)
    {
        if (!eat('"'))
            return false;
        const char *b = m_p;
        bool ascii = true;
        while (m_p < m_end && *m_p != '"' && *m_p != '\\') {
            const unsigned char c = static_cast<unsigned char>(*m_p);
            if (c < 0x20)
                return false;
            ascii = ascii && c < 0x80;
            ++m_p;
        }
        if (m_p < m_end && *m_p == '"') {
            const QByteArrayView bytes(b, m_p - b);
            out = ascii ? QString::fromLatin1(bytes) : QString::fromUtf8(bytes);
            ++m_p;
            return true;
        }
        // Escapes: decode into UTF-8 first.
        QByteArray buf(b, m_p - b);
        while (m_p < m_end && *m_p != '"') {
            const unsigned char c = static_cast<unsigned char>(*m_p);
            if (c < 0x20)
                return false;
            if (c != '\\') {
                buf += char(c);
                ++m_p;
                continue;
            }
            if (++m_p >= m_end)
                return false;
            const char e = *m_p++;
            switch (e) {
            case '"': buf += '"'; break;
            case '\\': buf += '\\'; break;
            case '/': buf += '/'; break;
            case 'b': buf += '\b'; break;
            case 'f': buf += '\f'; break;
            case 'n': buf += '\n'; break;
            case 'r': buf += '\r'; break;
            case 't': buf += '\t'; break;
            case 'u': {
                unsigned cp = 0;
                if (!unicodeEscape(&cp))
                    return false;
                const char16_t ch = char16_t(cp);
                buf += QStringView(&ch, 1).toUtf8();
                break;
            }
            default:
                return false;
            }
        }
        if (!eat('"'))
            return false;
        out = QString::fromUtf8(buf);
        return true;
    }

    // Strict JSON number grammar; the value as Qt's reader stores it (an integer when it is
    // one, else a double).
    bool numberValue(QJsonValue &out)
    {
        const char *b = m_p;
        bool isInt = true;
        eat('-');
        if (eat('0')) {
        } else if (m_p < m_end && *m_p >= '1' && *m_p <= '9') {
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        } else {
            return false;
        }
        if (eat('.')) {
            isInt = false;
            const char *d = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            if (d == m_p)
                return false;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            isInt = false;
            ++m_p;
            if (!eat('-'))
                eat('+');
            const char *d = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            if (d == m_p)
                return false;
        }
        if (m_p >= m_end)
            return false;
        const QByteArray text = QByteArray::fromRawData(b, m_p - b);
        bool ok = false;
        if (isInt) {
            const qlonglong n = text.toLongLong(&ok);
            if (ok) {
                out = QJsonValue(qint64(n));
                return true;
            }
        }
        const double d = text.toDouble(&ok);
        if (!ok)
            return false;
        // As Qt's convertDoubleTo(): integral values in range become integers.
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && double(qint64(d)) == d)
            out = QJsonValue(qint64(d));
        else
            out = QJsonValue(d);
        return true;
    }
    bool number(double *out)
    {
        QJsonValue v;
        if (!numberValue(v))
            return false;
        *out = v.toDouble();
        return true;
    }

    bool literal(const char *word)
    {
        const std::size_t n = std::strlen(word);
        if (std::size_t(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0)
            return false;
        m_p += n;
        return true;
    }
    bool boolean(bool *out)
    {
        if (literal("true")) {
            *out = true;
            return true;
        }
        if (literal("false")) {
            *out = false;
            return true;
        }
        return false;
    }

    // Checks a string as string() does and steps over it, without making a QString.
    bool skipString()
    {
        if (!eat('"'))
            return false;
        while (m_p < m_end && *m_p != '"') {
            const unsigned char c = static_cast<unsigned char>(*m_p++);
            if (c < 0x20)
                return false;
            if (c != '\\')
                continue;
            if (m_p >= m_end)
                return false;
            const char e = *m_p++;
            if (e == 'u') {
                unsigned cp = 0;
                if (!unicodeEscape(&cp))
                    return false;
            } else if (!std::strchr("\"\\/bfnrt", e) || e == 0) {
                return false;
            }
        }
        return eat('"');
    }

    // Checks one JSON value and steps over it.
    bool skipValue(int depth)
    {
        if (depth > kMaxDepth || m_p >= m_end)
            return false;
        switch (*m_p) {
        case '{':
        case '[': {
            const char close = *m_p == '{' ? '}' : ']';
            const bool object = close == '}';
            ++m_p;
            space();
            if (eat(close))
                return true;
            do {
                space();
                if (object) {
                    if (!skipString())
                        return false;
                    space();
                    if (!eat(':'))
                        return false;
                    space();
                }
                if (!skipValue(depth + 1))
                    return false;
                space();
            } while (eat(','));
            return eat(close);
        }
        case '"': return skipString();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: {
            QJsonValue ignored;
            return numberValue(ignored);
        }
        }
    }

    // A status or type word as a QStringView, without allocating.
    bool word(char16_t (&buf)[32], QStringView &out)
    {
        if (!eat('"'))
            return false;
        int n = 0;
        while (m_p < m_end && *m_p != '"') {
            const unsigned char c = static_cast<unsigned char>(*m_p);
            if (c < 0x20 || c >= 0x80 || c == '\\' || n == 32)
                return false;
            buf[n++] = char16_t(c);
            ++m_p;
        }
        if (!eat('"'))
            return false;
        out = QStringView(buf, n);
        return true;
    }

    const char *m_p;
    const char *m_end;
};

} // namespace Workplan::JsonFormat
