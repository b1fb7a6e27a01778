// The assembled window: files, the modified mark, a bad file, recovery, templates, the palette.
#include "model/commands/changetaskcommand.h"
#include "model/projectdocument.h"
#include "model/storage/projectfile.h"
#include "model/commands/structurecommands.h"
#include "model/storage/filesafety.h"
#include "views/autosaver.h"
#include "views/mainwindow.h"

#include "testsupport.h"
#include "testwidgets.h"
#include "views/palettewidget.h"
#include "views/recentfiles.h"
#include "views/taskfactory.h"
#include "views/taskselection.h"
#include "views/tasktreemodel.h"
#include "views/tasktreewidget.h"
#include "views/templatedialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

using namespace Workplan;
using WorkplanTest::MessageBoxAnswer;

namespace {

// A writable copy: opening takes a lock file beside the project (issue #8), and the shared
// examples folder is no place for one while several test runs use it.
QTemporaryDir exampleDir;
const QString kExample = exampleDir.filePath(QStringLiteral("feature-development.json"));


} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void openAndModifiedMark();
    void badFileKeepsProject();
    void saveAndRecent();
    void closeAsksWhenModified();
    void autosaveRecovery();
    void recoveryOfFileOpenElsewhere();
    void templates();
    void paletteDropOnTree();
    void refusedDropReported();
    void undoRedoActions();
    void newProjectTakesTheFileName();
};

