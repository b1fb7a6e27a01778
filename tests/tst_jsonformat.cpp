// §1: the interchange file. Every input error refuses the whole file with a message naming
// the file, the task and the problem; what is read is written back unchanged.
#include "model/storage/json/jsonformat.h"
#include "model/validation.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <functional>

#include <QtTest>

#include <unistd.h>

using namespace Workplan;

namespace {

const QString kFile = QStringLiteral("/plans/bad-plan.json");

QByteArray wrap(const QByteArray &tasks)
{
    return "{\"format\": \"workplan\", \"version\": 1, \"project\": {\"name\": \"p\"}, \"tasks\": " + tasks + "}";
}

} // namespace

class TestJsonFormat : public QObject
{
    Q_OBJECT
private slots:
    void fastPathTakesDatesTeamAndUnknownFields_data();
    void fastPathTakesDatesTeamAndUnknownFields();
    void inputErrors_data();
    void inputErrors();
    void largePlanReportsItsFirstProblem_data();
    void largePlanReportsItsFirstProblem();
    void missingFile();
    void acceptsEdgeForms_data();
    void acceptsEdgeForms();
    void bareArray();
    void anyTaskOrder();
    void informationIsData();
    void defaults();
    void unknownFieldsKept();
    void attributeTypesKept();
    void roundTripExamples_data();
    void roundTripExamples();
    void writeFileKeepsOldOnFailure();
    void idEditedInPlaceIsValidatedAgain();
    void idsShareTheirText();
    void onlyFilesDropTheirPages();
};

