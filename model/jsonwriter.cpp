#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>

#include <charconv>
#include <cstring>
#include <cmath>
#include <limits>

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

void JsonWriter::newline()
{
    if (m_indent <= 0)
        return;
    m_out += '\n';
    m_out.append(qsizetype(m_stack.size()) * m_indent, ' ');
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
    beforeValue();
    writeLatin1String(latin1Name);
    m_out += m_indent > 0 ? ": " : ":";
    m_afterKey = true;
}

void JsonWriter::writeEscaped(const char *begin, const char *end)
{
    // Runs of plain characters go in with one append.
    const char *run = begin;
    for (const char *p = begin; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        m_out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"': m_out += "\\\""; break;
        case '\\': m_out += "\\\\"; break;
        case '\n': m_out += "\\n"; break;
        case '\r': m_out += "\\r"; break;
        case '\t': m_out += "\\t"; break;
        case '\b': m_out += "\\b"; break;
        case '\f': m_out += "\\f"; break;
        default: {
            static const char hex[] = "0123456789abcdef";
            const char esc[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
            m_out.append(esc, sizeof esc);
        }
        }
    }
    m_out.append(run, end - run);
}

void JsonWriter::writeString(QStringView s)
{
    m_out += '"';
    // Ids and most texts are ASCII: narrow them on the stack instead of via toUtf8().
    char buf[256];
    const qsizetype n = s.size();
    bool ascii = n <= qsizetype(sizeof buf);
    for (qsizetype i = 0; ascii && i < n; ++i) {
        const char16_t c = s[i].unicode();
        ascii = c < 0x80;
        buf[i] = char(c);
    }
    if (ascii) {
        writeEscaped(buf, buf + n);
    } else {
        const QByteArray utf8 = s.toUtf8();
        writeEscaped(utf8.constData(), utf8.constData() + utf8.size());
    }
    m_out += '"';
}

void JsonWriter::writeLatin1String(const char *latin1)
{
    const std::size_t n = std::strlen(latin1);
    bool ascii = true;
    for (std::size_t i = 0; ascii && i < n; ++i)
        ascii = static_cast<unsigned char>(latin1[i]) < 0x80;
    if (!ascii) {
        writeString(QString::fromLatin1(latin1, qsizetype(n)));
        return;
    }
    m_out += '"';
    writeEscaped(latin1, latin1 + n);
    m_out += '"';
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
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0) {
        appendInteger(qint64(d));
    } else {
        char buf[64];
        m_out.append(buf, formatDoubleInto(buf, sizeof buf, d, false));
    }
}

void JsonWriter::hours(double d)
{
    beforeValue();
    char buf[64];
    m_out.append(buf, formatDoubleInto(buf, sizeof buf, d, true));
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
    m_out.append(buf, res.ptr - buf);
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
