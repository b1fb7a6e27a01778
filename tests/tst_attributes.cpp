// Task attributes in their compact form (issue #21, model/attributes.h): what the JSON
// loader makes without a QJsonObject must read, compare and write back exactly as the
// QJsonObject it stands for.
#include "model/attributes.h"
#include "model/bytepool.h"
#include "model/project.h"
#include "model/storage/json/jsonformat.h"
#include "model/storage/json/jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonDocument>
#include <QtTest>

using namespace Workplan;

namespace {

QByteArray compactText(const QJsonObject &o)
{
    JsonWriter w;
    w.json(QJsonValue(o));
    return w.take();
}

// One task per attributes object, as a file spells them.
QByteArray planOf(const QList<QByteArray> &attributes)
{
    QByteArray out = R"({"format":"workplan","version":1,"tasks":[)";
    for (int i = 0; i < attributes.size(); ++i) {
        if (i)
            out += ',';
        out += R"({"task_id":"t)" + QByteArray::number(i) + R"(","task_type":"task","attributes":)" + attributes[i] + '}';
    }
    return out + "]}";
}

// The allocation a QByteArray's text lives in (data_ptr() does not detach).
const void *blockOf(const QByteArray &a)
{
    return const_cast<QByteArray &>(a).data_ptr().d_ptr();
}

} // namespace

class TestAttributes : public QObject
{
    Q_OBJECT
private slots:
    void objectForm();
    void loadedCompact_data();
    void loadedCompact();
    void editsLeaveTheCompactForm();
    void loneSurrogatesKeepTheirSpelling();
    void writerCopiesTheText();
    void scalarsAsValues();
    void unknownTaskFieldsCompact();
    void absentKeysAnsweredByTheirBit();
    void poolCopiesShareABlock();
    void poolCopiesOutliveThePool();
    void poolCopyChangedAlone();
    void loadedTextsShareBlocks();
};

void TestAttributes::objectForm()
{
    Attributes a;
    QVERIFY(a.isEmpty());
    QVERIFY(!a.value(QLatin1String("title")).isString());
    a.insert(QStringLiteral("title"), QStringLiteral("Plan"));
    a.insert(QStringLiteral("n"), 3);
    QCOMPARE(a.size(), 2);
    QCOMPARE(a.value(QLatin1String("title")).toString(), QStringLiteral("Plan"));
    QVERIFY(a.contains(QStringLiteral("n")));
    QCOMPARE(a.keys(), (QStringList{QStringLiteral("n"), QStringLiteral("title")}));
    a.remove(QStringLiteral("n"));
    QVERIFY(!a.contains(QLatin1String("n")));
    QVERIFY(a == Attributes(QJsonObject{{QStringLiteral("title"), QStringLiteral("Plan")}}));
    QVERIFY(a.canonicalJson().isNull());
}

void TestAttributes::loadedCompact_data()
{
    QTest::addColumn<QByteArray>("attributes");
    QTest::newRow("empty") << QByteArray("{}");
    QTest::newRow("one") << QByteArray(R"({"title":"A"})");
    QTest::newRow("unsorted keys") << QByteArray(R"({"z":1,"b":"x","a":true,"m":null})");
    QTest::newRow("repeated key, last wins") << QByteArray(R"({"k":1,"j":0,"k":2})");
    QTest::newRow("numbers") << QByteArray(
        R"({"i":-42,"d":2.5,"e":1e2,"neg0":-0.0,"big":9223372036854775807,"huge":18446744073709551615,)"
        R"("tiny":5e-324,"frac":0.1,"exp":1.5e300,"f":123456789.125})");
    QTest::newRow("escapes") << QByteArray(
        R"({"q":"say \"hi\"","b":"back\\slash","c":"tab\tnew\nline\r\b\f\u0001\u001f","s":"\/"})");
    QTest::newRow("unicode") << QByteArray(
        R"({"é":"café","שלום":"עולם","😀":"smile 😀","pu":"\ue000 private use","z":"\ufeffbom","bom":"\ufeff"})");
    QTest::newRow("nested") << QByteArray(
        R"({"o":{"y":[1,{"b":2,"a":[]}],"x":{}},"a":[[],[[{"k":"v"}]],null,false],"t":"x"})");
    QTest::newRow("keys escaped, empty, wide") << QByteArray(
        R"({"":1,"a\"b":2,"tab\tkey":3,"\u00e9t\u00e9":4,"x\u00e9y":5,"k\\":7})");
    QTest::newRow("shape shared") << QByteArray(R"({"b":{"y":1,"x":2},"a":{"x":3,"y":4}})");
}