void TestMainWindow::initTestCase()
{
    WorkplanTest::isolateSettings("tst_mainwindow");
    QDir(Autosaver::recoveryDirectory()).removeRecursively();
    QVERIFY(QFile::copy(WorkplanTest::testData(QStringLiteral("examples/feature-development.json")), kExample));
    QVERIFY(QFile::setPermissions(kExample, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
}

void TestMainWindow::openAndModifiedMark()
{
    MainWindow w;
    w.show();
    QVERIFY(w.openFile(kExample));
    QVERIFY(w.windowTitle().startsWith(QLatin1String("feature-development.json[*]")));
    QVERIFY(!w.isWindowModified());
    w.document()->undoStack()->push(ChangeTaskCommand::setStatus(w.document(), QStringLiteral("feature_chat_ui"),
                                                                 Status::Active));
    QVERIFY(w.isWindowModified());
    w.document()->undoStack()->undo();
    QVERIFY(!w.isWindowModified());
    QCOMPARE(w.taskTree()->model()->rowCount(), 1);
}

void TestMainWindow::badFileKeepsProject()
{
    MainWindow w;
    w.show();
    QVERIFY(w.openFile(kExample));
    w.document()->undoStack()->push(ChangeTaskCommand::setStatus(w.document(), QStringLiteral("feature_chat_ui"),
                                                                 Status::Active));
    const Project before = w.document()->project();
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("broken.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"tasks\": [{\"task_id\": \"a\"}]}");
    f.close();

    MessageBoxAnswer answer(QMessageBox::Ok);
    QVERIFY(!w.openFile(bad));
    QVERIFY(answer.seen);
    QVERIFY2(answer.text.contains(QLatin1String("broken.json")), qPrintable(answer.text));
    QVERIFY(w.statusBar()->currentMessage().contains(QLatin1String("broken.json")));
    QVERIFY(w.document()->project() == before);
    QCOMPARE(w.document()->filePath(), kExample);
    QVERIFY(w.isWindowModified());
    QCOMPARE(w.document()->undoStack()->count(), 1);
}

void TestMainWindow::saveAndRecent()
{
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    w.document()->undoStack()->push(ChangeTaskCommand::setAttribute(w.document(), QStringLiteral("feature_chat_ui"),
                                                                    QStringLiteral("title"), QStringLiteral("UI")));
    const QString out = dir.filePath(QStringLiteral("saved.json"));
    QVERIFY(w.saveTo(out));
    QVERIFY(!w.isWindowModified());
    QVERIFY(w.windowTitle().startsWith(QLatin1String("saved.json")));
    QCOMPARE(RecentFiles::instance()->entries().first(), QFileInfo(out).absoluteFilePath());

    MainWindow again;
    {
        // `w` holds the file's lock: a second window is asked and opens it read-only.
        MessageBoxAnswer readOnly(QMessageBox::Open);
        QVERIFY(again.openFile(out));
        QVERIFY(readOnly.seen);
        QVERIFY(again.isReadOnly());
    }
    QVERIFY(again.document()->project() == w.document()->project());
    // Export leaves the document's own file alone.
    const QString exported = dir.filePath(QStringLiteral("exported.json"));
    QVERIFY(again.exportJson(exported));
    QCOMPARE(again.document()->filePath(), out);
    QVERIFY(QFile::exists(exported));
    QVERIFY(again.importJson(exported));
    QVERIFY(again.document()->filePath().isEmpty());
    QVERIFY(again.document()->project() == w.document()->project());

    // A save that fails (.workplan until the SQLite format lands, or any error) says why
    // and leaves the document as it was.
    w.document()->undoStack()->push(ChangeTaskCommand::setStatus(w.document(), QStringLiteral("feature_chat_ui"),
                                                                 Status::Active));
    const QString failing = dir.filePath(QStringLiteral("no/such/dir/out.json"));
    {
        MessageBoxAnswer ok(QMessageBox::Ok);
        QVERIFY(!w.saveTo(failing));
        QVERIFY(ok.seen);
        QVERIFY(!ok.text.isEmpty());
    }
    QVERIFY(w.isWindowModified());
    QCOMPARE(w.document()->filePath(), QFileInfo(dir.filePath(QStringLiteral("saved.json"))).filePath());

    for (int i = 0; i < 10; ++i) {
        const QString p = dir.filePath(QStringLiteral("copy%1.json").arg(i));
        QVERIFY(w.saveTo(p));
    }
    QCOMPARE(RecentFiles::instance()->entries().size(), 8);
}

void TestMainWindow::closeAsksWhenModified()
{
    MainWindow w;
    w.show();
    QVERIFY(w.openFile(kExample));
    w.document()->undoStack()->push(ChangeTaskCommand::setStatus(w.document(), QStringLiteral("feature_chat_ui"),
                                                                 Status::Active));
    {
        MessageBoxAnswer cancel(QMessageBox::Cancel);
        QVERIFY(!w.close());
        QVERIFY(cancel.seen);
        QVERIFY(w.isVisible());
    }
    MessageBoxAnswer discard(QMessageBox::Discard);
    QVERIFY(w.close());
    QVERIFY(discard.seen);
}

// A session that dies with an unsaved title edit to kExample, leaving its copy behind.
void leaveRecovery(const QString &title)
{
    {
        MainWindow crashed;
        QVERIFY(crashed.openFile(kExample));
        crashed.document()->undoStack()->push(ChangeTaskCommand::setAttribute(
            crashed.document(), QStringLiteral("feature_chat_ui"), QStringLiteral("title"), title));
        QVERIFY(crashed.autosaver()->saveNow());
    }
    QCOMPARE(Autosaver::pendingRecoveries().size(), 1);
}

// Accepts the recovery offer in `w`; the edit must come back.
void recover(MainWindow &w, const QString &title)
{
    w.show();
    MessageBoxAnswer yes(QMessageBox::Yes);
    w.offerRecovery();
    QVERIFY(yes.seen);
    QCOMPARE(w.document()->project().find(QStringLiteral("feature_chat_ui"))->title(), title);
}

void TestMainWindow::autosaveRecovery()
{
    QString recovery;
    {
        MainWindow w;
        QVERIFY(w.openFile(kExample));
        w.autosaver()->setInterval(30);
        w.document()->undoStack()->push(ChangeTaskCommand::setAttribute(
            w.document(), QStringLiteral("feature_chat_ui"), QStringLiteral("title"), QStringLiteral("Recovered")));
        recovery = w.autosaver()->recoveryPath();
        QTRY_VERIFY(QFile::exists(recovery));
        QCOMPARE(Autosaver::sourceOf(recovery), kExample);
        // Undo back to the saved state: the copy goes.
        w.document()->undoStack()->undo();
        QVERIFY(!QFile::exists(recovery));
        w.document()->undoStack()->redo();
        QTRY_VERIFY(QFile::exists(recovery));
        w.autosaver()->setInterval(60 * 60 * 1000);
        w.document()->undoStack()->clear();
        w.document()->markSaved();
    }
    QVERIFY(!QFile::exists(recovery));
    // A session that dies with unsaved work leaves its copy behind.
    leaveRecovery(QStringLiteral("Recovered"));
    QVERIFY(QFile::exists(recovery));

    MainWindow next;
    recover(next, QStringLiteral("Recovered"));
    QCOMPARE(next.document()->filePath(), kExample);
    QVERIFY(next.isWindowModified());
    QVERIFY(Autosaver::pendingRecoveries().isEmpty());
    // The recovered project holds its file's lock at once, not only from its first save.
    QVERIFY(!next.isReadOnly());
    {
        FileAccess other(kExample);
        QCOMPARE(other.acquire(), FileAccess::Outcome::HeldElsewhere);
    }
    next.document()->undoStack()->clear();
    next.document()->markSaved();
}

// Recovering while another Workplan has the file open brings the work back read-only.
void TestMainWindow::recoveryOfFileOpenElsewhere()
{
    leaveRecovery(QStringLiteral("Kept"));
    FileAccess elsewhere(kExample);
    QCOMPARE(elsewhere.acquire(), FileAccess::Outcome::Editable);

    MainWindow next;
    recover(next, QStringLiteral("Kept"));
    QVERIFY(next.isWindowModified());
    QVERIFY(next.isReadOnly());
    QVERIFY(next.windowTitle().contains(QLatin1String("read-only")));
    next.document()->undoStack()->clear();
    next.document()->markSaved();
}

void TestMainWindow::templates()
{
    const QList<Templates::Template> all = builtInTemplates();
    QCOMPARE(all.size(), 6);
    for (const Templates::Template &t : all) {
        TemplateDialog dialog(t);
        QCOMPARE(dialog.values().size(), t.parameters.size());
        QString error;
        QVERIFY2(Templates::instantiate(t, dialog.values(), &error), qPrintable(error));
    }
    TemplateDialog dialog(all.at(3));   // release pipeline
    QLineEdit *version = dialog.editFor(QStringLiteral("version"));
    QVERIFY(version);
    version->selectAll();
    QTest::keyClicks(version, QStringLiteral("9.9.9"));
    QString error;
    const auto p = Templates::instantiate(all.at(3), dialog.values(), &error);
    QVERIFY(p);
    QVERIFY(p->contains(QStringLiteral("release_9.9.9")));
}

void TestMainWindow::paletteDropOnTree()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    PaletteWidget *palette = w.palette();
    QCOMPARE(palette->count(), 10);
    QCOMPARE(palette->model()->supportedDragActions(), Qt::DropActions(Qt::CopyAction));
    const int row = int(PaletteWidget::paletteTypes().indexOf(QStringLiteral("milestone")));
    std::unique_ptr<QMimeData> mime(palette->model()->mimeData({palette->model()->index(row, 0)}));
    QVERIFY(mime);
    QCOMPARE(mime->data(TaskFactory::taskTypeMimeType()), QByteArrayLiteral("milestone"));
    TaskTreeModel *model = w.taskTree()->model();
    const QModelIndex epic = model->indexOf(QStringLiteral("epic_real_time_chat"));
    QVERIFY(model->dropMimeData(mime.get(), Qt::CopyAction, -1, -1, epic));
    const QString id = w.selection()->currentId();
    QVERIFY(w.document()->project().contains(id));
    QCOMPARE(w.document()->project().find(id)->type, QStringLiteral("milestone"));
    QCOMPARE(w.document()->project().find(id)->title(), QStringLiteral("New Milestone"));
    QVERIFY(w.isWindowModified());
}

void TestMainWindow::refusedDropReported()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    QMimeData mime;
    mime.setData(TaskFactory::taskIdsMimeType(), QByteArrayLiteral("feature_message_system"));
    TaskTreeModel *model = w.taskTree()->model();
    QVERIFY(!model->dropMimeData(&mime, Qt::MoveAction, -1, -1, model->indexOf(QStringLiteral("impl_websocket_server"))));
    QVERIFY(w.statusBar()->currentMessage().contains(QLatin1String("subtree")));
}

