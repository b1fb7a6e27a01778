// Cut, copy, paste and duplicate in the model (model/clipboard): what a copy holds, its
// JSON, fresh ids, dependencies kept inside and dropped outside, one undo step per paste.
#include "model/clipboard/taskclipboard.h"
#include "model/commands/taskcommands.h"
#include "model/projectdocument.h"
#include "model/validation.h"

#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUndoStack>
#include <QtTest>

using namespace Workplan;
using WorkplanTest::loadExample;

namespace {

const QString kFeature = QStringLiteral("feature_message_system");
const QString kArch = QStringLiteral("arch_messaging_system");
const QString kImpl = QStringLiteral("impl_websocket_server");
const QString kStorage = QStringLiteral("impl_message_storage");
const QString kTest = QStringLiteral("test_messaging_system");

QStringList idsOf(const QList<Task> &tasks)
{
    QStringList out;
    for (const Task &t : tasks)
        out << t.id;
    return out;
}

const Task *findIn(const QList<Task> &tasks, const QString &id)
{
    for (const Task &t : tasks) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

QStringList prerequisites(const Task &t)
{
    QStringList out;
    for (const Dependency &d : t.dependencies)
        out << d.taskId;
    return out;
}

} // namespace

class TestClipboard : public QObject
{
    Q_OBJECT
private slots:
    void collectTakesSubtreesOnce();
    void jsonRoundTrip();
    void externalDependenciesDropped();
    void handTrimmedJsonIsRead();
    void notAPlanIsRefused();
    void freshIdsAndRemappedDependencies();
    void freeIdsAreKept();
    void duplicateKeepsParents();
    void pasteIsOneUndoStep();
};

void TestClipboard::collectTakesSubtreesOnce()
{
    const Project p = loadExample("feature-development");
    // The feature and one of its children: the child comes once, with the subtree.
    const QList<Task> tasks = TaskClipboard::collect(p, {kImpl, kFeature});
    QCOMPARE(idsOf(tasks), (QStringList{kFeature, kArch, kImpl, kStorage, kTest}));
    QCOMPARE(TaskClipboard::roots(tasks), QStringList{kFeature});
    QCOMPARE(tasks.first().parentId, QStringLiteral("epic_real_time_chat"));
    QCOMPARE(prerequisites(*findIn(tasks, kTest)), (QStringList{kImpl, kStorage}));
}

void TestClipboard::jsonRoundTrip()
{
    const Project p = loadExample("feature-development");
    const QList<Task> tasks = TaskClipboard::collect(p, {kFeature});
    const QByteArray bytes = TaskClipboard::toJson(tasks, p.name);
    // A plan of its own: the contract's object form, the root at the top level.
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().value(QLatin1String("format")).toString(), QStringLiteral("workplan"));
    const QJsonArray jsonTasks = doc.object().value(QLatin1String("tasks")).toArray();
    QCOMPARE(jsonTasks.size(), 5);
    QVERIFY(jsonTasks.at(0).toObject().value(QLatin1String("parent_task_id")).isNull());

    QString error;
    const auto back = TaskClipboard::fromJson(bytes, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->size(), tasks.size());
    for (int i = 1; i < tasks.size(); ++i)
        QVERIFY2(back->at(i) == tasks.at(i), qPrintable(tasks.at(i).id));
    Task root = tasks.first();
    root.parentId.clear();
    QVERIFY(back->first() == root);
}

void TestClipboard::externalDependenciesDropped()
{
    const Project p = loadExample("feature-development");
    // test_messaging_system waits for both implementations; only one is copied.
    const QList<Task> tasks = TaskClipboard::collect(p, {kImpl, kTest});
    QCOMPARE(idsOf(tasks), (QStringList{kImpl, kTest}));
    QVERIFY(findIn(tasks, kImpl)->dependencies.isEmpty());   // arch_messaging_system stayed behind
    QCOMPARE(prerequisites(*findIn(tasks, kTest)), QStringList{kImpl});
    const auto back = TaskClipboard::fromJson(TaskClipboard::toJson(tasks));
    QVERIFY(back);
    QCOMPARE(prerequisites(back->at(1)), QStringList{kImpl});
}

void TestClipboard::handTrimmedJsonIsRead()
{
    // Two tasks cut out of a larger file: their parent and one prerequisite are not there.
    const QByteArray text = R"([
      {"task_id": "a", "task_type": "specialist_task", "parent_task_id": "gone",
       "dependencies": [{"dependency_task_id": "elsewhere", "dependency_type": "completion"}]},
      {"task_id": "b", "task_type": "specialist_task", "parent_task_id": "gone",
       "dependencies": [{"dependency_task_id": "a", "dependency_type": "data"}]}
    ])";
    QString error;
    const auto tasks = TaskClipboard::fromJson(text, &error);
    QVERIFY2(tasks, qPrintable(error));
    QCOMPARE(idsOf(*tasks), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(tasks->at(0).parentId.isEmpty());
    QVERIFY(tasks->at(0).dependencies.isEmpty());
    QCOMPARE(prerequisites(tasks->at(1)), QStringList{QStringLiteral("a")});
    QVERIFY(tasks->at(1).dependencies.first().type == DependencyType::Data);
}

