// Issue #21 item 1: one JSON reader (simdjson) for every shape of file bench/json_corpus.py
// times, at test size: each loads, writes back every field it holds with the value and JSON
// type Qt's reader reads in it, and reads back to the same project. Also the edges of the
// reader around simdjson: the padding it reads past a mapped file's end, the rewrites for
// lone surrogate escapes and integers past 64 bits, and the messages of non-JSON text.
#include "model/project.h"
#include "model/validation.h"
#include "model/storage/json/jsondomreader.h"
#include "model/storage/json/jsonformat.h"
#include "model/storage/json/jsonparse.h"
#include "model/storage/json/jsonprepare.h"
#include "model/storage/json/jsonwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <charconv>
#include <functional>
#include <random>
#include <string>

using namespace Workplan;

namespace {

const QString kFile = QStringLiteral("corpus.json");

// A plan of epics > features > leaves, each leaf waiting for the same leaf of the feature
// before (never an ancestor or descendant), as bench/generate.py makes them.
QJsonObject plan(int features, int leavesPerFeature)
{
    QJsonArray tasks;
    for (int e = 0; e < 2; ++e) {
        tasks.append(QJsonObject{{QStringLiteral("task_id"), QStringLiteral("epic_%1").arg(e)},
                                 {QStringLiteral("task_type"), QStringLiteral("epic")},
                                 {QStringLiteral("parent_task_id"), QJsonValue::Null},
                                 {QStringLiteral("status"), QStringLiteral("active")},
                                 {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Epic %1").arg(e)}}}});
    }
    for (int f = 0; f < features; ++f) {
        const QString feature = QStringLiteral("feat_%1").arg(f);
        tasks.append(QJsonObject{{QStringLiteral("task_id"), feature}, {QStringLiteral("task_type"), QStringLiteral("feature")},
                                 {QStringLiteral("parent_task_id"), QStringLiteral("epic_%1").arg(f % 2)}});
        for (int k = 0; k < leavesPerFeature; ++k) {
            QJsonObject leaf{{QStringLiteral("task_id"), QStringLiteral("%1_t%2").arg(feature).arg(k)},
                             {QStringLiteral("task_type"), QStringLiteral("specialist_task")},
                             {QStringLiteral("parent_task_id"), feature},
                             {QStringLiteral("status"), k % 3 ? QStringLiteral("pending") : QStringLiteral("completed")},
                             {QStringLiteral("lifecycle_stage"), QStringLiteral("planning")},
                             {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Step %1 \u00e9").arg(k)},
                                                                        {QStringLiteral("estimated_effort"), k % 2 ? QJsonValue(QStringLiteral("2 days")) : QJsonValue(1.5)}}}};
            if (f > 0) {
                QJsonObject d{{QStringLiteral("dependency_task_id"), QStringLiteral("feat_%1_t%2").arg(f - 1).arg(k)},
                              {QStringLiteral("dependency_type"), k % 4 ? QStringLiteral("completion") : QStringLiteral("data")}};
                if (k % 5 == 0)
                    d.insert(QStringLiteral("lag"), k % 10 ? QJsonValue(4) : QJsonValue(QStringLiteral("1 day")));
                if (k % 7 == 0)
                    d.insert(QStringLiteral("description"), QStringLiteral("needs %1").arg(k));
                leaf.insert(QStringLiteral("dependencies"), QJsonArray{d});
            }
            tasks.append(leaf);
        }
    }
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("workplan")}, {QStringLiteral("version"), 1},
                       {QStringLiteral("project"), QJsonObject{{QStringLiteral("name"), QStringLiteral("corpus")},
                                                               {QStringLiteral("calendar"), QJsonObject{{QStringLiteral("hours_per_day"), 8},
                                                                                                        {QStringLiteral("days_per_week"), 5}}}}},
                       {QStringLiteral("tasks"), tasks}};
}

// Applies `f` to every task object of the plan, and to each of its dependencies with `dep`.
void eachTask(QJsonObject &doc, const std::function<void(QJsonObject &, int)> &f)
{
    QJsonArray tasks = doc.value(QStringLiteral("tasks")).toArray();
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        QJsonObject t = tasks.at(i).toObject();
        f(t, int(i));
        tasks[i] = t;
    }
    doc.insert(QStringLiteral("tasks"), tasks);
}

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

