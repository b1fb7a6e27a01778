// Issue #9, desktop integration and the first hour: the welcome page, Help ▸ Keyboard
// Shortcuts and About, Project ▸ Properties, the dark palette, accessible names.
#include "testsupport.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/autosaver.h"
#include "views/graph/graphscene.h"
#include "views/graph/graphview.h"
#include "views/inspector.h"
#include "views/mainwindow.h"
#include "views/projectpropertiesdialog.h"
#include "views/shortcutsdialog.h"
#include "views/tasktreewidget.h"
#include "views/welcomepage.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPalette>
#include <QStandardPaths>
#include <QTableWidget>
#include <QUndoStack>
#include <QtTest>

using namespace Workplan;

namespace {

double makespan(AnalysisController *analysis)
{
    analysis->refreshNow();
    const auto result = analysis->result();
    return result ? result->analysis.makespanHours : -1;
}

void typeInto(QDoubleSpinBox *spin, const QString &text)
{
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, text);
    QTest::keyClick(spin, Qt::Key_Enter);
}

} // namespace

class TestDesktop : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void welcomePageUntilAProjectIsOpen();
    void samplesAreCompiledIn();
    void shortcutsListEveryShortcut();
    void propertiesDialogIsUndoableAndReanalyses();
    void propertiesDialogUnchangedPushesNothing();
    void darkPaletteDarkensCanvas();
    void accessibleNames();
};

void TestDesktop::initTestCase()
{
    WorkplanTest::isolateSettings("tst_desktop");
    QDir(Autosaver::recoveryDirectory()).removeRecursively();
}

void TestDesktop::welcomePageUntilAProjectIsOpen()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    WelcomePage *welcome = w.welcomePage();
    QVERIFY(welcome);
    QVERIFY(welcome->isVisible());
    // It covers the canvas and keeps covering it when the window changes size.
    QCOMPARE(welcome->geometry(), w.centralWidget()->rect());
    w.resize(1000, 700);
    QTRY_COMPARE(welcome->geometry(), w.centralWidget()->rect());

    // Opening a sample from the list opens it untitled and ends the welcome.
    QListWidget *samples = welcome->sampleList();
    QVERIFY(samples->count() >= 6);
    emit samples->itemActivated(samples->item(0));
    QVERIFY(!welcome->isVisible());
    QVERIFY(w.document()->project().taskCount() > 0);
    QVERIFY(w.document()->filePath().isEmpty());
    // The canvas gets its scroll bars back.
    auto *canvas = qobject_cast<QAbstractScrollArea *>(w.centralWidget());
    QVERIFY(canvas);
    QVERIFY(canvas->horizontalScrollBarPolicy() != Qt::ScrollBarAlwaysOff);
}

void TestDesktop::samplesAreCompiledIn()
{
    const QStringList paths = WelcomePage::samplePaths();
    QVERIFY(paths.contains(QStringLiteral(":/samples/feature-development.json")));
    QCOMPARE(paths.size(), QDir(QStringLiteral(WORKPLAN_SOURCE_DIR "/samples"))
                               .entryList({QStringLiteral("*.json")}, QDir::Files).size());
    QVERIFY(QFile::exists(QStringLiteral(":/icons/workplan.svg")));
}

void TestDesktop::shortcutsListEveryShortcut()
{
    MainWindow w;
    ShortcutsDialog dialog(&w);
    QTableWidget *table = dialog.table();
    QStringList shown;
    for (int r = 0; r < table->rowCount(); ++r)
        shown << table->item(r, 2)->text();
    int withShortcut = 0;
    for (const QAction *a : w.findChildren<QAction *>()) {
        if (a->shortcut().isEmpty() || a->text().isEmpty())
            continue;
        ++withShortcut;
        // An action with two keys (Add Task: Insert and Ctrl+T) lists both in its row.
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        QVERIFY2(shown.contains(keys.join(QStringLiteral(", "))), qPrintable(a->text()));
    }
    QCOMPARE(table->rowCount(), withShortcut);
    // The help menu offers it, and About.
    QVERIFY(w.findChild<QAction *>(QStringLiteral("keyboardShortcutsAction")));
    QVERIFY(w.findChild<QAction *>(QStringLiteral("aboutAction")));
}

