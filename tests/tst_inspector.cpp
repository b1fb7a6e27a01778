// Edits made through the inspector's widgets land on the undo stack, and undo shows back.
#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/storage/json/jsonformat.h"
#include "views/inspectorattributetable.h"
#include "views/inspectordependencytable.h"
#include "views/inspector.h"
#include "views/inspectordatefield.h"
#include "views/inspectordemand.h"
#include "views/inspectorthreepoint.h"
#include "views/analysiscontroller.h"
#include "views/taskchoicemodel.h"
#include "views/taskselection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QAbstractItemModelTester>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace Workplan;

class TestInspector : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void showsSelection();
    void title();
    void description();
    void type();
    void status();
    void lifecycle();
    void effort();
    void unreadableEffort();
    void threePointEstimate();
    void attributes();
    void dependencies();
    void retargetThroughCombo();
    void taskChoices();
    void showsTeamDemand();
    void ownDemandThroughEditor();
    void summaryDemandIsInherited();
    void demandEditorWithoutTeam();
    void deadlineThroughEditor();
    void notBeforeAndTargetDate();

private:
    // Types `parts` into the editor's sections in order (year, month, day, hour, minute),
    // each selected first: QDateTimeEdit takes digits per section, not as one text.
    static void typeDate(QDateTimeEdit *edit, const QStringList &parts);
    // Types `text` over a spin box's whole text and leaves it with Tab, as a user does.
    static void typeUnits(QSpinBox *box, const QString &text);
    // The same for a line edit: focus, select all, type, Tab.
    static void typeOver(QLineEdit *edit, const QString &text);
    QJsonValue demandField() const { return current().extra.value(QLatin1String("resources")); }
    void loadDatesExample();
    const Task &task() const { return *m_doc->project().find(m_id); }
    const Task &current() const { return *m_doc->project().find(m_selection->currentId()); }

    std::unique_ptr<ProjectDocument> m_doc;
    std::unique_ptr<TaskSelection> m_selection;
    std::unique_ptr<Inspector> m_inspector;
    QUndoStack *m_stack = nullptr;
    const QString m_id = QStringLiteral("impl_websocket_server");
};

// §7: the demand and where it comes from, by the model's one rule (demandOf).
void TestInspector::showsTeamDemand()
{
    QVERIFY(m_inspector->demandLabel()->text().contains(QLatin1String("no team declared")));
    QString error;
    auto p = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json"), &error);
    QVERIFY2(p, qPrintable(error));
    m_doc->resetProject(*p);
    m_selection->select(QStringLiteral("qa_testing_2.4.0"));
    QCOMPARE(m_inspector->demandLabel()->text(), QStringLiteral("1 tester, from specialist_type"));
    m_selection->select(QStringLiteral("security_review_2.4.0"));   // a role nobody declared
    QCOMPARE(m_inspector->demandLabel()->text(), QStringLiteral("needs no one of the team"));
    m_selection->select(QStringLiteral("release_2.4.0"));
    QVERIFY(m_inspector->demandLabel()->text().contains(QLatin1String("summary")));
}

void TestInspector::typeUnits(QSpinBox *box, const QString &text)
{
    // Focus moves (and a box settles on losing it) only in the active window.
    QWidget *window = box->window();
    if (!window->isActiveWindow()) {
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
    }
    box->setFocus();
    QVERIFY(box->hasFocus());
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Tab);   // settles it: the box does not track keystrokes
    QVERIFY(!box->hasFocus());
}

void TestInspector::typeOver(QLineEdit *edit, const QString &text)
{
    QWidget *window = edit->window();
    if (!window->isActiveWindow()) {
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
    }
    edit->setFocus();
    QVERIFY(edit->hasFocus());
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Tab);
    QVERIFY(!edit->hasFocus());
}