// Every field of `in` is in `out` with the same value and JSON type (write() may add defaults).
void verifyKept(const QJsonValue &in, const QJsonValue &out, const QString &path)
{
    if (in.isObject() && out.isObject()) {
        const QJsonObject i = in.toObject(), o = out.toObject();
        for (auto it = i.constBegin(); it != i.constEnd(); ++it)
            verifyKept(it.value(), o.value(it.key()), path + QLatin1Char('/') + it.key());
    } else if (in.isArray() && out.isArray() && in.toArray().size() == out.toArray().size()) {
        const QJsonArray i = in.toArray(), o = out.toArray();
        for (qsizetype k = 0; k < i.size(); ++k)
            verifyKept(i.at(k), o.at(k), path + QLatin1Char('/') + QString::number(k));
    } else {
        QVERIFY2(in == out && in.type() == out.type(), qPrintable(path));
    }
}

} // namespace

class TestJsonCorpus : public QObject
{
    Q_OBJECT
private slots:
    void shapes_data();
    void shapes();
    void prettyAndCompactAgree();
    void dependencyUnknownFieldsKeptCompact();
    void attributeTextAtEveryPlace();
    void attributeKeysOfEveryShape();
    void readerKnowsTheIdsItSaw_data();
    void readerKnowsTheIdsItSaw();
    void largeTextParsesAsSimdjsonDoes_data();
    void largeTextParsesAsSimdjsonDoes();
    void largeFileReadsAsQtDoes();
    void mappedFileAtPageEnd_data();
    void mappedFileAtPageEnd();
    void loneSurrogatesBesidePrivateUse();
    void bigIntegersBesideLoneSurrogates();
    void bigIntegersSpelledAtTheirLength();
    void bigIntegersInAFileRespelledInPlace();
    void notJsonNamesThePlace_data();
    void notJsonNamesThePlace();
};

