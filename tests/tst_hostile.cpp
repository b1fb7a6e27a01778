// Huge and hostile input (issue #8): deep hierarchies and long chains on a small stack,
// strange text and numbers through the JSON round trip, nesting limits, duplicate keys,
// and the regressions the fuzzers found.
#include "model/effort.h"
#include "model/engine/analysis.h"
#include "model/engine/analysisreport.h"
#include "model/engine/snapshot.h"
#include "model/storage/json/jsonwriter.h"
#include "model/layout/graphlayout.h"
#include "model/project.h"
#include "model/storage/json/jsonformat.h"
#include "model/storage/projectfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace Workplan;

namespace {

const QString kFile = QStringLiteral("hostile.json");

// Runs `work` on a thread with a 512 KiB stack: recursion over 10k or 100k items would need
// several MiB, so a recursive loader, engine or layout crashes here instead of passing by
// luck on the 8 MiB main stack. QtTest macros stay on the test thread.
void onSmallStack(const std::function<void()> &work)
{
    QThread *thread = QThread::create(work);
    thread->setStackSize(512 * 1024);
    thread->start();
    QVERIFY(thread->wait());
    delete thread;
}

QByteArray taskJson(const QByteArray &id, const QByteArray &parent, const QByteArray &dep,
                    const QByteArray &effort = "1h")
{
    QByteArray t = "{\"task_id\":\"" + id + "\",\"task_type\":\"t\"";
    if (!parent.isEmpty())
        t += ",\"parent_task_id\":\"" + parent + '"';
    if (!effort.isEmpty())
        t += ",\"attributes\":{\"estimated_effort\":\"" + effort + "\"}";
    if (!dep.isEmpty())
        t += ",\"dependencies\":[{\"dependency_task_id\":\"" + dep + "\"}]";
    return t + '}';
}

std::optional<Project> roundTrip(const Project &p, QString *error)
{
    return JsonFormat::read(JsonFormat::write(p), kFile, error);
}

Project oneTaskProject(const QJsonObject &attributes)
{
    Task t;
    t.id = QStringLiteral("a");
    t.type = QStringLiteral("t");
    t.attributes = attributes;
    Project p;
    p.name = QStringLiteral("p");
    p.setTasks({t});
    return p;
}

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT

private slots:
    void deepHierarchy();
    void longDependencyChain();
    void strangeTextRoundTrips();
    void loneSurrogateRoundTrips();
    void byteOrderMarkInsideStrings();
    void megabyteAttribute();
    void deeplyNestedAttributes();
    void extremeNumbers();
    void extremeEfforts();
    void duplicateKeys();
    void veryLongTaskIds();
    void workplanPresenceFlagsAgreeWithValues();
};

// 10,000 levels of parents, the root last in the file so the loader meets every child
// before its parent; a side leaf the deepest levels depend on.
void TestHostile::deepHierarchy()
{
    const int depth = 10000;
    QByteArray json = "[";
    for (int i = depth - 1; i >= 0; --i) {
        const QByteArray id = "L" + QByteArray::number(i);
        const QByteArray parent = i > 0 ? "L" + QByteArray::number(i - 1) : QByteArray();
        const QByteArray dep = i % 1000 == 999 ? QByteArray("side") : QByteArray();
        json += taskJson(id, parent, dep, i == depth - 1 ? "2h" : "1 week") + ",\n";
    }
    json += taskJson("side", QByteArray(), QByteArray(), "3h") + "]";

    QString error, error2;
    std::optional<Project> project, again;
    Analysis analysis;
    LayoutResult layout;
    QByteArray report;
    onSmallStack([&] {
        project = JsonFormat::read(json, kFile, &error);
        if (!project)
            return;
        const Snapshot s = Snapshot::fromProject(*project);
        analysis = analyze(s);
        report = analysisToJson(s, analysis);
        layout = layoutProject(*project);
        again = roundTrip(*project, &error2);
    });
    QVERIFY2(project, qPrintable(error));
    QCOMPARE(project->taskCount(), depth + 1);
    QCOMPARE(analysis.leafTasks, 2);
    QVERIFY(analysis.hasSchedule());
    QCOMPARE(analysis.makespanHours, 5.0);   // side (3 h), then the deepest leaf (2 h)
    QCOMPARE(analysis.criticalPath.size(), size_t(2));
    QVERIFY(!report.isEmpty());
    QCOMPARE(int(layout.rects.size()), depth + 1);
    QCOMPARE(layout.depth[0], depth - 1);    // the deepest leaf is first in the file
    QVERIFY2(again, qPrintable(error2));
    QVERIFY(*again == *project);

    // A parent loop 10,000 long is found, named, and does not recurse either.
    QByteArray loop = "[";
    for (int i = 0; i < depth; ++i)
        loop += taskJson("L" + QByteArray::number(i), "L" + QByteArray::number((i + 1) % depth), {}) + ',';
    loop.chop(1);
    loop += ']';
    std::optional<Project> refused;
    onSmallStack([&] { refused = JsonFormat::read(loop, kFile, &error); });
    QVERIFY(!refused);
    QVERIFY2(error.contains(QLatin1String("parent loop")), qPrintable(error.left(200)));
}