// §8's three-point estimate, typed as a person would: each settled field writes its
// attribute in one undo step, unreadable text turns red and writes nothing, bounds out of
// order (o <= estimate <= p fails) show the warning, and an emptied field removes its
// attribute. The task's estimate is "1 week" (40 h).
void TestInspector::threePointEstimate()
{
    using Bound = InspectorThreePoint::Bound;
    InspectorThreePoint *three = m_inspector->threePoint();
    QLineEdit *optimistic = three->edit(Bound::Optimistic);
    QLineEdit *pessimistic = three->edit(Bound::Pessimistic);
    QCOMPARE(optimistic->placeholderText(), QStringLiteral("e.g. 2 days"));
    QCOMPARE(pessimistic->placeholderText(), QStringLiteral("e.g. 2 days"));
    QVERIFY(optimistic->isVisible() && optimistic->isEnabled());
    QVERIFY(three->warningLabel()->isHidden());
    const QString o = QStringLiteral("optimistic_effort"), p = QStringLiteral("pessimistic_effort");

    typeOver(optimistic, QStringLiteral("1 day"));
    QCOMPARE(task().attributes.value(o).toString(), QStringLiteral("1 day"));
    QCOMPARE(m_stack->count(), 1);
    typeOver(pessimistic, QStringLiteral("5 days"));
    QCOMPARE(task().attributes.value(p).toString(), QStringLiteral("5 days"));
    QCOMPARE(m_stack->count(), 2);
    QVERIFY(three->warningLabel()->isHidden());   // 8 <= 40 <= 40
    // One step each: undoing the second leaves the first.
    m_stack->undo();
    QVERIFY(!task().attributes.contains(p));
    QCOMPARE(task().attributes.value(o).toString(), QStringLiteral("1 day"));
    QVERIFY(pessimistic->text().isEmpty());
    m_stack->redo();
    QCOMPARE(pessimistic->text(), QStringLiteral("5 days"));

    // Unreadable: red, flagged, nothing written.
    typeOver(optimistic, QStringLiteral("soon-ish"));
    QVERIFY(!three->isReadable(Bound::Optimistic));
    QVERIFY(optimistic->styleSheet().contains(QLatin1String("color")));
    QCOMPARE(m_stack->count(), 2);
    QCOMPARE(task().attributes.value(o).toString(), QStringLiteral("1 day"));

    // Out of order: 80 h optimistic against a 40 h estimate.
    typeOver(optimistic, QStringLiteral("2 weeks"));
    QVERIFY(three->isReadable(Bound::Optimistic));
    QVERIFY(optimistic->styleSheet().isEmpty());
    QCOMPARE(task().attributes.value(o).toString(), QStringLiteral("2 weeks"));
    QCOMPARE(m_stack->count(), 3);
    QVERIFY(!three->warningLabel()->isHidden());
    QCOMPARE(three->warningLabel()->text(),
             QStringLiteral("three-point estimate out of order: the risk simulation uses the estimate alone"));

    // Emptied: the attribute goes, and with it the warning.
    typeOver(optimistic, QString());
    QVERIFY(!task().attributes.contains(o));
    QCOMPARE(m_stack->count(), 4);
    QVERIFY(three->warningLabel()->isHidden());
    m_stack->undo();
    QCOMPARE(optimistic->text(), QStringLiteral("2 weeks"));
    QVERIFY(!three->warningLabel()->isHidden());
}