void TestJsonFormat::inputErrors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("taskId");    // empty: the error is not about one task
    QTest::addColumn<QString>("problem");   // a word the message must hold
    auto row = [](const char *name, const QByteArray &data, const char *task, const char *problem) {
        QTest::newRow(name) << data << QString::fromUtf8(task) << QString::fromUtf8(problem);
    };
    const QByteArray a = R"({"task_id": "a", "task_type": "t"})";
    row("not JSON", "{\"format\": \"workplan\", ", "", "JSON");
    row("trailing garbage", wrap("[]") + "x", "", "JSON");
    row("empty file", "", "", "JSON");
    row("not UTF-8", wrap("[{\"task_id\": \"a\xff\", \"task_type\": \"t\"}]"), "", "UTF-8");
    row("not UTF-8 in an attribute", wrap("[{\"task_id\": \"a\", \"task_type\": \"t\", \"attributes\": {\"title\": \"\xc3\x28\"}}]"), "", "UTF-8");
    row("version 2", R"({"format": "workplan", "version": 2, "tasks": []})", "", "version");
    row("version 1.5", R"({"format": "workplan", "version": 1.5, "tasks": []})", "", "version");
    row("top level scalar", "42", "", "");
    row("tasks not an array", R"({"format": "workplan", "version": 1, "tasks": {}})", "", "tasks");
    row("task not an object", wrap("[" + a + ", 7]"), "", "object");
    row("task null", wrap("[null]"), "", "object");
    row("attributes not an object", wrap(R"([{"task_id": "x", "task_type": "t", "attributes": []}])"), "x", "attributes");
    row("attributes a string", wrap(R"([{"task_id": "x", "task_type": "t", "attributes": "big"}])"), "x", "attributes");
    row("dependencies not an array", wrap(R"([{"task_id": "x", "task_type": "t", "dependencies": {"dependency_task_id": "a"}}])"), "x", "dependencies");
    row("dependency not an object", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": ["a"]}])"), "x", "dependency");
    row("dependency without prerequisite", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_type": "data"}]}])"), "x", "dependency_task_id");
    row("prerequisite id not a string", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": 1}]}])"), "x", "dependency_task_id");
    row("task_id not a string", wrap(R"([{"task_id": 12, "task_type": "t"}])"), "", "task_id");
    row("task_id empty", wrap(R"([{"task_id": "", "task_type": "t"}])"), "", "task_id");
    row("status not a string", wrap(R"([{"task_id": "x", "task_type": "t", "status": 3}])"), "x", "status");
    row("task_type not a string", wrap(R"([{"task_id": "x", "task_type": ["t"]}])"), "x", "task_type");
    row("parent not a string", wrap(R"([{"task_id": "x", "task_type": "t", "parent_task_id": 4}])"), "x", "parent_task_id");
    row("missing task_id", wrap("[" + a + R"(, {"task_type": "t"}])"), "", "task_id");
    row("missing task_type", wrap("[" + a + R"(, {"task_id": "x", "status": "active"}])"), "x", "task_type");
    row("empty task_type", wrap(R"([{"task_id": "x", "task_type": ""}])"), "x", "task_type");
    row("duplicate task_id", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t"}, {"task_id": "x", "task_type": "u"}])"), "x", "duplicate");
    row("unknown parent", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "parent_task_id": "nowhere"}])"), "x", "nowhere");
    row("parent loop", wrap(R"([{"task_id": "x", "task_type": "t", "parent_task_id": "y"}, {"task_id": "y", "task_type": "t", "parent_task_id": "x"}])"), "x", "loop");
    row("own parent", wrap(R"([{"task_id": "x", "task_type": "t", "parent_task_id": "x"}])"), "x", "loop");
    row("long parent loop", wrap(R"([{"task_id": "r", "task_type": "t"}, {"task_id": "x", "task_type": "t", "parent_task_id": "z"},
        {"task_id": "y", "task_type": "t", "parent_task_id": "x"}, {"task_id": "z", "task_type": "t", "parent_task_id": "y"}])"), "x", "loop");
    row("dependency on unknown task", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "ghost"}]}])"), "x", "ghost");
    row("self dependency", wrap(R"([{"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "x", "dependency_type": "related"}]}])"), "x", "itself");
    row("dependency on parent", wrap(R"([{"task_id": "p", "task_type": "t"}, {"task_id": "x", "task_type": "t", "parent_task_id": "p", "dependencies": [{"dependency_task_id": "p"}]}])"), "x", "ancestor");
    row("dependency on grandparent", wrap(R"([{"task_id": "g", "task_type": "t"}, {"task_id": "p", "task_type": "t", "parent_task_id": "g"},
        {"task_id": "x", "task_type": "t", "parent_task_id": "p", "dependencies": [{"dependency_task_id": "g", "dependency_type": "related"}]}])"), "x", "ancestor");
    row("dependency on child", wrap(R"([{"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "c"}]}, {"task_id": "c", "task_type": "t", "parent_task_id": "x"}])"), "x", "descendant");
    row("dependency on grandchild", wrap(R"([{"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "gc", "dependency_type": "prerequisite"}]},
        {"task_id": "c", "task_type": "t", "parent_task_id": "x"}, {"task_id": "gc", "task_type": "t", "parent_task_id": "c"}])"), "x", "descendant");
    row("unknown status", wrap(R"([{"task_id": "x", "task_type": "t", "status": "done"}])"), "x", "done");
    row("status in capitals", wrap(R"([{"task_id": "x", "task_type": "t", "status": "Active"}])"), "x", "status");
    row("unknown lifecycle_stage", wrap(R"([{"task_id": "x", "task_type": "t", "lifecycle_stage": "finished"}])"), "x", "lifecycle_stage");
    row("lifecycle_stage not a string", wrap(R"([{"task_id": "x", "task_type": "t", "lifecycle_stage": false}])"), "x", "lifecycle_stage");
    row("unknown dependency_type", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "dependency_type": "soft"}]}])"), "x", "dependency_type");
    row("negative lag number", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "lag": -1}]}])"), "x", "lag");
    row("negative lag text", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "lag": "-2 hours"}]}])"), "x", "lag");
    row("unreadable lag", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "lag": "a while"}]}])"), "x", "lag");
    row("lag in years", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "lag": "1 year"}]}])"), "x", "lag");
    row("lag a boolean", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "lag": true}]}])"), "x", "lag");
    row("lag empty text", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "lag": ""}]}])"), "x", "lag");
    row("lag on a waived dependency", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "waived": true, "lag": "-1h"}]}])"), "x", "lag");
    row("duplicate dependency", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a"}, {"dependency_task_id": "a", "dependency_type": "completion"}]}])"), "x", "second");
    row("duplicate via information", wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "dependency_type": "data"}, {"dependency_task_id": "a", "dependency_type": "information"}]}])"), "x", "second");
    row("error in a bare array", "[" + a + R"(, {"task_id": "x", "task_type": "t", "status": "nope"}])", "x", "nope");
}