// 100,000 leaves, each waiting for the one before: one long critical path, 100k layers.
void TestHostile::longDependencyChain()
{
    const int n = 100000;
    QByteArray json = "{\"format\":\"workplan\",\"version\":1,\"tasks\":[";
    json.reserve(n * 120);
    for (int i = 0; i < n; ++i) {
        json += taskJson("T" + QByteArray::number(i), {}, i > 0 ? "T" + QByteArray::number(i - 1) : QByteArray());
        json += i + 1 < n ? ",\n" : "]}";
    }

    QString error, error2;
    std::optional<Project> project, again;
    Analysis analysis;
    LayoutResult layout;
    onSmallStack([&] {
        project = JsonFormat::read(json, kFile, &error);
        if (!project)
            return;
        const Snapshot s = Snapshot::fromProject(*project);
        analysis = analyze(s);
        layout = layoutGraph(s);
        again = roundTrip(*project, &error2);
    });
    QVERIFY2(project, qPrintable(error));
    QVERIFY(analysis.hasSchedule());
    QCOMPARE(analysis.makespanHours, double(n));
    QCOMPARE(int(analysis.criticalPath.size()), n);
    QCOMPARE(int(analysis.parallelGroupCount()), n);
    QCOMPARE(analysis.timeSavingsHours, 0.0);
    QCOMPARE(layout.layerCount, n);
    QCOMPARE(layout.brokenEdges, 0);
    QVERIFY2(again, qPrintable(error2));
    QVERIFY(*again == *project);

    // Closing the chain into one 100k cycle: reported as one set, no schedule, no recursion.
    json.replace(taskJson("T0", {}, {}), taskJson("T0", {}, "T" + QByteArray::number(n - 1)));
    onSmallStack([&] {
        project = JsonFormat::read(json, kFile, &error);
        if (!project)
            return;
        const Snapshot s = Snapshot::fromProject(*project);
        analysis = analyze(s);
        layout = layoutGraph(s);
    });
    QVERIFY2(project, qPrintable(error));
    QCOMPARE(analysis.cycles.size(), size_t(1));
    QCOMPARE(int(analysis.cycles[0].size()), n);
    QCOMPARE(layout.brokenEdges, 1);
}

// NUL, right-to-left text with bidi controls, emoji (surrogate pairs), combining marks and
// every control character survive write -> read exactly, in ids, keys and values.
void TestHostile::strangeTextRoundTrips()
{
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls += QChar(c);
    const QString nul = QStringLiteral("a") + QChar(0) + QStringLiteral("b");
    const QString rtl = QStringLiteral("\u05e9\u05dc\u05d5\u05dd \u202e\u0645\u0631\u062d\u0628\u0627\u202c");
    const QString emoji = QStringLiteral("\U0001F600\U0001F469\u200D\U0001F4BB\U0001F1EB\U0001F1F7");
    const QString combining = QStringLiteral("e\u0301\u0327 \uFFFD \uFFFF \\ \" /");

    Task a;
    a.id = nul + rtl + emoji;
    a.type = emoji;
    a.attributes.insert(QStringLiteral("title"), rtl);
    a.attributes.insert(nul, controls);
    a.attributes.insert(emoji, QJsonArray{nul, rtl, emoji, combining});
    Task b;
    b.id = combining;
    b.type = QStringLiteral("t");
    b.parentId = QString();
    Dependency d;
    d.taskId = a.id;
    d.description = controls + nul;
    d.conditions.insert(rtl, emoji);
    d.hasConditions = true;   // as a reader would set it
    b.dependencies.append(d);
    b.extra.insert(controls, combining);
    Project p;
    p.name = emoji + nul;
    p.extra.insert(rtl, nul);
    p.setTasks({a, b});

    QString error;
    const auto again = roundTrip(p, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->name, p.name);
    QVERIFY(again->extra == p.extra);
    QCOMPARE(again->task(0).id, a.id);
    QCOMPARE(again->task(0).type, a.type);
    QVERIFY(again->task(0).attributes == a.attributes);
    QVERIFY(again->task(1).dependencies == b.dependencies);
    QVERIFY(again->task(1).extra == b.extra);
    QVERIFY(again->task(1) == b);
    QVERIFY(again->task(0) == a);
    QVERIFY(*again == p);
    QCOMPARE(again->task(0).attributes.value(nul).toString(), controls);
    QCOMPARE(again->name, p.name);
}