// §7's own demand, edited with real clicks and keys: ticking pins the demand shown, each
// settled spin box writes the field, every change is one undo step, and undo gives back
// the field exactly, absent again after undoing the tick.
void TestInspector::ownDemandThroughEditor()
{
    loadDatesExample();
    m_selection->select(QStringLiteral("qa_testing_2.4.0"));
    InspectorDemand *editor = m_inspector->demandEditor();
    QCheckBox *own = editor->ownBox();
    QSpinBox *tester = editor->unitsBox(QStringLiteral("tester"));
    QSpinBox *engineer = editor->unitsBox(QStringLiteral("release_engineer"));
    QLabel *note = editor->capacityNote(QStringLiteral("tester"));
    QVERIFY(tester && engineer && note);
    QVERIFY(!editor->unitsBox(QStringLiteral("security_specialist")));
    QVERIFY(own->isEnabled() && !own->isChecked());
    QVERIFY(!tester->isEnabled() && !engineer->isEnabled());   // the rule's demand, shown
    QCOMPARE(tester->value(), 1);
    QCOMPARE(engineer->value(), 0);
    QVERIFY(!editor->hintLabel()->isVisible());
    QVERIFY(demandField().isUndefined());
    const QString ruleText = QStringLiteral("1 tester, from specialist_type");
    QCOMPARE(m_inspector->demandLabel()->text(), ruleText);

    QTest::mouseClick(own, Qt::LeftButton);
    QCOMPARE(demandField(), QJsonValue(QJsonObject{{QStringLiteral("tester"), 1}}));
    QCOMPARE(m_stack->count(), 1);
    QVERIFY(own->isChecked() && tester->isEnabled() && engineer->isEnabled());
    QCOMPARE(m_inspector->demandLabel()->text(), QStringLiteral("1 tester, from resources"));

    // More testers than exist: written as asked, with a red note (the analysis warns too).
    typeUnits(tester, QStringLiteral("2"));
    const QJsonObject twoTesters{{QStringLiteral("tester"), 2}};
    QCOMPARE(demandField(), QJsonValue(twoTesters));
    QCOMPARE(m_stack->count(), 2);
    QCOMPARE(note->text(), QStringLiteral("needs more than exist (capacity 1)"));
    QVERIFY(note->isVisible());
    QVERIFY(note->styleSheet().contains(QLatin1String("#c62828")));
    QCOMPARE(m_inspector->demandLabel()->text(), QStringLiteral("2 tester, from resources"));
    QTest::qWait(20);   // the hint just hid: let the layouts settle before the picture
    QVERIFY(m_inspector->grab().save(QStringLiteral("/tmp/inspector-demand.png")));

    typeUnits(engineer, QStringLiteral("1"));
    const QJsonObject both{{QStringLiteral("tester"), 2}, {QStringLiteral("release_engineer"), 1}};
    QCOMPARE(demandField(), QJsonValue(both));
    QCOMPARE(m_stack->count(), 3);
    // Leaving a box unchanged writes nothing.
    typeUnits(engineer, QStringLiteral("1"));
    QCOMPARE(m_stack->count(), 3);

    // All at zero: "needs no one", which is `{}`, not an absent field.
    typeUnits(tester, QStringLiteral("0"));
    QCOMPARE(note->text(), QStringLiteral("of 1"));
    QVERIFY(!note->styleSheet().contains(QLatin1String("#c62828")));
    typeUnits(engineer, QStringLiteral("0"));
    QCOMPARE(demandField(), QJsonValue(QJsonObject()));
    QCOMPARE(m_stack->count(), 5);
    QVERIFY(own->isChecked());
    QCOMPARE(m_inspector->demandLabel()->text(),
             QStringLiteral("needs no one (empty resources on Complete QA Testing)"));

    // Undo walks back through every value, and the editor follows.
    m_stack->undo();
    QCOMPARE(demandField(), QJsonValue(QJsonObject{{QStringLiteral("release_engineer"), 1}}));
    QCOMPARE(engineer->value(), 1);
    QCOMPARE(tester->value(), 0);
    m_stack->undo();
    QCOMPARE(demandField(), QJsonValue(both));
    QCOMPARE(tester->value(), 2);
    QVERIFY(note->text().startsWith(QLatin1String("needs more")));
    m_stack->undo();
    QCOMPARE(demandField(), QJsonValue(twoTesters));
    QCOMPARE(engineer->value(), 0);
    m_stack->undo();
    QCOMPARE(demandField(), QJsonValue(QJsonObject{{QStringLiteral("tester"), 1}}));
    m_stack->undo();
    QVERIFY(!current().extra.contains(QLatin1String("resources")));   // absent, not null
    QVERIFY(!own->isChecked() && !tester->isEnabled());
    QCOMPARE(tester->value(), 1);
    QCOMPARE(m_inspector->demandLabel()->text(), ruleText);
    QVERIFY(!m_doc->isModified());
    m_stack->redo();
    QCOMPARE(demandField(), QJsonValue(QJsonObject{{QStringLiteral("tester"), 1}}));
    QVERIFY(own->isChecked() && tester->isEnabled());
    QCOMPARE(m_inspector->demandLabel()->text(), QStringLiteral("1 tester, from resources"));

    // Unticking is one step back to the rule: the field goes, whatever it held.
    QTest::mouseClick(own, Qt::LeftButton);
    QVERIFY(demandField().isUndefined());
    QCOMPARE(m_stack->count(), 2);
    QCOMPARE(m_stack->index(), 2);
    QCOMPARE(m_inspector->demandLabel()->text(), ruleText);
}

// A summary's own field is what its tasks inherit; the editor says so and writes it there.
void TestInspector::summaryDemandIsInherited()
{
    loadDatesExample();
    m_selection->select(QStringLiteral("release_2.4.0"));
    InspectorDemand *editor = m_inspector->demandEditor();
    QVERIFY(editor->hintLabel()->isVisible());
    QVERIFY(editor->hintLabel()->text().contains(QLatin1String("summary")));
    QVERIFY(editor->hintLabel()->text().contains(QLatin1String("inherits")));
    QVERIFY(editor->ownBox()->isEnabled());
    QTest::mouseClick(editor->ownBox(), Qt::LeftButton);
    QCOMPARE(demandField(), QJsonValue(QJsonObject()));   // a summary needs no one by the rule
    typeUnits(editor->unitsBox(QStringLiteral("release_engineer")), QStringLiteral("1"));
    QCOMPARE(demandField(), QJsonValue(QJsonObject{{QStringLiteral("release_engineer"), 1}}));
    QCOMPARE(m_stack->count(), 2);
    // A task under it without a field of its own now holds the summary's demand.
    m_selection->select(QStringLiteral("qa_testing_2.4.0"));
    QCOMPARE(m_inspector->demandLabel()->text(), QStringLiteral("1 release_engineer, from resources of Release 2.4.0"));
    QVERIFY(!editor->ownBox()->isChecked());
    QCOMPARE(editor->unitsBox(QStringLiteral("release_engineer"))->value(), 1);
    QCOMPARE(editor->unitsBox(QStringLiteral("tester"))->value(), 0);
    QVERIFY(!editor->hintLabel()->isVisible());
}