void TestJsonCorpus::shapes_data()
{
    QTest::addColumn<QByteArray>("text");
    const QJsonObject base = plan(6, 12);
    QTest::newRow("pretty") << QJsonDocument(base).toJson(QJsonDocument::Indented);
    QTest::newRow("compact") << compact(base);

    QJsonObject unknown = base;
    unknown.insert(QStringLiteral("x-origin"), QJsonObject{{QStringLiteral("run"), QJsonArray{1, 2.5, QStringLiteral("three"), QJsonValue::Null, true}}});
    QJsonObject project = unknown.value(QStringLiteral("project")).toObject();
    project.insert(QStringLiteral("x-owner"), QJsonObject{{QStringLiteral("contacts"), QJsonArray{QJsonObject{{QStringLiteral("since"), 2019}}}}});
    QJsonObject calendar = project.value(QStringLiteral("calendar")).toObject();
    calendar.insert(QStringLiteral("x-note"), QStringLiteral("four-day weeks"));
    project.insert(QStringLiteral("calendar"), calendar);
    unknown.insert(QStringLiteral("project"), project);
    eachTask(unknown, [](QJsonObject &t, int i) {
        t.insert(QStringLiteral("x-ticket"), QStringLiteral("JIRA-%1").arg(i));
        t.insert(QStringLiteral("x-meta"), QJsonObject{{QStringLiteral("imported"), i % 2 == 0}, {QStringLiteral("score"), i / 7.0}});
        QJsonArray deps = t.value(QStringLiteral("dependencies")).toArray();
        for (qsizetype k = 0; k < deps.size(); ++k) {
            QJsonObject d = deps.at(k).toObject();
            d.insert(QStringLiteral("x-reason"), QStringLiteral("review %1").arg(i));
            // Dependencies that share their unknown keys are read from one shape (DomValues
            // ::objectOf): a value in the wrong slot would not round-trip.
            if (i % 2 == 1) {
                d.insert(QStringLiteral("x-weight"), i * 10 + int(k));
                d.insert(QStringLiteral("a-first"), QJsonObject{{QStringLiteral("k"), QJsonArray{int(k), QStringLiteral("v")}}});
            }
            deps[k] = d;
        }
        if (!deps.isEmpty())
            t.insert(QStringLiteral("dependencies"), deps);
    });
    QTest::newRow("unknown fields at every level") << compact(unknown);

    QJsonObject big = base;
    eachTask(big, [](QJsonObject &t, int i) {
        QJsonObject a = t.value(QStringLiteral("attributes")).toObject();
        for (int k = 0; k < 30; ++k) {
            const QString key = QStringLiteral("field_%1").arg(k);
            switch (k % 6) {
            case 0: a.insert(key, qint64(i) * 1000003 * (k + 1) - 5000000000LL); break;
            case 1: a.insert(key, i / 3.0 + k); break;
            case 2: a.insert(key, QStringLiteral("value %1 \u00e9 \U0001F600").arg(k)); break;
            case 3: a.insert(key, QJsonArray{k, QStringLiteral("x"), QJsonValue::Null, k % 2 == 0}); break;
            case 4: a.insert(key, QJsonObject{{QStringLiteral("level"), k}, {QStringLiteral("tags"), QJsonArray{QStringLiteral("a")}}}); break;
            default: a.insert(key, k % 12 == 5 ? QJsonValue(QJsonValue::Null) : QJsonValue(false)); break;
            }
        }
        t.insert(QStringLiteral("attributes"), a);
    });
    QTest::newRow("big attribute objects") << compact(big);

    // Parent chains 200 deep, attributes nested 60 levels.
    QJsonValue nested = QStringLiteral("bottom");
    for (int level = 0; level < 60; ++level)
        nested = level % 2 ? QJsonValue(QJsonObject{{QStringLiteral("in"), nested}}) : QJsonValue(QJsonArray{level, nested});
    QJsonArray chain;
    for (int k = 0; k < 200; ++k) {
        chain.append(QJsonObject{{QStringLiteral("task_id"), QStringLiteral("c%1").arg(k)}, {QStringLiteral("task_type"), QStringLiteral("t")},
                                 {QStringLiteral("parent_task_id"), k ? QJsonValue(QStringLiteral("c%1").arg(k - 1)) : QJsonValue(QJsonValue::Null)},
                                 {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("nested"), nested}}}});
    }
    QJsonObject deep = base;
    deep.insert(QStringLiteral("tasks"), chain);
    QTest::newRow("deep hierarchy") << compact(deep);

    QString megabyte;
    const QString piece = QStringLiteral("\"quotes\", back\\slash, tab\t, caf\u00e9, \u05e9\u05dc\u05d5\u05dd, \U0001F600, nul ") + QChar(0) + QLatin1Char('\n');
    while (megabyte.size() < (1 << 20))
        megabyte += piece;
    QJsonObject strings = base;
    eachTask(strings, [&](QJsonObject &t, int i) {
        if (i % 40 == 3) {
            QJsonObject a = t.value(QStringLiteral("attributes")).toObject();
            a.insert(QStringLiteral("description"), megabyte);
            t.insert(QStringLiteral("attributes"), a);
        }
    });
    QTest::newRow("1 MB strings") << compact(strings);
    QTest::newRow("bare array") << QJsonDocument(base.value(QStringLiteral("tasks")).toArray()).toJson(QJsonDocument::Compact);
}

