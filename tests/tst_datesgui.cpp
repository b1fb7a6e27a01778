// Issue #17 in the editor: Project ▸ Properties sets the start, working days and holidays
// through real widgets and one undo step; the analysis panel's Deadlines and Team sections
// and its summary follow at once.
#include "model/commands/structurecommands.h"
#include "model/projectdocument.h"
#include "views/analysiscontroller.h"
#include "views/analysispanel.h"
#include "views/inspector.h"
#include "views/inspectordatefield.h"
#include "views/projectpropertiesdialog.h"
#include "views/tasktreemodel.h"
#include "views/taskselection.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyleOptionGroupBox>
#include <QAbstractItemModelTester>
#include <QTreeWidgetItem>
#include <QUndoStack>
#include <QtTest>

#include "testsupport.h"
#include "testwidgets.h"

using namespace Workplan;
using Section = AnalysisPanel::Section;

namespace {

// Clicks the check box in a checkable group box's title, where a person would.
void clickTitleCheck(QGroupBox *box)
{
    QStyleOptionGroupBox option;
    option.initFrom(box);
    option.subControls = QStyle::SC_GroupBoxCheckBox;
    option.text = box->title();
    option.lineWidth = 1;
    option.features = QStyleOptionFrame::None;
    const QRect r = box->style()->subControlRect(QStyle::CC_GroupBox, &option, QStyle::SC_GroupBoxCheckBox, box);
    QTest::mouseClick(box, Qt::LeftButton, {}, r.center());
}

// Types each section of a date/time edit as a person tabs through them ("2025", "06", ...).
void typeDate(QDateTimeEdit *edit, const QStringList &sections)
{
    edit->setFocus();
    for (int i = 0; i < sections.size(); ++i) {
        edit->setSelectedSection(edit->sectionAt(i));
        QTest::keyClicks(edit, sections.at(i));
    }
    // No Enter: in a dialog it would press the default button.
}

struct Window
{
    ProjectDocument doc;
    std::unique_ptr<AnalysisController> analysis;
    TaskSelection selection;
    std::unique_ptr<AnalysisPanel> panel;

    explicit Window(const char *example)
    {
        doc.resetProject(WorkplanTest::loadExample(example));
        analysis = std::make_unique<AnalysisController>(&doc);
        panel = std::make_unique<AnalysisPanel>(analysis.get(), &selection, &doc);
        panel->resize(900, 700);
        panel->show();
        analysis->refreshNow();
    }
    QString summary() const { return panel->findChild<QLabel *>(QStringLiteral("analysisSummary"))->text(); }
};

} // namespace

class TestDatesGui : public QObject
{
    Q_OBJECT
private slots:
    void startAndHolidayThroughTheDialog();
    void dayPastMidnightIsRefused();
    void deadlineThroughInspectorReachesPanelAndTree();
};