// Without a declared team there is nothing to choose from: disabled, with the way to one.
void TestInspector::demandEditorWithoutTeam()
{
    InspectorDemand *editor = m_inspector->demandEditor();
    QCOMPARE(m_inspector->taskId(), m_id);
    QVERIFY(!editor->ownBox()->isEnabled());
    QVERIFY(editor->hintLabel()->isVisible());
    QCOMPARE(editor->hintLabel()->text(), QStringLiteral("Declare the team in Project ▸ Team…"));
    QVERIFY(editor->findChildren<QSpinBox *>().isEmpty());
    QTest::mouseClick(editor->ownBox(), Qt::LeftButton);
    QCOMPARE(m_stack->count(), 0);
    QVERIFY(!task().extra.contains(QLatin1String("resources")));

    // A project that declares a team brings the editor to life.
    loadDatesExample();
    m_selection->select(QStringLiteral("qa_testing_2.4.0"));
    QVERIFY(editor->ownBox()->isEnabled());
    QVERIFY(!editor->hintLabel()->isVisible());
    QCOMPARE(editor->findChildren<QSpinBox *>().size(), 2);
}

void TestInspector::typeDate(QDateTimeEdit *edit, const QStringList &parts)
{
    edit->setFocus();
    for (int i = 0; i < parts.size(); ++i) {
        edit->setSelectedSection(edit->sectionAt(i));
        QTest::keyClicks(edit, parts.at(i));
    }
    // Settles the typed value (the editor does not track each keystroke). Not a dialog.
    QTest::keyClick(edit, Qt::Key_Return);
}

void TestInspector::loadDatesExample()
{
    QString error;
    auto p = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR "/release-pipeline-team.json"), &error);
    QVERIFY2(p, qPrintable(error));
    m_doc->resetProject(*p);
    m_stack->clear();
}

// §6 in the inspector: a deadline typed into the real editor is one undo step, makes the
// task late in the next analysis, clears with its check box, and undo brings it back.
void TestInspector::deadlineThroughEditor()
{
    // Without a start the attribute is still there to edit, and says when it counts.
    QVERIFY(m_inspector->deadlineField()->toolTip().contains(QStringLiteral("Project \u25b8 Properties")));
    QVERIFY(!m_inspector->deadlineField()->setBox()->isChecked());

    AnalysisController analysis(m_doc.get());
    m_inspector->setAnalysis(&analysis);
    loadDatesExample();
    analysis.refreshNow();
    const QString deploy = QStringLiteral("deploy_production_2.4.0");
    m_selection->select(deploy);
    InspectorDateField *field = m_inspector->deadlineField();
    QDateTimeEdit *edit = field->edit();
    QVERIFY(!field->toolTip().contains(QStringLiteral("Properties")));
    QVERIFY(field->setBox()->isChecked());
    QCOMPARE(edit->displayFormat(), QStringLiteral("yyyy-MM-dd HH:mm"));
    QVERIFY(edit->calendarPopup());
    QCOMPARE(edit->dateTime(), QDateTime(QDate(2025, 6, 30), QTime(12, 0), Qt::UTC));
    QVERIFY(m_inspector->scheduledLabel()->text().contains(QStringLiteral(" \u2192 2025-")));

    // Focus in and out without a change writes nothing: the stored text stays as it was.
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(m_stack->count(), 0);

    typeDate(edit, {QStringLiteral("2025"), QStringLiteral("06"), QStringLiteral("23"), QStringLiteral("10"),
                    QStringLiteral("30")});
    QCOMPARE(current().attributes.value(QLatin1String("deadline")).toString(), QStringLiteral("2025-06-23T10:30"));
    QCOMPARE(m_stack->count(), 1);
    analysis.refreshNow();
    QVERIFY(analysis.result()->margin(deploy) < 0);
    QVERIFY2(m_inspector->scheduledLabel()->text().endsWith(QLatin1String(" late")),
             qPrintable(m_inspector->scheduledLabel()->text()));
    QVERIFY(m_inspector->scheduledLabel()->toolTip().startsWith(QLatin1String("due 2025-06-23 10:30, finishes ")));
    QCoreApplication::processEvents();   // the attribute table refreshes on a timer
    QVERIFY(m_inspector->grab().save(QStringLiteral("/tmp/inspector-dates.png")));

    m_stack->undo();
    QCOMPARE(current().attributes.value(QLatin1String("deadline")).toString(), QStringLiteral("2025-06-30T12:00"));
    QCOMPARE(edit->dateTime(), QDateTime(QDate(2025, 6, 30), QTime(12, 0), Qt::UTC));
    m_stack->redo();

    // The check box clears it in one step; undo restores the text.
    QTest::mouseClick(field->setBox(), Qt::LeftButton);
    QVERIFY(!current().attributes.contains(QLatin1String("deadline")));
    QVERIFY(!edit->isEnabled());
    QCOMPARE(m_stack->count(), 2);
    m_stack->undo();
    QCOMPARE(current().attributes.value(QLatin1String("deadline")).toString(), QStringLiteral("2025-06-23T10:30"));
    QVERIFY(field->setBox()->isChecked());

    // A task with none: ticking sets the date shown (the whole first day), and typing a
    // date right after is the same undo step.
    m_selection->select(QStringLiteral("security_review_2.4.0"));
    const int steps = m_stack->index();   // after the undo above: the redo step goes
    QVERIFY(!field->setBox()->isChecked());
    QTest::mouseClick(field->setBox(), Qt::LeftButton);
    QCOMPARE(current().attributes.value(QLatin1String("deadline")).toString(), QStringLiteral("2025-06-23"));
    typeDate(edit, {QStringLiteral("2025"), QStringLiteral("06"), QStringLiteral("25")});
    QCOMPARE(current().attributes.value(QLatin1String("deadline")).toString(), QStringLiteral("2025-06-25"));
    QCOMPARE(m_stack->index(), steps + 1);
    QCOMPARE(m_stack->count(), steps + 1);
    m_inspector->setAnalysis(nullptr);
}

