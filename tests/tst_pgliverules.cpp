// tst_pglive: the rules of live editing, with two editors in this process (tst_pglive.h).

#include "tst_pglive.h"

#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/storage/json/jsonformat.h"
#include "model/storage/postgres/postgresstore.h"

#include <QSignalSpy>
#include <QUndoStack>

using namespace Workplan;
using namespace PgLive;

namespace {

QString title(const ProjectDocument &doc, const QString &id)
{
    const Task *t = doc.project().find(id);
    return t ? t->title() : QString();
}

Task added(const QString &id, const QString &parent = QString())
{
    Task t;
    t.id = id;
    t.type = QStringLiteral("specialist_task");
    t.parentId = parent;
    t.attributes.insert(QStringLiteral("title"), id);
    return t;
}

} // namespace

void TestPgLive::editReachesOtherEditor()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(3), url(QStringLiteral("reach")), &error), qPrintable(error));
    auto a = open(QStringLiteral("reach"), QStringLiteral("ann"));
    auto b = open(QStringLiteral("reach"), QStringLiteral("dana"));
    QVERIFY(a && b);
    QSignalSpy committed(&a->sync, &TeamSync::committed);
    QSignalSpy resets(&b->doc, &ProjectDocument::projectReset);
    QSignalSpy changed(&b->doc, &ProjectDocument::tasksChanged);
    a->doc.undoStack()->push(ChangeTaskCommand::setAttribute(&a->doc, QStringLiteral("t0004"), QStringLiteral("title"),
                                                             QStringLiteral("Deploy to Staging")));
    QCOMPARE(committed.size(), 1);
    QCOMPARE(committed.first().at(1).toStringList(), QStringList{QStringLiteral("t0004")});
    // In the database at once, with the version and the log row of that change.
    const qint64 change = committed.first().at(0).toLongLong();
    QCOMPARE(count(QStringLiteral("SELECT version FROM tasks WHERE task_id = 't0004' AND project_id = ?"), {a->sync.projectId()}), change);
    QCOMPARE(m_cluster.scalar(QStringLiteral("live"), QStringLiteral("SELECT who || ' ' || kind FROM change_log WHERE change_id = ?"),
                              {change}).toString(), QStringLiteral("ann edit"));
    // The other editor gets it through NOTIFY, as an ordinary change: no reset, no undo step.
    QTRY_COMPARE_WITH_TIMEOUT(title(b->doc, QStringLiteral("t0004")), QStringLiteral("Deploy to Staging"), 5000);
    QCOMPARE(resets.size(), 0);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(b->doc.undoStack()->count(), 0);
    QCOMPARE(b->sync.lastChangeId(), change);
    QVERIFY(b->doc.project() == fetch(QStringLiteral("reach")));
}

// The bar of item 3: a second editor that had not seen the first's change is refused, its
// edit taken back and off its undo stack, the task shows the other's change.
void TestPgLive::conflictIsRefusedAndRefreshed()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(3), url(QStringLiteral("conflict")), &error), qPrintable(error));
    auto a = open(QStringLiteral("conflict"), QStringLiteral("dana"));
    auto b = open(QStringLiteral("conflict"), QStringLiteral("lee"));
    QVERIFY(a && b);
    a->doc.undoStack()->push(ChangeTaskCommand::setAttribute(&a->doc, QStringLiteral("t0004"), QStringLiteral("title"),
                                                             QStringLiteral("Deploy to Staging")));
    // b has not processed the notification yet: its edit starts from the old version.
    QSignalSpy conflicts(&b->sync, &TeamSync::conflict);
    QSignalSpy committed(&b->sync, &TeamSync::committed);
    b->doc.undoStack()->push(ChangeTaskCommand::setStatus(&b->doc, QStringLiteral("t0004"), Status::Active));
    QCOMPARE(committed.size(), 0);
    QCOMPARE(conflicts.size(), 1);
    const QString message = conflicts.first().first().toString();
    QVERIFY2(message.startsWith(QLatin1String("Deploy to Staging was changed by dana at ")), qPrintable(message));
    QVERIFY2(message.endsWith(QStringLiteral(" — your edit was not applied; the task now shows their change")), qPrintable(message));
    QVERIFY2(kConflict.match(message).hasMatch(), qPrintable(message));
    QCOMPARE(b->doc.undoStack()->count(), 0);
    QCOMPARE(title(b->doc, QStringLiteral("t0004")), QStringLiteral("Deploy to Staging"));
    QVERIFY(b->doc.project().find(QStringLiteral("t0004"))->status == Status::Draft);
    QVERIFY(b->doc.project() == fetch(QStringLiteral("conflict")));
    // Now up to date, the same edit goes through.
    b->doc.undoStack()->push(ChangeTaskCommand::setStatus(&b->doc, QStringLiteral("t0004"), Status::Active));
    QCOMPARE(committed.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(a->doc.project() == fetch(QStringLiteral("conflict")), 5000);
}

