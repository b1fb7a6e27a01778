#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <cstring>
#include <functional>
#include <vector>

namespace Workplan {

class Attributes;

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
    // Attributes as json(QJsonValue) writes their object: a compact one's text copied
    // when this writer is compact too.
    void json(const Attributes &a);

    // A string as this writer spells it, quotes included (what value() of it writes at the
    // top level), copied in as a value or a key: a text written many times is spelled once.
    void spelledValue(QByteArrayView quoted);
    void spelledKey(QByteArrayView quoted);

    // The text ends with a line break (a file's or a report's last line).
    void newlineAtEnd() { put('\n'); }

    // Writing one document in two parts at once: a fresh writer told continueObject()
    // writes members as if it were inside an object, after a first member (each member
    // it writes opens with a comma, indented one level); its text, appended to the
    // writer of the first part with appendWritten(), reads as if written there.
    void continueObject() { m_stack.push_back({false, true}); }
    void appendWritten(QByteArrayView text) { put(text.data(), text.size()); }

    QByteArray data() const { return m_out.first(m_size); }
    qsizetype size() const { return m_size; }   // of the text not handed to a sink
    QByteArray take();

    // Streaming: the text goes to `sink` whenever about `chunk` bytes are pending instead
    // of growing one buffer; flush() hands over the rest. data()/take() then hold only
    // what was not handed over yet.
    using Sink = std::function<void(const char *, qsizetype)>;
    void setSink(Sink sink, qsizetype chunk = qsizetype(1) << 20);
    void flush();

private:
    void beforeValue();
    void afterKey();   // the colon after a key, and what comes next is its value
    void newline();
    void writeString(QStringView s);
    void writeLatin1String(const char *latin1);
    void writeEscaped(const char *begin, const char *end);   // bytes already UTF-8
    void appendInteger(long long i);

    // The output is written in place: m_out's first m_size bytes are the text, the rest is
    // room. Cheaper than QByteArray::append for millions of small pieces.
    char *room(qsizetype n)
    {
        if (m_out.size() - m_size < n)
            grow(n);
        char *p = m_out.data() + m_size;
        m_size += n;
        return p;
    }
    void grow(qsizetype n);
    void put(char c) { *room(1) = c; }
    void put(const char *s, qsizetype n) { std::memcpy(room(n), s, size_t(n)); }
    template<std::size_t N>
    void put(const char (&literal)[N]) { put(literal, qsizetype(N - 1)); }

    QByteArray m_out;
    qsizetype m_size = 0;
    Sink m_sink;
    qsizetype m_chunk = 0;
    int m_indent;
    struct Level { bool first = true; bool isObject = false; };
    std::vector<Level> m_stack;
    bool m_afterKey = false;
};

QByteArray compactJson(const QJsonValue &v);
// Shortest text that reads back to the same double.
QByteArray formatDouble(double d, bool forceFraction);

} // namespace Workplan
