// Issue #14 item 3: what a document tells its listeners, per kind of step. Each step (push,
// undo, redo; a macro included) ends with exactly one documentChanged carrying its kinds
// and tasks, at most one tasksChanged per distinct set of flags, and changed() only when
// more than card places changed. The recorder below fails on any missing or extra signal.
#include "testsupport.h"

#include "model/projectdocument.h"
#include "model/projectedits.h"
#include "views/analysiscontroller.h"
#include "views/tasktreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

using namespace Workplan;
using Kinds = DocumentChange::Kinds;
using Flags = ProjectDocument::ChangeFlags;

namespace {

// Everything the document says during one step, in order.
struct Recorder
{
    explicit Recorder(ProjectDocument *doc)
    {
        QObject::connect(doc, &ProjectDocument::tasksChanged, [this](const QStringList &ids, Flags f) {
            tasksChanged.append({ids, f});
        });
        QObject::connect(doc, &ProjectDocument::documentChanged, [this](const DocumentChange &c) { steps.append(c); });
        QObject::connect(doc, &ProjectDocument::changed, [this] { ++changed; });
        QObject::connect(doc, &ProjectDocument::taskInserted, [this] { ++structural; });
        QObject::connect(doc, &ProjectDocument::taskRemoved, [this] { ++structural; });
        QObject::connect(doc, &ProjectDocument::taskMoved, [this] { ++structural; });
    }
    void clear()
    {
        tasksChanged.clear();
        steps.clear();
        changed = 0;
        structural = 0;
    }
    QList<QPair<QStringList, Flags>> tasksChanged;
    QList<DocumentChange> steps;
    int changed = 0;
    int structural = 0;
};

QHash<QString, QPointF> shifted(const Project &p, int count)
{
    QHash<QString, QPointF> out;
    for (int i = 0; i < p.taskCount() && out.size() < count; ++i)
        out.insert(p.task(i).id, QPointF(10.0 * i, 500.0 + i));
    return out;
}

// A plan of `n` top-level leaves, each depending on the one before.
Project chain(int n)
{
    Project p;
    p.name = QStringLiteral("chain");
    QList<Task> tasks;
    for (int i = 0; i < n; ++i) {
        Task t = WorkplanTest::placedLeaf(QStringLiteral("t%1").arg(i), QString(), QPointF(260.0 * i, 0));
        if (i > 0)
            t.dependencies.append(WorkplanTest::dependencyOn(QStringLiteral("t%1").arg(i - 1)));
        tasks.append(t);
    }
    p.setTasks(tasks);
    return p;
}

} // namespace

class TestChangeEvents : public QObject
{
    Q_OBJECT
private slots:
    void everyStepIsOneBatch_data();
    void everyStepIsOneBatch();
    void movingManyCardsIsOneSignalAndNoAnalysis();
    void positionsDoNotRepaintTheTree();
    void removedTasksAreNotToldAsChanged();
    void changeBatchHoldsSignalsBack();
    void directRedoIsToldLater();
};

// Per kind of step: the kinds told, whether changed() came, how many tasksChanged.
void TestChangeEvents::everyStepIsOneBatch_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("kinds");
    QTest::addColumn<bool>("analysis");
    QTest::addColumn<int>("taskSignals");
    const int S = DocumentChange::Structure, F = DocumentChange::Fields, D = DocumentChange::Dependencies,
              P = DocumentChange::Positions, R = DocumentChange::Properties;
    QTest::newRow("title") << "title" << F << true << 1;
    QTest::newRow("status of three") << "status3" << F << true << 1;
    QTest::newRow("add task") << "add" << S << true << 0;
    QTest::newRow("delete subtree") << "deleteSubtree" << S << true << 0;
    QTest::newRow("reparent") << "reparent" << S << true << 0;
    QTest::newRow("link") << "link" << D << true << 1;
    QTest::newRow("unlink") << "unlink" << D << true << 1;
    QTest::newRow("retarget") << "retarget" << D << true << 1;   // both owners, same flags
    QTest::newRow("lag") << "lag" << D << true << 1;
    QTest::newRow("move one card") << "move1" << P << false << 1;
    QTest::newRow("layout") << "layout" << P << false << 1;
    QTest::newRow("project properties") << "properties" << R << true << 0;
}

