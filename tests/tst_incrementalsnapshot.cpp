// Issue #21 item 4: an edit of a few tasks' fields patches the last Snapshot
// (Snapshot::withTaskFields) instead of reading every task again; the patched snapshot
// must equal one built afresh, and the AnalysisController must use it only when the step
// changed fields alone.
#include "testsupport.h"

#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/engine/snapshot.h"
#include "model/validation.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/tasktreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <QUndoStack>
#include <QtTest>

#include <cmath>

using namespace Workplan;

namespace {

Project teamExample()
{
    QString error;
    auto p = JsonFormat::readFile(WorkplanTest::testData(QStringLiteral("examples-v2/release-pipeline-team.json")), &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    return *p;
}

bool sameDoubles(const std::vector<double> &a, const std::vector<double> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a[i] == b[i]) && !(std::isnan(a[i]) && std::isnan(b[i])))
            return false;
    }
    return true;
}

// Every array the analysis reads, compared; the first difference named.
QString difference(const Snapshot &a, const Snapshot &b)
{
#define WP_SAME(f) if (!(a.f == b.f)) return QStringLiteral(#f)
    WP_SAME(ids); WP_SAME(parent); WP_SAME(childStart); WP_SAME(children); WP_SAME(status);
    WP_SAME(estimate); WP_SAME(estimateHours); WP_SAME(estimateText); WP_SAME(depStart);
    WP_SAME(depPrereq); WP_SAME(depType); WP_SAME(depCounts); WP_SAME(depLag);
    WP_SAME(demandStart); WP_SAME(demandResource); WP_SAME(demandUnits);
    WP_SAME(childrenFirst); WP_SAME(summariesChildrenFirst);
    WP_SAME(schedule->startOf); WP_SAME(schedule->inStart); WP_SAME(schedule->pred);
    WP_SAME(schedule->dep); WP_SAME(schedule->leaf);
#undef WP_SAME
    if (!sameDoubles(a.notBefore, b.notBefore))
        return QStringLiteral("notBefore");
    if (!sameDoubles(a.schedule->duration, b.schedule->duration))
        return QStringLiteral("schedule duration");
    if (!sameDoubles(a.schedule->release, b.schedule->release))
        return QStringLiteral("schedule release");
    if (a.deadlines.size() != b.deadlines.size())
        return QStringLiteral("deadlines");
    for (std::size_t i = 0; i < a.deadlines.size(); ++i) {
        if (a.deadlines[i].task != b.deadlines[i].task || a.deadlines[i].offset != b.deadlines[i].offset)
            return QStringLiteral("deadlines");
    }
    if (a.dateWarnings.size() != b.dateWarnings.size())
        return QStringLiteral("dateWarnings");
    for (std::size_t i = 0; i < a.dateWarnings.size(); ++i) {
        if (a.dateWarnings[i].task != b.dateWarnings[i].task || a.dateWarnings[i].message != b.dateWarnings[i].message)
            return QStringLiteral("dateWarnings");
    }
    return QString();
}

} // namespace

class TestIncrementalSnapshot : public QObject
{
    Q_OBJECT
private slots:
    void patchedEqualsFresh_data()
    {
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("estimate") << "staging_validation_2.4.0" << "estimated_effort" << QJsonValue(QStringLiteral("3 days"));
        QTest::newRow("unreadable estimate") << "staging_validation_2.4.0" << "estimated_effort" << QJsonValue(QStringLiteral("soon"));
        QTest::newRow("estimate removed") << "staging_validation_2.4.0" << "estimated_effort" << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("not_before added") << "security_review_2.4.0" << "not_before" << QJsonValue(QStringLiteral("2025-06-25"));
        QTest::newRow("not_before removed") << "performance_validation_2.4.0" << "not_before" << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("not_before unreadable") << "performance_validation_2.4.0" << "not_before" << QJsonValue(42);
        QTest::newRow("deadline added") << "qa_testing_2.4.0" << "deadline" << QJsonValue(QStringLiteral("2025-06-24"));
        QTest::newRow("deadline unreadable") << "deploy_production_2.4.0" << "deadline" << QJsonValue(QStringLiteral("later"));
    }
    void patchedEqualsFresh()
    {
        QFETCH(QString, task);
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        Project project = teamExample();
        const Snapshot before = Snapshot::fromProject(project);
        const int i = project.indexOf(task);
        QVERIFY(i >= 0);
        Task &t = project.task(i);
        if (value.isUndefined())
            t.attributes.remove(field);
        else
            t.attributes.insert(field, value);
        const auto patched = Snapshot::withTaskFields(before, project, {i});
        QVERIFY(patched);
        QCOMPARE(difference(*patched, Snapshot::fromProject(project)), QString());
    }