// Editing the deadline of a task that only has target_date edits target_date (what the
// analysis reads); not_before at 00:00 stays date-only, another time is written with it.
void TestInspector::notBeforeAndTargetDate()
{
    loadDatesExample();
    m_selection->select(QStringLiteral("release_2.4.0"));
    InspectorDateField *deadline = m_inspector->deadlineField();
    QCOMPARE(deadline->attributeName(), QStringLiteral("target_date"));
    QVERIFY(deadline->toolTip().contains(QLatin1String("target_date")));
    QCOMPARE(deadline->edit()->dateTime(), QDateTime(QDate(2025, 7, 1), QTime(23, 59), Qt::UTC));
    typeDate(deadline->edit(), {QStringLiteral("2025"), QStringLiteral("07"), QStringLiteral("02")});
    QCOMPARE(m_doc->project().find(QStringLiteral("release_2.4.0"))->attributes.value(QLatin1String("target_date")).toString(),
             QStringLiteral("2025-07-02"));
    QVERIFY(!m_doc->project().find(QStringLiteral("release_2.4.0"))->attributes.contains(QLatin1String("deadline")));
    QCOMPARE(m_stack->count(), 1);

    m_selection->select(QStringLiteral("performance_validation_2.4.0"));
    InspectorDateField *notBefore = m_inspector->notBeforeField();
    QCOMPARE(notBefore->edit()->dateTime(), QDateTime(QDate(2025, 6, 24), QTime(0, 0), Qt::UTC));
    typeDate(notBefore->edit(), {QStringLiteral("2025"), QStringLiteral("06"), QStringLiteral("25"), QStringLiteral("13")});
    const QJsonObject &attrs = m_doc->project().find(QStringLiteral("performance_validation_2.4.0"))->attributes;
    QCOMPARE(attrs.value(QLatin1String("not_before")).toString(), QStringLiteral("2025-06-25T13:00"));
    QCOMPARE(notBefore->textFor(QDateTime(QDate(2025, 6, 26), QTime(0, 0), Qt::UTC)), QStringLiteral("2025-06-26"));
    m_stack->undo();
    QCOMPARE(m_doc->project().find(QStringLiteral("performance_validation_2.4.0"))->attributes.value(QLatin1String("not_before")).toString(),
             QStringLiteral("2025-06-24"));
    QCOMPARE(notBefore->edit()->dateTime(), QDateTime(QDate(2025, 6, 24), QTime(0, 0), Qt::UTC));
}

void TestInspector::init()
{
    m_doc = std::make_unique<ProjectDocument>();
    QString error;
    auto p = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/feature-development.json"), &error);
    QVERIFY2(p, qPrintable(error));
    m_doc->resetProject(*p);
    m_stack = m_doc->undoStack();
    m_selection = std::make_unique<TaskSelection>();
    m_inspector = std::make_unique<Inspector>(m_doc.get(), m_selection.get());
    m_inspector->resize(500, 800);
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
    m_selection->select(m_id);
}

void TestInspector::cleanup()
{
    m_inspector.reset();
    m_selection.reset();
    m_doc.reset();
}

