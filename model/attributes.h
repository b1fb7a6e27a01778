#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QStringView>


namespace Workplan {

// A task's attributes (and its unknown fields): any JSON values, types kept (issue #21). A
// plain value like the QJsonObject it stands for, in one of two forms:
//  * compact: the object's canonical JSON text, as JsonWriter writes it without indent
//    (keys in QJsonObject's order, one spelling per value). A loader makes it straight
//    from the parsed file: one allocation per task instead of a QJsonObject of converted
//    values, which was a quarter of analysing a 100k-task file and most of loading one
//    with big attribute objects. value() reads one key out of the text; writers copy it.
//  * an object: what an edit makes (insert, remove) and what toObject() returns.
// Nothing is cached, so a Project shared between threads stays read-only.
class Attributes
{
public:
    Attributes() = default;
    explicit Attributes(const QJsonObject &object) : m_object(object) {}
    Attributes &operator=(const QJsonObject &object);

    // `canonical`: JsonWriter's compact text of an object with `count` keys (see above);
    // `keyBits`: keyBit() of each of its keys or-ed together (all set: not known).
    static Attributes fromCanonicalJson(QByteArray canonical, qsizetype count, quint32 keyBits = ~0u);
    // One bit standing for a key, for telling a key absent without reading the text: the
    // engine asks every task for keys most do not have ("resources", "deadline", the
    // three-point estimates), and each such question read the whole object. A key that is
    // not plain ASCII has no bit (all set: it may be anywhere).
    static quint32 keyBit(QLatin1StringView key);
    static quint32 keyBit(QStringView key);
    static quint32 keyBitUtf8(const char *key, qsizetype size);

    QJsonValue value(QStringView key) const;
    QJsonValue value(QLatin1StringView key) const;
    QJsonValue value(const QString &key) const { return value(QStringView(key)); }
    bool contains(QStringView key) const;
    bool contains(QLatin1StringView key) const;
    bool contains(const QString &key) const { return contains(QStringView(key)); }
    bool isEmpty() const { return size() == 0; }
    qsizetype size() const { return m_canonical.isNull() ? m_object.size() : m_count; }
    QStringList keys() const;

    // One scalar without a QJsonValue (the engine reads every leaf's estimate; a string
    // QJsonValue costs allocations the text form does not need): its kind, its number, or
    // its text, decoded into `buffer` (reused from call to call) when not in place.
    struct Scalar
    {
        enum Kind { Absent, Null, Number, String, Other } kind = Absent;   // Other: bool, object, array
        double number = 0;
        QStringView text;
    };
    Scalar scalar(QLatin1StringView key, QString &buffer) const;

    QJsonObject toObject() const;
    operator QJsonObject() const { return toObject(); }   // NOLINT: readers that need one

    void insert(const QString &key, const QJsonValue &value);
    void remove(const QString &key);

    // The canonical text when in compact form (writers copy it), else null.
    const QByteArray &canonicalJson() const { return m_canonical; }

    bool operator==(const Attributes &o) const;
    bool operator!=(const Attributes &o) const { return !(*this == o); }
    bool operator==(const QJsonObject &o) const { return toObject() == o; }

private:
    void materialize();
    template<typename Key>
    const char *find(Key key) const;

    QJsonObject m_object;     // the object form, when m_canonical is null
    QByteArray m_canonical;   // the compact form
    int m_count = 0;
    quint32 m_keyBits = ~0u;  // of the compact form's keys (keyBit())
};

} // namespace Workplan