void TestJsonFormat::inputErrors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, taskId);
    QFETCH(QString, problem);
    QString error;
    const auto project = JsonFormat::read(data, kFile, &error);
    QVERIFY2(!project, "the file was accepted");
    QVERIFY2(error.contains(kFile), qPrintable(error));
    if (!taskId.isEmpty())
        QVERIFY2(error.contains(QLatin1Char('\'') + taskId + QLatin1Char('\'')), qPrintable(error));
    QVERIFY2(error.contains(problem, Qt::CaseInsensitive), qPrintable(error));
    // The message says more than the file name.
    QVERIFY2(error.size() > kFile.size() + 10, qPrintable(error));
}

// A large plan is read and checked in halves at once (jsondomreader.cpp, validation.cpp):
// whichever half finds one first, the problem reported is the first in the file, and a
// plan with problems only in its second half reports those.
void TestJsonFormat::largePlanReportsItsFirstProblem_data()
{
    QTest::addColumn<QByteArray>("early");   // spliced into task `at`
    QTest::addColumn<QByteArray>("late");    // and into task `lateAt`
    QTest::addColumn<int>("at");
    QTest::addColumn<int>("lateAt");
    QTest::addColumn<QString>("expected");
    const QByteArray badType = R"("status": 5, )";
    const QByteArray ghost = R"("dependencies": [{"dependency_task_id": "ghost"}], )";
    QTest::newRow("types: both halves") << badType << badType << 100 << 15000 << QStringLiteral("'t100'");
    QTest::newRow("types: second half") << QByteArray() << badType << 100 << 15000 << QStringLiteral("'t15000'");
    QTest::newRow("references: both halves") << ghost << ghost << 100 << 15000 << QStringLiteral("'t100'");
    QTest::newRow("references: second half") << QByteArray() << ghost << 100 << 15000 << QStringLiteral("'t15000'");
    QTest::newRow("reference early, type late") << ghost << badType << 100 << 15000 << QStringLiteral("'t15000'");
    // The second reader starts from the back: it meets the later one first.
    QTest::newRow("types: both near the end") << badType << badType << 15000 << 19990 << QStringLiteral("'t15000'");
    QTest::newRow("types: both in one chunk at the end") << badType << badType << 19970 << 19990 << QStringLiteral("'t19970'");
    QTest::newRow("types: either side of the middle") << badType << badType << 9990 << 10010 << QStringLiteral("'t9990'");
    QTest::newRow("types: the last task") << QByteArray() << badType << 100 << 19999 << QStringLiteral("'t19999'");
    QTest::newRow("types: the first task") << badType << badType << 0 << 19999 << QStringLiteral("'t0'");
}

