// pgdriver: one headless editor of a team project, for tst_pglive (issue #22 item 6).
//
// It opens the URL through the real storage, ProjectDocument and TeamSync, then makes
// random edits the way the editor's views do (commands pushed on the document's undo
// stack, undo and redo through TeamSync), a quarter of them on the 20 "hot" tasks
// t0000..t0019, and writes one JSON line per edit to --log: accepted (with the change
// id) or refused (with the message). When --finish-file appears it catches up, writes the
// project it ends with to --out as JSON and exits.
//
//   pgdriver URL --name c3 --edits 300 --seed 7 --log c3.jsonl --out c3.json
//            --finish-file done [--delay-ms 30] [--pause-at N]
//   pgdriver URL --name a --set-title t0005 "From a" --start-file go --log a.jsonl
//
// --pause-at N: the N-th edit stops inside its transaction, after every statement and
// before COMMIT, prints "PAUSED <change id>" and waits to be killed.

#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"
#include "model/storage/postgres/teamsync.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>
#include <QUndoStack>

#include <cstdio>

using namespace Workplan;

namespace {

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Links only go from a later task to an earlier one in this order, so no client can close
// a loop whatever the others do: generated tasks tNNNN by number, added ones after them.
qint64 rank(const QString &id)
{
    if (id.startsWith(u't'))
        return id.mid(1).toLongLong();
    const qsizetype n = id.indexOf(QLatin1String("-n"));
    if (n > 0)
        return 100000 + id.mid(n + 2).toLongLong() * 64 + id.mid(1, n - 1).toLongLong();
    return -1;   // summaries take no links
}

class Driver
{
public:
    Driver(ProjectDocument &doc, TeamSync &sync, const QString &name, quint32 seed, QFile &log)
        : m_doc(doc), m_sync(sync), m_name(name), m_random(seed), m_log(log)
    {
        QObject::connect(&sync, &TeamSync::committed, [this](qint64 id, const QStringList &ids) {
            m_changeId = id;
            m_ids = ids;
        });
        QObject::connect(&sync, &TeamSync::conflict, [this](const QString &message) { m_refusal = message; });
    }

    void edit(int seq)
    {
        m_changeId = 0;
        m_refusal.clear();
        QString action;
        QString task;
        const Project &p = m_doc.project();
        const bool hot = m_random.bounded(4) == 0;
        const int roll = m_random.bounded(100);
        if (roll < 5 && m_doc.undoStack()->canUndo()) {
            action = QStringLiteral("undo");
            m_sync.undo();
        } else if (roll < 9 && m_doc.undoStack()->canRedo()) {
            action = QStringLiteral("redo");
            m_sync.redo();
        } else if (roll < 19 && !hot) {
            action = QStringLiteral("add");
            Task t;
            t.id = QStringLiteral("%1-n%2").arg(m_name).arg(seq);
            t.type = QStringLiteral("specialist_task");
            t.attributes.insert(QStringLiteral("title"), QStringLiteral("Added by %1 #%2").arg(m_name).arg(seq));
            if (m_random.bounded(2)) {
                const QString parent = QStringLiteral("s%1").arg(m_random.bounded(100), 3, 10, QLatin1Char('0'));
                if (p.contains(parent))
                    t.parentId = parent;
            }
            task = t.id;
            push(new AddTasksCommand(&m_doc, {t}, int(m_random.bounded(p.taskCount() + 1))));
        } else if (roll < 25 && !hot) {
            action = QStringLiteral("delete");
            task = pickLeaf(false, true);
            if (!task.isEmpty())
                push(new RemoveTasksCommand(&m_doc, {task}));
        } else if (roll < 37) {
            action = QStringLiteral("link");
            task = pickLeaf(hot, false);
            const QString prereq = pickLeaf(false, false);
            if (!task.isEmpty() && !prereq.isEmpty()) {
                QString owner = task, before = prereq;
                if (rank(owner) < rank(before))
                    std::swap(owner, before);
                task = owner;
                Dependency d;
                d.taskId = before;
                if (rank(owner) != rank(before) && m_doc.dependencyProblem(owner, before, d.type).isEmpty())
                    push(DependencyCommand::add(&m_doc, owner, d));
            }
        } else if (roll < 44) {
            action = QStringLiteral("unlink");
            task = pickLeaf(hot, false);
            if (!task.isEmpty() && !p.find(task)->dependencies.isEmpty()) {
                const QList<Dependency> &deps = p.find(task)->dependencies;
                push(DependencyCommand::remove(&m_doc, DependencyKey::of(task, deps.at(int(m_random.bounded(deps.size()))))));
            }
        } else if (roll < 60) {
            action = QStringLiteral("status");
            task = pickLeaf(hot, false);
            static const Status statuses[] = {Status::Draft, Status::Active, Status::Completed, Status::Blocked};
            if (!task.isEmpty())
                push(ChangeTaskCommand::setStatus(&m_doc, task, statuses[m_random.bounded(4)]));
        } else if (roll < 72) {
            action = QStringLiteral("attribute");
            task = pickLeaf(hot, false);
            if (!task.isEmpty())
                push(ChangeTaskCommand::setAttribute(&m_doc, task, QStringLiteral("note"),
                                                     QStringLiteral("%1 #%2").arg(m_name).arg(seq)));
        } else {
            action = QStringLiteral("title");
            task = pickLeaf(hot, false);
            if (!task.isEmpty())
                push(ChangeTaskCommand::setAttribute(&m_doc, task, QStringLiteral("title"),
                                                     QStringLiteral("Title by %1 #%2").arg(m_name).arg(seq)));
        }
        write(seq, action, task);
    }