void TestInspector::showsSelection()
{
    QCOMPARE(m_inspector->taskId(), m_id);
    QCOMPARE(m_inspector->titleEdit()->text(), QStringLiteral("Implement WebSocket Server"));
    QCOMPARE(m_inspector->statusCombo()->currentText(), toString(task().status));
    QCOMPARE(m_inspector->typeCombo()->currentText(), QStringLiteral("specialist_task"));
    QCOMPARE(m_inspector->effortEdit()->text(), QStringLiteral("1 week"));
    QCOMPARE(m_inspector->effortHours()->text(), QStringLiteral("= %1").arg(formatHours(40)));
    m_selection->clear();
    QVERIFY(!m_inspector->titleEdit()->isEnabled());
}

void TestInspector::title()
{
    QLineEdit *edit = m_inspector->titleEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("Socket server"));
    QCOMPARE(m_stack->count(), 0);    // nothing until Enter
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(task().title(), QStringLiteral("Socket server"));
    m_stack->undo();
    QCOMPARE(task().title(), QStringLiteral("Implement WebSocket Server"));
    QCOMPARE(edit->text(), QStringLiteral("Implement WebSocket Server"));
    m_stack->redo();
    QCOMPARE(edit->text(), QStringLiteral("Socket server"));
}

void TestInspector::description()
{
    QPlainTextEdit *edit = m_inspector->descriptionEdit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("abc"));
    // Keystrokes merge into one step.
    QCOMPARE(m_stack->count(), 1);
    QVERIFY(task().attributes.value(QStringLiteral("description")).toString().endsWith(QLatin1String("abc")));
    m_stack->undo();
    QVERIFY(!edit->toPlainText().endsWith(QLatin1String("abc")));
}

void TestInspector::type()
{
    QComboBox *combo = m_inspector->typeCombo();
    combo->setFocus();
    combo->lineEdit()->selectAll();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("research_spike"));
    QTest::keyClick(combo->lineEdit(), Qt::Key_Return);
    QCOMPARE(task().type, QStringLiteral("research_spike"));
    QCOMPARE(m_stack->count(), 1);
    m_stack->undo();
    QCOMPARE(task().type, QStringLiteral("specialist_task"));
    QCOMPARE(combo->currentText(), QStringLiteral("specialist_task"));
    // A well-known type from the list.
    combo->setCurrentIndex(combo->findText(QStringLiteral("hotfix")));
    emit combo->textActivated(QStringLiteral("hotfix"));
    QCOMPARE(task().type, QStringLiteral("hotfix"));
}

void TestInspector::status()
{
    const Status before = task().status;
    QComboBox *combo = m_inspector->statusCombo();
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(int(task().status), int(before) + 1);
    QCOMPARE(m_stack->count(), 1);
    m_stack->undo();
    QCOMPARE(int(task().status), int(before));
    QCOMPARE(combo->currentIndex(), int(before));
}

void TestInspector::lifecycle()
{
    QComboBox *combo = m_inspector->lifecycleCombo();
    const Lifecycle from = task().lifecycle;
    // Only allowed moves are offered.
    QVERIFY(combo->count() > 1);
    for (int i = 0; i < combo->count(); ++i)
        QVERIFY(isAllowedLifecycleTransition(from, Lifecycle(combo->itemData(i).toInt())));
    const int target = combo->currentIndex() == 0 ? 1 : 0;
    const Lifecycle to = Lifecycle(combo->itemData(target).toInt());
    combo->setCurrentIndex(target);
    QCOMPARE(int(task().lifecycle), int(to));
    QCOMPARE(m_stack->count(), 1);
    for (int i = 0; i < combo->count(); ++i)
        QVERIFY(isAllowedLifecycleTransition(to, Lifecycle(combo->itemData(i).toInt())));
    m_stack->undo();
    QCOMPARE(int(task().lifecycle), int(from));
    QCOMPARE(combo->currentData().toInt(), int(from));
}

void TestInspector::effort()
{
    QLineEdit *edit = m_inspector->effortEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("3 days"));
    QCOMPARE(m_inspector->effortHours()->text(), QStringLiteral("= %1").arg(formatHours(24)));
    QVERIFY(m_inspector->isEffortReadable());
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(task().attributes.value(QStringLiteral("estimated_effort")).toString(), QStringLiteral("3 days"));
    QCOMPARE(m_stack->count(), 1);
    m_stack->undo();
    QCOMPARE(edit->text(), QStringLiteral("1 week"));
}

void TestInspector::unreadableEffort()
{
    QLineEdit *edit = m_inspector->effortEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("soon-ish"));
    QVERIFY(!m_inspector->isEffortReadable());
    QVERIFY(edit->styleSheet().contains(QLatin1String("color")));
    QCOMPARE(m_inspector->effortHours()->text(), QStringLiteral("unreadable"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(m_stack->count(), 0);
    QCOMPARE(task().attributes.value(QStringLiteral("estimated_effort")).toString(), QStringLiteral("1 week"));
    // Mending it clears the flag.
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("2-4h"));
    QVERIFY(m_inspector->isEffortReadable());
    QVERIFY(edit->styleSheet().isEmpty());
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(m_stack->count(), 1);
}