void TestDesktop::propertiesDialogIsUndoableAndReanalyses()
{
    MainWindow w;
    QVERIFY(w.importJson(QStringLiteral(":/samples/feature-development.json")));
    ProjectDocument *doc = w.document();
    QCOMPARE(doc->project().calendar.hoursPerDay, 8.0);
    const double before = makespan(w.analysis());
    QVERIFY(before > 0);
    const int commands = doc->undoStack()->count();

    ProjectPropertiesDialog dialog(doc, &w);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.hoursPerDaySpin()->value(), 8.0);
    typeInto(dialog.hoursPerDaySpin(), QStringLiteral("4"));
    QCOMPARE(dialog.hoursPerDaySpin()->value(), 4.0);
    QVERIFY(dialog.apply());

    QCOMPARE(doc->undoStack()->count(), commands + 1);
    QCOMPARE(doc->project().calendar.hoursPerDay, 4.0);
    QCOMPARE(doc->project().calendar.daysPerWeek, 5.0);
    // Efforts given in days and weeks take half the hours now.
    const double after = makespan(w.analysis());
    QVERIFY2(after > 0 && after < before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    QVERIFY(qAbs(after - before / 2) < before * 0.25);

    doc->undoStack()->undo();
    QCOMPARE(doc->project().calendar.hoursPerDay, 8.0);
    QCOMPARE(makespan(w.analysis()), before);
}

void TestDesktop::propertiesDialogUnchangedPushesNothing()
{
    ProjectDocument doc;
    Project p;
    p.name = QStringLiteral("Odd calendar");
    p.calendar.hoursPerDay = 7.333;    // more decimals than the spin box shows
    doc.resetProject(p);
    ProjectPropertiesDialog dialog(&doc);
    QVERIFY(!dialog.apply());
    QCOMPARE(doc.undoStack()->count(), 0);
    dialog.nameEdit()->setText(QStringLiteral("Renamed"));
    QVERIFY(dialog.apply());
    QCOMPARE(doc.project().name, QStringLiteral("Renamed"));
    QCOMPARE(doc.project().calendar.hoursPerDay, 7.333);
}

void TestDesktop::darkPaletteDarkensCanvas()
{
    const QPalette light = QApplication::palette();
    ProjectDocument doc;
    GraphScene existing(&doc, nullptr, nullptr);
    QVERIFY(existing.backgroundBrush().color().lightnessF() > 0.5);

    QPalette dark = light;
    dark.setColor(QPalette::Base, QColor(0x1e1e1e));
    dark.setColor(QPalette::Window, QColor(0x2b2b2b));
    dark.setColor(QPalette::Text, QColor(0xf0f0f0));
    dark.setColor(QPalette::WindowText, QColor(0xf0f0f0));
    QApplication::setPalette(dark);
    // A new scene starts dark, and an existing one follows the switch.
    GraphScene fresh(&doc, nullptr, nullptr);
    QVERIFY(fresh.backgroundBrush().color().lightnessF() < 0.2);
    QTRY_VERIFY(existing.backgroundBrush().color().lightnessF() < 0.2);

    QApplication::setPalette(light);
    QTRY_VERIFY(existing.backgroundBrush().color().lightnessF() > 0.5);
}

void TestDesktop::accessibleNames()
{
    MainWindow w;
    QVERIFY(!w.centralWidget()->accessibleName().isEmpty());
    QVERIFY(!w.taskTree()->accessibleName().isEmpty());
    QVERIFY(!w.inspector()->accessibleName().isEmpty());
    auto *panel = w.findChild<QWidget *>(QStringLiteral("analysisPanel"));
    QVERIFY(panel);
    QVERIFY(!panel->accessibleName().isEmpty());
    // Every editable inspector field has a name a screen reader can say.
    for (QWidget *field : w.inspector()->findChildren<QWidget *>()) {
        if (qobject_cast<QLineEdit *>(field) && field->parentWidget() == w.inspector())
            QVERIFY2(!field->accessibleName().isEmpty(), field->metaObject()->className());
    }
}

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