void TestJsonCorpus::shapes()
{
    QFETCH(QByteArray, text);
    QString error;
    const auto p = JsonFormat::read(text, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    QVERIFY(p->taskCount() > 50);
    const QByteArray written = JsonFormat::write(*p);
    const QJsonDocument in = QJsonDocument::fromJson(text);
    const QJsonDocument out = QJsonDocument::fromJson(written);
    if (in.isArray())
        verifyKept(in.array(), out.object().value(QStringLiteral("tasks")), QStringLiteral("tasks"));
    else
        verifyKept(in.object(), out.object(), QString());
    if (QTest::currentTestFailed())
        return;
    // The written file reads back to the same project and is written again byte for byte
    // (the form `workplan convert` makes is canonical), through the mapped-file path too.
    const auto again = JsonFormat::read(written, kFile, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *p);
    QCOMPARE(JsonFormat::write(*again), written);
    QTemporaryDir dir;
    const QString path = dir.filePath(kFile);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
    f.close();
    const auto mapped = JsonFormat::readFile(path, &error);
    QVERIFY2(mapped, qPrintable(error));
    QCOMPARE(JsonFormat::write(*mapped), written);
}

// A dependency's unknown fields are kept as a task's are, in compact text (a QJsonObject
// made key by key per dependency was most of loading a plan whose dependencies carry one).
void TestJsonCorpus::dependencyUnknownFieldsKeptCompact()
{
    QJsonObject doc = plan(3, 4);
    int withExtra = 0;
    QHash<QString, QString> reasonOf;
    eachTask(doc, [&](QJsonObject &t, int i) {
        reasonOf.insert(t.value(QStringLiteral("task_id")).toString(), QStringLiteral("review %1").arg(i));
        QJsonArray deps = t.value(QStringLiteral("dependencies")).toArray();
        for (qsizetype k = 0; k < deps.size(); ++k) {
            QJsonObject d = deps.at(k).toObject();
            d.insert(QStringLiteral("x-reason"), QStringLiteral("review %1").arg(i));
            d.insert(QStringLiteral("x-big"), 9007199254740993.0);
            deps[k] = d;
            ++withExtra;
        }
        t.insert(QStringLiteral("dependencies"), deps);
    });
    QVERIFY(withExtra > 5);
    QString error;
    const auto p = JsonFormat::read(compact(doc), kFile, &error);
    QVERIFY2(p, qPrintable(error));
    int seen = 0;
    for (const Task &t : p->tasks()) {
        for (const Dependency &d : t.dependencies) {
            QVERIFY(!d.extra.canonicalJson().isNull());
            QCOMPARE(d.extra.size(), 2);
            QCOMPARE(d.extra.value(QStringLiteral("x-reason")).toString(), reasonOf.value(t.id));
            QCOMPARE(d.extra.value(QStringLiteral("x-big")).toDouble(), 9007199254740993.0);
            ++seen;
        }
    }
    QCOMPARE(seen, withExtra);
}

// An attribute's text is kept in the writer's spelling, checked sixteen bytes at a time:
// a character to escape (or U+FEFF) at any place of a short or long text reads back as it
// was and is spelled as JsonWriter spells it.
void TestJsonCorpus::attributeTextAtEveryPlace()
{
    const QString specials[] = {QStringLiteral("\""), QStringLiteral("\\"), QStringLiteral("\n"), QString(QChar(1)),
                                QString(QChar(0x1f)), QString(QChar(0xFEFF)), QStringLiteral("\u00e9"), QStringLiteral("\U0001F600"),
                                QString(QChar(0x7f)), QStringLiteral("\u20ac")};
    QJsonArray tasks;
    QStringList texts;
    for (const QString &special : specials) {
        for (int length : {5, 15, 16, 17, 33, 40}) {
            for (int at = 0; at < length; ++at) {
                const QString text = QString(at, QLatin1Char('a')) + special + QString(length - at, QLatin1Char('b'));
                tasks.append(QJsonObject{{QStringLiteral("task_id"), QStringLiteral("t%1").arg(texts.size())},
                                         {QStringLiteral("task_type"), QStringLiteral("t")},
                                         {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("text"), text}, {QStringLiteral("n"), 1}}}});
                texts << text;
            }
        }
    }
    QString error;
    const auto p = JsonFormat::read(QJsonDocument(tasks).toJson(QJsonDocument::Compact), kFile, &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->taskCount(), int(texts.size()));
    for (int i = 0; i < p->taskCount(); ++i) {
        const Attributes &a = p->task(i).attributes;
        QVERIFY(!a.canonicalJson().isNull());
        QCOMPARE(a.value(QStringLiteral("text")).toString(), texts.at(i));
        QCOMPARE(a.canonicalJson(), compactJson(QJsonObject{{QStringLiteral("n"), 1}, {QStringLiteral("text"), texts.at(i)}}));
    }
}

// Objects in a row mostly share their keys: the last shape at each depth is tried first and
// each key's spelling is kept with the shape. Keys that need escapes, key lists that
// change from one object to the next, alike at the top and nested, each a prefix of
// another, all keep the writer's spelling.
void TestJsonCorpus::attributeKeysOfEveryShape()
{
    const QString keys[] = {QStringLiteral("q\"k"), QStringLiteral("caf\u00e9"), QStringLiteral("line\nk"), QStringLiteral("plain"),
                            QString(QChar(0xFEFF)) + QStringLiteral("bom"), QStringLiteral("a"), QStringLiteral("ab")};
    QJsonArray tasks;
    QList<QJsonObject> expected;
    for (int i = 0; i < 60; ++i) {
        QJsonObject a;
        const int count = 2 + (i / 3) % 5;   // runs of the same keys, then others
        for (int k = 0; k < count; ++k) {
            const QString key = keys[(k + i / 15) % 7];
            if (k % 2 == 0)
                a.insert(key, QJsonObject{{keys[(k + i) % 7], i}, {keys[(k + i + 1) % 7], QJsonArray{k, QStringLiteral("x")}}});
            else
                a.insert(key, QStringLiteral("v%1").arg(i));
        }
        tasks.append(QJsonObject{{QStringLiteral("task_id"), QStringLiteral("t%1").arg(i)},
                                 {QStringLiteral("task_type"), QStringLiteral("t")},
                                 {QStringLiteral("attributes"), a}});
        expected << a;
    }
    QString error;
    const auto p = JsonFormat::read(QJsonDocument(tasks).toJson(QJsonDocument::Compact), kFile, &error);
    QVERIFY2(p, qPrintable(error));
    for (int i = 0; i < p->taskCount(); ++i) {
        const Attributes &a = p->task(i).attributes;
        QVERIFY(!a.canonicalJson().isNull());
        QCOMPARE(a.canonicalJson(), compactJson(expected.at(i)));
        QVERIFY(a.toObject() == expected.at(i));
    }
}