void TestJsonFormat::largePlanReportsItsFirstProblem()
{
    QFETCH(QByteArray, early);
    QFETCH(QByteArray, late);
    QFETCH(int, at);
    QFETCH(int, lateAt);
    QFETCH(QString, expected);
    QByteArray tasks;
    for (int i = 0; i < 20000; ++i) {
        const QByteArray extra = i == at ? early : i == lateAt ? late : QByteArray();
        const QByteArray deps = i > 0 && extra.isEmpty()
            ? R"("dependencies": [{"dependency_task_id": "t)" + QByteArray::number(i - 1) + R"("}], )"
            : QByteArray();
        tasks += QByteArray(i ? ", " : "") + R"({"task_id": "t)" + QByteArray::number(i) + R"(", )" + extra + deps
            + R"("task_type": "specialist_task"})";
    }
    QString error;
    QVERIFY(!JsonFormat::read(wrap("[" + tasks + "]"), kFile, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    const QString first = QStringLiteral("'t%1'").arg(at), second = QStringLiteral("'t%1'").arg(lateAt);
    QVERIFY2(!error.contains(expected == first ? second : first), qPrintable(error));
}

void TestJsonFormat::missingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent.json"));
    QString error;
    QVERIFY(!JsonFormat::readFile(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

void TestJsonFormat::acceptsEdgeForms_data()
{
    QTest::addColumn<QByteArray>("data");
    const QByteArray a = R"({"task_id": "a", "task_type": "t"})";
    QTest::newRow("version 1") << QByteArray(R"({"format": "workplan", "version": 1, "tasks": []})");
    QTest::newRow("no version") << QByteArray(R"({"format": "workplan", "tasks": []})");
    QTest::newRow("null parent") << wrap(R"([{"task_id": "a", "task_type": "t", "parent_task_id": null}])");
    QTest::newRow("UTF-8 text") << wrap(R"([{"task_id": "caf)" "\xc3\xa9" R"(", "task_type": "t", "attributes": {"title": ")" "\xe2\x9c\x93 \xf0\x9f\x9a\x80" R"("}}])");
    QTest::newRow("byte order mark") << "\xef\xbb\xbf" + wrap("[]");
    QTest::newRow("lag zero text") << wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "lag": "0 h"}]}])");
    QTest::newRow("two types on one prerequisite") << wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [{"dependency_task_id": "a"}, {"dependency_task_id": "a", "dependency_type": "approval"}]}])");
    QTest::newRow("dependency on an uncle") << wrap(R"([{"task_id": "g", "task_type": "t"}, {"task_id": "p", "task_type": "t", "parent_task_id": "g"},
        {"task_id": "u", "task_type": "t", "parent_task_id": "g"}, {"task_id": "x", "task_type": "t", "parent_task_id": "p", "dependencies": [{"dependency_task_id": "u"}]}])");
    QTest::newRow("every status") << wrap(R"([{"task_id": "1", "task_type": "t", "status": "draft"}, {"task_id": "2", "task_type": "t", "status": "pending"},
        {"task_id": "3", "task_type": "t", "status": "active"}, {"task_id": "4", "task_type": "t", "status": "in_progress"},
        {"task_id": "5", "task_type": "t", "status": "blocked"}, {"task_id": "6", "task_type": "t", "status": "review"},
        {"task_id": "7", "task_type": "t", "status": "approved"}, {"task_id": "8", "task_type": "t", "status": "completed"},
        {"task_id": "9", "task_type": "t", "status": "failed"}, {"task_id": "10", "task_type": "t", "status": "cancelled"},
        {"task_id": "11", "task_type": "t", "status": "archived"}])");
    QTest::newRow("every stage") << wrap(R"([{"task_id": "1", "task_type": "t", "lifecycle_stage": "draft"}, {"task_id": "2", "task_type": "t", "lifecycle_stage": "created"},
        {"task_id": "3", "task_type": "t", "lifecycle_stage": "planning"}, {"task_id": "4", "task_type": "t", "lifecycle_stage": "ready"},
        {"task_id": "5", "task_type": "t", "lifecycle_stage": "active"}, {"task_id": "6", "task_type": "t", "lifecycle_stage": "blocked"},
        {"task_id": "7", "task_type": "t", "lifecycle_stage": "review"}, {"task_id": "8", "task_type": "t", "lifecycle_stage": "completed"},
        {"task_id": "9", "task_type": "t", "lifecycle_stage": "failed"}, {"task_id": "10", "task_type": "t", "lifecycle_stage": "archived"},
        {"task_id": "11", "task_type": "t", "lifecycle_stage": "superseded"}])");
    QTest::newRow("every dependency type") << wrap("[" + a + R"(, {"task_id": "x", "task_type": "t", "dependencies": [
        {"dependency_task_id": "a", "dependency_type": "completion"}, {"dependency_task_id": "a", "dependency_type": "data"},
        {"dependency_task_id": "a", "dependency_type": "approval"}, {"dependency_task_id": "a", "dependency_type": "prerequisite"},
        {"dependency_task_id": "a", "dependency_type": "blocks"}, {"dependency_task_id": "a", "dependency_type": "related"}]}])");
}

