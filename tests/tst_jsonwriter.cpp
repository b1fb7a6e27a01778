// JsonWriter's fast paths (issue #21) against the careful ones they stand in for: hours from
// millionths against std::to_chars, strings and keys narrowed in one pass against the
// escapes the contract's readers expect.
#include "model/storage/json/jsonwriter.h"

#include <QRandomGenerator>
#include <QtTest>

#include <cmath>

using namespace Workplan;

namespace {

QByteArray hoursText(double d)
{
    JsonWriter w;
    w.hours(d);
    return w.take();
}

// What hours() printed before its fast path: the nanohour grid, then std::to_chars.
QByteArray reference(double d)
{
    if (std::fabs(d) < 1e6)
        d = std::round(d * 1e9) / 1e9;
    return formatDouble(d, true);
}

QByteArray stringText(const QString &s)
{
    JsonWriter w;
    w.value(s);
    return w.take();
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT
private slots:
    void hoursAsToChars();
    void stringsEscaped();
    void everyUnitAtEveryPlace();
    void latin1Keys();
    void streamedAsWhole_data();
    void streamedAsWhole();
};

void TestJsonWriter::hoursAsToChars()
{
    QList<double> values{0.0, -0.0, 1, -1, 0.5, 88, 65535, 65535.999999, 65536, 0.001, 0.000999, 0.0001,
                         12.125, 1e-9, 2.8e-17, 123456.5, 1e5, 1e6, 1e20, -3.75, 1.0 / 3, 2.0 / 3,
                         std::nextafter(1.0, 2.0), std::nextafter(0.001, 0.0), 4095.000001, 0.1 + 0.2};
    QRandomGenerator rng(21);
    for (int i = 0; i < 20000; ++i) {
        values << rng.bounded(70000) / 8.0 << rng.bounded(70000000) / 1000.0 << rng.bounded(7e4)
               << -rng.bounded(1000000) / 1e6 << rng.bounded(100) * 0.1 << rng.bounded(1e3) / 3.0;
    }
    for (double d : values)
        QCOMPARE(hoursText(d), reference(d));
    QCOMPARE(hoursText(88), QByteArray("88.0"));
    QCOMPARE(hoursText(2.5), QByteArray("2.5"));
    QCOMPARE(hoursText(-0.0), QByteArray("0.0"));
}

void TestJsonWriter::stringsEscaped()
{
    QCOMPARE(stringText(QStringLiteral("plain id_01")), QByteArray("\"plain id_01\""));
    QCOMPARE(stringText(QStringLiteral("say \"hi\" \\ now")), QByteArray("\"say \\\"hi\\\" \\\\ now\""));
    QCOMPARE(stringText(QStringLiteral("a\nb\tc\x01")), QByteArray("\"a\\nb\\tc\\u0001\""));
    QCOMPARE(stringText(QStringLiteral("caf\u00e9 \u05e9")), QByteArray("\"caf\xc3\xa9 \xd7\xa9\""));
    QCOMPARE(stringText(QString(QChar(0xFEFF)) + QStringLiteral("x")), QByteArray("\"\\ufeffx\""));
    QCOMPARE(stringText(QStringLiteral("x") + QChar(char16_t(0xD800))), QByteArray("\"x\\ud800\""));
    QCOMPARE(stringText(QString()), QByteArray("\"\""));
    // A long plain prefix, then the careful way, then the writer carries on in place.
    JsonWriter w;
    w.beginArray();
    w.value(QString(300, QLatin1Char('a')) + QStringLiteral("\u00e9"));
    w.value(QStringLiteral("next"));
    w.endArray();
    QCOMPARE(w.take(), QByteArray("[\"") + QByteArray(300, 'a') + "\xc3\xa9\",\"next\"]");
}

// The writer narrows eight units at a time: each character that needs care, at each place
// in and across those blocks, is spelt as the careful one-unit-at-a-time rules spell it.
void TestJsonWriter::everyUnitAtEveryPlace()
{
    auto careful = [](char16_t c) -> QByteArray {
        switch (c) {
        case u'"': return "\\\"";
        case u'\\': return "\\\\";
        case u'\n': return "\\n";
        case u'\t': return "\\t";
        default: break;
        }
        if (c < 0x20 || c == 0xFEFF || QChar::isSurrogate(c))
            return "\\u" + QByteArray::number(c, 16).rightJustified(4, '0');
        return QString(QChar(c)).toUtf8();
    };
    const char16_t units[] = {u'"', u'\\', u'\n', u'\t', 0x01, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xe9, 0x5e9, 0xFEFF, 0xD800, 0xFFFF};
    for (const char16_t c : units) {
        for (int at = 0; at < 24; ++at) {
            const QString text = QString(at, QLatin1Char('a')) + QChar(c) + QString(23 - at, QLatin1Char('b'));
            const QByteArray expected = '"' + QByteArray(at, 'a') + careful(c) + QByteArray(23 - at, 'b') + '"';
            QCOMPARE(stringText(text), expected);
        }
    }
}

void TestJsonWriter::latin1Keys()
{
    JsonWriter w;
    w.beginObject();
    w.key("task_id");
    w.value("a\"b");
    w.key("tab\tkey");
    w.value("caf\xe9");
    w.endObject();
    QCOMPARE(w.take(), QByteArray("{\"task_id\":\"a\\\"b\",\"tab\\tkey\":\"caf\xc3\xa9\"}"));
}

void TestJsonWriter::streamedAsWhole_data()
{
    QTest::addColumn<int>("chunk");
    QTest::addColumn<int>("indent");
    for (int chunk : {1, 7, 64, 4096}) {
        QTest::addRow("chunk %d", chunk) << chunk << 0;
        QTest::addRow("chunk %d, indented", chunk) << chunk << 2;
    }
}

// A sink gets the same text, in pieces, as the whole buffer holds without one: whatever
// piece a string's fast path or its careful way is cut at.
void TestJsonWriter::streamedAsWhole()
{
    QFETCH(int, chunk);
    QFETCH(int, indent);
    auto write = [](JsonWriter &w) {
        w.beginObject();
        for (int i = 0; i < 40; ++i) {
            w.key(i % 3 ? "key" : "tab\tkey");
            w.beginArray();
            w.value(QString(i * 7, QLatin1Char('x')) + (i % 2 ? QStringLiteral("\u00e9\"q") : QString()));
            w.hours(i / 8.0);
            w.value("caf\xe9");
            w.endArray();
        }
        w.endObject();
        w.newlineAtEnd();
    };
    JsonWriter whole(indent);
    write(whole);
    QByteArray streamed;
    JsonWriter w(indent);
    w.setSink([&](const char *p, qsizetype n) { streamed.append(p, n); }, chunk);
    write(w);
    w.flush();
    QCOMPARE(streamed, whole.take());
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