// The reader hands validation the parents and prerequisites it knows from the text of a
// task's own id (one reader for a small plan, two for a large one): each known one is the
// task the id names, most are known, and validation resolves the same with them.
void TestJsonCorpus::readerKnowsTheIdsItSaw_data()
{
    QTest::addColumn<int>("features");
    QTest::newRow("one reader") << 4;
    QTest::newRow("two readers") << 120;
}

void TestJsonCorpus::readerKnowsTheIdsItSaw()
{
    QFETCH(int, features);
    const QByteArray text = compact(plan(features, 90));
    const simdjson::padded_string padded(text.constData(), std::size_t(text.size()));
    simdjson::dom::parser parser;
    const auto root = parser.parse(padded);
    QVERIFY(!root.error());
    const JsonFormat::DomValues values(0);
    JsonFormat::DomReader reader(values);
    Project p;
    ResolvedIds known;
    QVERIFY(reader.read(root.value_unsafe(), p, &known));
    QCOMPARE(known.parent.size(), std::size_t(p.taskCount()));
    QCOMPARE(known.depPrereq.size(), std::size_t(p.dependencyCount()));
    int parents = 0, prerequisites = 0;
    std::size_t k = 0;
    for (int i = 0; i < p.taskCount(); ++i) {
        const Task &t = p.task(i);
        if (known.parent[std::size_t(i)] >= 0) {
            QCOMPARE(known.parent[std::size_t(i)], p.indexOf(t.parentId));
            ++parents;
        }
        for (const Dependency &d : t.dependencies) {
            if (known.depPrereq[k] >= 0) {
                QCOMPARE(known.depPrereq[k], p.indexOf(d.taskId));
                ++prerequisites;
            }
            ++k;
        }
    }
    QVERIFY2(parents > p.taskCount() / 2, qPrintable(QString::number(parents)));
    QVERIFY2(prerequisites > p.dependencyCount() / 2, qPrintable(QString::number(prerequisites)));
    ResolvedIds withKnown, without;
    QVERIFY(!validateProject(p, &withKnown, &known));
    QVERIFY(!validateProject(p, &without));
    QVERIFY(withKnown.parent == without.parent);
    QVERIFY(withKnown.depPrereq == without.depPrereq);
}

// Past kPrefaultFrom bytes the parse runs its two stages itself, a second core preparing
// the pages the second one writes: the same document and the same errors as simdjson's
// own parse_into_document, whatever the text.
void TestJsonCorpus::largeTextParsesAsSimdjsonDoes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QByteArray big = compact(plan(6, 12));
    QJsonObject unknown = plan(6, 12);
    unknown.insert(QStringLiteral("x-numbers"), QJsonArray{1, -2.5, 3e300, QJsonValue::Null, true, QStringLiteral("\u00e9\"")});
    QByteArray numbers = "[";
    while (numbers.size() < qsizetype(JsonFormat::kPrefaultFrom) + 4096)
        numbers += "1,-22,3.5e7,\"\",{\"a\":[true,false,null]},";   // two tape words a number
    numbers += "0]";
    QByteArray strings = "{\"tasks\":[";
    while (strings.size() < qsizetype(JsonFormat::kPrefaultFrom) + 4096)
        strings += "\"caf\\u00e9 \\\" quoted\" ,  \"x\":1,";   // not valid: a key in an array
    QByteArray grown;
    while (grown.size() < qsizetype(JsonFormat::kPrefaultFrom) + 4096)
        grown += big + '\n';   // several documents: refused after the first
    const QByteArray one = "[" + QByteArray(big).repeated(int(JsonFormat::kPrefaultFrom / std::size_t(big.size())) + 2).replace("}{", "},{") + "]";
    QTest::newRow("plans in an array") << one << true;
    QTest::newRow("numbers and literals") << numbers << true;
    QTest::newRow("truncated") << one.left(one.size() - 7) << false;
    QTest::newRow("broken") << strings << false;
    QTest::newRow("two documents") << grown << false;
    QByteArray utf8 = one;
    utf8[utf8.size() / 2 + 3] = char(0xff);
    QTest::newRow("not UTF-8") << utf8 << false;
    QTest::newRow("too deep") << QByteArray(int(JsonFormat::kPrefaultFrom) + 10, '[') << false;
}

