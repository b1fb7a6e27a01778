#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <vector>

namespace Workplan {

// A small streaming JSON writer. QJsonObject sorts its keys; the interchange file and the
// analysis keep the contract's field order, so they are written with this instead.
class JsonWriter
{
public:
    explicit JsonWriter(int indent = 0) : m_indent(indent) {}

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(QStringView name);
    void key(const char *latin1Name);

    void value(QStringView s);
    void value(const char *latin1);
    void value(bool b);
    void null();
    // JSON number: integral values are written without a fraction ("12000").
    void number(double d);
    // Hours as the contract prints them: always with a fraction ("88.0").
    void hours(double d);
    void integer(long long i);
    void json(const QJsonValue &v);   // any QJsonValue, objects in QJsonObject order

    const QByteArray &data() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    void beforeValue();
    void newline();
    void writeString(QStringView s);
    void writeLatin1String(const char *latin1);
    void writeEscaped(const char *begin, const char *end);   // bytes already UTF-8
    void appendInteger(long long i);

    QByteArray m_out;
    int m_indent;
    struct Level { bool first = true; bool isObject = false; };
    std::vector<Level> m_stack;
    bool m_afterKey = false;
};

QByteArray compactJson(const QJsonValue &v);
// Shortest text that reads back to the same double.
QByteArray formatDouble(double d, bool forceFraction);

} // namespace Workplan