// Everything a reader can ask gives what the QJsonObject (Qt's own reading of the same
// text) gives, and the compact text is what the writer writes for that object.
void TestAttributes::loadedCompact()
{
    QFETCH(QByteArray, attributes);
    QString error;
    const auto p = JsonFormat::read(planOf({attributes, attributes}), QStringLiteral("plan.json"), &error);
    QVERIFY2(p, qPrintable(error));
    const Attributes &a = p->task(0).attributes;
    QVERIFY(!a.canonicalJson().isNull());
    QJsonParseError parsed;
    const QJsonObject qt = QJsonDocument::fromJson(attributes, &parsed).object();
    QCOMPARE(parsed.error, QJsonParseError::NoError);
    QCOMPARE(a.toObject(), qt);
    QCOMPARE(a.canonicalJson(), compactText(qt));
    QCOMPARE(a.size(), qt.size());
    QCOMPARE(a.isEmpty(), qt.isEmpty());
    QCOMPARE(a.keys(), qt.keys());
    for (const QString &k : qt.keys()) {
        QVERIFY(a.contains(k));
        QCOMPARE(a.value(k), qt.value(k));
        QCOMPARE(a.value(k).type(), qt.value(k).type());
        QCOMPARE(a.value(k).isDouble() && a.value(k).toInteger(-1) != -1, qt.value(k).isDouble() && qt.value(k).toInteger(-1) != -1);
    }
    QVERIFY(!a.contains(QStringLiteral("absent")));
    QVERIFY(a.value(QLatin1String("absent")).isUndefined());
    QVERIFY(a.value(QStringLiteral("absent")).isUndefined());
    QVERIFY(a == p->task(1).attributes);
    QVERIFY(a == Attributes(qt));
    QVERIFY(p->task(0) == p->task(1) || p->task(0).id != p->task(1).id);
}

void TestAttributes::editsLeaveTheCompactForm()
{
    QString error;
    const auto p = JsonFormat::read(planOf({R"({"title":"A","n":1})"}), QStringLiteral("plan.json"), &error);
    QVERIFY2(p, qPrintable(error));
    Attributes a = p->task(0).attributes;
    const Attributes loaded = a;
    a.insert(QStringLiteral("n"), 2);
    QVERIFY(a.canonicalJson().isNull());
    QCOMPARE(a.value(QLatin1String("n")).toInt(), 2);
    QCOMPARE(a.value(QLatin1String("title")).toString(), QStringLiteral("A"));
    QVERIFY(a != loaded);
    QCOMPARE(loaded.value(QLatin1String("n")).toInt(), 1);   // the copy kept its text
    a.insert(QStringLiteral("n"), 1);
    QVERIFY(a == loaded);   // equal values, one compact and one an object
}

// A file that spells a lone surrogate is read through markers (jsonprepare.h) that the
// compact form spells back as the escapes JsonWriter writes: every task of such a file
// keeps the compact form (the object form for all of them made one lone surrogate cost a
// 100k-task file three times its load), reading and writing as Qt's reading of the text.
void TestAttributes::loneSurrogatesKeepTheirSpelling()
{
    const QList<QByteArray> objects = {
        R"({"s":"a\ud800b","t":"ok"})",                       // lone high
        R"({"low":"\udfff","end":"x\udbff"})",               // lone low; lone high last
        R"({"pair":"\ud83d\ude00","half":"\ud83d\u0041"})",  // a pair; a high then no low
        R"({"k\udc00ey":1,"b":[true,"\ud800\ud800"]})",       // in a key; two highs
        R"({"n":{"deep":"\udc01\ud801"},"emoji":"😀 󰀁"})",   // low then high; raw plane 15
        R"({"plain":"no surrogates","x":2})",
    };
    QString error;
    const QByteArray file = planOf(objects);
    const auto p = JsonFormat::read(file, QStringLiteral("plan.json"), &error);
    QVERIFY2(p, qPrintable(error));
    const QJsonArray tasks = QJsonDocument::fromJson(file).object().value(QLatin1String("tasks")).toArray();
    QCOMPARE(tasks.size(), objects.size());
    for (int i = 0; i < objects.size(); ++i) {
        const Attributes &a = p->task(i).attributes;
        const QJsonObject qt = tasks.at(i).toObject().value(QLatin1String("attributes")).toObject();
        QVERIFY2(!a.canonicalJson().isNull(), objects.at(i).constData());
        QCOMPARE(a.toObject(), qt);
        QCOMPARE(a.canonicalJson(), compactText(qt));
        for (const QString &key : qt.keys())
            QCOMPARE(a.value(key), qt.value(key));
    }
    const QString s = p->task(0).attributes.value(QLatin1String("s")).toString();
    QCOMPARE(s.size(), 3);
    QCOMPARE(s.at(1).unicode(), char16_t(0xD800));
    QCOMPARE(p->task(2).attributes.value(QLatin1String("pair")).toString(), QString::fromUtf8("😀"));
}