void TestJsonCorpus::largeTextParsesAsSimdjsonDoes()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QVERIFY(std::size_t(text.size()) >= JsonFormat::kPrefaultFrom);
    const simdjson::padded_string padded(text.constData(), std::size_t(text.size()));
    simdjson::dom::parser theirs, ours;
    QCOMPARE(theirs.allocate(padded.size()), simdjson::SUCCESS);
    QCOMPARE(ours.allocate(padded.size()), simdjson::SUCCESS);
    simdjson::dom::document theirDoc, ourDoc;
    const auto expected = theirs.parse_into_document(theirDoc, padded.data(), padded.size(), false);
    const auto got = JsonFormat::parseDocument(ours, ourDoc, padded.data(), padded.size());
    QCOMPARE(int(got.error()), int(expected.error()));
    QCOMPARE(expected.error() == simdjson::SUCCESS, valid);
    if (!expected.error())
        QVERIFY(simdjson::to_string(got.value_unsafe()) == simdjson::to_string(expected.value_unsafe()));
}

// The reader over a file past kPrefaultFrom: every field as Qt's reader reads it.
void TestJsonCorpus::largeFileReadsAsQtDoes()
{
    QJsonObject doc = plan(40, 40);
    QJsonArray tasks = doc.value(QStringLiteral("tasks")).toArray();
    const QString description = QStringLiteral("long text \u00e9 \"quoted\" ").repeated(200);
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        QJsonObject t = tasks.at(i).toObject();
        QJsonObject a = t.value(QStringLiteral("attributes")).toObject();
        a.insert(QStringLiteral("description"), description);
        a.insert(QStringLiteral("score"), i * 0.25);
        t.insert(QStringLiteral("attributes"), a);
        t.insert(QStringLiteral("x-n"), qint64(i) * 1000000007LL);
        tasks[i] = t;
    }
    doc.insert(QStringLiteral("tasks"), tasks);
    const QByteArray text = QJsonDocument(doc).toJson(QJsonDocument::Indented);
    QVERIFY(std::size_t(text.size()) >= JsonFormat::kPrefaultFrom);
    QString error;
    const auto p = JsonFormat::read(text, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    verifyKept(doc, QJsonDocument::fromJson(JsonFormat::write(*p)).object(), QString());
}

void TestJsonCorpus::prettyAndCompactAgree()
{
    const QJsonObject doc = plan(4, 9);
    QString error;
    const auto pretty = JsonFormat::read(QJsonDocument(doc).toJson(QJsonDocument::Indented), kFile, &error);
    QVERIFY2(pretty, qPrintable(error));
    const auto dense = JsonFormat::read(compact(doc), kFile, &error);
    QVERIFY2(dense, qPrintable(error));
    QVERIFY(*pretty == *dense);
}

// simdjson reads up to 64 bytes past its input: a mapped file is read in place only when
// the rest of its last page holds them, else copied. Sizes around a page's end.
void TestJsonCorpus::mappedFileAtPageEnd_data()
{
    QTest::addColumn<int>("size");
    for (const int size : {4096 - 65, 4096 - 64, 4096 - 63, 4096 - 1, 4096, 4097, 8192 - 64, 8192, 3 * 4096 + 1})
        QTest::newRow(qPrintable(QString::number(size))) << size;
}

void TestJsonCorpus::mappedFileAtPageEnd()
{
    QFETCH(int, size);
    const QByteArray head = R"({"tasks":[{"task_id":"a","task_type":"t","attributes":{"note":")";
    const QByteArray tail = R"("}}]})";
    const int noteSize = size - int(head.size() + tail.size());
    const QByteArray text = head + QByteArray(noteSize, 'x') + tail;
    QCOMPARE(text.size(), qsizetype(size));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("page.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
    f.close();
    QString error;
    const auto p = JsonFormat::readFile(path, &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->task(0).attributes.value(QStringLiteral("note")).toString().size(), qsizetype(noteSize));
    // A cut file is refused, whatever lies past its end.
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.chopped(1));
    f.close();
    QVERIFY(!JsonFormat::readFile(path, &error));
    QVERIFY2(error.contains(QLatin1String("not valid JSON")), qPrintable(error));
}

