// Edits made through the inspector's widgets land on the undo stack, and undo shows back.
#include "model/commands/changetaskcommand.h"
#include "model/commands/structurecommands.h"
#include "model/commands/taskcommands.h"
#include "model/effort.h"
#include "model/projectdocument.h"
#include "model/storage/jsonformat.h"
#include "views/inspectorattributetable.h"
#include "views/inspectordependencytable.h"
#include "views/inspector.h"
#include "views/taskchoicemodel.h"
#include "views/taskselection.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
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
    void attributes();
    void dependencies();
    void retargetThroughCombo();
    void taskChoices();
    void showsTeamDemand();

private:
    const Task &task() const { return *m_doc->project().find(m_id); }

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
    QVERIFY(combo->currentText().startsWith(QStringLiteral("arch_messaging_system \u2014 ")));

    combo->setFocus();
    QTest::keyClicks(combo, QStringLiteral("impl_message"));
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(task().dependencies.at(0).taskId, QStringLiteral("impl_message_storage"));
    m_stack->undo();
    QCOMPARE(task().dependencies.at(0).taskId, QStringLiteral("arch_messaging_system"));
    QTRY_COMPARE(qobject_cast<QComboBox *>(deps->table()->cellWidget(0, InspectorDependencyTable::PrerequisiteColumn))
                     ->currentData().toString(),
                 QStringLiteral("arch_messaging_system"));

    // The task itself is listed too, and refused with the reason.
    combo = qobject_cast<QComboBox *>(deps->table()->cellWidget(0, InspectorDependencyTable::PrerequisiteColumn));
    QSignalSpy problems(deps, &InspectorDependencyTable::problem);
    combo->setFocus();
    QTest::keyClicks(combo, QStringLiteral("impl_websocket"));
    QCOMPARE(problems.count(), 1);
    QCOMPARE(problems.at(0).at(0).toString(), QStringLiteral("A task cannot depend on itself."));
    QCOMPARE(m_stack->index(), 0);
    QCOMPARE(task().dependencies.at(0).taskId, QStringLiteral("arch_messaging_system"));
}

// The shared list of tasks follows every kind of edit, and is a well-behaved model.
void TestInspector::taskChoices()
{
    TaskChoiceModel *choices = m_inspector->dependencyTable()->choices();
    QAbstractItemModelTester tester(choices, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int n = m_doc->project().taskCount();
    QCOMPARE(choices->rowCount(), n);
    QCOMPARE(choices->idAt(choices->rowOf(m_id)), m_id);
    QCOMPARE(choices->data(choices->index(choices->rowOf(m_id))).toString(),
             QStringLiteral("impl_websocket_server \u2014 Implement WebSocket Server"));

    QSignalSpy changed(choices, &QAbstractItemModel::dataChanged);
    m_stack->push(ChangeTaskCommand::setAttribute(m_doc.get(), m_id, QStringLiteral("title"), QStringLiteral("Sockets")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(choices->data(choices->index(choices->rowOf(m_id))).toString(), QStringLiteral("impl_websocket_server \u2014 Sockets"));

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
    QCOMPARE(choices->data(choices->index(choices->rowOf(m_id))).toString(),
             QStringLiteral("impl_websocket_server \u2014 Implement WebSocket Server"));
    m_doc->resetProject(Project());
    QCOMPARE(choices->rowCount(), 0);
}

#include "tst_inspector.moc"
