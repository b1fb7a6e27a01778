// Each compiled-in template, filled with the values its example uses, is that example (the
// feature template, whose every task carries the feature's name, has the example's shape);
// filled with other values, every task they concern is renamed.
#include "model/storage/json/jsonformat.h"
#include "model/templates.h"
#include "views/templatedialog.h"

#include <QLineEdit>

#include <QFile>
#include <QtTest>

using namespace Workplan;

class TestTemplates : public QObject
{
    Q_OBJECT
private slots:
    void matchesExample_data();
    void matchesExample();
    void otherValues();
    void renamesEveryTask_data();
    void renamesEveryTask();
    void suffixFollowsName();
    void dialogSuffixFollowsName();
    void notATemplate();
};

static QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TestTemplates::matchesExample_data()
{
    QTest::addColumn<QString>("name");
    for (const char *n : {"feature-development", "bug-fix-critical", "bug-fix-regular", "release-pipeline",
                          "cross-team-feature", "enterprise-release"})
        QTest::newRow(n) << QString::fromLatin1(n);
}

void TestTemplates::matchesExample()
{
    QFETCH(QString, name);
    QString error;
    const auto tmpl = Templates::parse(readAll(QStringLiteral(WORKPLAN_SOURCE_DIR "/resources/templates/%1.json").arg(name)),
                                       &error);
    QVERIFY2(tmpl, qPrintable(error));
    QVERIFY(!tmpl->name.isEmpty());
    QVERIFY(!tmpl->parameters.isEmpty());
    // The defaults are the example's values.
    const auto made = Templates::instantiate(*tmpl, {}, &error);
    QVERIFY2(made, qPrintable(error));
    const auto example = JsonFormat::readFile(QStringLiteral(WORKPLAN_EXAMPLES_DIR "/%1.json").arg(name), &error);
    QVERIFY2(example, qPrintable(error));
    QCOMPARE(made->name, example->name);
    QCOMPARE(made->taskCount(), example->taskCount());
    if (name == QLatin1String("feature-development")) {
        // Generic titles and ids: the same workflow, task by task, under other names.
        for (int i = 0; i < example->taskCount(); ++i) {
            const Task &a = made->task(i);
            const Task &b = example->task(i);
            QCOMPARE(a.type, b.type);
            QVERIFY(a.status == b.status);
            QCOMPARE(a.parentId.isEmpty() ? -1 : made->indexOf(a.parentId),
                     b.parentId.isEmpty() ? -1 : example->indexOf(b.parentId));
            QCOMPARE(a.dependencies.size(), b.dependencies.size());
            for (int d = 0; d < a.dependencies.size(); ++d) {
                QCOMPARE(made->indexOf(a.dependencies[d].taskId), example->indexOf(b.dependencies[d].taskId));
                QVERIFY(a.dependencies[d].type == b.dependencies[d].type);
            }
        }
        return;
    }
    for (int i = 0; i < example->taskCount(); ++i) {
        const Task &a = made->task(i);
        const Task &b = example->task(i);
        QCOMPARE(a.id, b.id);
        QCOMPARE(a.parentId, b.parentId);
        QCOMPARE(a.attributes, b.attributes);
        QVERIFY2(a.dependencies == b.dependencies, qPrintable(a.id));
        QVERIFY2(a == b, qPrintable(a.id));
    }
    QVERIFY(*made == *example);
}

void TestTemplates::otherValues()
{
    QString error;
    const auto tmpl = Templates::parse(readAll(QStringLiteral(WORKPLAN_SOURCE_DIR "/resources/templates/release-pipeline.json")),
                                       &error);
    QVERIFY(tmpl);
    const auto made = Templates::instantiate(*tmpl, {{QStringLiteral("version"), QStringLiteral("3.0 \"beta\"")}}, &error);
    QVERIFY2(made, qPrintable(error));
    QVERIFY(made->contains(QStringLiteral("release_3.0 \"beta\"")));
    for (const Task &t : made->tasks()) {
        QVERIFY(!t.id.contains(QLatin1String("{{")));
        QVERIFY(!t.id.contains(QLatin1String("2.4.0")));
    }
}

static std::optional<Templates::Template> builtIn(const QString &name)
{
    return Templates::parse(readAll(QStringLiteral(WORKPLAN_SOURCE_DIR "/resources/templates/%1.json").arg(name)),
                            nullptr);
}

