#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>

#include <charconv>
#include <cmath>
#include <limits>

namespace Workplan {

QByteArray formatDouble(double d, bool forceFraction)
{
    if (!std::isfinite(d))
        return QByteArrayLiteral("null");   // JSON has no inf/nan
    if (d == 0)
        d = 0;                              // no "-0"
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, d);
    QByteArray out(buf, int(res.ptr - buf));
    if (forceFraction && !out.contains('.') && !out.contains('e'))
        out += ".0";
    return out;
}

void JsonWriter::newline()
{
    if (m_indent <= 0)
        return;
    m_out += '\n';
    m_out += QByteArray(int(m_stack.size()) * m_indent, ' ');
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
        m_out += ',';
    l.first = false;
    newline();
}

void JsonWriter::beginObject()
{
    beforeValue();
    m_out += '{';
    m_stack.push_back({true, true});
}

void JsonWriter::endObject()
{
    const bool empty = m_stack.back().first;
    m_stack.pop_back();
    if (!empty)
        newline();
    m_out += '}';
}

void JsonWriter::beginArray()
{
    beforeValue();
    m_out += '[';
    m_stack.push_back({true, false});
}

void JsonWriter::endArray()
{
    const bool empty = m_stack.back().first;
    m_stack.pop_back();
    if (!empty)
        newline();
    m_out += ']';
}

void JsonWriter::key(QStringView name)
{
    beforeValue();
    writeString(name);
    m_out += m_indent > 0 ? ": " : ":";
    m_afterKey = true;
}

void JsonWriter::key(const char *latin1Name)
{
    key(QString::fromLatin1(latin1Name));
}

void JsonWriter::writeString(QStringView s)
{
    static const char hex[] = "0123456789abcdef";
    auto escape = [this](char16_t u) {
        m_out += "\\u";
        m_out += hex[(u >> 12) & 0xf];
        m_out += hex[(u >> 8) & 0xf];
        m_out += hex[(u >> 4) & 0xf];
        m_out += hex[u & 0xf];
    };
    m_out += '"';
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = s[i].unicode();
        if (c < 0x80) {
            switch (c) {
            case '"': m_out += "\\\""; break;
            case '\\': m_out += "\\\\"; break;
            case '\n': m_out += "\\n"; break;
            case '\r': m_out += "\\r"; break;
            case '\t': m_out += "\\t"; break;
            case '\b': m_out += "\\b"; break;
            case '\f': m_out += "\\f"; break;
            default:
                if (c < 0x20)
                    escape(c);
                else
                    m_out += char(c);
            }
        } else if (c < 0x800) {
            m_out += char(0xC0 | (c >> 6));
            m_out += char(0x80 | (c & 0x3F));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && s[i + 1].isLowSurrogate()) {
            const char32_t cp = QChar::surrogateToUcs4(c, s[i + 1].unicode());
            ++i;
            m_out += char(0xF0 | (cp >> 18));
            m_out += char(0x80 | ((cp >> 12) & 0x3F));
            m_out += char(0x80 | ((cp >> 6) & 0x3F));
            m_out += char(0x80 | (cp & 0x3F));
        } else if (QChar::isSurrogate(c) || c == 0xFEFF) {
            // A lone surrogate (JSON allows "\ud800") has no UTF-8 form; toUtf8() would turn
            // it into U+FFFD. A raw U+FEFF opening a string is dropped by Qt's parser as a
            // byte order mark. Both stay escapes so the value reads back unchanged.
            escape(c);
        } else {
            m_out += char(0xE0 | (c >> 12));
            m_out += char(0x80 | ((c >> 6) & 0x3F));
            m_out += char(0x80 | (c & 0x3F));
        }
    }
    m_out += '"';
}

void JsonWriter::value(QStringView s)
{
    beforeValue();
    writeString(s);
}

void JsonWriter::value(const char *latin1)
{
    value(QString::fromLatin1(latin1));
}

void JsonWriter::value(bool b)
{
    beforeValue();
    m_out += b ? "true" : "false";
}

void JsonWriter::null()
{
    beforeValue();
    m_out += "null";
}

void JsonWriter::number(double d)
{
    beforeValue();
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0)
        m_out += QByteArray::number(qint64(d));
    else
        m_out += formatDouble(d, false);
}

void JsonWriter::hours(double d)
{
    beforeValue();
    // Sums and differences of hours pick up float noise (LS - ES = 2.8e-17); a nanohour
    // grid is far below any figure a plan can mean and prints them as people expect.
    if (std::fabs(d) < 1e6)
        d = std::round(d * 1e9) / 1e9;
    m_out += formatDouble(d, true);
}

void JsonWriter::integer(long long i)
{
    beforeValue();
    m_out += QByteArray::number(i);
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