// Fuzz regression (fuzz_json): "\ud800" is valid JSON; the writer turned the lone surrogate
// into U+FFFD, so a saved file no longer matched what was loaded.
void TestHostile::loneSurrogateRoundTrips()
{
    const QByteArray json = R"([{"task_id":"x\ud800y","task_type":"\udfff","attributes":{"k\udc00":"\ud83d"}}])";
    QString error;
    const auto p = JsonFormat::read(json, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->task(0).id.size(), 3);
    QCOMPARE(p->task(0).id.at(1).unicode(), char16_t(0xD800));
    const QByteArray written = JsonFormat::write(*p);
    QVERIFY(written.contains("x\\ud800y"));
    QVERIFY(written.contains("\"\\udfff\""));
    const auto again = JsonFormat::read(written, kFile, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *p);
    // A real pair is still written as plain UTF-8.
    QCOMPARE(compactJson(QString(QStringLiteral("\U0001F600"))), QByteArray("\"\xF0\x9F\x98\x80\""));
}

// Fuzz regression (fuzz_json): Qt's parser drops a raw U+FEFF that opens a string, and an
// object key so cut is left out of order, so lookups and == on that object fail.
void TestHostile::byteOrderMarkInsideStrings()
{
    const QByteArray bom = "\xEF\xBB\xBF";
    const QByteArray json = bom + "[{\"task_id\":\"" + bom + "a\",\"task_type\":\"t\","
        "\"attributes\":{\"y\":1,\"" + bom + "x\":2,\"v\":\"" + bom + "\"}}]";
    QString error;
    const auto p = JsonFormat::read(json, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const QString feff(QChar(0xFEFF));
    QCOMPARE(p->task(0).id, feff + QStringLiteral("a"));
    QCOMPARE(p->task(0).attributes.value(feff + QStringLiteral("x")).toInt(), 2);
    QCOMPARE(p->task(0).attributes.value(QStringLiteral("v")).toString(), feff);
    QJsonObject expected{{QStringLiteral("y"), 1}, {feff + QStringLiteral("x"), 2}, {QStringLiteral("v"), feff}};
    QVERIFY(p->task(0).attributes == expected);
    const auto again = JsonFormat::read(JsonFormat::write(*p), kFile, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *p);

    // An error after such an escape still points at the file's own line and column.
    const QByteArray broken = "[\"" + bom + "\",\n  \"" + bom + "\" x]";
    QVERIFY(!JsonFormat::read(broken, kFile, &error));
    // Qt points just past the bad token: the "x" is byte 9 of line 2 in the file.
    QVERIFY2(error.contains(QLatin1String("line 2, column 10")), qPrintable(error));
}

void TestHostile::megabyteAttribute()
{
    QString big;
    big.reserve(1 << 20);
    const QString pattern = QStringLiteral("abc\u00e9\u05d0\U0001F600\"\\\n") + QChar(0);
    while (big.size() < (1 << 20))
        big += pattern;
    const Project p = oneTaskProject({{QStringLiteral("blob"), big}, {big.left(70000), big.left(3)}});
    QString error;
    const auto again = roundTrip(p, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->task(0).attributes.value(QStringLiteral("blob")).toString(), big);
    QVERIFY(*again == p);
}

// Qt's JSON parser stops at 1024 levels; deeper files are refused with a message naming
// the file and the place, never a crash. Up to the limit, the round trip is exact.
void TestHostile::deeplyNestedAttributes()
{
    auto nested = [](int levels) {
        return "[{\"task_id\":\"a\",\"task_type\":\"t\",\"attributes\":{\"deep\":"
            + QByteArray(levels, '[') + QByteArray(levels, ']') + "}}]";
    };
    QString error;
    QVERIFY(!JsonFormat::read(nested(10000), kFile, &error));
    QVERIFY2(error.startsWith(kFile + QLatin1String(": not valid JSON: too deeply nested")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("line 1, column")), qPrintable(error));

    // 1023 levels in all: root array, task object, attributes object, 1020 arrays.
    const auto p = JsonFormat::read(nested(1020), kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const auto again = roundTrip(*p, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *p);
    QVERIFY(!JsonFormat::read(nested(1022), kFile, &error));

    // Regression: a bare task array at Qt's limit (1024) loaded, but write() nests the tasks
    // one level deeper, so the saved file could not be opened again. It is refused up front.
    const auto atLimit = JsonFormat::read(nested(1021), kFile, &error);
    QVERIFY(!atLimit);
    QVERIFY2(error.contains(QLatin1String("too deeply nested")), qPrintable(error));
    // The object form has the same depth as what write() makes, so 1024 levels are fine there.
    const QByteArray objectForm = "{\"tasks\":" + nested(1020) + "}";
    const auto object = JsonFormat::read(objectForm, kFile, &error);
    QVERIFY2(object, qPrintable(error));
    const auto objectAgain = roundTrip(*object, &error);
    QVERIFY2(objectAgain, qPrintable(error));
    QVERIFY(*objectAgain == *object);
}

// Numbers at the edges of double and qint64 keep their value and JSON type.
void TestHostile::extremeNumbers()
{
    const QByteArray json = R"([{"task_id":"a","task_type":"t","attributes":{
        "max":1.7976931348623157e308,"min":-1.7976931348623157e308,"tiny":5e-324,"e308":1e308,
        "negzero":-0,"negzerof":-0.0,"i64max":9223372036854775807,"i64min":-9223372036854775808,
        "big":18446744073709551616,"p53":9007199254740993,"frac":0.1,"exp":1E+2}}])";
    QString error;
    const auto p = JsonFormat::read(json, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const QJsonObject a = p->task(0).attributes;
    QCOMPARE(a.value(QStringLiteral("max")).toDouble(), std::numeric_limits<double>::max());
    QCOMPARE(a.value(QStringLiteral("i64max")).toInteger(), std::numeric_limits<qint64>::max());
    QCOMPARE(a.value(QStringLiteral("i64min")).toInteger(), std::numeric_limits<qint64>::min());
    QCOMPARE(a.value(QStringLiteral("p53")).toInteger(), Q_INT64_C(9007199254740993));
    QCOMPARE(a.value(QStringLiteral("big")).toDouble(), 18446744073709551616.0);
    // Qt reads -0 as 0: the sign of zero is the one thing a JSON number loses here.
    QCOMPARE(a.value(QStringLiteral("negzero")).toDouble(), 0.0);

    const auto again = roundTrip(*p, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *p);
    for (auto it = a.constBegin(); it != a.constEnd(); ++it) {
        const QJsonValue v = again->task(0).attributes.value(it.key());
        QVERIFY2(v.isDouble(), qPrintable(it.key()));
        QVERIFY2(v == it.value(), qPrintable(it.key()));
    }

    // Past double's range is refused with a clear message, not read as infinity.
    QVERIFY(!JsonFormat::read(R"([{"task_id":"a","task_type":"t","attributes":{"x":1e400}}])", kFile, &error));
    QVERIFY2(error.contains(QLatin1String("illegal number")), qPrintable(error));
}

