// Each compiled-in template, filled with the values its example uses, is that example.
#include "model/storage/jsonformat.h"
#include "model/templates.h"

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

void TestTemplates::notATemplate()
{
    QString error;
    QVERIFY(!Templates::parse(QByteArrayLiteral("{\"tasks\": []}"), &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestTemplates)
#include "tst_templates.moc"