void TestMainWindow::undoRedoActions()
{
    MainWindow w;
    QVERIFY(w.openFile(kExample));
    QAction *undo = nullptr;
    QAction *redo = nullptr;
    for (QAction *a : w.findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(QKeySequence::Undo))
            undo = a;
        if (a->shortcut() == QKeySequence(QKeySequence::Redo))
            redo = a;
    }
    QVERIFY(undo && redo);
    QVERIFY(!undo->isEnabled());
    w.document()->undoStack()->push(ChangeTaskCommand::setStatus(w.document(), QStringLiteral("feature_chat_ui"),
                                                                 Status::Active));
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QCOMPARE(int(w.document()->project().find(QStringLiteral("feature_chat_ui"))->status), int(Status::Draft));
    redo->trigger();
    QCOMPARE(int(w.document()->project().find(QStringLiteral("feature_chat_ui"))->status), int(Status::Active));
    w.document()->undoStack()->clear();
    w.document()->markSaved();
}

// A new project saved as payments.workplan is named "payments" (one undo step before the
// save); a project the user named keeps its name.
void TestMainWindow::newProjectTakesTheFileName()
{
    QTemporaryDir dir;
    MainWindow w;
    QAction *newAction = nullptr;
    for (QAction *a : w.findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(QKeySequence::New))
            newAction = a;
    }
    QVERIFY(newAction);
    newAction->trigger();
    QCOMPARE(w.document()->project().name, QStringLiteral("Untitled"));
    const QString path = dir.filePath(QStringLiteral("payments.workplan"));
    QVERIFY(w.saveTo(path));
    QCOMPARE(w.document()->project().name, QStringLiteral("payments"));
    QVERIFY(!w.isWindowModified());
    QString error;
    const auto saved = ProjectFile::load(path, &error);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(saved->name, QStringLiteral("payments"));

    MainWindow named;
    for (QAction *a : named.findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(QKeySequence::New))
            a->trigger();
    }
    ProjectProperties p = ProjectProperties::of(named.document()->project());
    p.name = QStringLiteral("Quarterly billing");
    named.document()->undoStack()->push(new ProjectPropertiesCommand(named.document(), p));
    QVERIFY(named.saveTo(dir.filePath(QStringLiteral("other.workplan"))));
    QCOMPARE(named.document()->project().name, QStringLiteral("Quarterly billing"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