    void push(QUndoCommand *command) { m_doc.undoStack()->push(command); }

    void write(int seq, const QString &action, const QString &task)
    {
        QJsonObject line{{QStringLiteral("client"), m_name}, {QStringLiteral("client_id"), m_sync.clientId()},
                         {QStringLiteral("seq"), seq}, {QStringLiteral("action"), action}, {QStringLiteral("task"), task}};
        if (m_changeId) {
            line.insert(QStringLiteral("result"), QStringLiteral("accepted"));
            line.insert(QStringLiteral("change"), QString::number(m_changeId));
            line.insert(QStringLiteral("ids"), QJsonArray::fromStringList(m_ids));
        } else if (!m_refusal.isEmpty()) {
            line.insert(QStringLiteral("result"), QStringLiteral("refused"));
            line.insert(QStringLiteral("message"), m_refusal);
        } else {
            line.insert(QStringLiteral("result"), QStringLiteral("nothing"));
        }
        m_log.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
        m_log.flush();
    }

private:
    // A task without children; `hot`: one of t0000..t0019; `deletable`: not hot and
    // nobody's prerequisite, so a delete is an ordinary one.
    QString pickLeaf(bool hot, bool deletable)
    {
        const Project &p = m_doc.project();
        for (int attempt = 0; attempt < 50; ++attempt) {
            const QString id = hot ? QStringLiteral("t%1").arg(m_random.bounded(20), 4, 10, QLatin1Char('0'))
                                   : p.task(int(m_random.bounded(p.taskCount()))).id;
            if (!p.contains(id) || m_doc.isSummary(id) || rank(id) < 0)
                continue;
            if (deletable && rank(id) < 20)
                continue;
            return id;
        }
        return QString();
    }

    ProjectDocument &m_doc;
    TeamSync &m_sync;
    QString m_name;
    QRandomGenerator m_random;
    QFile &m_log;
    qint64 m_changeId = 0;
    QStringList m_ids;
    QString m_refusal;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("postgresql://..."));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("editor name"), QStringLiteral("name"));
    const QCommandLineOption edits(QStringLiteral("edits"), QStringLiteral("number of edits"), QStringLiteral("n"), QStringLiteral("300"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption log(QStringLiteral("log"), QStringLiteral("JSON lines"), QStringLiteral("file"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("final project"), QStringLiteral("file"));
    const QCommandLineOption finish(QStringLiteral("finish-file"), QStringLiteral("exit once it exists"), QStringLiteral("file"));
    const QCommandLineOption delay(QStringLiteral("delay-ms"), QStringLiteral("max pause"), QStringLiteral("ms"), QStringLiteral("30"));
    const QCommandLineOption pauseAt(QStringLiteral("pause-at"), QStringLiteral("pause in this edit's transaction"), QStringLiteral("n"), QStringLiteral("-1"));
    const QCommandLineOption setTitle(QStringLiteral("set-title"), QStringLiteral("one scripted rename"), QStringLiteral("task"));
    const QCommandLineOption startFile(QStringLiteral("start-file"), QStringLiteral("start once it exists"), QStringLiteral("file"));
    parser.addOptions({name, edits, seed, log, out, finish, delay, pauseAt, setTitle, startFile});
    parser.process(app);
    if (parser.positionalArguments().size() < 1)
        return 2;

    ProjectDocument doc;
    TeamSync sync(&doc);
    sync.setUserName(parser.value(name));
    sync.setHeartbeatInterval(1000);
    sync.setReconnectInterval(200);
    QString error;
    if (!sync.open(parser.positionalArguments().first(), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    QFile logFile(parser.value(log));
    if (!logFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 2;
    Driver driver(doc, sync, parser.value(name), parser.value(seed).toUInt(), logFile);
    std::printf("OPEN\n");
    std::fflush(stdout);

    const int pause = parser.value(pauseAt).toInt();
    auto waitFor = [&](const QString &file) {
        while (!file.isEmpty() && !QFile::exists(file))
            wait(10);
    };
    if (parser.isSet(setTitle)) {
        // No event loop while waiting: neither editor may see the other's change first.
        while (!QFile::exists(parser.value(startFile)))
            QThread::msleep(1);
        const QString task = parser.value(setTitle);
        driver.push(ChangeTaskCommand::setAttribute(&doc, task, QStringLiteral("title"),
                                                    parser.positionalArguments().value(1)));
        driver.write(0, QStringLiteral("title"), task);
        return 0;
    }

    const int n = parser.value(edits).toInt();
    const int maxDelay = parser.value(delay).toInt();
    QRandomGenerator pauses(parser.value(seed).toUInt() + 1000);
    for (int i = 0; i < n; ++i) {
        if (i == pause) {
            sync.setBeforeCommitHook([](qint64 changeId, const QStringList &) {
                std::printf("PAUSED %lld\n", changeId);
                std::fflush(stdout);
                for (;;)
                    QThread::sleep(1);
            });
        }
        // Others' changes arrive while this editor "thinks".
        wait(int(pauses.bounded(maxDelay + 1)));
        driver.edit(i);
    }
    std::printf("DONE\n");
    std::fflush(stdout);
    waitFor(parser.value(finish));
    // Everything the others did, then the project as this editor has it.
    for (int i = 0; i < 100 && !sync.isConnected(); ++i)
        wait(100);
    sync.catchUp();
    if (parser.isSet(out)) {
        QFile f(parser.value(out));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 2;
        f.write(JsonFormat::write(doc.project()));
    }
    sync.close();
    return 0;
}
