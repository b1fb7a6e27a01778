#pragma once

// Helpers several test executables share: running tools, reading PDFs, answering dialogs.

#include "model/project.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QTimer>

namespace WorkplanTest {

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

// Answers the next message box with `button` and remembers its text.
class MessageBoxAnswer : public QObject
{
public:
    explicit MessageBoxAnswer(QMessageBox::StandardButton button)
        : m_button(button)
    {
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this, timer] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            text = box->text();
            seen = true;
            timer->stop();
            if (QAbstractButton *b = box->button(m_button))
                b->click();
            else
                box->reject();
        });
        timer->start(20);
    }
    QString text;
    bool seen = false;

private:
    QMessageBox::StandardButton m_button;
};

} // namespace WorkplanTest