void TestTemplates::renamesEveryTask_data()
{
    QTest::addColumn<QString>("name");
    for (const char *n : {"feature-development", "bug-fix-critical", "bug-fix-regular", "release-pipeline",
                          "cross-team-feature", "enterprise-release"})
        QTest::newRow(n) << QString::fromLatin1(n);
}

// Values unlike any default: no id or title keeps a default value, every id carries the
// template's id part, and in the feature template every title names the feature.
void TestTemplates::renamesEveryTask()
{
    QFETCH(QString, name);
    const auto tmpl = builtIn(name);
    QVERIFY(tmpl);
    QMap<QString, QString> values;
    for (const Templates::Parameter &p : tmpl->parameters)
        values.insert(p.key, p.key == QLatin1String("name") ? QStringLiteral("Payments Gateway")
                                                           : QStringLiteral("zz%1").arg(p.key));
    QString error;
    const auto made = Templates::instantiate(*tmpl, values, &error);
    QVERIFY2(made, qPrintable(error));
    const QString idPart = values.contains(QStringLiteral("key")) ? values.value(QStringLiteral("key"))
                         : values.contains(QStringLiteral("bug")) ? values.value(QStringLiteral("bug"))
                                                                  : values.value(QStringLiteral("version"));
    for (const Task &t : made->tasks()) {
        QVERIFY2(t.id.contains(idPart), qPrintable(t.id));
        for (const Templates::Parameter &p : tmpl->parameters) {
            if (p.key == QLatin1String("target_date"))
                continue;   // a date, not a name
            QVERIFY2(!t.id.contains(p.defaultValue), qPrintable(t.id));
            QVERIFY2(!t.title().contains(p.defaultValue), qPrintable(t.title()));
        }
        if (name == QLatin1String("feature-development"))
            QVERIFY2(t.title().contains(QLatin1String("Payments Gateway")), qPrintable(t.title()));
    }
}

// Naming the feature alone renames its ids: the id part is derived from the name.
void TestTemplates::suffixFollowsName()
{
    QCOMPARE(Templates::idSuffix(QStringLiteral("  Payments Gateway 2.0!")), QStringLiteral("payments_gateway_2_0"));
    const auto tmpl = builtIn(QStringLiteral("feature-development"));
    QVERIFY(tmpl);
    QString error;
    const auto made = Templates::instantiate(*tmpl, {{QStringLiteral("name"), QStringLiteral("Payments Gateway")}}, &error);
    QVERIFY2(made, qPrintable(error));
    QVERIFY(made->contains(QStringLiteral("epic_payments_gateway")));
    QVERIFY(made->contains(QStringLiteral("design_payments_gateway")));
    QCOMPARE(made->name, QStringLiteral("Payments Gateway"));
    // A suffix the user typed wins.
    const auto typed = Templates::instantiate(*tmpl, {{QStringLiteral("name"), QStringLiteral("Payments Gateway")},
                                                       {QStringLiteral("key"), QStringLiteral("pay")}}, &error);
    QVERIFY(typed && typed->contains(QStringLiteral("epic_pay")));
}

// In the dialog the suffix field follows the name as it is typed, until typed in itself.
void TestTemplates::dialogSuffixFollowsName()
{
    const auto tmpl = builtIn(QStringLiteral("feature-development"));
    QVERIFY(tmpl);
    TemplateDialog dialog(*tmpl);
    QLineEdit *name = dialog.editFor(QStringLiteral("name"));
    QLineEdit *key = dialog.editFor(QStringLiteral("key"));
    QVERIFY(name && key);
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Search Box"));
    QCOMPARE(key->text(), QStringLiteral("search_box"));
    key->selectAll();
    QTest::keyClicks(key, QStringLiteral("sb"));
    QTest::keyClicks(name, QStringLiteral(" V2"));
    QCOMPARE(key->text(), QStringLiteral("sb"));
    QCOMPARE(dialog.values().value(QStringLiteral("name")), QStringLiteral("Search Box V2"));
}

void TestTemplates::notATemplate()
{
    QString error;
    QVERIFY(!Templates::parse(QByteArrayLiteral("{\"tasks\": []}"), &error));
    QVERIFY(!error.isEmpty());
}

QTEST_MAIN(TestTemplates)
#include "tst_templates.moc"