void TestJsonFormat::acceptsEdgeForms()
{
    QFETCH(QByteArray, data);
    QString error;
    QVERIFY2(JsonFormat::read(data, kFile, &error), qPrintable(error));
}

void TestJsonFormat::bareArray()
{
    QString error;
    const auto p = JsonFormat::read(R"([{"task_id": "a", "task_type": "t"}, {"task_id": "b", "task_type": "t"}])",
                                    QStringLiteral("/some/where/my-plan.json"), &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->name, QStringLiteral("my-plan"));
    QVERIFY(p->calendar == Calendar{});
    QCOMPARE(p->taskCount(), 2);
    QCOMPARE(p->task(1).id, QStringLiteral("b"));
    // The object form without a project name falls back the same way.
    const auto unnamed = JsonFormat::read(R"({"format": "workplan", "version": 1, "tasks": []})",
                                          QStringLiteral("other.json"), &error);
    QVERIFY2(unnamed, qPrintable(error));
    QCOMPARE(unnamed->name, QStringLiteral("other"));
}

void TestJsonFormat::anyTaskOrder()
{
    QString error;
    const auto p = JsonFormat::read(wrap(R"([
        {"task_id": "c2", "task_type": "t", "parent_task_id": "mid", "dependencies": [{"dependency_task_id": "late"}]},
        {"task_id": "c1", "task_type": "t", "parent_task_id": "mid"},
        {"task_id": "mid", "task_type": "feature", "parent_task_id": "top"},
        {"task_id": "c0", "task_type": "t", "parent_task_id": "top"},
        {"task_id": "top", "task_type": "epic"},
        {"task_id": "late", "task_type": "t"}])"), kFile, &error);
    QVERIFY2(p, qPrintable(error));
    QStringList order;
    for (const Task &t : p->tasks())
        order << t.id;
    QCOMPARE(order, (QStringList{QStringLiteral("c2"), QStringLiteral("c1"), QStringLiteral("mid"),
                                 QStringLiteral("c0"), QStringLiteral("top"), QStringLiteral("late")}));
    // Sibling order is file order.
    QCOMPARE(p->childIndexes(QStringLiteral("mid")), (QList<int>{0, 1}));
    QCOMPARE(p->childIndexes(QStringLiteral("top")), (QList<int>{2, 3}));
    QVERIFY(p->isAncestor(QStringLiteral("top"), QStringLiteral("c2")));
    // And it survives a round trip in that order.
    const auto again = JsonFormat::read(JsonFormat::write(*p), kFile, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(*again, *p);
}

void TestJsonFormat::informationIsData()
{
    QString error;
    const auto p = JsonFormat::read(wrap(R"([{"task_id": "a", "task_type": "t"},
        {"task_id": "b", "task_type": "t", "dependencies": [{"dependency_task_id": "a", "dependency_type": "information"}]}])"),
                                    kFile, &error);
    QVERIFY2(p, qPrintable(error));
    QVERIFY(p->task(1).dependencies.first().type == DependencyType::Data);
    const QJsonObject written = QJsonDocument::fromJson(JsonFormat::write(*p)).object();
    const QJsonObject dep = written.value(QLatin1String("tasks")).toArray().at(1).toObject()
                                .value(QLatin1String("dependencies")).toArray().at(0).toObject();
    QCOMPARE(dep.value(QLatin1String("dependency_type")).toString(), QStringLiteral("data"));
}