// Lone surrogate escapes travel through simdjson as private-use characters of a block the
// file does not use: a file holding that block's characters raw keeps them too.
void TestJsonCorpus::loneSurrogatesBesidePrivateUse()
{
    const QByteArray json = "[{\"task_id\":\"\xF3\xB0\x80\x81\\ud800\",\"task_type\":\"\\udfff\xF3\xB0\x80\x80\","
                            "\"attributes\":{\"\\udbff\":\"\\ud83d\\ude00\\udc00\"}}]";
    QString error;
    const auto p = JsonFormat::read(json, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const QString id = p->task(0).id;
    QCOMPARE(id.size(), 3);
    QCOMPARE(id.toUcs4().at(0), char32_t(0xF0001));
    QCOMPARE(id.at(2).unicode(), char16_t(0xD800));
    QCOMPARE(p->task(0).type.at(0).unicode(), char16_t(0xDFFF));
    QCOMPARE(p->task(0).type.toUcs4().at(1), char32_t(0xF0000));
    const QString value = p->task(0).attributes.value(QString(QChar(char16_t(0xDBFF)))).toString();
    QCOMPARE(value, QString::fromUtf8("\xF0\x9F\x98\x80") + QChar(char16_t(0xDC00)));
    const auto again = JsonFormat::read(JsonFormat::write(*p), kFile, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *p);
}

// Integers past 64 bits are read as the doubles Qt's reader made of them, also in a file
// whose strings went through the surrogate rewrite.
void TestJsonCorpus::bigIntegersBesideLoneSurrogates()
{
    const QByteArray json = R"([{"task_id":"a\ud800","task_type":"t","attributes":{"big":123456789012345678901234567890,
        "neg":-9223372036854775809,"u64":18446744073709551615,"s":"99999999999999999999999","e":-1e2}}])";
    QString error;
    const auto p = JsonFormat::read(json, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const QJsonObject a = p->task(0).attributes;
    QCOMPARE(a.value(QStringLiteral("big")).toDouble(), 1.2345678901234568e+29);
    QCOMPARE(a.value(QStringLiteral("neg")).toInteger(), std::numeric_limits<qint64>::min());
    QCOMPARE(a.value(QStringLiteral("u64")).toDouble(), 18446744073709551615.0);
    QCOMPARE(a.value(QStringLiteral("s")).toString(), QStringLiteral("99999999999999999999999"));
    QCOMPARE(a.value(QStringLiteral("e")).toInteger(), -100);
    QCOMPARE(p->task(0).id.at(1).unicode(), char16_t(0xD800));
}

// sameLengthDouble(): every integer past 64 bits of 20 to 308 digits, either sign, has a
// spelling of its own length that reads as the same double; past a double's range none.
void TestJsonCorpus::bigIntegersSpelledAtTheirLength()
{
    QCOMPARE(*JsonFormat::sameLengthDouble("18446744073709551616"), QByteArray("184467440737095520e2"));
    QCOMPARE(*JsonFormat::sameLengthDouble("99999999999999999999"), QByteArray("100000000000000000e3"));
    QVERIFY(!JsonFormat::sameLengthDouble(std::string(400, '9')));
    std::mt19937_64 rng(7);
    for (int i = 0; i < 5000; ++i) {
        const int digits = 20 + int(rng() % 289);
        std::string n = rng() % 2 ? "-" : "";
        n += char('1' + rng() % 9);
        for (int k = 1; k < digits; ++k)
            n += char('0' + rng() % 10);
        const auto spelled = JsonFormat::sameLengthDouble(n);
        QVERIFY2(spelled, n.c_str());
        QCOMPARE(std::size_t(spelled->size()), n.size());
        double a = 0, b = 0;
        std::from_chars(n.data(), n.data() + n.size(), a);
        std::from_chars(spelled->constData(), spelled->constData() + spelled->size(), b);
        QCOMPARE(b, a);
        QCOMPARE(QJsonDocument::fromJson("[" + *spelled + "]").array().at(0).toDouble(),
                 QJsonDocument::fromJson(QByteArray("[") + n.c_str() + "]").array().at(0).toDouble());
    }
}