void TestClipboard::notAPlanIsRefused()
{
    QString error;
    QVERIFY(!TaskClipboard::fromJson("hello, world", &error));
    QVERIFY2(error.contains(QLatin1String("not valid JSON")), qPrintable(error));
    QVERIFY(!TaskClipboard::fromJson(R"([{"task_id": "a"}])", &error));
    QVERIFY2(error.contains(QLatin1String("task_type")), qPrintable(error));
}

void TestClipboard::freshIdsAndRemappedDependencies()
{
    const Project p = loadExample("feature-development");
    const auto copied = TaskClipboard::fromJson(TaskClipboard::toJson(TaskClipboard::collect(p, {kFeature})));
    QVERIFY(copied);
    TaskClipboard::Placement place;
    place.parentId = QStringLiteral("feature_chat_ui");
    place.offset = QPointF(30, 40);
    const QList<Task> pasted = TaskClipboard::instantiate(*copied, p, place);
    QCOMPARE(idsOf(pasted), (QStringList{kFeature + QLatin1String("_copy"), kArch + QLatin1String("_copy"),
                                         kImpl + QLatin1String("_copy"), kStorage + QLatin1String("_copy"),
                                         kTest + QLatin1String("_copy")}));
    QCOMPARE(pasted.at(0).parentId, QStringLiteral("feature_chat_ui"));
    QCOMPARE(pasted.at(1).parentId, kFeature + QLatin1String("_copy"));
    QCOMPARE(prerequisites(pasted.at(4)), (QStringList{kImpl + QLatin1String("_copy"), kStorage + QLatin1String("_copy")}));
    QCOMPARE(prerequisites(pasted.at(2)), QStringList{kArch + QLatin1String("_copy")});

    // A second paste, and a copy of a copy, count on from the same stem.
    Project after = p;
    for (const Task &t : pasted)
        after.appendTask(t);
    QVERIFY(!validateProject(after));
    const QList<Task> again = TaskClipboard::instantiate(*copied, after, place);
    QCOMPARE(again.first().id, kFeature + QLatin1String("_copy2"));
    QCOMPARE(TaskClipboard::freshId(kFeature + QLatin1String("_copy"), after, {}), kFeature + QLatin1String("_copy2"));

    // Positions move by the offset; unplaced tasks stay unplaced.
    Task placed = copied->at(1);
    placed.position = QPointF(100, 200);
    placed.hasPosition = true;
    const QList<Task> moved = TaskClipboard::instantiate({copied->at(0), placed}, p, place);
    QCOMPARE(moved.at(1).position, QPointF(130, 240));
    QVERIFY(!moved.at(0).hasPosition);
}

void TestClipboard::freeIdsAreKept()
{
    Project empty;
    const Project p = loadExample("feature-development");
    const QList<Task> tasks = TaskClipboard::collect(p, {kFeature});
    const QList<Task> pasted = TaskClipboard::instantiate(tasks, empty, {});
    QCOMPARE(idsOf(pasted), idsOf(tasks));
    QVERIFY(pasted.first().parentId.isEmpty());
}

void TestClipboard::duplicateKeepsParents()
{
    const Project p = loadExample("feature-development");
    TaskClipboard::Placement place;
    place.keepParents = true;
    const QList<Task> dup = TaskClipboard::instantiate(TaskClipboard::collect(p, {kArch, kStorage}), p, place);
    QCOMPARE(idsOf(dup), (QStringList{kArch + QLatin1String("_copy"), kStorage + QLatin1String("_copy")}));
    QCOMPARE(dup.at(0).parentId, kFeature);
    QCOMPARE(dup.at(1).parentId, kFeature);
    // impl_message_storage waits for arch_messaging_system: the copy waits for the copy.
    QCOMPARE(prerequisites(dup.at(1)), QStringList{kArch + QLatin1String("_copy")});
}

void TestClipboard::pasteIsOneUndoStep()
{
    ProjectDocument doc;
    doc.resetProject(loadExample("feature-development"));
    const Project before = doc.project();
    TaskClipboard::Placement place;
    place.parentId = QStringLiteral("epic_real_time_chat");
    const QList<Task> pasted = TaskClipboard::instantiate(
        *TaskClipboard::fromJson(TaskClipboard::toJson(TaskClipboard::collect(doc.project(), {kFeature}))),
        doc.project(), place);
    doc.undoStack()->push(new AddTasksCommand(&doc, pasted));
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.project().taskCount(), before.taskCount() + 5);
    QVERIFY(!validateProject(doc.project()));
    QCOMPARE(doc.childIds(QStringLiteral("epic_real_time_chat")).last(), kFeature + QLatin1String("_copy"));
    QCOMPARE(doc.childIds(kFeature + QLatin1String("_copy")).size(), 4);
    doc.undoStack()->undo();
    QVERIFY(doc.project() == before);
}

QTEST_GUILESS_MAIN(TestClipboard)
#include "tst_clipboard.moc"
