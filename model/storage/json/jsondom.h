#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include "model/attributes.h"
#include "model/bytepool.h"

#include <simdjson.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// simdjson's parsed values turned into Qt's, exactly as Qt's own reader makes them (the
// model keeps conditions and the project's and dependencies' unknown fields as QJsonObject),
// or into the compact text a task's attributes and unknown fields are kept as (Attributes):
// built from the parsed elements directly, never by parsing text a second time.
namespace Workplan::JsonFormat {

class DomValues
{
public:
    // markerBase: where jsonprepare.h's rewrite put the surrogate escapes, 0 for none.
    explicit DomValues(char32_t markerBase) : m_markerBase(markerBase) {}
    char32_t markerBase() const { return m_markerBase; }

    QString text(std::string_view s) const;
    QJsonValue value(simdjson::dom::element e) const;
    QJsonObject object(simdjson::dom::object o) const;
    QJsonArray array(simdjson::dom::array a) const;
    // A task's attributes in their compact form (attributes.h): the text JsonWriter would
    // write for object(o), made from the parsed elements without a QJsonObject.
    Attributes attributes(simdjson::dom::object o) const;
    // The same for an object made of `fields` (a task's unknown fields).
    Attributes attributesOf(const std::vector<simdjson::dom::key_value_pair> &fields) const;

    // Adds `key: value` as QJsonObject does: a repeated key keeps its last value.
    void insert(QJsonObject &into, std::string_view key, simdjson::dom::element value) const;
    // object(o) of some of an object's fields (a dependency's unknown ones): most share
    // their keys, and a copy of an object with the same keys only has its values set.
    QJsonObject objectOf(const std::vector<simdjson::dom::key_value_pair> &fields) const;

    static bool isNumber(simdjson::dom::element e);
    static double toDouble(simdjson::dom::element e);   // a number's value
    static bool isString(simdjson::dom::element e) { return e.type() == simdjson::dom::element_type::STRING; }
    static std::string_view string(simdjson::dom::element e) { return e.get_string().value_unsafe(); }
    // "a string", "an object", ... for "X must be Y, not Z".
    static QString typeName(simdjson::dom::element e);

    // Calls f(QStringView) with a short ASCII word seen without allocating (statuses and
    // types), or with the whole text made a QString.
    template<typename F>
    auto withView(std::string_view s, F f) const
    {
        char16_t buf[32];
        if (s.size() <= 32) {
            std::size_t i = 0;
            for (; i < s.size() && static_cast<unsigned char>(s[i]) < 0x80; ++i)
                buf[i] = char16_t(s[i]);
            if (i == s.size())
                return f(QStringView(buf, qsizetype(i)));
        }
        return f(QStringView(text(s)));
    }

private:
    template<typename Fields>
    QJsonObject objectFrom(const Fields &fields, std::size_t count) const;
    struct Shape;
    template<typename Fields>
    const Shape *shapeOf(const Fields &fields) const;
    void encode(simdjson::dom::element e, std::string &out) const;
    // Both return the object's key count, and or into *keyBits its keys' Attributes::keyBit()s.
    qsizetype encodeObject(simdjson::dom::object o, std::string &out, quint32 *keyBits = nullptr) const;
    qsizetype encodeFields(const std::vector<simdjson::dom::key_value_pair> &fields, std::string &out,
                           quint32 *keyBits = nullptr) const;
    void encodeString(std::string_view s, std::string &out) const;
    Attributes compact(qsizetype count, quint32 keyBits) const;   // m_canonical, `count` keys (their Attributes::keyBit()s)

    char32_t m_markerBase;
    // The objects of a file mostly share their keys (every task's attributes hold the same
    // few): one empty-valued object per key set, copied and filled (see object()).
    struct Shape
    {
        QJsonObject empty;
        std::vector<qsizetype> slot;   // each field's place in `empty` (keys are sorted there)
        std::vector<std::string> spelled;   // each slot's key as encodeString() spells it, and ':'
        quint32 keyBits = 0;                // its keys' Attributes::keyBit()s
    };
    struct LastShape   // shapeOf()'s last answer at one depth, and the signature it was for
    {
        std::string signature;
        const Shape *shape = nullptr;
    };
    mutable std::vector<LastShape> m_lastShape;
    struct Scratch   // encodeObject's, per nesting depth
    {
        std::vector<int> fieldAt;   // the field in each slot (the last of a repeated key)
        std::vector<simdjson::dom::key_value_pair> fields;
    };
    mutable std::vector<std::unique_ptr<Scratch>> m_scratch;
    mutable int m_depth = 0;
    mutable std::string m_canonical;
    mutable BytePool m_pool;   // where compact() keeps the texts it makes
    mutable std::unordered_map<std::string, Shape> m_shapes;
    mutable std::string m_shapeKey;
};

} // namespace Workplan::JsonFormat