// Efforts and lags that overflow to infinity are unreadable, never an infinite schedule.
void TestHostile::extremeEfforts()
{
    const Calendar c;
    QVERIFY(!parseEffortText(u"1e308 h", c));   // no exponent form
    QVERIFY(!parseEffortText(QString(QLatin1String("9")).repeated(400) + QLatin1String(" months"), c));
    QCOMPARE(parseEffortText(QString(QLatin1String("9")).repeated(300) + QLatin1String(" h"), c).has_value(), true);
    QVERIFY(!parseEffortText(u"-1 h", c));
    QVERIFY(!parseEffortText(u"1-", c));
    QVERIFY(!parseEffortText(u"", c));
    QVERIFY(!parseEffort(QJsonValue(-0.5), c));
    QCOMPARE(*parseEffort(QJsonValue(0.0), c), 0.0);

    const QByteArray json = R"({"project":{"calendar":{"hours_per_day":1e308,"days_per_week":1e308}},"tasks":[
        {"task_id":"a","task_type":"t","attributes":{"estimated_effort":1.7976931348623157e308}},
        {"task_id":"b","task_type":"t","attributes":{"estimated_effort":"2 weeks"},
         "dependencies":[{"dependency_task_id":"a","lag":1e308}]},
        {"task_id":"c","task_type":"t","attributes":{"estimated_effort":1e308},
         "dependencies":[{"dependency_task_id":"b","lag":"1 d"}]}]})";
    QString error;
    const auto p = JsonFormat::read(json, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const Snapshot s = Snapshot::fromProject(*p);
    QVERIFY(s.estimate[1] == Snapshot::Estimate::Unreadable);   // 2 weeks overflows
    const Analysis a = analyze(s);
    QVERIFY(a.hasSchedule());
    QCOMPARE(a.warnings.size(), size_t(1));
    // The sums overflow to infinity; the report writes null for it rather than "inf".
    const QByteArray report = analysisToJson(s, a);
    QVERIFY(!report.contains("inf"));
    QVERIFY(!report.contains("nan"));
    QJsonParseError parseError;
    QJsonDocument::fromJson(report, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const auto again = roundTrip(*p, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *p);
}

// RFC 8259 leaves duplicate names open; Qt keeps the last, so does Workplan, and the file
// written back has each key once.
void TestHostile::duplicateKeys()
{
    const QByteArray json = R"([{"task_id":"a","task_id":"b","task_type":"t",
        "attributes":{"k":1,"k":2},"status":"draft","status":"active"}])";
    QString error;
    const auto p = JsonFormat::read(json, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->task(0).id, QStringLiteral("b"));
    QVERIFY(p->task(0).status == Status::Active);
    QCOMPARE(p->task(0).attributes.value(QStringLiteral("k")).toInt(), 2);
    const QByteArray written = JsonFormat::write(*p);
    QCOMPARE(written.count("\"task_id\""), 1);
    QCOMPARE(written.count("\"k\""), 1);

    // Two tasks with one id stay an error, even when the id is spelled with escapes.
    QVERIFY(!JsonFormat::read(R"([{"task_id":"a","task_type":"t"},{"task_id":"\u0061","task_type":"t"}])", kFile, &error));
    QVERIFY2(error.contains(QLatin1String("duplicate task_id")), qPrintable(error));
}