void TestChangeEvents::everyStepIsOneBatch()
{
    QFETCH(QString, step);
    QFETCH(int, kinds);
    QFETCH(bool, analysis);
    QFETCH(int, taskSignals);

    ProjectDocument doc;
    doc.resetProject(WorkplanTest::loadExample("feature-development"));
    ProjectEdits &edits = doc.edits();
    const Project &p = doc.project();
    // A leaf with a dependency, its summary, and two other leaves.
    QString leaf, summary;
    for (const Task &t : p.tasks()) {
        if (!doc.isSummary(t.id) && !t.dependencies.isEmpty() && !t.parentId.isEmpty()) {
            leaf = t.id;
            summary = t.parentId;
            break;
        }
    }
    QVERIFY(!leaf.isEmpty());
    const DependencyKey key = DependencyKey::of(leaf, p.find(leaf)->dependencies.first());
    QStringList others;
    for (const Task &t : p.tasks()) {
        if (!doc.isSummary(t.id) && t.id != leaf && t.id != key.prerequisiteId && others.size() < 3
            && doc.dependencyProblem(leaf, t.id, DependencyType::Completion).isEmpty())
            others << t.id;
    }
    QCOMPARE(others.size(), 3);

    Recorder rec(&doc);
    const auto run = [&] {
        EditResult r;
        if (step == QLatin1String("title"))
            r = edits.setTitle(leaf, QStringLiteral("Renamed"), QStringLiteral("Rename"));
        else if (step == QLatin1String("status3"))
            r = edits.setStatus({leaf, others[0], others[1]}, Status::Blocked);
        else if (step == QLatin1String("add"))
            r = edits.addNewTask({});
        else if (step == QLatin1String("deleteSubtree"))
            r = edits.removeTasks({summary});
        else if (step == QLatin1String("reparent"))
            r = edits.moveTasks({leaf}, QString());
        else if (step == QLatin1String("link"))
            r = edits.link(leaf, others[0], DependencyType::Completion);
        else if (step == QLatin1String("unlink"))
            r = edits.unlink(key);
        else if (step == QLatin1String("retarget"))
            r = edits.retarget(key, ProjectEdits::End::Owner, others[1]);
        else if (step == QLatin1String("lag"))
            r = edits.setDependencyLag(key, QStringLiteral("2 days"));
        else if (step == QLatin1String("move1"))
            r = edits.moveCards({{leaf, QPointF(3000, 3000)}});
        else if (step == QLatin1String("layout"))
            r = edits.applyLayout(shifted(p, 40), QStringLiteral("Auto layout"));
        else if (step == QLatin1String("properties")) {
            ProjectProperties props = ProjectProperties::of(p);
            props.name = QStringLiteral("Another name");
            r = edits.setProjectProperties(props);
        }
        QVERIFY2(r.pushed, qPrintable(step + QLatin1String(": ") + r.problem));
    };
    const auto check = [&](const char *when) {
        const QString at = step + QLatin1Char(' ') + QLatin1String(when);
        QVERIFY2(rec.steps.size() == 1, qPrintable(at + QStringLiteral(": %1 documentChanged").arg(rec.steps.size())));
        QVERIFY2(int(rec.steps.first().kinds) == kinds,
                 qPrintable(at + QStringLiteral(": kinds %1, expected %2").arg(int(rec.steps.first().kinds)).arg(kinds)));
        QVERIFY2(rec.changed == (analysis ? 1 : 0), qPrintable(at + QStringLiteral(": changed() %1").arg(rec.changed)));
        QVERIFY2(rec.tasksChanged.size() == taskSignals,
                 qPrintable(at + QStringLiteral(": %1 tasksChanged").arg(rec.tasksChanged.size())));
        // Every task told as changed is one the step touched, and is in the plan.
        for (const auto &[ids, flags] : rec.tasksChanged) {
            QVERIFY(flags);
            for (const QString &id : ids) {
                QVERIFY2(rec.steps.first().taskIds.contains(id), qPrintable(at + QLatin1String(": ") + id));
                QVERIFY(doc.project().contains(id));
            }
        }
        if (kinds & DocumentChange::Structure)
            QVERIFY(rec.structural > 0);
        else
            QCOMPARE(rec.structural, 0);
        rec.clear();
    };
    run();
    check("do");
    doc.undoStack()->undo();
    check("undo");
    doc.undoStack()->redo();
    check("redo");
}