// A file (read through a private mapping) gets its integers past 64 bits respelled in
// place, so that only simdjson's second stage runs again: the values are Qt's, the file
// on disk keeps every byte, and a file that is not JSON past such a number is refused in
// the same words as the same bytes read from memory (which take the copying rewrite).
void TestJsonCorpus::bigIntegersInAFileRespelledInPlace()
{
    QByteArray json = R"({"format":"workplan","version":1,"tasks":[)";
    for (int i = 0; i < 3000; ++i) {
        json += R"({"task_id":"t)" + QByteArray::number(i) + R"(","task_type":"t","attributes":{"title":"x 123456789012345678901234")"
              + R"(,"n":)" + QByteArray::number(i) + "}},";
    }
    json += R"({"task_id":"big","task_type":"t","attributes":{"a":[123456789012345678901234567890,-98765432109876543210],)"
            R"("o":{"u":18446744073709551616},"fits":18446744073709551615,"neg":-9223372036854775809}}]})";
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.json"));
    auto write = [&](const QByteArray &bytes) {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    };
    for (const QByteArray &padding : {QByteArray(), QByteArray(9 << 20, ' ')}) {   // below and past kPrefaultFrom
        const QByteArray text = json + padding;
        QVERIFY(write(text));
        QString error;
        const auto p = JsonFormat::readFile(path, &error);
        QVERIFY2(p, qPrintable(error));
        const QJsonObject qt = QJsonDocument::fromJson(text).object().value(QLatin1String("tasks")).toArray().last()
                                   .toObject().value(QLatin1String("attributes")).toObject();
        const Task &big = p->task(p->taskCount() - 1);
        QCOMPARE(big.attributes.toObject(), qt);
        QCOMPARE(big.attributes.value(QStringLiteral("neg")).toInteger(), std::numeric_limits<qint64>::min());
        QCOMPARE(p->task(0).attributes.value(QStringLiteral("title")).toString(), QStringLiteral("x 123456789012345678901234"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), text);   // the file never changes

        // Not JSON after the number: the message of the copying path, the file unchanged.
        const QByteArray broken = text.left(text.size() - padding.size() - 2) + "]" + padding;
        QVERIFY(write(broken));
        QString fromFile, fromMemory;
        QVERIFY(!JsonFormat::readFile(path, &fromFile));
        QVERIFY(!JsonFormat::read(broken, path, &fromMemory));
        QCOMPARE(fromFile, fromMemory);
        QVERIFY(fromFile.contains(QLatin1String("not valid JSON")));
        QFile g(path);
        QVERIFY(g.open(QIODevice::ReadOnly));
        QCOMPARE(g.readAll(), broken);
    }
}

void TestJsonCorpus::notJsonNamesThePlace_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    // Qt's own words where Qt's reader refused the text too.
    QTest::newRow("syntax") << QByteArray("[{\"task_id\":\"a\",\n \"task_type\" \"t\"}]")
                            << QStringLiteral("corpus.json: not valid JSON: missing name separator at line 2, column 15");
    // RFC 8259 text Qt's reader let through: refused, naming the place.
    QTest::newRow("raw tab") << QByteArray("[{\"task_id\":\"a\tb\",\"task_type\":\"t\"}]")
                             << QStringLiteral("corpus.json: not valid JSON: a control character in a string must be escaped at line 1, column 15");
    QTest::newRow("unknown escape") << QByteArray("[{\"task_id\":\"a\",\n\"task_type\":\"\\x\"}]")
                                    << QStringLiteral("corpus.json: not valid JSON: invalid escape in a string at line 2, column 14");
    QTest::newRow("number with a bare point") << QByteArray("[{\"task_id\":\"a\",\"task_type\":\"t\",\"attributes\":{\"n\":1.}}]")
                                              << QStringLiteral("corpus.json: not valid JSON: invalid number at line 1, column 51");
    QTest::newRow("second byte order mark") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF[]")
                                            << QStringLiteral("corpus.json: not valid JSON: illegal value at line 1, column 1");
}

void TestJsonCorpus::notJsonNamesThePlace()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!JsonFormat::read(text, kFile, &error));
    QCOMPARE(error, message);
}

QTEST_GUILESS_MAIN(TestJsonCorpus)
#include "tst_jsoncorpus.moc"