    void statusAndDemandOfALeaf()
    {
        Project project = teamExample();
        const Snapshot before = Snapshot::fromProject(project);
        const int a = project.indexOf(QStringLiteral("performance_validation_2.4.0"));
        const int b = project.indexOf(QStringLiteral("security_review_2.4.0"));
        project.task(a).status = Status::Cancelled;
        project.task(b).extra.insert(QStringLiteral("resources"), QJsonObject{{QStringLiteral("tester"), 1}});
        const auto patched = Snapshot::withTaskFields(before, project, {b, a, b});
        QVERIFY(patched);
        QCOMPARE(difference(*patched, Snapshot::fromProject(project)), QString());
    }

    // A large plan's estimates are read in two halves at once: each task's, in either half,
    // is what it says (numbers, texts, the unreadable kept for its warning).
    void estimatesOfALargePlan()
    {
        Project project;
        QList<Task> tasks;
        const int n = 20000;
        for (int i = 0; i < n; ++i) {
            Task t;
            t.id = QStringLiteral("t%1").arg(i);
            t.type = QStringLiteral("specialist_task");
            if (i % 3 == 0)
                t.attributes.insert(QStringLiteral("estimated_effort"), double(i % 50));
            else if (i % 3 == 1)
                t.attributes.insert(QStringLiteral("estimated_duration"), QStringLiteral("%1h").arg(i % 40));
            if (i == 10 || i == 15000)
                t.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("soon-ish"));
            tasks << t;
        }
        project.setTasks(tasks);
        const Snapshot s = Snapshot::fromProject(project);
        for (int i = 0; i < n; ++i) {
            if (i == 10 || i == 15000) {
                QCOMPARE(s.estimate[std::size_t(i)], Snapshot::Estimate::Unreadable);
                QCOMPARE(s.estimateText[std::size_t(i)], QStringLiteral("soon-ish"));
            } else if (i % 3 == 2) {
                QCOMPARE(s.estimate[std::size_t(i)], Snapshot::Estimate::None);
            } else {
                QCOMPARE(s.estimate[std::size_t(i)], Snapshot::Estimate::Readable);
                QCOMPARE(s.estimateHours[std::size_t(i)], double(i % 3 == 0 ? i % 50 : i % 40));
            }
        }
    }

    // A large plan's tasks and dependencies are read in two halves at once: every task's
    // id, status, parent and every dependency's prerequisite, type, weight and lag land in
    // their places, whether the ids are resolved by validation or looked up.
    void dependenciesOfALargePlan()
    {
        const int n = 20000;
        QList<Task> tasks;
        for (int i = 0; i < n; ++i) {
            Task t;
            t.id = QStringLiteral("t%1").arg(i);
            t.type = QStringLiteral("specialist_task");
            t.status = i % 4 == 0 ? Status::Completed : Status::Active;
            if (i % 100 != 0)
                t.parentId = QStringLiteral("t%1").arg(i - i % 100);
            if (i % 100 > 1) {
                Dependency d;
                d.taskId = QStringLiteral("t%1").arg(i - 1);
                d.type = i % 3 == 0 ? DependencyType::Related : DependencyType::Completion;
                d.mandatory = i % 5 != 0;
                d.waived = i % 7 == 0;
                if (i % 2 == 0)
                    d.lag = QStringLiteral("%1h").arg(i % 9);
                t.dependencies << d;
                if (i % 11 == 0) {
                    Dependency second;
                    second.taskId = QStringLiteral("t%1").arg(i - i % 100 + 1);
                    second.type = DependencyType::Data;
                    second.lag = double(i % 13);
                    t.dependencies << second;
                }
            }
            tasks << t;
        }
        Project project;
        project.setTasks(tasks);
        for (const bool resolved : {false, true}) {
            if (resolved) {
                auto ids = std::make_shared<ResolvedIds>();
                QVERIFY(!validateProject(project, ids.get()));
                project.setResolvedIds(std::move(ids));
            }
            const Snapshot s = Snapshot::fromProject(project);
            QCOMPARE(s.taskCount(), n);
            int k = 0;
            for (int i = 0; i < n; ++i) {
                const Task &t = tasks.at(i);
                QCOMPARE(s.ids[std::size_t(i)], t.id);
                QVERIFY(s.status[std::size_t(i)] == t.status);
                QCOMPARE(s.parent[std::size_t(i)], i % 100 != 0 ? i - i % 100 : -1);
                QCOMPARE(s.depStart[std::size_t(i)], k);
                for (const Dependency &d : t.dependencies) {
                    QCOMPARE(s.ids[std::size_t(s.depPrereq[std::size_t(k)])], d.taskId);
                    QVERIFY(s.depType[std::size_t(k)] == d.type);
                    QCOMPARE(bool(s.depCounts[std::size_t(k)]), d.type != DependencyType::Related && d.mandatory && !d.waived);
                    QCOMPARE(s.depLag[std::size_t(k)], d.lag.isString() ? double(i % 9) : d.lag.isDouble() ? d.lag.toDouble() : 0.0);
                    ++k;
                }
            }
            QCOMPARE(s.depStart[std::size_t(n)], k);
        }
    }

    // The patched snapshot shares the id array with the one it came from (copying 100k
    // ids was a tenth of an edit); building on a copy leaves the original as it was.
    void patchedSharesTheIds()
    {
        Project project = teamExample();
        const Snapshot before = Snapshot::fromProject(project);
        const int a = project.indexOf(QStringLiteral("performance_validation_2.4.0"));
        project.task(a).status = Status::Cancelled;
        const auto patched = Snapshot::withTaskFields(before, project, {a});
        QVERIFY(patched);
        QCOMPARE(&patched->ids.vector(), &before.ids.vector());
        QVERIFY(patched->ids == before.ids);

        Snapshot copy = before;
        copy.ids.push_back(QStringLiteral("extra"));
        QCOMPARE(copy.ids.size(), before.ids.size() + 1);
        QVERIFY(&copy.ids.vector() != &before.ids.vector());
        QCOMPARE(before.ids.size(), std::size_t(project.taskCount()));
        QVERIFY(copy.ids != before.ids);
    }

    void refusesWhatItCannotPatch()
    {
        Project project = teamExample();
        const Snapshot before = Snapshot::fromProject(project);
        // A summary's resources reach its leaves.
        const int summary = project.indexOf(QStringLiteral("release_2.4.0"));
        QVERIFY(!Snapshot::withTaskFields(before, project, {summary}));
        // Other dependencies.
        Project deps = project;
        const int owner = deps.indexOf(QStringLiteral("staging_validation_2.4.0"));
        deps.task(owner).dependencies.clear();
        QVERIFY(!Snapshot::withTaskFields(before, deps, {owner}));
        // Another project name (a property).
        Project named = project;
        named.name = QStringLiteral("other");
        QVERIFY(!Snapshot::withTaskFields(before, named, {owner}));
    }

    // Through the document: fields-only steps, their undo, then a dependency removal and a
    // reset; after each the controller's snapshot is the one built afresh.
    void controllerFollowsEveryStep()
    {
        ProjectDocument doc;
        doc.resetProject(teamExample());
        AnalysisController controller(&doc);
        controller.setAsyncThreshold(1);   // on the worker, as for a large plan
        auto check = [&](const char *what) {
            controller.waitForIdle();
            QVERIFY2(controller.result(), what);
            QCOMPARE(difference(controller.result()->snapshot, Snapshot::fromProject(doc.project())), QString());
        };
        doc.undoStack()->push(ChangeTaskCommand::setAttribute(&doc, QStringLiteral("staging_validation_2.4.0"),
                                                              QStringLiteral("estimated_effort"), QStringLiteral("2 days")));
        check("estimate");
        doc.undoStack()->push(ChangeTaskCommand::setStatus(&doc, QStringLiteral("qa_testing_2.4.0"), Status::Cancelled));
        doc.undoStack()->push(ChangeTaskCommand::setAttribute(&doc, QStringLiteral("security_review_2.4.0"),
                                                              QStringLiteral("not_before"), QStringLiteral("2025-06-26")));
        check("two steps");
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        check("undo");
        const DependencyKey key = doc.dependencyKey(QStringLiteral("staging_validation_2.4.0"), 0);
        doc.undoStack()->push(DependencyCommand::remove(&doc, key));
        check("dependency removed");
        doc.undoStack()->push(ChangeTaskCommand::setAttribute(&doc, QStringLiteral("staging_validation_2.4.0"),
                                                              QStringLiteral("estimated_effort"), QStringLiteral("5 hours")));
        check("estimate after the removal");
        Project other = teamExample();
        other.task(other.indexOf(QStringLiteral("staging_validation_2.4.0"))).attributes.insert(
            QStringLiteral("estimated_effort"), QStringLiteral("9 hours"));
        doc.resetProject(other);
        check("reset");
        controller.refreshNow();
        check("refreshNow");
    }

    // The tasks whose marks changed are worked out once, on the worker, for every view: the
    // tree repaints exactly the rows changedTasks() names, and the controller answers the
    // same for the result shown before.
    void changesAreWorkedOutOnceForEveryView()
    {
        ProjectDocument doc;
        doc.resetProject(teamExample());
        AnalysisController controller(&doc);
        controller.setAsyncThreshold(1);
        TaskTreeModel model(&doc, &controller);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // A first result shown by the tree, so that the next is compared with it.
        doc.undoStack()->push(ChangeTaskCommand::setAttribute(&doc, QStringLiteral("security_review_2.4.0"),
                                                              QStringLiteral("estimated_effort"), QStringLiteral("2 days")));
        controller.waitForIdle();
        const auto before = controller.result();
        QSignalSpy rows(&model, &QAbstractItemModel::dataChanged);
        doc.undoStack()->push(ChangeTaskCommand::setAttribute(&doc, QStringLiteral("staging_validation_2.4.0"),
                                                              QStringLiteral("estimated_effort"), QStringLiteral("3 days")));
        controller.waitForIdle();
        const auto after = controller.result();
        QVERIFY(after != before);
        const std::vector<int> expected = changedTasks(*before, *after);
        QVERIFY(!expected.empty());
        QCOMPARE(controller.changedTasksSince(*before), expected);
        QStringList expectedIds;
        for (int i : expected)
            expectedIds << after->snapshot.ids[std::size_t(i)];
        QStringList told;
        for (const QList<QVariant> &signal : std::as_const(rows)) {
            const QString id = model.idOf(signal.at(0).toModelIndex());
            if (!told.contains(id))
                told << id;
        }
        expectedIds.sort();
        told.sort();
        QCOMPARE(told, expectedIds);
    }
};

QTEST_MAIN(TestIncrementalSnapshot)
#include "tst_incrementalsnapshot.moc"