void TestJsonFormat::defaults()
{
    QString error;
    const auto p = JsonFormat::read(wrap(R"([{"task_id": "a", "task_type": "t"},
        {"task_id": "b", "task_type": "t", "dependencies": [{"dependency_task_id": "a"}]}])"), kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const Task &a = p->task(0);
    QVERIFY(a.status == Status::Draft);
    QVERIFY(a.lifecycle == Lifecycle::Created);
    QVERIFY(a.attributes.isEmpty());
    QVERIFY(a.dependencies.isEmpty());
    QVERIFY(a.parentId.isEmpty());
    const Dependency &d = p->task(1).dependencies.first();
    QVERIFY(d.type == DependencyType::Completion);
    QVERIFY(d.mandatory);
    QVERIFY(!d.waived);
    QVERIFY(d.lag.isUndefined());
    QCOMPARE(p->calendar.hoursPerDay, 8.0);
    QCOMPARE(p->calendar.daysPerWeek, 5.0);
}

void TestJsonFormat::unknownFieldsKept()
{
    const QByteArray data = R"({"format": "workplan", "version": 1, "generator": {"tool": "x", "n": 3},
        "project": {"name": "p", "owner": "ops", "calendar": {"hours_per_day": 7, "days_per_week": 4, "holidays": ["2026-12-25"]}},
        "tasks": [
          {"task_id": "a", "task_type": "t", "assignee": "kim", "tags": ["x", 1, null], "position": {"x": 1.5, "y": -2}},
          {"task_id": "b", "task_type": "custom kind", "status": "review", "lifecycle_stage": "review",
           "dependencies": [{"dependency_task_id": "a", "dependency_type": "approval", "description": "",
                             "is_mandatory": true, "waived": false, "lag": "1.5 days",
                             "conditions": {"when": ["green"]}, "weight": 0.25, "note": null}]}]})";
    QString error;
    const auto p = JsonFormat::read(data, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const QByteArray written = JsonFormat::write(*p);
    const auto again = JsonFormat::read(written, kFile, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(*again, *p);
    // Compare as JSON as well: every field of the source is in the output, with its value.
    const QJsonObject in = QJsonDocument::fromJson(data).object();
    const QJsonObject out = QJsonDocument::fromJson(written).object();
    QCOMPARE(out.value(QLatin1String("generator")), in.value(QLatin1String("generator")));
    QCOMPARE(out.value(QLatin1String("project")), in.value(QLatin1String("project")));
    QCOMPARE(out.value(QLatin1String("tasks")), in.value(QLatin1String("tasks")));
    // A second write is byte for byte the first.
    QCOMPARE(JsonFormat::write(*again), written);
}

void TestJsonFormat::attributeTypesKept()
{
    const QByteArray data = R"([{"task_id": "a", "task_type": "t", "attributes": {
        "int": 3, "zero": 0, "negative": -7, "fraction": 2.5, "tiny": 1e-9, "huge": 1.5e300,
        "big": 9007199254740993, "minus zero": -0.0, "text": "3", "empty": "", "true": true,
        "false": false, "null": null, "list": [1, "1", [true], {}], "object": {"nested": {"deep": [null]}},
        "escapes": "quote \" backslash \\ newline \n tab \t unicode \u00e9 \u2603 control \u0001"}}])";
    QString error;
    const auto p = JsonFormat::read(data, kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const QJsonObject want = QJsonDocument::fromJson(data).array().at(0).toObject().value(QLatin1String("attributes")).toObject();
    QCOMPARE(p->task(0).attributes, want);
    const auto again = JsonFormat::read(JsonFormat::write(*p), kFile, &error);
    QVERIFY2(again, qPrintable(error));
    const QJsonObject got = again->task(0).attributes;
    QCOMPARE(got.keys(), want.keys());
    for (const QString &k : want.keys()) {
        QCOMPARE(got.value(k).type(), want.value(k).type());
        QVERIFY2(got.value(k) == want.value(k), qPrintable(k));
    }
    QCOMPARE(got.value(QLatin1String("big")).toInteger(), Q_INT64_C(9007199254740993));
    QCOMPARE(got.value(QLatin1String("fraction")).toDouble(), 2.5);
}