// The compact writer copies the text; an indented one writes the object as before.
void TestAttributes::writerCopiesTheText()
{
    QString error;
    const QByteArray text = R"({"b":[1,2.5,"x"],"a":{"d":null,"c":true}})";
    const auto p = JsonFormat::read(planOf({text}), QStringLiteral("plan.json"), &error);
    QVERIFY2(p, qPrintable(error));
    const Attributes &a = p->task(0).attributes;
    JsonWriter compact;
    compact.json(a);
    QCOMPARE(compact.take(), compactText(QJsonDocument::fromJson(text).object()));
    JsonWriter pretty(2), prettyObject(2);
    pretty.json(a);
    prettyObject.json(QJsonValue(a.toObject()));
    QCOMPARE(pretty.take(), prettyObject.take());
}

// scalar() tells what value() holds, in both forms, reusing one buffer.
void TestAttributes::scalarsAsValues()
{
    const QByteArray text = R"({"n":-2.5,"i":7,"s":"3 days","e":"caf\u00e9\n","u":null,"b":true,"o":{"x":1},"a":[1]})";
    QString error;
    const auto p = JsonFormat::read(planOf({text}), QStringLiteral("plan.json"), &error);
    QVERIFY2(p, qPrintable(error));
    const Attributes compact = p->task(0).attributes;
    QVERIFY(!compact.canonicalJson().isNull());
    const Attributes object(compact.toObject());
    for (const Attributes &a : {compact, object}) {
        QString buffer;
        for (const char *key : {"n", "i", "s", "e", "u", "b", "o", "a", "absent"}) {
            const QLatin1StringView k(key);
            const QJsonValue v = a.value(k);
            const Attributes::Scalar sc = a.scalar(k, buffer);
            switch (sc.kind) {
            case Attributes::Scalar::Absent: QVERIFY(v.isUndefined()); break;
            case Attributes::Scalar::Null: QVERIFY(v.isNull()); break;
            case Attributes::Scalar::Number: QVERIFY(v.isDouble()); QCOMPARE(sc.number, v.toDouble()); break;
            case Attributes::Scalar::String: QVERIFY(v.isString()); QCOMPARE(sc.text.toString(), v.toString()); break;
            case Attributes::Scalar::Other: QVERIFY(v.isBool() || v.isObject() || v.isArray()); break;
            }
        }
        QCOMPARE(a.scalar(QLatin1String("e"), buffer).text.toString(), QStringLiteral("caf\u00e9\n"));
    }
}

// A task's unknown fields take the same compact form, read and written back as before.
// A key whose bit the object lacks is absent without reading the text (the engine asks each
// task for keys most lack); the bits the loader sets find every key it has.
void TestAttributes::absentKeysAnsweredByTheirBit()
{
    const QByteArray text = R"({"title":"A","estimated_effort":"2h"})";
    const Attributes unknownBits = Attributes::fromCanonicalJson(text, 2);
    QVERIFY(unknownBits.contains(QLatin1String("title")));
    const Attributes noBits = Attributes::fromCanonicalJson(text, 2, 0);
    QVERIFY(!noBits.contains(QLatin1String("title")));   // the bits decide, not the text
    const quint32 bits = Attributes::keyBit(QLatin1String("title")) | Attributes::keyBit(QLatin1String("estimated_effort"));
    const Attributes loaded = Attributes::fromCanonicalJson(text, 2, bits);
    QCOMPARE(loaded.value(QStringLiteral("title")), QJsonValue(QStringLiteral("A")));
    QCOMPARE(loaded.value(QLatin1String("estimated_effort")), QJsonValue(QStringLiteral("2h")));
    QVERIFY(loaded.value(QLatin1String("resources")).isUndefined());
    // One bit per key, the same however the key is spelt; no bit for a key that is not
    // plain ASCII (it may be anywhere).
    QCOMPARE(Attributes::keyBit(QStringLiteral("deadline")), Attributes::keyBit(QLatin1String("deadline")));
    QCOMPARE(Attributes::keyBit(QLatin1String("deadline")), Attributes::keyBitUtf8("deadline", 8));
    QCOMPARE(Attributes::keyBit(QStringLiteral("x\u00e9y")), ~0u);
    QCOMPARE(Attributes::keyBitUtf8("x\xc3\xa9y", 4), ~0u);
}