void TestDatesGui::startAndHolidayThroughTheDialog()
{
    Window w("release-pipeline");   // its release has target_date 2025-07-01
    QVERIFY(w.panel->sectionItem(Section::Deadlines)->isHidden());   // no start: no dates
    QVERIFY(!w.summary().contains(QLatin1String("Finish")));

    ProjectPropertiesDialog dialog(&w.doc);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.datesBox()->isChecked());
    clickTitleCheck(dialog.datesBox());
    QVERIFY(dialog.datesBox()->isChecked());
    typeDate(dialog.startEdit(), {QStringLiteral("2025"), QStringLiteral("06"), QStringLiteral("02"), QStringLiteral("09"), QStringLiteral("00")});
    QCOMPARE(dialog.startEdit()->dateTime(), QDateTime(QDate(2025, 6, 2), QTime(9, 0)));
    QTest::mouseClick(dialog.weekdayBox(4), Qt::LeftButton);   // Friday off
    QVERIFY(!dialog.weekdayBox(4)->isChecked());
    typeDate(dialog.holidayEdit(), {QStringLiteral("2025"), QStringLiteral("06"), QStringLiteral("09")});
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addHoliday")), Qt::LeftButton);
    QCOMPARE(dialog.holidayList()->count(), 1);
    QVERIFY(dialog.problem().isEmpty());
    const int commands = w.doc.undoStack()->count();
    QVERIFY(dialog.apply());
    QCOMPARE(w.doc.undoStack()->count(), commands + 1);

    const Project &p = w.doc.project();
    QCOMPARE(p.projectExtra.value(QLatin1String("start")).toString(), QStringLiteral("2025-06-02"));
    QCOMPARE(p.calendarExtra.value(QLatin1String("holidays")).toArray(), QJsonArray{QStringLiteral("2025-06-09")});
    QCOMPARE(p.calendarExtra.value(QLatin1String("working_days")).toArray(),
             (QJsonArray{QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"), QStringLiteral("thu")}));

    // The analysis follows: a finish date in the summary, the release's target in Deadlines.
    w.analysis->refreshNow();
    QTRY_VERIFY(w.summary().contains(QLatin1String("Finish 2025-")));
    QVERIFY(!w.panel->sectionItem(Section::Deadlines)->isHidden());
    QVERIFY(w.panel->sectionIds(Section::Deadlines).contains(QStringLiteral("release_2.4.0")));

    // One undo step takes all of it back.
    w.doc.undoStack()->undo();
    QVERIFY(!w.doc.project().projectExtra.contains(QLatin1String("start")));
    QVERIFY(w.doc.project().calendarExtra.isEmpty());
    w.analysis->refreshNow();
    QTRY_VERIFY(w.panel->sectionItem(Section::Deadlines)->isHidden());
}

void TestDatesGui::dayPastMidnightIsRefused()
{
    Window w("feature-development");
    ProjectPropertiesDialog dialog(&w.doc);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    clickTitleCheck(dialog.datesBox());
    typeDate(dialog.dayStartEdit(), {QStringLiteral("20"), QStringLiteral("00")});
    QCOMPARE(dialog.dayStartEdit()->time(), QTime(20, 0));
    QVERIFY2(dialog.problem().contains(QLatin1String("midnight")), qPrintable(dialog.problem()));
    // OK says why and keeps the dialog open; nothing reaches the document.
    WorkplanTest::MessageBoxAnswer answer(QMessageBox::Ok);
    QTest::keyClick(dialog.dayStartEdit(), Qt::Key_Enter);
    QTRY_VERIFY(answer.seen);
    QVERIFY(answer.text.contains(QLatin1String("midnight")));
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.apply());
    QCOMPARE(w.doc.undoStack()->count(), 0);
}

// A deadline typed into the inspector's date field (real key events) is one undo step; the
// analysis panel then lists that task first, late, and the tree's margin turns red.
void TestDatesGui::deadlineThroughInspectorReachesPanelAndTree()
{
    Window w("release-pipeline");
    ProjectProperties dated = ProjectProperties::of(w.doc.project());
    dated.projectExtra.insert(QStringLiteral("start"), QStringLiteral("2025-06-02"));
    w.doc.undoStack()->push(new ProjectPropertiesCommand(&w.doc, dated));
    TaskTreeModel tree(&w.doc, w.analysis.get());
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Inspector inspector(&w.doc, &w.selection);
    inspector.setAnalysis(w.analysis.get());
    inspector.resize(500, 900);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    const QString id = QStringLiteral("deploy_staging_2.4.0");
    w.selection.select(id);

    const int before = w.doc.undoStack()->count();
    InspectorDateField *field = inspector.deadlineField();
    QTest::mouseClick(field->setBox(), Qt::LeftButton);
    QVERIFY(field->setBox()->isChecked());
    typeDate(field->edit(), {QStringLiteral("2025"), QStringLiteral("06"), QStringLiteral("02"),
                             QStringLiteral("10"), QStringLiteral("00")});
    QTest::keyClick(field->edit(), Qt::Key_Return);   // the inspector is no dialog
    QCOMPARE(w.doc.undoStack()->count(), before + 1);
    QCOMPARE(w.doc.project().find(id)->attributes.value(QLatin1String("deadline")).toString(),
             QStringLiteral("2025-06-02T10:00"));

    w.analysis->refreshNow();
    QTRY_VERIFY(!w.panel->sectionIds(Section::Deadlines).isEmpty());
    QCOMPARE(w.panel->sectionIds(Section::Deadlines).first(), id);   // late ones first
    const QModelIndex margin = tree.indexOf(id, TaskTreeModel::MarginColumn);
    QVERIFY(margin.data().toString().contains(QLatin1String("late")));
    QCOMPARE(margin.data(Qt::ForegroundRole).value<QBrush>().color().red() > 150, true);

    w.doc.undoStack()->undo();
    QVERIFY(!w.doc.project().find(id)->attributes.contains(QLatin1String("deadline")));
    w.analysis->refreshNow();
    QTRY_VERIFY(!w.panel->sectionIds(Section::Deadlines).contains(id));
}

QTEST_MAIN(TestDatesGui)
#include "tst_datesgui.moc"