void TestJsonFormat::roundTripExamples_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(WORKPLAN_EXAMPLES_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    int n = 0;
    for (const QString &f : files) {
        if (f.endsWith(QLatin1String(".expected.json")))
            continue;
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
        ++n;
    }
    QVERIFY(n > 0);
}

void TestJsonFormat::roundTripExamples()
{
    QFETCH(QString, path);
    QString error;
    const auto original = JsonFormat::readFile(path, &error);
    QVERIFY2(original, qPrintable(error));
    const QByteArray written = JsonFormat::write(*original);
    const auto back = JsonFormat::read(written, path, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, *original);
    QCOMPARE(JsonFormat::write(*back), written);
    // Nothing of the source is lost or changed: the parsed documents are equal.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonDocument source = QJsonDocument::fromJson(f.readAll());
    QJsonObject in = source.object();
    QJsonObject out = QJsonDocument::fromJson(written).object();
    QCOMPARE(out.value(QLatin1String("tasks")), in.value(QLatin1String("tasks")));
}

void TestJsonFormat::writeFileKeepsOldOnFailure()
{
    QTemporaryDir dir;
    QString error;
    const auto p = JsonFormat::read(wrap(R"([{"task_id": "a", "task_type": "t"}])"), kFile, &error);
    QVERIFY2(p, qPrintable(error));
    const QString path = dir.filePath(QStringLiteral("out.json"));
    QVERIFY2(JsonFormat::writeFile(*p, path, &error), qPrintable(error));
    const auto back = JsonFormat::readFile(path, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, *p);
    QVERIFY(!JsonFormat::writeFile(*p, dir.filePath(QStringLiteral("no/such/dir/out.json")), &error));
    QVERIFY2(error.contains(QLatin1String("out.json")), qPrintable(error));
}

void TestJsonFormat::fastPathTakesDatesTeamAndUnknownFields_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("v2 example") << [] {
        QFile f(QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QTest::newRow("unknown at every level") << QByteArray(R"({"format": "workplan", "version": 1, "x-top": {"a": [1, 2.5, "s"]},
        "project": {"name": "p", "x-owner": null, "start": "2025-06-02T10:30", "calendar": {"hours_per_day": 7.5, "day_start": "07:30",
          "working_days": ["mon", "wed"], "x-cal": {"deep": {"deeper": [true, false]}}}, "resources": [{"name": "qa", "capacity": 2.0, "x": 1}]},
        "tasks": [{"task_id": "a", "task_type": "t", "resources": {"qa": 1}, "x-task": "\u00e9t\u00e9", "attributes": {"estimated_effort": "2-3 days"}},
                  {"task_id": "b", "task_type": "t", "resources": null, "dependencies": [{"dependency_task_id": "a", "lag": "1h"}]}]})");
    QTest::newRow("unicode unknown key") << QByteArray("{\"project\": {\"name\": \"p\", \"\xc3\xa9quipe\": 3}, \"tasks\": []}");
}