void TestHostile::veryLongTaskIds()
{
    const QByteArray longId(200000, 'i');
    const QByteArray otherId = longId + "2";
    QByteArray json = "[" + taskJson(longId, {}, {}) + "," + taskJson(otherId, {}, longId) + "]";
    QString error;
    const auto p = JsonFormat::read(json, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const Snapshot s = Snapshot::fromProject(*p);
    const Analysis a = analyze(s);
    QCOMPARE(a.makespanHours, 2.0);
    const auto again = roundTrip(*p, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *p);

    // An error about such a task names it, however long.
    json = "[" + taskJson(longId, {}, "missing") + "]";
    QVERIFY(!JsonFormat::read(json, kFile, &error));
    QVERIFY(error.contains(QString::fromLatin1(longId)));
    QVERIFY(error.contains(QLatin1String("unknown task 'missing'")));
}

// Found by fuzz_workplan: a .workplan whose flags said "attributes absent" next to attribute
// rows loaded as a project JSON cannot express (the JSON round trip then differed). The
// flags only record that JSON spelled out a default, so a value present means present.
void TestHostile::workplanPresenceFlagsAgreeWithValues()
{
    Task b;
    b.id = QStringLiteral("b");
    b.type = QStringLiteral("t");
    Task c = b;
    c.id = QStringLiteral("c");
    Task a = b;
    a.id = QStringLiteral("a");
    a.parentId = QStringLiteral("c");
    a.status = Status::Active;
    a.lifecycle = Lifecycle::Ready;
    a.attributes = QJsonObject{{QStringLiteral("title"), QStringLiteral("A")}};
    Dependency d;
    d.taskId = QStringLiteral("b");
    d.mandatory = false;
    d.waived = true;
    d.conditions = QJsonObject{{QStringLiteral("k"), 1}};
    d.hasMandatory = d.hasWaived = d.hasConditions = true;
    a.dependencies = {d};
    Project p;
    p.name = QStringLiteral("p");
    p.setTasks({b, c, a});

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("flags.workplan"));
    QString error;
    QVERIFY2(ProjectFile::save(p, file, &error), qPrintable(error));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("hostile-flags"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        // No presence flag set on 'a'; the dependencies keep is_mandatory (1) and waived (4)
        // but lose the flags that say they were spelled out (docs/file-format.md).
        QVERIFY2(q.exec(QStringLiteral("UPDATE tasks SET present = 0 WHERE task_id = 'a'")),
                 qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("UPDATE dependencies SET flags = flags & 5")),
                 qPrintable(q.lastError().text()));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("hostile-flags"));

    const auto loaded = ProjectFile::load(file, &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(*loaded == p);
    const auto again = JsonFormat::read(JsonFormat::write(*loaded), QStringLiteral("again.json"), &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(again->tasks() == loaded->tasks());
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
