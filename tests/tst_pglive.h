#pragma once

// tst_pglive (issue #22 items 3 and 6): live editing of a team project through TeamSync,
// against a private PostgreSQL cluster (pgcluster.h). tst_pglive.cpp: setup and helpers;
// tst_pgliverules.cpp: two editors in this process, one rule each; tst_pglivedrivers.cpp:
// ten pgdriver processes at once, kill -9 inside a transaction, a server restart.

#include "model/projectdocument.h"
#include "model/storage/postgres/teamsync.h"
#include "pgcluster.h"

#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace PgLive {
// 100 summaries s000..s099 of 19 tasks each: 2,000 tasks, t0000..t1899 the leaves, some
// linked to the one before within their summary.
Workplan::Project makeProject(int summaries = 100);
QList<QJsonObject> readLines(const QString &path);
// The sentence of every refusal (teamsyncsql.h).
extern const QRegularExpression kConflict;
} // namespace PgLive

class TestPgLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void editReachesOtherEditor();
    void conflictIsRefusedAndRefreshed();
    void undoAndRedoAreEdits();
    void undoOfAStepOthersChangedIsRefused();
    void structureKeepsOneOrder();
    void manyInsertsAtOnePlace();
    void deletingWhatOthersNeedIsRefused();
    void presenceListsOthers();
    void readOnlyRole();
    void lostConnectionRefusesThenCatchesUp();
    void changeLogReplaysToTheDatabase();
    void publishedProjectStaysInTheLog();

    void tenDriversAtOnce();
    void simultaneousRenameHasOneWinner();
    void killedInsideTransactionLeavesNothing();
    void restartLosesNoAcceptedEdit();

private:
    QString url(const QString &project) const { return m_cluster.url(QStringLiteral("live"), project); }
    // A document with TeamSync open on `project`.
    struct Editor
    {
        Workplan::ProjectDocument doc;
        Workplan::TeamSync sync{&doc};
    };
    std::unique_ptr<Editor> open(const QString &project, const QString &user);
    Workplan::Project replayLog(const QString &project, qint64 upTo = -1);
    Workplan::Project fetch(const QString &project);
    QProcess *startDriver(const QStringList &args);
    void runDrivers(const QString &project, int clients, int edits, bool restart);
    void checkRun(const QString &project, const QStringList &clients, bool connectionRefusalsAllowed);
    qint64 count(const QString &sql, const QVariantList &values = {})
    {
        return m_cluster.scalar(QStringLiteral("live"), sql, values).toLongLong();
    }

    WorkplanTest::PgCluster m_cluster;
    QTemporaryDir m_dir;
    QList<QProcess *> m_processes;
};