// The usual files of §6–§7 and files with unknown fields at every level load (an unknown
// field used to send the whole file to a reader twice as slow), and write back every field
// they hold with the value and JSON type Qt's reader reads in it.
void TestJsonFormat::fastPathTakesDatesTeamAndUnknownFields()
{
    QFETCH(QByteArray, text);
    QVERIFY(!text.isEmpty());
    QString error;
    const auto p = JsonFormat::read(text, QStringLiteral("f.json"), &error);
    QVERIFY2(p, qPrintable(error));
    const QByteArray written = JsonFormat::write(*p);
    // Every field of the input is in the output, equal; write() adds only the defaults.
    std::function<void(const QJsonValue &, const QJsonValue &, const QString &)> kept =
        [&](const QJsonValue &in, const QJsonValue &out, const QString &path) {
        if (in.isObject() && out.isObject()) {
            const QJsonObject i = in.toObject(), o = out.toObject();
            for (auto it = i.constBegin(); it != i.constEnd(); ++it)
                kept(it.value(), o.value(it.key()), path + QLatin1Char('/') + it.key());
        } else if (in.isArray() && out.isArray() && in.toArray().size() == out.toArray().size()) {
            for (qsizetype k = 0; k < in.toArray().size(); ++k)
                kept(in.toArray().at(k), out.toArray().at(k), path + QLatin1Char('/') + QString::number(k));
        } else {
            QVERIFY2(in == out && in.type() == out.type(), qPrintable(path));
        }
    };
    kept(QJsonDocument::fromJson(text).object(), QJsonDocument::fromJson(written).object(), QString());
    const auto again = JsonFormat::read(written, QStringLiteral("f.json"), &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == *p);
    QCOMPARE(JsonFormat::write(*again), written);
}

// A parent or prerequisite named again, and a task type, reuse the QString already read
// (one string, not one per mention: memory at a million tasks), with the same text.
void TestJsonFormat::idsShareTheirText()
{
    QString error;
    const auto p = JsonFormat::read(wrap(R"([{"task_id": "epic", "task_type": "epic"},
        {"task_id": "a", "task_type": "task", "parent_task_id": "epic"},
        {"task_id": "b", "task_type": "task", "parent_task_id": "epic",
         "dependencies": [{"dependency_task_id": "a"}]}])"), QStringLiteral("plan.json"), &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->task(1).parentId, QStringLiteral("epic"));
    QCOMPARE(p->task(1).parentId.constData(), p->task(0).id.constData());
    QCOMPARE(p->task(2).parentId.constData(), p->task(0).id.constData());
    QCOMPARE(p->task(2).dependencies.at(0).taskId.constData(), p->task(1).id.constData());
    QCOMPARE(p->task(2).type.constData(), p->task(1).type.constData());
}

// After parsing, readFile() gives a file mapping's pages back (memory at a million tasks);
// a resource's "mapping" is the program's own memory and must never be (it zeroed the heap
// around a decompressed sample: a crash in 1 of 60 window tests).
void TestJsonFormat::onlyFilesDropTheirPages()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plan.json"));
    const long page = sysconf(_SC_PAGESIZE);
    const auto *aligned = reinterpret_cast<const void *>(quintptr(page) * 16);
    const auto *inside = reinterpret_cast<const void *>(quintptr(page) * 16 + 8);
    QVERIFY(JsonFormat::mayDropMappedPages(file, aligned));
    QVERIFY(!JsonFormat::mayDropMappedPages(file, inside));
    QVERIFY(!JsonFormat::mayDropMappedPages(QStringLiteral(":/samples/plan.json"), aligned));
}

QTEST_GUILESS_MAIN(TestJsonFormat)
// Validation trusts the project's id index while it is known to be exact (set by
// setTasks()); a task handed out for editing may get another task's id, and must be
// checked again.
void TestJsonFormat::idEditedInPlaceIsValidatedAgain()
{
    Project p;
    QList<Task> tasks;
    for (const char *id : {"a", "b", "c"}) {
        Task t;
        t.id = QString::fromLatin1(id);
        t.type = QStringLiteral("t");
        tasks.append(t);
    }
    p.setTasks(tasks);
    QVERIFY(p.indexIsExact());
    QVERIFY(!validateProject(p));
    p.task(2).id = QStringLiteral("a");
    QVERIFY(!p.indexIsExact());
    const auto error = validateProject(p);
    QVERIFY(error);
    QCOMPARE(error->problem, QStringLiteral("duplicate task_id"));
    QCOMPARE(error->taskId, QStringLiteral("a"));
}

#include "tst_jsonformat.moc"
