#include "jsondom.h"

#include <cstdint>
#include <cstring>

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
    if (!m_markerBase)
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
        if (!m_markerBase && isAscii(s))
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
    if (!m_markerBase && isAscii(key))
        into.insert(QLatin1StringView(key.data(), qsizetype(key.size())), value(v));
    else
        into.insert(text(key), value(v));
}

QJsonObject DomValues::objectByKeys(simdjson::dom::object o) const
{
    QJsonObject out;
    for (const auto field : o)
        insert(out, field.key, field.value);
    return out;
}

// QJsonObject::insert() makes a temporary value of each key and grows the object a key at
// a time, several allocations per key, which at 100k attribute objects is most of a load.
// A copy of an object with the same keys only has its values set: one copy, no key work.
QJsonObject DomValues::object(simdjson::dom::object o) const
{
    constexpr std::size_t kMaxShapes = 512;   // files whose objects share no keys gain nothing
    if (o.size() < 2)
        return objectByKeys(o);
    m_shapeKey.clear();
    for (const auto field : o) {   // sizes first, so no two key lists spell one signature
        const auto n = std::uint32_t(field.key.size());
        m_shapeKey.append(reinterpret_cast<const char *>(&n), sizeof n);
        m_shapeKey.append(field.key);
    }
    auto shape = m_shapes.find(m_shapeKey);
    if (shape == m_shapes.end()) {
        if (m_shapes.size() >= kMaxShapes)
            return objectByKeys(o);
        Shape made;
        auto keyOf = [&](std::string_view key) {
            return !m_markerBase && isAscii(key) ? QString(QLatin1StringView(key.data(), qsizetype(key.size()))) : text(key);
        };
        for (const auto field : o)
            made.empty.insert(keyOf(field.key), QJsonValue());
        for (const auto field : o)
            made.slot.push_back(made.empty.constFind(keyOf(field.key)) - made.empty.constBegin());
        shape = m_shapes.emplace(m_shapeKey, std::move(made)).first;
    }
    QJsonObject out = shape->second.empty;
    const QJsonObject::iterator first = out.begin();   // the one copy
    std::size_t i = 0;
    // A repeated key is set twice, the last value staying, as Qt's reader keeps it.
    for (const auto field : o)
        (first + shape->second.slot[i++]).value() = value(field.value);
    return out;
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