void TestInspector::attributes()
{
    InspectorAttributeTable *attrs = m_inspector->attributeTable();
    QTableWidget *table = attrs->table();
    QCOMPARE(table->rowCount(), int(task().attributes.size()));
    const int before = table->rowCount();
    QPushButton *add = attrs->findChildren<QPushButton *>().at(0);
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(m_stack->count(), 1);
    QVERIFY(task().attributes.contains(QStringLiteral("attribute")));
    QTRY_COMPARE(table->rowCount(), before + 1);

    // Make it a number and give it a value.
    const int row = int(task().attributes.keys().indexOf(QStringLiteral("attribute")));
    auto *kind = qobject_cast<QComboBox *>(table->cellWidget(row, 1));
    QVERIFY(kind);
    kind->setCurrentIndex(InspectorAttributeTable::NumberKind);
    emit kind->activated(InspectorAttributeTable::NumberKind);
    QVERIFY(task().attributes.value(QStringLiteral("attribute")).isDouble());
    QTRY_VERIFY(table->item(row, 2) && table->item(row, 2)->text() == QStringLiteral("0"));
    table->item(row, 2)->setText(QStringLiteral("12.5"));
    QCOMPARE(task().attributes.value(QStringLiteral("attribute")).toDouble(), 12.5);
    // Text that is not a number is refused and shown back.
    table->item(row, 2)->setText(QStringLiteral("twelve"));
    QCOMPARE(task().attributes.value(QStringLiteral("attribute")).toDouble(), 12.5);
    QTRY_COMPARE(table->item(row, 2)->text(), QStringLiteral("12.5"));
    // Lists and objects are JSON text.
    QVERIFY(InspectorAttributeTable::valueFrom(InspectorAttributeTable::ListKind, QStringLiteral("[1, \"a\"]"))->isArray());
    QVERIFY(InspectorAttributeTable::valueFrom(InspectorAttributeTable::ObjectKind, QStringLiteral("{\"k\": true}"))->isObject());
    QVERIFY(!InspectorAttributeTable::valueFrom(InspectorAttributeTable::DateKind, QStringLiteral("2025-13-01")));
    QCOMPARE(InspectorAttributeTable::kindOf(QStringLiteral("2025-07-01")), InspectorAttributeTable::DateKind);

    // Remove it again, then undo everything.
    table->setCurrentCell(int(task().attributes.keys().indexOf(QStringLiteral("attribute"))), 0);
    QTest::mouseClick(attrs->findChildren<QPushButton *>().at(1), Qt::LeftButton);
    QVERIFY(!task().attributes.contains(QStringLiteral("attribute")));
    m_stack->setIndex(0);
    QVERIFY(!task().attributes.contains(QStringLiteral("attribute")));
    QTRY_COMPARE(table->rowCount(), before);
}

void TestInspector::dependencies()
{
    InspectorDependencyTable *deps = m_inspector->dependencyTable();
    QTableWidget *table = deps->table();
    const int before = int(task().dependencies.size());
    QCOMPARE(table->rowCount(), before);

    // A refused one: the epic is an ancestor.
    QSignalSpy problems(deps, &InspectorDependencyTable::problem);
    deps->newPrerequisite()->setCurrentIndex(deps->newPrerequisite()->findData(QStringLiteral("epic_real_time_chat")));
    QTest::mouseClick(deps->addButton(), Qt::LeftButton);
    QCOMPARE(problems.count(), 1);
    QCOMPARE(m_stack->count(), 0);

    deps->newPrerequisite()->setCurrentIndex(deps->newPrerequisite()->findData(QStringLiteral("feature_chat_ui")));
    deps->newType()->setCurrentIndex(int(DependencyType::Related));
    QTest::mouseClick(deps->addButton(), Qt::LeftButton);
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(int(task().dependencies.size()), before + 1);
    QCOMPARE(int(task().dependencies.last().type), int(DependencyType::Related));
    QTRY_COMPARE(table->rowCount(), before + 1);

    // Waive it through its check box, give it a lag.
    table->item(before, InspectorDependencyTable::WaivedColumn)->setCheckState(Qt::Checked);
    QVERIFY(task().dependencies.last().waived);
    QTRY_VERIFY(table->item(before, InspectorDependencyTable::LagColumn));
    table->item(before, InspectorDependencyTable::LagColumn)->setText(QStringLiteral("2 days"));
    QCOMPARE(task().dependencies.last().lag.toString(), QStringLiteral("2 days"));
    QTRY_VERIFY(table->item(before, InspectorDependencyTable::LagColumn));
    table->item(before, InspectorDependencyTable::LagColumn)->setText(QStringLiteral("-3"));
    QCOMPARE(task().dependencies.last().lag.toString(), QStringLiteral("2 days"));
    m_stack->setIndex(0);
    QCOMPARE(int(task().dependencies.size()), before);
    QTRY_COMPARE(table->rowCount(), before);
}

