// Project's id index (model/idindex): every way tasks come and go keeps indexOf() exact,
// with QHash's answers where ids repeat, and a table large enough to have grown several
// times.
#include "model/hierarchyindex.h"
#include "model/project.h"

#include <QtTest>

using namespace Workplan;

namespace {

Task task(const QString &id)
{
    Task t;
    t.id = id;
    t.type = QStringLiteral("t");
    return t;
}

QString idOf(int i)
{
    // Ids that differ only in their last digits, as generated plans name their tasks.
    return QStringLiteral("epic_%1_feat_%2_task_%3").arg(i / 200, 4, 10, QLatin1Char('0')).arg(i / 20 % 10, 2, 10, QLatin1Char('0')).arg(i % 20, 2, 10, QLatin1Char('0'));
}

// indexOf() of every task is its position, and an unknown id is -1.
void verifyExact(const Project &p)
{
    for (int i = 0; i < p.taskCount(); ++i)
        QCOMPARE(p.indexOf(p.task(i).id), i);
    QCOMPARE(p.indexOf(QStringLiteral("no such task")), -1);
    QVERIFY(!p.contains(QStringLiteral("no such task")));
    QVERIFY(p.indexIsExact());
}

} // namespace

class TestIdIndex : public QObject
{
    Q_OBJECT
private slots:
    void emptyProjectFindsNothing();
    void setTasksIndexesEveryTask();
    void hashesFromTheReaderPlaceTheSame();
    void appendGrowsTheTable();
    void insertAndTakeShiftTheRest();
    void repeatedIdAnswersTheLastTask();
    void idEditedInPlaceIsNotFound();
    void hierarchyIndexByIndex();
};

void TestIdIndex::emptyProjectFindsNothing()
{
    Project p;
    QCOMPARE(p.indexOf(QStringLiteral("a")), -1);
    QVERIFY(!p.find(QStringLiteral("a")));
    p.setTasks({});
    QCOMPARE(p.indexOf(QString()), -1);
}

void TestIdIndex::setTasksIndexesEveryTask()
{
    QList<Task> tasks;
    for (int i = 0; i < 5000; ++i)
        tasks.append(task(idOf(i)));
    Project p;
    p.setTasks(tasks);
    verifyExact(p);
    QCOMPARE(p.find(idOf(4321))->id, idOf(4321));
}

// A reader hands setTasks() each id's hash, made as it read the id: the same index; hashes
// that do not fit the tasks (a count off) are not used; a repeated id still answers last.
void TestIdIndex::hashesFromTheReaderPlaceTheSame()
{
    QList<Task> tasks;
    std::vector<std::uint64_t> hashes;
    for (int i = 0; i < 5000; ++i) {
        tasks.append(task(idOf(i)));
        hashes.push_back(IdIndex::hashOf(tasks.last().id));
    }
    tasks.append(task(idOf(17)));
    hashes.push_back(IdIndex::hashOf(idOf(17)));
    Project p;
    p.setTasks(tasks, &hashes);
    for (int i = 0; i < 5000; ++i)
        QCOMPARE(p.indexOf(idOf(i)), i == 17 ? 5000 : i);
    QVERIFY(!p.indexIsExact());
    hashes.pop_back();   // one short: rebuilt by hashing the ids
    tasks.removeLast();
    hashes.pop_back();
    Project q;
    q.setTasks(tasks, &hashes);
    verifyExact(q);
}

void TestIdIndex::appendGrowsTheTable()
{
    Project p;
    for (int i = 0; i < 3000; ++i) {
        p.appendTask(task(idOf(i)));
        QCOMPARE(p.indexOf(idOf(i)), i);
        QCOMPARE(p.indexOf(idOf(i / 2)), i / 2);
    }
    verifyExact(p);
}

void TestIdIndex::insertAndTakeShiftTheRest()
{
    Project p;
    QList<Task> tasks;
    for (int i = 0; i < 100; ++i)
        tasks.append(task(idOf(i)));
    p.setTasks(tasks);
    p.insertTask(0, task(QStringLiteral("first")));
    p.insertTask(50, task(QStringLiteral("middle")));
    p.insertTask(p.taskCount(), task(QStringLiteral("last")));
    QCOMPARE(p.indexOf(QStringLiteral("first")), 0);
    QCOMPARE(p.indexOf(QStringLiteral("middle")), 50);
    QCOMPARE(p.indexOf(QStringLiteral("last")), 102);
    QCOMPARE(p.indexOf(idOf(0)), 1);
    QCOMPARE(p.indexOf(idOf(99)), 101);
    verifyExact(p);

    QCOMPARE(p.takeTask(50).id, QStringLiteral("middle"));
    QCOMPARE(p.takeTask(0).id, QStringLiteral("first"));
    QCOMPARE(p.indexOf(QStringLiteral("middle")), -1);
    QCOMPARE(p.indexOf(QStringLiteral("first")), -1);
    QCOMPARE(p.indexOf(idOf(0)), 0);
    QCOMPARE(p.indexOf(QStringLiteral("last")), 100);
    verifyExact(p);
}