// 500 cards moved at once: one tasksChanged naming all 500, one documentChanged saying
// "positions", no changed(), and the analysis does not run again.
void TestChangeEvents::movingManyCardsIsOneSignalAndNoAnalysis()
{
    ProjectDocument doc;
    doc.resetProject(chain(600));
    AnalysisController analysis(&doc);
    analysis.refreshNow();
    const quint64 revision = analysis.result()->revision;
    Recorder rec(&doc);
    QVERIFY(doc.edits().moveCards(shifted(doc.project(), 500)));
    QCOMPARE(rec.tasksChanged.size(), 1);
    QCOMPARE(rec.tasksChanged.first().first.size(), 500);
    QCOMPARE(rec.tasksChanged.first().second, Flags(ProjectDocument::PositionChanged));
    QCOMPARE(rec.steps.size(), 1);
    QVERIFY(rec.steps.first().positionsOnly());
    QCOMPARE(rec.steps.first().taskIds.size(), 500);
    QCOMPARE(rec.changed, 0);
    QTest::qWait(50);   // a scheduled run would have happened by now
    analysis.waitForIdle();
    QCOMPARE(analysis.result()->revision, revision);

    // An edit that matters runs it again, once.
    rec.clear();
    QVERIFY(doc.edits().setAttribute(QStringLiteral("t3"), QStringLiteral("estimated_effort"), QStringLiteral("3 days")));
    QCOMPARE(rec.changed, 1);
    QTRY_VERIFY_WITH_TIMEOUT(analysis.result()->revision != revision, 5000);
}

// The tree repaints no row for a card move, and every row of a renamed task.
void TestChangeEvents::positionsDoNotRepaintTheTree()
{
    ProjectDocument doc;
    doc.resetProject(chain(50));
    TaskTreeModel model(&doc, nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy rows(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(doc.edits().moveCards(shifted(doc.project(), 30)));
    QCOMPARE(rows.size(), 0);
    QVERIFY(doc.edits().setTitle(QStringLiteral("t7"), QStringLiteral("Seven"), QStringLiteral("Rename")));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(model.idOf(rows.first().at(0).toModelIndex()), QStringLiteral("t7"));
}

// Deleting a task whose dependants lose their dependency on it: the dependants are told as
// changed, the deleted task is not (its removal was told by taskRemoved).
void TestChangeEvents::removedTasksAreNotToldAsChanged()
{
    ProjectDocument doc;
    doc.resetProject(chain(5));
    Recorder rec(&doc);
    QVERIFY(doc.edits().removeTasks({QStringLiteral("t2")}));
    QCOMPARE(rec.steps.size(), 1);
    QVERIFY(rec.steps.first().taskIds.contains(QStringLiteral("t2")));
    QCOMPARE(rec.tasksChanged.size(), 1);
    QCOMPARE(rec.tasksChanged.first().first, QStringList{QStringLiteral("t3")});
    QVERIFY(rec.tasksChanged.first().second & ProjectDocument::DependenciesChanged);
}

// Changes outside the undo stack (another editor's, applied by TeamSync) are one step when
// held in a ChangeBatch: nothing is told until it ends.
void TestChangeEvents::changeBatchHoldsSignalsBack()
{
    ProjectDocument doc;
    doc.resetProject(chain(20));
    Recorder rec(&doc);
    {
        ProjectDocument::ChangeBatch batch(&doc);
        QVERIFY(doc.edits().moveCards({{QStringLiteral("t1"), QPointF(1, 1)}}));
        QVERIFY(doc.edits().setTitle(QStringLiteral("t2"), QStringLiteral("Two"), QStringLiteral("Rename")));
        QVERIFY(rec.steps.isEmpty());
        QCOMPARE(rec.changed, 0);
    }
    QCOMPARE(rec.steps.size(), 1);
    QCOMPARE(rec.steps.first().kinds, Kinds(DocumentChange::Positions | DocumentChange::Fields));
    QCOMPARE(rec.steps.first().taskIds, (QStringList{QStringLiteral("t1"), QStringLiteral("t2")}));
    QCOMPARE(rec.tasksChanged.size(), 2);   // two sets of flags
    QCOMPARE(rec.changed, 1);
}

// A command run by hand (not through the stack) is told at the next event-loop turn.
void TestChangeEvents::directRedoIsToldLater()
{
    ProjectDocument doc;
    doc.resetProject(chain(3));
    QVERIFY(doc.edits().setTitle(QStringLiteral("t0"), QStringLiteral("Zero"), QStringLiteral("Rename")));
    Recorder rec(&doc);
    const QUndoCommand *cmd = doc.undoStack()->command(0);
    const_cast<QUndoCommand *>(cmd)->undo();
    QVERIFY(rec.steps.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(rec.steps.size(), 1, 2000);
    QCOMPARE(rec.changed, 1);
    const_cast<QUndoCommand *>(cmd)->redo();
    QTRY_COMPARE_WITH_TIMEOUT(rec.steps.size(), 2, 2000);
}

QTEST_MAIN(TestChangeEvents)
#include "tst_changeevents.moc"
