#pragma once

// Helpers several test executables share: the contract's examples, running tools, reading
// PDFs. (Dialog helpers, which need Widgets, are in testwidgets.h.)

#include "model/project.h"
#include "model/storage/json/jsonformat.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringList>
#include <QXmlStreamReader>
#include <QtTest>

namespace WorkplanTest {

// True when the suite must behave as in a clone with nothing beside it (.ci/run's second
// pass): the contract's folder ../shared is then not read even where it exists.
inline bool sharedIgnored()
{
    return qEnvironmentVariableIntValue("WORKPLAN_IGNORE_SHARED") != 0;
}

// A file the suite needs from tests/data; a missing one fails at once, naming it.
inline QString testData(const QString &relative)
{
    const QString path = QStringLiteral(WORKPLAN_SOURCE_DIR "/tests/data/") + relative;
    if (!QFileInfo::exists(path))
        qFatal("test data missing: %s", qPrintable(path));
    return path;
}

// One project of tests/data/examples by its base name; a broken example ends the test run.
inline Workplan::Project loadExample(const char *name)
{
    QString error;
    auto p = Workplan::JsonFormat::readFile(
        testData(QStringLiteral("examples/%1.json").arg(QLatin1String(name))), &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    return *p;
}

// Data rows "input" / "expected": every example beside its *.expected.json; with
// `withV2`, also the contract's examples of §6–§7 (tests/data/examples-v2), whose expected
// files leave `leveled` out.
inline void addExampleRows(bool withV2 = false)
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QStringList dirs{QStringLiteral(WORKPLAN_EXAMPLES_DIR)};
    if (withV2)
        dirs << QStringLiteral(WORKPLAN_EXAMPLES_V2_DIR);
    for (const QString &path : dirs) {
        const QDir dir(path);
        const QStringList files = dir.entryList({QStringLiteral("*.expected.json")}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(QStringLiteral("no examples in %1").arg(path)));
        for (const QString &e : files) {
            const QString base = e.left(e.size() - int(qstrlen(".expected.json")));
            QTest::newRow(qPrintable(base)) << dir.filePath(base + QLatin1String(".json")) << dir.filePath(e);
        }
    }
}

// Runs a program to the end and returns its standard output.
inline QString run(const QString &program, const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60000);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAllStandardOutput());
}

// What one run of a program left: exit code (-1 when it crashed or timed out), its output.
struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs `program` (the workplan binary when empty) with `args` and, when given, `env`;
// never waits longer than `timeoutMs`: a program that hangs is killed and reported, so a
// test fails instead of hanging.
inline ProcessResult runProgram(const QStringList &args, const QProcessEnvironment &env = {},
                                int timeoutMs = 60000, const QString &program = {})
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.start(program.isEmpty() ? QStringLiteral(WORKPLAN_BINARY) : program, args);
    ProcessResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = "timed out: " + args.join(QLatin1Char(' ')).toUtf8();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Settings and standard paths of the test's own, never the user's: test mode, and an
// organisation and application name QSettings files are kept under.
inline void isolateSettings(const char *application)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("WorkplanTests"));
    QCoreApplication::setApplicationName(QLatin1String(application));
}

// The text an SVG file shows (its character data, joined by spaces and simplified as
// simplified() does); empty with *error set when the file cannot be read or parsed.
inline QString svgText(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return {};
    }
    QXmlStreamReader xml(&f);
    QStringList texts;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::Characters && !xml.isWhitespace())
            texts << xml.text().toString();
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1: %2").arg(path, xml.errorString());
        return {};
    }
    return texts.join(QLatin1Char(' ')).normalized(QString::NormalizationForm_KC).simplified();
}

// Page count from pdfinfo (poppler-utils), -1 when it cannot tell.
inline int pdfPages(const QString &pdf)
{
    const QString info = run(QStringLiteral("pdfinfo"), {pdf});
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

// PDF text comes with typographic ligatures (U+FB01 for "fi"); compare in NFKC.
inline QString simplified(const QString &text)
{
    return text.normalized(QString::NormalizationForm_KC).simplified();
}

inline QStringList titles(const Workplan::Project &p)
{
    QStringList out;
    for (const Workplan::Task &t : p.tasks())
        out << t.title();
    return out;
}

// Hand-built plans: a specialist task "Task <id>" of one day at a stored canvas place, and
// a completion dependency on `on`.
inline Workplan::Task placedLeaf(const QString &id, const QString &parent, QPointF pos)
{
    Workplan::Task t;
    t.id = id;
    t.type = QStringLiteral("specialist_task");
    t.parentId = parent;
    t.attributes.insert(QStringLiteral("title"), QStringLiteral("Task %1").arg(id));
    t.attributes.insert(QStringLiteral("estimated_effort"), QStringLiteral("1 day"));
    t.position = pos;
    t.hasPosition = true;
    return t;
}

inline Workplan::Dependency dependencyOn(const QString &on)
{
    Workplan::Dependency d;
    d.taskId = on;
    return d;
}

} // namespace WorkplanTest