void TestIdIndex::repeatedIdAnswersTheLastTask()
{
    Project p;
    p.setTasks({task(QStringLiteral("a")), task(QStringLiteral("b")), task(QStringLiteral("a"))});
    QCOMPARE(p.indexOf(QStringLiteral("a")), 2);
    QCOMPARE(p.indexOf(QStringLiteral("b")), 1);
    QVERIFY(!p.indexIsExact());
    p.appendTask(task(QStringLiteral("b")));
    QCOMPARE(p.indexOf(QStringLiteral("b")), 3);
    // Taking the later "a" leaves the earlier one found.
    p.takeTask(2);
    QCOMPARE(p.indexOf(QStringLiteral("a")), 0);
}

void TestIdIndex::idEditedInPlaceIsNotFound()
{
    Project p;
    p.setTasks({task(QStringLiteral("a")), task(QStringLiteral("b")), task(QStringLiteral("c"))});
    p.task(1).id = QStringLiteral("renamed");
    // Until the tasks are set again, neither id answers: the edit is seen, not hidden.
    QCOMPARE(p.indexOf(QStringLiteral("b")), -1);
    QVERIFY(!p.indexIsExact());
    QCOMPARE(p.indexOf(QStringLiteral("a")), 0);
    QCOMPARE(p.indexOf(QStringLiteral("c")), 2);
    p.setTasks(p.tasks());
    QCOMPARE(p.indexOf(QStringLiteral("renamed")), 1);
    verifyExact(p);
}

// The task tree by index (model/hierarchyindex): parents listed after their children, a
// parent the project lacks, a parent cycle (an invalid file being shown must not hang the
// canvas), and the outermost folded ancestor that hides a task.
void TestIdIndex::hierarchyIndexByIndex()
{
    auto child = [](const QString &id, const QString &parent) {
        Task t = task(id);
        t.parentId = parent;
        return t;
    };
    Project p;
    // 0 a leaf of F (listed before F), 1 F under E, 2 E, 3 an orphan, 4/5 a parent cycle,
    // 6 another leaf of F, 7 a leaf straight under E.
    p.setTasks({child(QStringLiteral("leaf"), QStringLiteral("F")), child(QStringLiteral("F"), QStringLiteral("E")),
                task(QStringLiteral("E")), child(QStringLiteral("orphan"), QStringLiteral("missing")),
                child(QStringLiteral("x"), QStringLiteral("y")), child(QStringLiteral("y"), QStringLiteral("x")),
                child(QStringLiteral("leaf2"), QStringLiteral("F")), child(QStringLiteral("near"), QStringLiteral("E"))});
    const HierarchyIndex h = HierarchyIndex::of(p);
    QCOMPARE(h.size(), 8);
    QCOMPARE(h.parent, (std::vector<int>{1, 2, -1, -1, 5, 4, 1, 2}));
    QCOMPARE(h.depth[0], 2);
    QCOMPARE(h.depth[1], 1);
    QCOMPARE(h.depth[2], 0);
    QCOMPARE(h.depth[3], 0);   // its parent is not in the project: top level
    QCOMPARE(h.depth[6], 2);
    QCOMPARE(h.depth[7], 1);
    QVERIFY(h.depth[4] >= 0 && h.depth[5] >= 0);   // a cycle ends, with some depth
    QCOMPARE(h.summary, (std::vector<char>{0, 1, 1, 0, 1, 1, 0, 0}));

    std::vector<char> folded(8, 0);
    folded[1] = 1;   // F folded: its leaves hide behind it
    QCOMPARE(h.outermostFolded(folded), (std::vector<int>{1, -1, -1, -1, -1, -1, 1, -1}));
    folded[2] = 1;   // E folded too: E is the outermost for everything under it
    QCOMPARE(h.outermostFolded(folded), (std::vector<int>{2, 2, -1, -1, -1, -1, 2, 2}));
    folded.assign(8, 0);
    folded[4] = 1;   // in a cycle: ends, whatever it answers
    QCOMPARE(int(h.outermostFolded(folded).size()), 8);
}

QTEST_GUILESS_MAIN(TestIdIndex)
#include "tst_idindex.moc"