void TestPgLive::undoAndRedoAreEdits()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(2), url(QStringLiteral("undo")), &error), qPrintable(error));
    const Project original = fetch(QStringLiteral("undo"));
    auto a = open(QStringLiteral("undo"), QStringLiteral("ann"));
    auto b = open(QStringLiteral("undo"), QStringLiteral("lee"));
    QVERIFY(a && b);
    a->doc.undoStack()->push(ChangeTaskCommand::setAttribute(&a->doc, QStringLiteral("t0001"), QStringLiteral("note"), 1));
    a->sync.undo();
    QVERIFY(fetch(QStringLiteral("undo")) == original);
    a->sync.redo();
    QCOMPARE(fetch(QStringLiteral("undo")).find(QStringLiteral("t0001"))->attributes.value(QLatin1String("note")).toInt(), 1);
    QCOMPARE(m_cluster.scalar(QStringLiteral("live"), QStringLiteral(
                 "SELECT string_agg(kind, ',' ORDER BY change_id) FROM change_log WHERE project_id = ?"), {a->sync.projectId()}).toString(),
             QStringLiteral("publish,edit,undo,redo"));
    QTRY_VERIFY_WITH_TIMEOUT(b->doc.project() == fetch(QStringLiteral("undo")), 5000);
    // The stack's own undo (the Edit menu's action) is checked as well.
    a->doc.undoStack()->undo();
    QVERIFY(fetch(QStringLiteral("undo")) == original);
}

// A step whose task someone else changed since is not undone over their change.
void TestPgLive::undoOfAStepOthersChangedIsRefused()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(2), url(QStringLiteral("stale-undo")), &error), qPrintable(error));
    auto a = open(QStringLiteral("stale-undo"), QStringLiteral("ann"));
    auto b = open(QStringLiteral("stale-undo"), QStringLiteral("dana"));
    QVERIFY(a && b);
    a->doc.undoStack()->push(ChangeTaskCommand::setAttribute(&a->doc, QStringLiteral("t0002"), QStringLiteral("title"), QStringLiteral("Mine")));
    QTRY_COMPARE_WITH_TIMEOUT(title(b->doc, QStringLiteral("t0002")), QStringLiteral("Mine"), 5000);
    b->doc.undoStack()->push(ChangeTaskCommand::setAttribute(&b->doc, QStringLiteral("t0002"), QStringLiteral("title"), QStringLiteral("Theirs")));
    QTRY_COMPARE_WITH_TIMEOUT(title(a->doc, QStringLiteral("t0002")), QStringLiteral("Theirs"), 5000);
    QSignalSpy conflicts(&a->sync, &TeamSync::conflict);
    a->sync.undo();
    QCOMPARE(conflicts.size(), 1);
    QVERIFY2(conflicts.first().first().toString().startsWith(QLatin1String("Theirs was changed by dana at ")),
             qPrintable(conflicts.first().first().toString()));
    QCOMPARE(title(a->doc, QStringLiteral("t0002")), QStringLiteral("Theirs"));
    // Through the stack's own undo: run, then taken back and off the stack.
    a->doc.undoStack()->undo();
    QCOMPARE(conflicts.size(), 2);
    QCOMPARE(title(a->doc, QStringLiteral("t0002")), QStringLiteral("Theirs"));
    QCOMPARE(a->doc.undoStack()->count(), 0);
    QVERIFY(a->doc.project() == fetch(QStringLiteral("stale-undo")));
}