void TestAttributes::unknownTaskFieldsCompact()
{
    const QByteArray text = R"({"format":"workplan","version":1,"tasks":[{"task_id":"a","task_type":"task",)"
                            R"("x-meta":{"score":0.5,"b":[1,"x"]},"x-ticket":"J-1","x-z":{"dev":1}}]})";
    QString error;
    const auto p = JsonFormat::read(text, QStringLiteral("plan.json"), &error);
    QVERIFY2(p, qPrintable(error));
    const Attributes &extra = p->task(0).extra;
    QVERIFY(!extra.canonicalJson().isNull());
    QCOMPARE(extra.size(), 3);
    QCOMPARE(extra.value(QLatin1String("x-ticket")).toString(), QStringLiteral("J-1"));
    QCOMPARE(extra.value(QLatin1String("x-z")).toObject().value(QLatin1String("dev")).toInt(), 1);
    const QJsonObject task = QJsonDocument::fromJson(text).object().value(QLatin1String("tasks")).toArray().at(0).toObject();
    QJsonObject expected = task;
    for (const char *known : {"task_id", "task_type"})
        expected.remove(QLatin1String(known));
    QCOMPARE(extra.toObject(), expected);
    // Written back in the task object, as read.
    const auto again = JsonFormat::read(JsonFormat::write(*p), QStringLiteral("again.json"), &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(again->task(0).extra == extra);
}

// BytePool (model/bytepool.h): copies cut from one block, each an ordinary QByteArray.
void TestAttributes::poolCopiesShareABlock()
{
    BytePool pool;
    const QByteArray a = pool.copy("{\"a\":1}", 7);
    const QByteArray b = pool.copy("xyz", 3);
    const QByteArray empty = pool.copy("", 0);
    QCOMPARE(a, QByteArray("{\"a\":1}"));
    QCOMPARE(b, QByteArray("xyz"));
    QVERIFY(!empty.isNull());
    QVERIFY(empty.isEmpty());
    QCOMPARE(a.constData()[a.size()], '\0');   // terminated, as QByteArray promises
    QCOMPARE(b.constData()[b.size()], '\0');
    QVERIFY(blockOf(a) == blockOf(b));   // one block
    // Past the largest pooled size a text is a QByteArray of its own.
    const QByteArray large(BytePool::kLargestPooled + 1, 'x');
    const QByteArray big = pool.copy(large.constData(), large.size());
    QCOMPARE(big, large);
    QVERIFY(blockOf(big) != blockOf(a));
}

void TestAttributes::poolCopiesOutliveThePool()
{
    QList<QByteArray> copies;
    {
        BytePool pool;
        // Enough to fill several blocks, the first ones small.
        for (int i = 0; i < 20000; ++i) {
            const QByteArray text = QByteArray::number(i).repeated(1 + i % 7);
            copies.append(pool.copy(text.constData(), text.size()));
        }
    }
    for (int i = 0; i < copies.size(); ++i)
        QCOMPARE(copies.at(i), QByteArray::number(i).repeated(1 + i % 7));
    QVERIFY(blockOf(copies.first()) != blockOf(copies.last()));
    copies.clear();   // the blocks go with their last copies (ASan: no leak, no double free)
}

// A copy changed after loading detaches or, once it alone holds its block, changes in
// place: never a neighbour's text.
void TestAttributes::poolCopyChangedAlone()
{
    QByteArray first, second;
    {
        BytePool pool;
        first = pool.copy("abc", 3);
        second = pool.copy("def", 3);
        first.append("XYZ");
        QCOMPARE(first, QByteArray("abcXYZ"));
        QCOMPARE(second, QByteArray("def"));
    }
    second[0] = 'D';
    second.append(QByteArray(100, 'q'));
    QCOMPARE(second, QByteArray("Def") + QByteArray(100, 'q'));
    QCOMPARE(first, QByteArray("abcXYZ"));
    const QByteArray third = second;   // copied, then one changed: the other keeps its text
    second.chop(50);
    QCOMPARE(third, QByteArray("Def") + QByteArray(100, 'q'));
}

// A loaded plan's compact attributes come from pooled blocks, and read and compare as
// before (the other tests here read them); here: they are pooled.
void TestAttributes::loadedTextsShareBlocks()
{
    QString error;
    const auto p = JsonFormat::read(planOf({R"({"title":"A"})", R"({"title":"B","n":2})"}), QStringLiteral("plan.json"), &error);
    QVERIFY2(p, qPrintable(error));
    QByteArray a = p->task(0).attributes.canonicalJson();
    QByteArray b = p->task(1).attributes.canonicalJson();
    QCOMPARE(a, QByteArray(R"({"title":"A"})"));
    QCOMPARE(b, QByteArray(R"({"n":2,"title":"B"})"));
    QVERIFY(blockOf(a) == blockOf(b));
}

QTEST_GUILESS_MAIN(TestAttributes)
#include "tst_attributes.moc"