QTEST_MAIN(TestInspector)
// Picking another prerequisite in a row's combo, by typing its id as a user would, is one
// undoable command.
void TestInspector::retargetThroughCombo()
{
    InspectorDependencyTable *deps = m_inspector->dependencyTable();
    auto *combo = qobject_cast<QComboBox *>(deps->table()->cellWidget(0, InspectorDependencyTable::PrerequisiteColumn));
    QVERIFY(combo);
    QCOMPARE(combo->currentData().toString(), QStringLiteral("arch_messaging_system"));
    // Tasks by title (the id is the tool tip).
    QCOMPARE(combo->currentText(), QStringLiteral("Design Messaging Architecture"));

    // Down twice: past the task itself (refused, see below) to Implement Message Storage.
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(m_stack->count(), 1);
    const DependencyKey onArch{m_id, QStringLiteral("arch_messaging_system"), DependencyType::Completion};
    const DependencyKey onStorage{m_id, QStringLiteral("impl_message_storage"), DependencyType::Completion};
    QVERIFY(m_doc->dependencyIndex(onStorage) >= 0);
    QCOMPARE(m_doc->dependencyIndex(onArch), -1);
    m_stack->undo();
    QVERIFY(m_doc->dependencyIndex(onArch) >= 0);
    QCOMPARE(m_doc->dependencyIndex(onStorage), -1);
    QTRY_COMPARE(qobject_cast<QComboBox *>(deps->table()->cellWidget(0, InspectorDependencyTable::PrerequisiteColumn))
                     ->currentData().toString(),
                 QStringLiteral("arch_messaging_system"));

    // The task itself is listed too, and refused with the reason.
    combo = qobject_cast<QComboBox *>(deps->table()->cellWidget(0, InspectorDependencyTable::PrerequisiteColumn));
    QSignalSpy problems(deps, &InspectorDependencyTable::problem);
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);   // the next task in the file is this one
    QCOMPARE(problems.count(), 1);
    QCOMPARE(problems.at(0).at(0).toString(), QStringLiteral("A task cannot depend on itself."));
    QCOMPARE(m_stack->index(), 0);
    QVERIFY(m_doc->dependencyIndex(onArch) >= 0);
}

// The shared list of tasks follows every kind of edit, and is a well-behaved model.
void TestInspector::taskChoices()
{
    TaskChoiceModel *choices = m_inspector->dependencyTable()->choices();
    QAbstractItemModelTester tester(choices, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int n = m_doc->project().taskCount();
    QCOMPARE(choices->rowCount(), n);
    QCOMPARE(choices->idAt(choices->rowOf(m_id)), m_id);
    QCOMPARE(choices->data(choices->index(choices->rowOf(m_id))).toString(), QStringLiteral("Implement WebSocket Server"));
    QCOMPARE(choices->data(choices->index(choices->rowOf(m_id)), Qt::ToolTipRole).toString(), m_id);

    QSignalSpy changed(choices, &QAbstractItemModel::dataChanged);
    m_stack->push(ChangeTaskCommand::setAttribute(m_doc.get(), m_id, QStringLiteral("title"), QStringLiteral("Sockets")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(choices->data(choices->index(choices->rowOf(m_id))).toString(), QStringLiteral("Sockets"));

    Task extra;
    extra.id = QStringLiteral("extra");
    extra.type = QStringLiteral("specialist_task");
    m_stack->push(new AddTasksCommand(m_doc.get(), {extra}, 0));
    QCOMPARE(choices->rowCount(), n + 1);
    QCOMPARE(choices->idAt(0), QStringLiteral("extra"));
    m_stack->push(new ReparentTaskCommand(m_doc.get(), QStringLiteral("extra"), QStringLiteral("feature_chat_ui")));
    QCOMPARE(choices->idAt(choices->rowOf(QStringLiteral("extra"))), QStringLiteral("extra"));
    m_stack->push(new RemoveTasksCommand(m_doc.get(), {QStringLiteral("extra")}));
    QCOMPARE(choices->rowCount(), n);
    QCOMPARE(choices->rowOf(QStringLiteral("extra")), -1);
    while (m_stack->canUndo())
        m_stack->undo();
    QCOMPARE(choices->data(choices->index(choices->rowOf(m_id))).toString(), QStringLiteral("Implement WebSocket Server"));
    QCOMPARE(choices->data(choices->index(choices->rowOf(m_id)), Qt::ToolTipRole).toString(), m_id);
    m_doc->resetProject(Project());
    QCOMPARE(choices->rowCount(), 0);
}

#include "tst_inspector.moc"