// Inserts, moves and deletes from two editors: both documents and the database keep one
// order, the (ord, id) order of the rows.
void TestPgLive::structureKeepsOneOrder()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(3), url(QStringLiteral("order")), &error), qPrintable(error));
    auto a = open(QStringLiteral("order"), QStringLiteral("ann"));
    auto b = open(QStringLiteral("order"), QStringLiteral("dana"));
    QVERIFY(a && b);
    QSignalSpy conflicts(&a->sync, &TeamSync::conflict);
    a->doc.undoStack()->push(new AddTasksCommand(&a->doc, {added(QStringLiteral("x1"), QStringLiteral("s001"))}, 5));
    a->doc.undoStack()->push(new AddTasksCommand(&a->doc, {added(QStringLiteral("x2")), added(QStringLiteral("x3"))}, 0));
    a->doc.undoStack()->push(new AddTasksCommand(&a->doc, {added(QStringLiteral("x4"))}, 5));
    a->doc.undoStack()->push(new ReparentTaskCommand(&a->doc, QStringLiteral("t0010"), QStringLiteral("s002")));
    a->doc.undoStack()->push(new RemoveTasksCommand(&a->doc, {QStringLiteral("t0030")}));
    QCOMPARE(conflicts.size(), 0);
    QVERIFY(a->doc.project() == fetch(QStringLiteral("order")));
    QTRY_VERIFY_WITH_TIMEOUT(b->doc.project() == a->doc.project(), 5000);
    // b inserts next to a's new tasks, a undoes everything: still one order everywhere.
    b->doc.undoStack()->push(new AddTasksCommand(&b->doc, {added(QStringLiteral("y1"))}, 1));
    QTRY_VERIFY_WITH_TIMEOUT(a->doc.project() == b->doc.project(), 5000);
    while (a->doc.undoStack()->canUndo())
        a->sync.undo();
    QVERIFY(a->doc.project() == fetch(QStringLiteral("order")));
    QTRY_VERIFY_WITH_TIMEOUT(b->doc.project() == a->doc.project(), 5000);
    QVERIFY(b->doc.project().contains(QStringLiteral("y1")));
    QVERIFY(!b->doc.project().contains(QStringLiteral("x1")));
}

// 80 tasks inserted one by one at the same place: halving the gap runs out of double
// precision after some 50, and the tasks around are numbered afresh within the step.
void TestPgLive::manyInsertsAtOnePlace()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(2), url(QStringLiteral("crowd")), &error), qPrintable(error));
    auto a = open(QStringLiteral("crowd"), QStringLiteral("ann"));
    auto b = open(QStringLiteral("crowd"), QStringLiteral("dana"));
    QVERIFY(a && b);
    QSignalSpy conflicts(&a->sync, &TeamSync::conflict);
    for (int i = 0; i < 80; ++i) {
        const int at = a->doc.project().indexOf(QStringLiteral("t0004"));
        a->doc.undoStack()->push(new AddTasksCommand(&a->doc, {added(QStringLiteral("z%1").arg(i), QStringLiteral("s000"))}, at));
    }
    QCOMPARE(conflicts.size(), 0);
    QCOMPARE(a->doc.project().taskCount(), 120);
    QVERIFY(a->doc.project() == fetch(QStringLiteral("crowd")));
    QTRY_VERIFY_WITH_TIMEOUT(b->doc.project() == a->doc.project(), 5000);
    QVERIFY(replayLog(QStringLiteral("crowd")) == a->doc.project());
}

void TestPgLive::deletingWhatOthersNeedIsRefused()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(2), url(QStringLiteral("needed")), &error), qPrintable(error));
    auto a = open(QStringLiteral("needed"), QStringLiteral("ann"));
    auto b = open(QStringLiteral("needed"), QStringLiteral("dana"));
    QVERIFY(a && b);
    // a links t0010 -> t0001; b, not knowing, deletes t0001.
    Dependency d;
    d.taskId = QStringLiteral("t0001");
    a->doc.undoStack()->push(DependencyCommand::add(&a->doc, QStringLiteral("t0010"), d));
    QSignalSpy conflicts(&b->sync, &TeamSync::conflict);
    b->doc.undoStack()->push(new RemoveTasksCommand(&b->doc, {QStringLiteral("t0001")}));
    QCOMPARE(conflicts.size(), 1);
    QVERIFY2(conflicts.first().first().toString().startsWith(QLatin1String("Task 10 was changed by ann at ")),
             qPrintable(conflicts.first().first().toString()));
    QVERIFY(b->doc.project().contains(QStringLiteral("t0001")));
    QVERIFY(b->doc.project() == fetch(QStringLiteral("needed")));
    // The other way round: b deletes t0002, a (behind) links to it.
    QTRY_VERIFY_WITH_TIMEOUT(a->doc.project() == b->doc.project(), 5000);
    b->doc.undoStack()->push(new RemoveTasksCommand(&b->doc, {QStringLiteral("t0002")}));
    QSignalSpy aConflicts(&a->sync, &TeamSync::conflict);
    d.taskId = QStringLiteral("t0002");
    a->doc.undoStack()->push(DependencyCommand::add(&a->doc, QStringLiteral("t0011"), d));
    QCOMPARE(aConflicts.size(), 1);
    QVERIFY2(aConflicts.first().first().toString().startsWith(QLatin1String("Task 2 was deleted by dana at ")),
             qPrintable(aConflicts.first().first().toString()));
    QVERIFY(a->doc.project() == fetch(QStringLiteral("needed")));
}

void TestPgLive::presenceListsOthers()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(1), url(QStringLiteral("presence")), &error), qPrintable(error));
    auto a = open(QStringLiteral("presence"), QStringLiteral("ann"));
    QVERIFY(a);
    a->sync.setHeartbeatInterval(100);
    QSignalSpy changed(&a->sync, &TeamSync::othersChanged);
    {
        auto b = open(QStringLiteral("presence"), QStringLiteral("dana"));
        auto c = open(QStringLiteral("presence"), QStringLiteral("lee"));
        QVERIFY(b && c);
        QTRY_COMPARE_WITH_TIMEOUT(a->sync.others(), (QStringList{QStringLiteral("dana"), QStringLiteral("lee")}), 5000);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM presence WHERE project_id = ?"), {a->sync.projectId()}), 3);
    }
    // Closing removes the row at once.
    QTRY_COMPARE_WITH_TIMEOUT(a->sync.others(), QStringList(), 5000);
    QVERIFY(changed.size() >= 2);
}

void TestPgLive::readOnlyRole()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(1), url(QStringLiteral("readonly")), &error), qPrintable(error));
    QVERIFY2(m_cluster.exec(QStringLiteral("live"), QStringLiteral("CREATE ROLE reader LOGIN"), &error), qPrintable(error));
    QVERIFY2(m_cluster.exec(QStringLiteral("live"), QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader"), &error),
             qPrintable(error));
    auto e = std::make_unique<Editor>();
    const QString readerUrl = QStringLiteral("postgresql://reader@127.0.0.1:%1/live?project=readonly").arg(m_cluster.port());
    QVERIFY2(e->sync.open(readerUrl, &error), qPrintable(error));
    QVERIFY(e->sync.isReadOnly());
    QSignalSpy conflicts(&e->sync, &TeamSync::conflict);
    const qint64 changes = count(QStringLiteral("SELECT count(*) FROM change_log"));
    e->doc.undoStack()->push(ChangeTaskCommand::setAttribute(&e->doc, QStringLiteral("t0001"), QStringLiteral("title"), QStringLiteral("X")));
    QCOMPARE(conflicts.size(), 1);
    QVERIFY(conflicts.first().first().toString().contains(QLatin1String("read-only")));
    QCOMPARE(title(e->doc, QStringLiteral("t0001")), QStringLiteral("Task 1"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM change_log")), changes);
}

// The server ends this editor's session: the next edit is refused whole, the editor
// reconnects by itself and catches up with what others did meanwhile.
void TestPgLive::lostConnectionRefusesThenCatchesUp()
{
    QString error;
    QVERIFY2(PostgresStore::publish(makeProject(2), url(QStringLiteral("lost")), &error), qPrintable(error));
    auto a = open(QStringLiteral("lost"), QStringLiteral("ann"));
    auto b = open(QStringLiteral("lost"), QStringLiteral("dana"));
    QVERIFY(a && b);
    a->sync.setReconnectInterval(100);
    b->sync.setReconnectInterval(100);
    b->sync.setHeartbeatInterval(100);
    QSignalSpy bConnected(&b->sync, &TeamSync::connectedChanged);
    QVERIFY2(m_cluster.exec(QStringLiteral("live"), QStringLiteral(
                 "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'workplan'"
                 " AND pid IN (SELECT pid FROM pg_stat_activity WHERE usename = 'postgres') AND pid <> pg_backend_pid()"), &error),
             qPrintable(error));
    QSignalSpy conflicts(&a->sync, &TeamSync::conflict);
    a->doc.undoStack()->push(ChangeTaskCommand::setAttribute(&a->doc, QStringLiteral("t0003"), QStringLiteral("title"), QStringLiteral("Lost")));
    QCOMPARE(conflicts.size(), 1);
    QVERIFY2(conflicts.first().first().toString().contains(QLatin1String("your edit was not applied")),
             qPrintable(conflicts.first().first().toString()));
    QCOMPARE(title(a->doc, QStringLiteral("t0003")), QStringLiteral("Task 3"));
    QCOMPARE(a->doc.undoStack()->count(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(a->sync.isConnected(), 5000);
    // b notices by its heartbeat, and is back by itself.
    QTRY_VERIFY_WITH_TIMEOUT(bConnected.size() >= 2 && b->sync.isConnected(), 5000);
    b->doc.undoStack()->push(ChangeTaskCommand::setAttribute(&b->doc, QStringLiteral("t0005"), QStringLiteral("title"), QStringLiteral("Meanwhile")));
    QTRY_COMPARE_WITH_TIMEOUT(title(a->doc, QStringLiteral("t0005")), QStringLiteral("Meanwhile"), 5000);
    QVERIFY(a->doc.project() == fetch(QStringLiteral("lost")));
}

void TestPgLive::changeLogReplaysToTheDatabase()
{
    // Every project the tests above edited.
    for (const char *name : {"reach", "conflict", "undo", "stale-undo", "order", "crowd", "needed", "lost"})
        QVERIFY2(replayLog(QLatin1String(name)) == fetch(QLatin1String(name)), name);
}

// Schema version 3: a publish's log row names its tasks but does not copy their rows. The
// first edit that rewrites or deletes a row as published saves it (published_rows), so the
// log still gives the project as published, and the project as it is now; a republish
// starts again from its own rows.
void TestPgLive::publishedProjectStaysInTheLog()
{
    const Project original = makeProject(2);
    const QString name = QStringLiteral("published");
    QString error;
    QVERIFY2(PostgresStore::publish(original, url(name), &error), qPrintable(error));
    auto a = open(name, QStringLiteral("ann"));
    QVERIFY(a);
    const qint64 published = a->sync.lastChangeId();
    const qint64 projectId = a->sync.projectId();
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM change_log WHERE change_id = ? AND rows IS NULL"
                                  " AND cardinality(task_ids) = ?"), {published, original.taskCount()}), 1);
    // t0003 has a dependency, which its saved row keeps; it is rewritten twice, saved once.
    a->doc.undoStack()->push(ChangeTaskCommand::setAttribute(&a->doc, QStringLiteral("t0003"), QStringLiteral("title"),
                                                             QStringLiteral("Renamed")));
    a->doc.undoStack()->push(new RemoveTasksCommand(&a->doc, {QStringLiteral("t0007")}));
    a->doc.undoStack()->push(new AddTasksCommand(&a->doc, {added(QStringLiteral("n1"), QStringLiteral("s001"))}, 25));
    a->doc.undoStack()->push(ChangeTaskCommand::setAttribute(&a->doc, QStringLiteral("t0003"), QStringLiteral("title"),
                                                             QStringLiteral("Renamed twice")));
    QCOMPARE(a->doc.undoStack()->count(), 4);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM published_rows WHERE project_id = ? AND change_id = ?"
                                  " AND task_id IN ('t0003', 't0007')"), {projectId, published}), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM published_rows WHERE project_id = ? AND task_id = 'n1'"), {projectId}), 0);
    QVERIFY(replayLog(name, published) == original);
    QVERIFY(replayLog(name) == fetch(name));
    QVERIFY(fetch(name) == a->doc.project());
    QVERIFY(!(fetch(name) == original));

    // A republish replaces the rows and what the earlier publish saved.
    QVERIFY2(PostgresStore::publish(original, url(name), &error), qPrintable(error));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM published_rows WHERE project_id = ?"), {projectId}), 0);
    QVERIFY(replayLog(name) == original);
    QTRY_VERIFY_WITH_TIMEOUT(a->doc.project() == original, 5000);
}
